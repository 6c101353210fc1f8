package io.omnihub.mappings.model;

import java.time.Instant;
import java.util.UUID;

/**
 * "Make channel {@code channelId} show {@code value} for this SKU": a stock quantity or a price in
 * fen. Only the latest command per {@link #conflationKey()} matters, so queues may drop older ones.
 *
 * @param causedAt when the event that led to this command happened; time-to-channel starts there
 */
public record SyncCommand(
        String schema,
        String commandId,
        String channelId,
        Kind kind,
        String sku,
        String channelItemId,
        String channelSku,
        long value,
        String reason,
        Instant causedAt,
        Instant issuedAt) {

    public static final String SCHEMA = "hub.sync-command/1";
    /** Reasons the sync queues order by: a sold-out command goes first, then low stock. */
    public static final String SOLD_OUT = "sold out";

    public static final String LOW_STOCK = "low stock";
    /** A price a promotion's start or end is due to change: it has a time to keep, so it goes before other prices. */
    public static final String PROMOTION = "promotion";

    /** A new stock command; a target of 0 is always "sold out", whatever else led to it. */
    public static SyncCommand stock(
            String channelId,
            String sku,
            String channelItemId,
            String channelSku,
            long target,
            String reason,
            Instant causedAt,
            Instant issuedAt) {
        return new SyncCommand(
                SCHEMA,
                UUID.randomUUID().toString(),
                channelId,
                Kind.STOCK,
                sku,
                channelItemId,
                channelSku,
                target,
                target <= 0 ? SOLD_OUT : reason,
                causedAt,
                issuedAt);
    }

    /** A new price command: {@code value} is the price to list, in fen. */
    public static SyncCommand price(
            String channelId,
            String sku,
            String channelItemId,
            String channelSku,
            long priceFen,
            String reason,
            Instant causedAt,
            Instant issuedAt) {
        return new SyncCommand(
                SCHEMA,
                UUID.randomUUID().toString(),
                channelId,
                Kind.PRICE,
                sku,
                channelItemId,
                channelSku,
                priceFen,
                reason,
                causedAt,
                issuedAt);
    }

    public enum Kind {
        STOCK,
        PRICE
    }

    public String conflationKey() {
        return kind.name().toLowerCase() + ":" + channelSku;
    }
}
