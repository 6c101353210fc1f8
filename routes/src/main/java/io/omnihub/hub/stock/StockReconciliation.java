package io.omnihub.hub.stock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnihub.channel.ChannelInstance;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.ListingUpdates.SkuRef;
import io.omnihub.connectors.PlatformException;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.ingest.OrderIngest;
import io.omnihub.hub.ingest.Watermarks;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.mappings.model.SyncCommand;
import io.omnihub.mappings.stock.StockReadBack;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads stock back from a channel and compares it with what the hub reckons the channel shows:
 * the last push less the units of the channel's own orders the hub has learnt of since (the
 * platform took those off itself). See {@link StockReadBack} for the arithmetic.
 * <ul>
 * <li>A channel showing more than that is over-exposed now (a change behind the hub's back, a
 *     shop reset, an earlier "success" that did not stick): corrected at once.</li>
 * <li>One showing less may have sold units the hub has not pulled yet. Its read is kept as an
 *     observation and judged only when the hub knows every order the channel took up to the read
 *     (the channel's order pull has passed the read time plus its settle time, and the ledger has
 *     reserved them); then it is raised by what is still missing, however often the SKU was pushed
 *     in between. Never on the age of the last push: that once re-pushed units the platform had
 *     just sold.</li>
 * <li>A SKU mid-push is read once the push is over, not skipped for the round.</li>
 * <li>A refused or failed read-back counts on {@code hub.stock.reconcile.failures} and leaves the
 *     SKU's push state alone: a read that fails says nothing about the value pushed.</li>
 * </ul>
 * Each correction counts as drift and re-pushes the target.
 */
@Service
public class StockReconciliation {

    private static final Logger log = LoggerFactory.getLogger(StockReconciliation.class);

    private final JdbcClient jdbc;
    private final Watermarks watermarks;
    private final Map<String, ChannelInstance> channels;
    private final MeterRegistry meters;
    private final HubProperties.Stock settings;
    private final Map<String, Instant> nextRound = new ConcurrentHashMap<>();

    public StockReconciliation(JdbcClient jdbc, Watermarks watermarks, HubProperties hub, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.watermarks = watermarks;
        this.channels = hub.getChannels();
        this.meters = meters;
        this.settings = hub.getStock();
    }

    /**
     * Commands for targets left pending (or mid-push, by a hub that stopped) with no command sent
     * for over a minute, or whose command has waited that long: it may have been lost between the
     * commit and the queue.
     */
    public List<SyncCommand> stalePending(String channelId) {
        Instant now = Instant.now();
        return jdbc.sql("""
                        UPDATE channel_stock SET queued_priority = greatest(queued_priority, :p), queued_at = now()
                         WHERE (channel_id, sku) IN (SELECT channel_id, sku FROM channel_stock
                                                      WHERE channel_id = :c AND state IN ('PENDING', 'PUSHING')
                                                        AND coalesce(queued_at, target_at) < now() - interval '1 minute'
                                                      ORDER BY channel_id, sku FOR UPDATE) -- the ledger's lock order
                        RETURNING sku, channel_item_id, channel_sku, target, caused_at
                        """)
                .param("c", channelId)
                .param("p", SyncQueues.NORMAL)
                .query((rs, n) -> SyncCommand.stock(
                        channelId,
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        "stock",
                        rs.getTimestamp(5).toInstant(),
                        now))
                .list();
    }

    /**
     * Ends the settling of absolute writes whose orders are in by now (see {@link StockPush}): the
     * channel's order pull has passed the write time plus its settle time and the ledger has
     * reserved every order placed up to it. The units they held go back to the SKU, so its pending
     * channels, the written one first among them, are sent again.
     */
    public List<SyncCommand> settled() {
        List<String> skus = new ArrayList<>();
        for (String channelId : jdbc.sql(
                        "SELECT DISTINCT channel_id FROM channel_stock WHERE settling_since IS NOT NULL")
                .query(String.class)
                .list()) {
            Instant pulledTo = pulledTo(channelId);
            if (pulledTo == null) {
                continue;
            }
            skus.addAll(jdbc.sql("""
                            UPDATE channel_stock SET settling_since = NULL, held = NULL
                             WHERE channel_id = :c AND settling_since IS NOT NULL AND settling_since <= :pulled
                               AND sku <> ALL(CAST(:behind AS text[]))
                            RETURNING sku
                            """)
                    .param("c", channelId)
                    .param("pulled", Timestamp.from(pulledTo))
                    .param("behind", ledgerBehind(channelId, pulledTo))
                    .query(String.class)
                    .list());
        }
        if (skus.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        return jdbc.sql("""
                        UPDATE channel_stock SET queued_priority = :p, queued_at = now()
                         WHERE (channel_id, sku) IN (SELECT channel_id, sku FROM channel_stock
                                                      WHERE sku = ANY(CAST(:s AS text[])) AND state IN ('PENDING', 'PUSHING')
                                                        AND queued_priority IS NULL
                                                      ORDER BY channel_id, sku FOR UPDATE) -- the ledger's lock order
                        RETURNING channel_id, sku, channel_item_id, channel_sku, target, caused_at
                        """)
                .param("s", skus.stream().distinct().toArray(String[]::new))
                .param("p", SyncQueues.NORMAL)
                .query((rs, n) -> SyncCommand.stock(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        "stock",
                        rs.getTimestamp(6).toInstant(),
                        now))
                .list();
    }

    /**
     * One tick of the channel's reconciliation: starts a round when one is due (the first soon
     * after start, then every period), reads what is due and closes what can be closed.
     */
    public List<SyncCommand> tick(String channelId, ListingUpdates listings) {
        Instant now = Instant.now();
        Instant due = nextRound.computeIfAbsent(channelId, c -> now.plus(settings.getReconcileFirstAfter()));
        if (!now.isBefore(due)) {
            nextRound.put(channelId, now.plus(settings.getReconcileEvery()));
            startRound(channelId);
        }
        return reconcile(channelId, listings);
    }

    /** A new round: every pushed SKU of the channel is read at its next chance (not while a push is under way). */
    public int startRound(String channelId) {
        return jdbc.sql("UPDATE channel_stock SET read_due = true WHERE channel_id = :c AND pushed_value IS NOT NULL")
                .param("c", channelId)
                .update();
    }

    /**
     * Reads back the channel SKUs due for a read that no push is changing now, and closes the
     * observations whose orders are all in. Returns the commands for the SKUs it corrected.
     */
    public List<SyncCommand> reconcile(String channelId, ListingUpdates listings) {
        List<SyncCommand> fixes = new ArrayList<>();
        readDue(channelId, listings, fixes);
        close(channelId, fixes);
        return fixes;
    }

    private record Snapshot(
            String sku,
            String channelSku,
            String channelItemId,
            long target,
            long pushedValue,
            long ordersAtPush,
            Timestamp pushedAt,
            long ordersNow) {
        long base() {
            return pushedValue + ordersAtPush;
        }
    }

    /**
     * One read per due SKU. A SKU mid-push (PUSHING, or settling after an absolute write) keeps its
     * read due for the next tick; so does one whose push began while it was read, since the value
     * read may or may not include that push. A SKU with an observation still open is read again
     * only after it closes.
     */
    private void readDue(String channelId, ListingUpdates listings, List<SyncCommand> fixes) {
        List<Snapshot> due = jdbc.sql("""
                        SELECT cs.sku, cs.channel_sku, cs.channel_item_id, cs.target, cs.pushed_value, cs.orders_at_push,
                               cs.pushed_at, e.ordered_units
                          FROM channel_stock cs
                          JOIN channel_stock_expected e ON e.channel_id = cs.channel_id AND e.sku = cs.sku
                         WHERE cs.channel_id = :c AND cs.read_due AND cs.pushed_value IS NOT NULL
                           AND cs.state IN ('CONFIRMED', 'PENDING') AND cs.settling_since IS NULL AND cs.observed_at IS NULL
                         ORDER BY cs.sku
                        """)
                .param("c", channelId)
                .query((rs, n) -> new Snapshot(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getTimestamp(7),
                        rs.getLong(8)))
                .list();
        for (Snapshot p : due) {
            long shown;
            Instant readAt = Instant.now();
            try {
                shown = listings.stock(new SkuRef(p.channelItemId(), p.channelSku(), p.sku()));
            } catch (PlatformException e) {
                failures(channelId, e.isRetryable() ? "unavailable" : "refused").increment();
                jdbc.sql("""
                                UPDATE channel_stock SET read_error = :r, read_error_at = now(), read_due = :again
                                 WHERE channel_id = :c AND sku = :s
                                """)
                        .param("r", e.getMessage())
                        .param("again", e.isRetryable())
                        .param("c", channelId)
                        .param("s", p.sku())
                        .update();
                if (e.isRetryable()) {
                    log.warn("{} reconciliation paused at {}: {}", channelId, p.sku(), e.getMessage());
                    return; // the channel is struggling: the rest stay due for the next tick
                }
                log.warn("{} refused the read-back of {}: {}", channelId, p.sku(), e.getMessage());
                continue;
            }
            long now = StockReadBack.correctionNow(shown, p.base(), p.ordersNow());
            int updated = jdbc.sql("""
                            UPDATE channel_stock
                               SET last_read = :v, last_read_at = :at, read_due = false, read_error = NULL,
                                   observed_at = :at, observed_value = :v, observed_base = :b, observed_applied = :a,
                                   pushed_value = pushed_value + :a,
                                   drift_count = drift_count + CASE WHEN :a > 0 THEN 1 ELSE 0 END,
                                   state = CASE WHEN :a > 0 THEN 'PENDING' ELSE state END,
                                   caused_at = CASE WHEN :a > 0 AND state <> 'PENDING' THEN :at ELSE caused_at END
                             WHERE channel_id = :c AND sku = :s AND state <> 'PUSHING' AND settling_since IS NULL
                               AND pushed_value = :pv AND orders_at_push = :o AND pushed_at IS NOT DISTINCT FROM :pat
                            """)
                    .param("v", shown)
                    .param("at", Timestamp.from(readAt))
                    .param("b", p.base())
                    .param("a", now)
                    .param("pv", p.pushedValue())
                    .param("o", p.ordersAtPush())
                    .param("pat", p.pushedAt())
                    .param("c", channelId)
                    .param("s", p.sku())
                    .update();
            if (updated == 1 && now > 0) {
                log.warn(
                        "{} shows {} of {} where the hub reckons {}: drift, taking {} down to {}",
                        channelId,
                        shown,
                        p.sku(),
                        Math.max(0, p.base() - p.ordersNow()),
                        p.sku(),
                        p.target());
                fixes.add(command(channelId, p.sku(), p.channelItemId(), p.channelSku(), p.target(), readAt));
            }
        }
    }

    private record Observation(
            String sku,
            String channelSku,
            String channelItemId,
            long target,
            Instant at,
            long shown,
            long base,
            long applied,
            long takenUpToRead) {}

    /**
     * Closes the observations whose orders are all in: the channel's order pull has passed the read
     * time plus its settle time, and the ledger holds every order of the channel placed up to it.
     * Only then is it known how much of what the channel showed was sales, so only then is a
     * channel left too low raised.
     */
    private void close(String channelId, List<SyncCommand> fixes) {
        Instant pulledTo = pulledTo(channelId);
        if (pulledTo == null
                || !jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM channel_stock
                                        WHERE channel_id = :c AND observed_at IS NOT NULL AND observed_at <= :pulled)
                        """)
                        .param("c", channelId)
                        .param("pulled", Timestamp.from(pulledTo))
                        .query(Boolean.class)
                        .single()) {
            return; // the check below scans the channel's recent orders: only when an observation may close
        }
        // the SKUs the ledger is behind on are read before the units taken, so an order reserved in between can
        // only make those sums more complete, never let an observation close without it
        String[] behind = ledgerBehind(channelId, pulledTo);
        List<Observation> ready = jdbc.sql("""
                        SELECT cs.sku, cs.channel_sku, cs.channel_item_id, cs.target, cs.observed_at, cs.observed_value,
                               cs.observed_base, cs.observed_applied,
                               (SELECT coalesce(sum(r.quantity), 0)
                                  FROM stock_reservation r
                                  LEFT JOIN orders o ON o.channel_id = r.channel_id AND o.channel_order_id = r.channel_order_id
                                 WHERE r.channel_id = cs.channel_id AND r.sku = cs.sku
                                   AND coalesce(o.created_at, o.modified_at, r.reserved_at) <= cs.observed_at
                                   AND (r.state <> 'RELEASED' OR r.updated_at > cs.observed_at))
                          FROM channel_stock cs
                         WHERE cs.channel_id = :c AND cs.observed_at IS NOT NULL AND cs.observed_at <= :pulled
                           AND cs.settling_since IS NULL AND cs.state <> 'PUSHING'
                           AND cs.sku <> ALL(CAST(:behind AS text[]))
                         ORDER BY cs.sku
                        """)
                .param("c", channelId)
                .param("pulled", Timestamp.from(pulledTo))
                .param("behind", behind)
                .query((rs, n) -> new Observation(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9)))
                .list();
        for (Observation o : ready) {
            long rest = StockReadBack.residual(o.shown(), o.base(), o.takenUpToRead(), o.applied());
            boolean drifted = rest != 0 && o.applied() == 0; // counted once per observation
            int updated = jdbc.sql("""
                            UPDATE channel_stock
                               SET observed_at = NULL, observed_value = NULL, observed_base = NULL, observed_applied = NULL,
                                   pushed_value = pushed_value + :r,
                                   drift_count = drift_count + CASE WHEN :d THEN 1 ELSE 0 END,
                                   state = CASE WHEN :r <> 0 THEN 'PENDING' ELSE state END,
                                   caused_at = CASE WHEN :r <> 0 AND state <> 'PENDING' THEN now() ELSE caused_at END
                             WHERE channel_id = :c AND sku = :s AND observed_at = :at AND state <> 'PUSHING'
                               AND settling_since IS NULL
                            """)
                    .param("r", rest)
                    .param("d", drifted)
                    .param("c", channelId)
                    .param("s", o.sku())
                    .param("at", Timestamp.from(o.at()))
                    .update();
            if (updated == 1 && rest != 0) { // else a push began meanwhile: closed on the next tick
                log.warn(
                        "{} showed {} of {} at {} where, with its orders up to then all in, it should have shown {}: "
                                + "drift, re-pushing {}",
                        channelId,
                        o.shown(),
                        o.sku(),
                        o.at(),
                        o.base() - o.takenUpToRead(),
                        o.target());
                fixes.add(command(channelId, o.sku(), o.channelItemId(), o.channelSku(), o.target(), Instant.now()));
            }
        }
    }

    /** How far the channel's orders are surely pulled: its watermark less its settle time; null if never pulled. */
    private Instant pulledTo(String channelId) {
        ChannelInstance instance = channels.get(channelId);
        Duration settle = instance == null ? Duration.ZERO : instance.getPull().getSettle();
        return watermarks
                .get(channelId, OrderIngest.STREAM)
                .map(w -> w.minus(settle))
                .orElse(null);
    }

    /**
     * The SKUs of the channel's recently stored orders, placed up to {@code upTo}, that the ledger
     * has not reserved yet (it reads them from Kafka a moment after they are stored).
     */
    private String[] ledgerBehind(String channelId, Instant upTo) {
        return jdbc.sql("""
                        SELECT DISTINCT l ->> 'sku'
                          FROM orders o, jsonb_array_elements(o.payload -> 'lines') l
                         WHERE o.channel_id = :c AND o.stored_at > now() - interval '1 hour'
                           AND coalesce(o.created_at, o.modified_at) <= :upTo
                           AND l ->> 'sku' IS NOT NULL AND coalesce(l ->> 'parkedReason', '') = ''
                           AND (l ->> 'quantity')::bigint > 0
                           AND NOT EXISTS (SELECT 1 FROM stock_reservation r WHERE r.channel_id = o.channel_id
                                              AND r.channel_order_id = o.channel_order_id AND r.sku = l ->> 'sku')
                        """)
                .param("c", channelId)
                .param("upTo", Timestamp.from(upTo))
                .query(String.class)
                .list()
                .toArray(String[]::new);
    }

    /** Marks the row's command as waiting (unless a more urgent one does) and makes it. */
    private SyncCommand command(
            String channelId, String sku, String itemId, String channelSku, long target, Instant at) {
        jdbc.sql("""
                        UPDATE channel_stock SET queued_priority = greatest(queued_priority, :p), queued_at = now()
                         WHERE channel_id = :c AND sku = :s
                        """)
                .param("p", SyncQueues.NORMAL)
                .param("c", channelId)
                .param("s", sku)
                .update();
        return SyncCommand.stock(channelId, sku, itemId, channelSku, target, "drift", at, at);
    }

    /** Read-backs that failed, by instance and kind: they say nothing about the SKU's push, which stays as it is. */
    private Counter failures(String channelId, String kind) {
        return Counter.builder("hub.stock.reconcile.failures")
                .description("Stock read-backs a channel did not answer")
                .tag("instance", channelId)
                .tag("kind", kind)
                .register(meters);
    }
}
