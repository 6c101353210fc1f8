package io.omnihub.hub.testing;

import java.util.List;
import java.util.Map;

/** The three platform shops of {@code test-config-stock} and each one's id for the hub's SKUs (its sku-codes.csv). */
public final class StockConfigShops {

    public static final List<String> SHOPS = List.of("tmall-flagship", "jd-official", "douyin-live");
    public static final Map<String, Map<String, String>> CHANNEL_SKU = Map.of(
            "tmall-flagship", Map.of("TEE-WHT-M", "5010000001", "TEE-WHT-L", "5010000002", "TEE-BLK-M", "5010000003",
                    "HOODIE-GRY-L", "5010000004", "CAP-NAVY", "5010000005", "SOCKS-3P", "5010000006", "JEANS-32", "5010000007",
                    "JACKET-OLV-M", "5010000008", "SCARF-RED", "5010000009"),
            "jd-official", Map.of("TEE-WHT-M", "100012340001", "TEE-WHT-L", "100012340002", "TEE-BLK-M", "100012340003",
                    "HOODIE-GRY-L", "100012340004", "CAP-NAVY", "100012340005", "SOCKS-3P", "100012340006",
                    "JEANS-32", "100012340007", "JACKET-OLV-M", "100012340008", "SCARF-RED", "100012340009"),
            "douyin-live", Map.of("TEE-WHT-M", "1760000000000001", "TEE-WHT-L", "1760000000000002",
                    "TEE-BLK-M", "1760000000000003", "HOODIE-GRY-L", "1760000000000004", "CAP-NAVY", "1760000000000005",
                    "SOCKS-3P", "1760000000000006", "JEANS-32", "1760000000000007", "JACKET-OLV-M", "1760000000000008",
                    "SCARF-RED", "1760000000000009"));

    private StockConfigShops() {
    }
}
