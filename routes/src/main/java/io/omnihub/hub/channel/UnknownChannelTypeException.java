package io.omnihub.hub.channel;

import io.omnihub.hub.config.StartRefusedException;
import java.util.List;

/** Enabled channel instances of a kind the hub does not have: a typo would otherwise leave a shop unconnected. */
public class UnknownChannelTypeException extends StartRefusedException {

    public UnknownChannelTypeException(List<String> problems) {
        super(
                "The hub will not start with channel instances it cannot connect",
                problems,
                "Set each instance's type in channels.yml to one of: " + String.join(", ", ChannelTypes.names())
                        + " (or enabled: false to keep it off).");
    }
}
