package io.omnihub.hub.stock;

import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.pos.PosFtpChannelType;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.StockMovement;
import io.omnihub.mappings.model.StockSnapshot;
import io.omnihub.mappings.stock.OrderReservation;
import io.omnihub.mappings.stock.StockLevel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stock ledger in PostgreSQL: each movement once, on hand per SKU x location, and the
 * reservations of online orders. Counts and movements take effect by event time, whatever their
 * arrival order ({@link StockLevel}); orders in the order received. A batch is applied under a
 * per-SKU lock, so two hub instances never interleave on one SKU.
 */
@Repository
public class StockLedger {

    /** A stock movement, a count or an order, and when the hub received it. */
    public record Received(Object event, Instant receivedAt) {}

    /** A level as loaded, and whether the batch changed it. */
    private static final class Level {
        final StockLevel stock;
        boolean changed;

        Level(StockLevel stock) {
            this.stock = stock;
        }
    }

    private record Reservation(long quantity, OrderReservation.State state, Instant reservedAt) {}

    /** Where the ledger parks a count or movement it refuses. */
    static final String DEAD_LETTER_STREAM = "stock.ledger";

    /** The id prefix of the adjustments the ledger derives from counts: a record of each count, not a movement. */
    static final String COUNT_ADJUSTMENT = "count:";

    private final JdbcClient jdbc;
    private final LocationTable locations;
    private final InputLimits limits;
    private final DeadLetters deadLetters;

    public StockLedger(JdbcClient jdbc, LocationTable locations, InputLimits limits, DeadLetters deadLetters) {
        this.jdbc = jdbc;
        this.locations = locations;
        this.limits = limits;
        this.deadLetters = deadLetters;
    }

    /**
     * Applies a batch; returns every SKU it touched with the earliest time an event for it was
     * received. Counts and movements take effect by event time (see {@link StockLevel}); one
     * dated beyond the allowed clock skew is parked, not applied.
     */
    public Map<String, Instant> apply(List<Received> received) {
        List<Received> batch = refuseFuture(received);
        Map<String, Instant> touched = new LinkedHashMap<>();
        List<StockMovement> movements = new ArrayList<>();
        Set<String> orderKeys = new HashSet<>();
        for (Received r : batch) {
            for (String sku : skus(r.event())) {
                touched.merge(sku, r.receivedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
            if (r.event() instanceof StockMovement m) {
                movements.add(m);
            } else if (r.event() instanceof Order o) {
                orderKeys.add(o.key());
            }
        }
        if (touched.isEmpty()) {
            return touched;
        }
        String[] skus = new TreeSet<>(touched.keySet()).toArray(String[]::new);
        // sorted, so two batches lock shared SKUs in the same order and cannot deadlock
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(s, 7)) FROM unnest(CAST(:s AS text[])) AS s")
                .param("s", skus)
                .query()
                .listOfRows();
        // the history a late count needs is read before this batch's movements are recorded: the batch applies those
        // itself
        Map<String, Map<String, Level>> levels = levels(skus, batch);
        Set<String> fresh = insertMovements(movements);
        Map<String, Reservation> reservations = reservations(orderKeys);
        Map<String, Reservation> changedReservations = new LinkedHashMap<>();
        List<StockMovement> derived = new ArrayList<>();
        for (Received r : batch) {
            if (r.event() instanceof StockMovement m
                    && fresh.remove(m.movementId())) { // once, even if twice in the batch
                Level l = level(levels, m.sku(), m.location());
                l.changed |= l.stock.move(m.delta(), m.occurredAt());
            } else if (r.event() instanceof StockSnapshot c) {
                Level l = level(levels, c.sku(), c.location());
                l.stock
                        .count(c.onHand(), c.countedAt())
                        .ifPresent(
                                delta -> { // an older count changes nothing
                                    derived.add(new StockMovement(
                                            StockMovement.SCHEMA,
                                            COUNT_ADJUSTMENT + c.location() + ":" + c.sku() + ":" + c.countedAt(),
                                            c.sku(),
                                            c.location(),
                                            delta,
                                            StockMovement.Kind.ADJUSTMENT,
                                            c.source(),
                                            "count at " + c.countedAt(),
                                            c.countedAt()));
                                    l.changed = true;
                                });
            } else if (r.event() instanceof Order o) {
                quantities(o).forEach((sku, qty) -> {
                    String key = o.key() + "\u0000" + sku;
                    Reservation before = reservations.getOrDefault(
                            key, new Reservation(qty, OrderReservation.State.NONE, r.receivedAt()));
                    OrderReservation.Step step = OrderReservation.step(before.state(), o.status(), before.quantity());
                    if (step.next() != before.state()) {
                        Reservation after = new Reservation(before.quantity(), step.next(), before.reservedAt());
                        reservations.put(key, after);
                        changedReservations.put(key, after);
                    }
                    if (step.onHandDelta() != 0) { // shipped: the units leave the online location holding most
                        String from = shipFrom(levels.getOrDefault(sku, Map.of()));
                        Level l = level(levels, sku, from);
                        Instant shippedAt = o.modifiedAt() == null ? r.receivedAt() : o.modifiedAt();
                        // a shipment before the location's latest count is in that count already
                        l.changed |= l.stock.move(step.onHandDelta(), shippedAt);
                        derived.add(new StockMovement(
                                StockMovement.SCHEMA,
                                "ship:" + o.key() + ":" + sku,
                                sku,
                                from,
                                step.onHandDelta(),
                                StockMovement.Kind.SHIPMENT,
                                o.channelId(),
                                o.channelOrderId(),
                                shippedAt));
                    }
                });
            }
        }
        insertMovements(derived);
        writeLevels(levels);
        writeReservations(changedReservations);
        return touched;
    }

    /** The batch less the counts and movements dated beyond the allowed skew, which are parked with their reason. */
    private List<Received> refuseFuture(List<Received> batch) {
        Instant now = Instant.now();
        List<Received> accepted = new ArrayList<>(batch.size());
        for (Received r : batch) {
            try {
                if (r.event() instanceof StockMovement m) {
                    limits.notInFuture("occurredAt", m.occurredAt(), now);
                } else if (r.event() instanceof StockSnapshot c) {
                    limits.notInFuture("countedAt", c.countedAt(), now);
                }
                accepted.add(r);
            } catch (PayloadException e) {
                if (r.event() instanceof StockMovement m) {
                    deadLetters.park(
                            m.source(),
                            DEAD_LETTER_STREAM,
                            m.movementId(),
                            "movement refused: " + e.getMessage(),
                            HubJson.write(m));
                } else if (r.event() instanceof StockSnapshot c) {
                    deadLetters.park(
                            c.source(),
                            DEAD_LETTER_STREAM,
                            c.location() + ":" + c.sku() + ":" + c.countedAt(),
                            "count refused: " + e.getMessage(),
                            HubJson.write(c));
                }
            }
        }
        return accepted;
    }

    /** An online order's units per SKU; store sales (pos-ftp) are movements of their own and reserve nothing. */
    static Map<String, Long> quantities(Order o) {
        Map<String, Long> q = new LinkedHashMap<>();
        if (PosFtpChannelType.NAME.equals(o.channelType())) {
            return q;
        }
        for (OrderLine l : o.lines()) {
            if (!l.isParked() && l.sku() != null && l.quantity() > 0) {
                q.merge(l.sku(), l.quantity(), Long::sum);
            }
        }
        return q;
    }

    private static Set<String> skus(Object event) {
        if (event instanceof StockMovement m) {
            return Set.of(m.sku());
        }
        if (event instanceof StockSnapshot s) {
            return Set.of(s.sku());
        }
        if (event instanceof Order o) {
            return quantities(o).keySet();
        }
        return Set.of();
    }

    private String shipFrom(Map<String, Level> bySku) {
        String best = null;
        long most = Long.MIN_VALUE;
        for (String location : locations.onlineLocations()) {
            Level l = bySku.get(location);
            long onHand = l == null ? 0 : l.stock.onHand();
            if (onHand > most) {
                best = location;
                most = onHand;
            }
        }
        return best == null ? "UNASSIGNED" : best;
    }

    /** A level the batch reaches that has no row yet: nothing was ever applied there. */
    private static Level level(Map<String, Map<String, Level>> levels, String sku, String location) {
        return levels.computeIfAbsent(sku, k -> new LinkedHashMap<>())
                .computeIfAbsent(location, k -> new Level(StockLevel.empty()));
    }

    /** Inserts movements not seen before; returns the ids that were new. */
    private Set<String> insertMovements(List<StockMovement> ms) {
        Set<String> fresh = new HashSet<>();
        if (ms.isEmpty()) {
            return fresh;
        }
        jdbc.sql("""
                        INSERT INTO stock_movement (movement_id, sku, location, delta, kind, source, reference, occurred_at)
                        SELECT * FROM unnest(CAST(:id AS text[]), CAST(:sku AS text[]), CAST(:loc AS text[]),
                                             CAST(:d AS bigint[]), CAST(:k AS text[]), CAST(:src AS text[]),
                                             CAST(:ref AS text[]), CAST(:at AS timestamptz[]))
                        ON CONFLICT (movement_id) DO NOTHING
                        RETURNING movement_id
                        """)
                .param("id", ms.stream().map(StockMovement::movementId).toArray(String[]::new))
                .param("sku", ms.stream().map(StockMovement::sku).toArray(String[]::new))
                .param("loc", ms.stream().map(StockMovement::location).toArray(String[]::new))
                .param("d", ms.stream().map(StockMovement::delta).toArray(Long[]::new))
                .param("k", ms.stream().map(m -> m.kind().name()).toArray(String[]::new))
                .param("src", ms.stream().map(StockMovement::source).toArray(String[]::new))
                .param("ref", ms.stream().map(StockMovement::reference).toArray(String[]::new))
                .param("at", ms.stream().map(m -> m.occurredAt().toString()).toArray(String[]::new))
                .query(String.class)
                .list()
                .forEach(fresh::add);
        return fresh;
    }

    private record Stored(long onHand, Instant countedAt) {}

    /**
     * The levels of the batch's SKUs, each with the movements recorded after the oldest of the
     * batch's counts that is newer than the level's own (derived count adjustments are not
     * movements; the shipments the ledger derives are): what a late count needs, in two queries.
     */
    private Map<String, Map<String, Level>> levels(String[] skus, List<Received> batch) {
        Map<String, Map<String, Stored>> stored = new HashMap<>();
        jdbc.sql("SELECT sku, location, on_hand, counted_at FROM stock_level WHERE sku = ANY(:s)")
                .param("s", skus)
                .query((rs, n) -> {
                    Timestamp counted = rs.getTimestamp(4);
                    return stored.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(
                                    rs.getString(2),
                                    new Stored(rs.getLong(3), counted == null ? null : counted.toInstant()));
                })
                .list();
        Map<String, Instant> historyFrom = new LinkedHashMap<>(); // location + NUL + sku
        for (Received r : batch) {
            if (r.event() instanceof StockSnapshot c) {
                Stored s = stored.getOrDefault(c.sku(), Map.of()).get(c.location());
                if (s == null || s.countedAt() == null || c.countedAt().isAfter(s.countedAt())) {
                    historyFrom.merge(
                            c.location() + "\u0000" + c.sku(), c.countedAt(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        Map<String, List<StockLevel.Moved>> history = new HashMap<>();
        if (!historyFrom.isEmpty()) {
            List<String[]> keys =
                    historyFrom.keySet().stream().map(k -> k.split("\u0000")).toList();
            jdbc.sql("""
                            SELECT q.loc, q.sku, m.occurred_at, m.delta
                              FROM unnest(CAST(:l AS text[]), CAST(:s AS text[]), CAST(:f AS timestamptz[])) AS q(loc, sku, f)
                              JOIN stock_movement m ON m.sku = q.sku AND m.location = q.loc AND m.occurred_at > q.f
                             WHERE m.movement_id NOT LIKE :count
                            """)
                    .param("l", keys.stream().map(k -> k[0]).toArray(String[]::new))
                    .param("s", keys.stream().map(k -> k[1]).toArray(String[]::new))
                    .param(
                            "f",
                            historyFrom.values().stream().map(Instant::toString).toArray(String[]::new))
                    .param("count", COUNT_ADJUSTMENT + "%")
                    .query((rs, n) -> history.computeIfAbsent(
                                    rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>())
                            .add(new StockLevel.Moved(rs.getTimestamp(3).toInstant(), rs.getLong(4))))
                    .list();
        }
        Map<String, Map<String, Level>> levels = new HashMap<>();
        stored.forEach((sku, byLocation) -> byLocation.forEach((location, s) -> {
            String key = location + "\u0000" + sku;
            levels.computeIfAbsent(sku, k -> new LinkedHashMap<>())
                    .put(
                            location,
                            new Level(new StockLevel(
                                    s.onHand(),
                                    s.countedAt(),
                                    historyFrom.get(key),
                                    history.getOrDefault(key, List.of()))));
        }));
        historyFrom.forEach((key, from) -> { // a first count where nothing was ever applied
            String[] k = key.split("\u0000");
            levels.computeIfAbsent(k[1], x -> new LinkedHashMap<>())
                    .computeIfAbsent(
                            k[0], x -> new Level(new StockLevel(0, null, from, history.getOrDefault(key, List.of()))));
        });
        return levels;
    }

    private Map<String, Reservation> reservations(Set<String> orderKeys) {
        Map<String, Reservation> out = new HashMap<>();
        if (orderKeys.isEmpty()) {
            return out;
        }
        List<String> keys = new ArrayList<>(orderKeys);
        jdbc.sql("""
                        SELECT r.channel_id || ':' || r.channel_order_id, r.sku, r.quantity, r.state, r.reserved_at
                          FROM unnest(CAST(:ch AS text[]), CAST(:o AS text[])) AS q(ch, o)
                          JOIN stock_reservation r ON r.channel_id = q.ch AND r.channel_order_id = q.o
                        """)
                .param(
                        "ch",
                        keys.stream().map(k -> k.substring(0, k.indexOf(':'))).toArray(String[]::new))
                .param(
                        "o",
                        keys.stream().map(k -> k.substring(k.indexOf(':') + 1)).toArray(String[]::new))
                .query((rs, n) -> out.put(
                        rs.getString(1) + "\u0000" + rs.getString(2),
                        new Reservation(
                                rs.getLong(3),
                                OrderReservation.State.valueOf(rs.getString(4)),
                                rs.getTimestamp(5).toInstant())))
                .list();
        return out;
    }

    private void writeLevels(Map<String, Map<String, Level>> levels) {
        List<String[]> rows = new ArrayList<>();
        levels.forEach((sku, byLocation) -> byLocation.forEach((location, l) -> {
            if (l.changed) {
                Instant counted = l.stock.countedAt();
                rows.add(new String[] {
                    sku, location, Long.toString(l.stock.onHand()), counted == null ? null : counted.toString()
                });
            }
        }));
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO stock_level (sku, location, on_hand, counted_at, updated_at)
                        SELECT s, l, CAST(q AS bigint), CAST(c AS timestamptz), now()
                          FROM unnest(CAST(:s AS text[]), CAST(:l AS text[]), CAST(:q AS text[]), CAST(:c AS text[])) AS x(s, l, q, c)
                        ON CONFLICT (sku, location) DO UPDATE SET on_hand = EXCLUDED.on_hand,
                               counted_at = EXCLUDED.counted_at, updated_at = now()
                        """)
                .param("s", rows.stream().map(r -> r[0]).toArray(String[]::new))
                .param("l", rows.stream().map(r -> r[1]).toArray(String[]::new))
                .param("q", rows.stream().map(r -> r[2]).toArray(String[]::new))
                .param("c", rows.stream().map(r -> r[3]).toArray(String[]::new))
                .update();
    }

    private void writeReservations(Map<String, Reservation> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        changed.forEach((key, r) -> {
            String[] k = key.split("\u0000");
            int colon = k[0].indexOf(':');
            rows.add(new String[] {
                k[0].substring(0, colon),
                k[0].substring(colon + 1),
                k[1],
                Long.toString(r.quantity()),
                r.state().name(),
                r.reservedAt().toString()
            });
        });
        jdbc.sql("""
                        INSERT INTO stock_reservation (channel_id, channel_order_id, sku, quantity, state, reserved_at, updated_at)
                        SELECT ch, o, s, CAST(q AS bigint), st, CAST(at AS timestamptz), now()
                          FROM unnest(CAST(:ch AS text[]), CAST(:o AS text[]), CAST(:s AS text[]), CAST(:q AS text[]),
                                      CAST(:st AS text[]), CAST(:at AS text[])) AS x(ch, o, s, q, st, at)
                        ON CONFLICT (channel_id, channel_order_id, sku) DO UPDATE SET state = EXCLUDED.state, updated_at = now()
                        """)
                .param("ch", rows.stream().map(r -> r[0]).toArray(String[]::new))
                .param("o", rows.stream().map(r -> r[1]).toArray(String[]::new))
                .param("s", rows.stream().map(r -> r[2]).toArray(String[]::new))
                .param("q", rows.stream().map(r -> r[3]).toArray(String[]::new))
                .param("st", rows.stream().map(r -> r[4]).toArray(String[]::new))
                .param("at", rows.stream().map(r -> r[5]).toArray(String[]::new))
                .update();
    }
}
