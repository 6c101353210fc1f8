package io.omnihub.mappings.model;

import java.time.Instant;

/**
 * An absolute count: {@code onHand} units of {@code sku} at {@code location} as counted at
 * {@code countedAt}. The ledger turns it into an adjusting movement.
 */
public record StockSnapshot(String schema, String sku, String location, long onHand, String source, Instant countedAt) {

    public static final String SCHEMA = "hub.stock-snapshot/1";
}
