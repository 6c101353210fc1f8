package io.omnihub.hub.stock;

import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.inbox.Inbox;
import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.hub.stock.StockLedger.Received;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.codes.ChannelSku;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.StockOversell;
import io.omnihub.mappings.model.SyncCommand;
import io.omnihub.mappings.stock.AllocationRule;
import io.omnihub.mappings.stock.AvailableToPromise;
import io.omnihub.mappings.stock.StockAllocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock events and online orders in, channel targets out: applies a batch to the ledger,
 * recomputes available-to-promise and every channel's share for the SKUs it touched, raises an
 * oversell when more was sold than there was, and returns a sync command for each channel SKU
 * whose target changed and has no command waiting already. All in one transaction; the commands
 * are sent after it commits, and a command lost in between is sent again a minute later by
 * {@code <instance>.stock.resend} (the target is in {@code channel_stock}).
 */
@Service
public class Inventory {

    /** The pace a SKU sells at is measured over this window (see {@link StockAllocation#isScarce}). */
    static final Duration PACE_WINDOW = Duration.ofSeconds(10);

    private final StockLedger ledger;
    private final JdbcClient jdbc;
    private final HubProperties.Stock settings;
    private final long maxChannelTarget;
    private final SkuCodeTable codes;
    private final Set<String> onlineLocations;
    private final OrderChannels channels;
    private final Inbox inbox;

    public Inventory(
            StockLedger ledger,
            JdbcClient jdbc,
            HubProperties hub,
            SkuCodeTable codes,
            LocationTable locations,
            OrderChannels channels,
            Inbox inbox) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.settings = hub.getStock();
        this.maxChannelTarget = hub.getLimits().getMaxChannelTarget();
        this.codes = codes;
        this.onlineLocations = locations.onlineLocations();
        this.channels = channels;
        this.inbox = inbox;
    }

    @Transactional
    public List<SyncCommand> apply(List<Received> batch) {
        Map<String, Instant> touched = ledger.apply(batch);
        if (touched.isEmpty()) {
            return List.of();
        }
        String[] skus = touched.keySet().toArray(String[]::new);
        Map<String, Map<String, Long>> onHand = new HashMap<>();
        jdbc.sql("SELECT sku, location, on_hand FROM stock_level WHERE sku = ANY(:s)")
                .param("s", skus)
                .query((rs, n) -> onHand.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .put(rs.getString(2), rs.getLong(3)))
                .list();
        Map<String, Long> reserved = new HashMap<>();
        jdbc.sql(
                        "SELECT sku, sum(quantity) FROM stock_reservation WHERE state = 'RESERVED' AND sku = ANY(:s) GROUP BY sku")
                .param("s", skus)
                .query((rs, n) -> reserved.put(rs.getString(1), rs.getLong(2)))
                .list();
        // units ordered per SKU and channel within the recent-sales window, and per SKU within PACE_WINDOW: one scan
        Map<String, Map<String, Long>> recent = new HashMap<>();
        Map<String, Long> pace = new HashMap<>();
        jdbc.sql("""
                        SELECT sku, channel_id,
                               coalesce(sum(quantity) FILTER (WHERE reserved_at > now() - CAST(:w AS interval)), 0),
                               coalesce(sum(quantity) FILTER (WHERE reserved_at > now() - CAST(:p AS interval)), 0)
                          FROM stock_reservation
                         WHERE sku = ANY(:s) AND reserved_at > now() - greatest(CAST(:w AS interval), CAST(:p AS interval))
                         GROUP BY sku, channel_id
                        """)
                .param("s", skus)
                .param("w", settings.getRecentSales().toMillis() + " milliseconds")
                .param("p", PACE_WINDOW.toMillis() + " milliseconds")
                .query((rs, n) -> {
                    if (rs.getLong(3) > 0) {
                        recent.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(2), rs.getLong(3));
                    }
                    pace.merge(rs.getString(1), rs.getLong(4), Long::sum);
                    return null;
                })
                .list();
        Map<String, Long> shortfallBefore = new HashMap<>();
        jdbc.sql("SELECT sku, shortfall FROM stock_sku WHERE sku = ANY(:s)")
                .param("s", skus)
                .query((rs, n) -> shortfallBefore.put(rs.getString(1), rs.getLong(2)))
                .list();
        Map<String, Long> targetBefore = new HashMap<>();
        jdbc.sql("SELECT channel_id, sku, target FROM channel_stock WHERE sku = ANY(:s)")
                .param("s", skus)
                .query((rs, n) -> targetBefore.put(rs.getString(1) + ":" + rs.getString(2), rs.getLong(3)))
                .list();

        List<Object[]> figures = new ArrayList<>();
        List<SyncCommand> commands = new ArrayList<>();
        List<StockOversell> oversells = new ArrayList<>();
        Instant now = Instant.now();
        for (String sku : skus) {
            Map<String, Long> levels = onHand.getOrDefault(sku, Map.of());
            long held = reserved.getOrDefault(sku, 0L);
            long atp = AvailableToPromise.of(levels, onlineLocations, held, settings.safetyStockFor(sku));
            long shortfall = AvailableToPromise.shortfall(levels, onlineLocations, held);
            if (shortfall > shortfallBefore.getOrDefault(sku, 0L)) {
                oversells.add(new StockOversell(StockOversell.SCHEMA, sku, shortfall, uncovered(sku, shortfall), now));
            }
            Map<String, AllocationRule> rules = new LinkedHashMap<>();
            Map<String, ChannelSku> listed = new HashMap<>();
            for (OrderChannel c : channels.all()) {
                codes.channelSkuFor(c.instanceId(), sku).ifPresent(cs -> {
                    rules.put(c.instanceId(), c.config().getAllocation().ruleFor(sku));
                    listed.put(c.instanceId(), cs);
                });
            }
            boolean disjoint = StockAllocation.isDisjoint(atp, rules, settings.getLowStock());
            boolean scarce =
                    StockAllocation.isScarce(atp, settings.getLowStock(), pace.getOrDefault(sku, 0L), PACE_WINDOW);
            figures.add(new Object[] {sku, onHandOnline(levels), held, atp, shortfall, disjoint, scarce});
            StockAllocation.targets(atp, rules, recent.getOrDefault(sku, Map.of()), settings.getLowStock())
                    .forEach((channel, share) -> {
                        // no channel is shown more than the cap, whatever the allocation (a corrupt count once put
                        // 1.5 x 10^18 units on every channel)
                        long target = Math.min(share, maxChannelTarget);
                        Long before = targetBefore.get(channel + ":" + sku);
                        if (before == null || before != target) {
                            ChannelSku cs = listed.get(channel);
                            commands.add(SyncCommand.stock(
                                    channel,
                                    sku,
                                    cs.channelItemId(),
                                    cs.channelSku(),
                                    target,
                                    disjoint ? SyncCommand.LOW_STOCK : "stock",
                                    touched.get(sku),
                                    now));
                        }
                    });
        }
        writeFigures(figures);
        List<SyncCommand> toSend = writeTargets(commands);
        if (!oversells.isEmpty()) {
            inbox.acceptOnce(
                    "hub",
                    oversells.stream()
                            .map(o -> new Inbox.Event(
                                    UUID.randomUUID().toString(), "hub", "stock", o.sku(), "", HubJson.write(o)))
                            .toList());
            oversells.forEach(o -> jdbc.sql("INSERT INTO stock_oversell (sku, shortfall, orders) VALUES (:s, :n, :o)")
                    .param("s", o.sku())
                    .param("n", o.shortfall())
                    .param("o", o.orders().toArray(String[]::new))
                    .update());
        }
        return toSend;
    }

    private long onHandOnline(Map<String, Long> levels) {
        return AvailableToPromise.of(levels, onlineLocations, 0, 0);
    }

    /** The latest open reservations of the SKU, enough of them to make up the shortfall. */
    private List<String> uncovered(String sku, long shortfall) {
        List<String> orders = new ArrayList<>();
        long[] covered = {0};
        jdbc.sql("""
                        SELECT channel_id || ':' || channel_order_id, quantity FROM stock_reservation
                         WHERE sku = :s AND state = 'RESERVED' ORDER BY reserved_at DESC, channel_order_id DESC LIMIT 100
                        """)
                .param("s", sku)
                .query((rs, n) -> {
                    if (covered[0] < shortfall) {
                        orders.add(rs.getString(1));
                        covered[0] += rs.getLong(2);
                    }
                    return null;
                })
                .list();
        return orders;
    }

    private void writeFigures(List<Object[]> f) {
        jdbc.sql("""
                        INSERT INTO stock_sku (sku, on_hand, reserved, atp, shortfall, disjoint, scarce, updated_at)
                        SELECT *, now() FROM unnest(CAST(:s AS text[]), CAST(:h AS bigint[]), CAST(:r AS bigint[]),
                                                    CAST(:a AS bigint[]), CAST(:f AS bigint[]), CAST(:d AS boolean[]),
                                                    CAST(:sc AS boolean[]))
                        ON CONFLICT (sku) DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved,
                               atp = EXCLUDED.atp, shortfall = EXCLUDED.shortfall, disjoint = EXCLUDED.disjoint,
                               scarce = EXCLUDED.scarce, updated_at = now()
                        """)
                .param("s", f.stream().map(x -> (String) x[0]).toArray(String[]::new))
                .param("h", f.stream().map(x -> (Long) x[1]).toArray(Long[]::new))
                .param("r", f.stream().map(x -> (Long) x[2]).toArray(Long[]::new))
                .param("a", f.stream().map(x -> (Long) x[3]).toArray(Long[]::new))
                .param("f", f.stream().map(x -> (Long) x[4]).toArray(Long[]::new))
                .param("d", f.stream().map(x -> (Boolean) x[5]).toArray(Boolean[]::new))
                .param("sc", f.stream().map(x -> (Boolean) x[6]).toArray(Boolean[]::new))
                .update();
    }

    /**
     * A new target leaves the row PENDING until the platform confirms it; the time the change was
     * caused is kept from the first change the platform has not confirmed yet. Returns the commands
     * to send: a channel SKU whose command is still waiting on the queue gets none (the push reads
     * the target as it stands when it comes), unless the new one is more urgent.
     *
     * <p>The waiting rows are locked first, so a push cannot take their command between this check
     * and the commit: it waits for the commit and then reads the new target. Rows are locked in
     * (channel, SKU) order here and wherever several are updated at once, so no two lock each other out.
     */
    private List<SyncCommand> writeTargets(List<SyncCommand> changed) {
        if (changed.isEmpty()) {
            return changed;
        }
        List<SyncCommand> c = changed.stream()
                .sorted(Comparator.comparing(SyncCommand::channelId).thenComparing(SyncCommand::sku))
                .toList();
        String[] channelIds = c.stream().map(SyncCommand::channelId).toArray(String[]::new);
        String[] skus = c.stream().map(SyncCommand::sku).toArray(String[]::new);
        Map<String, Integer> waiting = new HashMap<>();
        jdbc.sql("""
                        SELECT cs.channel_id, cs.sku, cs.queued_priority
                          FROM channel_stock cs JOIN unnest(CAST(:ch AS text[]), CAST(:s AS text[])) AS x(ch, s)
                            ON cs.channel_id = x.ch AND cs.sku = x.s
                         WHERE cs.queued_priority IS NOT NULL
                         ORDER BY cs.channel_id, cs.sku FOR UPDATE OF cs
                        """)
                .param("ch", channelIds)
                .param("s", skus)
                .query((rs, n) -> waiting.put(rs.getString(1) + ":" + rs.getString(2), rs.getInt(3)))
                .list();
        jdbc.sql("""
                        INSERT INTO channel_stock (channel_id, sku, channel_sku, channel_item_id, target, target_at, caused_at, state,
                                                   queued_priority, queued_at)
                        SELECT ch, s, cs, ci, t, now(), CAST(at AS timestamptz), 'PENDING', p, now()
                          FROM unnest(CAST(:ch AS text[]), CAST(:s AS text[]), CAST(:cs AS text[]), CAST(:ci AS text[]),
                                      CAST(:t AS bigint[]), CAST(:at AS text[]), CAST(:p AS smallint[])) AS x(ch, s, cs, ci, t, at, p)
                        ON CONFLICT (channel_id, sku) DO UPDATE SET target = EXCLUDED.target, target_at = now(),
                               channel_sku = EXCLUDED.channel_sku, channel_item_id = EXCLUDED.channel_item_id,
                               caused_at = CASE WHEN channel_stock.state = 'PENDING'
                                                THEN least(channel_stock.caused_at, EXCLUDED.caused_at)
                                                ELSE EXCLUDED.caused_at END,
                               state = 'PENDING', reason = NULL,
                               queued_at = CASE WHEN coalesce(channel_stock.queued_priority, -1) < EXCLUDED.queued_priority
                                                THEN now() ELSE channel_stock.queued_at END,
                               queued_priority = greatest(channel_stock.queued_priority, EXCLUDED.queued_priority)
                        """)
                .param("ch", channelIds)
                .param("s", skus)
                .param("cs", c.stream().map(SyncCommand::channelSku).toArray(String[]::new))
                .param("ci", c.stream().map(SyncCommand::channelItemId).toArray(String[]::new))
                .param("t", c.stream().map(SyncCommand::value).toArray(Long[]::new))
                .param("at", c.stream().map(x -> x.causedAt().toString()).toArray(String[]::new))
                .param("p", c.stream().map(x -> (short) SyncQueues.priority(x)).toArray(Short[]::new))
                .update();
        return c.stream()
                .filter(x -> waiting.getOrDefault(x.channelId() + ":" + x.sku(), -1) < SyncQueues.priority(x))
                .toList();
    }
}
