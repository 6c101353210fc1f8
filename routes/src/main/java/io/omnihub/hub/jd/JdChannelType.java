package io.omnihub.hub.jd;

import io.omnihub.connectors.jd.JdOrders;
import io.omnihub.connectors.jd.JdSkus;
import io.omnihub.connectors.jd.JosClient;
import io.omnihub.connectors.jd.JosCredentials;
import io.omnihub.hub.channel.ChannelContext;
import io.omnihub.hub.channel.NamedChannelType;
import io.omnihub.hub.channel.OrderChannel;
import io.omnihub.hub.config.ChannelInstance;
import io.omnihub.mappings.jd.JdOrderMapper;
import java.net.URI;
import java.util.Optional;

/** JD shops over JOS: orders pulled by modified time, SKU stock (absolute, settling) and prices pushed. */
public final class JdChannelType extends NamedChannelType {

    public static final String NAME = "jd";

    public JdChannelType() {
        super(NAME, "app-secret", "access-token");
    }

    @Override
    public Optional<OrderChannel> orderChannel(String id, ChannelInstance c, ChannelContext ctx) {
        ChannelInstance.Credentials cred = c.getCredentials();
        return Optional.of(OrderChannel.of(
                id,
                c,
                guard -> new JosClient(
                        URI.create(c.getEndpoint()),
                        new JosCredentials(cred.getAppKey(), cred.getAppSecret(), cred.getAccessToken()),
                        ctx.http(),
                        ctx.clock(),
                        ChannelContext.CALL_TIMEOUT,
                        guard),
                client -> new JdOrders(client, c.getPull().getPageSize()),
                order -> JdOrderMapper.toOrder(id, order, ctx.codes()),
                JdSkus::new));
    }
}
