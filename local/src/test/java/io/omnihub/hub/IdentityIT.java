package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.connectors.partner.PartnerSignature;
import io.omnihub.connectors.youzan.YouzanPushSignature;
import io.omnihub.hub.identity.Identities;
import io.omnihub.hub.testing.Await;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

/**
 * Identity resolution end to end: partner and Youzan events over real HTTP, through the inbox and
 * Kafka into the identity graph, read back through the customers API. Deterministic links across
 * phone spellings, a merge and its undo, the shared-phone guard, survivorship by source trust,
 * erasure that does not come back on replay, and concurrent events for one person.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.data-dir=target/it-data/identity",
        "hub.config-dir=classpath:test-config",
        "hub.embedded.postgres.port=0",
        "hub.embedded.kafka.port=0",
        "hub.embedded.ftp.port=0",
        "hub.embedded.sandbox.port=0",
        "hub.embedded.sandbox.seed=false",
        "hub.channels.tmall-test.enabled=false",
})
class IdentityIT {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/identity").toFile());
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    final HttpClient http = HttpClient.newHttpClient();
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Identities identities;

    @Test
    void oneCustomerAcrossPhoneSpellingsAndTheOrderCarriesItsId() throws Exception {
        partner("members", "{\"memberId\":\"M-1\",\"phone\":\"+86 138-0000-0001\",\"email\":\"Li.Lei@Example.cn\","
                + "\"name\":\"李雷\",\"registeredAt\":\"2026-11-22T02:00:00Z\"}");
        String customer = awaitCustomer("phone=13800000001");
        assertThat(lookup("phone=%2B86%20138%200000%200001").path("customerId").asText()).isEqualTo(customer);
        assertThat(lookup("phone=008613800000001").path("customerId").asText()).isEqualTo(customer);
        assertThat(lookup("email=li.lei@example.cn").path("customerId").asText()).isEqualTo(customer);
        JsonNode golden = lookup("phone=13800000001");
        assertThat(golden.path("attributes").path("name").path("value").asText()).isEqualTo("李雷");
        assertThat(Instant.parse(golden.path("updatedAt").asText())).isAfterOrEqualTo(Instant.parse(golden.path("createdAt").asText()));

        partner("orders", order("P-ID-1", "138 0000 0001", "2026-11-22T03:00:00Z"));
        JsonNode order = Await.until(WAIT, () -> get("/api/orders/partner-test/P-ID-1"),
                o -> o.path("customerId").asText().equals(customer));
        assertThat(order.path("customerId").asText()).isEqualTo(customer);
        assertThat(get("/api/customers/lookup?phone=138****0001").path("status").asInt()).as("a masked phone").isEqualTo(400);
    }

    @Test
    void anOrderLinkingTwoCustomersMergesThemAndTheMergeCanBeUndone() throws Exception {
        youzanCard("YZ-K1", "13800000011", "msg-k1");
        String x = awaitCustomer("memberCard=YZ-K1&program=youzan-test");
        partner("members", "{\"memberId\":\"M-5\",\"email\":\"han.meimei@example.cn\",\"registeredAt\":\"2026-11-22T02:00:00Z\"}");
        String y = awaitCustomer("email=han.meimei@example.cn");
        assertThat(y).isNotEqualTo(x);

        partner("orders", order("P-ID-2", "13800000011", "2026-11-22T04:00:00Z").replace("\"email\":\"\"",
                "\"email\":\"han.meimei@example.cn\""));
        Await.until(WAIT, () -> get("/api/customers/lookup?email=han.meimei@example.cn").path("customerId").asText(),
                c -> c.equals(x)); // the older customer survives the merge
        JsonNode golden = lookup("email=han.meimei@example.cn");
        assertThat(golden.path("identifiers").toString()).contains("YZ-K1").contains("M-5").contains("+8613800000011");
        JsonNode merges = get("/api/customers/" + x + "/merges");
        assertThat(merges).hasSize(1);
        assertThat(merges.get(0).path("absorbedId").asText()).isEqualTo(y);
        assertThat(merges.get(0).path("evidence").asText()).contains("P-ID-2");

        HttpResponse<String> undo = http.send(HttpRequest.newBuilder(URI.create(api("/api/customers/merges/"
                + merges.get(0).path("mergeId").asText() + "/undo"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(undo.statusCode()).isEqualTo(200);
        assertThat(lookup("email=han.meimei@example.cn").path("customerId").asText()).isEqualTo(y);
        assertThat(lookup("phone=13800000011").path("customerId").asText()).isEqualTo(x);

        // the same two identifiers together again: the pair stays apart
        partner("orders", order("P-ID-3", "13800000011", "2026-11-22T05:00:00Z").replace("\"email\":\"\"",
                "\"email\":\"han.meimei@example.cn\""));
        Await.until(WAIT, () -> get("/api/orders/partner-test/P-ID-3"), o -> !o.path("customerId").asText().isEmpty());
        assertThat(lookup("email=han.meimei@example.cn").path("customerId").asText()).isEqualTo(y);
    }

    @Test
    void aPhoneOnTwoCardsOfOneProgramIsSharedAndMergesNothing() throws Exception {
        youzanCard("YZ-K10", "13800000099", "msg-k10");
        String first = awaitCustomer("memberCard=YZ-K10&program=youzan-test");
        youzanCard("YZ-K11", "13800000099", "msg-k11");
        String second = awaitCustomer("memberCard=YZ-K11&program=youzan-test");
        assertThat(second).as("a family sharing one phone stays two people").isNotEqualTo(first);
        JsonNode shared = get("/api/customers/lookup?phone=13800000099");
        assertThat(shared.path("status").asInt()).isEqualTo(409);
        assertThat(get("/api/customers/shared").toString()).contains("MEMBER_CARD").contains("youzan-test");
    }

    @Test
    void aLinkThroughAPhoneThatTurnsOutSharedIsSplitAgain() throws Exception {
        youzanCard("YZ-S1", "13800000055", "msg-s1");
        String card = awaitCustomer("memberCard=YZ-S1&program=youzan-test");
        partner("members", "{\"memberId\":\"M-S\",\"phone\":\"13800000055\",\"registeredAt\":\"2026-11-22T02:00:00Z\"}");
        Await.until(WAIT, () -> get("/api/customers/lookup?memberId=M-S&partner=partner-test").path("customerId").asText(),
                c -> c.equals(card)); // linked by the phone

        youzanCard("YZ-S2", "13800000055", "msg-s2"); // a second card on the phone: a family's phone
        Await.until(WAIT, () -> get("/api/customers/lookup?memberId=M-S&partner=partner-test").path("customerId").asText(),
                c -> !c.equals(card));
        assertThat(get("/api/customers/lookup?phone=13800000055").path("status").asInt()).isEqualTo(409);
        JsonNode merges = get("/api/customers/" + card + "/merges");
        assertThat(merges.toString()).contains("its link became shared");
        assertThat(lookup("memberCard=YZ-S2&program=youzan-test").path("customerId").asText()).isNotEqualTo(card);
    }

    @Test
    void aReissuedNumberDoesNotJoinItsNewOwnerToTheOldOne() throws Exception {
        partner("members", "{\"memberId\":\"M-OLD\",\"phone\":\"13800000088\",\"name\":\"王芳\","
                + "\"registeredAt\":\"2019-03-01T02:00:00Z\"}");
        String old = awaitCustomer("memberId=M-OLD&partner=partner-test");
        youzanCustomer("888", "13800000088", "陈静", "msg-c888");
        String neu = awaitCustomer("buyerId=888&channel=youzan-test");
        assertThat(neu).as("another name on the number: another person").isNotEqualTo(old);
        youzanCustomer("889", "13800000088", "王方", "msg-c889"); // the old owner, a homophone typo
        Await.until(WAIT, () -> get("/api/customers/lookup?buyerId=889&channel=youzan-test").path("customerId").asText(),
                c -> c.equals(old));
    }

    @Test
    void theMostTrustedSourceWinsAnAttributeAndKeepsItsProvenance() throws Exception {
        partner("members", "{\"memberId\":\"M-6\",\"phone\":\"13800000066\",\"name\":\"张三\","
                + "\"registeredAt\":\"2026-11-22T02:00:00Z\"}");
        String c = awaitCustomer("phone=13800000066");
        youzanCustomer("777", "13800000066", "张老三", "msg-c777");
        Await.until(WAIT, () -> get("/api/customers/lookup?buyerId=777&channel=youzan-test").path("customerId").asText(),
                id -> id.equals(c));
        JsonNode name = lookup("phone=13800000066").path("attributes").path("name");
        assertThat(name.path("value").asText()).as("the partner is trusted over Youzan").isEqualTo("张三");
        assertThat(name.path("source").asText()).isEqualTo("partner-test");
    }

    @Test
    void anErasedCustomerIsGoneAndDoesNotComeBackOnReplay() throws Exception {
        partner("members", "{\"memberId\":\"M-9\",\"phone\":\"13800000077\",\"name\":\"王五\","
                + "\"registeredAt\":\"2026-11-22T02:00:00Z\"}");
        String c = awaitCustomer("phone=13800000077");
        partner("orders", order("P-ID-9", "13800000077", "2026-11-22T06:00:00Z"));
        Await.until(WAIT, () -> get("/api/orders/partner-test/P-ID-9"), o -> o.path("customerId").asText().equals(c));

        HttpResponse<String> erased = http.send(HttpRequest.newBuilder(URI.create(api("/api/customers/" + c))).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(get("/api/customers/lookup?phone=13800000077").path("status").asInt()).isEqualTo(404);
        JsonNode order = get("/api/orders/partner-test/P-ID-9");
        assertThat(order.toString()).doesNotContain("13800000077").doesNotContain("王五");
        assertThat(order.path("totalFen").asLong()).as("order facts stay").isEqualTo(19800);

        partner("members", "{\"memberId\":\"M-9\",\"phone\":\"13800000077\",\"name\":\"王五\","
                + "\"registeredAt\":\"2026-11-22T07:00:00Z\"}");
        partner("members", "{\"memberId\":\"M-10\",\"phone\":\"13800000078\",\"registeredAt\":\"2026-11-22T07:00:00Z\"}");
        awaitCustomer("phone=13800000078"); // processed after the replay
        assertThat(get("/api/customers/lookup?phone=13800000077").path("status").asInt()).isEqualTo(404);
    }

    @Test
    void concurrentEventsForOnePersonMakeOneCustomer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            done.add(pool.submit(() -> identities.apply(List.of(HubJson.write(new MemberEvent(MemberEvent.SCHEMA,
                    "conc-" + n, MemberEvent.Kind.UPDATED, "partner-test",
                    List.of(Identifier.of(Identifier.Type.PHONE, "13800000123"),
                            Identifier.of(Identifier.Type.EMAIL, "same-" + (n % 3) + "@example.cn")),
                    Map.of(), Instant.now()))))));
        }
        for (Future<Integer> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(jdbc.sql("SELECT count(DISTINCT customer_id) FROM identity_event WHERE event_id LIKE 'member:conc-%'")
                .query(Long.class).single()).isEqualTo(1);
        String c = lookup("phone=13800000123").path("customerId").asText();
        for (int k = 0; k < 3; k++) {
            assertThat(lookup("email=same-" + k + "@example.cn").path("customerId").asText()).isEqualTo(c);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    static String order(String id, String phone, String at) {
        return "{\"orderId\":\"" + id + "\",\"status\":\"PAID\",\"createdAt\":\"" + at + "\",\"updatedAt\":\"" + at + "\","
                + "\"buyer\":{\"phone\":\"" + phone + "\",\"memberCard\":\"\",\"email\":\"\",\"name\":\"买家\"},"
                + "\"lines\":[{\"sku\":\"TEE-WHT-M\",\"qty\":2,\"unitPrice\":\"99.00\"}],\"total\":\"198.00\"}";
    }

    void partner(String kind, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api("/webhooks/partners/partner-test/" + kind)))
                .header("Content-Type", "application/json").header("X-Hub-Timestamp", ts)
                .header("X-Hub-Signature", PartnerSignature.sign("partner-test-secret", ts, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    void youzanCard(String card, String mobile, String msgId) throws Exception {
        youzan("{\"client_id\":\"test-youzan-client\",\"kdt_id\":1,\"id\":\"" + card + "\",\"type\":\"SCRM_CUSTOMER_CARD\","
                + "\"status\":\"CUSTOMER_CARD_GIVEN\",\"msg_id\":\"" + msgId + "\",\"version\":1763800000,\"msg\":\""
                + URLEncoder.encode("{\"card_no\":\"" + card + "\",\"mobile\":\"" + mobile
                + "\",\"event_time\":\"2026-11-22 10:00:00\"}", StandardCharsets.UTF_8) + "\"}");
    }

    void youzanCustomer(String account, String mobile, String name, String msgId) throws Exception {
        youzan("{\"client_id\":\"test-youzan-client\",\"kdt_id\":1,\"id\":\"" + account + "\",\"type\":\"SCRM_CUSTOMER_EVENT\","
                + "\"status\":\"CUSTOMER_UPDATED\",\"msg_id\":\"" + msgId + "\",\"version\":" + Instant.now().getEpochSecond()
                + ",\"msg\":\"" + URLEncoder.encode("{\"account_id\":\"" + account + "\",\"mobile\":\"" + mobile
                + "\",\"name\":\"" + name + "\",\"gender\":1}", StandardCharsets.UTF_8) + "\"}");
    }

    void youzan(String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api("/webhooks/youzan/youzan-test")))
                .header("Content-Type", "application/json")
                .header("Event-Sign", YouzanPushSignature.eventSign("test-youzan-client", "test-youzan-secret",
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    String awaitCustomer(String query) throws Exception {
        return Await.until(WAIT, () -> get("/api/customers/lookup?" + query), j -> j.hasNonNull("customerId"))
                .path("customerId").asText();
    }

    JsonNode lookup(String query) throws Exception {
        JsonNode j = get("/api/customers/lookup?" + query);
        assertThat(j.hasNonNull("customerId")).as(query + " -> " + j).isTrue();
        return j;
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(api(path))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    String api(String path) {
        return "http://localhost:" + port + path;
    }
}
