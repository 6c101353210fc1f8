package io.omnihub.hub.kafka;

import io.omnihub.hub.config.HubProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates the hub's topics before any route produces to them, with the configured partitions:
 * {@code hub.orders}, {@code hub.stock}, {@code hub.members}, {@code hub.customers} and one
 * {@code hub.raw.<instance>} per channel instance, each taking records as large as the hub sends
 * ({@code max.message.bytes}, {@link KafkaLimits}). Existing topics keep their partitions; one
 * whose {@code max.message.bytes} is smaller is raised, so no record the producer accepts is
 * refused by the broker.
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
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            String maxMessageBytes =
                    Integer.toString(KafkaLimits.maxMessageBytes(hub.getKafka().getMaxRecordBytes()));
            List<NewTopic> missing = names.stream()
                    .filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(
                                    n,
                                    hub.getKafka().getPartitions(),
                                    hub.getKafka().getReplicationFactor())
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info(
                        "Created Kafka topics {}",
                        missing.stream().map(NewTopic::name).toList());
            }
            raiseMaxMessageBytes(
                    admin, names.stream().filter(existing::contains).toList(), maxMessageBytes);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create Kafka topics on " + brokers + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + brokers + " did not answer within 30 s", e);
        }
    }

    /** Raises {@code max.message.bytes} of the topics that take less than the hub sends. */
    private static void raiseMaxMessageBytes(Admin admin, List<String> topics, String wanted)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> raise = new HashMap<>();
        configs.forEach((topic, config) -> {
            ConfigEntry e = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (e == null || e.value() == null || Long.parseLong(e.value()) < Long.parseLong(wanted)) {
                raise.put(
                        topic,
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, wanted),
                                AlterConfigOp.OpType.SET)));
                log.info(
                        "Kafka topic {} takes records of at most {} bytes; raising max.message.bytes to {}",
                        topic.name(),
                        e == null ? "?" : e.value(),
                        wanted);
            }
        });
        if (!raise.isEmpty()) {
            admin.incrementalAlterConfigs(raise).all().get(30, TimeUnit.SECONDS);
        }
    }
}
