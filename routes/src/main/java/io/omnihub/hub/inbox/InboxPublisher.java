package io.omnihub.hub.inbox;

import io.omnihub.hub.inbox.Inbox.Event;
import io.omnihub.hub.kafka.KafkaTopics;
import io.omnihub.hub.kafka.RecordRefusals;
import io.omnihub.hub.routing.ErrorPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Publishes the inbox (webhook events, POS rows) a batch at a time: the raw payload to
 * {@code hub.raw.<instance>} and the canonical event to {@code hub.orders}, {@code hub.stock} or
 * {@code hub.members}, all records of a batch sent together and acknowledged together, and batch
 * after batch while the inbox is full (a large POS file). A webhook is answered 202 once its event
 * is committed to PostgreSQL, so a slow or absent Kafka never holds a partner up; this route
 * catches up when it is back.
 *
 * <p>No event can become a poison record: one that Kafka refuses for what it is (over
 * {@code hub.kafka.max-record-bytes}, not serializable) is found by halving the batch, parked in
 * {@code dead_letter} with Kafka's reason, and the events around it are published. A failure of
 * the moment (broker away) fails the batch, which is tried again from the first unpublished event.
 */
@Component
public class InboxPublisher extends RouteBuilder {

    static final int BATCH = 2000;
    /** Each record names its own topic; this one is only the endpoint's. */
    private static final String KAFKA = "kafka:hub.orders";

    private final Inbox inbox;
    private ProducerTemplate kafka;

    public InboxPublisher(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void configure() {
        kafka = getContext().createProducerTemplate();
        from("master:hub.inbox:timer:inbox.publish?period=200&delay=2000")
                .routeId("inbox.publish")
                .routeConfigurationId(ErrorPolicies.POLL)
                .setProperty("more", constant(true))
                .loopDoWhile(exchangeProperty("more"))
                .bean("inbox", "unpublished(" + BATCH + ")")
                .process(e ->
                        e.setProperty("more", e.getMessage().getBody(List.class).size() == BATCH))
                .filter(simple("${body.size} > 0"))
                .process(e -> publish(castEvents(e.getMessage().getBody(List.class))))
                .end()
                .end();
    }

    /**
     * Sends the events' records as one batch and marks them published. When Kafka refuses a record
     * for what it is, each half is sent on its own, down to the one event at fault, which is parked:
     * one bad event costs about 2 log2(batch) sends, and the events of a half sent again may reach
     * Kafka twice (its readers take a record seen before as a replay).
     */
    private void publish(List<Event> events) throws Exception {
        Exchange sent = kafka.send(KAFKA, x -> x.getMessage().setBody(records(x.getContext(), events)));
        Exception failure = sent.getException();
        if (failure == null) {
            inbox.published(events);
            return;
        }
        Optional<String> refused = RecordRefusals.reason(failure);
        if (refused.isEmpty()) {
            throw failure;
        }
        if (events.size() == 1) {
            Event e = events.get(0);
            inbox.parked(e, "Kafka refuses the event for hub." + e.kind() + ": " + refused.get());
            return;
        }
        int half = events.size() / 2;
        publish(events.subList(0, half));
        publish(events.subList(half, events.size()));
    }

    @SuppressWarnings("unchecked")
    private static List<Event> castEvents(List<?> body) {
        return (List<Event>) body;
    }

    /** Two records per event (one when it has no raw payload of its own), each naming its own topic. */
    static List<Exchange> records(CamelContext context, List<Event> events) {
        List<Exchange> records = new ArrayList<>();
        for (Event e : events) {
            if (!e.payload().isEmpty()) {
                records.add(record(context, KafkaTopics.raw(e.channelId()), e.messageKey(), e.payload()));
            }
            records.add(record(context, "hub." + e.kind(), e.messageKey(), e.canonical()));
        }
        return records;
    }

    private static Exchange record(CamelContext context, String topic, String key, String value) {
        Exchange record = new DefaultExchange(context);
        record.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, topic);
        record.getMessage().setHeader(KafkaConstants.KEY, key);
        record.getMessage().setBody(value);
        return record;
    }
}
