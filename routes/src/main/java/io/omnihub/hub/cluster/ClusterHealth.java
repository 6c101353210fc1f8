package io.omnihub.hub.cluster;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} under {@code cluster}: this hub's member id, the live hubs and who leads
 * each shop and cluster-wide timer, so an operator sees where a shop is pulled without SQL. Always
 * UP: a hub that leads nothing (another leads it all) is healthy, and one cut off from the database
 * is DOWN through the database's own check.
 */
@Component("cluster")
public class ClusterHealth implements HealthIndicator {

    private final HubCluster cluster;

    public ClusterHealth(HubCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        Map<String, String> leaders = new TreeMap<>(cluster.leaders());
        return Health.up()
                .withDetail("member", cluster.memberId())
                .withDetail("members", cluster.members())
                .withDetail("leaders", leaders)
                .build();
    }
}
