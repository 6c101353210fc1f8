package io.omnihub.hub.stock;

import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.ListingUpdates.SkuRef;
import io.omnihub.connectors.PlatformException;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.mappings.model.SyncCommand;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads stock back from a channel and compares it with what the hub last pushed there, less the
 * units of the channel's own orders the hub has learnt of since (the platform took those off
 * itself). A platform showing more than that is wrong now (a change behind the hub's back, or an
 * earlier "success" that did not stick); one showing less may have sold units the hub has not
 * pulled yet, so it is corrected only once the push is older than the grace period. Each
 * correction counts as drift and re-pushes the target.
 */
@Service
public class StockReconciliation {

    private static final Logger log = LoggerFactory.getLogger(StockReconciliation.class);

    private record Pushed(String sku, String channelSku, String channelItemId, long target, long pushedValue,
                          Instant pushedAt, long ordersAtPush, long ordersNow) {
    }

    private final JdbcClient jdbc;
    private final HubProperties.Stock settings;

    public StockReconciliation(JdbcClient jdbc, HubProperties hub) {
        this.jdbc = jdbc;
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
                .param("c", channelId).param("p", SyncQueues.NORMAL)
                .query((rs, n) -> SyncCommand.stock(channelId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        "stock", rs.getTimestamp(5).toInstant(), now))
                .list();
    }

    /**
     * Ends the settling of absolute writes whose orders are in by now (see {@link StockPush}): the
     * units they held go back to the SKU, so its pending channels, the written one first among
     * them, are sent again.
     */
    public List<SyncCommand> settled() {
        List<String> skus = jdbc.sql("""
                        UPDATE channel_stock SET settle_until = NULL, held = NULL
                         WHERE settle_until IS NOT NULL AND settle_until <= now() RETURNING sku
                        """).query(String.class).list();
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
                .param("s", skus.stream().distinct().toArray(String[]::new)).param("p", SyncQueues.NORMAL)
                .query((rs, n) -> SyncCommand.stock(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), "stock", rs.getTimestamp(6).toInstant(), now))
                .list();
    }

    public List<SyncCommand> reconcile(String channelId, ListingUpdates listings) {
        List<Pushed> rows = jdbc.sql("""
                        SELECT cs.sku, cs.channel_sku, cs.channel_item_id, cs.target, cs.pushed_value, cs.pushed_at,
                               cs.orders_at_push,
                               (SELECT coalesce(sum(r.quantity), 0) FROM stock_reservation r
                                 WHERE r.channel_id = cs.channel_id AND r.sku = cs.sku AND r.state <> 'RELEASED')
                          FROM channel_stock cs
                         WHERE cs.channel_id = :c AND cs.state = 'CONFIRMED' AND cs.pushed_value IS NOT NULL
                         ORDER BY cs.sku
                        """)
                .param("c", channelId)
                .query((rs, n) -> new Pushed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getTimestamp(6).toInstant(), rs.getLong(7), rs.getLong(8)))
                .list();
        List<SyncCommand> fixes = new ArrayList<>();
        Instant now = Instant.now();
        for (Pushed p : rows) {
            long shown;
            try {
                shown = listings.stock(new SkuRef(p.channelItemId(), p.channelSku(), p.sku()));
            } catch (PlatformException e) {
                if (e.isRetryable()) {
                    log.warn("{} reconciliation stopped at {}: {}", channelId, p.sku(), e.getMessage());
                    break; // the channel is struggling: try again next round
                }
                jdbc.sql("UPDATE channel_stock SET state = 'DEAD_LETTERED', reason = :r WHERE channel_id = :c AND sku = :s")
                        .param("r", e.getMessage()).param("c", channelId).param("s", p.sku()).update();
                continue;
            }
            long expected = Math.max(0, p.pushedValue() - (p.ordersNow() - p.ordersAtPush()));
            boolean tooHigh = shown > expected;
            boolean tooLowForLong = shown < expected && p.pushedAt().isBefore(now.minus(settings.getReconcileGrace()));
            jdbc.sql("UPDATE channel_stock SET last_read = :v, last_read_at = now() WHERE channel_id = :c AND sku = :s")
                    .param("v", shown).param("c", channelId).param("s", p.sku()).update();
            if (tooHigh || tooLowForLong) {
                log.warn("{} shows {} of {} where the hub expects {}: drift, re-pushing {}", channelId, shown, p.sku(),
                        expected, p.target());
                // what the platform shows is now the last known value, so the push sees the difference
                jdbc.sql("""
                                UPDATE channel_stock SET pushed_value = :v, orders_at_push = :o, state = 'PENDING',
                                       caused_at = :now, drift_count = drift_count + 1,
                                       queued_priority = greatest(queued_priority, :p), queued_at = now()
                                 WHERE channel_id = :c AND sku = :s
                                """)
                        .param("p", SyncQueues.NORMAL).param("v", shown).param("o", p.ordersNow())
                        .param("now", Timestamp.from(now)).param("c", channelId).param("s", p.sku()).update();
                fixes.add(SyncCommand.stock(channelId, p.sku(), p.channelItemId(), p.channelSku(), p.target(), "drift", now, now));
            }
        }
        return fixes;
    }
}
