package io.omnihub.mappings.model;

import java.time.Instant;

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

    public enum Kind {
        STOCK, PRICE
    }

    public String conflationKey() {
        return kind.name().toLowerCase() + ":" + channelSku;
    }
}
