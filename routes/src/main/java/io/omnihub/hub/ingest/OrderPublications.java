package io.omnihub.hub.ingest;

import io.omnihub.hub.kafka.KafkaRecords;
import io.omnihub.hub.kafka.KafkaTopics;
import io.omnihub.hub.kafka.TopicLog;
import io.omnihub.hub.orders.OrderStore.Publication;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Order;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Closes the one gap between Kafka and PostgreSQL: a hub stopped after hub.orders acknowledged a
 * change but before the change was marked published. At start, before any route runs, the changes
 * stored but not marked are looked for on hub.orders (the same order with the same content) and
 * marked when they are there, so the next pull does not publish them a second time.
 */
@Component
public class OrderPublications implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OrderPublications.class);

    /** Canonical orders as hub.orders records, keyed by order. */
    static final KafkaRecords<Publication> RECORDS =
            KafkaRecords.of(Publication.class, p -> p.order().key(), p -> HubJson.write(p.order()));

    private final JdbcClient jdbc;
    private final TopicLog topics;

    /** {@code created} is here so the topics exist before they are read. */
    public OrderPublications(JdbcClient jdbc, TopicLog topics, KafkaTopics created) {
        this.jdbc = jdbc;
        this.topics = topics;
    }

    @Override
    public void afterPropertiesSet() {
        record Unmarked(String key, long version, Order order, Instant storedAt) {}
        List<Unmarked> unmarked = jdbc.sql("""
                        SELECT channel_id || ':' || channel_order_id, version, payload::text, stored_at FROM orders
                         WHERE version > published_version
                        """)
                .query((rs, n) -> new Unmarked(
                        rs.getString(1),
                        rs.getLong(2),
                        HubJson.read(rs.getString(3), Order.class),
                        rs.getTimestamp(4).toInstant()))
                .list();
        if (unmarked.isEmpty()) {
            return;
        }
        Map<String, Unmarked> byKey = new HashMap<>();
        unmarked.forEach(u -> byKey.put(u.key(), u));
        Set<String> onKafka = new HashSet<>();
        Instant since = unmarked.stream()
                .map(Unmarked::storedAt)
                .min(Instant::compareTo)
                .orElseThrow()
                .minusSeconds(10);
        topics.readSince("hub.orders", since, r -> {
            Unmarked u = byKey.get(r.key());
            if (u != null && u.order().equals(HubJson.read(r.value(), Order.class))) {
                onKafka.add(r.key());
            }
        });
        int marked = 0;
        for (String key : onKafka) {
            Unmarked u = byKey.get(key);
            String[] parts = key.split(":", 2);
            marked += jdbc.sql("""
                            UPDATE orders SET published_version = GREATEST(published_version, :v)
                             WHERE channel_id = :c AND channel_order_id = :o
                            """)
                    .param("v", u.version())
                    .param("c", parts[0])
                    .param("o", parts[1])
                    .update();
        }
        log.info(
                "{} order changes were stored but not marked published; {} of them are on hub.orders and now marked, "
                        + "the rest will be published by the next pull",
                unmarked.size(),
                marked);
    }
}
