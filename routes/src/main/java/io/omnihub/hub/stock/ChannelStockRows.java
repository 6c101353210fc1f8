package io.omnihub.hub.stock;

import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.mappings.model.SyncCommand;
import io.omnihub.mappings.stock.ChannelStockPush;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code channel_stock} rows a stock push reads and writes: one statement per step, so that
 * {@link StockPush} reads as the sequence of the push and {@link ChannelStockPush} holds its
 * arithmetic. What a channel should show now comes from the {@code channel_stock_expected} view.
 */
@Repository
class ChannelStockRows {

    /** A channel SKU as a push finds it. */
    record Row(
            String sku,
            String channelSku,
            String channelItemId,
            long target,
            Long pushedValue,
            long ordersAtPush,
            Instant causedAt,
            long ordersNow,
            boolean scarce,
            Instant settlingSince,
            Instant readAt) {

        ChannelStockPush plan() {
            return new ChannelStockPush(target, pushedValue, ordersAtPush, ordersNow, scarce, settlingSince != null);
        }
    }

    private final JdbcClient jdbc;

    ChannelStockRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads the row and marks it PUSHING: a target change from here on sets it PENDING again with
     * its own cause, so time to channel is measured from the first change this push does not carry.
     * Its command has left the queue: the next change sends a new one.
     */
    Optional<Row> takeForPush(String channelId, String sku) {
        return jdbc.sql("""
                        UPDATE channel_stock cs
                           SET state = CASE WHEN cs.state IN ('PENDING', 'DEAD_LETTERED') THEN 'PUSHING' ELSE cs.state END,
                               queued_priority = NULL, queued_at = NULL
                         WHERE cs.channel_id = :c AND cs.sku = :s
                        RETURNING cs.sku, cs.channel_sku, cs.channel_item_id, cs.target, cs.pushed_value, cs.orders_at_push,
                               cs.caused_at,
                               (SELECT e.ordered_units FROM channel_stock_expected e
                                 WHERE e.channel_id = cs.channel_id AND e.sku = cs.sku),
                               coalesce((SELECT s.scarce FROM stock_sku s WHERE s.sku = cs.sku), false), cs.settling_since
                        """)
                .param("c", channelId)
                .param("s", sku)
                .query((rs, n) -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        (Long) rs.getObject(5),
                        rs.getLong(6),
                        rs.getTimestamp(7).toInstant(),
                        rs.getLong(8),
                        rs.getBoolean(9),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                        Instant.now()))
                .optional();
    }

    /** A push that does nothing now (the row settles): back to PENDING, to be sent again when it has settled. */
    void leavePending(String channelId, String sku) {
        jdbc.sql("UPDATE channel_stock SET state = 'PENDING' WHERE channel_id = :c AND sku = :s AND state = 'PUSHING'")
                .param("c", channelId)
                .param("s", sku)
                .update();
    }

    /** One raise of a SKU at a time, across hub instances too, so that two raises never count the same room. */
    void lockRaisesOf(String sku) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")
                .param("k", "stock-raise:" + sku)
                .query()
                .singleRow();
    }

    /**
     * ATP less what the SKU's other channels may still sell (the view's {@code may_sell}). A raise
     * beyond it waits for them.
     */
    long roomFor(String channelId, String sku) {
        return jdbc.sql("""
                        SELECT s.atp - coalesce((SELECT sum(e.may_sell) FROM channel_stock_expected e
                                                  WHERE e.sku = s.sku AND e.channel_id <> :c AND e.may_sell IS NOT NULL), 0)
                          FROM stock_sku s WHERE s.sku = :s
                        """)
                .param("c", channelId)
                .param("s", sku)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** The command goes back to the queue for redelivery with backoff: it is the one waiting. */
    void retryLater(String channelId, String sku, int priority) {
        jdbc.sql("""
                        UPDATE channel_stock SET state = 'PENDING', queued_priority = greatest(queued_priority, :p),
                               queued_at = coalesce(queued_at, now())
                         WHERE channel_id = :c AND sku = :s AND state IN ('PUSHING', 'PENDING')
                        """).param("p", priority).param("c", channelId).param("s", sku).update();
    }

    void deadLetter(String channelId, String sku, String reason) {
        jdbc.sql("UPDATE channel_stock SET state = 'DEAD_LETTERED', reason = :r WHERE channel_id = :c AND sku = :s")
                .param("r", reason)
                .param("c", channelId)
                .param("s", sku)
                .update();
    }

    /**
     * Records what the platform shows now: confirmed when that is the target; left as the ledger
     * set it (PENDING, with the cause of the newer change) when the target moved on meanwhile.
     */
    void confirm(String channelId, String sku, long shown, long ordersNow, Instant pushedAt) {
        jdbc.sql("""
                        UPDATE channel_stock SET pushed_value = :v, orders_at_push = :o, reason = NULL,
                               pushed_at = coalesce(CAST(:at AS timestamptz), pushed_at),
                               state = CASE WHEN state = 'PENDING' THEN 'PENDING'
                                            WHEN greatest(target, 0) = :v THEN 'CONFIRMED' ELSE 'PENDING' END
                         WHERE channel_id = :c AND sku = :s
                        """)
                .param("v", shown)
                .param("o", ordersNow)
                .param("at", pushedAt == null ? null : Timestamp.from(pushedAt))
                .param("c", channelId)
                .param("s", sku)
                .update();
    }

    /** Set to 0 by an absolute write: the units it showed ({@code held}) stay its own until it has settled. */
    void settle(String channelId, String sku, long held, Instant since) {
        jdbc.sql(
                        "UPDATE channel_stock SET held = :h, settling_since = :at, state = 'PENDING' WHERE channel_id = :c AND sku = :s")
                .param("h", held)
                .param("at", Timestamp.from(since))
                .param("c", channelId)
                .param("s", sku)
                .update();
    }

    void recordPush(String channelId, String sku, long value, Instant causedAt, Instant confirmedAt) {
        jdbc.sql(
                        "INSERT INTO stock_push (channel_id, sku, value, caused_at, confirmed_at) VALUES (:c, :s, :v, :from, :at)")
                .param("c", channelId)
                .param("s", sku)
                .param("v", value)
                .param("from", Timestamp.from(causedAt))
                .param("at", Timestamp.from(confirmedAt))
                .update();
    }

    /** The SKU's other channels whose raise waits for units a push gave back, and has no command waiting. */
    List<SyncCommand> queueWaitingRaises(String channelId, String sku) {
        Instant now = Instant.now();
        return jdbc.sql("""
                        UPDATE channel_stock SET queued_priority = :p, queued_at = now()
                         WHERE (channel_id, sku) IN (SELECT channel_id, sku FROM channel_stock
                                                      WHERE sku = :s AND channel_id <> :c AND state = 'PENDING'
                                                        AND queued_priority IS NULL
                                                      ORDER BY channel_id, sku FOR UPDATE) -- the ledger's lock order
                        RETURNING channel_id, channel_item_id, channel_sku, target, caused_at
                        """)
                .param("p", SyncQueues.NORMAL)
                .param("s", sku)
                .param("c", channelId)
                .query((rs, n) -> SyncCommand.stock(
                        rs.getString(1),
                        sku,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        "stock",
                        rs.getTimestamp(5).toInstant(),
                        now))
                .list();
    }
}
