package io.omnihub.connectors.taobao;

import io.omnihub.connectors.ListingUpdates;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code taobao.item.quantity.update} (full quantity, type 1, or an increment, type 2, by num_iid +
 * sku_id), {@code taobao.item.sku.get} / {@code taobao.item.seller.get} to read it back, and
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
        updateQuantity(sku, quantity, "1");
    }

    /** {@code type=2}: an increment, which may be negative; Taobao refuses one that would go below 0. */
    @Override
    public boolean adjustsStock() {
        return true;
    }

    @Override
    public void adjustStock(SkuRef sku, long delta, String requestId) {
        updateQuantity(sku, delta, "2");
    }

    /**
     * {@code taobao.item.sku.get} for a SKU variant, {@code taobao.item.seller.get} for an item
     * without variants.
     */
    @Override
    public long stock(SkuRef sku) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num_iid", sku.itemId());
        if (isVariant(sku)) {
            p.put("fields", "sku_id,num_iid,quantity");
            p.put("sku_id", sku.skuId());
            return client.call("taobao.item.sku.get", p).path("sku").path("quantity").asLong();
        }
        p.put("fields", "num_iid,num");
        return client.call("taobao.item.seller.get", p).path("item").path("num").asLong();
    }

    private static boolean isVariant(SkuRef sku) {
        return sku.skuId() != null && !sku.skuId().equals(sku.itemId());
    }

    private void updateQuantity(SkuRef sku, long quantity, String type) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num_iid", sku.itemId());
        if (sku.skuId() != null && !sku.skuId().equals(sku.itemId())) {
            p.put("sku_id", sku.skuId());
        } else if (sku.outerId() != null) {
            p.put("outer_id", sku.outerId());
        }
        p.put("quantity", Long.toString(quantity));
        p.put("type", type);
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
