package io.omnihub.hub.orders;

import io.omnihub.hub.identity.GoldenCustomers;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Order;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Canonical orders in PostgreSQL. */
@Repository
public class OrderStore {

    /** A stored change of an order that is not yet on hub.orders. */
    public record Publication(Order order, long version) {}

    private static final String UPSERT = """
            INSERT INTO orders (channel_id, channel_order_id, channel_type, status, created_at, modified_at,
                                total_fen, customer_id, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (channel_id, channel_order_id) DO UPDATE
               SET status = EXCLUDED.status, created_at = EXCLUDED.created_at, modified_at = EXCLUDED.modified_at,
                   total_fen = EXCLUDED.total_fen, payload = EXCLUDED.payload,
                   version = orders.version + 1, stored_at = now()
             WHERE orders.modified_at < EXCLUDED.modified_at
                OR (orders.modified_at = EXCLUDED.modified_at AND orders.payload <> EXCLUDED.payload)
            """;

    /**
     * Like {@link #UPSERT}, for a change whose publication an inbox event owes (webhooks, POS): it
     * counts as published when stored, since the event that publishes it commits with it.
     */
    private static final String UPSERT_FOR_INBOX = """
            INSERT INTO orders (channel_id, channel_order_id, channel_type, status, created_at, modified_at,
                                total_fen, customer_id, payload, published_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), 1)
            ON CONFLICT (channel_id, channel_order_id) DO UPDATE
               SET status = EXCLUDED.status, created_at = EXCLUDED.created_at, modified_at = EXCLUDED.modified_at,
                   total_fen = EXCLUDED.total_fen, payload = EXCLUDED.payload,
                   version = orders.version + 1, published_version = orders.version + 1, stored_at = now()
             WHERE orders.modified_at < EXCLUDED.modified_at
                OR (orders.modified_at = EXCLUDED.modified_at AND orders.payload <> EXCLUDED.payload)
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final GoldenCustomers identities;

    public OrderStore(JdbcClient jdbc, JdbcTemplate template, GoldenCustomers identities) {
        this.jdbc = jdbc;
        this.template = template;
        this.identities = identities;
    }

    /**
     * Stores each order that is new or a newer change of a known one; a replay of a change already
     * stored changes nothing (the idempotent key is channel, order id and modified time, and an
     * identical payload). Returns what is stored but not yet published, in the given order.
     */
    @Transactional
    public List<Publication> save(List<Order> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        upsert(UPSERT, orders);
        // what is stored and not yet published: the stored payload, which is the newest change
        Map<String, Publication> unpublished = new HashMap<>();
        byChannel(orders)
                .forEach((channel, ids) -> jdbc.sql("""
                        SELECT version, payload::text FROM orders
                         WHERE channel_id = :channel AND channel_order_id = ANY(:ids) AND version > published_version
                        """)
                        .param("channel", channel)
                        .param("ids", ids.toArray(String[]::new))
                        .query((rs, n) -> new Publication(HubJson.read(rs.getString(2), Order.class), rs.getLong(1)))
                        .list()
                        .forEach(p -> unpublished.put(p.order().key(), p)));
        List<Publication> result = new ArrayList<>();
        for (Order o : orders) {
            Publication p = unpublished.remove(o.key()); // once per order, even if it came twice
            if (p != null) {
                result.add(p);
            }
        }
        return result;
    }

    /**
     * Stores each order that is new or a newer change, within the caller's transaction, for the
     * inbox: the caller commits the event that publishes the change together with it.
     */
    @Transactional
    public void saveForInbox(List<Order> orders) {
        upsert(UPSERT_FOR_INBOX, orders);
    }

    /**
     * One upsert per order: the batch goes as multi-row statements (reWriteBatchedInserts), where
     * PostgreSQL refuses the same key twice, so of an order given twice the newest change is kept,
     * which is what storing both one after the other would leave.
     */
    private void upsert(String sql, List<Order> orders) {
        Map<String, Order> newest = new LinkedHashMap<>();
        for (Order o : orders) {
            newest.merge(o.key(), o, (a, b) -> b.modifiedAt().isBefore(a.modifiedAt()) ? a : b);
        }
        template.batchUpdate(sql, newest.values(), 500, (ps, o) -> {
            ps.setString(1, o.channelId());
            ps.setString(2, o.channelOrderId());
            ps.setString(3, o.channelType());
            ps.setString(4, o.status().name());
            ps.setTimestamp(5, o.createdAt() == null ? null : Timestamp.from(o.createdAt()));
            ps.setTimestamp(6, Timestamp.from(o.modifiedAt()));
            ps.setLong(7, o.totalFen());
            ps.setString(8, o.customerId());
            ps.setString(9, HubJson.write(o));
        });
    }

    /** Records that these versions are on hub.orders. */
    @Transactional
    public void published(List<Publication> publications) {
        template.batchUpdate("""
                UPDATE orders SET published_version = GREATEST(published_version, ?)
                 WHERE channel_id = ? AND channel_order_id = ?
                """, publications, 500, (ps, p) -> {
            ps.setLong(1, p.version());
            ps.setString(2, p.order().channelId());
            ps.setString(3, p.order().channelOrderId());
        });
    }

    /**
     * The orders among these ids whose stored change is at least as new as {@code modifiedAt} and
     * already published: a pull that sees them again has nothing to do.
     */
    public Map<String, Instant> publishedChanges(String channelId, List<String> orderIds) {
        Map<String, Instant> known = new HashMap<>();
        jdbc.sql("""
                        SELECT channel_order_id, modified_at FROM orders
                         WHERE channel_id = :channel AND channel_order_id = ANY(:ids) AND version = published_version
                        """)
                .param("channel", channelId)
                .param("ids", orderIds.toArray(String[]::new))
                .query((rs, n) -> known.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list();
        return known;
    }

    /** The stored (published) forms of these orders, to tell two changes within one second apart. */
    public Map<String, Order> published(String channelId, List<String> orderIds) {
        Map<String, Order> found = new HashMap<>();
        if (!orderIds.isEmpty()) {
            jdbc.sql("""
                            SELECT channel_order_id, payload::text FROM orders
                             WHERE channel_id = :channel AND channel_order_id = ANY(:ids) AND version = published_version
                            """)
                    .param("channel", channelId)
                    .param("ids", orderIds.toArray(String[]::new))
                    .query((rs, n) -> found.put(rs.getString(1), HubJson.read(rs.getString(2), Order.class)))
                    .list();
        }
        return found;
    }

    /** The stored forms of these orders, published or not. */
    public Map<String, Order> find(String channelId, Collection<String> orderIds) {
        Map<String, Order> found = new HashMap<>();
        if (!orderIds.isEmpty()) {
            jdbc.sql(
                            "SELECT channel_order_id, payload::text FROM orders WHERE channel_id = :channel AND channel_order_id = ANY(:ids)")
                    .param("channel", channelId)
                    .param("ids", orderIds.toArray(String[]::new))
                    .query((rs, n) -> found.put(rs.getString(1), HubJson.read(rs.getString(2), Order.class)))
                    .list();
        }
        return found;
    }

    /**
     * The stored order with its golden customer. The customer record lives in its own column, set by
     * identity resolution (its golden customer is looked up at the time, so merges and splits follow), so that the payload stays what the channel sent and a re-pulled
     * unchanged order is still recognised as unchanged; so does the reason it has none, if so.
     */
    public Optional<Order> find(String channelId, String channelOrderId) {
        return jdbc.sql("""
                        SELECT payload::text, customer_id, customer_unresolved FROM orders
                         WHERE channel_id = :channel AND channel_order_id = :id
                        """)
                .param("channel", channelId)
                .param("id", channelOrderId)
                .query((rs, n) -> {
                    Order o = HubJson.read(rs.getString(1), Order.class);
                    o = rs.getString(3) == null ? o : o.withCustomerUnresolved(rs.getString(3));
                    return rs.getString(2) == null ? o : o.withCustomerId(rs.getString(2));
                })
                .optional()
                .map(o -> o.customerId() == null ? o : o.withCustomerId(identities.golden(o.customerId())));
    }

    public long count(String channelId) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE channel_id = :channel")
                .param("channel", channelId)
                .query(Long.class)
                .single();
    }

    private static Map<String, List<String>> byChannel(List<Order> orders) {
        Map<String, List<String>> ids = new HashMap<>();
        orders.forEach(
                o -> ids.computeIfAbsent(o.channelId(), c -> new ArrayList<>()).add(o.channelOrderId()));
        return ids;
    }
}
