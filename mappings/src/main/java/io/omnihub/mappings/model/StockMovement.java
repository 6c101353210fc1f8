package io.omnihub.mappings.model;

import java.time.Instant;

/**
 * A change of stock by {@code delta} units of {@code sku} at {@code location}. Movements are the
 * ledger: on hand at a location is the sum of its movements.
 *
 * @param movementId unique per source, so a replayed movement is recognised
 * @param reference  the business document behind it (receipt number, order id, count id)
 */
public record StockMovement(
        String schema,
        String movementId,
        String sku,
        String location,
        long delta,
        Kind kind,
        String source,
        String reference,
        Instant occurredAt) {

    public static final String SCHEMA = "hub.stock-movement/1";

    public enum Kind {
        SALE,
        RETURN,
        RECEIPT,
        TRANSFER_OUT,
        TRANSFER_IN,
        ADJUSTMENT,
        RESERVATION,
        RELEASE,
        SHIPMENT
    }
}
