package io.omnihub.hub.stock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.ListingUpdates.SkuRef;
import io.omnihub.connectors.PlatformException;
import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.messaging.PushResult;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.hub.stock.ChannelStockRows.Row;
import io.omnihub.mappings.model.SyncCommand;
import io.omnihub.mappings.stock.ChannelStockPush;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * (from the first stock event not yet confirmed) are recorded. The arithmetic is
 * {@link ChannelStockPush} (plain Java, unit-tested); the statements are {@link ChannelStockRows}.
 */
@Service
public class StockPush {

    private static final Logger log = LoggerFactory.getLogger(StockPush.class);

    private final ChannelStockRows rows;
    private final TransactionTemplate raises;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public StockPush(
            ChannelStockRows rows,
            DeadLetters deadLetters,
            MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.rows = rows;
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
        Optional<Row> found = rows.takeForPush(channelId, sku);
        if (found.isEmpty()) {
            return PushResult.UNCHANGED;
        }
        Row row = found.get();
        ChannelStockPush plan = row.plan();
        if (plan.settling()) {
            // it shows 0 until its orders up to the last write are in; StockReconciliation.settled sends it again then
            rows.leavePending(channelId, sku);
            return PushResult.UNCHANGED;
        }
        try {
            if (plan.lowers()) {
                return apply(channelId, row, plan, plan.goal(0), listings, command.commandId());
            }
            // a raise: units another channel still shows may be sold there any moment, so a raise takes only
            // the room the others leave, one raise of the SKU at a time so that two raises never count the same room
            return raises.execute(tx -> {
                rows.lockRaisesOf(sku);
                long goal = plan.goal(rows.roomFor(channelId, sku));
                return apply(channelId, row, plan, goal, listings, command.commandId());
            });
        } catch (PlatformException e) { // only the ones that may pass get here
            log.warn(
                    "{} stock push of {} ({}) failed, the broker retries it: {}",
                    channelId,
                    sku,
                    row.channelSku(),
                    e.getMessage());
            rows.retryLater(channelId, sku, SyncQueues.priority(command));
            throw e;
        }
    }

    /** Makes the platform show {@code goal}, or records why it would not. */
    private PushResult apply(
            String channelId, Row row, ChannelStockPush plan, long goal, ListingUpdates listings, String requestId) {
        String sku = row.sku();
        Long expected = plan.expected();
        if (plan.showsAlready(goal)) {
            rows.confirm(channelId, sku, goal, row.ordersNow(), null);
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
                    shown = ChannelStockPush.shownAfterRefusedDecrement(expected, left);
                }
            } else if (expected != null) {
                // absolute values only (JD): read first, and leave out the units the platform sold that the hub has
                // not seen; what the hub then counts as the platform's is what it wrote plus those unseen sales,
                // which arrive later and take the expected value down to what it shows
                long began = System.nanoTime();
                long[] written = new long[1];
                long read = listings.setStockFromRead(
                        ref,
                        a -> written[0] = ChannelStockPush.absoluteValue(row.scarce(), goal, expected, a),
                        requestId);
                shown = ChannelStockPush.shownAfterAbsolute(written[0], expected, read);
                // set to 0 (see the class comment): until its orders up to now are in, the units it showed stay its own
                settling = ChannelStockPush.settlesAfterAbsolute(row.scarce(), read);
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
            rows.deadLetter(channelId, sku, reason);
            deadLetters.park(
                    channelId,
                    "stock",
                    row.channelSku(),
                    reason,
                    "{\"sku\":\"" + sku + "\",\"channelSku\":\"" + row.channelSku() + "\",\"quantity\":" + goal + "}");
            return PushResult.deadLettered(reason);
        }
        Instant confirmed = Instant.now();
        rows.confirm(channelId, sku, shown, row.ordersNow(), confirmed);
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
            rows.settle(channelId, sku, expected, confirmed);
        }
        rows.recordPush(channelId, sku, shown, row.causedAt(), confirmed);
        timer(channelId).record(Duration.between(row.causedAt(), confirmed));
        boolean gaveBack = expected != null && shown < expected;
        return new PushResult(
                PushResult.Outcome.PUSHED, null, gaveBack ? rows.queueWaitingRaises(channelId, sku) : List.of());
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
