package io.omnihub.sandbox.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trouble a shop can be told to make, through the control API: the next N calls throttled or
 * answered with HTTP 503, and a delay before every answer.
 */
public final class SimFaults {

    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong delayMillis = new AtomicLong();

    public void throttleNext(int calls) {
        throttleNext.set(calls);
    }

    public void failNext(int calls) {
        failNext.set(calls);
    }

    public void delay(long millis) {
        delayMillis.set(millis);
    }

    boolean takeThrottle() {
        return throttleNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    boolean takeFailure() {
        return failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    long delayMillis() {
        return delayMillis.get();
    }
}
