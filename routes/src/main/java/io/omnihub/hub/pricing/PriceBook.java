package io.omnihub.hub.pricing;

import io.omnihub.mappings.model.PriceChange;
import io.omnihub.mappings.pricing.MasterPrice;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Master prices and their per-channel overrides, with every change kept in {@code price_history}. */
@Repository
public class PriceBook {

    private final JdbcClient jdbc;

    public PriceBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MasterPrice> find(String sku) {
        return Optional.ofNullable(find(List.of(sku)).get(sku));
    }

    public Map<String, MasterPrice> find(Collection<String> skus) {
        String[] wanted = skus.toArray(String[]::new);
        Map<String, Map<String, Long>> lists = new HashMap<>();
        Map<String, Map<String, Long>> members = new HashMap<>();
        jdbc.sql("SELECT sku, channel_id, list_fen, member_fen FROM price_channel WHERE sku = ANY(CAST(:s AS text[]))")
                .param("s", wanted)
                .query((rs, n) -> {
                    if (rs.getObject(3) != null) {
                        lists.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(2), rs.getLong(3));
                    }
                    if (rs.getObject(4) != null) {
                        members.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(2), rs.getLong(4));
                    }
                    return null;
                })
                .list();
        Map<String, MasterPrice> prices = new LinkedHashMap<>();
        jdbc.sql(
                        "SELECT sku, list_fen, member_fen, floor_fen FROM price_master WHERE sku = ANY(CAST(:s AS text[])) ORDER BY sku")
                .param("s", wanted)
                .query((rs, n) -> prices.put(
                        rs.getString(1),
                        new MasterPrice(
                                rs.getString(1),
                                rs.getLong(2),
                                (Long) rs.getObject(3),
                                (Long) rs.getObject(4),
                                lists.get(rs.getString(1)),
                                members.get(rs.getString(1)))))
                .list();
        return prices;
    }

    /**
     * Sets the master price ({@code channelId} null) and replaces the SKU's channel overrides with
     * {@code channels}; the caller holds the transaction.
     */
    public void set(PriceChange master, List<PriceChange> channels) {
        jdbc.sql("""
                        INSERT INTO price_master (sku, list_fen, member_fen, floor_fen, source, updated_at)
                        VALUES (:s, :l, :m, :f, :src, :at)
                        ON CONFLICT (sku) DO UPDATE SET list_fen = EXCLUDED.list_fen, member_fen = EXCLUDED.member_fen,
                               floor_fen = EXCLUDED.floor_fen, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
                        """)
                .param("s", master.sku())
                .param("l", master.listPriceFen())
                .param("m", master.memberPriceFen())
                .param("f", master.floorPriceFen())
                .param("src", master.source())
                .param("at", Timestamp.from(master.effectiveAt()))
                .update();
        jdbc.sql("DELETE FROM price_channel WHERE sku = :s")
                .param("s", master.sku())
                .update();
        history(master);
        for (PriceChange c : channels) {
            jdbc.sql("INSERT INTO price_channel (sku, channel_id, list_fen, member_fen) VALUES (:s, :c, :l, :m)")
                    .param("s", c.sku())
                    .param("c", c.channelId())
                    .param("l", c.listPriceFen())
                    .param("m", c.memberPriceFen())
                    .update();
            history(c);
        }
    }

    private void history(PriceChange c) {
        jdbc.sql("""
                        INSERT INTO price_history (sku, channel_id, list_fen, member_fen, floor_fen, source, changed_at)
                        VALUES (:s, :c, :l, :m, :f, :src, :at)
                        """)
                .param("s", c.sku())
                .param("c", c.channelId())
                .param("l", c.listPriceFen())
                .param("m", c.memberPriceFen())
                .param("f", c.floorPriceFen())
                .param("src", c.source())
                .param("at", Timestamp.from(c.effectiveAt()))
                .update();
    }

    public List<Map<String, Object>> history(String sku) {
        return jdbc.sql("""
                        SELECT channel_id, list_fen, member_fen, floor_fen, source, changed_at FROM price_history
                         WHERE sku = :s ORDER BY id
                        """).param("s", sku).query().listOfRows();
    }
}
