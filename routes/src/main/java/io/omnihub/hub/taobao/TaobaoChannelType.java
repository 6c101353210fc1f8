package io.omnihub.hub.taobao;

import io.omnihub.connectors.taobao.TaobaoItems;
import io.omnihub.connectors.taobao.TaobaoTrades;
import io.omnihub.connectors.taobao.TopClient;
import io.omnihub.connectors.taobao.TopCredentials;
import io.omnihub.connectors.taobao.TopSigner.SignMethod;
import io.omnihub.hub.channel.ChannelContext;
import io.omnihub.hub.channel.NamedChannelType;
import io.omnihub.hub.channel.OrderChannel;
import io.omnihub.hub.config.ChannelInstance;
import io.omnihub.mappings.taobao.TaobaoOrderMapper;
import java.net.URI;
import java.util.Optional;

/** Taobao and Tmall shops over TOP: trades pulled by modified time, SKU quantities and prices pushed. */
public final class TaobaoChannelType extends NamedChannelType {

    public static final String NAME = "taobao";

    public TaobaoChannelType() {
        super(NAME, "app-secret", "access-token");
    }

    @Override
    public Optional<OrderChannel> orderChannel(String id, ChannelInstance c, ChannelContext ctx) {
        ChannelInstance.Credentials cred = c.getCredentials();
        return Optional.of(OrderChannel.of(
                id,
                c,
                guard -> new TopClient(
                        URI.create(c.getEndpoint()),
                        new TopCredentials(cred.getAppKey(), cred.getAppSecret(), cred.getAccessToken()),
                        SignMethod.fromWire(cred.getSignMethod()),
                        ctx.http(),
                        ctx.clock(),
                        ChannelContext.CALL_TIMEOUT,
                        guard),
                client -> new TaobaoTrades(client, c.getPull().getPageSize()),
                trade -> TaobaoOrderMapper.toOrder(id, trade, ctx.codes()),
                TaobaoItems::new));
    }
}
