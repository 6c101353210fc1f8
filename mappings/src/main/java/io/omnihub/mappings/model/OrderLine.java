package io.omnihub.mappings.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One line of an order. {@code sku} is the hub's SKU code, resolved from {@code channelSku}
 * through the code table; when that fails {@code sku} is null and {@code parkedReason} says why,
 * so the line is kept and visible instead of dropped.
 */
public record OrderLine(
        String lineId,
        String sku,
        String channelItemId,
        String channelSku,
        String title,
        long quantity,
        long unitPriceFen,
        long amountFen,
        String parkedReason) {

    @JsonIgnore
    public boolean isParked() {
        return parkedReason != null;
    }
}
