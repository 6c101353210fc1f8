package io.omnihub.hub.inbox;

import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.orders.OrderStore;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.StockSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where pushed and dropped events land before anything else happens: a webhook (partner, WeCom)
 * is answered 202 only after its event and receipt are committed here, and a POS file's rows are
 * committed here batch by batch. {@link InboxPublisher} then puts them on Kafka. Webhook orders are
 * also stored as canonical orders, so {@code GET /api/orders/{channelId}/{orderId}} shows them.
 */
@Repository
public class Inbox {

    /** The answer a request got: its HTTP status and body. */
    public record Answer(int status, String body) {}

    /**
     * An event waiting to be published to Kafka: {@code kind} names its topic ({@code hub.<kind>}),
     * {@code payload} is the raw input for {@code hub.raw.<channel>}.
     */
    public record Event(
            String id, String channelId, String kind, String messageKey, String payload, String canonical) {}

    private static final String INSERT_ONCE = """
            INSERT INTO inbound_event (id, channel_id, kind, message_key, payload, canonical)
            SELECT e.id, :channel, e.kind, e.message_key, e.payload, e.canonical
              FROM unnest(CAST(:ids AS text[]), CAST(:kinds AS text[]), CAST(:keys AS text[]),
                          CAST(:payloads AS text[]), CAST(:canonicals AS text[]))
                   AS e(id, kind, message_key, payload, canonical)
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """;

    private final JdbcClient jdbc;
    private final OrderStore orders;
    private final DeadLetters deadLetters;

    public Inbox(JdbcClient jdbc, OrderStore orders, DeadLetters deadLetters) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.deadLetters = deadLetters;
    }

    /** The first answer given to this receipt key, if the request was seen before. */
    public Optional<Answer> answered(String channelId, String receiptKey) {
        return jdbc.sql("SELECT status, response FROM webhook_receipt WHERE channel_id = :c AND receipt_key = :k")
                .param("c", channelId)
                .param("k", receiptKey)
                .query((rs, n) -> new Answer(rs.getInt(1), rs.getString(2)))
                .optional();
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
                .param("c", channelId)
                .param("k", receiptKey)
                .param("r", "{\"id\":\"" + id + "\"}")
                .update();
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
            orders.saveForInbox(List.of(o));
        }
        Event event = new Event(id, channelId, kind, key, payload, HubJson.write(canonical));
        jdbc.sql("""
                        INSERT INTO inbound_event (id, channel_id, kind, message_key, payload, canonical)
                        VALUES (:id, :c, :kind, :key, :payload, :canonical)
                        """)
                .param("id", id)
                .param("c", channelId)
                .param("kind", kind)
                .param("key", key)
                .param("payload", payload)
                .param("canonical", event.canonical())
                .update();
        return Optional.of(event);
    }

    /**
     * Stores the events whose ids are not stored yet, in one statement, and returns the ids that
     * were new. Ids are derived from the business key (a receipt line, a count), so an event seen
     * before, in this call or any earlier one, is stored once. Joins the caller's transaction.
     */
    @Transactional
    public Set<String> acceptOnce(String channelId, List<Event> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql(INSERT_ONCE)
                .param("channel", channelId)
                .param("ids", events.stream().map(Event::id).toArray(String[]::new))
                .param("kinds", events.stream().map(Event::kind).toArray(String[]::new))
                .param("keys", events.stream().map(Event::messageKey).toArray(String[]::new))
                .param("payloads", events.stream().map(Event::payload).toArray(String[]::new))
                .param("canonicals", events.stream().map(Event::canonical).toArray(String[]::new))
                .query(String.class)
                .list());
    }

    public List<Event> unpublished(int limit) {
        return jdbc.sql("""
                        SELECT id, channel_id, kind, message_key, payload, canonical FROM inbound_event
                         WHERE published_at IS NULL ORDER BY received_at LIMIT :n
                        """)
                .param("n", limit)
                .query((rs, n) -> new Event(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    /**
     * Marks the events published. (An order stored with its event already counts as published:
     * {@link OrderStore#saveForInbox}.)
     */
    @Transactional
    public void published(List<Event> events) {
        jdbc.sql("UPDATE inbound_event SET published_at = now() WHERE id = ANY(:ids)")
                .param("ids", events.stream().map(Event::id).toArray(String[]::new))
                .update();
    }

    /**
     * Parks an event Kafka refuses for what it is in {@code dead_letter} (stream
     * {@code inbox.<kind>}, its canonical event as payload) and takes it out of the outbox, so the
     * events behind it are published: its {@code published_at} then says when it left the outbox.
     */
    @Transactional
    public void parked(Event event, String reason) {
        deadLetters.park(
                event.channelId(),
                "inbox." + event.kind(),
                event.messageKey(),
                reason + " (inbound event " + event.id() + ")",
                event.canonical());
        jdbc.sql("UPDATE inbound_event SET published_at = now() WHERE id = :id")
                .param("id", event.id())
                .update();
    }
}
