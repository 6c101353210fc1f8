package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnihub.connectors.partner.PartnerSignature;
import io.omnihub.connectors.youzan.YouzanPushSignature;
import io.omnihub.hub.testing.Await;
import io.omnihub.hub.testing.TopicReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

/**
 * Webhooks over real HTTP. Partner webhooks: each request kind getting the contract's answer (§4): good,
 * wrongly signed, stale, replayed, oversized, malformed, unknown channel or kind, over quota; a
 * repeated Idempotency-Key is processed once; accepted events reach PostgreSQL and Kafka. WeCom:
 * URL verification and message checks with WeCom's published sample, resends counted once.
 */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.data-dir=target/it-data/webhooks",
            "hub.config-dir=classpath:test-config",
            "hub.embedded.postgres.port=0",
            "hub.embedded.kafka.port=0",
            "hub.embedded.ftp.port=0",
            "hub.embedded.sandbox.port=0",
            "hub.embedded.sandbox.seed=false",
        })
class WebhooksIT {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/webhooks").toFile());
    }

    static final String SECRET = "partner-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final int OVER_ONE_MIB = 1024 * 1024;
    static final String ORDER = """
            {"orderId":"P-1001","status":"PAID","createdAt":"2026-11-22T02:00:00Z","updatedAt":"2026-11-22T02:00:05Z",
             "buyer":{"phone":"13812345678","memberCard":"","email":"","name":"张三"},
             "lines":[{"sku":"TEE-WHT-M","qty":2,"unitPrice":"99.00"}],"total":"198.00",
             "shipTo":{"province":"上海","city":"上海市","district":"浦东新区","address":"某某路1号"}}""";

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    @Autowired
    MeterRegistry meters;

    @Test
    void aSignedOrderIsAcceptedStoredAndPublished() throws Exception {
        HttpResponse<String> r = send("partner-test", "orders", ORDER, now(), SECRET, "order-1");
        assertThat(r.statusCode()).isEqualTo(202);
        String id = JSON.readTree(r.body()).path("id").asText();
        assertThat(id).isNotBlank();

        JsonNode order = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(api("/api/orders/partner-test/P-1001")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(order.path("status").asText()).isEqualTo("PAID");
        assertThat(order.path("totalFen").asLong()).isEqualTo(19800);
        assertThat(order.path("lines").get(0).path("unitPriceFen").asLong()).isEqualTo(9900);
        assertThat(order.path("buyer").path("phone").asText()).isEqualTo("13812345678");

        Await.until(
                Duration.ofSeconds(30),
                () -> TopicReader.readAll(brokers, "hub.orders"),
                rs -> rs.stream().anyMatch(x -> x.key().equals("partner-test:P-1001")));
        assertThat(TopicReader.readAll(brokers, "hub.raw.partner-test"))
                .anySatisfy(x -> assertThat(x.value()).isEqualTo(ORDER));
        Await.until(
                Duration.ofSeconds(30),
                () -> jdbc.sql("SELECT count(*) FROM inbound_event WHERE id = :id " + "AND published_at IS NOT NULL")
                        .param("id", id)
                        .query(Long.class)
                        .single(),
                n -> n == 1);
    }

    @Test
    void stockAndMembersReachTheirTopics() throws Exception {
        assertThat(send(
                                "partner-test",
                                "stock",
                                "{\"sku\":\"TEE-WHT-L\",\"onHand\":12,\"location\":\"partner-wh-1\","
                                        + "\"at\":\"2026-11-22T02:00:00Z\"}",
                                now(),
                                SECRET,
                                null)
                        .statusCode())
                .isEqualTo(202);
        assertThat(send(
                                "partner-test",
                                "members",
                                "{\"memberId\":\"M-77\",\"phone\":\"+86 138-1234-5678\","
                                        + "\"email\":\"A@B.cn\",\"unionId\":\"\",\"name\":\"张三\",\"registeredAt\":\"2026-11-22T02:00:00Z\"}",
                                now(),
                                SECRET,
                                null)
                        .statusCode())
                .isEqualTo(202);
        // other tests' events (an oversell notice, say) may be on hub.stock too: this one is the partner's count
        JsonNode stock = JSON.readTree(Await.until(
                        Duration.ofSeconds(30),
                        () -> TopicReader.readAll(brokers, "hub.stock").stream()
                                .filter(r -> r.value().contains("\"hub.stock-snapshot/1\"")
                                        && r.value().contains("\"TEE-WHT-L\""))
                                .toList(),
                        rs -> !rs.isEmpty())
                .get(0)
                .value());
        assertThat(stock.path("onHand").asLong()).isEqualTo(12);
        assertThat(stock.path("location").asText())
                .as("the partner's location as locations.csv maps it")
                .isEqualTo("PARTNER-TEST-WH-1");
        JsonNode member = JSON.readTree(Await.until(
                        Duration.ofSeconds(30),
                        () -> TopicReader.readAll(brokers, "hub.members").stream()
                                .filter(r -> r.value().contains("partner-test:M-77"))
                                .toList(),
                        rs -> !rs.isEmpty())
                .get(0)
                .value());
        assertThat(member.path("eventId").asText()).isEqualTo("partner-test:M-77");
        assertThat(member.path("identifiers").toString()).contains("a@b.cn").contains("PARTNER_MEMBER_ID");
    }

    @Test
    void wrongSignatureMissingSignatureAndStaleTimestampAre401() throws Exception {
        assertProblem(send("partner-test", "orders", ORDER, now(), "not-the-secret", null), 401, null);
        HttpResponse<String> unsigned = http.send(
                HttpRequest.newBuilder(URI.create(api("/webhooks/partners/partner-test/orders")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ORDER))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(unsigned, 401, null);
        assertProblem(send("partner-test", "orders", ORDER, now() - 301, SECRET, null), 401, null);
        assertThat(send("partner-test", "orders", ORDER.replace("P-1001", "P-1002"), now() - 299, SECRET, null)
                        .statusCode())
                .as("inside the 300 s window")
                .isEqualTo(202);
    }

    @Test
    void aReplayedRequestAndARepeatedIdempotencyKeyGetTheFirstAnswerAndAreProcessedOnce() throws Exception {
        String body = ORDER.replace("P-1001", "P-2001");
        long ts = now();
        HttpResponse<String> first = send("partner-test", "orders", body, ts, SECRET, null);
        HttpResponse<String> replay = send("partner-test", "orders", body, ts, SECRET, null);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.body()).isEqualTo(first.body());

        String keyedBody = ORDER.replace("P-1001", "P-3001");
        HttpResponse<String> keyed = send("partner-test", "orders", keyedBody, now(), SECRET, "same-key");
        HttpResponse<String> again = send("partner-test", "orders", keyedBody, now() + 1, SECRET, "same-key");
        assertThat(again.statusCode())
                .as("the same body, signed anew, under the same key")
                .isEqualTo(202);
        assertThat(again.body()).isEqualTo(keyed.body());
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE message_key IN "
                                + "('partner-test:P-2001', 'partner-test:P-3001')")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void malformedAndInvalidPayloadsAre400NamingTheField() throws Exception {
        assertProblem(send("partner-test", "orders", "{not json", now(), SECRET, null), 400, "(body)");
        assertProblem(
                send("partner-test", "orders", ORDER.replace("\"qty\":2", "\"qty\":-2"), now(), SECRET, null),
                400,
                "lines[0].qty");
        assertProblem(
                send("partner-test", "orders", ORDER.replace("\"99.00\"", "\"99.001\""), now(), SECRET, null),
                400,
                "lines[0].unitPrice");
        assertProblem(
                send("partner-test", "orders", ORDER.replace("\"PAID\"", "\"PAYED\""), now(), SECRET, null),
                400,
                "status");
        assertProblem(
                send(
                        "partner-test",
                        "stock",
                        "{\"sku\":\"X\",\"location\":\"L\",\"at\":\"2026-11-22T02:00:00Z\"}",
                        now(),
                        SECRET,
                        null),
                400,
                "onHand");
    }

    @Test
    void unknownChannelOrKindIs404AndAnOversizedBodyIs413() throws Exception {
        assertProblem(send("no-such-partner", "orders", ORDER, now(), SECRET, null), 404, null);
        assertProblem(send("tmall-test", "orders", ORDER, now(), SECRET, null), 404, null);
        assertProblem(send("partner-test", "invoices", ORDER, now(), SECRET, null), 404, null);
        String huge = "{\"pad\":\"" + "x".repeat(OVER_ONE_MIB) + "\"}";
        assertProblem(send("partner-test", "orders", huge, now(), SECRET, null), 413, null);
    }

    @Test
    void theWebhooksAreDescribedInOpenApi() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(api("/openapi/webhooks.yaml")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("openapi: 3.0.3")
                .contains("/webhooks/partners/{channelId}/orders")
                .contains("/webhooks/partners/{channelId}/stock")
                .contains("/webhooks/partners/{channelId}/members");
    }

    @Test
    void overTheQuotaIs429WithRetryAfter() throws Exception {
        // 10 signed requests sent at once (asynchronously, so they arrive together however slowly a loaded machine
        // answers) on an instance allowed 1 a second: at most one more is let through per second the burst takes.
        // A 50/s instance and 32 blocking clients once let every request through on a busy machine.
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(
                    request("partner-quota-test", "orders", ORDER.replace("P-1001", "Q-" + i), now(), SECRET, null));
        }
        long began = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> burst = requests.stream()
                .map(r -> http.sendAsync(r, HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> answers =
                burst.stream().map(CompletableFuture::join).toList();
        long seconds = (System.nanoTime() - began) / 1_000_000_000L;
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(202, 429));
        assertThat(answers.stream().filter(a -> a.statusCode() == 202).count())
                .as("accepted in a burst of %d s", seconds)
                .isLessThanOrEqualTo(1 + seconds + 1);
        if (seconds < 8) { // then at most 9 of the 10 were let through
            assertThat(answers).anySatisfy(a -> {
                assertThat(a.statusCode()).isEqualTo(429);
                assertThat(a.headers().firstValue("Retry-After")).isPresent();
            });
        }
    }

    // --- WeCom callbacks (channel wecom-test carries WeCom's published sample token, key and corp id)

    static final io.omnihub.connectors.wecom.WeComCrypto WECOM = new io.omnihub.connectors.wecom.WeComCrypto(
            "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", "ww1436e0e65a779aee");

    @Test
    void weComUrlVerificationAnswersThePublishedSamplesEchoString() throws Exception {
        String echostr = java.net.URLEncoder.encode(
                "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
                StandardCharsets.UTF_8);
        HttpResponse<String> ok = http.send(
                HttpRequest.newBuilder(URI.create(api("/webhooks/wecom/wecom-test"
                                + "?msg_signature=012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb&timestamp=1476416373&nonce=47744683&echostr="
                                + echostr)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1288432023552776189");
        HttpResponse<String> bad = http.send(
                HttpRequest.newBuilder(URI.create(api("/webhooks/wecom/wecom-test"
                                + "?msg_signature=0000000000000000000000000000000000000000&timestamp=1476416373&nonce=47744683&echostr="
                                + echostr)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(401);
    }

    @Test
    void weComExternalContactEventsBecomeMemberEventsAndResendsCountOnce() throws Exception {
        String add = contactEvent("add_external_contact", "wmEXT001", 1795341600);
        assertThat(postWeCom(add, true).body()).isEqualTo("success");
        assertThat(postWeCom(add, true).body()).as("WeCom's resend").isEqualTo("success");
        assertThat(postWeCom(contactEvent("edit_external_contact", "wmEXT001", 1795341700), true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(postWeCom(contactEvent("add_external_contact", "wmEXT002", 1795341600), false)
                        .statusCode())
                .as("wrong msg_signature")
                .isEqualTo(401);

        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE channel_id = 'wecom-test'")
                        .query(Long.class)
                        .single())
                .as("one add, one edit; the resend and the forged one not stored")
                .isEqualTo(2);
        JsonNode member = JSON.readTree(Await.until(
                        Duration.ofSeconds(30),
                        () -> TopicReader.readAll(brokers, "hub.members"),
                        rs -> rs.stream()
                                .anyMatch(r -> r.value().contains("wmEXT001")
                                        && r.value().contains("REGISTERED")))
                .stream()
                .filter(r -> r.value().contains("wmEXT001") && r.value().contains("REGISTERED"))
                .findFirst()
                .orElseThrow()
                .value());
        assertThat(member.path("identifiers").get(0).path("type").asText()).isEqualTo("WECOM_EXTERNAL_ID");
        assertThat(member.path("identifiers").get(0).path("scope").asText()).isEqualTo("ww1436e0e65a779aee");
        assertThat(member.path("attributes").path("followUser").asText()).isEqualTo("zhangsan");
    }

    private static String contactEvent(String change, String externalUserId, long createTime) {
        return "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[" + change
                + "]]></ChangeType>"
                + "<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[" + externalUserId
                + "]]></ExternalUserID>"
                + "</xml>";
    }

    private HttpResponse<String> postWeCom(String eventXml, boolean rightSignature) throws Exception {
        String encrypted = WECOM.encrypt(eventXml, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String ts = Long.toString(now());
        String nonce = "1597212914";
        String signature = rightSignature
                ? io.omnihub.connectors.wecom.WeComCrypto.signature(
                        "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", ts, nonce, encrypted)
                : "0".repeat(40);
        String body = "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return http.send(
                HttpRequest.newBuilder(URI.create(api("/webhooks/wecom/wecom-test?msg_signature=" + signature
                                + "&timestamp=" + ts + "&nonce=" + nonce)))
                        .header("Content-Type", "text/xml")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> r, int status, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(p.path("field").asText()).isEqualTo(field);
        }
    }

    // --- Youzan (有赞云) pushes -------------------------------------------------------------------

    static final String YZ_CLIENT = "test-youzan-client";
    static final String YZ_SECRET = "test-youzan-secret";

    /** A trade_TradePaid push as Youzan sends it: msg is form-encoded JSON, times Beijing time. */
    static String youzanTrade(String tid, String msgId, String type, String status, String updated) {
        String msg = "{\"full_order_info\":{\"order_info\":{\"tid\":\"" + tid + "\",\"status\":\"" + status + "\","
                + "\"created\":\"2026-11-22 10:00:00\",\"pay_time\":\"2026-11-22 10:00:30\",\"update_time\":\""
                + updated + "\"},"
                + "\"buyer_info\":{\"yz_open_id\":\"yz-open-1\",\"buyer_phone\":\"$Xyb9B3HbGaOjdYTHHwP0PA==$1$\"},"
                + "\"pay_info\":{\"payment\":\"198.00\",\"post_fee\":\"0.00\"},"
                + "\"orders\":[{\"oid\":\"1\",\"outer_sku_id\":\"TEE-WHT-M\",\"num\":2,\"price\":\"99.00\","
                + "\"discount_price\":\"99.00\",\"payment\":\"198.00\",\"title\":\"T恤 白 M\"}]}}";
        return "{\"client_id\":\"" + YZ_CLIENT + "\",\"kdt_id\":13027865,\"id\":\"" + tid + "\",\"type\":\"" + type
                + "\","
                + "\"status\":\"" + status + "\",\"msg_id\":\"" + msgId + "\",\"version\":1763776830,\"sendCount\":0,"
                + "\"test\":false,\"msg\":\"" + URLEncoder.encode(msg, StandardCharsets.UTF_8) + "\"}";
    }

    HttpResponse<String> youzan(String channel, String body, String eventSign) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api("/webhooks/youzan/" + channel)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (eventSign != null) {
            b.header("Event-Sign", eventSign).header("Event-Type", "trade_TradePaid");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String eventSign(String body) {
        return YouzanPushSignature.eventSign(YZ_CLIENT, YZ_SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedYouzanTradeIsStoredOnceAndAResendGetsTheSameSuccess() throws Exception {
        String body =
                youzanTrade("E20261122100000001", "msg-1", "trade_TradePaid", "TRADE_PAID", "2026-11-22 10:00:30");
        HttpResponse<String> first = youzan("youzan-test", body, eventSign(body));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body())).isEqualTo(JSON.readTree("{\"code\":0,\"msg\":\"success\"}"));
        HttpResponse<String> resend = youzan(
                "youzan-test",
                body.replace("\"sendCount\":0", "\"sendCount\":1"),
                eventSign(body.replace("\"sendCount\":0", "\"sendCount\":1")));
        assertThat(resend.statusCode()).isEqualTo(200);
        assertThat(resend.body()).isEqualTo(first.body());
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE message_key = 'youzan-test:E20261122100000001'")
                        .query(Long.class)
                        .single())
                .as("a resend is stored once")
                .isEqualTo(1);

        JsonNode order = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(api("/api/orders/youzan-test/E20261122100000001")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(order.path("status").asText()).isEqualTo("PAID");
        assertThat(order.path("paidAt").asText()).isEqualTo("2026-11-22T02:00:30Z");
        assertThat(order.path("totalFen").asLong()).isEqualTo(19800);
        assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("TEE-WHT-M");
        assertThat(order.path("buyer").path("platformBuyerId").asText()).isEqualTo("yz-open-1");
        assertThat(order.path("buyer").path("phone").asText(""))
                .as("an encrypted phone is not a phone")
                .isEmpty();
        Await.until(
                Duration.ofSeconds(30),
                () -> TopicReader.readAll(brokers, "hub.orders"),
                rs -> rs.stream().anyMatch(x -> x.key().equals("youzan-test:E20261122100000001")));

        // the keys-only trade_TradeSuccess moves the stored order on
        String success = "{\"client_id\":\"" + YZ_CLIENT + "\",\"kdt_id\":13027865,\"id\":\"E20261122100000001\","
                + "\"type\":\"trade_TradeSuccess\",\"status\":\"TRADE_SUCCESS\",\"msg_id\":\"msg-2\",\"version\":1763780000,"
                + "\"msg\":\""
                + URLEncoder.encode(
                        "{\"update_time\":\"2026-11-22 12:00:00\",\"tid\":\"E20261122100000001\"}",
                        StandardCharsets.UTF_8)
                + "\"}";
        assertThat(youzan("youzan-test", success, eventSign(success)).statusCode())
                .isEqualTo(200);
        JsonNode done = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(api("/api/orders/youzan-test/E20261122100000001")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("modifiedAt").asText()).isEqualTo("2026-11-22T04:00:00Z");
    }

    @Test
    void youzanPushesWithoutTheRightSignatureOrForAnUnknownChannelAreRefused() throws Exception {
        String body =
                youzanTrade("E20261122100000002", "msg-3", "trade_TradePaid", "TRADE_PAID", "2026-11-22 10:00:30");
        assertProblem(
                youzan(
                        "youzan-test",
                        body,
                        YouzanPushSignature.eventSign(
                                YZ_CLIENT, "wrong-secret", body.getBytes(StandardCharsets.UTF_8))),
                401,
                null);
        assertProblem(youzan("youzan-test", body, null), 401, null);
        assertProblem(
                youzan("youzan-test", body.replace("198.00", "1.98"), eventSign(body)),
                401,
                null); // altered after signing
        assertProblem(youzan("no-such-shop", body, eventSign(body)), 404, null);
        assertProblem(youzan("partner-test", body, eventSign(body)), 404, null);
        String notJson = "{\"type\":";
        assertProblem(youzan("youzan-test", notJson, eventSign(notJson)), 400, "(body)");
        String badMsg = "{\"type\":\"trade_TradePaid\",\"msg\":\"%7Bnot-json\"}";
        assertProblem(youzan("youzan-test", badMsg, eventSign(badMsg)), 400, "msg");
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE message_key = 'youzan-test:E20261122100000002'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aLegacyBodySignedMemberCardPushBecomesAMemberEventAndATestPushIsOnlyAcknowledged() throws Exception {
        String msg = URLEncoder.encode(
                "{\"fans_id\":0,\"mobile\":\"18611367408\",\"card_no\":\"YZ-CARD-9\","
                        + "\"event_time\":\"2026-11-22 16:00:29\"}",
                StandardCharsets.UTF_8);
        String body = "{\"client_id\":\"" + YZ_CLIENT + "\",\"id\":\"YZ-CARD-9\",\"kdt_id\":17284278,\"mode\":1,"
                + "\"msg\":\"" + msg + "\",\"sendCount\":0,\"sign\":\""
                + YouzanPushSignature.bodySign(YZ_CLIENT, YZ_SECRET, msg)
                + "\",\"status\":\"CUSTOMER_CARD_GIVEN\",\"test\":false,\"type\":\"SCRM_CUSTOMER_CARD\",\"version\":1763800829}";
        assertThat(youzan("youzan-test", body, null).statusCode()).isEqualTo(200);
        JsonNode member = JSON.readTree(Await.until(
                        Duration.ofSeconds(30),
                        () -> TopicReader.readAll(brokers, "hub.members"),
                        rs -> rs.stream().anyMatch(r -> r.value().contains("YZ-CARD-9")))
                .stream()
                .filter(r -> r.value().contains("YZ-CARD-9"))
                .findFirst()
                .orElseThrow()
                .value());
        assertThat(member.path("identifiers").toString())
                .contains("MEMBER_CARD")
                .contains("18611367408");
        assertThat(member.path("occurredAt").asText()).isEqualTo("2026-11-22T08:00:29Z");

        String test =
                "{\"client_id\":\"" + YZ_CLIENT + "\",\"type\":\"SCRM_CUSTOMER_CARD\",\"test\":true,\"id\":\"T1\","
                        + "\"msg\":\"" + msg.replace("YZ-CARD-9", "YZ-CARD-TEST") + "\"}";
        assertThat(youzan("youzan-test", test, eventSign(test)).body()).contains("success");
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE payload LIKE '%YZ-CARD-TEST%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private HttpResponse<String> send(
            String channel, String kind, String body, long timestamp, String secret, String idempotencyKey)
            throws Exception {
        return http.send(
                request(channel, kind, body, timestamp, secret, idempotencyKey), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(
            String channel, String kind, String body, long timestamp, String secret, String idempotencyKey) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api("/webhooks/partners/" + channel + "/" + kind)))
                .header("Content-Type", "application/json")
                .header("X-Hub-Timestamp", Long.toString(timestamp))
                .header("X-Hub-Signature", PartnerSignature.sign(secret, Long.toString(timestamp), bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return b.build();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private String api(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    // --- records too large for Kafka: nothing accepted becomes a poison record (issue 15) -------------

    @Autowired
    io.omnihub.hub.kafka.KafkaTopics kafkaTopics;

    /** A partner order of {@code lines} lines alternating between two hub SKUs, one unit each. */
    static String orderOfLines(String orderId, int lines, String unitPrice) {
        StringBuilder b = new StringBuilder("{\"orderId\":\"" + orderId + "\",\"status\":\"PAID\","
                + "\"createdAt\":\"2026-11-22T02:00:00Z\",\"updatedAt\":\"2026-11-22T02:00:05Z\","
                + "\"buyer\":{\"phone\":\"13812345678\"},\"lines\":[");
        for (int i = 0; i < lines; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"")
                    .append(i % 2 == 0 ? "TEE-WHT-M" : "TEE-WHT-L")
                    .append("\",\"qty\":1,\"unitPrice\":\"")
                    .append(unitPrice)
                    .append("\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void aTenThousandLineOrderAndALargestBodyReachHubOrdersAndTheLedger() throws Exception {
        String big = orderOfLines("P-10000-LINES", 10_000, "99.00");
        // the largest body the contract allows, of the shortest lines: the largest canonical order
        int fit = (OVER_ONE_MIB - 300) / "{\"sku\":\"TEE-WHT-M\",\"qty\":1,\"unitPrice\":\"1\"},".length();
        String largest = orderOfLines("P-LARGEST-BODY", fit, "1");
        assertThat(largest.getBytes(StandardCharsets.UTF_8).length).isBetween(OVER_ONE_MIB - 1_000, OVER_ONE_MIB);
        assertThat(send("partner-test", "orders", big, now(), SECRET, null).statusCode())
                .isEqualTo(202);
        assertThat(send("partner-test", "orders", largest, now(), SECRET, null).statusCode())
                .isEqualTo(202);

        var published = Await.until(
                Duration.ofSeconds(60),
                () -> TopicReader.readAll(brokers, "hub.orders"),
                rs -> rs.stream()
                                .filter(r -> r.key().equals("partner-test:P-10000-LINES")
                                        || r.key().equals("partner-test:P-LARGEST-BODY"))
                                .count()
                        == 2);
        for (var r : published) {
            if (r.key().startsWith("partner-test:P-10000-LINES") || r.key().startsWith("partner-test:P-LARGEST-BODY")) {
                JsonNode order = JSON.readTree(r.value());
                System.out.printf(
                        "Kafka record %s: %d lines, body %d bytes, canonical record %d bytes%n",
                        r.key(),
                        order.path("lines").size(),
                        (r.key().endsWith("LINES") ? big : largest).getBytes(StandardCharsets.UTF_8).length,
                        r.value().getBytes(StandardCharsets.UTF_8).length);
                assertThat(order.path("lines").size()).isEqualTo(r.key().endsWith("LINES") ? 10_000 : fit);
            }
        }
        // the ledger reserved every unit: 5,000 of each SKU for the 10,000 lines
        Await.until(
                Duration.ofSeconds(60),
                () -> jdbc.sql("""
                        SELECT sku, quantity FROM stock_reservation
                         WHERE channel_id = 'partner-test' AND channel_order_id IN ('P-10000-LINES', 'P-LARGEST-BODY')
                           AND state = 'RESERVED' ORDER BY channel_order_id, sku
                        """)
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list(),
                rows -> rows.equals(List.of(
                        "TEE-WHT-L=5000", "TEE-WHT-M=5000", "TEE-WHT-L=" + fit / 2, "TEE-WHT-M=" + (fit - fit / 2))));
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE stream LIKE 'inbox.%' AND message_key LIKE "
                                + "'partner-test:P-%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anEventKafkaRefusesIsParkedWithItsReasonAndTheEventsAroundItArePublished() throws Exception {
        // a topic that takes small batches only, as a broker configured by someone else might have
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("hub.poison-small", 1, (short) 1)
                            .configs(java.util.Map.of("max.message.bytes", "4096"))))
                    .all()
                    .get();
        }
        byte[] noise = new byte[30_000];
        new java.util.Random(15).nextBytes(noise);
        String incompressible = java.util.Base64.getEncoder().encodeToString(noise); // lz4 cannot bring it under 4 KiB
        String overProducerLimit = "x".repeat(9 * 1024 * 1024); // over hub.kafka.max-record-bytes (8 MiB)
        // one batch: a good event, one over the producer's limit, a good one, one over the topic's limit, a good one
        jdbc.sql("""
                        INSERT INTO inbound_event (id, channel_id, kind, message_key, payload, canonical, received_at)
                        VALUES ('poison-a', 'partner-test', 'poison-test', 'partner-test:A', '', '{"n":"A"}', now()),
                               ('poison-x', 'partner-test', 'poison-test', 'partner-test:X', '', :x, now() + interval '1 ms'),
                               ('poison-b', 'partner-test', 'poison-test', 'partner-test:B', '', '{"n":"B"}', now() + interval '2 ms'),
                               ('poison-y', 'partner-test', 'poison-small', 'partner-test:Y', '', :y, now() + interval '3 ms'),
                               ('poison-c', 'partner-test', 'poison-test', 'partner-test:C', '', '{"n":"C"}', now() + interval '4 ms')
                        """)
                .param("x", "{\"n\":\"" + overProducerLimit + "\"}")
                .param("y", "{\"n\":\"" + incompressible + "\"}")
                .update();
        // and a webhook after them
        assertThat(send("partner-test", "orders", ORDER.replace("P-1001", "P-AFTER-POISON"), now(), SECRET, null)
                        .statusCode())
                .isEqualTo(202);

        Await.until(
                Duration.ofSeconds(60),
                () -> TopicReader.readAll(brokers, "hub.poison-test").stream()
                        .map(r -> r.key())
                        .distinct()
                        .sorted()
                        .toList(),
                keys -> keys.equals(List.of("partner-test:A", "partner-test:B", "partner-test:C")));
        Await.until(
                Duration.ofSeconds(30),
                () -> TopicReader.readAll(brokers, "hub.orders"),
                rs -> rs.stream().anyMatch(x -> x.key().equals("partner-test:P-AFTER-POISON")));
        var parked = Await.until(
                Duration.ofSeconds(30),
                () -> jdbc.sql("""
                        SELECT message_key, stream, reason, length(payload) FROM dead_letter
                         WHERE instance_id = 'partner-test' AND stream LIKE 'inbox.poison-%' ORDER BY message_key
                        """)
                        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        .list(),
                rows -> rows.size() == 2);
        assertThat(parked.get(0).subList(0, 2)).containsExactly("partner-test:X", "inbox.poison-test");
        assertThat(parked.get(0).get(2))
                .contains("RecordTooLargeException")
                .contains("max.request.size")
                .contains("poison-x");
        assertThat(Long.parseLong(parked.get(0).get(3)))
                .as("the event is kept whole")
                .isGreaterThan(9L * 1024 * 1024);
        assertThat(parked.get(1).subList(0, 2)).containsExactly("partner-test:Y", "inbox.poison-small");
        assertThat(parked.get(1).get(2)).contains("RecordTooLargeException").contains("poison-y");
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE id LIKE 'poison-%' AND published_at IS NULL")
                        .query(Long.class)
                        .single())
                .as("nothing left in the outbox")
                .isZero();
        Thread.sleep(1_000);
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE stream LIKE 'inbox.poison-%'")
                        .query(Long.class)
                        .single())
                .as("parked once, not retried")
                .isEqualTo(2);
    }

    @Test
    void anExistingTopicThatTakesLessThanTheHubSendsIsRaised() throws Exception {
        var topic = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "hub.customers");
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", brokers))) {
            admin.incrementalAlterConfigs(java.util.Map.of(
                            topic,
                            List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                                    new org.apache.kafka.clients.admin.ConfigEntry("max.message.bytes", "1048588"),
                                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
            kafkaTopics.afterPropertiesSet(); // what the hub does at start
            String now = admin.describeConfigs(List.of(topic))
                    .all()
                    .get()
                    .get(topic)
                    .get("max.message.bytes")
                    .value();
            assertThat(now).isEqualTo(Integer.toString(8 * 1024 * 1024 + 64 * 1024));
        }
    }

    // --- hostile partner input (issue 15): refused with a problem naming the field, nothing stored

    @Test
    void aTwentyDigitOnHandAndHugeQuantitiesOrAmountsAreRefusedNamingTheField() throws Exception {
        long stockEvents = events("stock");
        // Jackson's asLong wrapped this to 7766279631452241919 and the hub pushed ~1.5e18 units
        assertProblem(
                send(
                        "partner-test",
                        "stock",
                        "{\"sku\":\"TEE-WHT-M\",\"onHand\":99999999999999999999,"
                                + "\"location\":\"partner-wh-1\",\"at\":\"2026-11-22T02:00:00Z\"}",
                        now(),
                        SECRET,
                        null),
                400,
                "onHand");
        assertProblem(
                send(
                        "partner-test",
                        "stock",
                        "{\"sku\":\"TEE-WHT-M\",\"onHand\":1000001,"
                                + "\"location\":\"partner-wh-1\",\"at\":\"2026-11-22T02:00:00Z\"}",
                        now(),
                        SECRET,
                        null),
                400,
                "onHand");
        assertThat(events("stock")).as("no stock event stored").isEqualTo(stockEvents);

        String order = ORDER.replace("P-1001", "P-HUGE");
        assertProblem(
                send(
                        "partner-test",
                        "orders",
                        order.replace("\"qty\":2", "\"qty\":1000000000000"),
                        now(),
                        SECRET,
                        null),
                400,
                "lines[0].qty");
        assertProblem(
                send(
                        "partner-test",
                        "orders",
                        order.replace("\"qty\":2", "\"qty\":99999999999999999999"),
                        now(),
                        SECRET,
                        null),
                400,
                "lines[0].qty");
        assertProblem(
                send(
                        "partner-test",
                        "orders",
                        order.replace("\"99.00\"", "\"99999999999999999999.00\""),
                        now(),
                        SECRET,
                        null),
                400,
                "lines[0].unitPrice");
        assertProblem(
                send("partner-test", "orders", order.replace("\"198.00\"", "\"100000000.01\""), now(), SECRET, null),
                400,
                "total");
        // each within its own bound, their product is not: 1,000,000 x 99,999.99 yuan
        assertProblem(
                send(
                        "partner-test",
                        "orders",
                        order.replace("\"qty\":2", "\"qty\":1000000").replace("\"99.00\"", "\"99999.99\""),
                        now(),
                        SECRET,
                        null),
                400,
                "lines[0].qty");
        assertThat(get("/api/orders/partner-test/P-HUGE").statusCode())
                .as("no order stored")
                .isEqualTo(404);
        assertThat(send(
                                "partner-test",
                                "orders",
                                order.replace("\"qty\":2", "\"qty\":1000000").replace("\"198.00\"", "\"99000000.00\""),
                                now(),
                                SECRET,
                                null)
                        .statusCode())
                .as("at the bounds is accepted")
                .isEqualTo(202);
    }

    @Test
    void partnerStockForAnUnknownSkuOrAnUnlistedLocationIsRefused() throws Exception {
        long stockEvents = events("stock");
        HttpResponse<String> sku = send(
                "partner-test",
                "stock",
                "{\"sku\":\"PHANTOM-1\",\"onHand\":5,"
                        + "\"location\":\"partner-wh-1\",\"at\":\"2026-11-22T02:00:00Z\"}",
                now(),
                SECRET,
                null);
        assertProblem(sku, 400, "sku");
        assertThat(JSON.readTree(sku.body()).path("detail").asText()).contains("PHANTOM-1");
        HttpResponse<String> location = send(
                "partner-test",
                "stock",
                "{\"sku\":\"TEE-WHT-M\",\"onHand\":5,"
                        + "\"location\":\"partner-wh-9\",\"at\":\"2026-11-22T02:00:00Z\"}",
                now(),
                SECRET,
                null);
        assertProblem(location, 400, "location");
        assertThat(JSON.readTree(location.body()).path("detail").asText())
                .contains("partner-wh-9")
                .contains("locations.csv")
                .contains("partner-test");
        assertThat(events("stock")).as("no phantom SKU or location stored").isEqualTo(stockEvents);
        assertThat(get("/api/stock/PHANTOM-1").statusCode()).isEqualTo(404);
    }

    @Test
    void eventTimesBeyondTheClockSkewAreRefusedNamingTheField() throws Exception {
        long before = events("stock") + events("orders") + events("members");
        assertProblem(
                send(
                        "partner-test",
                        "stock",
                        "{\"sku\":\"TEE-WHT-M\",\"onHand\":5,\"location\":\"partner-wh-1\","
                                + "\"at\":\"2099-01-01T00:00:00Z\"}",
                        now(),
                        SECRET,
                        null),
                400,
                "at");
        String order = ORDER.replace("P-1001", "P-2099");
        assertProblem(
                send(
                        "partner-test",
                        "orders",
                        order.replace("2026-11-22T02:00:05Z", "2099-01-01T00:00:00Z"),
                        now(),
                        SECRET,
                        null),
                400,
                "updatedAt");
        assertProblem(
                send(
                        "partner-test",
                        "orders",
                        order.replace("2026-11-22T02:00:00Z", "2099-01-01T00:00:00Z"),
                        now(),
                        SECRET,
                        null),
                400,
                "createdAt");
        assertProblem(
                send(
                        "partner-test",
                        "members",
                        "{\"memberId\":\"M-2099\",\"name\":\"张三\"," + "\"registeredAt\":\"2099-01-01T00:00:00Z\"}",
                        now(),
                        SECRET,
                        null),
                400,
                "registeredAt");
        assertThat(events("stock") + events("orders") + events("members")).isEqualTo(before);
        // a sender's clock a minute fast is inside the 5 minutes allowed
        assertThat(send(
                                "partner-test",
                                "stock",
                                "{\"sku\":\"TEE-WHT-M\",\"onHand\":5,\"location\":\"partner-wh-1\"," + "\"at\":\""
                                        + Instant.now().plusSeconds(60) + "\"}",
                                now(),
                                SECRET,
                                null)
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void aPartnerLineWithAnUnknownSkuIsParkedAsMappingDrift() throws Exception {
        double drift = drift();
        String body = ORDER.replace("P-1001", "P-DRIFT")
                .replace(
                        "{\"sku\":\"TEE-WHT-M\",\"qty\":2,\"unitPrice\":\"99.00\"}",
                        "{\"sku\":\"TEE-WHT-M\",\"qty\":1,\"unitPrice\":\"99.00\"},{\"sku\":\"NOT-IN-ANY-TABLE\",\"qty\":1,\"unitPrice\":\"99.00\"}");
        assertThat(send("partner-test", "orders", body, now(), SECRET, "drift-1")
                        .statusCode())
                .isEqualTo(202);
        JsonNode order = JSON.readTree(get("/api/orders/partner-test/P-DRIFT").body());
        assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("TEE-WHT-M");
        assertThat(order.path("lines").get(0).path("parkedReason").isMissingNode()
                        || order.path("lines").get(0).path("parkedReason").isNull())
                .isTrue();
        JsonNode parked = order.path("lines").get(1);
        assertThat(parked.path("sku").asText("")).as("not stored as a hub SKU").isEmpty();
        assertThat(parked.path("channelSku").asText()).isEqualTo("NOT-IN-ANY-TABLE");
        assertThat(parked.path("parkedReason").asText()).contains("unknown partner SKU NOT-IN-ANY-TABLE");
        assertThat(drift()).as("hub_mapping_drift_total{instance=partner-test}").isEqualTo(drift + 1);
        assertThat(send("partner-test", "orders", body, now(), SECRET, "drift-1")
                        .statusCode())
                .isEqualTo(202);
        assertThat(drift()).as("a retry is not counted again").isEqualTo(drift + 1);
    }

    @Test
    void anIdempotencyKeyReusedForADifferentBodyIs422AndTheFirstEventStands() throws Exception {
        String first = ORDER.replace("P-1001", "P-4001");
        String other = ORDER.replace("P-1001", "P-4002");
        HttpResponse<String> accepted = send("partner-test", "orders", first, now(), SECRET, "key-4001");
        assertThat(accepted.statusCode()).isEqualTo(202);
        HttpResponse<String> reused = send("partner-test", "orders", other, now(), SECRET, "key-4001");
        assertProblem(reused, 422, "Idempotency-Key");
        assertProblem(
                send(
                        "partner-test",
                        "stock",
                        "{\"sku\":\"TEE-WHT-M\",\"onHand\":5,\"location\":\"partner-wh-1\","
                                + "\"at\":\"2026-11-22T02:00:00Z\"}",
                        now(),
                        SECRET,
                        "key-4001"),
                422,
                "Idempotency-Key");
        HttpResponse<String> retried = send("partner-test", "orders", first, now() + 1, SECRET, "key-4001");
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(retried.body()).isEqualTo(accepted.body());
        assertThat(get("/api/orders/partner-test/P-4002").statusCode())
                .as("the second order was not taken")
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE message_key = 'partner-test:P-4001'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // two different bodies racing under one fresh key: one is taken, the other refused
        List<HttpRequest> racing = List.of("P-4101", "P-4102").stream()
                .map(id -> request("partner-test", "orders", ORDER.replace("P-1001", id), now(), SECRET, "key-4100"))
                .toList();
        List<Integer> statuses =
                racing.stream().map(r -> http.sendAsync(r, HttpResponse.BodyHandlers.ofString())).toList().stream()
                        .map(CompletableFuture::join)
                        .map(HttpResponse::statusCode)
                        .sorted()
                        .toList();
        assertThat(statuses).isEqualTo(List.of(202, 422));
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE message_key IN ('partner-test:P-4101', "
                                + "'partner-test:P-4102')")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void everyRefusalFromTheContainerOrTheFrameworkIsAProblem() throws Exception {
        // Tomcat refuses a header over server.max-http-request-header-size before Spring sees the request
        HttpResponse<String> header = http.send(
                HttpRequest.newBuilder(URI.create(api("/api/sync/status")))
                        .header("X-Padding", "x".repeat(100 * 1024))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(header, 400, null);
        assertThat(JSON.readTree(header.body()).path("title").asText()).isNotBlank();
        assertThat(JSON.readTree(header.body()).path("detail").asText()).containsIgnoringCase("header");

        assertProblem(get("/no/such/path"), 404, null);
        assertProblem(get("/webhooks/partners/partner-test/orders"), 405, null);
        assertProblem(
                http.send(
                        HttpRequest.newBuilder(URI.create(api("/api/prices/TEE-WHT-M")))
                                .header("Content-Type", "text/plain")
                                .PUT(HttpRequest.BodyPublishers.ofString("99.00"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()),
                415,
                null);
        String huge = "{\"pad\":\"" + "x".repeat(OVER_ONE_MIB) + "\"}";
        assertProblem(send("partner-test", "stock", huge, now(), SECRET, null), 413, null);
        assertProblem(youzan("youzan-test", huge, eventSign(huge)), 413, null);
        assertProblem(postWeCom(contactEvent("add_external_contact", "wmEXT404", 1795341600), false), 401, null);

        // a request line Tomcat cannot parse, sent as raw bytes (HttpClient would not send it)
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/stock/a{b} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(raw).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
            JsonNode p = JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
            assertThat(p.path("status").asInt()).isEqualTo(400);
            assertThat(p.path("detail").asText()).isNotBlank();
        }
    }

    @Test
    void aYouzanTradeWithAQuantityPastTheLimitIsRefusedNamingTheField() throws Exception {
        String body =
                youzanTrade("E20261122100000099", "msg-99", "trade_TradePaid", "TRADE_PAID", "2026-11-22 10:00:30");
        String huge = body.replace("%22num%22%3A2%2C", "%22num%22%3A99999999999999999999%2C");
        assertThat(huge).isNotEqualTo(body);
        assertProblem(youzan("youzan-test", huge, eventSign(huge)), 400, "msg.full_order_info.orders[0].num");
        assertThat(get("/api/orders/youzan-test/E20261122100000099").statusCode())
                .isEqualTo(404);
    }

    private long events(String kind) {
        return jdbc.sql("SELECT count(*) FROM inbound_event WHERE channel_id = 'partner-test' AND kind = :k")
                .param("k", kind)
                .query(Long.class)
                .single();
    }

    private double drift() {
        Counter c =
                meters.find("hub.mapping.drift").tag("instance", "partner-test").counter();
        return c == null ? 0 : c.count();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api(path))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
