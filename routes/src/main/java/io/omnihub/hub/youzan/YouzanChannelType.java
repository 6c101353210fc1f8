package io.omnihub.hub.youzan;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.NamedChannelType;
import java.util.List;

/** A Youzan shop pushing trade and member messages to {@link YouzanPushController}. */
public final class YouzanChannelType extends NamedChannelType {

    public static final String NAME = "youzan";

    public YouzanChannelType() {
        super(NAME, "app-secret");
    }

    @Override
    public List<String> problems(String id, ChannelInstance c) {
        return YouzanSettings.problems(id, c);
    }
}
