package io.omnihub.sandbox.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trouble a shop can be told to make, through the control API: the next N calls throttled or
 * answered with HTTP 503, a delay before every answer, and an outage (every call 503 until it ends).
 */
public final class SimFaults {

    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong delayMillis = new AtomicLong();
    private volatile boolean down;

    /** While down, every call of the shop is answered 503, as during a platform outage. */
    public void down(boolean down) {
        this.down = down;
    }

    public boolean isDown() {
        return down;
    }

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
