package io.omnihub.channels.taobao;

import io.omnihub.channel.ChannelContext;
import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.OrderChannel;
import io.omnihub.channel.PlatformSettings;
import io.omnihub.channel.PulledPlatformType;
import java.util.List;

/** Taobao and Tmall shops over TOP: trades pulled by modified time, SKU quantities and prices pushed. */
public final class TaobaoChannelType extends PulledPlatformType {

    public static final String NAME = "taobao";

    public TaobaoChannelType() {
        super(NAME);
    }

    @Override
    public List<String> problems(String id, ChannelInstance c) {
        return TaobaoSettings.problems(id, c);
    }

    @Override
    protected OrderChannel connect(String id, ChannelInstance c, PlatformSettings common, ChannelContext ctx) {
        TaobaoSettings s = TaobaoSettings.of(c);
        return OrderChannel.of(
                id,
                c,
                guard -> new TopClient(
                        common.endpoint(),
                        new TopCredentials(common.appKey(), common.appSecret(), common.accessToken()),
                        s.signMethod(),
                        ctx.http(),
                        ctx.clock(),
                        ChannelContext.CALL_TIMEOUT,
                        guard),
                client -> new TaobaoTrades(client, common.pageSize()),
                trade -> TaobaoOrderMapper.toOrder(id, trade, ctx.codes()),
                TaobaoItems::new);
    }
}
