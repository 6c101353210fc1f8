package io.omnihub.hub.messaging;

import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.SyncCommand;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.JmsUtils;
import org.springframework.stereotype.Component;

/**
 * Puts a batch of sync commands on their instances' queues in one JMS transaction: a ledger
 * batch can change thousands of channel targets at once, and one journal write for all of them
 * instead of one each is the difference between milliseconds and seconds.
 */
@Component
public class SyncCommandSender {

    private final JmsTemplate jms;

    public SyncCommandSender(JmsTemplate jms) {
        this.jms = new JmsTemplate(jms.getConnectionFactory());
        this.jms.setSessionTransacted(true);
    }

    public void send(List<SyncCommand> commands) {
        if (commands.isEmpty()) {
            return;
        }
        jms.execute(
                session -> {
                    Map<String, MessageProducer> producers = new HashMap<>();
                    try {
                        for (SyncCommand c : commands) {
                            MessageProducer producer = producers.computeIfAbsent(c.channelId(), id -> {
                                try {
                                    return session.createProducer(session.createQueue(SyncQueues.queue(id)));
                                } catch (JMSException e) {
                                    throw JmsUtils.convertJmsAccessException(e);
                                }
                            });
                            TextMessage m = session.createTextMessage(HubJson.write(c));
                            m.setStringProperty(SyncQueues.CONFLATION_KEY, c.conflationKey());
                            producer.send(m, DeliveryMode.PERSISTENT, SyncQueues.priority(c), 0);
                        }
                        JmsUtils.commitIfNecessary(session);
                    } finally {
                        producers.values().forEach(JmsUtils::closeMessageProducer);
                    }
                    return null;
                },
                true);
    }
}
