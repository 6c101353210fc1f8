package io.omnihub.hub.stock;

import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.hub.messaging.PushResult;
import io.omnihub.hub.pricing.ChannelPrices;
import io.omnihub.hub.pricing.PricePush;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.SyncCommand;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the per-shop sync-out routes call, by instance id: push one command to the shop's
 * listings, and the periodic tasks that find commands to send again. Kept out of the route
 * builder so the routes only move messages (see {@link SyncOutRoutes}).
 */
@Component("channelSyncTasks")
public class ChannelSyncTasks {

    private final OrderChannels channels;
    private final StockPush push;
    private final PricePush prices;
    private final ChannelPrices channelPrices;
    private final StockReconciliation reconciliation;

    public ChannelSyncTasks(
            OrderChannels channels,
            StockPush push,
            PricePush prices,
            ChannelPrices channelPrices,
            StockReconciliation reconciliation) {
        this.channels = channels;
        this.push = push;
        this.prices = prices;
        this.channelPrices = channelPrices;
        this.reconciliation = reconciliation;
    }

    /** One command off the shop's queue, pushed to its listings: a stock or a price. */
    public PushResult push(String instanceId, String commandJson) {
        SyncCommand cmd = HubJson.read(commandJson, SyncCommand.class);
        OrderChannel c = channel(instanceId);
        return cmd.kind() == SyncCommand.Kind.PRICE
                ? prices.push(instanceId, cmd.sku(), c.listings())
                : push.push(instanceId, cmd, c.listings());
    }

    /** Stock targets left pending a minute, or whose command waited that long. */
    public List<SyncCommand> stockResend(String instanceId) {
        return reconciliation.stalePending(instanceId);
    }

    /** Prices left pending a minute. */
    public List<SyncCommand> priceResend(String instanceId) {
        return channelPrices.stalePending(instanceId);
    }

    /** Stock read back from the platform; where it drifted, the commands that put it right. */
    public List<SyncCommand> stockReconcile(String instanceId) {
        return reconciliation.tick(instanceId, channel(instanceId).listings());
    }

    private OrderChannel channel(String instanceId) {
        return channels.get(instanceId).orElseThrow(() -> new IllegalStateException("no platform shop " + instanceId));
    }
}
