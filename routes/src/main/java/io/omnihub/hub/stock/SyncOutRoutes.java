package io.omnihub.hub.stock;

import io.omnihub.hub.channel.OrderChannel;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.hub.messaging.PushResult;
import io.omnihub.hub.messaging.SyncCommandSender;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.hub.pricing.ChannelPrices;
import io.omnihub.hub.pricing.PricePush;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.SyncCommand;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Stock and price sync-out, per platform shop:
 * <ul>
 * <li>{@code sync-out} puts a list of sync commands on their instances' last-value queues
 *     in one JMS transaction, most urgent first (JMS priority: sold out, then prices a promotion
 *     is due to change, then low stock);</li>
 * <li>{@code <instance>.sync.push} takes them off in a JMS transaction, one at a time so the
 *     instance's call quota paces them, and pushes a stock or a price. A failure that may pass
 *     rolls back and Artemis redelivers with backoff; a refusal for good (the SKU was deleted on
 *     the platform) is recorded with the platform's reason and the command moved to
 *     {@code DLQ.sync.<instance>};</li>
 * <li>{@code <instance>.stock.resend} and {@code <instance>.price.resend} re-send a command for a
 *     target left pending a minute, and for stock one whose command has waited that long (it may
 *     have been lost between the commit and the queue);</li>
 * <li>{@code stock.settled} sends again the SKUs whose absolute write (JD) has settled;</li>
 * <li>{@code <instance>.stock.reconcile} reads stock back from the platform and re-pushes where it
 *     drifted from what the hub pushed, a round soon after start and then every period, and
 *     judges a channel showing too little once its orders up to the read are in (see
 *     {@link StockReconciliation}).</li>
 * </ul>
 */
@Component
public class SyncOutRoutes extends RouteBuilder {

    static final String SYNC_OUT = SyncQueues.SYNC_OUT;

    private final OrderChannels channels;
    private final SyncCommandSender sender;
    private final StockPush push;
    private final PricePush prices;
    private final ChannelPrices channelPrices;
    private final StockReconciliation reconciliation;
    private final HubProperties.Stock settings;

    public SyncOutRoutes(
            OrderChannels channels,
            SyncCommandSender sender,
            StockPush push,
            PricePush prices,
            ChannelPrices channelPrices,
            StockReconciliation reconciliation,
            HubProperties hub) {
        this.channels = channels;
        this.sender = sender;
        this.push = push;
        this.prices = prices;
        this.channelPrices = channelPrices;
        this.reconciliation = reconciliation;
        this.settings = hub.getStock();
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // a failed push goes back to the broker, which owns the retries

        from(SYNC_OUT)
                .routeId("sync-out")
                .process(e -> sender.send(e.getMessage().getBody(List.class)));

        from("timer:stock-settled?period=1000")
                .routeId("stock.settled")
                .process(e -> e.getMessage().setBody(reconciliation.settled()))
                .filter(simple("${body.size()} > 0"))
                .to(SYNC_OUT);

        long checkMillis = Math.min(
                settings.getReconcileCheckEvery().toMillis(),
                settings.getReconcileEvery().toMillis());
        for (OrderChannel c : channels.all()) {
            String id = c.instanceId();
            from("jms:queue:" + SyncQueues.queue(id)
                            + "?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=1")
                    .routeId(id + ".sync.push")
                    .process(e -> {
                        SyncCommand cmd = HubJson.read(e.getMessage().getBody(String.class), SyncCommand.class);
                        PushResult result = cmd.kind() == SyncCommand.Kind.PRICE
                                ? prices.push(id, cmd.sku(), c.listings())
                                : push.push(id, cmd, c.listings());
                        e.getMessage().setHeader("pushOutcome", result.outcome().name());
                        e.getMessage().setHeader("deadLetterReason", result.reason());
                        e.setVariable("waiting", result.next());
                    })
                    .filter(header("pushOutcome").isEqualTo(PushResult.Outcome.DEAD_LETTERED.name()))
                    .to("jms:queue:" + SyncQueues.deadLetterQueue(id))
                    .end()
                    .filter(simple("${variable.waiting.size()} > 0")) // units given back: the channels waiting for
                    // them go again
                    .setBody(variable("waiting"))
                    .to(SYNC_OUT)
                    .end();

            from("timer:" + id + "-stock-resend?period=15000&delay=15000")
                    .routeId(id + ".stock.resend")
                    .process(e -> e.getMessage().setBody(reconciliation.stalePending(id)))
                    .filter(simple("${body.size()} > 0"))
                    .to(SYNC_OUT);

            from("timer:" + id + "-price-resend?period=15000&delay=15000")
                    .routeId(id + ".price.resend")
                    .process(e -> e.getMessage().setBody(channelPrices.stalePending(id)))
                    .filter(simple("${body.size()} > 0"))
                    .to(SYNC_OUT);

            from("timer:" + id + "-stock-reconcile?period=" + checkMillis + "&delay=" + checkMillis)
                    .routeId(id + ".stock.reconcile")
                    .process(e -> e.getMessage().setBody(reconciliation.tick(id, c.listings())))
                    .filter(simple("${body.size()} > 0"))
                    .to(SYNC_OUT);
        }
    }
}
