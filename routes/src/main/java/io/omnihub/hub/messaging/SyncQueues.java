package io.omnihub.hub.messaging;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker's outbound command queues, {@code sync.<instance>}: last-value
 * queues keyed by the message property {@value #CONFLATION_KEY} (kind:channelSku), so a burst
 * of changes for one SKU collapses to the latest; transient failures are redelivered with
 * exponential backoff, and after the last attempt a command lands in {@code DLQ.sync.<instance>}.
 */
@Configuration(proxyBeanMethods = false)
public class SyncQueues {

    public static final String ADDRESS_PREFIX = "sync.";
    public static final String CONFLATION_KEY = "conflationKey";

    public static String queue(String instanceId) {
        return ADDRESS_PREFIX + instanceId;
    }

    @Bean
    ArtemisConfigurationCustomizer syncQueueSettings() {
        return config -> config.addAddressSetting(ADDRESS_PREFIX + "#", new AddressSettings()
                .setDefaultLastValueQueue(true)
                .setDefaultLastValueKey(SimpleString.of(CONFLATION_KEY))
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setMaxDeliveryAttempts(10)
                .setDeadLetterAddress(SimpleString.of("DLA.sync"))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of("DLQ.")));
    }
}
