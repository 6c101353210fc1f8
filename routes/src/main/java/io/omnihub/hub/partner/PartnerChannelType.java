package io.omnihub.hub.partner;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.NamedChannelType;
import java.util.List;

/** A partner pushing orders, stock and members as signed webhooks to {@link PartnerWebhookController}. */
public final class PartnerChannelType extends NamedChannelType {

    public static final String NAME = "partner";

    public PartnerChannelType() {
        super(NAME, "app-secret");
    }

    @Override
    public List<String> problems(String id, ChannelInstance c) {
        return PartnerSettings.problems(id, c);
    }
}
