package io.omnihub.sandbox.sim;

import java.util.OptionalLong;

/**
 * A SKU listed in a simulated shop. {@code quantity} and {@code priceFen} are what the platform
 * would show buyers; the hub's pushes change them, orders decrement the quantity.
 */
public final class SimSku {

    private final String itemId;
    private final String skuId;
    private final String outerSkuId;
    private final String title;
    private final String properties;
    private long quantity;
    private long priceFen;
    private boolean deleted;

    public SimSku(String itemId, String skuId, String outerSkuId, String title, long quantity, long priceFen) {
        this(itemId, skuId, outerSkuId, title, quantity, priceFen, variantProperties(skuId));
    }

    /** With the SKU's property string (Taobao's "pid:vid;pid:vid", e.g. {@code 1627207:28326;20509:28315}). */
    public SimSku(
            String itemId,
            String skuId,
            String outerSkuId,
            String title,
            long quantity,
            long priceFen,
            String properties) {
        this.itemId = itemId;
        this.skuId = skuId;
        this.outerSkuId = outerSkuId;
        this.title = title;
        this.quantity = quantity;
        this.priceFen = priceFen;
        this.properties = properties;
    }

    /**
     * A colour (1627207) and a size (20509) value made from the SKU id, so every SKU of an item
     * has its own, and a client can only learn it by reading the SKU.
     */
    static String variantProperties(String skuId) {
        int h = Math.floorMod(skuId.hashCode() * 31 + 7, 900_000_000);
        return "1627207:" + (100_000 + h % 9_000_000) + ";20509:" + (28_000 + h / 9_000_000);
    }

    /**
     * How a sandbox lists a SKU from the hub's code table: 100 units at a price derived from the hub's
     * SKU code, so every run of the sandbox shows the same prices. Without a listing id the SKU is
     * its own listing.
     */
    public static SimSku listed(String itemId, String skuId, String hubSku) {
        String item = itemId == null || itemId.isBlank() ? skuId : itemId;
        return new SimSku(item, skuId, hubSku, hubSku, 100, 1990 + Math.floorMod(hubSku.hashCode(), 280) * 100L);
    }

    public String itemId() {
        return itemId;
    }

    public String skuId() {
        return skuId;
    }

    public String outerSkuId() {
        return outerSkuId;
    }

    public String title() {
        return title;
    }

    /** The SKU's property string, by which {@code taobao.item.sku.price.update} addresses it. */
    public String properties() {
        return properties;
    }

    public synchronized long quantity() {
        return quantity;
    }

    public synchronized void setQuantity(long quantity) {
        this.quantity = quantity;
    }

    /** A buyer takes {@code n} units; refused (false) when fewer are left, as a platform does. */
    public synchronized boolean take(long n) {
        if (deleted || quantity < n) {
            return false;
        }
        quantity -= n;
        return true;
    }

    /**
     * A platform's incremental stock update, applied atomically so an order placed at the same
     * moment is never lost. Refused (empty) when the result would be negative.
     */
    public synchronized OptionalLong adjust(long delta) {
        if (quantity + delta < 0) {
            return OptionalLong.empty();
        }
        quantity += delta;
        return OptionalLong.of(quantity);
    }

    public synchronized void giveBack(long n) {
        quantity += n;
    }

    public synchronized long priceFen() {
        return priceFen;
    }

    public synchronized void setPriceFen(long priceFen) {
        this.priceFen = priceFen;
    }

    public synchronized boolean deleted() {
        return deleted;
    }

    public synchronized void delete() {
        this.deleted = true;
    }
}
