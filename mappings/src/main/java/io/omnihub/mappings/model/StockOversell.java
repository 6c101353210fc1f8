package io.omnihub.mappings.model;

import java.time.Instant;
import java.util.List;

/**
 * More of {@code sku} was sold than there was: {@code shortfall} units short across the
 * online-eligible locations. {@code orders} names the latest open online orders
 * ({@code channel:order}) the stock left cannot cover, so a person can decide whom to call.
 */
public record StockOversell(String schema, String sku, long shortfall, List<String> orders, Instant raisedAt) {

    public static final String SCHEMA = "hub.stock-oversell/1";
}
