package io.omnihub.hub.stock;

import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.ingest.OrderChannel;
import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.SyncCommand;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Stock sync-out, per platform shop:
 * <ul>
 * <li>{@code stock.sync-out} puts a list of sync commands on their instances' last-value queues
 *     in one JMS transaction, most urgent first (JMS priority: sold out, then low stock);</li>
 * <li>{@code <instance>.stock.push} takes them off in a JMS transaction, one at a time so the
 *     instance's call quota paces them. A failure that may pass rolls back and Artemis redelivers
 *     with backoff; a refusal for good (the SKU was deleted on the platform) is recorded with the
 *     platform's reason and the command moved to {@code DLQ.sync.<instance>};</li>
 * <li>{@code <instance>.stock.resend} re-sends a command for a target left pending a minute (its
 *     command was lost between the ledger's commit and the queue);</li>
 * <li>{@code <instance>.stock.reconcile} reads stock back from the platform and re-pushes where it
 *     drifted from what the hub pushed.</li>
 * </ul>
 */
@Component
public class SyncOutRoutes extends RouteBuilder {

    static final String SYNC_OUT = "direct:stock.sync-out";

    private final OrderChannels channels;
    private final SyncCommandSender sender;
    private final StockPush push;
    private final StockReconciliation reconciliation;
    private final HubProperties.Stock settings;

    public SyncOutRoutes(OrderChannels channels, SyncCommandSender sender, StockPush push,
                         StockReconciliation reconciliation, HubProperties hub) {
        this.channels = channels;
        this.sender = sender;
        this.push = push;
        this.reconciliation = reconciliation;
        this.settings = hub.getStock();
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // a failed push goes back to the broker, which owns the retries

        from(SYNC_OUT).routeId("stock.sync-out")
                .process(e -> sender.send(e.getMessage().getBody(List.class)));

        long reconcileMillis = settings.getReconcileEvery().toMillis();
        for (OrderChannel c : channels.all()) {
            String id = c.instanceId();
            from("jms:queue:" + SyncQueues.queue(id) + "?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=1")
                    .routeId(id + ".stock.push")
                    .process(e -> {
                        SyncCommand cmd = HubJson.read(e.getMessage().getBody(String.class), SyncCommand.class);
                        StockPush.Result result = push.push(id, cmd.sku(), c.listings(), cmd.commandId());
                        e.getMessage().setHeader("pushOutcome", result.outcome().name());
                        e.getMessage().setHeader("deadLetterReason", result.reason());
                        e.setVariable("waiting", result.others());
                    })
                    .filter(header("pushOutcome").isEqualTo(StockPush.Outcome.DEAD_LETTERED.name()))
                        .to("jms:queue:" + SyncQueues.deadLetterQueue(id))
                    .end()
                    .filter(simple("${variable.waiting.size()} > 0")) // units given back: the channels waiting for them go again
                        .setBody(variable("waiting"))
                        .to(SYNC_OUT)
                    .end();

            from("timer:" + id + "-stock-resend?period=15000&delay=15000").routeId(id + ".stock.resend")
                    .process(e -> e.getMessage().setBody(reconciliation.stalePending(id)))
                    .filter(simple("${body.size()} > 0"))
                        .to(SYNC_OUT);

            from("timer:" + id + "-stock-reconcile?period=" + reconcileMillis + "&delay=" + reconcileMillis)
                    .routeId(id + ".stock.reconcile")
                    .process(e -> e.getMessage().setBody(reconciliation.reconcile(id, c.listings())))
                    .filter(simple("${body.size()} > 0"))
                        .to(SYNC_OUT);
        }
    }
}
