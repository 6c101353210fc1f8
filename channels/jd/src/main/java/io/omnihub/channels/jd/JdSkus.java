package io.omnihub.channels.jd;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * {@code jingdong.stock.write.updateSkuStock} (skuId, stockNum: the full stock; JD takes no
 * increment), {@code jingdong.stock.read.findSkuStock} to read it back, and
 * {@code jingdong.price.write.updateSkuJdPrice} (skuId, jdPrice in yuan).
 */
public final class JdSkus implements ListingUpdates {

    private final JosClient client;

    public JdSkus(JosClient client) {
        this.client = client;
    }

    @Override
    public void setStock(SkuRef sku, long quantity, String requestId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("skuId", Long.parseLong(sku.skuId()));
        p.put("stockNum", quantity);
        check(client.call("jingdong.stock.write.updateSkuStock", p), "updateSkuStock");
    }

    @Override
    public void setPrice(SkuRef sku, long priceFen) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("skuId", Long.parseLong(sku.skuId()));
        p.put(
                "jdPrice",
                BigDecimal.valueOf(priceFen).movePointLeft(2).setScale(2).toPlainString());
        check(client.call("jingdong.price.write.updateSkuJdPrice", p), "updateSkuJdPrice");
    }

    /** The read and the write take their quota slots together, so nothing of the instance's waits between them. */
    @Override
    public long setStockFromRead(SkuRef sku, LongUnaryOperator valueFor, String requestId) {
        return client.together(2, () -> ListingUpdates.super.setStockFromRead(sku, valueFor, requestId));
    }

    /**
     * {@code jingdong.stock.read.findSkuStock}: the SKU's stock as buyers see it. The request takes
     * {@code skuId} (and an optional {@code field}); the answer, as the official SDK's
     * {@code StockReadFindSkuStockResponse} shapes it, is {@code code} and a {@code skuStocks} list of
     * {@code {skuId, stockNum, storeId, detailStock}}, without the {@code success} flag the write
     * methods carry. Store 0 (or none) is the SKU's own stock; a store-level entry counts only when
     * there is no other.
     */
    @Override
    public long stock(SkuRef sku) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("skuId", Long.parseLong(sku.skuId()));
        JsonNode response = client.call("jingdong.stock.read.findSkuStock", p);
        if (response.has("success") && !response.path("success").asBoolean()) {
            check(response, "findSkuStock");
        }
        JsonNode storeLevel = null;
        for (JsonNode s : response.path("skuStocks")) {
            if (s.path("skuId").asText().equals(sku.skuId())) {
                if (s.path("storeId").asLong(0) == 0) {
                    return s.path("stockNum").asLong();
                }
                storeLevel = storeLevel == null ? s : storeLevel;
            }
        }
        if (storeLevel != null) {
            return storeLevel.path("stockNum").asLong();
        }
        throw new PlatformException(
                "jd", Kind.PERMANENT, "not-found", "findSkuStock: no stock for SKU " + sku.skuId(), 0);
    }

    /** JOS answers business failures inside the method's response, with success=false. */
    private static void check(JsonNode response, String what) {
        if (!response.path("success").asBoolean(false)) {
            throw new PlatformException(
                    "jd",
                    Kind.PERMANENT,
                    response.path("code").asText("business"),
                    what + " refused: " + response.path("message").asText(response.toString()),
                    0);
        }
    }
}
