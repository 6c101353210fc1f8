package io.omnihub.hub.messaging;

import io.omnihub.hub.config.StartRefusedException;
import java.util.List;

/** The broker's settings for the sync queues would lose a guarantee, or cannot be read. */
public class BrokerSettingsException extends StartRefusedException {

    public BrokerSettingsException(List<String> problems) {
        super(
                "The hub will not start on this Artemis broker while",
                problems,
                "Fix the broker's settings (config/artemis/broker.properties holds a working set; README: Run in"
                        + " production), or set hub.messaging.check-broker-settings=false to start without the check.");
    }
}
