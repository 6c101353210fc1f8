package io.omnihub.hub.ingest;

import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.ingest.OrderIngest.RawOrder;
import io.omnihub.hub.kafka.KafkaRecords;
import io.omnihub.hub.routing.ErrorPolicies;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Pulls each platform channel instance's orders: one route per instance, from the
 * {@code orders-pull} template, with route id {@code <instance>.orders.pull} so an operator can
 * stop one shop in Hawtio. Per window: the new raw orders go to {@code hub.raw.<instance>} (the
 * replayable audit log), their canonical forms are stored and put on {@code hub.orders}, and only
 * then does the window complete and the watermark move. Any failure leaves the watermark where it
 * was, so the next tick pulls the same window again.
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
                .from("master:{{instanceId}}:timer:{{instanceId}}.orders.pull?period={{intervalMs}}&delay=1000")
                .routeConfigurationId(ErrorPolicies.POLL)
                // a failed window is logged once and pulled again on the next tick; refused
                // credentials stop this instance's route instead (ChannelSwitch)
                .onException(Exception.class)
                .handled(true)
                .bean("channelSwitch", "failed('{{instanceId}}', '{{instanceId}}.orders.pull', ${exception})")
                .end()
                .setBody(constant("{{instanceId}}"))
                .bean("orderIngest", "nextWindow")
                .filter(body().isNotNull())
                .bean("orderIngest", "pull")
                .setProperty("pulled", body())
                .setBody(simple("${body.orders}"))
                .bean("orderIngest", "newOrders")
                .setProperty("canonical", simple("${body.canonical}"))
                .setBody(simple("${body.raw}"))
                .filter(simple("${body.size} > 0"))
                .process(KafkaRecords.of(RawOrder.class, RawOrder::channelOrderId, RawOrder::payload))
                .to("kafka:hub.raw.{{instanceId}}")
                .end()
                .setBody(exchangeProperty("canonical"))
                .bean("orderIngest", "store")
                .filter(simple("${body.size} > 0"))
                .setProperty("publications", body())
                .process(OrderPublications.RECORDS)
                .to("kafka:hub.orders")
                .setBody(exchangeProperty("publications"))
                .bean("orderIngest", "published")
                .end()
                .setBody(exchangeProperty("pulled"))
                .bean("orderIngest", "completed")
                .end();

        for (OrderChannel channel : channels.all()) {
            templatedRoute("orders-pull")
                    .routeId(channel.instanceId() + ".orders.pull")
                    .group(channel.instanceId()) // one shop's routes together in Hawtio
                    .parameter("instanceId", channel.instanceId())
                    .parameter(
                            "intervalMs",
                            Long.toString(
                                    channel.config().getPull().getInterval().toMillis()));
        }
    }
}
