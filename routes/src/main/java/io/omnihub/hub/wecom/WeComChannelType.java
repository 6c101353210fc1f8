package io.omnihub.hub.wecom;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.NamedChannelType;
import java.util.List;

/** A WeCom (enterprise WeChat) corp whose customer-contact callbacks {@link WeComCallbackController} decrypts. */
public final class WeComChannelType extends NamedChannelType {

    public static final String NAME = "wecom";

    public WeComChannelType() {
        super(NAME, "callback-token", "encoding-aes-key");
    }

    @Override
    public List<String> problems(String id, ChannelInstance c) {
        return WeComSettings.problems(id, c);
    }
}
