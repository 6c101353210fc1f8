package io.omnihub.hub.inbox;

import io.omnihub.hub.orders.OrderStore;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.StockSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a webhook (partner, WeCom) lands before the hub answers 202: the receipt that makes a repeated
 * request idempotent and the event itself, in one PostgreSQL transaction. Orders are also stored
 * as canonical orders, so {@code GET /api/orders/{channelId}/{orderId}} shows them.
 */
@Repository
public class WebhookInbox {

    /** The answer a request got: its HTTP status and body. */
    public record Answer(int status, String body) {
    }

    /** An event waiting to be published to Kafka. */
    public record Event(String id, String channelId, String kind, String messageKey, String payload, String canonical) {
    }

    private final JdbcClient jdbc;
    private final OrderStore orders;

    public WebhookInbox(JdbcClient jdbc, OrderStore orders) {
        this.jdbc = jdbc;
        this.orders = orders;
    }

    /** The first answer given to this receipt key, if the request was seen before. */
    public Optional<Answer> answered(String channelId, String receiptKey) {
        return jdbc.sql("SELECT status, response FROM webhook_receipt WHERE channel_id = :c AND receipt_key = :k")
                .param("c", channelId).param("k", receiptKey)
                .query((rs, n) -> new Answer(rs.getInt(1), rs.getString(2))).optional();
    }

    /**
     * Stores the event and its receipt; returns the event, or empty when a concurrent request with
     * the same receipt key got there first.
     */
    @Transactional
    public Optional<Event> accept(String channelId, String receiptKey, String kind, Object canonical, String payload) {
        String id = UUID.randomUUID().toString();
        int fresh = jdbc.sql("""
                        INSERT INTO webhook_receipt (channel_id, receipt_key, status, response) VALUES (:c, :k, 202, :r)
                        ON CONFLICT DO NOTHING
                        """)
                .param("c", channelId).param("k", receiptKey).param("r", "{\"id\":\"" + id + "\"}").update();
        if (fresh == 0) {
            return Optional.empty();
        }
        String key;
        if (canonical instanceof Order o) {
            key = o.key();
        } else if (canonical instanceof StockSnapshot s) {
            key = s.sku();
        } else if (canonical instanceof MemberEvent m) {
            key = m.eventId();
        } else {
            throw new IllegalArgumentException("not a partner event: " + canonical);
        }
        if (canonical instanceof Order o) {
            orders.save(List.of(o));
        }
        Event event = new Event(id, channelId, kind, key, payload, HubJson.write(canonical));
        jdbc.sql("""
                        INSERT INTO inbound_event (id, channel_id, kind, message_key, payload, canonical)
                        VALUES (:id, :c, :kind, :key, :payload, :canonical)
                        """)
                .param("id", id).param("c", channelId).param("kind", kind).param("key", key)
                .param("payload", payload).param("canonical", event.canonical()).update();
        return Optional.of(event);
    }

    public List<Event> unpublished(int limit) {
        return jdbc.sql("""
                        SELECT id, channel_id, kind, message_key, payload, canonical FROM inbound_event
                         WHERE published_at IS NULL ORDER BY received_at LIMIT :n
                        """)
                .param("n", limit)
                .query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).list();
    }

    /** Marks the events published; a partner order's stored change is then published too. */
    @Transactional
    public void published(List<Event> events) {
        for (Event e : events) {
            jdbc.sql("UPDATE inbound_event SET published_at = now() WHERE id = :id").param("id", e.id()).update();
            if (e.kind().equals("orders")) {
                jdbc.sql("""
                                UPDATE orders SET published_version = version
                                 WHERE channel_id || ':' || channel_order_id = :key AND payload = CAST(:canonical AS jsonb)
                                """)
                        .param("key", e.messageKey()).param("canonical", e.canonical()).update();
            }
        }
    }
}
