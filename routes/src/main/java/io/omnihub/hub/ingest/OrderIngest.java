package io.omnihub.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.orders.OrderStore;
import io.omnihub.mappings.model.Order;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Pulling a channel's orders by modified-time window, as steps a route calls in order: which window
 * is next, what the platform has in it, each order mapped and stored, and the window completed.
 * The watermark moves only when {@link #completed} is called, after every order of the window is
 * stored and published, and each window starts {@code overlap} before the last one ended.
 */
@Service
public class OrderIngest {

    public static final String STREAM = "orders";

    /** A window of modified times to pull for one instance. */
    public record PullWindow(String instanceId, Instant from, Instant to) {
    }

    /** An order as the platform sent it, keyed by its platform id. */
    public record RawOrder(String instanceId, String channelOrderId, String payload) {
    }

    private final OrderChannels channels;
    private final Watermarks watermarks;
    private final OrderStore orders;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public OrderIngest(OrderChannels channels, Watermarks watermarks, OrderStore orders, DeadLetters deadLetters,
                       Clock clock) {
        this.channels = channels;
        this.watermarks = watermarks;
        this.orders = orders;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** The next window to pull, or null when the last one reached the present. */
    public PullWindow nextWindow(String instanceId) {
        OrderChannel channel = channel(instanceId);
        var pull = channel.config().getPull();
        Instant now = clock.instant().minus(pull.getSettle());
        Instant from = watermarks.get(instanceId, STREAM)
                .map(w -> w.minus(pull.getOverlap()))
                .orElse(now.minus(pull.getInitialLookback()));
        Duration longest = min(pull.getWindow(), channel.feed().maxWindow());
        Instant to = min(from.plus(longest), now);
        return to.isAfter(from) ? new PullWindow(instanceId, from, to) : null;
    }

    public List<RawOrder> pull(PullWindow window) {
        OrderChannel channel = channel(window.instanceId());
        List<JsonNode> found = channel.feed().modifiedBetween(window.from(), window.to());
        return found.stream()
                .map(o -> new RawOrder(window.instanceId(), channel.feed().orderId(o), o.toString()))
                .toList();
    }

    /** The canonical order, or null when the raw order cannot be mapped; it is then parked with the reason. */
    public Order toCanonical(RawOrder raw) {
        try {
            JsonNode json = io.omnihub.mappings.HubJson.mapper().readTree(raw.payload());
            return channel(raw.instanceId()).mapper().apply(json);
        } catch (Exception e) {
            deadLetters.park(raw.instanceId(), STREAM, raw.channelOrderId(), "cannot map order: " + e.getMessage(),
                    raw.payload());
            return null;
        }
    }

    /** Stores the order; the version to publish, or null when this change is on hub.orders already. */
    public Long store(Order order) {
        return orders.save(order).orElse(null);
    }

    public void published(Order order, long version) {
        orders.published(order, version);
    }

    public void completed(PullWindow window, int received) {
        watermarks.advance(window.instanceId(), STREAM, window.from(), window.to(), received);
    }

    private OrderChannel channel(String instanceId) {
        return channels.get(instanceId)
                .orElseThrow(() -> new IllegalArgumentException("no order channel " + instanceId));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    Optional<Instant> watermark(String instanceId) {
        return watermarks.get(instanceId, STREAM);
    }
}
