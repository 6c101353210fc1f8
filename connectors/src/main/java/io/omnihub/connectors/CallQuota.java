package io.omnihub.connectors;

/**
 * At most {@code callsPerSecond} calls per second for one channel instance, with calls spaced
 * evenly rather than bursting: every call of the instance (order pulls, stock and price pushes)
 * takes its slot here, so the platform's quota is never exceeded. Thread-safe.
 */
public final class CallQuota {

    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    public CallQuota(double callsPerSecond) {
        this.intervalNanos = callsPerSecond <= 0 ? 0 : (long) (1_000_000_000L / callsPerSecond);
    }

    public static CallQuota unlimited() {
        return new CallQuota(0);
    }

    /** Waits for this call's slot. */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    /** Takes {@code calls} slots in a row and waits for the first: the calls may then follow each other at once. */
    public void acquire(int calls) throws InterruptedException {
        long wait = reserve(calls);
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Takes the next free slot; returns how long until it starts, in nanoseconds. */
    synchronized long reserve() {
        return reserve(1);
    }

    private synchronized long reserve(int calls) {
        long now = System.nanoTime();
        long slot = Math.max(now, nextSlot);
        nextSlot = slot + calls * intervalNanos;
        return slot - now;
    }
}
