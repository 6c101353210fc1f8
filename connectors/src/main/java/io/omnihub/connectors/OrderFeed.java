package io.omnihub.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A platform's orders by modified time: the part of a connector that ingestion relies on. Each
 * platform pages in its own documented way; callers see one window at a time.
 */
public interface OrderFeed {

    /** The longest window the platform accepts in one query. */
    Duration maxWindow();

    /** A window's orders as the platform sent them, and how many the platform said it holds. */
    record Window(List<JsonNode> orders, long reportedTotal) {}

    /**
     * Every order modified in [from, to], each as the platform sent it; an order changed during
     * the pull may appear twice, never not at all.
     *
     * @throws PlatformException when the platform refuses or cannot be reached
     */
    Window modifiedBetween(Instant from, Instant to);

    /** How many orders the platform holds in [from, to] right now (one one-row page). */
    long count(Instant from, Instant to);

    /** The platform's order id in one of the orders this feed returned. */
    String orderId(JsonNode order);
}
