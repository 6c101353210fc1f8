package io.omnihub.hub.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.ingest.OrderChannels;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * At start, before any route consumes, asks the Artemis broker (its management address) for the
 * settings of every shop's {@code sync.<instance>} and dead-letter queue, and refuses to start,
 * naming each setting, when they would lose a guarantee ({@link SyncQueueGuarantees}). The broker
 * owns redelivery, so a broker without these settings would silently lose or loop pushes. Needs the
 * hub's broker user to have the {@code manage} permission (the Artemis image's user has it).
 */
@Component
@ConditionalOnProperty(name = "hub.messaging.check-broker-settings", havingValue = "true", matchIfMissing = true)
public class BrokerSettingsCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BrokerSettingsCheck.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long ANSWER_MILLIS = 10_000;

    private final ConnectionFactory connections;
    private final OrderChannels channels;

    public BrokerSettingsCheck(ConnectionFactory connections, OrderChannels channels) {
        this.connections = connections;
        this.channels = channels;
    }

    /** After every singleton exists, so an embedded broker is up; before Camel starts its routes. */
    @Override
    public void afterSingletonsInstantiated() {
        List<String> instances =
                channels.all().stream().map(OrderChannel::instanceId).toList();
        List<String> problems = problems(connections, instances);
        if (!problems.isEmpty()) {
            throw new BrokerSettingsException(problems);
        }
        log.info("Broker settings hold for the sync queues of {} shop(s)", instances.size());
    }

    /** What the broker behind {@code connections} lacks for these shops' sync queues; empty if nothing. */
    public static List<String> problems(ConnectionFactory connections, Collection<String> instanceIds) {
        ObjectMapper json = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        try (Connection connection = connections.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                Management broker = new Management(session);
                for (String id : instanceIds) {
                    String address = SyncQueues.queue(id);
                    JsonNode settings = json.readTree(
                            String.valueOf(broker.invoke(ResourceNames.BROKER, "getAddressSettingsAsJSON", address)));
                    SyncQueueGuarantees.ExistingQueue queue = null;
                    if (broker.exists(ResourceNames.QUEUE + address, "name")) {
                        queue = new SyncQueueGuarantees.ExistingQueue(
                                Boolean.TRUE.equals(broker.attribute(ResourceNames.QUEUE + address, "lastValue")),
                                String.valueOf(broker.attribute(ResourceNames.QUEUE + address, "lastValueKey")));
                    }
                    String dla = settings.path("deadLetterAddress").asText("");
                    int dlq = 0;
                    if (!dla.isEmpty() && broker.exists(ResourceNames.ADDRESS + dla, "address")) {
                        Object names = broker.attribute(ResourceNames.ADDRESS + dla, "queueNames");
                        dlq = names instanceof Object[] a ? a.length : 0;
                    }
                    problems.addAll(SyncQueueGuarantees.problems(address, settings, queue, dlq));
                }
            }
        } catch (Exception e) {
            problems.add("cannot read the broker's settings for the sync queues (" + e.getMessage() + "): the hub's"
                    + " Artemis user needs the manage permission on " + MANAGEMENT_ADDRESS);
        }
        return problems;
    }

    /** Artemis management over JMS: a request to the management address, the answer on a temporary queue. */
    private static final class Management {
        private final Session session;
        private final MessageProducer requests;
        private final TemporaryQueue replies;
        private final MessageConsumer answers;

        Management(Session session) throws JMSException {
            this.session = session;
            this.requests = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
            this.replies = session.createTemporaryQueue();
            this.answers = session.createConsumer(replies);
        }

        Object invoke(String resource, String operation, Object... args) throws Exception {
            Message m = session.createMessage();
            JMSManagementHelper.putOperationInvocation(m, resource, operation, args);
            return answer(m, resource + "." + operation);
        }

        Object attribute(String resource, String name) throws Exception {
            Message m = session.createMessage();
            JMSManagementHelper.putAttribute(m, resource, name);
            return answer(m, resource + "." + name);
        }

        /** A resource the broker does not have answers with a failure naming it. */
        boolean exists(String resource, String attributeItHas) throws Exception {
            Message m = session.createMessage();
            JMSManagementHelper.putAttribute(m, resource, attributeItHas);
            return JMSManagementHelper.hasOperationSucceeded(send(m, resource));
        }

        private Object answer(Message request, String what) throws Exception {
            Message reply = send(request, what);
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException(what + " refused: " + JMSManagementHelper.getResult(reply));
            }
            return JMSManagementHelper.getResult(reply);
        }

        private Message send(Message request, String what) throws JMSException {
            request.setJMSReplyTo(replies);
            requests.send(request);
            Message reply = answers.receive(ANSWER_MILLIS);
            if (reply == null) {
                throw new IllegalStateException("no answer to " + what + " within " + ANSWER_MILLIS + " ms");
            }
            return reply;
        }
    }
}
