package io.omnihub.mappings.pricing;

import java.util.Map;

/**
 * The prices the retailer sets for one SKU, in fen: the list price every channel sells at unless
 * it has its own, the member price (null: members pay the list price), and the floor no
 * promotion may take a price below (null: no floor).
 */
public record MasterPrice(
        String sku,
        long listFen,
        Long memberFen,
        Long floorFen,
        Map<String, Long> channelListFen,
        Map<String, Long> channelMemberFen) {

    public MasterPrice {
        channelListFen = channelListFen == null ? Map.of() : Map.copyOf(channelListFen);
        channelMemberFen = channelMemberFen == null ? Map.of() : Map.copyOf(channelMemberFen);
    }

    /** What the channel lists the SKU at before any promotion. */
    public long listOn(String channelId) {
        return channelListFen.getOrDefault(channelId, listFen);
    }

    /** The member price on the channel before any promotion; null when members pay the list price. */
    public Long memberOn(String channelId) {
        return channelMemberFen.getOrDefault(channelId, memberFen);
    }
}
