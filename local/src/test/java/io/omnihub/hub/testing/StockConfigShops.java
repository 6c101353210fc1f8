package io.omnihub.hub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three platform shops of {@code test-config-stock} and each one's id for the hub's SKUs, read from its sku-codes.csv. */
public final class StockConfigShops {

    public static final List<String> SHOPS = List.of("tmall-flagship", "jd-official", "douyin-live");
    /** Per shop: hub SKU to the shop's SKU id. */
    public static final Map<String, Map<String, String>> CHANNEL_SKU = read();

    private StockConfigShops() {}

    private static Map<String, Map<String, String>> read() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        SHOPS.forEach(s -> out.put(s, new LinkedHashMap<>()));
        try (InputStream in = StockConfigShops.class.getResourceAsStream("/test-config-stock/sku-codes.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split(",");
                if (f.length >= 3 && out.containsKey(f[0])) {
                    out.get(f[0]).put(f[2], f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.replaceAll((shop, skus) -> Map.copyOf(skus));
        return Map.copyOf(out);
    }
}
