package io.omnihub.hub.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Each channel instance's state, in {@code /actuator/health} under {@code channels}: when it last
 * pulled, its last error, and whether it was stopped because the platform refused its
 * credentials. A stopped instance makes the component DEGRADED (answered with HTTP 200: the rest
 * of the hub is fine) until its routes are started again and a pull succeeds.
 */
@Component("channels")
public class ChannelHealth implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "a channel instance is stopped");

    /** One instance's state. */
    public record State(String state, Instant lastPullAt, String lastError, Instant lastErrorAt) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    public ChannelHealth(Clock clock) {
        this.clock = clock;
    }

    public void pulled(String instanceId) {
        states.compute(instanceId, (id, s) -> new State("RUNNING", clock.instant(),
                s == null ? null : s.lastError(), s == null ? null : s.lastErrorAt()));
    }

    public void failed(String instanceId, String error) {
        states.compute(instanceId, (id, s) -> new State(s != null && s.state().startsWith("STOPPED") ? s.state() : "RETRYING",
                s == null ? null : s.lastPullAt(), error, clock.instant()));
    }

    public void stoppedForAuthentication(String instanceId, String error) {
        states.compute(instanceId, (id, s) -> new State("STOPPED_AUTHENTICATION", s == null ? null : s.lastPullAt(),
                error, clock.instant()));
    }

    public State state(String instanceId) {
        return states.get(instanceId);
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean stopped = false;
        for (Map.Entry<String, State> e : new java.util.TreeMap<>(states).entrySet()) {
            State s = e.getValue();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", s.state());
            if (s.lastPullAt() != null) {
                d.put("lastPullAt", s.lastPullAt().toString());
            }
            if (s.lastError() != null) {
                d.put("lastError", s.lastError());
                d.put("lastErrorAt", s.lastErrorAt().toString());
            }
            details.put(e.getKey(), d);
            stopped |= s.state().startsWith("STOPPED");
        }
        return Health.status(stopped ? DEGRADED : Status.UP).withDetails(details).build();
    }
}
