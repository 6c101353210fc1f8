package io.omnihub.mappings.pricing;

import java.util.List;

/**
 * Why a promotion may not go live: the rule it breaks, the promotions that together break it,
 * and where (SKU, channels), with the price the hub computed when the rule is about a price.
 */
public record PriceConflict(
        Rule rule, List<String> promotions, String sku, List<String> channels, Long priceFen, String explanation) {

    public enum Rule {
        /** The worst-case price, with everything that can stack, is below the SKU's floor price. */
        BELOW_FLOOR,
        /** Policy says members pay the same on every channel; they would not. */
        MEMBER_PRICE_UNEQUAL,
        /** An exclusive promotion would run at the same time as another on the same SKU and channel. */
        EXCLUSIVE_OVERLAP,
        /** The SKU has no master price to compute from. */
        NO_PRICE
    }

    public PriceConflict {
        promotions = List.copyOf(promotions);
        channels = List.copyOf(channels);
    }
}
