package io.omnihub.hub.stock;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The stock and sync figures the API shows (contract §5), read from the ledger's and the pushes' tables. */
@Repository
public class StockFigures {

    private final JdbcClient jdbc;

    public StockFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One SKU as {@code GET /api/stock/{sku}} shows it, the figures, the channels and the oversells
     * read in one repeatable-read transaction; empty when the ledger has never seen it and it is not
     * {@code known} (a hub SKU of the code table shows zeros).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<Map<String, Object>> sku(String sku, boolean known, long safetyStock) {
        Map<String, Object> figures = jdbc
                .sql("SELECT on_hand, reserved, atp, shortfall, disjoint, updated_at FROM stock_sku WHERE sku = :s")
                .param("s", sku)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
        if (figures == null && !known) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", sku);
        Map<String, Long> byLocation = new LinkedHashMap<>();
        jdbc.sql("SELECT location, on_hand FROM stock_level WHERE sku = :s ORDER BY location")
                .param("s", sku)
                .query((rs, n) -> byLocation.put(rs.getString(1), rs.getLong(2)))
                .list();
        out.put("onHand", byLocation);
        out.put("onHandOnline", figures == null ? 0L : figures.get("on_hand"));
        out.put("reserved", figures == null ? 0L : figures.get("reserved"));
        out.put("safetyStock", safetyStock);
        out.put("atp", figures == null ? 0L : Math.max(0L, (Long) figures.get("atp")));
        out.put("shortfall", figures == null ? 0L : figures.get("shortfall"));
        out.put("disjointShares", figures != null && (Boolean) figures.get("disjoint"));
        out.put(
                "channels",
                jdbc.sql("""
                        SELECT channel_id, channel_sku, target, pushed_value, pushed_at, state, reason, drift_count,
                               last_read, last_read_at, read_error
                          FROM channel_stock WHERE sku = :s ORDER BY channel_id
                        """)
                        .param("s", sku)
                        .query((rs, n) -> {
                            Map<String, Object> c = new LinkedHashMap<>();
                            c.put("channelId", rs.getString(1));
                            c.put("channelSku", rs.getString(2));
                            c.put("target", Math.max(0, rs.getLong(3)));
                            c.put("lastPushed", rs.getObject(4));
                            c.put("pushedAt", instant(rs.getTimestamp(5)));
                            c.put("state", rs.getString(6));
                            c.put("reason", rs.getString(7));
                            c.put("drift", rs.getInt(8));
                            c.put("lastRead", rs.getObject(9));
                            c.put("lastReadAt", instant(rs.getTimestamp(10)));
                            c.put(
                                    "readError",
                                    rs.getString(11)); // a refused read-back; the push state above is untouched by it
                            return c;
                        })
                        .list());
        out.put(
                "oversells",
                jdbc.sql("SELECT shortfall, orders, raised_at FROM stock_oversell WHERE sku = :s ORDER BY id")
                        .param("s", sku)
                        .query((rs, n) -> {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("shortfall", rs.getLong(1));
                            o.put("orders", List.of((String[]) rs.getArray(2).getArray()));
                            o.put("raisedAt", instant(rs.getTimestamp(3)));
                            return o;
                        })
                        .list());
        return Optional.of(out);
    }

    /** Per channel instance: the stock figures at the top level (as contract 5 has them), the prices under {@code prices}. */
    public List<Map<String, Object>> syncStatus(List<String> instanceIds) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : instanceIds) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("instance", id);
            s.putAll(figures(id, "channel_stock", "stock_push"));
            s.put(
                    "drift",
                    jdbc.sql("SELECT coalesce(sum(drift_count), 0) FROM channel_stock WHERE channel_id = :c")
                            .param("c", id)
                            .query(Long.class)
                            .single());
            s.put(
                    "readBackErrors",
                    jdbc.sql("SELECT count(*) FROM channel_stock WHERE channel_id = :c AND read_error IS NOT NULL")
                            .param("c", id)
                            .query(Long.class)
                            .single());
            s.put("prices", figures(id, "channel_price", "price_push"));
            out.add(s);
        }
        return out;
    }

    /** Pending, dead-lettered (with reasons), last success, lag and time to channel of one kind of sync. */
    private Map<String, Object> figures(String id, String targets, String pushes) {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> counts =
                jdbc.sql("""
                        SELECT count(*) FILTER (WHERE state IN ('PENDING', 'PUSHING')) AS pending,
                               count(*) FILTER (WHERE state = 'DEAD_LETTERED') AS dead,
                               max(pushed_at) AS last_success,
                               min(caused_at) FILTER (WHERE state IN ('PENDING', 'PUSHING')) AS oldest_pending
                          FROM %s WHERE channel_id = :c
                        """.formatted(targets)).param("c", id).query().singleRow();
        s.put("pending", counts.get("pending"));
        s.put("deadLettered", counts.get("dead"));
        s.put("lastSuccess", instant((Timestamp) counts.get("last_success")));
        Timestamp oldest = (Timestamp) counts.get("oldest_pending");
        s.put(
                "lagSeconds",
                oldest == null
                        ? 0.0
                        : Duration.between(oldest.toInstant(), Instant.now()).toMillis() / 1000.0);
        s.put(
                "timeToChannel",
                jdbc.sql("""
                        SELECT count(*) AS pushes,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - caused_at)) AS p50,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - caused_at)) AS p99
                          FROM %s WHERE channel_id = :c AND confirmed_at > now() - interval '1 hour'
                        """.formatted(pushes))
                        .param("c", id)
                        .query((rs, n) -> {
                            Map<String, Object> t = new LinkedHashMap<>();
                            t.put("window", "1h");
                            t.put("pushes", rs.getLong(1));
                            t.put("p50Seconds", rs.getObject(2) == null ? null : rs.getDouble(2));
                            t.put("p99Seconds", rs.getObject(3) == null ? null : rs.getDouble(3));
                            return t;
                        })
                        .single());
        s.put(
                "deadLetters",
                jdbc.sql("""
                        SELECT sku, channel_sku, reason FROM %s
                         WHERE channel_id = :c AND state = 'DEAD_LETTERED' ORDER BY sku
                        """.formatted(targets))
                        .param("c", id)
                        .query((rs, n) -> {
                            Map<String, Object> d = new LinkedHashMap<>();
                            d.put("sku", rs.getString(1));
                            d.put("channelSku", rs.getString(2));
                            d.put("reason", rs.getString(3));
                            return d;
                        })
                        .list());
        return s;
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
