package io.omnihub.hub.stock;

import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.StockMovement;
import io.omnihub.mappings.model.StockSnapshot;
import io.omnihub.mappings.stock.OrderReservation;
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
 * reservations of online orders. A batch of stock events and orders is applied in the order it
 * was received, under a per-SKU lock, so two hub instances never interleave on one SKU.
 */
@Repository
public class StockLedger {

    /** A stock movement, a count or an order, and when the hub received it. */
    public record Received(Object event, Instant receivedAt) {
    }

    private static final class Level {
        long onHand;
        Instant countedAt;
        boolean changed;

        Level(long onHand, Instant countedAt) {
            this.onHand = onHand;
            this.countedAt = countedAt;
        }
    }

    private record Reservation(long quantity, OrderReservation.State state, Instant reservedAt) {
    }

    private final JdbcClient jdbc;
    private final LocationTable locations;

    public StockLedger(JdbcClient jdbc, LocationTable locations) {
        this.jdbc = jdbc;
        this.locations = locations;
    }

    /** Applies a batch; returns every SKU it touched with the earliest time an event for it was received. */
    public Map<String, Instant> apply(List<Received> batch) {
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
                .param("s", skus).query().listOfRows();
        Set<String> fresh = insertMovements(movements);
        Map<String, Map<String, Level>> levels = levels(skus);
        Map<String, Reservation> reservations = reservations(orderKeys);
        Map<String, Reservation> changedReservations = new LinkedHashMap<>();
        List<StockMovement> derived = new ArrayList<>();
        for (Received r : batch) {
            if (r.event() instanceof StockMovement m && fresh.contains(m.movementId())) {
                Level l = level(levels, m.sku(), m.location());
                l.onHand += m.delta();
                l.changed = true;
            } else if (r.event() instanceof StockSnapshot c) {
                Level l = level(levels, c.sku(), c.location());
                if (l.countedAt == null || c.countedAt().isAfter(l.countedAt)) { // an older count changes nothing
                    long delta = c.onHand() - l.onHand;
                    derived.add(new StockMovement(StockMovement.SCHEMA, "count:" + c.location() + ":" + c.sku() + ":"
                            + c.countedAt(), c.sku(), c.location(), delta, StockMovement.Kind.ADJUSTMENT, c.source(),
                            "count at " + c.countedAt(), c.countedAt()));
                    l.onHand = c.onHand();
                    l.countedAt = c.countedAt();
                    l.changed = true;
                }
            } else if (r.event() instanceof Order o) {
                quantities(o).forEach((sku, qty) -> {
                    String key = o.key() + "\u0000" + sku;
                    Reservation before = reservations.getOrDefault(key,
                            new Reservation(qty, OrderReservation.State.NONE, r.receivedAt()));
                    OrderReservation.Step step = OrderReservation.step(before.state(), o.status(), before.quantity());
                    if (step.next() != before.state()) {
                        Reservation after = new Reservation(before.quantity(), step.next(), before.reservedAt());
                        reservations.put(key, after);
                        changedReservations.put(key, after);
                    }
                    if (step.onHandDelta() != 0) { // shipped: the units leave the online location holding most
                        String from = shipFrom(levels.getOrDefault(sku, Map.of()));
                        Level l = level(levels, sku, from);
                        l.onHand += step.onHandDelta();
                        l.changed = true;
                        derived.add(new StockMovement(StockMovement.SCHEMA, "ship:" + o.key() + ":" + sku, sku, from,
                                step.onHandDelta(), StockMovement.Kind.SHIPMENT, o.channelId(), o.channelOrderId(),
                                o.modifiedAt() == null ? r.receivedAt() : o.modifiedAt()));
                    }
                });
            }
        }
        insertMovements(derived);
        writeLevels(levels);
        writeReservations(changedReservations);
        return touched;
    }

    /** An online order's units per SKU; store sales (pos-ftp) are movements of their own and reserve nothing. */
    static Map<String, Long> quantities(Order o) {
        Map<String, Long> q = new LinkedHashMap<>();
        if ("pos-ftp".equals(o.channelType())) {
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
            long onHand = l == null ? 0 : l.onHand;
            if (onHand > most) {
                best = location;
                most = onHand;
            }
        }
        return best == null ? "UNASSIGNED" : best;
    }

    private static Level level(Map<String, Map<String, Level>> levels, String sku, String location) {
        return levels.computeIfAbsent(sku, k -> new LinkedHashMap<>()).computeIfAbsent(location, k -> new Level(0, null));
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
                .query(String.class).list().forEach(fresh::add);
        return fresh;
    }

    private Map<String, Map<String, Level>> levels(String[] skus) {
        Map<String, Map<String, Level>> levels = new HashMap<>();
        jdbc.sql("SELECT sku, location, on_hand, counted_at FROM stock_level WHERE sku = ANY(:s)").param("s", skus)
                .query((rs, n) -> {
                    Timestamp counted = rs.getTimestamp(4);
                    levels.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                            new Level(rs.getLong(3), counted == null ? null : counted.toInstant()));
                    return null;
                }).list();
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
                .param("ch", keys.stream().map(k -> k.substring(0, k.indexOf(':'))).toArray(String[]::new))
                .param("o", keys.stream().map(k -> k.substring(k.indexOf(':') + 1)).toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1) + "\u0000" + rs.getString(2), new Reservation(rs.getLong(3),
                        OrderReservation.State.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant())))
                .list();
        return out;
    }

    private void writeLevels(Map<String, Map<String, Level>> levels) {
        List<String[]> rows = new ArrayList<>();
        levels.forEach((sku, byLocation) -> byLocation.forEach((location, l) -> {
            if (l.changed) {
                rows.add(new String[] {sku, location, Long.toString(l.onHand), l.countedAt == null ? null : l.countedAt.toString()});
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
            rows.add(new String[] {k[0].substring(0, colon), k[0].substring(colon + 1), k[1], Long.toString(r.quantity()),
                    r.state().name(), r.reservedAt().toString()});
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
