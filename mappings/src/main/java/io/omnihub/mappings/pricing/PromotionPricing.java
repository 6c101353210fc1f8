package io.omnihub.mappings.pricing;

import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.model.Promotion.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What promotions do to a price, in whole fen.
 *
 * <p>A flash-sale price or a member price replaces the price when lower; direct discounts come
 * off what is left; threshold reductions ("300 minus 50") and coupons come off a basket that
 * reaches their threshold. Only the first two kinds change the price a channel lists, so only
 * they are pushed through a platform's price API.
 */
public final class PromotionPricing {

    private PromotionPricing() {}

    /** Whether the type changes the price the channel lists (and the hub pushes). */
    public static boolean changesListedPrice(Type type) {
        return type == Type.FLASH_SALE_PRICE || type == Type.DIRECT_DISCOUNT;
    }

    /** The price the channel lists while {@code active} run. */
    public static long listedPrice(long listFen, List<Promotion> active) {
        long price = listFen;
        for (Promotion p : active) {
            if (p.type() == Type.FLASH_SALE_PRICE) {
                price = Math.min(price, p.amountFen());
            }
        }
        for (Promotion p : active) {
            if (p.type() == Type.DIRECT_DISCOUNT) {
                price -= p.amountFen();
            }
        }
        return price;
    }

    /**
     * The lowest a buyer can pay per unit: {@code totalFen} for {@code units} units (a basket
     * reduction is spread over the units needed to reach its threshold, so the per-unit figure
     * may fall between two fen; comparisons use the exact total).
     */
    public record WorstCase(long totalFen, int units, boolean member, String working) {

        /** The per-unit price rounded down to the fen: the buyer never pays less than this. */
        public long unitFen() {
            return Math.floorDiv(totalFen, units);
        }

        public boolean below(long floorFen) {
            return totalFen < floorFen * units;
        }

        boolean lowerThan(WorstCase other) {
            return totalFen * other.units < other.totalFen * units;
        }
    }

    /** The lowest per-unit price on the channel with all of {@code active} applied, for members or not. */
    public static WorstCase worstCase(MasterPrice price, String channelId, List<Promotion> active) {
        long list = price.listOn(channelId);
        WorstCase anyone = worst(list, null, active);
        Long member = price.memberOn(channelId);
        boolean memberPromotion = active.stream().anyMatch(p -> p.type() == Type.MEMBER_PRICE);
        if (member == null && !memberPromotion) {
            return anyone;
        }
        WorstCase members = worst(list, member, active);
        return members.lowerThan(anyone) ? members : anyone;
    }

    /** The member price on the channel while {@code active} run: the lowest of its own and member-price promotions. */
    public static long memberPrice(MasterPrice price, String channelId, List<Promotion> active) {
        Long own = price.memberOn(channelId);
        long member = own == null ? price.listOn(channelId) : own;
        for (Promotion p : active) {
            if (p.type() == Type.MEMBER_PRICE) {
                member = Math.min(member, p.amountFen());
            }
        }
        return member;
    }

    private static WorstCase worst(long list, Long memberFen, List<Promotion> active) {
        boolean member = memberFen != null || active.stream().anyMatch(p -> p.type() == Type.MEMBER_PRICE);
        StringBuilder working = new StringBuilder("list ").append(Money.fenToYuan(list));
        long unit = list;
        if (memberFen != null && memberFen < unit) {
            unit = memberFen;
            working.append(", member price ").append(Money.fenToYuan(unit));
        }
        for (Promotion p : active) {
            if ((p.type() == Type.FLASH_SALE_PRICE || p.type() == Type.MEMBER_PRICE) && p.amountFen() < unit) {
                unit = p.amountFen();
                working.append(", ")
                        .append(p.type() == Type.MEMBER_PRICE ? "member price " : "flash-sale price ")
                        .append(Money.fenToYuan(unit))
                        .append(" (")
                        .append(p.promotionId())
                        .append(')');
            }
        }
        for (Promotion p : active) {
            if (p.type() == Type.DIRECT_DISCOUNT) {
                unit -= p.amountFen();
                working.append(", less ")
                        .append(Money.fenToYuan(p.amountFen()))
                        .append(" (")
                        .append(p.promotionId())
                        .append(')');
            }
        }
        working.append(" = ").append(Money.fenToYuan(unit)).append(" each");
        List<Promotion> basket = active.stream()
                .filter(p -> p.type() == Type.THRESHOLD_REDUCTION || p.type() == Type.COUPON)
                .toList();
        if (basket.isEmpty() || unit <= 0) {
            return new WorstCase(unit, 1, member, working.toString());
        }
        // the fewest units that reach each threshold: buying more only spreads the reductions thinner
        TreeSet<Integer> counts = new TreeSet<>(List.of(1));
        for (Promotion p : basket) {
            counts.add((int) Math.max(1, (p.thresholdFen() + unit - 1) / unit));
        }
        WorstCase best = null;
        for (int n : counts) {
            long total = n * unit;
            List<String> applied = new ArrayList<>();
            long off = 0;
            for (Promotion p : basket) {
                if (total >= p.thresholdFen()) {
                    off += p.amountFen();
                    applied.add((p.type() == Type.COUPON ? "coupon " : "")
                            + (p.thresholdFen() > 0 ? Money.fenToYuan(p.thresholdFen()) + " minus " : "minus ")
                            + Money.fenToYuan(p.amountFen())
                            + " (" + p.promotionId() + ")");
                }
            }
            if (applied.isEmpty()) {
                continue;
            }
            WorstCase candidate = new WorstCase(
                    total - off,
                    n,
                    member,
                    working + "; " + n + " for "
                            + Money.fenToYuan(total) + " with " + String.join(" and ", applied) + " = "
                            + Money.fenToYuan(total - off)
                            + (n > 1 ? ", " + Money.fenToYuan(Math.floorDiv(total - off, n)) + " each" : ""));
            if (best == null || candidate.lowerThan(best)) {
                best = candidate;
            }
        }
        return best == null ? new WorstCase(unit, 1, member, working.toString()) : best;
    }
}
