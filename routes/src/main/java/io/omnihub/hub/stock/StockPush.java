package io.omnihub.hub.stock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.ListingUpdates.SkuRef;
import io.omnihub.connectors.PlatformException;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.messaging.PushResult;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.mappings.model.SyncCommand;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes one channel SKU show its current target. The queued command only says which SKU to look
 * at: the value is the target in {@code channel_stock} now, so a command that waited in the queue
 * never pushes a stale value.
 *
 * <p>A platform takes its own orders off its stock, and it knows of orders the hub has not pulled
 * yet. Overwriting its figure with an absolute value would hand those units out a second time,
 * so where the platform takes an increment (Taobao, Douyin) the hub pushes the difference between
 * the target and what the platform should show by now: the last pushed value less the channel's
 * orders the hub has learnt of since. Units sold but not yet pulled stay sold. JD takes absolute
 * values only: there the hub reads the stock first and leaves out what the platform sold that the
 * hub has not seen. A SKU the platform already shows right costs no call.
 *
 * <p>An absolute write overwrites the orders the platform takes between the read and the write,
 * and the hub cannot tell how many there were. While stock is plentiful that is a small drift
 * reconciliation corrects; while a SKU is scarce (low, or selling out within a minute) it would be
 * overselling. So then a channel showing stock is set to 0 instead, which is right however many
 * orders came in between; the units it showed stay counted as its own until its orders up to the
 * write are pulled (its order pull has passed the write time plus its settle time, and the ledger has
 * reserved them: {@link StockReconciliation#settled}), and then it is raised from 0, where it cannot
 * sell in between.
 *
 * <p>Channels never show more between them than ATP: a raise goes only as far as ATP less what
 * the SKU's other channels may still sell, and the rest waits until they have given units back
 * (their lower targets are pushed first, and each such push sends the waiting channels again).
 *
 * <p>The platform's success is its confirmation: the value, the time and the time to channel
 * (from the first stock event not yet confirmed) are recorded.
 */
@Service
public class StockPush {

    private static final Logger log = LoggerFactory.getLogger(StockPush.class);

    /** The row a push reads, and the channel's ordered units now. */
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

        /** What the platform should show now: the last push less the channel's orders learnt of since. */
        Long expected() {
            return pushedValue == null ? null : Math.max(0, pushedValue - (ordersNow - ordersAtPush));
        }
    }

    private final JdbcClient jdbc;
    private final HubProperties hub;
    private final TransactionTemplate raises;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public StockPush(
            JdbcClient jdbc,
            DeadLetters deadLetters,
            MeterRegistry meters,
            PlatformTransactionManager transactions,
            HubProperties hub) {
        this.jdbc = jdbc;
        this.hub = hub;
        this.raises = new TransactionTemplate(transactions);
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /**
     * @throws PlatformException when the failure may pass (throttled, unreachable, 5xx): the
     *                           caller rolls back and the broker redelivers with backoff
     */
    public PushResult push(String channelId, SyncCommand command, ListingUpdates listings) {
        String sku = command.sku();
        String requestId = command.commandId();
        Optional<Row> found = row(channelId, sku);
        if (found.isEmpty()) {
            return PushResult.UNCHANGED;
        }
        Row row = found.get();
        if (row.settlingSince() != null) {
            // it shows 0 until its orders up to the last write are in; StockReconciliation.settled sends it again then
            jdbc.sql(
                            "UPDATE channel_stock SET state = 'PENDING' WHERE channel_id = :c AND sku = :s AND state = 'PUSHING'")
                    .param("c", channelId)
                    .param("s", sku)
                    .update();
            return PushResult.UNCHANGED;
        }
        long target = Math.max(0, row.target()); // never negative stock on a platform
        Long expected = row.expected();
        try {
            if (expected != null && target <= expected) {
                return apply(channelId, row, expected, target, listings, requestId);
            }
            // a raise: units another channel still shows may be sold there any moment, so a raise takes only
            // the room the others leave, one raise of the SKU at a time (across hub instances too) so that
            // two raises never count the same room
            return raises.execute(tx -> {
                jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")
                        .param("k", "stock-raise:" + sku)
                        .query()
                        .singleRow();
                long room = Math.max(0, roomFor(channelId, sku));
                long goal = Math.min(target, Math.max(room, expected == null ? 0 : expected));
                return apply(channelId, row, expected, goal, listings, requestId);
            });
        } catch (PlatformException e) { // only the ones that may pass get here
            log.warn(
                    "{} stock push of {} ({}) failed, the broker retries it: {}",
                    channelId,
                    sku,
                    row.channelSku(),
                    e.getMessage());
            // the command goes back to the queue for redelivery with backoff: it is the one waiting
            jdbc.sql("""
                            UPDATE channel_stock SET state = 'PENDING', queued_priority = greatest(queued_priority, :p),
                                   queued_at = coalesce(queued_at, now())
                             WHERE channel_id = :c AND sku = :s AND state IN ('PUSHING', 'PENDING')
                            """)
                    .param("p", SyncQueues.priority(command))
                    .param("c", channelId)
                    .param("s", sku)
                    .update();
            throw e;
        }
    }

    /** Makes the platform show {@code goal}, or records why it would not. */
    private PushResult apply(
            String channelId, Row row, Long expected, long goal, ListingUpdates listings, String requestId) {
        String sku = row.sku();
        if (expected != null && expected == goal) {
            confirm(channelId, row, goal, null);
            return PushResult.UNCHANGED;
        }
        SkuRef ref = new SkuRef(row.channelItemId(), row.channelSku(), sku);
        long shown = goal;
        boolean settling = false;
        try {
            if (expected != null && listings.adjustsStock()) {
                long delta = goal - expected;
                try {
                    listings.adjustStock(ref, delta, requestId);
                } catch (PlatformException e) {
                    if (e.isRetryable() || delta > 0) {
                        throw e;
                    }
                    // refused: fewer left than the hub reckoned, because the platform sold units the hub has not
                    // pulled yet. Take off what is left, still as an increment (an absolute 0 would make those
                    // orders count twice when they arrive); they take the expected value to 0 as they do.
                    long left = listings.stock(ref);
                    if (left > 0) {
                        try {
                            listings.adjustStock(ref, -left, requestId + "-rest");
                        } catch (PlatformException again) { // sold again in between: the broker tries once more
                            throw new PlatformException(again.platform(), "stock moved while it was taken off", again);
                        }
                    }
                    shown = Math.max(0, expected - left);
                }
            } else if (expected != null) {
                // absolute values only (JD): read first, and leave out the units the platform sold that the hub has
                // not seen; what the hub then counts as the platform's is what it wrote plus those unseen sales,
                // which arrive later and take the expected value down to what it shows
                long began = System.nanoTime();
                long[] written = new long[1];
                long read = listings.setStockFromRead(
                        ref, a -> written[0] = absoluteValue(row.scarce(), goal, expected, a), requestId);
                long unseen = Math.max(0, expected - read);
                shown = written[0] + unseen;
                if (row.scarce() && read > 0) {
                    // it was set to 0 (see the class comment): until its orders up to now are in, the units it
                    // showed stay counted as its own
                    settling = true;
                }
                log.debug(
                        "{} {}: expected {}, goal {}, read {}, wrote {} in {} ms",
                        channelId,
                        sku,
                        expected,
                        goal,
                        read,
                        written[0],
                        (System.nanoTime() - began) / 1_000_000);
            } else {
                listings.setStock(ref, goal, requestId);
            }
        } catch (PlatformException e) {
            if (e.isRetryable()) {
                throw e;
            }
            String reason = e.getMessage();
            jdbc.sql("UPDATE channel_stock SET state = 'DEAD_LETTERED', reason = :r WHERE channel_id = :c AND sku = :s")
                    .param("r", reason)
                    .param("c", channelId)
                    .param("s", sku)
                    .update();
            deadLetters.park(
                    channelId,
                    "stock",
                    row.channelSku(),
                    reason,
                    "{\"sku\":\"" + sku + "\",\"channelSku\":\"" + row.channelSku() + "\",\"quantity\":" + goal + "}");
            return PushResult.deadLettered(reason);
        }
        Instant confirmed = confirm(channelId, row, shown, Instant.now());
        log.debug(
                "{} {}: expected {}, goal {}, shows {}; began {} ms after its cause, confirmed {} ms after it began",
                channelId,
                sku,
                expected,
                goal,
                shown,
                Duration.between(row.causedAt(), row.readAt()).toMillis(),
                Duration.between(row.readAt(), confirmed).toMillis());
        if (settling) {
            jdbc.sql(
                            "UPDATE channel_stock SET held = :h, settling_since = :at, state = 'PENDING' WHERE channel_id = :c AND sku = :s")
                    .param("h", expected)
                    .param("at", Timestamp.from(confirmed))
                    .param("c", channelId)
                    .param("s", sku)
                    .update();
        }
        jdbc.sql(
                        "INSERT INTO stock_push (channel_id, sku, value, caused_at, confirmed_at) VALUES (:c, :s, :v, :from, :at)")
                .param("c", channelId)
                .param("s", sku)
                .param("v", shown)
                .param("from", Timestamp.from(row.causedAt()))
                .param("at", Timestamp.from(confirmed))
                .update();
        timer(channelId).record(Duration.between(row.causedAt(), confirmed));
        boolean gaveBack = expected != null && shown < expected;
        return new PushResult(PushResult.Outcome.PUSHED, null, gaveBack ? waitingFor(channelId, sku) : List.of());
    }

    /**
     * The value to write to a platform that takes absolute values, having read {@code read}: the
     * goal less the sales the platform made that the hub has not seen; or 0 for a scarce SKU the
     * platform still shows, since orders between the read and the write would be overwritten.
     */
    static long absoluteValue(boolean scarce, long goal, long expected, long read) {
        if (scarce && read > 0) {
            return 0;
        }
        return Math.max(0, goal - Math.max(0, expected - read));
    }

    /**
     * ATP less what the SKU's other channels may still sell: what they show by the hub's
     * reckoning (the last push less their orders since). A raise beyond it waits for them.
     */
    private long roomFor(String channelId, String sku) {
        return jdbc.sql("""
                        SELECT s.atp - coalesce((
                                 SELECT sum(greatest(0, cs.pushed_value - ((SELECT coalesce(sum(r.quantity), 0)
                                                                              FROM stock_reservation r
                                                                             WHERE r.channel_id = cs.channel_id AND r.sku = cs.sku
                                                                               AND r.state <> 'RELEASED') - cs.orders_at_push),
                                                    CASE WHEN cs.settling_since IS NOT NULL THEN cs.held ELSE 0 END))
                                   FROM channel_stock cs
                                  WHERE cs.sku = s.sku AND cs.channel_id <> :c AND cs.pushed_value IS NOT NULL), 0)
                          FROM stock_sku s WHERE s.sku = :s
                        """)
                .param("c", channelId)
                .param("s", sku)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** The SKU's other channels whose raise waits for units this push gave back, and has no command waiting. */
    private List<SyncCommand> waitingFor(String channelId, String sku) {
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

    /**
     * Records what the platform shows now: confirmed when that is the target; left as the ledger
     * set it (PENDING, with the cause of the newer change) when the target moved on meanwhile.
     */
    private Instant confirm(String channelId, Row row, long shown, Instant pushedAt) {
        jdbc.sql("""
                        UPDATE channel_stock SET pushed_value = :v, orders_at_push = :o, reason = NULL,
                               pushed_at = coalesce(CAST(:at AS timestamptz), pushed_at),
                               state = CASE WHEN state = 'PENDING' THEN 'PENDING'
                                            WHEN greatest(target, 0) = :v THEN 'CONFIRMED' ELSE 'PENDING' END
                         WHERE channel_id = :c AND sku = :s
                        """)
                .param("v", shown)
                .param("o", row.ordersNow())
                .param("at", pushedAt == null ? null : Timestamp.from(pushedAt))
                .param("c", channelId)
                .param("s", row.sku())
                .update();
        return pushedAt;
    }

    /**
     * Reads the row and marks it PUSHING: a target change from here on sets it PENDING again with
     * its own cause, so time to channel is measured from the first change this push does not carry.
     * Its command has left the queue: the next change sends a new one.
     */
    private Optional<Row> row(String channelId, String sku) {
        return jdbc.sql("""
                        UPDATE channel_stock cs
                           SET state = CASE WHEN cs.state IN ('PENDING', 'DEAD_LETTERED') THEN 'PUSHING' ELSE cs.state END,
                               queued_priority = NULL, queued_at = NULL
                         WHERE cs.channel_id = :c AND cs.sku = :s
                        RETURNING cs.sku, cs.channel_sku, cs.channel_item_id, cs.target, cs.pushed_value, cs.orders_at_push,
                               cs.caused_at,
                               (SELECT coalesce(sum(r.quantity), 0) FROM stock_reservation r
                                 WHERE r.channel_id = cs.channel_id AND r.sku = cs.sku AND r.state <> 'RELEASED'),
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

    /** Time to channel per instance, exported to Prometheus as a histogram. */
    private Timer timer(String channelId) {
        return timers.computeIfAbsent(
                channelId,
                id -> Timer.builder("hub.sync.time.to.channel")
                        .description(
                                "From the stock event that changed a channel's target to the platform's confirmation")
                        .tag("instance", id)
                        .publishPercentileHistogram()
                        .register(meters));
    }
}
