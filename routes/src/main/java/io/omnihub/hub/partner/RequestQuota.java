package io.omnihub.hub.partner;

/**
 * A token bucket of {@code perSecond} requests a second (bursts up to one second's worth): a
 * partner over its quota is told when to come back rather than made to wait. Thread-safe.
 */
final class RequestQuota {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long last = System.nanoTime();

    RequestQuota(double perSecond) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
    }

    /** 0 when the request may go ahead, else the whole seconds until it may. */
    synchronized long tryAcquire() {
        if (perSecond <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond);
    }
}
