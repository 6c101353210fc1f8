package io.omnihub.sandbox.sim;

import java.time.Clock;

/**
 * A shop's call quota in calls per second, enforced as the platforms do: over the limit, calls
 * are refused until the ban ends. 0 means unlimited.
 */
public final class SimQuota {

    private final int callsPerSecond;
    private final Clock clock;
    private long currentSecond = -1;
    private int callsThisSecond;
    private long bannedUntilMillis;
    private long refused;

    public SimQuota(int callsPerSecond, Clock clock) {
        this.callsPerSecond = callsPerSecond;
        this.clock = clock;
    }

    /** Counts a call. Returns 0 when allowed, otherwise the whole seconds the caller must wait. */
    public synchronized long admit() {
        if (callsPerSecond <= 0) {
            return 0;
        }
        long now = clock.millis();
        if (now < bannedUntilMillis) {
            refused++;
            return Math.max(1, (bannedUntilMillis - now + 999) / 1000);
        }
        long second = now / 1000;
        if (second != currentSecond) {
            currentSecond = second;
            callsThisSecond = 0;
        }
        if (++callsThisSecond > callsPerSecond) {
            bannedUntilMillis = (second + 1) * 1000;
            refused++;
            return 1;
        }
        return 0;
    }

    public synchronized long refused() {
        return refused;
    }
}
