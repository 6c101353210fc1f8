package io.omnihub.hub.ingest;

import io.omnihub.mappings.HubJson;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Pulls each platform channel instance's orders: one route per instance, from the
 * {@code orders-pull} template, with route id {@code <instance>.orders.pull} so an operator can
 * stop one shop in Hawtio. Each raw order goes to {@code hub.raw.<instance>} (the replayable
 * audit log), then is mapped, stored and put on {@code hub.orders}; the window completes last.
 */
@Component
public class OrderPullRoutes extends RouteBuilder {

    private final OrderChannels channels;

    public OrderPullRoutes(OrderChannels channels) {
        this.channels = channels;
    }

    @Override
    public void configure() {
        routeTemplate("orders-pull")
                .templateParameter("instanceId")
                .templateParameter("intervalMs")
                .from("timer:{{instanceId}}.orders.pull?period={{intervalMs}}&delay=1000")
                .setBody(constant("{{instanceId}}"))
                .bean("orderIngest", "nextWindow")
                .filter(body().isNotNull())
                    .setProperty("window", body())
                    .bean("orderIngest", "pull")
                    .setProperty("received", simple("${body.size}"))
                    .split(body()).stopOnException()
                        .setProperty("raw", body())
                        .setHeader(KafkaConstants.KEY, simple("${body.channelOrderId}"))
                        .setBody(simple("${body.payload}"))
                        .to("kafka:hub.raw.{{instanceId}}")
                        .setBody(exchangeProperty("raw"))
                        .bean("orderIngest", "toCanonical")
                        .filter(body().isNotNull())
                            .setProperty("order", body())
                            .bean("orderIngest", "store")
                            .filter(body().isNotNull())
                                .setProperty("version", body())
                                .setBody(exchangeProperty("order"))
                                .setHeader(KafkaConstants.KEY, simple("${body.key}"))
                                .transform().method(HubJson.class, "write")
                                .to("kafka:hub.orders")
                                .bean("orderIngest", "published(${exchangeProperty.order}, ${exchangeProperty.version})")
                            .end()
                        .end()
                    .end()
                    .bean("orderIngest", "completed(${exchangeProperty.window}, ${exchangeProperty.received})")
                .end();

        for (OrderChannel channel : channels.all()) {
            templatedRoute("orders-pull")
                    .routeId(channel.instanceId() + ".orders.pull")
                    .parameter("instanceId", channel.instanceId())
                    .parameter("intervalMs", Long.toString(channel.config().getPull().getInterval().toMillis()));
        }
    }
}
