package io.omnihub.hub.messaging;

/**
 * Where a channel's stock or price of one SKU is on its way out: waiting for a push, being pushed,
 * confirmed by the platform, or refused by it (dead-lettered). The {@code channel_stock.state} and
 * {@code channel_price.state} columns take only these (V18, checked by FlywayMigrationIT;
 * {@code PUSHING} is the stock's alone).
 */
public enum ChannelSyncState {
    PENDING,
    PUSHING,
    CONFIRMED,
    DEAD_LETTERED
}
