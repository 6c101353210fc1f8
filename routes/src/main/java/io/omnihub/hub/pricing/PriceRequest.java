package io.omnihub.hub.pricing;

import static io.omnihub.hub.pricing.PricingFields.fen;
import static io.omnihub.hub.pricing.PricingFields.requiredFen;

import io.omnihub.hub.pricing.PricingFields.BadField;
import io.omnihub.mappings.model.PriceChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The body of {@code PUT /api/prices/{sku}}: {@code {"listPrice":"199.00","memberPrice":"179.00",
 * "floorPrice":"120.00","channels":{"jd-official":{"listPrice":"189.00"}}}}, amounts as decimal
 * yuan strings.
 */
public record PriceRequest(
        String listPrice, String memberPrice, String floorPrice, Map<String, ChannelPriceRequest> channels) {

    /** A channel's override of the list or member price. */
    public record ChannelPriceRequest(String listPrice, String memberPrice) {}

    /** The SKU's master price, each amount read to fen or refused naming its field. */
    PriceChange master(String sku, Instant at) {
        return new PriceChange(
                PriceChange.SCHEMA,
                sku,
                null,
                requiredFen(listPrice, "listPrice"),
                fen(memberPrice, "memberPrice"),
                fen(floorPrice, "floorPrice"),
                "api",
                at);
    }

    /** The channel overrides, refusing a channel the hub has no instance of. */
    List<PriceChange> overrides(String sku, Instant at, Predicate<String> knownChannel) {
        List<PriceChange> out = new ArrayList<>();
        if (channels == null) {
            return out;
        }
        channels.forEach((channel, o) -> {
            if (!knownChannel.test(channel)) {
                throw new BadField("channels." + channel, "No channel instance " + channel);
            }
            out.add(new PriceChange(
                    PriceChange.SCHEMA,
                    sku,
                    channel,
                    o == null ? null : fen(o.listPrice(), "channels." + channel + ".listPrice"),
                    o == null ? null : fen(o.memberPrice(), "channels." + channel + ".memberPrice"),
                    null,
                    "api",
                    at));
        });
        return out;
    }
}
