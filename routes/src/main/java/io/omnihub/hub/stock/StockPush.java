package io.omnihub.hub.stock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.ListingUpdates.SkuRef;
import io.omnihub.connectors.PlatformException;
import io.omnihub.hub.deadletter.DeadLetters;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

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
 * <p>The platform's success is its confirmation: the value, the time and the time to channel
 * (from the first stock event not yet confirmed) are recorded.
 */
@Service
public class StockPush {

    private static final Logger log = LoggerFactory.getLogger(StockPush.class);

    public enum Outcome {
        PUSHED, UNCHANGED, DEAD_LETTERED
    }

    /** What a push did; the platform's reason when it refused for good. */
    public record Result(Outcome outcome, String reason) {
        static final Result PUSHED = new Result(Outcome.PUSHED, null);
        static final Result UNCHANGED = new Result(Outcome.UNCHANGED, null);
    }

    /** The row a push reads, and the channel's ordered units now. */
    record Row(String sku, String channelSku, String channelItemId, long target, Long pushedValue, long ordersAtPush,
               String state, Instant causedAt, long ordersNow) {

        /** What the platform should show now: the last push less the channel's orders learnt of since. */
        Long expected() {
            return pushedValue == null ? null : Math.max(0, pushedValue - (ordersNow - ordersAtPush));
        }
    }

    private final JdbcClient jdbc;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public StockPush(JdbcClient jdbc, DeadLetters deadLetters, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /**
     * @throws PlatformException when the failure may pass (throttled, unreachable, 5xx): the
     *                           caller rolls back and the broker redelivers with backoff
     */
    public Result push(String channelId, String sku, ListingUpdates listings, String requestId) {
        Optional<Row> found = row(channelId, sku);
        if (found.isEmpty()) {
            return Result.UNCHANGED;
        }
        Row row = found.get();
        long target = Math.max(0, row.target()); // never negative stock on a platform
        Long expected = row.expected();
        if (expected != null && expected == target) {
            confirm(channelId, row, target, null);
            return Result.UNCHANGED;
        }
        SkuRef ref = new SkuRef(row.channelItemId(), row.channelSku(), sku);
        long shown = target;
        try {
            if (expected != null && listings.adjustsStock()) {
                long delta = target - expected;
                try {
                    listings.adjustStock(ref, delta, requestId);
                } catch (PlatformException e) {
                    if (e.isRetryable()) {
                        throw e;
                    }
                    // refused: fewer left than the hub knew (units sold but not pulled yet), or the SKU is gone
                    shown = delta < 0 ? 0 : target;
                    listings.setStock(ref, shown, requestId + "-set");
                }
            } else if (expected != null) {
                // absolute values only (JD): read first, and leave out what the platform sold that the hub has not seen
                long unseen = Math.max(0, expected - listings.stock(ref));
                shown = Math.max(0, target - unseen);
                listings.setStock(ref, shown, requestId);
                shown = target; // those unseen orders arrive later and take the expected value down to what it shows
            } else {
                listings.setStock(ref, target, requestId);
            }
        } catch (PlatformException e) {
            if (e.isRetryable()) {
                log.warn("{} stock push of {} ({}) failed, the broker retries it: {}", channelId, sku, row.channelSku(),
                        e.getMessage());
                throw e;
            }
            String reason = e.getMessage();
            jdbc.sql("UPDATE channel_stock SET state = 'DEAD_LETTERED', reason = :r WHERE channel_id = :c AND sku = :s")
                    .param("r", reason).param("c", channelId).param("s", sku).update();
            deadLetters.park(channelId, "stock", row.channelSku(), reason,
                    "{\"sku\":\"" + sku + "\",\"channelSku\":\"" + row.channelSku() + "\",\"quantity\":" + target + "}");
            return new Result(Outcome.DEAD_LETTERED, reason);
        }
        Instant confirmed = confirm(channelId, row, shown, Instant.now());
        jdbc.sql("INSERT INTO stock_push (channel_id, sku, value, caused_at, confirmed_at) VALUES (:c, :s, :v, :from, :at)")
                .param("c", channelId).param("s", sku).param("v", shown).param("from", Timestamp.from(row.causedAt()))
                .param("at", Timestamp.from(confirmed)).update();
        timer(channelId).record(Duration.between(row.causedAt(), confirmed));
        return Result.PUSHED;
    }

    /** Records what the platform shows now; confirmed when that is the target, still pending when the target moved on. */
    private Instant confirm(String channelId, Row row, long shown, Instant pushedAt) {
        jdbc.sql("""
                        UPDATE channel_stock SET pushed_value = :v, orders_at_push = :o, reason = NULL,
                               pushed_at = coalesce(CAST(:at AS timestamptz), pushed_at),
                               state = CASE WHEN greatest(target, 0) = :v THEN 'CONFIRMED' ELSE 'PENDING' END
                         WHERE channel_id = :c AND sku = :s
                        """)
                .param("v", shown).param("o", row.ordersNow()).param("at", pushedAt == null ? null : Timestamp.from(pushedAt))
                .param("c", channelId).param("s", row.sku()).update();
        return pushedAt;
    }

    private Optional<Row> row(String channelId, String sku) {
        return jdbc.sql("""
                        SELECT cs.sku, cs.channel_sku, cs.channel_item_id, cs.target, cs.pushed_value, cs.orders_at_push,
                               cs.state, cs.caused_at,
                               (SELECT coalesce(sum(r.quantity), 0) FROM stock_reservation r
                                 WHERE r.channel_id = cs.channel_id AND r.sku = cs.sku AND r.state <> 'RELEASED')
                          FROM channel_stock cs WHERE cs.channel_id = :c AND cs.sku = :s
                        """)
                .param("c", channelId).param("s", sku)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        (Long) rs.getObject(5), rs.getLong(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getLong(9)))
                .optional();
    }

    /** Time to channel per instance, exported to Prometheus as a histogram. */
    private Timer timer(String channelId) {
        return timers.computeIfAbsent(channelId, id -> Timer.builder("hub.sync.time.to.channel")
                .description("From the stock event that changed a channel's target to the platform's confirmation")
                .tag("instance", id).publishPercentileHistogram().register(meters));
    }
}
