package io.omnihub.mappings.codes;

import java.io.Reader;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * (channel instance, channel SKU) -> hub SKU, and back. Loaded from {@code config/sku-codes.csv}
 * with columns {@code channel,channel_sku,sku} and optional {@code channel_item}.
 */
public final class SkuCodeTable {

    private final Map<String, ChannelSku> byChannelSku = new HashMap<>();
    private final Map<String, ChannelSku> bySku = new HashMap<>();
    private final Set<String> hubSkus = new HashSet<>();

    public SkuCodeTable(Collection<ChannelSku> rows) {
        for (ChannelSku row : rows) {
            ChannelSku previous = byChannelSku.putIfAbsent(key(row.channelId(), row.channelSku()), row);
            if (previous != null && !previous.sku().equals(row.sku())) {
                throw new CodeTableException("channel SKU " + row.channelId() + "/" + row.channelSku()
                        + " maps to both " + previous.sku() + " and " + row.sku());
            }
            bySku.putIfAbsent(key(row.channelId(), row.sku()), row);
            hubSkus.add(row.sku());
        }
    }

    public static SkuCodeTable read(Reader csv, String name) {
        return new SkuCodeTable(CsvTable.read(
                csv,
                name,
                List.of("channel", "channel_sku", "sku"),
                r -> new ChannelSku(
                        r.get("channel"),
                        r.get("channel_sku"),
                        CsvTable.blankToNull(r.get("channel_item")),
                        r.get("sku"))));
    }

    public Optional<String> skuFor(String channelId, String channelSku) {
        return Optional.ofNullable(byChannelSku.get(key(channelId, channelSku))).map(ChannelSku::sku);
    }

    /** Whether {@code sku} is one of the hub's own SKU codes (it appears in the table). */
    public boolean isHubSku(String sku) {
        return hubSkus.contains(sku);
    }

    public Optional<ChannelSku> channelSkuFor(String channelId, String sku) {
        return Optional.ofNullable(bySku.get(key(channelId, sku)));
    }

    public Collection<ChannelSku> all() {
        return byChannelSku.values();
    }

    public int size() {
        return byChannelSku.size();
    }

    private static String key(String a, String b) {
        return a + '\u0000' + b;
    }
}
