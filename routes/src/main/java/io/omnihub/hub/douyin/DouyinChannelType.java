package io.omnihub.hub.douyin;

import io.omnihub.connectors.douyin.DoudianClient;
import io.omnihub.connectors.douyin.DoudianCredentials;
import io.omnihub.connectors.douyin.DoudianOrders;
import io.omnihub.connectors.douyin.DoudianSkus;
import io.omnihub.hub.channel.ChannelContext;
import io.omnihub.hub.channel.NamedChannelType;
import io.omnihub.hub.channel.OrderChannel;
import io.omnihub.hub.config.ChannelInstance;
import io.omnihub.mappings.douyin.DouyinOrderMapper;
import java.net.URI;
import java.util.Optional;

/** Douyin shops over the Doudian open platform: orders pulled by update time, SKU stock and prices pushed. */
public final class DouyinChannelType extends NamedChannelType {

    public static final String NAME = "douyin";

    public DouyinChannelType() {
        super(NAME, "app-secret", "access-token");
    }

    @Override
    public Optional<OrderChannel> orderChannel(String id, ChannelInstance c, ChannelContext ctx) {
        ChannelInstance.Credentials cred = c.getCredentials();
        return Optional.of(OrderChannel.of(
                id,
                c,
                guard -> new DoudianClient(
                        URI.create(c.getEndpoint()),
                        new DoudianCredentials(cred.getAppKey(), cred.getAppSecret(), cred.getAccessToken()),
                        ctx.http(),
                        ctx.clock(),
                        ChannelContext.CALL_TIMEOUT,
                        guard),
                client -> new DoudianOrders(client, c.getPull().getPageSize()),
                order -> DouyinOrderMapper.toOrder(id, order, ctx.codes()),
                DoudianSkus::new));
    }
}
