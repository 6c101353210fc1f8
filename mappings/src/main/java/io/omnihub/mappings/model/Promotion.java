package io.omnihub.mappings.model;

import java.time.Instant;
import java.util.List;

/**
 * A promotion on some SKUs over some channels for a time window.
 *
 * @param amountFen   what the type needs: the discount (DIRECT_DISCOUNT, COUPON, the reduction of
 *                    THRESHOLD_REDUCTION) or the price (MEMBER_PRICE, FLASH_SALE_PRICE)
 * @param thresholdFen the spend that unlocks a THRESHOLD_REDUCTION or a COUPON; 0 otherwise
 */
public record Promotion(
        String schema,
        String promotionId,
        Type type,
        List<String> channels,
        List<String> skus,
        Instant startsAt,
        Instant endsAt,
        Stacking stacking,
        long amountFen,
        long thresholdFen) {

    public static final String SCHEMA = "hub.promotion/1";

    public enum Type {
        DIRECT_DISCOUNT,
        THRESHOLD_REDUCTION,
        COUPON,
        MEMBER_PRICE,
        FLASH_SALE_PRICE
    }

    /** EXCLUSIVE: nothing else may apply at the same time on the same SKU and channel. */
    public enum Stacking {
        STACKABLE,
        EXCLUSIVE
    }

    public Promotion {
        channels = channels == null ? List.of() : List.copyOf(channels);
        skus = skus == null ? List.of() : List.copyOf(skus);
    }
}
