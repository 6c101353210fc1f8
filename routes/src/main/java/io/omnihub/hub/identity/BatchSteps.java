package io.omnihub.hub.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Where an identity batch's time goes, step by step ({@code hub_identity_batch_step_seconds{step}}:
 * parse, lock, dedupe, resolve, fold, split, write.*, orders, publish): the figures that say which part of
 * the path to make faster next. One for the batch's parse and publish ({@link Identities}) and
 * its graph steps ({@link IdentityGraph}).
 */
@Component
final class BatchSteps {

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    BatchSteps(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Records the time since {@code startNanos} under {@code step}; returns now, the next step's start. */
    long took(String step, long startNanos) {
        long now = System.nanoTime();
        timers.computeIfAbsent(
                        step,
                        s -> Timer.builder("hub.identity.batch.step")
                                .tag("step", s)
                                .description("time an identity batch spends in each step")
                                .register(meters))
                .record(now - startNanos, TimeUnit.NANOSECONDS);
        return now;
    }
}
