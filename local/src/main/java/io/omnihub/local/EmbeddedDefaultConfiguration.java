package io.omnihub.local;

import static io.omnihub.hub.messaging.SyncQueues.ADDRESS_PREFIX;
import static io.omnihub.hub.messaging.SyncQueues.CONFLATION_KEY;
import static io.omnihub.hub.messaging.SyncQueues.deadLetterQueue;
import static io.omnihub.hub.messaging.SyncQueues.queue;

import io.omnihub.hub.config.HubProperties;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The beans only the embedded default has: the embedded Artemis broker's settings for the
 * {@code sync.<instance>} queues (see {@link io.omnihub.hub.messaging.SyncQueues}) and the
 * sandbox's opening stock. Listed in META-INF/spring/...AutoConfiguration.imports, since the hub's
 * component scan covers io.omnihub.hub only.
 */
@AutoConfiguration
@Import(SandboxOpeningStock.class)
public class EmbeddedDefaultConfiguration {

    /** Used by Spring Boot only when it starts the embedded broker (spring.artemis.mode=embedded). */
    @Bean
    ArtemisConfigurationCustomizer syncQueueSettings(HubProperties hub) {
        return config -> {
            config.addAddressSetting(ADDRESS_PREFIX + "#", settings("DLQ.sync"));
            hub.getChannels().keySet().forEach(id -> {
                config.addAddressSetting(queue(id), settings(deadLetterQueue(id)));
                config.addQueueConfiguration(QueueConfiguration.of(deadLetterQueue(id))
                        .setAddress(deadLetterQueue(id))
                        .setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true));
            });
            config.addQueueConfiguration(QueueConfiguration.of("DLQ.sync")
                    .setAddress("DLQ.sync")
                    .setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        };
    }

    /**
     * The settings of a sync address whose dead letters go to {@code deadLetterAddress}; an external
     * broker gets the same from {@code config/artemis/broker.properties} (ShippedBrokerSettingsTest).
     */
    public static AddressSettings settings(String deadLetterAddress) {
        return new AddressSettings()
                .setDefaultLastValueQueue(true)
                .setDefaultLastValueKey(SimpleString.of(CONFLATION_KEY))
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setMaxDeliveryAttempts(10)
                .setDeadLetterAddress(SimpleString.of(deadLetterAddress));
    }
}
