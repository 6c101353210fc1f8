package io.omnihub.connectors;

import java.util.function.LongUnaryOperator;

/**
 * What the hub changes on a channel's listing of one SKU: the stock buyers can order and the
 * price they pay. Each platform addresses a SKU its own way; callers pass all they know.
 *
 * <p>{@link #setStock} and {@link #setPrice} set absolute values, so repeating one after a timeout
 * is safe. {@link #adjustStock} changes stock by a difference, for platforms that take one: the
 * platform's own decrements for orders the hub has not seen yet then stay in place.
 */
public interface ListingUpdates {

    /** A SKU as the platform addresses it: the listing (num_iid / ware id / product_id), the SKU id, the merchant's code. */
    record SkuRef(String itemId, String skuId, String outerId) {}

    /**
     * Sets the stock of one SKU.
     *
     * @param requestId unique per intended change; platforms that take an idempotency key get it
     * @throws PlatformException with kind PERMANENT and the platform's reason (e.g. SKU deleted)
     */
    void setStock(SkuRef sku, long quantity, String requestId);

    /** Sets the selling price of one SKU, in fen. */
    void setPrice(SkuRef sku, long priceFen);

    /** Whether the platform takes a stock increment ({@link #adjustStock}). */
    default boolean adjustsStock() {
        return false;
    }

    /**
     * Changes the stock of one SKU by {@code delta} (negative to take units away).
     *
     * @throws PlatformException with kind PERMANENT when the platform refuses (e.g. fewer left than {@code -delta})
     */
    default void adjustStock(SkuRef sku, long delta, String requestId) {
        throw new UnsupportedOperationException("this platform takes absolute stock values only");
    }

    /**
     * For a platform that takes absolute values only: reads the stock, then sets
     * {@code valueFor(read)}. A sale between the read and the write is overwritten, so
     * implementations make the two calls back to back.
     *
     * @return the stock read
     */
    default long setStockFromRead(SkuRef sku, LongUnaryOperator valueFor, String requestId) {
        long read = stock(sku);
        setStock(sku, valueFor.applyAsLong(read), requestId);
        return read;
    }

    /**
     * The stock the platform shows buyers now, for reconciliation.
     *
     * @throws PlatformException with kind PERMANENT and the platform's reason when the SKU is gone
     */
    long stock(SkuRef sku);
}
