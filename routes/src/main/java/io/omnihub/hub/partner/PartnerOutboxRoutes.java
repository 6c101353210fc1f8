package io.omnihub.hub.partner;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes accepted partner events: the raw payload to {@code hub.raw.<instance>}, the canonical
 * event to {@code hub.orders}, {@code hub.stock} or {@code hub.members}. The webhook hands each
 * event to {@code direct:partner.publish} right after its 202; the {@code partner.outbox} route
 * picks up whatever that could not publish (Kafka down) every 5 seconds.
 */
@Component
public class PartnerOutboxRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:partner.outbox?period=5000&delay=5000")
                .routeId("partner.outbox")
                .onException(Exception.class).handled(true)
                    .log("Partner outbox: publishing failed, will retry: ${exception.message}")
                .end()
                .bean("partnerInbox", "unpublished(500)")
                .filter(simple("${body.size} > 0"))
                    .to("direct:partner.publish");

        from("direct:partner.publish")
                .routeId("partner.publish")
                .setProperty("events", body())
                .split(simple("${body}")).stopOnException()
                    .setProperty("event", body())
                    .setBody(simple("${body.payload}"))
                    .setHeader("kafka.KEY", simple("${exchangeProperty.event.messageKey}"))
                    .toD("kafka:hub.raw.${exchangeProperty.event.channelId}")
                    .setBody(simple("${exchangeProperty.event.canonical}"))
                    .toD("kafka:hub.${exchangeProperty.event.kind}")
                .end()
                .setBody(exchangeProperty("events"))
                .bean("partnerInbox", "published");
    }

}
