package io.omnihub.connectors.jd;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code jingdong.stock.write.updateSkuStock} (skuId, stockNum: the full stock) and
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
        p.put("jdPrice", BigDecimal.valueOf(priceFen).movePointLeft(2).setScale(2).toPlainString());
        check(client.call("jingdong.price.write.updateSkuJdPrice", p), "updateSkuJdPrice");
    }

    /** JOS answers business failures inside the method's response, with success=false. */
    private static void check(JsonNode response, String what) {
        if (!response.path("success").asBoolean(false)) {
            throw new PlatformException("jd", Kind.PERMANENT, response.path("code").asText("business"),
                    what + " refused: " + response.path("message").asText(response.toString()), 0);
        }
    }
}
