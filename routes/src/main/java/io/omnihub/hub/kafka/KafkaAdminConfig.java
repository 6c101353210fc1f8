package io.omnihub.hub.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Kafka admin client for the hub's own questions to the cluster (health, the identity
 * resolver's lag): each caller bounds its own wait, so none needs a client of its own.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaAdminConfig {

    @Bean(destroyMethod = "close")
    Admin hubKafkaAdmin(@Value("${camel.component.kafka.brokers}") String brokers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000));
    }
}
