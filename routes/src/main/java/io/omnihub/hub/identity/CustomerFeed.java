package io.omnihub.hub.identity;

import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Customer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Golden records to {@code hub.customers}, sent by the resolver once its batch has committed and
 * acknowledged by Kafka before the next batch: the identity log entry is the durable record of
 * what changed, so they need no inbox of their own (putting 100,000 golden records in one and
 * relaying them took a third of the resolver's time, issue 17). {@code identity_published} keeps
 * the last entry whose golden records Kafka acknowledged; whatever lies after it (a hub killed
 * between commit and acknowledgement, Kafka away) is sent again, as the records are now, before
 * the next batch's or by {@link IdentityRoutes}' check. At least once, like every hub topic: a
 * reader keeps the latest record of a customer id.
 *
 * <p>The producer takes the settings of Camel's Kafka component ({@code camel.component.kafka.*},
 * the record limits of {@code KafkaLimits}), so it reaches the broker the routes reach.
 */
@Component
public class CustomerFeed implements DisposableBean {

    static final String TOPIC = "hub.customers";
    private static final Logger log = LoggerFactory.getLogger(CustomerFeed.class);

    private final CamelContext camel;
    private final JdbcClient jdbc;
    private final DeadLetters deadLetters;
    private final TransactionTemplate own;
    private KafkaProducer<String, String> producer;
    /** The last entry whose golden records Kafka acknowledged; -1 until read. */
    private long acked = -1;

    public CustomerFeed(CamelContext camel, JdbcClient jdbc, DeadLetters deadLetters, PlatformTransactionManager tx) {
        this.camel = camel;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        // after the batch's commit its connection is still bound: a write of ours needs a transaction of its own
        this.own = new TransactionTemplate(tx);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Sends the golden records of log entry {@code seq}, just committed, after those of any earlier
     * entry not acknowledged yet ({@code unsent}). Called with the graph held, so in log order.
     */
    synchronized void committed(long seq, Map<String, Customer> records, Unsent unsent) {
        try {
            long from = acked();
            if (from >= seq) {
                return;
            }
            if (from < seq - 1) {
                send(unsent.between(from, seq - 1).values());
            }
            send(records.values());
            ack(seq);
        } catch (RuntimeException e) {
            log.warn("hub.customers: golden records of identity log entries after {} not acknowledged, sent again "
                    + "later: {}", acked, e.toString());
        }
    }

    /** Sends what is not acknowledged up to entry {@code seq}, the last one; with the graph held. */
    synchronized void catchUp(long seq, Unsent unsent) {
        long from = acked();
        if (from < seq) {
            log.info("hub.customers: sending the golden records of identity log entries {} to {} again", from + 1, seq);
            send(unsent.between(from, seq).values());
            ack(seq);
        }
    }

    /** The golden records entries after {@code after} up to {@code upTo} changed. */
    @FunctionalInterface
    interface Unsent {
        Map<String, Customer> between(long after, long upTo);
    }

    private long acked() {
        if (acked < 0) {
            acked = jdbc.sql("SELECT seq FROM identity_published").query(Long.class).single();
        }
        return acked;
    }

    private void ack(long seq) {
        own.executeWithoutResult(x -> jdbc.sql("UPDATE identity_published SET seq = :s WHERE seq < :s").param("s", seq)
                .update());
        acked = seq;
    }

    /** Sends and waits for each acknowledgement; a record Kafka refuses for its size is parked, not retried. */
    private void send(Collection<Customer> customers) {
        if (customers.isEmpty()) {
            return;
        }
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(customers.size());
        List<ProducerRecord<String, String>> records = new ArrayList<>(customers.size());
        for (Customer c : customers) {
            ProducerRecord<String, String> r = new ProducerRecord<>(TOPIC, c.customerId(), HubJson.write(c));
            records.add(r);
            sent.add(p.send(r));
        }
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(2, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RecordTooLargeException) {
                    int at = i;
                    own.executeWithoutResult(x -> deadLetters.park("identity", "customers", records.get(at).key(),
                            "Kafka refuses the golden record for " + TOPIC + ": " + e.getCause().getMessage(),
                            records.get(at).value()));
                } else {
                    throw new IllegalStateException(TOPIC + ": " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException(TOPIC + ": no acknowledgement in 2 minutes", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(TOPIC + ": interrupted", e);
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            KafkaComponent kafka = camel.getComponent("kafka", KafkaComponent.class);
            Properties props = kafka.getConfiguration().createProducerProperties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getConfiguration().getBrokers());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "hub-customers");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
