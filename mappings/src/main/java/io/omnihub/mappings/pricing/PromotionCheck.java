package io.omnihub.mappings.pricing;

import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.model.Promotion.Stacking;
import io.omnihub.mappings.model.Promotion.Type;
import io.omnihub.mappings.pricing.PriceConflict.Rule;
import io.omnihub.mappings.pricing.PromotionPricing.WorstCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The check before a promotion goes live: for every SKU on every channel it covers, at every
 * moment of its window, it is combined with every other promotion running or scheduled then,
 * and the result is held against the rules: no price below the floor, members pay the same
 * everywhere when the policy says so, and an exclusive promotion runs alone.
 *
 * <p>The moments checked are the candidate's start and every start of another promotion inside
 * its window: promotions only join the running set at a start, so the worst case is at one of them.
 */
public final class PromotionCheck {

    /** {@code equalMemberPrice}: members pay the same price for a SKU on every channel it is sold on. */
    public record Policy(boolean equalMemberPrice) {}

    private PromotionCheck() {}

    /**
     * @param others        the promotions running or scheduled (not ended, not cancelled), the candidate excluded
     * @param channelsBySku the channel instances each SKU is listed on
     * @return the conflicts, one per rule, SKU and set of promotions, naming every channel where it happens
     */
    public static List<PriceConflict> check(
            Promotion candidate,
            Collection<Promotion> others,
            Map<String, MasterPrice> prices,
            Map<String, Set<String>> channelsBySku,
            Policy policy) {
        Map<String, PriceConflict> found = new LinkedHashMap<>();
        for (String sku : candidate.skus()) {
            MasterPrice price = prices.get(sku);
            if (price == null) {
                add(
                        found,
                        new PriceConflict(
                                Rule.NO_PRICE,
                                List.of(candidate.promotionId()),
                                sku,
                                candidate.channels(),
                                null,
                                "SKU " + sku + " has no master price (PUT /api/prices/" + sku
                                        + "), so its promotion price cannot be checked"));
                continue;
            }
            for (Instant at : moments(candidate, others, sku)) {
                for (String channel : candidate.channels()) {
                    List<Promotion> running = running(candidate, others, sku, channel, at);
                    checkExclusive(found, running, sku, channel, at);
                    checkFloor(found, price, running, sku, channel, at);
                }
                if (policy.equalMemberPrice() && candidate.type() == Type.MEMBER_PRICE) {
                    checkMemberPrices(
                            found, candidate, others, price, channelsBySku.getOrDefault(sku, Set.of()), sku, at);
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** The promotions on {@code sku} and {@code channel} running at {@code at}, the candidate first. */
    static List<Promotion> running(
            Promotion candidate, Collection<Promotion> others, String sku, String channel, Instant at) {
        List<Promotion> running = new ArrayList<>();
        if (covers(candidate, sku, channel, at)) {
            running.add(candidate);
        }
        others.stream().filter(p -> covers(p, sku, channel, at)).forEach(running::add);
        return running;
    }

    static boolean covers(Promotion p, String sku, String channel, Instant at) {
        return p.skus().contains(sku)
                && p.channels().contains(channel)
                && !at.isBefore(p.startsAt())
                && at.isBefore(p.endsAt());
    }

    private static Set<Instant> moments(Promotion candidate, Collection<Promotion> others, String sku) {
        Set<Instant> moments = new TreeSet<>(List.of(candidate.startsAt()));
        for (Promotion p : others) {
            if (p.skus().contains(sku)
                    && p.startsAt().isAfter(candidate.startsAt())
                    && p.startsAt().isBefore(candidate.endsAt())) {
                moments.add(p.startsAt());
            }
        }
        return moments;
    }

    private static void checkExclusive(
            Map<String, PriceConflict> found, List<Promotion> running, String sku, String channel, Instant at) {
        if (running.size() < 2 || running.stream().noneMatch(p -> p.stacking() == Stacking.EXCLUSIVE)) {
            return;
        }
        List<String> ids = running.stream().map(Promotion::promotionId).toList();
        List<String> exclusive = running.stream()
                .filter(p -> p.stacking() == Stacking.EXCLUSIVE)
                .map(Promotion::promotionId)
                .toList();
        add(
                found,
                new PriceConflict(
                        Rule.EXCLUSIVE_OVERLAP,
                        ids,
                        sku,
                        List.of(channel),
                        null,
                        String.join(", ", exclusive) + " may not run with another promotion, but "
                                + String.join(", ", ids) + " would all run on " + sku + " from " + at));
    }

    private static void checkFloor(
            Map<String, PriceConflict> found,
            MasterPrice price,
            List<Promotion> running,
            String sku,
            String channel,
            Instant at) {
        if (running.isEmpty()) {
            return;
        }
        WorstCase worst = PromotionPricing.worstCase(price, channel, running);
        long floor = price.floorFen() == null ? 1 : price.floorFen(); // without a floor, a price must still be above 0
        if (worst.below(floor)) {
            add(
                    found,
                    new PriceConflict(
                            Rule.BELOW_FLOOR,
                            running.stream().map(Promotion::promotionId).toList(),
                            sku,
                            List.of(channel),
                            worst.unitFen(),
                            (worst.member() ? "Members" : "Buyers") + " could pay "
                                    + Money.fenToYuan(worst.unitFen()) + " a unit from " + at + " (" + worst.working()
                                    + "), below the "
                                    + (price.floorFen() == null
                                            ? "minimum of 0.01"
                                            : "floor price " + Money.fenToYuan(floor))));
        }
    }

    private static void checkMemberPrices(
            Map<String, PriceConflict> found,
            Promotion candidate,
            Collection<Promotion> others,
            MasterPrice price,
            Set<String> listedOn,
            String sku,
            Instant at) {
        Map<String, Long> memberPrices = new TreeMap<>();
        Set<String> promotions = new TreeSet<>();
        for (String channel : listedOn) {
            List<Promotion> running = running(candidate, others, sku, channel, at);
            memberPrices.put(channel, PromotionPricing.memberPrice(price, channel, running));
            running.stream()
                    .filter(p -> p.type() == Type.MEMBER_PRICE)
                    .map(Promotion::promotionId)
                    .forEach(promotions::add);
        }
        if (memberPrices.values().stream().distinct().count() <= 1) {
            return;
        }
        StringBuilder each = new StringBuilder();
        memberPrices.forEach((channel, fen) -> each.append(each.isEmpty() ? "" : ", ")
                .append(channel)
                .append(' ')
                .append(Money.fenToYuan(fen)));
        add(
                found,
                new PriceConflict(
                        Rule.MEMBER_PRICE_UNEQUAL,
                        List.copyOf(promotions),
                        sku,
                        List.copyOf(memberPrices.keySet()),
                        memberPrices.values().stream().min(Long::compare).orElseThrow(),
                        "Members must pay the same for " + sku + " on every channel, but from " + at
                                + " they would pay " + each));
    }

    /** One conflict per rule, SKU and set of promotions: a second channel is added to the first, keeping the lowest price. */
    private static void add(Map<String, PriceConflict> found, PriceConflict c) {
        String key = c.rule() + "\u0000" + c.sku() + "\u0000" + new TreeSet<>(c.promotions());
        PriceConflict before = found.get(key);
        if (before == null) {
            found.put(key, c);
            return;
        }
        Set<String> channels = new TreeSet<>(before.channels());
        channels.addAll(c.channels());
        boolean lower = c.priceFen() != null && (before.priceFen() == null || c.priceFen() < before.priceFen());
        found.put(
                key,
                new PriceConflict(
                        c.rule(),
                        before.promotions(),
                        c.sku(),
                        List.copyOf(channels),
                        lower ? c.priceFen() : before.priceFen(),
                        lower ? c.explanation() : before.explanation()));
    }
}
