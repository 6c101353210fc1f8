package io.omnihub.connectors.taobao;

import io.omnihub.connectors.ListingUpdates;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code taobao.item.quantity.update} (full quantity, type 1, by num_iid + sku_id) and
 * {@code taobao.item.sku.price.update} (by num_iid + the SKU's merchant code, outer_id), or
 * {@code taobao.item.price.update} for an item without SKU variants. Prices are yuan on the wire.
 */
public final class TaobaoItems implements ListingUpdates {

    private final TopClient client;

    public TaobaoItems(TopClient client) {
        this.client = client;
    }

    @Override
    public void setStock(SkuRef sku, long quantity, String requestId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num_iid", sku.itemId());
        if (sku.skuId() != null && !sku.skuId().equals(sku.itemId())) {
            p.put("sku_id", sku.skuId());
        } else if (sku.outerId() != null) {
            p.put("outer_id", sku.outerId());
        }
        p.put("quantity", Long.toString(quantity));
        p.put("type", "1");
        client.call("taobao.item.quantity.update", p);
    }

    @Override
    public void setPrice(SkuRef sku, long priceFen) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num_iid", sku.itemId());
        p.put("price", yuan(priceFen));
        boolean variant = sku.skuId() != null && !sku.skuId().equals(sku.itemId());
        if (variant) {
            p.put("outer_id", sku.outerId());
            client.call("taobao.item.sku.price.update", p);
        } else {
            client.call("taobao.item.price.update", p);
        }
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2).toPlainString();
    }
}
