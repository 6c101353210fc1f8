package io.omnihub.hub.pricing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.ListingUpdates.SkuRef;
import io.omnihub.connectors.PlatformException;
import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.messaging.ChannelSyncState;
import io.omnihub.hub.messaging.PushResult;
import io.omnihub.mappings.model.Money;
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
 * Makes one channel SKU list its current target price. Like a stock push, the queued command
 * only names the SKU: the price sent is the target in {@code channel_price} at that moment. A
 * price is absolute, so sending it again after a timeout is harmless.
 */
@Service
public class PricePush {

    private static final Logger log = LoggerFactory.getLogger(PricePush.class);

    private record Row(
            String channelSku, String channelItemId, long target, Long pushed, String state, Instant causedAt) {}

    private final JdbcClient jdbc;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PricePush(JdbcClient jdbc, DeadLetters deadLetters, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /**
     * @return PUSHED, UNCHANGED (the platform already lists the target), or DEAD_LETTERED (refused for good, with its reason)
     * @throws PlatformException when the failure may pass: the broker redelivers with backoff
     */
    public PushResult push(String channelId, String sku, ListingUpdates listings) {
        Optional<Row> found = jdbc.sql("""
                        SELECT channel_sku, channel_item_id, target_fen, pushed_fen, state, caused_at FROM channel_price
                         WHERE channel_id = :c AND sku = :s
                        """)
                .param("c", channelId)
                .param("s", sku)
                .query((rs, n) -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        (Long) rs.getObject(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .optional();
        if (found.isEmpty()) {
            return PushResult.UNCHANGED;
        }
        Row row = found.get();
        if (ChannelSyncState.CONFIRMED.name().equals(row.state())
                && row.pushed() != null
                && row.pushed() == row.target()) {
            return PushResult.UNCHANGED;
        }
        try {
            listings.setPrice(new SkuRef(row.channelItemId(), row.channelSku(), sku), row.target());
        } catch (PlatformException e) {
            if (e.isRetryable()) {
                log.warn(
                        "{} price push of {} ({}) failed, the broker retries it: {}",
                        channelId,
                        sku,
                        row.channelSku(),
                        e.getMessage());
                throw e;
            }
            jdbc.sql("UPDATE channel_price SET state = 'DEAD_LETTERED', reason = :r WHERE channel_id = :c AND sku = :s")
                    .param("r", e.getMessage())
                    .param("c", channelId)
                    .param("s", sku)
                    .update();
            deadLetters.park(
                    channelId,
                    "price",
                    row.channelSku(),
                    e.getMessage(),
                    "{\"sku\":\"" + sku + "\",\"channelSku\":\"" + row.channelSku() + "\",\"price\":\""
                            + Money.fenToYuan(row.target()) + "\"}");
            return PushResult.deadLettered(e.getMessage());
        }
        Instant confirmed = Instant.now();
        // confirmed only if the target did not move on meanwhile; a newer target has its own command queued
        jdbc.sql("""
                        UPDATE channel_price SET pushed_fen = :v, pushed_at = :at, reason = NULL,
                               state = CASE WHEN target_fen = :v THEN 'CONFIRMED' ELSE 'PENDING' END
                         WHERE channel_id = :c AND sku = :s
                        """)
                .param("v", row.target())
                .param("at", Timestamp.from(confirmed))
                .param("c", channelId)
                .param("s", sku)
                .update();
        jdbc.sql(
                        "INSERT INTO price_push (channel_id, sku, value_fen, caused_at, confirmed_at) VALUES (:c, :s, :v, :from, :at)")
                .param("c", channelId)
                .param("s", sku)
                .param("v", row.target())
                .param("from", Timestamp.from(row.causedAt()))
                .param("at", Timestamp.from(confirmed))
                .update();
        timer(channelId).record(Duration.between(row.causedAt(), confirmed));
        return PushResult.pushed();
    }

    /** Time to channel per instance, from the price change or promotion start to the platform's confirmation. */
    private Timer timer(String channelId) {
        return timers.computeIfAbsent(
                channelId,
                id -> Timer.builder("hub.sync.price.time.to.channel")
                        .description("From a price change or a promotion's start or end to the platform's confirmation")
                        .tag("instance", id)
                        .publishPercentileHistogram()
                        .register(meters));
    }
}
