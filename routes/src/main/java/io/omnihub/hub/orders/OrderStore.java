package io.omnihub.hub.orders;

import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Order;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Canonical orders in PostgreSQL. */
@Repository
public class OrderStore {

    private final JdbcClient jdbc;

    public OrderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the order if it is new or a newer change of a known one; a replay of a change already
     * stored changes nothing (the idempotent key is channel, order id and modified time, and an
     * identical payload). Returns the version to publish, or empty when it was published already.
     */
    @Transactional
    public Optional<Long> save(Order order) {
        jdbc.sql("""
                INSERT INTO orders (channel_id, channel_order_id, channel_type, status, created_at, modified_at,
                                    total_fen, customer_id, payload)
                VALUES (:channel, :id, :type, :status, :created, :modified, :total, :customer, CAST(:payload AS jsonb))
                ON CONFLICT (channel_id, channel_order_id) DO UPDATE
                   SET status = EXCLUDED.status, created_at = EXCLUDED.created_at, modified_at = EXCLUDED.modified_at,
                       total_fen = EXCLUDED.total_fen, payload = EXCLUDED.payload,
                       version = orders.version + 1, stored_at = now()
                 WHERE orders.modified_at < EXCLUDED.modified_at
                    OR (orders.modified_at = EXCLUDED.modified_at AND orders.payload <> EXCLUDED.payload)
                """)
                .param("channel", order.channelId())
                .param("id", order.channelOrderId())
                .param("type", order.channelType())
                .param("status", order.status().name())
                .param("created", order.createdAt() == null ? null : Timestamp.from(order.createdAt()))
                .param("modified", Timestamp.from(order.modifiedAt()))
                .param("total", order.totalFen())
                .param("customer", order.customerId())
                .param("payload", HubJson.write(order))
                .update();
        return jdbc.sql("""
                SELECT version FROM orders
                 WHERE channel_id = :channel AND channel_order_id = :id AND version > published_version
                """)
                .param("channel", order.channelId())
                .param("id", order.channelOrderId())
                .query(Long.class)
                .optional();
    }

    /** Records that {@code version} of the order is on hub.orders. */
    public void published(Order order, long version) {
        jdbc.sql("""
                UPDATE orders SET published_version = GREATEST(published_version, :version)
                 WHERE channel_id = :channel AND channel_order_id = :id
                """)
                .param("version", version)
                .param("channel", order.channelId())
                .param("id", order.channelOrderId())
                .update();
    }

    public Optional<Order> find(String channelId, String channelOrderId) {
        return jdbc.sql("SELECT payload::text FROM orders WHERE channel_id = :channel AND channel_order_id = :id")
                .param("channel", channelId)
                .param("id", channelOrderId)
                .query(String.class)
                .optional()
                .map(json -> HubJson.read(json, Order.class));
    }

    public long count(String channelId) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE channel_id = :channel")
                .param("channel", channelId).query(Long.class).single();
    }
}
