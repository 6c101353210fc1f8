package io.omnihub.hub.wecom;

import io.omnihub.channel.NamedChannelType;

/** A WeCom (enterprise WeChat) corp whose customer-contact callbacks {@link WeComCallbackController} decrypts. */
public final class WeComChannelType extends NamedChannelType {

    public static final String NAME = "wecom";

    public WeComChannelType() {
        super(NAME, "callback-token", "encoding-aes-key");
    }
}
