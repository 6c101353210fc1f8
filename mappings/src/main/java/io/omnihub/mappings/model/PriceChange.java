package io.omnihub.mappings.model;

import java.time.Instant;

/**
 * A price for {@code sku}: the master price when {@code channelId} is null, otherwise that
 * channel instance's override. Null amounts mean "not set".
 */
public record PriceChange(
        String schema,
        String sku,
        String channelId,
        Long listPriceFen,
        Long memberPriceFen,
        Long floorPriceFen,
        String source,
        Instant effectiveAt) {

    public static final String SCHEMA = "hub.price-change/1";
}
