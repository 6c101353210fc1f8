package io.omnihub.hub.ops;

import io.omnihub.hub.config.HubProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Each channel instance's state, in {@code /actuator/health} under {@code channels}: when it last
 * pulled, its last error, whether it was stopped because the platform refused its credentials,
 * and which of its routes are stopped (an operator stopped it in Hawtio). A stopped instance makes
 * the component DEGRADED, named under {@code stopped} (answered with HTTP 200: the rest of the hub
 * is fine), until its routes are started again (and, after refused credentials, a pull succeeds).
 * Camel's own route checks are off (camel.health.routes-enabled): they would call a route stopped
 * on purpose DOWN for the whole hub.
 */
@Component("channels")
public class ChannelHealth implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "a channel instance is stopped");
    /** Where the hub's own routes (not one instance's) are counted. */
    private static final String HUB = "";

    /** One instance's state. */
    public record State(String state, Instant lastPullAt, String lastError, Instant lastErrorAt) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ObjectProvider<CamelContext> camel;
    private final Set<String> instanceIds;

    public ChannelHealth(Clock clock, ObjectProvider<CamelContext> camel, HubProperties hub) {
        this.clock = clock;
        this.camel = camel;
        this.instanceIds = new TreeSet<>(hub.getChannels().keySet());
    }

    public void pulled(String instanceId) {
        states.compute(
                instanceId,
                (id, s) -> new State(
                        "RUNNING",
                        clock.instant(),
                        s == null ? null : s.lastError(),
                        s == null ? null : s.lastErrorAt()));
    }

    public void failed(String instanceId, String error) {
        states.compute(
                instanceId,
                (id, s) -> new State(
                        s != null && s.state().startsWith("STOPPED") ? s.state() : "RETRYING",
                        s == null ? null : s.lastPullAt(),
                        error,
                        clock.instant()));
    }

    public void stoppedForAuthentication(String instanceId, String error) {
        states.compute(
                instanceId,
                (id, s) ->
                        new State("STOPPED_AUTHENTICATION", s == null ? null : s.lastPullAt(), error, clock.instant()));
    }

    public State state(String instanceId) {
        return states.get(instanceId);
    }

    @Override
    public Health health() {
        Map<String, List<String>> stoppedRoutes = stoppedRoutes();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> stopped = new ArrayList<>();
        Set<String> ids = new TreeSet<>(states.keySet());
        ids.addAll(stoppedRoutes.keySet());
        ids.remove(HUB);
        for (String id : ids) {
            State s = states.get(id);
            List<String> routes = stoppedRoutes.getOrDefault(id, List.of());
            Map<String, Object> d = new LinkedHashMap<>();
            String state = s != null && s.state().startsWith("STOPPED")
                    ? s.state()
                    : !routes.isEmpty() ? "STOPPED" : s != null ? s.state() : "RUNNING";
            d.put("state", state);
            if (!routes.isEmpty()) {
                d.put("stoppedRoutes", routes);
            }
            if (s != null && s.lastPullAt() != null) {
                d.put("lastPullAt", s.lastPullAt().toString());
            }
            if (s != null && s.lastError() != null) {
                d.put("lastError", s.lastError());
                d.put("lastErrorAt", s.lastErrorAt().toString());
            }
            details.put(id, d);
            if (state.startsWith("STOPPED")) {
                stopped.add(id);
            }
        }
        List<String> hubRoutes = stoppedRoutes.getOrDefault(HUB, List.of());
        if (!hubRoutes.isEmpty()) {
            details.put("stoppedHubRoutes", hubRoutes);
        }
        if (stopped.isEmpty() && hubRoutes.isEmpty()) {
            return Health.status(Status.UP).withDetails(details).build();
        }
        details.put("stopped", stopped);
        return Health.status(DEGRADED).withDetails(details).build();
    }

    /** Stopped or suspended routes by channel instance (the hub's own under {@link #HUB}), once Camel runs. */
    private Map<String, List<String>> stoppedRoutes() {
        CamelContext context = camel.getIfAvailable();
        Map<String, List<String>> stopped = new TreeMap<>();
        if (context == null || !context.isStarted() || context.isStopping()) {
            return stopped; // starting or shutting down: every route is stopped then, on purpose of nobody
        }
        for (Route route : context.getRoutes()) {
            ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
            if (status != null && (status.isStopped() || status.isSuspended())) {
                stopped.computeIfAbsent(instanceOf(route.getRouteId()), k -> new ArrayList<>())
                        .add(route.getRouteId());
            }
        }
        return stopped;
    }

    private String instanceOf(String routeId) {
        for (String id : instanceIds) {
            if (routeId.startsWith(id + ".")) {
                return id;
            }
        }
        return HUB;
    }
}
