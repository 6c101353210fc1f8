package io.omnihub.hub.ingest;

import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.kafka.KafkaTopics;
import io.omnihub.hub.kafka.TopicLog;
import io.omnihub.hub.orders.OrderStore;
import io.omnihub.hub.orders.OrderStore.Publication;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Service;

/**
 * Re-derives an instance's canonical orders for a window of modified times from the raw payloads
 * on {@code hub.raw.<instance>}, through the same mapper and the same idempotent store: orders
 * missing or older in PostgreSQL are restored and published; what is already there changes
 * nothing. A raw payload is published after the change it carries, so reading from the window's
 * start sees every payload of the window.
 */
@Service
public class OrderReplay {

    /** What a replay did: raw payloads read, those in the window, and the orders it restored. */
    public record Result(String instanceId, Instant from, Instant to, long rawRead, long inWindow, long restored) {}

    private final TopicLog rawLog;
    private final OrderChannels channels;
    private final OrderStore orders;
    private final ProducerTemplate producer;

    public OrderReplay(TopicLog rawLog, OrderChannels channels, OrderStore orders, ProducerTemplate producer) {
        this.rawLog = rawLog;
        this.channels = channels;
        this.orders = orders;
        this.producer = producer;
    }

    public Result replay(String instanceId, Instant from, Instant to) {
        OrderChannel channel = channels.get(instanceId)
                .orElseThrow(() -> new IllegalArgumentException("no order channel " + instanceId));
        Map<String, Order> newest = new LinkedHashMap<>();
        long[] read = {0};
        rawLog.readSince(KafkaTopics.raw(instanceId), from, r -> {
            read[0]++;
            Order o;
            try {
                o = channel.mapper().apply(HubJson.mapper().readTree(r.value()));
            } catch (Exception e) {
                return; // parked when it was first pulled
            }
            if (!o.modifiedAt().isBefore(from) && !o.modifiedAt().isAfter(to)) {
                newest.merge(o.key(), o, (a, b) -> b.modifiedAt().isBefore(a.modifiedAt()) ? a : b);
            }
        });
        List<Publication> restored = orders.save(new ArrayList<>(newest.values()));
        if (!restored.isEmpty()) {
            DefaultExchange exchange = new DefaultExchange(producer.getCamelContext());
            exchange.getMessage().setBody(restored);
            OrderPublications.RECORDS.process(exchange);
            producer.send("kafka:hub.orders", exchange);
            if (exchange.getException() != null) {
                throw new IllegalStateException(
                        "replayed orders stored but not published: " + exchange.getException(),
                        exchange.getException());
            }
            orders.published(restored);
        }
        return new Result(instanceId, from, to, read[0], newest.size(), restored.size());
    }
}
