package io.omnihub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.util.ReflectionTestUtils;

/** How one grace is shared out: the web server's drain, Camel's routes, and what the servers keep. */
class ShutdownGraceTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final ShutdownGrace.Deadline deadline = new ShutdownGrace.Deadline(Duration.ofSeconds(30), now::get);

    @Test
    void camelGetsWhatTheWebServerLeftLessTheServersShare() {
        deadline.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        now.addAndGet(Duration.ofMillis(500).toNanos()); // the drain took half a second

        assertThat(deadline.forCamel()).isEqualTo(Duration.ofMillis(30_000 - 500 - 5_000));
    }

    @Test
    void onlyTheFirstCloseStartsTheClock() {
        deadline.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        deadline.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

        assertThat(deadline.forCamel()).isEqualTo(Duration.ofSeconds(30 - 4 - 5));
    }

    @Test
    void camelStillGetsASecondWhenTheDrainUsedUpItsShareAndMore() {
        deadline.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        now.addAndGet(Duration.ofSeconds(27).toNanos());

        assertThat(deadline.forCamel()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void camelStoppedWithoutTheContextClosingGetsTheGraceLessTheServersShare() {
        assertThat(deadline.forCamel()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void theWebServerDrainsForHalfTheConfiguredGrace() {
        MockEnvironment env = new MockEnvironment().withProperty("hub.shutdown.grace", "12s");

        assertThat(ReflectionTestUtils.getField(ShutdownGrace.lifecycleProcessor(env), "timeoutPerShutdownPhase"))
                .isEqualTo(6_000L);
        assertThat(ShutdownGrace.lifecycleProcessor(new MockEnvironment()))
                .extracting("timeoutPerShutdownPhase")
                .as("the default grace, 30 s")
                .isEqualTo(15_000L);
    }
}
