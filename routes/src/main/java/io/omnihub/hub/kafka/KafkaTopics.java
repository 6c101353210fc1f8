package io.omnihub.hub.kafka;

import io.omnihub.hub.config.HubProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates the hub's topics before any route produces to them, with the configured partitions:
 * {@code hub.orders}, {@code hub.stock}, {@code hub.members}, {@code hub.customers} and one
 * {@code hub.raw.<instance>} per channel instance. Existing topics are left as they are.
 */
@Component
public class KafkaTopics implements InitializingBean {

    public static final List<String> CANONICAL = List.of("hub.orders", "hub.stock", "hub.members", "hub.customers");
    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    private final String brokers;
    private final HubProperties hub;

    public KafkaTopics(@Value("${camel.component.kafka.brokers}") String brokers, HubProperties hub) {
        this.brokers = brokers;
        this.hub = hub;
    }

    public static String raw(String instanceId) {
        return "hub.raw." + instanceId;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        List<String> names = new ArrayList<>(CANONICAL);
        hub.getChannels().keySet().forEach(id -> names.add(raw(id)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, hub.getKafka().getPartitions(), hub.getKafka().getReplicationFactor()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info("Created Kafka topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create Kafka topics on " + brokers + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + brokers + " did not answer within 30 s", e);
        }
    }
}
