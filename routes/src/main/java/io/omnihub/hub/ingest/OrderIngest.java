package io.omnihub.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnihub.channel.OrderChannel;
import io.omnihub.connectors.OrderFeed;
import io.omnihub.hub.cluster.Leadership;
import io.omnihub.hub.deadletter.DeadLetters;
import io.omnihub.hub.ops.ChannelHealth;
import io.omnihub.hub.orders.OrderStore;
import io.omnihub.hub.orders.OrderStore.Publication;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.model.Order;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(OrderIngest.class);

    /** A window of modified times to pull for one instance. */
    public record PullWindow(String instanceId, Instant from, Instant to) {}

    /** An order as the platform sent it, keyed by its platform id: its text for the raw log, its tree for the mapper. */
    public record RawOrder(String instanceId, String channelOrderId, String payload, JsonNode json) {}

    /** A pulled window: its orders, what the platform said it holds, and how many of those were not seen. */
    public record PulledWindow(PullWindow window, List<RawOrder> orders, long reportedTotal, long gap) {}

    /**
     * What a pulled window holds that the hub has not got yet: the raw orders to log on
     * hub.raw.&lt;instance&gt; and their canonical forms (fewer when some could not be mapped).
     */
    public record NewOrders(List<RawOrder> raw, List<Order> canonical) {}

    private final OrderChannels channels;
    private final Watermarks watermarks;
    private final OrderStore orders;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ChannelHealth health;
    private final InputLimits limits;
    private final Leadership leadership;

    public OrderIngest(
            OrderChannels channels,
            Watermarks watermarks,
            OrderStore orders,
            DeadLetters deadLetters,
            Clock clock,
            MeterRegistry meters,
            ChannelHealth health,
            InputLimits limits,
            Leadership leadership) {
        this.limits = limits;
        this.leadership = leadership;
        this.meters = meters;
        this.health = health;
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
        // platforms keep modified times to the second and a window's end second is included: end the
        // window at the last second that is wholly past, so no change can still join it after the pull
        Instant now = clock.instant()
                .minus(pull.getSettle())
                .truncatedTo(ChronoUnit.SECONDS)
                .minusSeconds(1);
        Instant from = watermarks
                .get(instanceId, STREAM)
                .map(w -> w.minus(pull.getOverlap()))
                .orElse(now.minus(pull.getInitialLookback()));
        Duration longest = min(pull.getWindow(), channel.feed().maxWindow());
        Instant to = min(from.plus(longest), now);
        return to.isAfter(from) ? new PullWindow(instanceId, from, to) : null;
    }

    /**
     * Pulls the window and checks the count. An order changed during the pull leaves the window
     * (its new modified time is past the window's end) and comes with the next one, so fewer
     * distinct orders than the first count is not yet a gap: the window is pulled once more, and
     * then counted again. Orders cannot enter a window whose end has passed, so that last count is
     * a floor: whatever it exceeds the distinct orders seen by is a real gap, counted and logged.
     */
    public PulledWindow pull(PullWindow window) {
        OrderChannel channel = channel(window.instanceId());
        OrderFeed.Window found = channel.feed().modifiedBetween(window.from(), window.to());
        Map<String, JsonNode> distinct = distinct(channel.feed(), found.orders(), new LinkedHashMap<>());
        long reported = found.reportedTotal();
        if (distinct.size() < reported) {
            distinct(
                    channel.feed(),
                    channel.feed().modifiedBetween(window.from(), window.to()).orders(),
                    distinct);
            reported = channel.feed().count(window.from(), window.to());
        }
        long gap = Math.max(0, reported - distinct.size());
        if (gap > 0) {
            log.warn(
                    "{}: window {} .. {} holds {} orders but {} arrived",
                    window.instanceId(),
                    window.from(),
                    window.to(),
                    reported,
                    distinct.size());
            meters.counter("hub.ingest.window.gap", "instance", window.instanceId())
                    .increment(gap);
        }
        List<RawOrder> raw = distinct.entrySet().stream()
                .map(e -> new RawOrder(
                        window.instanceId(), e.getKey(), e.getValue().toString(), e.getValue()))
                .toList();
        meters.counter("hub.ingest.orders.pulled", "instance", window.instanceId())
                .increment(raw.size());
        return new PulledWindow(window, raw, reported, gap);
    }

    /** One entry per order id; of two copies of an order, the one seen last (read later) wins. */
    private static Map<String, JsonNode> distinct(OrderFeed feed, List<JsonNode> orders, Map<String, JsonNode> into) {
        orders.forEach(o -> into.put(feed.orderId(o), o));
        return into;
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
        Map<String, Instant> known = orders.publishedChanges(
                instanceId,
                pulled.stream().map(RawOrder::channelOrderId).distinct().toList());
        List<RawOrder> raw = new ArrayList<>();
        List<Order> canonical = new ArrayList<>();
        List<RawOrder> sameSecond = new ArrayList<>();
        List<Order> sameSecondOrders = new ArrayList<>();
        for (RawOrder r : pulled) {
            Order order;
            try {
                order = limits.parkLinesOutOfBounds(channel(instanceId).mapper().apply(r.json()));
            } catch (Exception e) {
                deadLetters.park(
                        instanceId, STREAM, r.channelOrderId(), "cannot map order: " + e.getMessage(), r.payload());
                raw.add(r);
                continue;
            }
            Instant stored = known.get(order.channelOrderId());
            if (stored == null || stored.isBefore(order.modifiedAt())) {
                raw.add(r);
                canonical.add(order);
            } else if (stored.equals(order.modifiedAt())) {
                sameSecond.add(r);
                sameSecondOrders.add(order);
            }
        }
        // platforms keep modified times to the second: a second change within the same second
        // is told apart from a replay by its content
        Map<String, Order> published = orders.published(
                instanceId, sameSecondOrders.stream().map(Order::channelOrderId).toList());
        for (int i = 0; i < sameSecond.size(); i++) {
            if (!sameSecondOrders
                    .get(i)
                    .equals(published.get(sameSecondOrders.get(i).channelOrderId()))) {
                raw.add(sameSecond.get(i));
                canonical.add(sameSecondOrders.get(i));
            }
        }
        for (Order order : canonical) {
            long parked = order.lines().stream().filter(l -> l.isParked()).count();
            if (parked > 0) {
                // a channel SKU missing from the code table, or a line out of bounds: kept, parked, and counted
                meters.counter("hub.mapping.drift", "instance", instanceId).increment(parked);
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

    public void completed(PulledWindow pulled) {
        PullWindow w = pulled.window();
        long epoch = leadership.epoch(w.instanceId()).orElseThrow(() -> new LeadershipLostException(w.instanceId(), 0));
        watermarks.advance(
                w.instanceId(),
                STREAM,
                epoch,
                w.from(),
                w.to(),
                pulled.orders().size(),
                pulled.reportedTotal(),
                pulled.gap());
        health.pulled(w.instanceId());
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
