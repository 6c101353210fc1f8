package io.omnihub.sandbox.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trouble a shop can be told to make, through the control API: the next N calls throttled or
 * answered with HTTP 503, a delay before every answer, an outage (every call 503 until it ends),
 * and the platform's back end unavailable for a while: every call answered with the platform's
 * own "service unavailable" error (JD gateway code 66, TOP isp.* sub-code, Doudian 20000).
 */
public final class SimFaults {

    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong delayMillis = new AtomicLong();
    private volatile boolean down;
    private volatile long unavailableUntilNanos = System.nanoTime();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();

    /** While down, every call of the shop is answered 503, as during a platform outage. */
    public void down(boolean down) {
        this.down = down;
    }

    public boolean isDown() {
        return down;
    }

    /** For {@code millis} from now (0 ends it), every call is answered with the platform's "back end unavailable". */
    public void unavailableFor(long millis) {
        unavailableUntilNanos = System.nanoTime() + millis * 1_000_000;
    }

    /** How many calls were answered "back end unavailable" so far. */
    public int unavailableAnswers() {
        return unavailableAnswers.get();
    }

    private volatile boolean refuseReads;

    /**
     * While set, the shop refuses stock read-backs for good (Douyin's {@code sku.detail} answers a
     * business refusal) while its writes go on working: a read that fails says nothing about the value.
     */
    public void refuseReads(boolean refuse) {
        this.refuseReads = refuse;
    }

    public boolean refusesReads() {
        return refuseReads;
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

    boolean takeUnavailable() {
        if (System.nanoTime() - unavailableUntilNanos >= 0) {
            return false;
        }
        unavailableAnswers.incrementAndGet();
        return true;
    }

    long delayMillis() {
        return delayMillis.get();
    }
}
