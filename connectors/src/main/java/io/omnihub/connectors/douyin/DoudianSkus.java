package io.omnihub.connectors.douyin;

import io.omnihub.connectors.ListingUpdates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sku.syncStock} (full stock, incremental=false, with the request's idempotent_id) and
 * {@code sku.editPrice} (price in fen), both by product_id + sku_id.
 */
public final class DoudianSkus implements ListingUpdates {

    private final DoudianClient client;

    public DoudianSkus(DoudianClient client) {
        this.client = client;
    }

    @Override
    public void setStock(SkuRef sku, long quantity, String requestId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("product_id", Long.parseLong(sku.itemId()));
        p.put("sku_id", Long.parseLong(sku.skuId()));
        p.put("stock_num", quantity);
        p.put("incremental", false);
        p.put("idempotent_id", requestId);
        client.call("sku.syncStock", p);
    }

    @Override
    public void setPrice(SkuRef sku, long priceFen) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("product_id", Long.parseLong(sku.itemId()));
        p.put("sku_id", Long.parseLong(sku.skuId()));
        p.put("price", priceFen);
        client.call("sku.editPrice", p);
    }
}
