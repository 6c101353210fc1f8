package io.omnihub.channels.douyin;

import io.omnihub.connectors.ListingUpdates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sku.syncStock} (full stock, or an increment with incremental=true, with the request's
 * idempotent_id), {@code sku.detail} to read it back, and
 * {@code sku.editPrice} (price in fen), both by product_id + sku_id.
 */
public final class DoudianSkus implements ListingUpdates {

    private final DoudianClient client;

    public DoudianSkus(DoudianClient client) {
        this.client = client;
    }

    @Override
    public void setStock(SkuRef sku, long quantity, String requestId) {
        syncStock(sku, quantity, false, requestId);
    }

    /** {@code incremental=true}: Douyin dedupes a resent increment by its idempotent_id. */
    @Override
    public boolean adjustsStock() {
        return true;
    }

    @Override
    public void adjustStock(SkuRef sku, long delta, String requestId) {
        syncStock(sku, delta, true, requestId);
    }

    /**
     * {@code sku.detail}: the SKU's stock_num. The request is {@code sku_id} (or {@code code}) and
     * nothing else: the official SDK's {@code SkuDetailParam} has no product_id.
     */
    @Override
    public long stock(SkuRef sku) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sku_id", Long.parseLong(sku.skuId()));
        return client.call("sku.detail", p).path("stock_num").asLong();
    }

    private void syncStock(SkuRef sku, long stock, boolean incremental, String requestId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("product_id", Long.parseLong(sku.itemId()));
        p.put("sku_id", Long.parseLong(sku.skuId()));
        p.put("stock_num", stock);
        p.put("incremental", incremental);
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
