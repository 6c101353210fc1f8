package io.omnihub.mappings.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.stock.OrderReservation.State;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StockAllocationTest {

    static Map<String, AllocationRule> rules(AllocationRule tmall, AllocationRule jd, AllocationRule douyin) {
        Map<String, AllocationRule> r = new LinkedHashMap<>();
        r.put("tmall", tmall);
        r.put("jd", jd);
        r.put("douyin", douyin);
        return r;
    }

    static AllocationRule ratio(double r) {
        return new AllocationRule(r, 0, 0, Long.MAX_VALUE, 0);
    }

    static long sum(Map<String, Long> targets) {
        return targets.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void atpCountsOnlyOnlineLocationsLessReservedAndSafetyStock() {
        Map<String, Long> onHand = Map.of("WH-SH", 50L, "STORE-SH-002", 30L, "IN-TRANSIT", 20L, "STORE-SH-001", -3L);
        assertThat(AvailableToPromise.of(onHand, Set.of("WH-SH", "STORE-SH-001"), 12, 5))
                .isEqualTo(33);
        assertThat(AvailableToPromise.shortfall(Map.of("WH-SH", 1L), Set.of("WH-SH"), 2))
                .isEqualTo(1);
        assertThat(AvailableToPromise.shortfall(Map.of("WH-SH", 3L), Set.of("WH-SH"), 2))
                .isZero();
    }

    @Test
    void plentyOfStockGivesEachChannelItsRatioLessBufferWithinItsCaps() {
        Map<String, Long> t = StockAllocation.targets(
                1000,
                rules(
                        new AllocationRule(0.5, 10, 0, 300, 0),
                        new AllocationRule(0.5, 0, 0, Long.MAX_VALUE, 0),
                        new AllocationRule(0.01, 0, 40, Long.MAX_VALUE, 0)),
                Map.of(),
                20);
        assertThat(t).containsExactly(Map.entry("tmall", 300L), Map.entry("jd", 500L), Map.entry("douyin", 40L));
    }

    @Test
    void overlappingSharesSwitchToDisjointOnesThatNeverAddUpToMoreThanAtp() {
        Map<String, AllocationRule> all = rules(ratio(1), ratio(1), ratio(1));
        assertThat(StockAllocation.isDisjoint(100, all, 10)).isTrue();
        Map<String, Long> t = StockAllocation.targets(100, all, Map.of(), 10);
        assertThat(sum(t)).isEqualTo(100);
        assertThat(t.values()).allSatisfy(v -> assertThat(v).isBetween(33L, 34L));
        for (long atp = 0; atp <= 40; atp++) {
            assertThat(sum(StockAllocation.targets(
                            atp, rules(ratio(0.4), ratio(0.3), ratio(0.3)), Map.of("jd", 3L), 10)))
                    .as("ATP %d", atp)
                    .isLessThanOrEqualTo(atp);
        }
    }

    @Test
    void lowStockGoesToTheChannelsStillSelling() {
        Map<String, AllocationRule> r = rules(ratio(0.4), ratio(0.3), ratio(0.3));
        assertThat(StockAllocation.targets(10, r, Map.of(), 10))
                .containsExactly(Map.entry("tmall", 4L), Map.entry("jd", 3L), Map.entry("douyin", 3L));
        Map<String, Long> t = StockAllocation.targets(10, r, Map.of("douyin", 9L), 10);
        assertThat(t.get("douyin")).isEqualTo(8); // 0.3 x 10 against 0.4 and 0.3: 3 / 3.7 of 10
        assertThat(sum(t)).isEqualTo(10);
    }

    @Test
    void aShareAtOrBelowTheZeroLineIsPushedAsZeroAndItsUnitsGoElsewhere() {
        Map<String, AllocationRule> r = rules(
                new AllocationRule(0.4, 0, 0, Long.MAX_VALUE, 2), ratio(0.3), new AllocationRule(0.3, 0, 0, 1, 0));
        Map<String, Long> t = StockAllocation.targets(5, r, Map.of(), 10);
        assertThat(t).containsExactly(Map.entry("tmall", 0L), Map.entry("jd", 4L), Map.entry("douyin", 1L));
        assertThat(StockAllocation.targets(0, r, Map.of(), 10).values()).containsOnly(0L);
        assertThat(StockAllocation.targets(-4, r, Map.of(), 10).values()).containsOnly(0L);
    }

    @Test
    void anOnlineOrderReservesAtOnceShipsFromOnHandAndReleasesWhenCancelled() {
        assertThat(OrderReservation.step(State.NONE, OrderStatus.PAID, 2))
                .isEqualTo(new OrderReservation.Step(State.RESERVED, 2, 0));
        assertThat(OrderReservation.step(State.RESERVED, OrderStatus.SHIPPED, 2))
                .isEqualTo(new OrderReservation.Step(State.SHIPPED, -2, -2));
        assertThat(OrderReservation.step(State.RESERVED, OrderStatus.CANCELLED, 2))
                .isEqualTo(new OrderReservation.Step(State.RELEASED, -2, 0));
        assertThat(OrderReservation.step(State.NONE, OrderStatus.COMPLETED, 1))
                .isEqualTo(new OrderReservation.Step(State.SHIPPED, 0, -1));
        assertThat(OrderReservation.step(State.RELEASED, OrderStatus.PAID, 1))
                .isEqualTo(new OrderReservation.Step(State.RELEASED, 0, 0));
        assertThat(OrderReservation.step(State.RESERVED, OrderStatus.PAID, 1))
                .isEqualTo(new OrderReservation.Step(State.RESERVED, 0, 0));
    }

    @Test
    void aSkuIsScarceAtTheLowStockLineOrWhenItsPaceWouldSellItOutWithinAMinute() {
        Duration tenSeconds = Duration.ofSeconds(10);
        assertThat(StockAllocation.isScarce(10, 10, 0, tenSeconds)).isTrue();
        assertThat(StockAllocation.isScarce(700, 10, 300, tenSeconds)).isTrue(); // 300 in 10 s: 1,800 a minute
        assertThat(StockAllocation.isScarce(700, 10, 100, tenSeconds)).isFalse(); // 600 a minute
        assertThat(StockAllocation.isScarce(1_000, 10, 2, tenSeconds)).isFalse();
    }
}
