package io.omnihub.hub.identity;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Gauges of the identity graph for Prometheus, read at most every {@value #REFRESH_MILLIS} ms
 * whatever the scrape rate: {@code hub_identity_resolver_lag_records{topic}}, how many records of
 * {@code hub.members} and {@code hub.orders} the resolver's consumer group has still to apply,
 * and {@code hub_identity_shared_identifiers}, phones and e-mails shared by several people. (The
 * counters of events resolved, customers changed and links refused are in {@link Identities}.)
 */
@Component
public class IdentityMetrics {

    static final long REFRESH_MILLIS = 10_000;
    static final String GROUP = "hub-identity";
    static final List<String> TOPICS = List.of("hub.members", "hub.orders");

    private final Admin admin;
    private final IdentityReads graph;
    private volatile long readAt;
    private volatile Map<String, Long> lag = Map.of();
    private volatile long shared = -1;

    public IdentityMetrics(MeterRegistry meters, IdentityReads graph, Admin admin) {
        this.graph = graph;
        this.admin = admin;
        for (String topic : TOPICS) {
            Gauge.builder("hub.identity.resolver.lag", () -> fresh(() -> lag.getOrDefault(topic, -1L)))
                    .tag("topic", topic)
                    .baseUnit("records")
                    .description("records of the topic the identity resolver has not applied yet (-1: unknown)")
                    .register(meters);
        }
        Gauge.builder("hub.identity.shared.identifiers", () -> fresh(() -> shared))
                .description("phones and e-mails seen with several people, which link nobody")
                .register(meters);
    }

    private synchronized double fresh(Supplier<Long> value) {
        if (System.currentTimeMillis() - readAt > REFRESH_MILLIS) {
            readAt = System.currentTimeMillis();
            lag = readLag();
            try {
                shared = graph.sharedIdentifiers();
            } catch (RuntimeException e) {
                shared = -1;
            }
        }
        return value.get();
    }

    private Map<String, Long> readLag() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(3, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(TOPICS)
                    .allTopicNames()
                    .get(3, TimeUnit.SECONDS)
                    .forEach((topic, d) -> d.partitions()
                            .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<String, Long> out = new HashMap<>();
            admin.listOffsets(ends).all().get(3, TimeUnit.SECONDS).forEach((tp, end) -> {
                OffsetAndMetadata done = committed.get(tp);
                out.merge(tp.topic(), end.offset() - (done == null ? 0 : done.offset()), Long::sum);
            });
            return out;
        } catch (Exception e) {
            return Map.of(); // the broker did not answer in time: unknown, shown as -1
        }
    }
}
