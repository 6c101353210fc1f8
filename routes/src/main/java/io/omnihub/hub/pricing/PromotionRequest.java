package io.omnihub.hub.pricing;

import static io.omnihub.hub.pricing.PricingFields.atLeastOne;
import static io.omnihub.hub.pricing.PricingFields.enumValue;
import static io.omnihub.hub.pricing.PricingFields.fen;
import static io.omnihub.hub.pricing.PricingFields.instant;

import io.omnihub.hub.pricing.PricingFields.BadField;
import io.omnihub.mappings.model.Promotion;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The body of {@code POST /api/promotions}: {@code {"promotionId":"D11-TMALL",
 * "type":"THRESHOLD_REDUCTION","channels":["tmall-flagship"],"skus":["TEE-WHT-M"],
 * "startsAt":"...Z","endsAt":"...Z","stacking":"STACKABLE","amount":"50.00","threshold":"300.00"}},
 * amounts as decimal yuan strings; without a {@code promotionId} the hub names it.
 */
public record PromotionRequest(
        String promotionId,
        String type,
        List<String> channels,
        List<String> skus,
        String startsAt,
        String endsAt,
        String stacking,
        String amount,
        String threshold) {

    /** The promotion asked for, or a {@link BadField} naming what is wrong with it. */
    Promotion toPromotion(Predicate<String> knownChannel, Predicate<String> knownSku, Instant now) {
        String id = promotionId == null || promotionId.isBlank()
                ? "PROMO-" + UUID.randomUUID().toString().substring(0, 8)
                : promotionId;
        Promotion.Type kind = enumValue(Promotion.Type.class, type, "type", null);
        Promotion.Stacking stacks =
                enumValue(Promotion.Stacking.class, stacking, "stacking", Promotion.Stacking.STACKABLE);
        for (String c : atLeastOne(channels, "channels")) {
            if (!knownChannel.test(c)) {
                throw new BadField("channels", "No channel instance " + c);
            }
        }
        for (String s : atLeastOne(skus, "skus")) {
            if (!knownSku.test(s)) {
                throw new BadField("skus", "No SKU " + s + " in the SKU code table");
            }
        }
        Instant from = instant(startsAt, "startsAt");
        Instant to = instant(endsAt, "endsAt");
        if (!to.isAfter(from)) {
            throw new BadField("endsAt", "endsAt must be after startsAt");
        }
        if (!to.isAfter(now)) {
            throw new BadField("endsAt", "endsAt is in the past");
        }
        Long amountFen = fen(amount, "amount");
        if (amountFen == null || amountFen <= 0) {
            throw new BadField("amount", "amount is required and above 0");
        }
        Long thresholdFen = fen(threshold, "threshold");
        if (kind == Promotion.Type.THRESHOLD_REDUCTION && (thresholdFen == null || thresholdFen <= 0)) {
            throw new BadField("threshold", "a threshold reduction needs a threshold above 0");
        }
        return new Promotion(
                Promotion.SCHEMA,
                id,
                kind,
                List.copyOf(channels),
                List.copyOf(skus),
                from,
                to,
                stacks,
                amountFen,
                thresholdFen == null ? 0 : thresholdFen);
    }
}
