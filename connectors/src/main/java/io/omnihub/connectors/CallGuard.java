package io.omnihub.connectors;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every platform call of one channel instance goes through here: it waits for its slot in the
 * instance's {@link CallQuota}, and a throttled or transient failure is retried after the
 * platform's ban (Taobao's "This ban will last for N more seconds") or an exponential backoff,
 * a bounded number of times. Authentication and permanent errors are not retried.
 */
public final class CallGuard {

    private static final Logger log = LoggerFactory.getLogger(CallGuard.class);

    private final String instanceId;
    private final CallQuota quota;
    private final int maxAttempts;
    private final long firstBackoffMillis;
    private final long maxWaitMillis;
    /** Slots already taken by {@link #together} for the calls this thread makes next. */
    private final ThreadLocal<int[]> prepaid = ThreadLocal.withInitial(() -> new int[1]);

    public CallGuard(String instanceId, CallQuota quota, int maxAttempts, long firstBackoffMillis, long maxWaitMillis) {
        this.instanceId = instanceId;
        this.quota = quota;
        this.maxAttempts = maxAttempts;
        this.firstBackoffMillis = firstBackoffMillis;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** The defaults: 6 attempts, backoff from 500 ms doubling, no single wait over 60 s. */
    public static CallGuard of(String instanceId, double callsPerSecond) {
        return new CallGuard(instanceId, new CallQuota(callsPerSecond), 6, 500, 60_000);
    }

    /**
     * The same quota with one attempt a call, for a path whose retries someone else owns: a stock or
     * price push that fails goes back to the broker, which redelivers it with backoff and
     * dead-letters it after its attempts, so retrying here too would multiply the two.
     */
    public CallGuard singleAttempt() {
        return new CallGuard(instanceId, quota, 1, 0, 0);
    }

    /** One attempt, no quota: for tests that want to see the platform's first answer. */
    public static CallGuard none(String instanceId) {
        return new CallGuard(instanceId, CallQuota.unlimited(), 1, 0, 0);
    }

    /**
     * Runs {@code calls} platform calls back to back: their quota slots are taken together, so no
     * other call of the instance and no quota wait falls between them (a read and the write that
     * depends on it). A retried call waits for a slot of its own.
     */
    public <T> T together(int calls, Supplier<T> work) {
        try {
            quota.acquire(calls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(instanceId, "interrupted", e);
        }
        prepaid.get()[0] = calls;
        try {
            return work.get();
        } finally {
            prepaid.get()[0] = 0;
        }
    }

    public <T> T call(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                int[] paid = prepaid.get();
                if (attempt == 1 && paid[0] > 0) {
                    paid[0]--;
                } else {
                    quota.acquire();
                }
                return call.get();
            } catch (PlatformException e) {
                if (!e.isRetryable() || attempt >= maxAttempts) {
                    throw e;
                }
                long backoff = Math.min(maxWaitMillis, firstBackoffMillis << (attempt - 1));
                long wait = e.kind() == PlatformException.Kind.THROTTLED
                        ? Math.min(maxWaitMillis, Math.max(backoff, e.retryAfterSeconds() * 1000))
                        : backoff;
                log.info(
                        "{} {}: {} (attempt {} of {}), retrying in {} ms",
                        instanceId,
                        what,
                        e.getMessage(),
                        attempt,
                        maxAttempts,
                        wait);
                sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException(instanceId, what + " interrupted", e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("hub", "interrupted while backing off", e);
        }
    }
}
