package io.omnihub.hub.kafka;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} includes whether the Kafka cluster answers. */
@Component("kafka")
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private final Admin admin;
    private final String brokers;

    public KafkaHealthIndicator(@Value("${camel.component.kafka.brokers}") String brokers) {
        this.brokers = brokers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Override
    public Health health() {
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000));
            int nodes = cluster.nodes().get(5, TimeUnit.SECONDS).size();
            return Health.up().withDetail("brokers", brokers).withDetail("nodes", nodes)
                    .withDetail("clusterId", cluster.clusterId().get(5, TimeUnit.SECONDS)).build();
        } catch (Exception e) {
            return Health.down().withDetail("brokers", brokers).withDetail("error", e.toString()).build();
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
