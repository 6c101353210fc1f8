package io.omnihub.hub.config;

import java.util.List;

/** Settings the hub cannot run with on external infrastructure. */
public class MissingSettingsException extends StartRefusedException {

    public MissingSettingsException(List<String> problems) {
        super(
                "The hub cannot start on external infrastructure while",
                problems,
                "Set the environment variables named above (README: Run in production), or run"
                        + " the embedded default, which starts its own servers.");
    }
}
