package io.omnihub.hub.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the settings to fix, one a line, instead of a stack trace. */
public class ProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettingsException cause) {
        return new FailureAnalysis("The hub will not start with logins on (hub.security.enabled) while:\n  "
                + String.join("\n  ", cause.problems()),
                "Set the environment variables named above to the real values (the prod profile never falls back"
                        + " to the sandbox's), or turn logins off for a local run with hub.security.enabled=false.",
                cause);
    }
}
