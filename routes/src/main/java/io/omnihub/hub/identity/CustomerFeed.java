package io.omnihub.hub.identity;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.kafka.RecordRefusals;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Customer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * Golden records to {@code hub.customers}, handed over by the resolver once its batch has
 * committed and sent by a thread of their own, so the next batch need not wait for Kafka's
 * acknowledgement: the identity log entry is the durable record of
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
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(16);
    private final Timer sendTimer;
    private KafkaProducer<String, String> producer;
    private Thread thread;
    private volatile boolean stopping;
    /** Records were dropped or not acknowledged: the next batch sends from the log first. */
    private volatile boolean dropped;
    /** The last entry whose golden records Kafka acknowledged; -1 until read. Only the feed's thread writes it. */
    private volatile long acked = -1;

    public CustomerFeed(
            CamelContext camel,
            JdbcClient jdbc,
            DeadLetters deadLetters,
            PlatformTransactionManager tx,
            MeterRegistry meters) {
        this.camel = camel;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        // after the batch's commit its connection is still bound: a write of ours needs a transaction of its own
        this.own = new TransactionTemplate(tx);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sendTimer = Timer.builder("hub.identity.customers.send")
                .description("time to send one batch's golden records to hub.customers and have them acknowledged")
                .register(meters);
        Gauge.builder("hub.identity.customers.queued", queue, BlockingQueue::size)
                .description("batches whose golden records wait for the feed's thread")
                .register(meters);
    }

    /**
     * The golden records of log entry {@code seq}, just committed, for the feed's thread to send
     * (after those of any earlier entry not acknowledged yet). Never waits: with the feed 16
     * entries behind, the records are dropped here and sent again from the log.
     */
    void committed(long seq, Map<String, Customer> records, Unsent unsent) {
        start();
        if (!queue.offer(new Batch(seq, records, unsent))) {
            dropped = true;
        }
    }

    /** Asks the feed's thread to send whatever is not acknowledged (after a crash, or while Kafka was away). */
    void check(Unsent unsent) {
        start();
        queue.offer(new Batch(-1, Map.of(), unsent));
    }

    /** The golden records the log entries after {@code after} changed, up to the last entry ({@code upTo}), read with the graph held. */
    @FunctionalInterface
    interface Unsent {
        Resend since(long after);
    }

    record Resend(long upTo, Map<String, Customer> records) {}

    private record Batch(long seq, Map<String, Customer> records, Unsent unsent) {}

    private synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "hub-customers-feed");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** One sender, so records go out in log order; a resend reads the records as they are now. */
    private void run() {
        while (!stopping) {
            try {
                Batch b = queue.poll(1, TimeUnit.SECONDS);
                if (b != null) {
                    handle(b);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn(
                        "hub.customers: golden records of identity log entries after {} not acknowledged, sent again "
                                + "later: {}",
                        acked,
                        e.toString());
                dropped = true;
            }
        }
    }

    private void handle(Batch b) {
        long from = acked();
        if (b.seq() >= 0 && b.seq() <= from) {
            return;
        }
        if (b.seq() < 0 || b.seq() > from + 1 || dropped) {
            dropped = false;
            Resend r = b.unsent().since(from);
            if (r.upTo() > from) {
                if (b.seq() < 0) {
                    log.info(
                            "hub.customers: sending the golden records of identity log entries {} to {} again",
                            from + 1,
                            r.upTo());
                }
                send(r.records().values());
                ack(r.upTo());
            }
            if (b.seq() <= r.upTo()) { // a check, or records older than what was just sent
                return;
            }
        }
        long t0 = System.nanoTime();
        send(b.records().values());
        ack(b.seq());
        sendTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    private long acked() {
        if (acked < 0) {
            acked = jdbc.sql("SELECT seq FROM identity_published")
                    .query(Long.class)
                    .single();
        }
        return acked;
    }

    private void ack(long seq) {
        own.executeWithoutResult(x -> jdbc.sql("UPDATE identity_published SET seq = :s WHERE seq < :s")
                .param("s", seq)
                .update());
        acked = seq;
    }

    /** Sends and waits for each acknowledgement; a record Kafka refuses for what it is is parked, not retried. */
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
                Optional<String> refused = RecordRefusals.reason(e.getCause());
                if (refused.isPresent()) {
                    int at = i;
                    own.executeWithoutResult(x -> deadLetters.park(
                            "identity",
                            "customers",
                            records.get(at).key(),
                            "Kafka refuses the golden record for " + TOPIC + ": " + refused.get(),
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
            props.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.getConfiguration().getBrokers());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "hub-customers");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(5_000); // what is still queued is sent again from the log at the next start
            t.interrupt();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
