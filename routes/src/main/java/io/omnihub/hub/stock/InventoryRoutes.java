package io.omnihub.hub.stock;

import io.omnihub.hub.kafka.BatchOffsets;
import io.omnihub.hub.kafka.ConsumerGroups;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.hub.routing.ErrorPolicies;
import io.omnihub.hub.stock.StockLedger.Received;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.StockMovement;
import io.omnihub.mappings.model.StockSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * {@code inventory.apply}: stock movements, counts and orders from Kafka, a batch at a time, into
 * the ledger; each channel SKU whose target changed gets a sync command on its instance's
 * last-value queue, most urgent first (sold out, then low stock). Offsets are committed by hand
 * after the batch's transaction and its commands ({@link BatchOffsets}), so a crash replays the
 * batch, which the ledger recognises.
 */
@Component
public class InventoryRoutes extends RouteBuilder {

    private final Inventory inventory;

    public InventoryRoutes(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public void configure() {
        from("kafka:hub.stock,hub.orders?groupId=hub-inventory&autoOffsetReset=earliest&batching=true"
                        + "&maxPollRecords=500&pollTimeoutMs=100&breakOnFirstError=true" + BatchOffsets.MANUAL
                        + ConsumerGroups.DEAD_MEMBER_AFTER_10S)
                .routeId("inventory.apply")
                .routeConfigurationId(ErrorPolicies.KAFKA_BATCH)
                .process(this::apply)
                .to(SyncQueues.SYNC_OUT)
                .process(e -> e.getVariable("offsets", BatchOffsets.class).commit()) // ledger and commands done
                .process(e -> log.debug(
                        "inventory.apply: batch done {} ms after it was polled",
                        System.currentTimeMillis() - e.getClock().getCreated()));
    }

    private void apply(Exchange batch) {
        List<Received> events = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        List<?> records = batch.getMessage().getBody(List.class);
        batch.setVariable("offsets", BatchOffsets.of(records));
        for (Object o : records) {
            Exchange record = (Exchange) o;
            String json = record.getMessage().getBody(String.class);
            Long timestamp = record.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
            Instant received = timestamp == null ? Instant.now() : Instant.ofEpochMilli(timestamp);
            oldest = Math.min(oldest, received.toEpochMilli());
            Object event = parse(json);
            if (event != null) {
                events.add(new Received(event, received));
            }
        }
        long start = System.nanoTime();
        List<?> commands = inventory.apply(events);
        log.debug(
                "inventory.apply: {} events (the oldest {} ms old), {} sync commands in {} ms",
                events.size(),
                System.currentTimeMillis() - oldest,
                commands.size(),
                (System.nanoTime() - start) / 1_000_000);
        batch.getMessage().setBody(commands);
    }

    /** The events the ledger reads; anything else on these topics (oversell notices, members) is not for it. */
    static Object parse(String json) {
        if (json == null) {
            return null;
        }
        if (json.contains("\"schema\":\"" + StockMovement.SCHEMA + "\"")) {
            return HubJson.read(json, StockMovement.class);
        }
        if (json.contains("\"schema\":\"" + StockSnapshot.SCHEMA + "\"")) {
            return HubJson.read(json, StockSnapshot.class);
        }
        if (json.contains("\"schema\":\"" + Order.SCHEMA + "\"")) {
            return HubJson.read(json, Order.class);
        }
        return null;
    }
}
