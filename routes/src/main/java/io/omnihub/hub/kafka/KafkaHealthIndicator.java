package io.omnihub.hub.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} includes whether the Kafka cluster answers, within {@value #ANSWER_MILLIS}
 * ms in all: a probe must get DOWN while it still waits, not a timeout.
 */
@Component("kafka")
public class KafkaHealthIndicator implements HealthIndicator {

    static final int ANSWER_MILLIS = 3_000;
    private final Admin admin;
    private final String brokers;

    public KafkaHealthIndicator(Admin admin, @Value("${camel.component.kafka.brokers}") String brokers) {
        this.brokers = brokers;
        this.admin = admin;
    }

    @Override
    public Health health() {
        try {
            long until = System.nanoTime() + ANSWER_MILLIS * 1_000_000L;
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ANSWER_MILLIS));
            int nodes =
                    cluster.nodes().get(remaining(until), TimeUnit.NANOSECONDS).size();
            return Health.up()
                    .withDetail("brokers", brokers)
                    .withDetail("nodes", nodes)
                    .withDetail("clusterId", cluster.clusterId().get(remaining(until), TimeUnit.NANOSECONDS))
                    .build();
        } catch (Exception e) {
            return Health.down()
                    .withDetail("brokers", brokers)
                    .withDetail("error", e.toString())
                    .build();
        }
    }

    private static long remaining(long until) {
        return Math.max(0, until - System.nanoTime());
    }
}
