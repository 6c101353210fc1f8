package io.omnihub.hub.inbox;

import io.omnihub.hub.kafka.KafkaTopics;
import io.omnihub.hub.inbox.Inbox.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
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
 */
@Component
public class InboxPublisher extends RouteBuilder {

    static final int BATCH = 2000;

    @Override
    public void configure() {
        from("timer:inbox.publish?period=200&delay=2000")
                .routeId("inbox.publish")
                .onException(Exception.class).handled(true)
                    .log("Inbox: publishing failed, will retry: ${exception.message}")
                .end()
                .setProperty("more", constant(true))
                .loopDoWhile(exchangeProperty("more"))
                    .bean("inbox", "unpublished(" + BATCH + ")")
                    .process(e -> e.setProperty("more", e.getMessage().getBody(List.class).size() == BATCH))
                    .filter(simple("${body.size} > 0"))
                        .setProperty("events", body())
                        .process(InboxPublisher::records)
                        .to("kafka:hub.orders") // each record names its own topic
                        .setBody(exchangeProperty("events"))
                        .bean("inbox", "published")
                    .end()
                .end();
    }

    /** Two records per event (one when it has no raw payload of its own), each naming its own topic. */
    static void records(Exchange exchange) {
        List<Exchange> records = new ArrayList<>();
        for (Object o : exchange.getMessage().getBody(List.class)) {
            Event e = (Event) o;
            if (!e.payload().isEmpty()) {
                records.add(record(exchange, KafkaTopics.raw(e.channelId()), e.messageKey(), e.payload()));
            }
            records.add(record(exchange, "hub." + e.kind(), e.messageKey(), e.canonical()));
        }
        exchange.getMessage().setBody(records);
    }

    private static Exchange record(Exchange parent, String topic, String key, String value) {
        Exchange record = new DefaultExchange(parent.getContext());
        record.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, topic);
        record.getMessage().setHeader(KafkaConstants.KEY, key);
        record.getMessage().setBody(value);
        return record;
    }
}
