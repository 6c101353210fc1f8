package io.omnihub.hub.youzan;

import io.omnihub.channel.NamedChannelType;

/** A Youzan shop pushing trade and member messages to {@link YouzanPushController}. */
public final class YouzanChannelType extends NamedChannelType {

    public static final String NAME = "youzan";

    public YouzanChannelType() {
        super(NAME, "app-secret");
    }
}
