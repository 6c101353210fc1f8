package io.omnihub.mappings.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.model.Promotion.Stacking;
import io.omnihub.mappings.model.Promotion.Type;
import io.omnihub.mappings.pricing.PriceConflict.Rule;
import io.omnihub.mappings.pricing.PromotionPricing.WorstCase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromotionCheckTest {

    static final Instant T10 = Instant.parse("2026-11-25T02:00:00Z");
    static final Instant T11 = Instant.parse("2026-11-25T03:00:00Z");
    static final Instant T12 = Instant.parse("2026-11-25T04:00:00Z");
    static final Instant T13 = Instant.parse("2026-11-25T05:00:00Z");
    static final Map<String, Set<String>> LISTED =
            Map.of("TEE", Set.of("tmall-flagship", "jd-official", "douyin-live"));
    static final PromotionCheck.Policy EQUAL_MEMBER = new PromotionCheck.Policy(true);

    static Promotion promo(
            String id,
            Type type,
            List<String> channels,
            Instant from,
            Instant to,
            Stacking stacking,
            String amount,
            String threshold) {
        return new Promotion(
                Promotion.SCHEMA,
                id,
                type,
                channels,
                List.of("TEE"),
                from,
                to,
                stacking,
                Money.yuanToFen(amount),
                Money.yuanToFen(threshold));
    }

    static MasterPrice price(String list, String member, String floor) {
        return new MasterPrice(
                "TEE",
                Money.yuanToFen(list),
                member == null ? null : Money.yuanToFen(member),
                floor == null ? null : Money.yuanToFen(floor),
                Map.of(),
                Map.of());
    }

    @Test
    void aCouponStackingWithAThresholdReductionBelowTheFloorIsRefusedNamingBoth() {
        Promotion tmall300minus50 = promo(
                "TMALL-300-50",
                Type.THRESHOLD_REDUCTION,
                List.of("tmall-flagship"),
                T10,
                T13,
                Stacking.STACKABLE,
                "50.00",
                "300.00");
        Promotion liveCoupon = promo(
                "LIVE-COUPON-20",
                Type.COUPON,
                List.of("tmall-flagship", "douyin-live"),
                T11,
                T12,
                Stacking.STACKABLE,
                "20.00",
                "0.00");

        List<PriceConflict> conflicts = PromotionCheck.check(
                liveCoupon,
                List.of(tmall300minus50),
                Map.of("TEE", price("159.00", null, "130.00")),
                LISTED,
                EQUAL_MEMBER);

        // two for 318.00 reach 300.00: 318.00 - 50.00 - 20.00 = 248.00, 124.00 each; on Douyin 139.00 is fine
        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo(Rule.BELOW_FLOOR);
            assertThat(c.promotions()).containsExactly("LIVE-COUPON-20", "TMALL-300-50");
            assertThat(c.channels()).containsExactly("tmall-flagship");
            assertThat(c.priceFen()).isEqualTo(12_400L);
            assertThat(c.explanation())
                    .contains("2 for 318.00", "300.00 minus 50.00 (TMALL-300-50)", "floor price 130.00");
        });
    }

    @Test
    void anExclusivePromotionOverlappingAnotherOnTheSameSkuAndChannelIsRefused() {
        Promotion flash = promo(
                "JD-FLASH",
                Type.FLASH_SALE_PRICE,
                List.of("jd-official"),
                T10,
                T12,
                Stacking.EXCLUSIVE,
                "129.00",
                "0.00");
        Promotion discount = promo(
                "JD-10-OFF",
                Type.DIRECT_DISCOUNT,
                List.of("jd-official", "tmall-flagship"),
                T11,
                T13,
                Stacking.STACKABLE,
                "10.00",
                "0.00");

        List<PriceConflict> conflicts = PromotionCheck.check(
                discount, List.of(flash), Map.of("TEE", price("159.00", null, "100.00")), LISTED, EQUAL_MEMBER);

        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo(Rule.EXCLUSIVE_OVERLAP);
            assertThat(c.promotions()).containsExactlyInAnyOrder("JD-FLASH", "JD-10-OFF");
            assertThat(c.channels()).containsExactly("jd-official");
            assertThat(c.explanation()).contains("JD-FLASH may not run with another promotion", T11.toString());
        });
        // the same discount after the flash sale has ended is fine
        Promotion later = promo(
                "JD-10-OFF",
                Type.DIRECT_DISCOUNT,
                List.of("jd-official"),
                T12,
                T13,
                Stacking.STACKABLE,
                "10.00",
                "0.00");
        assertThat(PromotionCheck.check(
                        later, List.of(flash), Map.of("TEE", price("159.00", null, "100.00")), LISTED, EQUAL_MEMBER))
                .isEmpty();
    }

    @Test
    void aMemberPriceOnOneChannelIsRefusedWhenPolicyWantsMembersToPayTheSameEverywhere() {
        Promotion tmallMembers = promo(
                "TMALL-MEMBERS",
                Type.MEMBER_PRICE,
                List.of("tmall-flagship"),
                T10,
                T12,
                Stacking.STACKABLE,
                "139.00",
                "0.00");

        List<PriceConflict> conflicts = PromotionCheck.check(
                tmallMembers, List.of(), Map.of("TEE", price("159.00", "149.00", "100.00")), LISTED, EQUAL_MEMBER);

        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo(Rule.MEMBER_PRICE_UNEQUAL);
            assertThat(c.channels()).containsExactly("douyin-live", "jd-official", "tmall-flagship");
            assertThat(c.explanation()).contains("douyin-live 149.00", "jd-official 149.00", "tmall-flagship 139.00");
        });
        assertThat(PromotionCheck.check(
                        tmallMembers,
                        List.of(),
                        Map.of("TEE", price("159.00", "149.00", "100.00")),
                        LISTED,
                        new PromotionCheck.Policy(false)))
                .isEmpty();
        Promotion everywhere = promo(
                "ALL-MEMBERS",
                Type.MEMBER_PRICE,
                List.of("tmall-flagship", "jd-official", "douyin-live"),
                T10,
                T12,
                Stacking.STACKABLE,
                "139.00",
                "0.00");
        assertThat(PromotionCheck.check(
                        everywhere,
                        List.of(),
                        Map.of("TEE", price("159.00", "149.00", "100.00")),
                        LISTED,
                        EQUAL_MEMBER))
                .isEmpty();
    }

    @Test
    void aSkuWithoutAMasterPriceCannotBeChecked() {
        Promotion p =
                promo("P", Type.DIRECT_DISCOUNT, List.of("jd-official"), T10, T12, Stacking.STACKABLE, "1.00", "0.00");
        assertThat(PromotionCheck.check(p, List.of(), Map.of(), LISTED, EQUAL_MEMBER))
                .singleElement()
                .extracting(PriceConflict::rule)
                .isEqualTo(Rule.NO_PRICE);
    }

    @Test
    void theFloorIsComparedOnTheExactBasketNotARoundedUnitPrice() {
        // 99.99 each; two (199.98) reach 100.00 and take 0.01 off: 199.97 for two, 99.985 each
        Promotion cent = promo(
                "CENT",
                Type.THRESHOLD_REDUCTION,
                List.of("jd-official"),
                T10,
                T12,
                Stacking.STACKABLE,
                "0.01",
                "100.00");
        WorstCase worst = PromotionPricing.worstCase(price("99.99", null, null), "jd-official", List.of(cent));
        assertThat(worst.totalFen()).isEqualTo(19_997L);
        assertThat(worst.units()).isEqualTo(2);
        assertThat(worst.unitFen()).isEqualTo(9_998L); // rounded down, the buyer never pays less
        assertThat(worst.below(9_998L)).isFalse(); // 199.97 is not below 2 x 99.98
        assertThat(worst.below(9_999L)).isTrue(); // but is below 2 x 99.99
        assertThat(PromotionCheck.check(
                        cent, List.of(), Map.of("TEE", price("99.99", null, "99.98")), LISTED, EQUAL_MEMBER))
                .isEmpty();
        assertThat(PromotionCheck.check(
                        cent, List.of(), Map.of("TEE", price("99.99", null, "99.99")), LISTED, EQUAL_MEMBER))
                .singleElement()
                .extracting(PriceConflict::priceFen)
                .isEqualTo(9_998L);
    }

    @Test
    void theListedPriceTakesTheFlashSalePriceThenTheDirectDiscounts() {
        Promotion flash = promo(
                "F", Type.FLASH_SALE_PRICE, List.of("jd-official"), T10, T12, Stacking.STACKABLE, "199.00", "0.00");
        Promotion off =
                promo("D", Type.DIRECT_DISCOUNT, List.of("jd-official"), T10, T12, Stacking.STACKABLE, "20.50", "0.00");
        Promotion coupon =
                promo("C", Type.COUPON, List.of("jd-official"), T10, T12, Stacking.STACKABLE, "5.00", "0.00");
        assertThat(PromotionPricing.listedPrice(29_900, List.of(off, flash, coupon)))
                .isEqualTo(17_850L);
        assertThat(Money.fenToYuan(PromotionPricing.listedPrice(29_900, List.of(off, flash))))
                .isEqualTo("178.50");
        assertThat(PromotionPricing.listedPrice(29_900, List.of())).isEqualTo(29_900L);
    }
}
