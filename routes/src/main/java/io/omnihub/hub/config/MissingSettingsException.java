package io.omnihub.hub.config;

import java.util.List;

/** Settings the hub cannot run with on external infrastructure, one line each. */
public class MissingSettingsException extends IllegalStateException {

    private final List<String> problems;

    public MissingSettingsException(List<String> problems) {
        super("The hub cannot start on external infrastructure while: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
