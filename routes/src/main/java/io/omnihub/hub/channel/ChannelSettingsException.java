package io.omnihub.hub.channel;

import io.omnihub.hub.config.StartRefusedException;
import java.util.List;

/**
 * Enabled channel instances the hub cannot connect as configured: an unknown type, a missing or
 * malformed endpoint, a sign method or page size the platform does not have. Refused at start, so
 * that a typo does not leave a shop unconnected, or fail on its first call, without a word.
 */
public class ChannelSettingsException extends StartRefusedException {

    public ChannelSettingsException(List<String> problems) {
        super(
                "The hub will not start with channel instances it cannot connect",
                problems,
                "Correct them in channels.yml (types: " + String.join(", ", ChannelTypes.names())
                        + "), or set enabled: false to keep an instance off.");
    }
}
