package io.omnihub.hub.stock;

import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.hub.messaging.PushResult;
import io.omnihub.hub.messaging.SyncCommandSender;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.hub.routing.ErrorPolicies;
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
    /** How often a shop's targets left pending are looked for, to be sent again. */
    private static final long RESEND_MILLIS = 15_000;

    private final OrderChannels channels;
    private final SyncCommandSender sender;
    private final ChannelSyncTasks tasks;
    private final StockReconciliation reconciliation;
    private final HubProperties.Stock settings;

    public SyncOutRoutes(
            OrderChannels channels,
            SyncCommandSender sender,
            ChannelSyncTasks tasks,
            StockReconciliation reconciliation,
            HubProperties hub) {
        this.channels = channels;
        this.sender = sender;
        this.tasks = tasks;
        this.reconciliation = reconciliation;
        this.settings = hub.getStock();
    }

    @Override
    public void configure() {
        from(SYNC_OUT)
                .routeId("sync-out")
                // started first, so stopped last: the ledger's consumer, the pushes and the timers
                // send here until they have stopped (a direct: without its consumer blocks them)
                .startupOrder(1)
                .routeConfigurationId(ErrorPolicies.CALLER_RETRIES)
                .process(e -> sender.send(e.getMessage().getBody(List.class)));

        from("master:hub.stock-settled:timer:stock-settled?period=1000")
                .routeId("stock.settled")
                .routeConfigurationId(ErrorPolicies.POLL)
                .process(e -> e.getMessage().setBody(reconciliation.settled()))
                .filter(simple("${body.size()} > 0"))
                .to(SYNC_OUT);

        routeTemplate("sync-push")
                .templateParameter("instanceId")
                .templateParameter("queue")
                .templateParameter("deadLetters")
                .from(
                        "master:{{instanceId}}:jms:queue:{{queue}}?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=1")
                .routeConfigurationId(ErrorPolicies.BROKER_REDELIVERS) // the broker owns the retries
                .setVariable("instanceId", constant("{{instanceId}}"))
                .process(e -> {
                    PushResult result = tasks.push(
                            e.getVariable("instanceId", String.class),
                            e.getMessage().getBody(String.class));
                    e.getMessage().setHeader("pushOutcome", result.outcome().name());
                    e.getMessage().setHeader("deadLetterReason", result.reason());
                    e.setVariable("waiting", result.next());
                })
                .filter(header("pushOutcome").isEqualTo(PushResult.Outcome.DEAD_LETTERED.name()))
                .to("jms:queue:{{deadLetters}}") // the command as it came, with the platform's reason
                .end()
                .filter(simple("${variable.waiting.size()} > 0")) // units given back: the channels waiting go again
                .setBody(variable("waiting"))
                .to(SYNC_OUT)
                .end();

        // a shop's periodic sync task: a method of ChannelSyncTasks finding commands to send again
        routeTemplate("sync-task")
                .templateParameter("instanceId")
                .templateParameter("task")
                .templateParameter("periodMs")
                .from("master:{{instanceId}}:timer:{{instanceId}}-{{task}}?period={{periodMs}}&delay={{periodMs}}")
                .routeConfigurationId(ErrorPolicies.POLL)
                .bean("channelSyncTasks", "{{task}}('{{instanceId}}')")
                .filter(simple("${body.size()} > 0"))
                .to(SYNC_OUT);

        long checkMillis = Math.min(
                settings.getReconcileCheckEvery().toMillis(),
                settings.getReconcileEvery().toMillis());
        for (OrderChannel c : channels.all()) {
            String id = c.instanceId();
            templatedRoute("sync-push")
                    .routeId(id + ".sync.push")
                    .group(id) // one shop's routes together in Hawtio
                    .parameter("instanceId", id)
                    .parameter("queue", SyncQueues.queue(id))
                    .parameter("deadLetters", SyncQueues.deadLetterQueue(id));
            task(id, ".stock.resend", "stockResend", RESEND_MILLIS);
            task(id, ".price.resend", "priceResend", RESEND_MILLIS);
            task(id, ".stock.reconcile", "stockReconcile", checkMillis);
        }
    }

    private void task(String instanceId, String routeSuffix, String task, long periodMs) {
        templatedRoute("sync-task")
                .routeId(instanceId + routeSuffix)
                .group(instanceId)
                .parameter("instanceId", instanceId)
                .parameter("task", task)
                .parameter("periodMs", Long.toString(periodMs));
    }
}
