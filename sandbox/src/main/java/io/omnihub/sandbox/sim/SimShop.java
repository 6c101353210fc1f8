package io.omnihub.sandbox.sim;

import io.omnihub.sandbox.sim.SimOrder.Line;
import io.omnihub.sandbox.sim.SimOrder.SimBuyer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shop on a simulated platform: its app credentials, listed SKUs with stock and price, and
 * its orders. Thread-safe; the platform simulators read it, the control API and seeder write it.
 */
public final class SimShop {

    /** What a shop is set up with: the platform, the app key/secret and the seller's token. */
    public record Config(
            String shopId, String platform, String appKey, String appSecret, String accessToken, int callsPerSecond) {
        @Override
        public String toString() {
            return "SimShop.Config[" + shopId + ", " + platform + ", appKey=" + appKey + "]";
        }
    }

    private final Config config;
    private final Clock clock;
    private final Map<String, SimSku> skus = new ConcurrentHashMap<>();
    private final Map<String, SimOrder> orders = new ConcurrentHashMap<>();
    private final AtomicLong nextOrder;
    private final SimQuota quota;
    private final SimFaults faults = new SimFaults();
    private volatile boolean accessRevoked;

    public SimShop(Config config, Clock clock, long firstOrderNumber) {
        this.config = config;
        this.clock = clock;
        this.nextOrder = new AtomicLong(firstOrderNumber);
        this.quota = new SimQuota(config.callsPerSecond(), clock);
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public SimQuota quota() {
        return quota;
    }

    /** One API call the shop answered: when, which API method, the HTTP status it answered with. */
    public record Call(java.time.Instant at, String api, int status) {}

    private static final int CALLS_KEPT = 2_000;
    private final java.util.concurrent.ConcurrentLinkedDeque<Call> calls =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** The last calls answered, oldest first: lets a test see when a client retried, and how often. */
    public java.util.List<Call> calls() {
        return java.util.List.copyOf(calls);
    }

    void recordCall(String api, int status) {
        calls.addLast(new Call(java.time.Instant.now(), api, status));
        while (calls.size() > CALLS_KEPT) {
            calls.pollFirst();
        }
    }

    public SimFaults faults() {
        return faults;
    }

    public void list(SimSku sku) {
        skus.put(sku.skuId(), sku);
    }

    public Optional<SimSku> sku(String skuId) {
        return Optional.ofNullable(skus.get(skuId));
    }

    /** Finds a SKU by the merchant's own code, as stock updates by outer id do. */
    public Optional<SimSku> skuByOuterId(String outerSkuId) {
        return skus.values().stream()
                .filter(s -> outerSkuId.equals(s.outerSkuId()))
                .findFirst();
    }

    public Collection<SimSku> skus() {
        return List.copyOf(skus.values());
    }

    /** A requested order line: so many units of a SKU. */
    public record Want(String skuId, long quantity) {}

    /**
     * A buyer places an order. Stock is taken as the platform does, all or nothing; empty when a
     * SKU is unknown or sold out.
     */
    public synchronized Optional<SimOrder> placeOrder(SimBuyer buyer, List<Want> wanted, SimStatus status) {
        List<Line> lines = new ArrayList<>();
        List<Want> taken = new ArrayList<>();
        for (Want w : wanted) {
            SimSku sku = skus.get(w.skuId());
            if (sku == null || !sku.take(w.quantity())) {
                taken.forEach(t -> skus.get(t.skuId()).giveBack(t.quantity()));
                return Optional.empty();
            }
            taken.add(w);
        }
        String orderId = Long.toString(nextOrder.getAndIncrement());
        int n = 1;
        for (Want w : wanted) {
            SimSku sku = skus.get(w.skuId());
            lines.add(new Line(
                    orderId + String.format("%02d", n++),
                    sku.itemId(),
                    sku.skuId(),
                    sku.outerSkuId(),
                    sku.title(),
                    w.quantity(),
                    sku.priceFen()));
        }
        Instant now = now();
        SimOrder order = new SimOrder(orderId, SimStatus.CREATED, now, null, now, buyer, lines);
        if (status != SimStatus.CREATED) {
            order = order.withStatus(status, now);
        }
        orders.put(orderId, order);
        return Optional.of(order);
    }

    /** Moves an order on; cancelling or refunding gives its stock back. */
    public synchronized Optional<SimOrder> changeStatus(String orderId, SimStatus next) {
        SimOrder current = orders.get(orderId);
        if (current == null) {
            return Optional.empty();
        }
        if ((next == SimStatus.CANCELLED || next == SimStatus.REFUNDED)
                && current.status() != SimStatus.CANCELLED
                && current.status() != SimStatus.REFUNDED) {
            current.lines().forEach(l -> sku(l.skuId()).ifPresent(s -> s.giveBack(l.quantity())));
        }
        SimOrder changed = current.withStatus(next, now());
        orders.put(orderId, changed);
        return Optional.of(changed);
    }

    /** Platforms keep order times to the second. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** The platform stops accepting the seller's session or token, as when a seller revokes the app. */
    public void revokeAccess(boolean revoked) {
        this.accessRevoked = revoked;
    }

    /** Whether {@code token} opens this shop. */
    public boolean accepts(String token) {
        return !accessRevoked && config.accessToken().equals(token);
    }

    public Optional<SimOrder> order(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    public int orderCount() {
        return orders.size();
    }

    /** Orders modified in [from, to], oldest change first, as the platforms' incremental APIs sort. */
    public List<SimOrder> modifiedBetween(Instant from, Instant to) {
        return orders.values().stream()
                .filter(o -> !o.modifiedAt().isBefore(from) && !o.modifiedAt().isAfter(to))
                .sorted(Comparator.comparing(SimOrder::modifiedAt).thenComparing(SimOrder::orderId))
                .toList();
    }

    public List<SimOrder> orders() {
        return List.copyOf(orders.values());
    }

    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("shopId", config.shopId());
        d.put("platform", config.platform());
        d.put("appKey", config.appKey());
        d.put("orders", orders.size());
        d.put("skus", skus.size());
        d.put("callsRefused", quota.refused()); // over the shop's quota: a hub (or hubs) calling too often
        return d;
    }
}
