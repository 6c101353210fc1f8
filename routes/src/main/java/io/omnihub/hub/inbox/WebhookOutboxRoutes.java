package io.omnihub.hub.inbox;

import io.omnihub.hub.kafka.KafkaTopics;
import io.omnihub.hub.inbox.WebhookInbox.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Publishes accepted webhook events (partners, WeCom) from the inbox, a batch at a time: the raw payload to
 * {@code hub.raw.<instance>} and the canonical event to {@code hub.orders}, {@code hub.stock} or
 * {@code hub.members}, all records of a batch sent together and acknowledged together. The webhook
 * answers 202 once the event is committed to PostgreSQL, so a slow or absent Kafka never holds a
 * partner up; this route catches up when it is back.
 */
@Component
public class WebhookOutboxRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:webhook.outbox?period=200&delay=2000")
                .routeId("webhook.outbox")
                .onException(Exception.class).handled(true)
                    .log("Partner outbox: publishing failed, will retry: ${exception.message}")
                .end()
                .bean("webhookInbox", "unpublished(1000)")
                .filter(simple("${body.size} > 0"))
                    .setProperty("events", body())
                    .process(WebhookOutboxRoutes::records)
                    .to("kafka:hub.orders") // each record names its own topic
                    .setBody(exchangeProperty("events"))
                    .bean("webhookInbox", "published");
    }

    /** Two records per event, each naming its own topic. */
    static void records(Exchange exchange) {
        List<Exchange> records = new ArrayList<>();
        for (Object o : exchange.getMessage().getBody(List.class)) {
            Event e = (Event) o;
            records.add(record(exchange, KafkaTopics.raw(e.channelId()), e.messageKey(), e.payload()));
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
