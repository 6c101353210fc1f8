package io.omnihub.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.sandbox.sim.SimOrder;
import io.omnihub.sandbox.sim.SimShop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks that every order of a simulated shop is in the hub exactly once: one row per order in
 * PostgreSQL in its final status, published; on hub.orders every order present, no identical
 * record twice, and each order's last record in its final status.
 */
public final class OrderAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderAudit() {}

    /** Waits until PostgreSQL holds every order of the shop in its final status, all published. */
    public static void awaitStored(JdbcClient jdbc, SimShop shop, String instanceId, Duration timeout)
            throws Exception {
        Await.until(timeout, () -> difference(shop, stored(jdbc, instanceId)), String::isEmpty);
        Await.until(
                Duration.ofSeconds(30),
                () -> jdbc.sql("SELECT count(*) FROM orders WHERE channel_id = :id AND published_version <> version")
                        .param("id", instanceId)
                        .query(Long.class)
                        .single(),
                n -> n == 0);
    }

    /** hub.orders as read from the beginning holds each order of the shop exactly once per change. */
    public static void assertPublishedExactlyOnce(
            List<ConsumerRecord<String, String>> hubOrders, SimShop shop, String instanceId) {
        Map<String, String> expected = shop.orders().stream()
                .collect(Collectors.toMap(SimOrder::orderId, o -> o.status().name()));
        List<ConsumerRecord<String, String>> mine = hubOrders.stream()
                .filter(r -> r.key().startsWith(instanceId + ":"))
                .toList();
        assertThat(mine.stream().map(ConsumerRecord::key).distinct().count())
                .as(instanceId + ": orders on hub.orders")
                .isEqualTo(expected.size());
        Map<String, Long> copies =
                mine.stream().collect(Collectors.groupingBy(r -> r.key() + "|" + r.value(), Collectors.counting()));
        List<String> twice = copies.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(twice)
                .as(instanceId + ": records published more than once: "
                        + twice.stream()
                                .limit(3)
                                .map(k -> k.substring(0, k.indexOf('|')) + " at "
                                        + mine.stream()
                                                .filter(r -> (r.key() + "|" + r.value()).equals(k))
                                                .map(r -> r.timestamp() + "/p" + r.partition() + "@" + r.offset() + "/v"
                                                        + version(r))
                                                .toList())
                                .toList())
                .isEmpty();
        Map<String, String> last = new HashMap<>();
        mine.forEach(r -> last.put(r.key().substring(instanceId.length() + 1), status(r.value())));
        assertThat(last).as(instanceId + ": last record of each order").isEqualTo(expected);
    }

    /** "" when the hub has every order in its final status, else what differs (a few examples). */
    static String difference(SimShop shop, Map<String, String> stored) {
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (SimOrder o : shop.orders()) {
            String s = stored.get(o.orderId());
            if (s == null) {
                missing.add(o.orderId() + " (" + o.status() + ", modified " + o.modifiedAt() + ")");
            } else if (!s.equals(o.status().name())) {
                stale.add(o.orderId() + " (" + s + " stored, " + o.status() + " modified " + o.modifiedAt() + ")");
            }
        }
        return missing.isEmpty() && stale.isEmpty() && stored.size() == shop.orderCount()
                ? ""
                : missing.size() + " missing " + missing.stream().limit(5).toList() + ", " + stale.size() + " stale "
                        + stale.stream().limit(5).toList() + ", " + stored.size() + " stored of " + shop.orderCount();
    }

    static Map<String, String> stored(JdbcClient jdbc, String instanceId) {
        Map<String, String> stored = new HashMap<>();
        jdbc.sql("SELECT channel_order_id, status FROM orders WHERE channel_id = :id")
                .param("id", instanceId)
                .query((rs, n) -> stored.put(rs.getString(1), rs.getString(2)))
                .list();
        return stored;
    }

    private static String version(ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("hubVersion");
        return h == null ? "?" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String status(String json) {
        try {
            return JSON.readTree(json).path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
