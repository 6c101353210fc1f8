package io.omnihub.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.CallGuard;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.OrderFeed;
import io.omnihub.mappings.model.Order;
import java.util.function.Function;

/**
 * One platform shop: where its orders come from and how they map, and its listings, which the
 * hub's stock and price pushes change. Both share the instance's call quota.
 */
public record OrderChannel(
        String instanceId,
        ChannelInstance config,
        OrderFeed feed,
        Function<JsonNode, Order> mapper,
        ListingUpdates listings) {

    /**
     * A pulled platform's shop: its signed client built twice on the instance's quota (retrying
     * for the order feed, one attempt for the listings), the feed and the listing updates on them.
     */
    public static <C> OrderChannel of(
            String instanceId,
            ChannelInstance config,
            Function<CallGuard, C> client,
            Function<C, OrderFeed> feed,
            Function<JsonNode, Order> mapper,
            Function<C, ListingUpdates> listings) {
        // one quota per instance, shared by all of its calls; order pulls retry here (a timer poll has
        // no one else to retry it), listing updates make one attempt, since the broker owns their retries
        CallGuard guard = CallGuard.of(instanceId, config.getQuota().getCallsPerSecond());
        return new OrderChannel(
                instanceId,
                config,
                feed.apply(client.apply(guard)),
                mapper,
                listings.apply(client.apply(guard.singleAttempt())));
    }
}
