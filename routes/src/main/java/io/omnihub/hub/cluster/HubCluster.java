package io.omnihub.hub.cluster;

import io.omnihub.hub.config.HubProperties;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hubs sharing one PostgreSQL as a cluster: every per-shop route (order pull, stock and price
 * pushes, sync tasks, POS drops) is a {@code master:<instance>:...} route, run by the one hub
 * leading that instance; the shops are spread evenly over the live hubs and move to a survivor
 * when one dies. One hub alone leads everything, so the embedded default runs the same path.
 */
@Configuration
public class HubCluster implements Leadership {

    private final PostgresClusterService postgres;

    public HubCluster(DataSourceProperties datasource, HubProperties hub) {
        HubProperties.Cluster c = hub.getCluster();
        String member = c.getMemberId() == null || c.getMemberId().isBlank() ? defaultMemberId() : c.getMemberId();
        this.postgres = new PostgresClusterService(
                member,
                datasource.determineUrl(),
                datasource.determineUsername(),
                datasource.determinePassword(),
                c.getTick());
        this.rebalanceEvery = c.getRebalanceEvery().toMillis();
    }

    private final long rebalanceEvery;

    /**
     * The one cluster service of the CamelContext, which {@code master:} endpoints find: added
     * before any route is, and started and stopped with the context.
     */
    @Bean
    public CamelContextConfiguration hubClusterService() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                try {
                    camel.addService(new RebalancingCamelClusterService(camel, postgres, rebalanceEvery), true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the cluster service", e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {}
        };
    }

    @Override
    public OptionalLong epoch(String namespace) {
        return postgres.epoch(namespace);
    }

    public String memberId() {
        return postgres.getId();
    }

    public List<String> members() {
        return postgres.members();
    }

    /** Namespace to the hub leading it, as the last round of this hub saw it. */
    public Map<String, String> leaders() {
        return postgres.leaders();
    }

    /** Host, process and a random part: unique per start, readable in logs and in {@code cluster_member}. */
    private static String defaultMemberId() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        return runtime.replace('@', '-') + "-" + UUID.randomUUID().toString().substring(0, 4);
    }
}
