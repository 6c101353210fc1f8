package io.omnihub.hub.pricing;

import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.hub.routing.ErrorPolicies;
import java.time.Instant;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code pricing.schedule}: every {@code hub.pricing.schedule-every} (1 s), starts the promotions
 * whose start has come and ends those whose end has, and sends the channel prices that changed
 * to the sync queues. A promotion whose start passed while the hub was down starts on the first
 * tick after it is back.
 */
@Component
public class PricingRoutes extends RouteBuilder {

    private final Promotions promotions;
    private final long everyMillis;

    public PricingRoutes(Promotions promotions, HubProperties hub) {
        this.promotions = promotions;
        this.everyMillis = hub.getPricing().getScheduleEvery().toMillis();
    }

    @Override
    public void configure() {
        from("master:hub.pricing:timer:pricing-schedule?period=" + everyMillis)
                .routeId("pricing.schedule")
                .routeConfigurationId(ErrorPolicies.POLL)
                .process(e -> e.getMessage().setBody(promotions.tick(Instant.now())))
                .filter(simple("${body.size()} > 0"))
                .to(SyncQueues.SYNC_OUT);
    }
}
