package io.omnihub.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.orders.OrderStore;
import io.omnihub.hub.orders.OrderStore.Publication;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Order;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Pulling a channel's orders by modified-time window, as steps a route calls in order: which window
 * is next, what the platform has in it, which of those are new, the new ones stored, and the
 * window completed. The watermark moves only in {@link #completed}, after every order of the window
 * is stored and published, and each window starts {@code overlap} before the last one ended.
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

    /**
     * What a pulled window holds that the hub has not got yet: the raw orders to log on
     * hub.raw.&lt;instance&gt; and their canonical forms (fewer when some could not be mapped).
     */
    public record NewOrders(List<RawOrder> raw, List<Order> canonical) {
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

    /**
     * Maps the pulled orders and drops the changes already stored and published (the idempotent
     * key is channel, order id and modified time), so overlapping windows cost a query, not a
     * re-publish. An order that cannot be mapped is parked with the reason; its raw form is still
     * logged.
     */
    public NewOrders newOrders(List<RawOrder> pulled) {
        if (pulled.isEmpty()) {
            return new NewOrders(List.of(), List.of());
        }
        String instanceId = pulled.get(0).instanceId();
        Map<String, Instant> known = orders.publishedChanges(instanceId,
                pulled.stream().map(RawOrder::channelOrderId).distinct().toList());
        List<RawOrder> raw = new ArrayList<>();
        List<Order> canonical = new ArrayList<>();
        for (RawOrder r : pulled) {
            Order order;
            try {
                order = channel(instanceId).mapper().apply(HubJson.mapper().readTree(r.payload()));
            } catch (Exception e) {
                deadLetters.park(instanceId, STREAM, r.channelOrderId(), "cannot map order: " + e.getMessage(),
                        r.payload());
                raw.add(r);
                continue;
            }
            Instant stored = known.get(order.channelOrderId());
            if (stored == null || stored.isBefore(order.modifiedAt())) {
                raw.add(r);
                canonical.add(order);
            }
        }
        return new NewOrders(raw, canonical);
    }

    /** Stores the orders; returns the changes to put on hub.orders. */
    public List<Publication> store(List<Order> canonical) {
        return orders.save(canonical);
    }

    public void published(List<Publication> publications) {
        orders.published(publications);
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
}
