package io.omnihub.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLimitsTest {

    static final Instant T = Instant.parse("2026-11-22T02:00:00Z");

    static Order order(OrderLine... lines) {
        return new Order(
                Order.SCHEMA,
                "tmall-test",
                "taobao",
                "T-1",
                OrderStatus.PAID,
                T,
                T,
                T,
                null,
                null,
                List.of(lines),
                9900,
                0,
                null);
    }

    @Test
    void aPlatformLineOfATrillionUnitsIsParkedWithTheReasonAndTheOtherLinesStand() {
        OrderLine fine = new OrderLine("1", "TEE-WHT-M", null, "501", "tee", 2, 9900, 19800, null);
        OrderLine huge = new OrderLine("2", "TEE-WHT-L", null, "502", "tee", 1_000_000_000_000L, 9900, 0, null);
        Order parked = InputLimits.DEFAULT.parkLinesOutOfBounds(order(fine, huge));
        assertThat(parked.lines().get(0)).isEqualTo(fine);
        assertThat(parked.lines().get(1).isParked()).isTrue();
        assertThat(parked.lines().get(1).parkedReason())
                .contains("lines[1].quantity")
                .contains("1000000");
        assertThat(parked.lines().get(1).quantity())
                .as("kept as the platform sent it")
                .isEqualTo(1_000_000_000_000L);
    }

    @Test
    void anAmountBeyondTheLimitParksItsLineAndAnOrderWithinTheLimitsIsReturnedAsItIs() {
        OrderLine dear = new OrderLine("1", "TEE-WHT-M", null, "501", "tee", 1, Long.MIN_VALUE, 0, null);
        assertThat(InputLimits.DEFAULT
                        .parkLinesOutOfBounds(order(dear))
                        .lines()
                        .get(0)
                        .parkedReason())
                .contains("lines[0].unitPrice");
        Order fine = order(new OrderLine("1", "TEE-WHT-M", null, "501", "tee", 1, 9900, 9900, null));
        assertThat(InputLimits.DEFAULT.parkLinesOutOfBounds(fine)).isSameAs(fine);
    }
}
