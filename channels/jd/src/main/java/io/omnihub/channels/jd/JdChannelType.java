package io.omnihub.channels.jd;

import io.omnihub.channel.ChannelContext;
import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.OrderChannel;
import io.omnihub.channel.PlatformSettings;
import io.omnihub.channel.PulledPlatformType;

/** JD shops over JOS: orders pulled by modified time, SKU stock (absolute, settling) and prices pushed. */
public final class JdChannelType extends PulledPlatformType {

    public static final String NAME = "jd";

    public JdChannelType() {
        super(NAME);
    }

    @Override
    protected OrderChannel connect(String id, ChannelInstance c, PlatformSettings s, ChannelContext ctx) {
        return OrderChannel.of(
                id,
                c,
                guard -> new JosClient(
                        s.endpoint(),
                        new JosCredentials(s.appKey(), s.appSecret(), s.accessToken()),
                        ctx.http(),
                        ctx.clock(),
                        ChannelContext.CALL_TIMEOUT,
                        guard),
                client -> new JdOrders(client, s.pageSize()),
                order -> JdOrderMapper.toOrder(id, order, ctx.codes()),
                JdSkus::new);
    }
}
