package io.omnihub.hub.ops;

import io.omnihub.connectors.PlatformException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Stops one channel instance's route when the platform refuses its credentials: retrying a bad
 * secret or an expired session only burns the quota and fills the log. The route is stopped from
 * another thread, since a route cannot wait for its own stop. Start it again in Hawtio once the
 * credentials are fixed.
 */
@Component
public class ChannelSwitch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChannelSwitch.class);

    private final CamelContext camel;
    private final ChannelHealth health;
    private final ExecutorService stopper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "channel-switch");
        t.setDaemon(true);
        return t;
    });

    public ChannelSwitch(CamelContext camel, ChannelHealth health) {
        this.camel = camel;
        this.health = health;
    }

    /** Called by a route's error handler with the failure that ended its exchange. */
    public void failed(String instanceId, String routeId, Exception failure) {
        if (failure instanceof PlatformException p && p.kind() == PlatformException.Kind.AUTHENTICATION) {
            log.error(
                    "{}: the platform refused the credentials ({}); stopping route {}",
                    instanceId,
                    p.getMessage(),
                    routeId);
            health.stoppedForAuthentication(instanceId, p.getMessage());
            stopper.submit(() -> {
                try {
                    camel.getRouteController().stopRoute(routeId);
                } catch (Exception e) {
                    log.warn("Could not stop route {}: {}", routeId, e.toString());
                }
            });
        } else {
            log.warn("{}: {} failed, will retry on the next tick: {}", instanceId, routeId, failure.toString());
            health.failed(instanceId, failure.getMessage());
        }
    }

    @Override
    public void destroy() {
        stopper.shutdownNow();
    }
}
