package io.omnihub.hub.channel;

import io.omnihub.hub.config.HubProperties;
import org.springframework.stereotype.Component;

/**
 * The channel instances' settings, checked once at start ({@link ChannelTypes#requireValid}); what
 * connects instances (order channels, POS drop routes) takes this bean, so that nothing connects
 * before the check has passed.
 */
@Component
public class ChannelSettingsCheck {

    public ChannelSettingsCheck(HubProperties hub) {
        ChannelTypes.requireValid(hub.getChannels());
    }
}
