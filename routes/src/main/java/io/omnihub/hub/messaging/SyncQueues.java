package io.omnihub.hub.messaging;

import io.omnihub.mappings.model.SyncCommand;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The outbound command queues, {@code sync.<instance>}: last-value
 * queues keyed by the message property {@value #CONFLATION_KEY} (kind:channelSku), so a burst
 * of changes for one SKU collapses to the latest. Artemis puts the newer value at the tail and
 * drops the older, so a key sent again and again would keep going to the back: the hub sends a
 * stock command only when none waits for the channel SKU ({@code channel_stock.queued_priority}),
 * and the queue is the safety net for the rest. Transient failures are redelivered with
 * exponential backoff (1 s doubling to 60 s, 10 attempts: about 4 minutes of outage), and after
 * the last attempt a command lands in {@code DLQ.sync.<instance>}, where the hub also puts the
 * commands a platform refused for good, with the reason. These settings are the broker's: the
 * embedded default applies them to its embedded broker (io.omnihub.local.EmbeddedDefaultConfiguration);
 * an external broker gets them from config/artemis/broker.properties, and the hub checks them at
 * start ({@link BrokerSettingsCheck}).
 */
@Configuration(proxyBeanMethods = false)
public class SyncQueues {

    /** Where a change for the channels enters: the route that turns it into per-instance commands. */
    public static final String SYNC_OUT = "direct:sync-out";

    public static final String ADDRESS_PREFIX = "sync.";
    public static final String CONFLATION_KEY = "conflationKey";

    public static String queue(String instanceId) {
        return ADDRESS_PREFIX + instanceId;
    }

    public static String deadLetterQueue(String instanceId) {
        return "DLQ." + queue(instanceId);
    }

    /** The JMS priority of a command with no urgency of its own (the JMS default). */
    public static final int NORMAL = 4;

    /** Sold out first, then prices a promotion is due to change, then low stock, then the rest: JMS priority, which Artemis delivers highest first. */
    public static int priority(SyncCommand c) {
        return switch (c.reason()) {
            case SyncCommand.SOLD_OUT -> 9;
            case SyncCommand.PROMOTION -> 8;
            case SyncCommand.LOW_STOCK -> 7;
            default -> NORMAL;
        };
    }

    /**
     * The hub's JMS consumers fetch one message at a time (consumer window 0): a message buffered
     * in the client can neither be replaced by a newer value for its key nor overtaken by a more
     * urgent one, so prefetching would undo both the last-value queue and the priorities. Durable
     * sends do not wait for the journal: a command is a doorbell for a target kept in PostgreSQL,
     * and one lost in a crash is sent again by {@code <instance>.stock.resend}.
     */
    @Bean
    static BeanPostProcessor syncCommandsOneAtATime() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                Object target = bean instanceof CachingConnectionFactory c ? c.getTargetConnectionFactory() : bean;
                if (target instanceof ActiveMQConnectionFactory f) {
                    f.setConsumerWindowSize(0);
                    f.setBlockOnDurableSend(false);
                }
                return bean;
            }
        };
    }
}
