package io.omnihub.hub.security;

import java.util.List;

/** Settings the prod profile will not run with, one line each. */
public class ProductionSettingsException extends IllegalStateException {

    private final List<String> problems;

    public ProductionSettingsException(List<String> problems) {
        super("The hub will not start with logins on (hub.security.enabled) while: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
