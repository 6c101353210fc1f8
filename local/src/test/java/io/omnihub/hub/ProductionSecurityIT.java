package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.omnihub.connectors.partner.PartnerSignature;
import io.omnihub.hub.config.StartRefusedFailureAnalyzer;
import io.omnihub.hub.security.ProductionSettingsException;
import io.omnihub.hub.testing.Await;
import io.omnihub.hub.testing.HubBrowser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

/**
 * The hub with logins on, as the prod profile runs it, over real HTTP on the embedded servers: no
 * login, no API, console or Jolokia; a viewer reads with phones masked and is refused writes and
 * a route's stop; an operator writes, logs in to Hawtio through its form and stops and starts a
 * route there; webhooks and the probes need no login; a stopped shop is DEGRADED with HTTP 200 and
 * named, DOWN is 503; the shipped prod settings with the sandbox's secrets refuse to start, naming
 * each; and no log line carries a full phone, a secret, a token or a password.
 */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.data-dir=target/it-data/security",
            "hub.config-dir=classpath:test-config",
            "hub.embedded.postgres.port=0",
            "hub.embedded.kafka.port=0",
            "hub.embedded.ftp.port=0",
            "hub.embedded.sandbox.port=0",
            "hub.embedded.sandbox.seed=false",
            // as the prod profile (application-prod.yml in the jar) sets them
            "hub.security.enabled=true",
            "management.endpoint.health.show-details=when-authorized",
            "management.endpoint.health.roles=viewer,operator",
            "hub.security.users.vera.password-hash=" + ProductionSecurityIT.VIEWER_HASH,
            "hub.security.users.vera.roles=viewer",
            "hub.security.users.otto.password-hash=" + ProductionSecurityIT.OPERATOR_HASH,
            "hub.security.users.otto.roles=operator",
            // bearer tokens as an OIDC provider would sign them; the key is made below, before the boot
            "spring.security.oauth2.resourceserver.jwt.public-key-location=file:target/security-oidc-key.pem",
            "spring.security.oauth2.resourceserver.jwt.authorities-claim-name=roles",
            "spring.security.oauth2.resourceserver.jwt.authority-prefix=ROLE_",
            // the hub's own lines and the logins at their most talkative: none may carry a phone, a
            // secret, a token or a password
            "logging.level.io.omnihub=DEBUG",
            "logging.level.org.springframework.security=DEBUG",
        })
class ProductionSecurityIT {

    static final KeyPair OIDC_KEY;

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/security").toFile());
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            OIDC_KEY = rsa.generateKeyPair();
            Files.writeString(
                    Path.of("target/security-oidc-key.pem"),
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder()
                                    .encodeToString(OIDC_KEY.getPublic().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String VIEWER_PASSWORD = "viewer-test-password";
    static final String VIEWER_HASH = "{bcrypt}$2a$04$J07aY.D4d/K79gKFjk0c1usjB.cyxYv6yFJCZiOSg1rBtMESXV0zO";
    static final String OPERATOR_PASSWORD = "operator-test-password";
    static final String OPERATOR_HASH = "{bcrypt}$2a$04$8l5EENcBmjuaetpVXV8RDO2GLqN/p7CvzAZ9ZVnfB0zpv9dyf42Ga";
    static final String PARTNER_SECRET = "partner-test-secret";
    static final String ROUTE = "tmall-test.orders.pull";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A component of the hub's health the tests can turn DOWN. */
    @TestConfiguration
    static class Switch {
        static final AtomicReference<Status> STATUS = new AtomicReference<>(Status.UP);

        @Bean
        HealthIndicator testSwitch() {
            return () -> Health.status(STATUS.get()).build();
        }
    }

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void withoutALoginTheApiConsoleAndJolokiaAreRefusedWhileWebhooksAndProbesAnswer() throws Exception {
        HttpResponse<String> api = send(get("/api/orders/partner-test/none").build());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"omnihub\"");
        assertThat(send(get("/actuator/hawtio/").build()).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/jolokia").build()).statusCode()).isEqualTo(401);
        assertThat(send(post("/actuator/jolokia", execOn(routeMBean(), "stop()"))
                                .build())
                        .statusCode())
                .as("no XSRF token, no login")
                .isEqualTo(403);
        assertThat(send(get("/api/orders/partner-test/none")
                                .header("Authorization", basic("vera", "wrong"))
                                .build())
                        .statusCode())
                .as("a wrong password")
                .isEqualTo(401);

        for (String probe :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> r = send(get(probe).build());
            assertThat(r.statusCode()).as(probe).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("status").asText())
                    .as(probe)
                    .isIn("UP", "DEGRADED");
            assertThat(JSON.readTree(r.body()).has("components"))
                    .as("details need a login")
                    .isFalse();
        }
        JsonNode readiness = JSON.readTree(send(get("/actuator/health/readiness")
                        .header("Authorization", basic("vera", VIEWER_PASSWORD))
                        .build())
                .body());
        assertThat(readiness.path("components").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("readinessState", "db", "kafka", "jms");

        HttpResponse<String> webhook = partner("orders", order("P-SEC-0", "13800000000"));
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(202);
        assertThat(partnerSignedWith("not-the-secret", "orders", order("P-SEC-X", "13800000000"))
                        .statusCode())
                .as("the webhook's own check still holds")
                .isEqualTo(401);
    }

    @Test
    void aViewerReadsWithPhonesMaskedAndIsRefusedWritesWhichAnOperatorMakes() throws Exception {
        assertThat(partner("orders", order("P-SEC-1", "13812345678")).statusCode())
                .isEqualTo(202);
        String orderUrl = "/api/orders/partner-test/P-SEC-1";
        JsonNode asViewer = JSON.readTree(Await.until(
                        Duration.ofSeconds(30),
                        () -> send(get(orderUrl)
                                .header("Authorization", basic("vera", VIEWER_PASSWORD))
                                .build()),
                        r -> r.statusCode() == 200)
                .body());
        assertThat(asViewer.path("buyer").path("phone").asText()).isEqualTo("138****5678");
        JsonNode asOperator = JSON.readTree(send(get(orderUrl)
                        .header("Authorization", basic("otto", OPERATOR_PASSWORD))
                        .build())
                .body());
        assertThat(asOperator.path("buyer").path("phone").asText()).isEqualTo("13812345678");

        // the member's customer: its PHONE identifier masked for the viewer
        assertThat(partner(
                                "members",
                                "{\"memberId\":\"M-SEC-1\",\"phone\":\"+86 139-8765-4321\",\"email\":\"\","
                                        + "\"unionId\":\"\",\"name\":\"李四\",\"registeredAt\":\"2026-11-22T02:00:00Z\"}")
                        .statusCode())
                .isEqualTo(202);
        String lookup = "/api/customers/lookup?memberId=M-SEC-1&partner=partner-test";
        String customer = Await.until(
                        Duration.ofSeconds(30),
                        () -> send(get(lookup)
                                .header("Authorization", basic("vera", VIEWER_PASSWORD))
                                .build()),
                        r -> r.statusCode() == 200 && r.body().contains("PHONE"))
                .body();
        assertThat(customer).contains("+86139****4321").doesNotContain("13987654321");
        assertThat(send(get(lookup)
                                .header("Authorization", basic("otto", OPERATOR_PASSWORD))
                                .build())
                        .body())
                .contains("+8613987654321");

        String from = URLEncoder.encode(Instant.now().minusSeconds(60).toString(), StandardCharsets.UTF_8);
        String to = URLEncoder.encode(Instant.now().toString(), StandardCharsets.UTF_8);
        String replay = "/api/ingest/tmall-test/replay?from=" + from + "&to=" + to;
        assertThat(send(post(replay, "")
                                .header("Authorization", basic("vera", VIEWER_PASSWORD))
                                .build())
                        .statusCode())
                .isEqualTo(403);
        String customerId = JSON.readTree(customer).path("customerId").asText();
        assertThat(send(HttpRequest.newBuilder(uri("/api/customers/" + customerId))
                                .DELETE()
                                .header("Authorization", basic("vera", VIEWER_PASSWORD))
                                .build())
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> replayed = send(post(replay, "")
                .header("Authorization", basic("otto", OPERATOR_PASSWORD))
                .build());
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(send(post("/api/customers/merges/no-such-merge/undo", "")
                                .header("Authorization", basic("otto", OPERATOR_PASSWORD))
                                .build())
                        .statusCode())
                .as("let through, then answered: there is no such merge")
                .isEqualTo(404);
    }

    @Test
    void anOperatorLogsInToHawtioAndStopsARouteWhichDegradesTheHubNamingTheShop() throws Exception {
        HubBrowser person = new HubBrowser("http://127.0.0.1:" + port);
        HttpResponse<String> page = person.get("/actuator/hawtio/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        person.logIn("otto", OPERATOR_PASSWORD);
        HttpResponse<String> console = person.get("/actuator/hawtio/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("hawtio");

        String mbean = routeMBean();
        assertThat(person.jolokia(execOn(mbean, "stop()"), false).statusCode())
                .as("without the XSRF token")
                .isEqualTo(403);
        assertThat(routeState(mbean)).isEqualTo("Started");
        HttpResponse<String> stop = person.jolokia(execOn(mbean, "stop()"), true);
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        assertThat(JSON.readTree(stop.body()).path("status").asInt()).isEqualTo(200);
        try {
            assertThat(routeState(mbean)).isEqualTo("Stopped");
            HttpResponse<String> health = send(get("/actuator/health")
                    .header("Authorization", basic("vera", VIEWER_PASSWORD))
                    .build());
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode h = JSON.readTree(health.body());
            assertThat(h.path("status").asText()).isEqualTo("DEGRADED");
            JsonNode channels = h.path("components").path("channels");
            assertThat(channels.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(channels.path("details").path("stopped").toString()).isEqualTo("[\"tmall-test\"]");
            assertThat(channels.path("details").path("tmall-test").path("state").asText())
                    .isEqualTo("STOPPED");
            assertThat(channels.path("details")
                            .path("tmall-test")
                            .path("stoppedRoutes")
                            .toString())
                    .contains(ROUTE);
            assertThat(h.path("components").has("camelHealth")
                            && h.path("components")
                                    .path("camelHealth")
                                    .path("status")
                                    .asText()
                                    .equals("DOWN"))
                    .as("Camel does not call the hub DOWN")
                    .isFalse();
            HttpResponse<String> probe = send(get("/actuator/health/readiness").build());
            assertThat(probe.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(send(get("/actuator/health").build()).body())
                            .path("status")
                            .asText())
                    .isEqualTo("DEGRADED");
        } finally {
            assertThat(person.jolokia(execOn(mbean, "start()"), true).statusCode())
                    .isEqualTo(200);
        }
        assertThat(routeState(mbean)).isEqualTo("Started");
        assertThat(JSON.readTree(send(get("/actuator/health").build()).body())
                        .path("status")
                        .asText())
                .isEqualTo("UP");
    }

    @Test
    void aViewerLooksInHawtioButCannotStopARoute() throws Exception {
        HubBrowser person = new HubBrowser("http://127.0.0.1:" + port);
        person.logIn("vera", VIEWER_PASSWORD);
        assertThat(person.get("/actuator/hawtio/").statusCode()).isEqualTo(200);
        assertThat(person.get("/actuator/hawtio/proxy/enabled").body().strip())
                .as("no proxy to other services")
                .isEqualTo("false");
        String mbean = routeMBean();
        HttpResponse<String> read = person.jolokia(
                "{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(mbean) + ",\"attribute\":\"State\"}", true);
        assertThat(JSON.readTree(read.body()).path("value").asText()).isEqualTo("Started");
        HttpResponse<String> stop = person.jolokia(execOn(mbean, "stop()"), true);
        assertThat(stop.statusCode()).isEqualTo(403);
        assertThat(stop.body()).contains("operator");
        assertThat(routeState(mbean)).isEqualTo("Started");
    }

    @Test
    void anOidcBearerTokenCarriesItsRoles() throws Exception {
        String from = URLEncoder.encode(Instant.now().minusSeconds(60).toString(), StandardCharsets.UTF_8);
        String to = URLEncoder.encode(Instant.now().toString(), StandardCharsets.UTF_8);
        String replay = "/api/ingest/tmall-test/replay?from=" + from + "&to=" + to;
        assertThat(send(post(replay, "")
                                .header("Authorization", "Bearer " + token("viewer"))
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(get("/api/ingest/tmall-test/windows")
                                .header("Authorization", "Bearer " + token("viewer"))
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(post(replay, "")
                                .header("Authorization", "Bearer " + token("operator"))
                                .build())
                        .statusCode())
                .isEqualTo(200);
        String token = token("operator");
        String forged = token.substring(0, token.length() - 2)
                + (token.charAt(token.length() - 2) == 'A' ? "B" : "A")
                + token.charAt(token.length() - 1);
        assertThat(send(get("/api/ingest/tmall-test/windows")
                                .header("Authorization", "Bearer " + forged)
                                .build())
                        .statusCode())
                .as("a forged signature")
                .isEqualTo(401);
        // a program on Jolokia with a token needs no XSRF token: no browser session rides along
        HttpResponse<String> read = send(post("/actuator/jolokia", "{\"type\":\"version\"}")
                .header("Authorization", "Bearer " + token("viewer"))
                .build());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }

    private static String token(String role) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder()
                        .subject("sso-" + role)
                        .claim("roles", java.util.List.of(role))
                        .expirationTime(java.util.Date.from(Instant.now().plusSeconds(300)))
                        .build());
        jwt.sign(new RSASSASigner(OIDC_KEY.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void aDownComponentAnswers503WhileTheProbesOfOtherComponentsStayUp() throws Exception {
        Switch.STATUS.set(Status.DOWN);
        try {
            HttpResponse<String> health = send(get("/actuator/health").build());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("DOWN");
            assertThat(send(get("/actuator/health/liveness").build()).statusCode())
                    .isEqualTo(200);
            assertThat(send(get("/actuator/health/readiness").build()).statusCode())
                    .isEqualTo(200);
        } finally {
            Switch.STATUS.set(Status.UP);
        }
        assertThat(send(get("/actuator/health").build()).statusCode()).isEqualTo(200);
    }

    @Test
    void noLogLineCarriesAFullPhoneASecretATokenOrAPassword(CapturedOutput output) throws Exception {
        assertThat(partner(
                                "members",
                                "{\"memberId\":\"M-LOG-1\",\"phone\":\"+86 137-1111-2222\",\"email\":\"log@b.cn\","
                                        + "\"unionId\":\"\",\"name\":\"王五\",\"registeredAt\":\"2026-11-22T02:00:00Z\"}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(partner("orders", order("P-LOG-1", "13711112222")).statusCode())
                .isEqualTo(202);
        assertThat(partner("orders", "{not json").statusCode()).isEqualTo(400);
        assertThat(partnerSignedWith("not-the-secret", "orders", order("P-LOG-2", "13711112222"))
                        .statusCode())
                .isEqualTo(401);
        Await.until(
                Duration.ofSeconds(30),
                () -> send(get("/api/customers/lookup?memberId=M-LOG-1&partner=partner-test")
                        .header("Authorization", basic("otto", OPERATOR_PASSWORD))
                        .build()),
                r -> r.statusCode() == 200);
        send(get("/api/orders/partner-test/P-LOG-1")
                .header("Authorization", basic("otto", OPERATOR_PASSWORD))
                .build());
        send(get("/api/orders/partner-test/P-LOG-1")
                .header("Authorization", basic("vera", "a-wrong-password"))
                .build());
        Thread.sleep(1_500); // a few of tmall-test's signed pulls (every 500 ms) with its session token

        String log = output.getAll();
        assertThat(log)
                .as("the flows are in the captured log")
                .contains("Securing POST /webhooks/partners/partner-test/members")
                .contains("Username=otto")
                .contains("M-LOG-1");
        assertThat(log).as("Artemis's audit lines are off").doesNotContain("AMQ601");
        assertThat(log)
                .doesNotContain("13711112222")
                .doesNotContain("137-1111-2222")
                .doesNotContain("+8613711112222")
                .doesNotContain(PARTNER_SECRET)
                .doesNotContain("test-tmall-secret")
                .doesNotContain("test-tmall-session")
                .doesNotContain("test-youzan-secret")
                .doesNotContain("hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo")
                .doesNotContain(VIEWER_PASSWORD)
                .doesNotContain(OPERATOR_PASSWORD)
                .doesNotContain("a-wrong-password")
                .doesNotContain(basic("otto", OPERATOR_PASSWORD).substring(6))
                .doesNotContain(OPERATOR_HASH.substring("{bcrypt}".length()));
    }

    @Test
    void theShippedProdSettingsWithTheSandboxSecretsRefuseToStartNamingEach() {
        SpringApplicationBuilder prod = new SpringApplicationBuilder(HubApplication.class)
                .profiles("prod")
                .properties(
                        "spring.config.additional-location=optional:file:../config/",
                        "hub.config-dir=file:../config",
                        "hub.channels.partner-new.type=partner",
                        "hub.channels.partner-new.credentials.app-secret=${PARTNER_NEW_SECRET_NOT_SET}");
        assertThatThrownBy(() -> prod.run())
                .isInstanceOf(ProductionSettingsException.class)
                .satisfies(e -> {
                    assertThat(((ProductionSettingsException) e).problems())
                            .contains(
                                    "hub.channels.partner-acme.credentials.app-secret is the sandbox's shipped value: set PARTNER_ACME_SECRET",
                                    "hub.channels.tmall-flagship.credentials.access-token is the sandbox's shipped value:"
                                            + " set TMALL_FLAGSHIP_SESSION",
                                    "hub.channels.partner-new.credentials.app-secret is left unresolved (${PARTNER_NEW_SECRET_NOT_SET}):"
                                            + " set PARTNER_NEW_SECRET_NOT_SET");
                    assertThat(((ProductionSettingsException) e).problems())
                            .anySatisfy(p -> assertThat(p).startsWith("hub.security.users has no user to log in with"));
                    FailureAnalysis analysis = new StartRefusedFailureAnalyzer().analyze(e);
                    assertThat(analysis.getDescription())
                            .contains("\n  hub.channels.partner-acme.credentials.app-secret is the"
                                    + " sandbox's shipped value: set PARTNER_ACME_SECRET\n");
                });
    }

    // --- helpers

    /** A person in a browser: cookies kept, redirects shown, the XSRF cookie sent back as Hawtio does. */
    private String routeMBean() throws Exception {
        HttpResponse<String> r = program(
                "vera",
                VIEWER_PASSWORD,
                "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"" + ROUTE + "\\\",*\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("value").get(0).asText();
    }

    private HttpResponse<String> program(String user, String password, String request) throws Exception {
        return new HubBrowser("http://127.0.0.1:" + port).program(user, password, request);
    }

    private String routeState(String mbean) throws Exception {
        HttpResponse<String> r =
                send(get("/actuator/jolokia/read/" + mbean.replace("\"", "%22").replace(",", "%2C") + "/State")
                        .header("Authorization", basic("vera", VIEWER_PASSWORD))
                        .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("value").asText();
    }

    private static String execOn(String mbean, String operation) throws Exception {
        return "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(mbean) + ",\"operation\":\"" + operation
                + "\"}";
    }

    private static String order(String orderId, String phone) {
        return """
                {"orderId":"%s","status":"PAID","createdAt":"2026-11-22T02:00:00Z","updatedAt":"2026-11-22T02:00:05Z",
                 "buyer":{"phone":"%s","memberCard":"","email":"","name":"张三"},
                 "lines":[{"sku":"TEE-WHT-M","qty":1,"unitPrice":"99.00"}],"total":"99.00",
                 "shipTo":{"province":"上海","city":"上海市","district":"浦东新区","address":"某某路1号"}}""".formatted(orderId, phone);
    }

    private HttpResponse<String> partner(String kind, String body) throws Exception {
        return partnerSignedWith(PARTNER_SECRET, kind, body);
    }

    private HttpResponse<String> partnerSignedWith(String secret, String kind, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        return send(HttpRequest.newBuilder(uri("/webhooks/partners/partner-test/" + kind))
                .header("Content-Type", "application/json")
                .header("X-Hub-Timestamp", ts)
                .header("X-Hub-Signature", PartnerSignature.sign(secret, ts, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    private static String basic(String user, String password) {
        return HubBrowser.basic(user, password);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
