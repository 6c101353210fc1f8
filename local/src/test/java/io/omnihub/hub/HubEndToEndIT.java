package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.hub.testing.Await;
import io.omnihub.hub.testing.TopicReader;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

/**
 * The whole hub on its embedded default (real PostgreSQL, Kafka, Artemis, FTP, sandbox): an order
 * placed in the Taobao simulator reaches PostgreSQL, hub.raw.&lt;instance&gt;, hub.orders and the
 * orders API; a status change follows it; an unknown SKU is parked on its line, not dropped.
 */
// metrics export is off in Spring Boot tests unless asked for; the hub's /actuator/prometheus is under test
@AutoConfigureObservability
@DirtiesContext // its routes keep polling; stop them when this class is done
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.data-dir=target/it-data/end-to-end",
            "hub.config-dir=classpath:test-config",
            "hub.embedded.postgres.port=0",
            "hub.embedded.kafka.port=0",
            "hub.embedded.ftp.port=0",
            "hub.embedded.sandbox.port=0",
            "hub.embedded.sandbox.seed=false",
        })
class HubEndToEndIT {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/end-to-end").toFile());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.omnihub.hub.deadletter.DeadLetters deadLetters;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    /**
     * Every route says who retries it (issue 18): the route configurations of ErrorPolicies, and a
     * shop's routes are one group in Hawtio.
     */
    @Test
    void everyRouteHasItsErrorPolicyAndEveryShopsRoutesAGroup() {
        assertThat(camel.getRoutes()).isNotEmpty();
        for (org.apache.camel.Route route : camel.getRoutes()) {
            String policy = route.getConfigurationId();
            assertThat(policy)
                    .as(route.getRouteId())
                    .isIn(
                            io.omnihub.hub.routing.ErrorPolicies.POLL,
                            io.omnihub.hub.routing.ErrorPolicies.KAFKA_BATCH,
                            io.omnihub.hub.routing.ErrorPolicies.BROKER_REDELIVERS,
                            io.omnihub.hub.routing.ErrorPolicies.CALLER_RETRIES,
                            io.omnihub.hub.routing.ErrorPolicies.FILE_DROP);
        }
        assertThat(camel.getRoute("tmall-test.orders.pull").getGroup()).isEqualTo("tmall-test");
        assertThat(camel.getRoute("tmall-test.sync.push").getGroup()).isEqualTo("tmall-test");
        assertThat(camel.getRoute("identity.resolve").getConfigurationId()).isEqualTo("kafka-batch");
    }

    @Test
    void aSimulatorOrderReachesPostgresKafkaAndTheApiAndFollowsItsStatus() throws Exception {
        JsonNode placed = post(
                sandbox.baseUrl() + "/control/shops/tmall-test/orders",
                "{\"lines\":[{\"skuId\":\"5000000001\",\"quantity\":2}],\"status\":\"PAID\"}");
        String tid = placed.path("orderId").asText();

        JsonNode order = await(() -> get(api("/api/orders/tmall-test/" + tid)), o -> o != null);
        assertThat(order.path("schema").asText()).isEqualTo("hub.order/1");
        assertThat(order.path("status").asText()).isEqualTo("PAID");
        assertThat(order.path("channelType").asText()).isEqualTo("taobao");
        long unitPrice = placed.path("lines").get(0).path("unitPriceFen").asLong();
        assertThat(order.path("totalFen").asLong()).isEqualTo(2 * unitPrice);
        assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("TEE-WHT-M");
        assertThat(order.path("lines").get(0).path("quantity").asLong()).isEqualTo(2);
        assertThat(order.path("buyer").path("platformBuyerId").asText()).startsWith("taobao-open-");
        assertThat(order.path("modifiedAt").asText()).endsWith("Z");

        // stored first, then published on hub.orders and marked so
        var row = await(
                () -> jdbc.sql("SELECT status, version, published_version FROM orders "
                                + "WHERE channel_id = 'tmall-test' AND channel_order_id = :id")
                        .param("id", tid)
                        .query()
                        .singleRow(),
                r -> r.get("published_version").equals(r.get("version")));
        assertThat(row.get("status")).isEqualTo("PAID");

        List<ConsumerRecord<String, String>> canonical = await(
                () -> records("hub.orders"),
                rs -> rs.stream().anyMatch(r -> r.key().equals("tmall-test:" + tid)));
        JsonNode onKafka = JSON.readTree(canonical.stream()
                .filter(r -> r.key().equals("tmall-test:" + tid))
                .findFirst()
                .orElseThrow()
                .value());
        assertThat(onKafka.path("status").asText()).isEqualTo("PAID");
        List<ConsumerRecord<String, String>> raw = records("hub.raw.tmall-test");
        assertThat(raw).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(tid);
            assertThat(JSON.readTree(r.value()).path("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        });

        post(sandbox.baseUrl() + "/control/shops/tmall-test/orders/" + tid + "/status", "{\"status\":\"SHIPPED\"}");
        await(
                () -> get(api("/api/orders/tmall-test/" + tid)),
                o -> o != null && o.path("status").asText().equals("SHIPPED"));
        List<ConsumerRecord<String, String>> versions = await(
                () -> records("hub.orders"),
                rs -> rs.stream()
                                .filter(r -> r.key().equals("tmall-test:" + tid))
                                .count()
                        == 2);
        assertThat(versions.stream()
                        .filter(r -> r.key().equals("tmall-test:" + tid))
                        .map(r -> status(r.value())))
                .containsExactly("PAID", "SHIPPED");
    }

    @Test
    void anOrderLineWithAnUnknownSkuIsParkedWithItsReason() throws Exception {
        SimShop shop = sandbox.shop("tmall-test").orElseThrow();
        shop.list(new SimSku("6000000099", "5000000099", "NOT-IN-TABLE", "mystery item", 5, 1000));
        JsonNode placed = post(
                sandbox.baseUrl() + "/control/shops/tmall-test/orders",
                "{\"lines\":[{\"skuId\":\"5000000099\",\"quantity\":1},{\"skuId\":\"5000000002\",\"quantity\":1}]}");
        String tid = placed.path("orderId").asText();
        JsonNode order = await(() -> get(api("/api/orders/tmall-test/" + tid)), o -> o != null);
        JsonNode unknown = order.path("lines").get(0);
        assertThat(unknown.has("sku")).isFalse();
        assertThat(unknown.path("channelSku").asText()).isEqualTo("5000000099");
        assertThat(unknown.path("parkedReason").asText()).contains("unknown channel SKU 5000000099");
        assertThat(order.path("lines").get(1).path("sku").asText()).isEqualTo("TEE-WHT-L");
    }

    @Test
    void anOrderLostFromPostgresIsRestoredByReplayingItsWindowFromTheRawLog() throws Exception {
        JsonNode placed = post(
                sandbox.baseUrl() + "/control/shops/tmall-test/orders",
                "{\"lines\":[{\"skuId\":\"5000000002\",\"quantity\":3}],\"status\":\"PAID\"}");
        String tid = placed.path("orderId").asText();
        await(
                () -> jdbc.sql("SELECT count(*) FROM orders WHERE channel_id = 'tmall-test' AND channel_order_id = :id "
                                + "AND published_version = version")
                        .param("id", tid)
                        .query(Long.class)
                        .single(),
                n -> n == 1);
        JsonNode windows = get(api("/api/ingest/tmall-test/windows?limit=5"));
        assertThat(windows.get(0).has("reported_total")).isTrue();
        assertThat(windows.get(0).path("gap").asLong()).isZero();

        // the pull would heal it by itself on its next overlapping window: stop it, so the replay is what restores
        camel.getRouteController().stopRoute("tmall-test.orders.pull");
        jdbc.sql("DELETE FROM orders WHERE channel_id = 'tmall-test' AND channel_order_id = :id")
                .param("id", tid)
                .update();
        assertThat(get(api("/api/orders/tmall-test/" + tid))).isNull();

        String modified = placed.path("modifiedAt").asText();
        JsonNode result = post(
                api("/api/ingest/tmall-test/replay?from="
                        + java.time.Instant.parse(modified).minusSeconds(60) + "&to="
                        + java.time.Instant.parse(modified).plusSeconds(60)),
                "");
        assertThat(result.path("restored").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode restored = get(api("/api/orders/tmall-test/" + tid));
        assertThat(restored.path("status").asText()).isEqualTo("PAID");
        assertThat(restored.path("lines").get(0).path("quantity").asLong()).isEqualTo(3);
        // replaying again finds everything in place and changes nothing
        assertThat(post(
                                api("/api/ingest/tmall-test/replay?from="
                                        + java.time.Instant.parse(modified).minusSeconds(60) + "&to="
                                        + java.time.Instant.parse(modified).plusSeconds(60)),
                                "")
                        .path("restored")
                        .asLong())
                .isZero();
        camel.getRouteController().startRoute("tmall-test.orders.pull");
    }

    @Test
    void parkedMessagesAreListedWithTheirReason() throws Exception {
        deadLetters.park("tmall-test", "orders", "T-BROKEN", "cannot map order: unknown Taobao trade status X", "{}");
        JsonNode parked = get(api("/api/ingest/tmall-test/dead-letters"));
        assertThat(parked.toString()).contains("T-BROKEN").contains("unknown Taobao trade status X");
        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(URI.create(api("/api/ingest/nope/dead-letters")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void unknownOrdersAreAProblemJson404() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(api("/api/orders/tmall-test/404404")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).contains("problem+json"));
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("404404");
    }

    @Test
    void operationsEndpointsAndHawtioSeeTheRoutesPerInstance() throws Exception {
        JsonNode health = get(api("/actuator/health"));
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("kafka").path("status").asText())
                .isEqualTo("UP");
        assertThat(health.path("components").path("jms").path("status").asText())
                .isEqualTo("UP");

        HttpResponse<String> prometheus = http.send(
                HttpRequest.newBuilder(URI.create(api("/actuator/prometheus"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.body()).contains("camel_");
        HttpResponse<String> hawtio = http.send(
                HttpRequest.newBuilder(URI.create(api("/actuator/hawtio/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hawtio.statusCode()).isEqualTo(200);

        // Hawtio's Camel view lists and starts/stops routes through Jolokia, as here
        JsonNode routes = post(
                api("/actuator/jolokia"),
                "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"tmall-test.orders.pull\\\",*\"}");
        assertThat(routes.path("value")).hasSize(1);
        String mbean = routes.path("value").get(0).asText();
        post(
                api("/actuator/jolokia"),
                "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(mbean) + ",\"operation\":\"stop()\"}");
        assertThat(routeState(mbean)).isEqualTo("Stopped");
        post(
                api("/actuator/jolokia"),
                "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(mbean) + ",\"operation\":\"start()\"}");
        assertThat(routeState(mbean)).isEqualTo("Started");
    }

    private String routeState(String mbean) throws Exception {
        return post(
                        api("/actuator/jolokia"),
                        "{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(mbean) + ",\"attribute\":\"State\"}")
                .path("value")
                .asText();
    }

    private static String status(String json) {
        try {
            return JSON.readTree(json).path("status").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String api(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " -> " + r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    private List<ConsumerRecord<String, String>> records(String topic) {
        return TopicReader.readAll(brokers, topic);
    }

    /** The hub pulls every 500 ms, so 60 s is far beyond need. */
    private static <T> T await(Await.Probe<T> probe, java.util.function.Predicate<T> done) throws Exception {
        return Await.until(Duration.ofSeconds(60), probe, done);
    }
}
