package io.omnihub.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallQuotaTest {

    @Test
    void callsTakenTogetherLeaveTheNextCallWaitingForBothTheirSlots() throws Exception {
        CallQuota quota = new CallQuota(1); // one call a second
        quota.acquire(2); // a read and its write: both slots now, the first starting at once
        long wait = quota.reserve();
        assertThat(wait).as("the third call waits for the two slots taken").isBetween(1_000_000_000L, 2_000_000_000L);
    }

    @Test
    void togetherLetsItsCallsThroughWithoutWaitingInBetween() {
        CallGuard guard = new CallGuard("test", new CallQuota(1), 1, 0, 0);
        long start = System.nanoTime();
        int calls = guard.together(2, () -> guard.call("read", () -> 1) + guard.call("write", () -> 1));
        assertThat(calls).isEqualTo(2);
        // one call a second: had the two calls taken slots of their own after the pair's, they would have
        // waited three seconds; together they wait for nothing (the bound leaves a second for a slow machine)
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
