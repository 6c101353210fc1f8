package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.connectors.partner.PartnerSignature;
import io.omnihub.hub.messaging.SyncQueues;
import io.omnihub.hub.testing.Await;
import io.omnihub.hub.testing.ExternalProcess;
import io.omnihub.hub.testing.HubBrowser;
import io.omnihub.local.InfrastructureMain;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.SyncCommand;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * The production jar in the prod profile, in a JVM of its own, against the infrastructure in
 * another ({@link InfrastructureMain}: PostgreSQL, Kafka, Artemis over TCP with a login and the
 * settings of a broker.properties only, FTP, the channel sandbox), everything over the network as
 * in a deployment: logins and roles hold, a stopped route degrades the hub naming the shop, a push
 * that fails is redelivered by the external broker with backoff and dead-lettered after its
 * attempts, a burst collapses on the external last-value queue, the hub refuses a broker without
 * those settings and a sandbox secret, and DOWN is 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionProfileIT {

    static final Path CONFIG = Path.of("src/test/resources/test-config-prod").toAbsolutePath();
    static final Path DATA = Path.of("target/it-data/prod-profile").toAbsolutePath();
    static final Path PRODUCTION_JAR =
            Path.of(System.getProperty("omnihub.production.jar", "../routes/target/omnihub-exec.jar"));
    static final Path LOCAL_JAR = Path.of(System.getProperty("omnihub.local.jar", "target/omnihub-local-exec.jar"));
    static final String SHOP = "tmall-prod";
    static final String UPDATE = "taobao.item.quantity.update";
    static final String VIEWER_PASSWORD = "viewer-test-password";
    static final String VIEWER_HASH = "{bcrypt}$2a$04$J07aY.D4d/K79gKFjk0c1usjB.cyxYv6yFJCZiOSg1rBtMESXV0zO";
    static final String OPERATOR_PASSWORD = "operator-test-password";
    static final String OPERATOR_HASH = "{bcrypt}$2a$04$8l5EENcBmjuaetpVXV8RDO2GLqN/p7CvzAZ9ZVnfB0zpv9dyf42Ga";
    static final String PARTNER_SECRET = "partner-prod-secret-1";
    /** The shops' credentials, in both processes' environment, as a deployment sets them. */
    static final Map<String, String> SECRETS = Map.of(
            "TMALL_PROD_APP_KEY", "tmall-prod-key",
            "TMALL_PROD_APP_SECRET", "tmall-prod-secret-1",
            "TMALL_PROD_SESSION", "tmall-prod-session-1",
            "PARTNER_PROD_SECRET", PARTNER_SECRET,
            "JD_PROD_APP_SECRET", "jd-prod-secret-1",
            "JD_PROD_ACCESS_TOKEN", "jd-prod-token-1");

    static final ObjectMapper JSON = new ObjectMapper();

    ExternalProcess infrastructure;
    ExternalProcess hub;
    Map<String, String> hubEnv;
    String hubUrl;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startInfrastructureThenAHub() throws Exception {
        FileSystemUtils.deleteRecursively(DATA.toFile());
        infrastructure = startInfrastructure(DATA);
        hubEnv = readEnvFile(DATA.resolve("infra/hub.env"));
        int port = freePort();
        hubUrl = "http://127.0.0.1:" + port;
        hub = startHub(Map.of("SERVER_PORT", String.valueOf(port)), List.of(), "hub.log");
        hub.awaitOutput("Started HubApplication", Duration.ofMinutes(2));
        assertThat(hub.output()).contains("Broker settings hold for the sync queues of 1 shop(s)");
    }

    /** The infrastructure process for test-config-prod, its data under {@code data/infra}, once it is ready. */
    static ExternalProcess startInfrastructure(Path data) throws Exception {
        ExternalProcess infrastructure = ExternalProcess.java(
                LOCAL_JAR,
                List.of("-Xmx768m", "-Dloader.main=" + InfrastructureMain.class.getName()),
                List.of(
                        "--data-dir=" + data.resolve("infra"),
                        "--config-dir=" + CONFIG,
                        "--broker-properties=" + CONFIG.resolve("broker.properties"),
                        "--ports=0",
                        "--seed=false"),
                SECRETS,
                data.resolve("infrastructure.log"));
        infrastructure.awaitOutput(InfrastructureMain.READY, Duration.ofMinutes(2));
        return infrastructure;
    }

    @AfterAll
    void stopAll() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    ExternalProcess startHub(Map<String, String> extraEnv, List<String> args, String log) throws IOException {
        return startProductionHub(hubEnv, DATA, extraEnv, args, log);
    }

    /**
     * The production jar in the prod profile against the infrastructure whose settings are
     * {@code infraEnv}, with the shops' secrets, test-config-prod and a viewer and an operator.
     */
    static ExternalProcess startProductionHub(
            Map<String, String> infraEnv, Path data, Map<String, String> extraEnv, List<String> args, String log)
            throws IOException {
        Map<String, String> env = new HashMap<>(infraEnv);
        env.putAll(SECRETS);
        env.put("HUB_CONFIG_DIR", "file:" + CONFIG);
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("HUB_DATA_DIR", data.resolve("hub").toString());
        env.put("HUB_SECURITY_USERS_VERA_PASSWORDHASH", VIEWER_HASH);
        env.put("HUB_SECURITY_USERS_VERA_ROLES", "viewer");
        env.put("HUB_SECURITY_USERS_OTTO_PASSWORDHASH", OPERATOR_HASH);
        env.put("HUB_SECURITY_USERS_OTTO_ROLES", "operator");
        env.putAll(extraEnv);
        List<String> all = new ArrayList<>(List.of("--spring.profiles.active=prod"));
        all.addAll(args);
        return ExternalProcess.java(PRODUCTION_JAR, List.of("-Xmx768m"), all, env, data.resolve(log));
    }

    @Test
    @Order(1)
    void withoutALoginOnlyTheProbesAndTheWebhooksAnswer() throws Exception {
        assertThat(send(get("/api/orders/partner-prod/none")).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/jolokia")).statusCode()).isEqualTo(401);
        HttpResponse<String> console = send(get("/actuator/hawtio/").header("Accept", "text/html"));
        assertThat(console.statusCode())
                .as("Hawtio sends a person to the login form")
                .isEqualTo(302);
        assertThat(console.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(send(get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(stockCount("PRD-TEE-3", 1).statusCode())
                .as("a signed webhook needs no login")
                .isEqualTo(202);
    }

    @Test
    @Order(2)
    void aViewerReadsAndIsRefusedAWriteWhichAnOperatorMay() throws Exception {
        assertThat(send(get("/api/orders/partner-prod/none").header("Authorization", basic("vera", VIEWER_PASSWORD)))
                        .statusCode())
                .as("let through, then answered: no such order")
                .isEqualTo(404);
        String from = URLEncoder.encode(Instant.now().minusSeconds(60).toString(), StandardCharsets.UTF_8);
        String to = URLEncoder.encode(Instant.now().toString(), StandardCharsets.UTF_8);
        String replay = "/api/ingest/" + SHOP + "/replay?from=" + from + "&to=" + to;
        assertThat(send(post(replay, "").header("Authorization", basic("vera", VIEWER_PASSWORD)))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> replayed =
                send(post(replay, "").header("Authorization", basic("otto", OPERATOR_PASSWORD)));
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);

        HubBrowser operator = new HubBrowser(hubUrl);
        operator.logIn("otto", OPERATOR_PASSWORD);
        HttpResponse<String> page = operator.get("/actuator/hawtio/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("hawtio");
    }

    @Test
    @Order(3)
    void aRouteStoppedInTheConsoleDegradesTheHubNamingTheShopWithHttp200() throws Exception {
        String route = SHOP + ".orders.pull";
        jolokiaOnRoute(route, "stop()");
        try {
            HttpResponse<String> health =
                    send(get("/actuator/health").header("Authorization", basic("vera", VIEWER_PASSWORD)));
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode h = JSON.readTree(health.body());
            assertThat(h.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(h.path("components")
                            .path("channels")
                            .path("details")
                            .path("stopped")
                            .toString())
                    .isEqualTo("[\"" + SHOP + "\"]");
            assertThat(h.path("components")
                            .path("channels")
                            .path("details")
                            .path(SHOP)
                            .path("stoppedRoutes")
                            .toString())
                    .contains(route);
            HttpResponse<String> anonymous = send(get("/actuator/health"));
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(anonymous.body()).path("status").asText()).isEqualTo("DEGRADED");
            assertThat(anonymous.body()).as("details need a login").doesNotContain(SHOP);
        } finally {
            jolokiaOnRoute(route, "start()");
        }
        Await.until(
                Duration.ofSeconds(30),
                () -> JSON.readTree(send(get("/actuator/health")).body())
                        .path("status")
                        .asText(),
                "UP"::equals);
    }

    @Test
    @Order(4)
    void aFailedPushIsRedeliveredByTheExternalBrokerWithBackoffThenDeadLettered() throws Exception {
        int before = updates().size();
        sandbox("/control/shops/" + SHOP + "/faults", "{\"down\":true}");
        try {
            assertThat(stockCount("PRD-TEE-1", 5).statusCode()).isEqualTo(202);
            // the test broker's settings: 200 ms doubling to 1.6 s, 4 attempts, then DLQ.sync.tmall-prod
            List<JsonNode> dead = Await.until(
                    Duration.ofSeconds(60),
                    () -> browse(SyncQueues.deadLetterQueue(SHOP)),
                    l -> l.stream().anyMatch(m -> m.path("sku").asText().equals("PRD-TEE-1")));
            assertThat(dead)
                    .filteredOn(m -> m.path("sku").asText().equals("PRD-TEE-1"))
                    .hasSize(1);
            Thread.sleep(2_500); // longer than the last backoff: no fifth attempt comes
            List<Instant> attempts = updates().subList(before, updates().size()).stream()
                    .filter(c -> c.path("status").asInt() == 503)
                    .map(c -> Instant.parse(c.path("at").asText()))
                    .toList();
            assertThat(attempts)
                    .as("one push in the hub per delivery, 4 deliveries by the broker")
                    .hasSize(4);
            long[] gaps = {gap(attempts, 0), gap(attempts, 1), gap(attempts, 2)};
            System.out.println("Broker redelivery gaps (ms): " + java.util.Arrays.toString(gaps));
            assertThat(gaps[0]).as("first redelivery delay (ms)").isGreaterThanOrEqualTo(180);
            assertThat(gaps[1]).as("second, doubled").isGreaterThanOrEqualTo(360);
            assertThat(gaps[2]).as("third, doubled again").isGreaterThanOrEqualTo(720);
        } finally {
            sandbox("/control/shops/" + SHOP + "/faults", "{\"down\":false}");
        }

        // a failure that passes: two attempts refused, the third lands; nothing dead-lettered
        sandbox("/control/shops/" + SHOP + "/faults", "{\"down\":true}");
        int seen = updates().size();
        assertThat(stockCount("PRD-TEE-2", 7).statusCode()).isEqualTo(202);
        Await.until(Duration.ofSeconds(30), () -> updates().size() - seen, n -> n >= 2);
        sandbox("/control/shops/" + SHOP + "/faults", "{\"down\":false}");
        Await.until(Duration.ofSeconds(30), () -> shopQuantity("5100000002"), q -> q == 7);
        assertThat(browse(SyncQueues.deadLetterQueue(SHOP)))
                .noneMatch(m -> m.path("sku").asText().equals("PRD-TEE-2"));
    }

    @Test
    @Order(5)
    void aBurstCollapsesOnTheExternalLastValueQueue() throws Exception {
        String route = SHOP + ".sync.push";
        jolokiaOnRoute(route, "stop()");
        try {
            try (ActiveMQConnectionFactory cf = broker();
                    Connection c = cf.createConnection();
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                MessageProducer p = s.createProducer(s.createQueue(SyncQueues.queue(SHOP)));
                for (int i = 1; i <= 50; i++) {
                    SyncCommand cmd = SyncCommand.stock(
                            SHOP,
                            "PRD-TEE-3",
                            "6100000001",
                            "5100000003",
                            i,
                            "test burst",
                            Instant.now(),
                            Instant.now());
                    Message m = s.createTextMessage(HubJson.write(cmd));
                    m.setStringProperty(SyncQueues.CONFLATION_KEY, cmd.conflationKey());
                    p.send(m);
                }
            }
            List<JsonNode> waiting = browse(SyncQueues.queue(SHOP));
            assertThat(waiting)
                    .as("50 sends for one channel SKU, one message kept: the latest")
                    .hasSize(1);
            assertThat(waiting.get(0).path("value").asLong()).isEqualTo(50);
        } finally {
            jolokiaOnRoute(route, "start()");
        }
        Await.until(Duration.ofSeconds(30), () -> browse(SyncQueues.queue(SHOP)), List::isEmpty);
    }

    @Test
    @Order(6)
    void theHubRefusesABrokerWithoutTheSyncQueueSettingsNamingThem() throws Exception {
        try (ExternalProcess refused = startHub(
                Map.of("SERVER_PORT", String.valueOf(freePort())),
                List.of("--spring.config.additional-location=file:" + CONFIG.resolve("extra-shop.yml")),
                "hub-extra-shop.log")) {
            assertThat(refused.awaitExit(Duration.ofMinutes(2))).isNotZero();
            assertThat(refused.output())
                    .contains("The hub will not start on this Artemis broker while")
                    .contains(
                            "sync.jd-prod: not a last-value queue (set addressSettings.\"sync.jd-prod\".defaultLastValueQueue=true)")
                    .contains("sync.jd-prod: no dead-letter address")
                    .doesNotContain("sync.tmall-prod:");
        }
    }

    @Test
    @Order(7)
    void theProdProfileRefusesASandboxSecretNamingTheSetting() throws Exception {
        try (ExternalProcess refused = startHub(
                Map.of("SERVER_PORT", String.valueOf(freePort()), "TMALL_PROD_APP_SECRET", "sandbox-tmall-secret"),
                List.of(),
                "hub-sandbox-secret.log")) {
            assertThat(refused.awaitExit(Duration.ofMinutes(2))).isNotZero();
            assertThat(refused.output())
                    .contains("hub.channels.tmall-prod.credentials.app-secret")
                    .contains("sandbox")
                    .doesNotContain("Started HubApplication");
        }
    }

    @Test
    @Order(8)
    void withTheInfrastructureGoneTheHubIsDownWith503AndStillAlive() throws Exception {
        infrastructure.close();
        long[] answeredIn = new long[1];
        HttpResponse<String> down = Await.until(
                Duration.ofSeconds(90),
                () -> {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r =
                            send(get("/actuator/health").header("Authorization", basic("vera", VIEWER_PASSWORD)));
                    answeredIn[0] = (System.nanoTime() - t0) / 1_000_000;
                    return r;
                },
                r -> r.statusCode() == 503);
        System.out.println("DOWN answered in " + answeredIn[0] + " ms: " + down.body());
        assertThat(JSON.readTree(down.body()).path("status").asText()).isEqualTo("DOWN");
        assertThat(send(get("/actuator/health/readiness")).statusCode()).isEqualTo(503);
        assertThat(send(get("/actuator/health/liveness")).statusCode())
                .as("not stuck: no restart wanted")
                .isEqualTo(200);
    }

    // --- helpers

    private static long gap(List<Instant> attempts, int i) {
        return Duration.between(attempts.get(i), attempts.get(i + 1)).toMillis();
    }

    private List<JsonNode> updates() throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        JSON.readTree(sandboxGet("/control/shops/" + SHOP + "/calls")).forEach(c -> {
            if (c.path("api").asText().equals(UPDATE)) {
                calls.add(c);
            }
        });
        return calls;
    }

    private long shopQuantity(String channelSku) throws Exception {
        for (JsonNode s : JSON.readTree(sandboxGet("/control/shops/" + SHOP + "/stock"))) {
            if (s.toString().contains(channelSku)) {
                return s.path("quantity").asLong();
            }
        }
        return -1;
    }

    private HttpResponse<String> stockCount(String sku, long onHand) throws Exception {
        String body = "{\"sku\":\"" + sku + "\",\"onHand\":" + onHand + ",\"location\":\"partner-wh-1\",\"at\":\""
                + Instant.now() + "\"}";
        String ts = String.valueOf(Instant.now().getEpochSecond());
        return send(post("/webhooks/partners/partner-prod/stock", body)
                .header("X-Hub-Timestamp", ts)
                .header(
                        "X-Hub-Signature",
                        PartnerSignature.sign(PARTNER_SECRET, ts, body.getBytes(StandardCharsets.UTF_8))));
    }

    private ActiveMQConnectionFactory broker() {
        return new ActiveMQConnectionFactory(
                hubEnv.get("HUB_ARTEMIS_URL"), hubEnv.get("HUB_ARTEMIS_USER"), hubEnv.get("HUB_ARTEMIS_PASSWORD"));
    }

    /** The sync commands waiting in a queue of the external broker, read without taking them. */
    private List<JsonNode> browse(String queue) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (ActiveMQConnectionFactory cf = broker();
                Connection c = cf.createConnection();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            QueueBrowser b = s.createBrowser(s.createQueue(queue));
            for (Object m : Collections.list(b.getEnumeration())) {
                out.add(JSON.readTree(((Message) m).getBody(String.class)));
            }
        }
        return out;
    }

    private void jolokiaOnRoute(String route, String operation) throws Exception {
        HubBrowser operator = new HubBrowser(hubUrl);
        String search = "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"" + route + "\\\",*\"}";
        HttpResponse<String> found = operator.program("otto", OPERATOR_PASSWORD, search);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        String mbean = JSON.readTree(found.body()).path("value").get(0).asText();
        String exec = "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(mbean) + ",\"operation\":\"" + operation
                + "\"}";
        HttpResponse<String> done = operator.program("otto", OPERATOR_PASSWORD, exec);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(JSON.readTree(done.body()).path("status").asInt())
                .as(done.body())
                .isEqualTo(200);
    }

    private String sandboxGet(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(hubEnv.get("HUB_SANDBOX_URL") + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private void sandbox(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(hubEnv.get("HUB_SANDBOX_URL") + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(hubUrl + path)).timeout(Duration.ofSeconds(20));
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(hubUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return HubBrowser.basic(user, password);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** KEY='value' lines, as InfrastructureMain writes them. */
    static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            env.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", ""));
        }
        return env;
    }
}
