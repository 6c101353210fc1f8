package io.omnihub.channels.douyin;

import io.omnihub.channel.ChannelContext;
import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.OrderChannel;
import io.omnihub.channel.PlatformSettings;
import io.omnihub.channel.PulledPlatformType;

/** Douyin shops over the Doudian open platform: orders pulled by update time, SKU stock and prices pushed. */
public final class DouyinChannelType extends PulledPlatformType {

    public static final String NAME = "douyin";

    public DouyinChannelType() {
        super(NAME);
    }

    @Override
    protected OrderChannel connect(String id, ChannelInstance c, PlatformSettings s, ChannelContext ctx) {
        return OrderChannel.of(
                id,
                c,
                guard -> new DoudianClient(
                        s.endpoint(),
                        new DoudianCredentials(s.appKey(), s.appSecret(), s.accessToken()),
                        ctx.http(),
                        ctx.clock(),
                        ChannelContext.CALL_TIMEOUT,
                        guard),
                client -> new DoudianOrders(client, s.pageSize()),
                order -> DouyinOrderMapper.toOrder(id, order, ctx.codes()),
                DoudianSkus::new);
    }
}
