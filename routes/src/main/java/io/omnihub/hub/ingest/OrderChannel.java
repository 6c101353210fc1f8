package io.omnihub.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.OrderFeed;
import io.omnihub.hub.config.ChannelInstance;
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
        ListingUpdates listings) {}
