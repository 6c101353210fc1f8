package io.omnihub.connectors;

/**
 * What the hub changes on a channel's listing of one SKU: the stock buyers can order and the
 * price they pay. Each platform addresses a SKU its own way; callers pass all they know.
 *
 * <p>Both calls set absolute values (never increments), so repeating one after a timeout is safe.
 */
public interface ListingUpdates {

    /** A SKU as the platform addresses it: the listing (num_iid / ware id / product_id), the SKU id, the merchant's code. */
    record SkuRef(String itemId, String skuId, String outerId) {
    }

    /**
     * Sets the stock of one SKU.
     *
     * @param requestId unique per intended change; platforms that take an idempotency key get it
     * @throws PlatformException with kind PERMANENT and the platform's reason (e.g. SKU deleted)
     */
    void setStock(SkuRef sku, long quantity, String requestId);

    /** Sets the selling price of one SKU, in fen. */
    void setPrice(SkuRef sku, long priceFen);
}
