package io.omnihub.hub.taobao;

import io.omnihub.connectors.taobao.TaobaoItems;
import io.omnihub.connectors.taobao.TaobaoTrades;
import io.omnihub.connectors.taobao.TopClient;
import io.omnihub.connectors.taobao.TopCredentials;
import io.omnihub.connectors.taobao.TopSigner.SignMethod;
import io.omnihub.hub.channel.ChannelContext;
import io.omnihub.hub.channel.OrderChannel;
import io.omnihub.hub.channel.PlatformSettings;
import io.omnihub.hub.channel.PulledPlatformType;
import io.omnihub.hub.config.ChannelInstance;
import io.omnihub.mappings.taobao.TaobaoOrderMapper;
import java.util.ArrayList;
import java.util.List;

/** Taobao and Tmall shops over TOP: trades pulled by modified time, SKU quantities and prices pushed. */
public final class TaobaoChannelType extends PulledPlatformType {

    public static final String NAME = "taobao";

    public TaobaoChannelType() {
        super(NAME);
    }

    /** TOP signs with md5, hmac or hmac-sha256; anything else would be refused on every call. */
    @Override
    public List<String> problems(String id, ChannelInstance c) {
        List<String> problems = new ArrayList<>(super.problems(id, c));
        try {
            SignMethod.fromWire(c.getCredentials().getSignMethod());
        } catch (IllegalArgumentException e) {
            problems.add("hub.channels." + id + ".credentials.sign-method is "
                    + c.getCredentials().getSignMethod() + ", not md5, hmac or hmac-sha256");
        }
        return problems;
    }

    @Override
    protected OrderChannel connect(String id, ChannelInstance c, PlatformSettings s, ChannelContext ctx) {
        return OrderChannel.of(
                id,
                c,
                guard -> new TopClient(
                        s.endpoint(),
                        new TopCredentials(s.appKey(), s.appSecret(), s.accessToken()),
                        SignMethod.fromWire(c.getCredentials().getSignMethod()),
                        ctx.http(),
                        ctx.clock(),
                        ChannelContext.CALL_TIMEOUT,
                        guard),
                client -> new TaobaoTrades(client, s.pageSize()),
                trade -> TaobaoOrderMapper.toOrder(id, trade, ctx.codes()),
                TaobaoItems::new);
    }
}
