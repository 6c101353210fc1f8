package io.omnihub.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the settings to fix, one a line, instead of a stack trace. */
public class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        return new FailureAnalysis("The hub cannot start on external infrastructure while:\n  "
                + String.join("\n  ", cause.problems()),
                "Set the environment variables named above (README: Running against external infrastructure), or run"
                        + " the embedded default, which starts its own servers.",
                cause);
    }
}
