package io.omnihub.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.OrderFeed;
import io.omnihub.hub.config.ChannelInstance;
import io.omnihub.mappings.model.Order;
import java.util.function.Function;

/** One channel instance's order ingestion: where its orders come from and how they map. */
public record OrderChannel(String instanceId, ChannelInstance config, OrderFeed feed, Function<JsonNode, Order> mapper) {
}
