package io.omnihub.mappings.stock;

import java.util.Map;
import java.util.Set;

/**
 * What online channels may still sell of one SKU: on hand at the online-eligible locations, less
 * what open online orders have reserved, less the safety stock. Negative means more was sold than
 * there was: a shortfall, never a figure to push.
 */
public final class AvailableToPromise {

    private AvailableToPromise() {}

    public static long of(
            Map<String, Long> onHandByLocation, Set<String> onlineLocations, long reserved, long safetyStock) {
        long onHand = 0;
        for (Map.Entry<String, Long> e : onHandByLocation.entrySet()) {
            if (onlineLocations.contains(e.getKey())) {
                onHand += Math.max(0, e.getValue()); // a location counted below zero holds nothing to sell
            }
        }
        return onHand - reserved - safetyStock;
    }

    /** Units sold that were not there to sell: the SKU's shortfall once reserved stock exceeds what is on hand. */
    public static long shortfall(Map<String, Long> onHandByLocation, Set<String> onlineLocations, long reserved) {
        return Math.max(0, -of(onHandByLocation, onlineLocations, reserved, 0));
    }
}
