package io.omnihub.mappings.codes;

import java.time.ZoneId;

/**
 * A place that holds stock. {@code onlineEligible} says whether its stock counts towards what
 * online channels may sell; {@code zone} converts the store's local times.
 */
public record Location(String code, Kind kind, boolean onlineEligible, ZoneId zone) {

    public enum Kind {
        WAREHOUSE,
        STORE,
        IN_TRANSIT,
        PARTNER
    }
}
