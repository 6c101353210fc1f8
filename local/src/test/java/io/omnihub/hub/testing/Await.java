package io.omnihub.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls until a condition holds, failing with the last value seen when it does not in time. */
public final class Await {

    public interface Probe<T> {
        T get() throws Exception;
    }

    private Await() {}

    public static <T> T until(Duration timeout, Probe<T> probe, Predicate<T> done) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            assertThat(System.nanoTime())
                    .as("condition not reached in " + timeout + "; last value: " + value)
                    .isLessThan(until);
            Thread.sleep(200);
            value = probe.get();
        }
        return value;
    }
}
