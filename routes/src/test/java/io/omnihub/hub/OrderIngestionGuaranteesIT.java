package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.hub.ops.ChannelHealth;
import io.omnihub.hub.testing.Await;
import io.omnihub.hub.testing.TopicReader;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimOrder;
import io.omnihub.sandbox.sim.SimPeople;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import io.omnihub.sandbox.sim.SimStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 3's guarantees on the real embedded infrastructure, for each platform at once: 10,000
 * orders created in its simulator over a moving window, with status changes, throttling bursts
 * and 5xx answers injected, all arrive exactly once in PostgreSQL and on hub.orders with their
 * final status; the hub never exceeds the platform's call quota; refused credentials stop the
 * instance instead of looping.
 */
@SpringBootTest(properties = {
        "hub.data-dir=target/it-data/ingestion",
        "hub.config-dir=classpath:test-config-ingest",
        "hub.embedded.postgres.port=0",
        "hub.embedded.kafka.port=0",
        "hub.embedded.ftp.port=0",
        "hub.embedded.sandbox.port=0",
        "hub.embedded.sandbox.seed=false",
        // the platforms allow 100 calls/s; the hub is configured for 80 (test-config-ingest)
        "hub.embedded.sandbox.platform-calls-per-second=100",
        "server.port=0",
})
class OrderIngestionGuaranteesIT {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/ingestion").toFile());
    }

    static final int ORDERS = 10_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Sandbox sandbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ChannelHealth health;
    @Autowired
    CamelContext camel;
    @Value("${camel.component.kafka.brokers}")
    String brokers;

    @Test
    void tenThousandOrdersPerPlatformArriveExactlyOnceDespiteThrottlingAndFaults() throws Exception {
        List<String> instances = List.of("tmall-ingest", "jd-ingest", "douyin-ingest");
        List<CompletableFuture<Void>> shoppers = instances.stream()
                .map(id -> CompletableFuture.runAsync(() -> shop(sandbox.shop(id).orElseThrow(), id.hashCode())))
                .toList();
        shoppers.forEach(CompletableFuture::join);

        for (String id : instances) {
            SimShop shop = sandbox.shop(id).orElseThrow();
            Map<String, String> expected = visible(shop);
            assertThat(expected).hasSize(ORDERS);
            // PostgreSQL: one row per order, in its final status
            Await.until(Duration.ofSeconds(180), () -> difference(shop, stored(id)), String::isEmpty);
            Await.until(Duration.ofSeconds(30), () -> jdbc.sql(
                    "SELECT count(*) FROM orders WHERE channel_id = :id AND published_version <> version")
                    .param("id", id).query(Long.class).single(), n -> n == 0);
        }

        List<ConsumerRecord<String, String>> onKafka = TopicReader.readAll(brokers, "hub.orders");
        for (String id : instances) {
            Map<String, String> expected = visible(sandbox.shop(id).orElseThrow());
            List<ConsumerRecord<String, String>> mine = onKafka.stream()
                    .filter(r -> r.key().startsWith(id + ":")).toList();
            // every order there, none twice: no identical record is ever published twice
            assertThat(mine.stream().map(r -> r.key()).distinct().count()).isEqualTo(ORDERS);
            Map<String, Long> copies = mine.stream()
                    .collect(Collectors.groupingBy(r -> r.key() + "|" + r.value(), Collectors.counting()));
            assertThat(copies.values()).as(id + ": records published more than once").allMatch(n -> n == 1);
            // the last record of each order is its final status
            Map<String, String> last = new HashMap<>();
            mine.forEach(r -> last.put(r.key().substring(id.length() + 1), status(r.value())));
            assertThat(last).isEqualTo(expected);

            SimShop shop = sandbox.shop(id).orElseThrow();
            assertThat(shop.quota().refused()).as(id + ": calls refused for exceeding the platform's quota").isZero();
            assertThat(jdbc.sql("SELECT coalesce(sum(gap), 0) FROM pull_window WHERE instance_id = :id")
                    .param("id", id).query(Long.class).single()).as(id + ": orders missing from a window").isZero();
        }
    }

    @Test
    void refusedCredentialsStopTheInstanceWithAClearHealthStatusInsteadOfLooping() throws Exception {
        SimShop shop = sandbox.shop("douyin-ingest").orElseThrow();
        String routeId = "douyin-ingest.orders.pull";
        shop.revokeAccess(true);
        try {
            Await.until(Duration.ofSeconds(30), () -> camel.getRouteController().getRouteStatus(routeId).name(),
                    s -> s.equals("Stopped"));
            ChannelHealth.State state = health.state("douyin-ingest");
            assertThat(state.state()).isEqualTo("STOPPED_AUTHENTICATION");
            assertThat(state.lastError()).contains("isv.access-token-invalid");
            assertThat(health.health().getStatus()).isEqualTo(ChannelHealth.DEGRADED);
        } finally {
            shop.revokeAccess(false);
            camel.getRouteController().startRoute(routeId);
        }
        Await.until(Duration.ofSeconds(30), () -> health.state("douyin-ingest").state(), s -> s.equals("RUNNING"));
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    }

    /** 50 rounds: 200 new orders, 40 status changes, and every 10th round a throttling burst and two 5xx. */
    private static void shop(SimShop shop, long seed) {
        Random random = new Random(seed);
        SimPeople people = new SimPeople(2000, seed);
        List<SimSku> skus = new ArrayList<>(shop.skus());
        skus.forEach(s -> s.setQuantity(1_000_000));
        List<String> ids = new ArrayList<>();
        boolean jd = shop.config().platform().equals("jd");
        for (int round = 0; round < 50; round++) {
            if (round % 10 == 5) {
                shop.faults().throttleNext(3);
                shop.faults().failNext(2);
            }
            for (int i = 0; i < ORDERS / 50; i++) {
                SimSku sku = skus.get(random.nextInt(skus.size()));
                // JD lists orders from payment on; the others from creation
                SimStatus status = jd || random.nextBoolean() ? SimStatus.PAID : SimStatus.CREATED;
                SimOrder o = shop.placeOrder(people.pick(random).on(shop.config().platform()),
                        List.of(new SimShop.Want(sku.skuId(), 1 + random.nextInt(3))), status).orElseThrow();
                ids.add(o.orderId());
            }
            for (int i = 0; i < 40; i++) {
                String id = ids.get(random.nextInt(ids.size()));
                SimStatus now = shop.order(id).orElseThrow().status();
                SimStatus next = switch (now) {
                    case CREATED -> random.nextInt(4) == 0 ? SimStatus.CANCELLED : SimStatus.PAID;
                    case PAID -> SimStatus.SHIPPED;
                    case SHIPPED -> random.nextInt(10) == 0 ? SimStatus.REFUNDED : SimStatus.COMPLETED;
                    default -> null;
                };
                if (next != null && !(jd && next == SimStatus.CANCELLED)) {
                    shop.changeStatus(id, next);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Every order in the shop with the canonical status the hub should show for it. */
    private static Map<String, String> visible(SimShop shop) {
        return shop.orders().stream().collect(Collectors.toMap(SimOrder::orderId, o -> o.status().name()));
    }

    /** "" when the hub has every order in its final status, else what differs (a few examples). */
    private static String difference(SimShop shop, Map<String, String> stored) {
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
        return missing.isEmpty() && stale.isEmpty() && stored.size() == shop.orderCount() ? ""
                : missing.size() + " missing " + missing.stream().limit(5).toList() + ", " + stale.size() + " stale "
                + stale.stream().limit(5).toList() + ", " + stored.size() + " stored of " + shop.orderCount();
    }

    private Map<String, String> stored(String instanceId) {
        Map<String, String> stored = new HashMap<>();
        jdbc.sql("SELECT channel_order_id, status FROM orders WHERE channel_id = :id").param("id", instanceId)
                .query((rs, n) -> stored.put(rs.getString(1), rs.getString(2))).list();
        return stored;
    }

    private static String status(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
