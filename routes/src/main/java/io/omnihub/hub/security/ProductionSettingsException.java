package io.omnihub.hub.security;

import io.omnihub.hub.config.StartRefusedException;
import java.util.List;

/** Settings the prod profile will not run with, one line each. */
public class ProductionSettingsException extends StartRefusedException {

    public ProductionSettingsException(List<String> problems) {
        super(
                "The hub will not start with logins on (hub.security.enabled) while",
                problems,
                "Set the environment variables named above to the real values (the prod profile never falls back"
                        + " to the sandbox's), or turn logins off for a local run with hub.security.enabled=false.");
    }
}
