package io.omnihub.sandbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import io.omnihub.connectors.douyin.DoudianClient;
import io.omnihub.connectors.douyin.DoudianCredentials;
import io.omnihub.connectors.douyin.DoudianSkus;
import io.omnihub.connectors.jd.JosClient;
import io.omnihub.connectors.jd.JdSkus;
import io.omnihub.connectors.jd.JosCredentials;
import io.omnihub.connectors.taobao.TaobaoItems;
import io.omnihub.connectors.taobao.TaobaoTrades;
import io.omnihub.connectors.taobao.TopClient;
import io.omnihub.connectors.taobao.TopCredentials;
import io.omnihub.connectors.taobao.TopSigner.SignMethod;
import io.omnihub.sandbox.sim.SimShop.Want;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each simulator over real HTTP: a correctly signed request from the hub's connectors is served,
 * a wrongly signed or unsigned one gets that platform's own error.
 */
class SimulatorProtocolTest {

    static Sandbox sandbox;
    static final HttpClient http = HttpClient.newHttpClient();
    static final Duration timeout = Duration.ofSeconds(5);

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, Clock.systemUTC());
        sandbox.addShop(new SimShop.Config("tmall-test", "taobao", "tb-key", "tb-secret", "tb-session", 0),
                List.of(new SimSku("600001", "5000001", "SKU-A", "T-shirt", 10, 9900),
                        new SimSku("600002", "5000002", "SKU-B", "Cap", 10, 5900)));
        sandbox.addShop(new SimShop.Config("jd-test", "jd", "jd-key", "jd-secret", "jd-token", 0),
                List.of(new SimSku("700001", "100001", "SKU-A", "T-shirt", 10, 9900),
                        new SimSku("700002", "100002", "SKU-B", "Cap", 10, 5900),
                        new SimSku("700003", "100003", "SKU-C", "Socks", 10, 1900)));
        sandbox.addShop(new SimShop.Config("dy-test", "douyin", "7000000000000000001", "dy-secret", "dy-token", 0),
                List.of(new SimSku("3600000000000000001", "1700000000001", "SKU-A", "T-shirt", 10, 9900),
                        new SimSku("3600000000000000002", "1700000000002", "SKU-B", "Cap", 10, 5900)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static TopClient top(String secret, SignMethod method) {
        return new TopClient(URI.create(sandbox.endpoint("taobao")), new TopCredentials("tb-key", secret, "tb-session"),
                method, http, Clock.systemUTC(), timeout);
    }

    @Test
    void taobaoServesASignedPullInEverySignMethodAndPagesNewestFirst() {
        SimShop shop = sandbox.shop("tmall-test").orElseThrow();
        long before = shop.sku("5000001").orElseThrow().quantity();
        SimOrder first = shop.placeOrder(new SimPeople(5, 1).pick(new java.util.Random(1)).on("taobao"),
                List.of(new Want("5000001", 2)), SimStatus.PAID).orElseThrow();
        Instant now = Instant.now();
        for (SignMethod m : SignMethod.values()) {
            TaobaoTrades.Page page = new TaobaoTrades(top("tb-secret", m))
                    .soldIncrement(now.minusSeconds(600), now.plusSeconds(60), 1, 100);
            assertThat(page.trades()).extracting(t -> t.path("tid_str").asText()).contains(first.orderId());
            JsonNode trade = page.trades().stream().filter(t -> t.path("tid_str").asText().equals(first.orderId()))
                    .findFirst().orElseThrow();
            assertThat(trade.path("payment").asText()).isEqualTo(SimMoney.yuan(2 * first.lines().get(0).unitPriceFen()));
            assertThat(trade.path("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
            assertThat(trade.path("orders").path("order").get(0).path("sku_id").asText()).isEqualTo("5000001");
        }
        assertThat(shop.sku("5000001").orElseThrow().quantity()).as("stock taken by the order").isEqualTo(before - 2);
    }

    @Test
    void taobaoRejectsAWrongSignatureWithCode25() {
        assertThatThrownBy(() -> top("not-the-secret", SignMethod.MD5).call(TaobaoTrades.METHOD, Map.of("fields", "tid")))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo("25");
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("Invalid signature");
                });
    }

    @Test
    void taobaoRejectsAnUnsignedRequestWithCode24() throws Exception {
        String url = sandbox.endpoint("taobao") + "?method=taobao.trades.sold.increment.get&app_key=tb-key&v=2.0"
                + "&format=json&timestamp=" + java.net.URLEncoder.encode(
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .withZone(java.time.ZoneId.of("GMT+8")).format(Instant.now()), "UTF-8");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"error_response\"").contains("\"code\":24");
    }

    @Test
    void taobaoThrottlesWithAppCallLimitedAndBanSeconds() {
        sandbox.shop("tmall-test").orElseThrow().faults().throttleNext(1);
        assertThatThrownBy(() -> top("tb-secret", SignMethod.HMAC_SHA256).call(TaobaoTrades.METHOD, Map.of("fields", "tid")))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo("7");
                    assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
                    assertThat(e.retryAfterSeconds()).isEqualTo(1);
                });
    }

    private static JosClient jos(String secret) {
        return new JosClient(URI.create(sandbox.endpoint("jd")), new JosCredentials("jd-key", secret, "jd-token"), http,
                Clock.systemUTC(), timeout);
    }

    @Test
    void jdServesASignedOrderSearchAndRejectsAWrongSignatureWithCode12() {
        SimShop shop = sandbox.shop("jd-test").orElseThrow();
        SimOrder order = shop.placeOrder(new SimPeople(5, 1).pick(new java.util.Random(2)).on("jd"),
                List.of(new Want("100001", 1)), SimStatus.PAID).orElseThrow();
        var fmt = JosClient.TIMESTAMP;
        Instant now = Instant.now();
        JsonNode r = jos("jd-secret").call("jingdong.pop.order.search", Map.of(
                "start_date", fmt.format(now.minusSeconds(600)), "end_date", fmt.format(now.plusSeconds(60)),
                "order_state", "WAIT_SELLER_STOCK_OUT", "optional_fields", "orderId,orderState,itemInfoList",
                "page", "1", "page_size", "100", "dateType", 0));
        JsonNode result = r.path("searchorderinfo_result");
        assertThat(result.path("apiResult").path("success").asBoolean()).isTrue();
        assertThat(result.path("orderInfoList").findValuesAsText("orderId")).contains(order.orderId());

        assertThatThrownBy(() -> jos("wrong").call("jingdong.pop.order.search", Map.of("page", "1")))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo("12");
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                });
    }

    private static DoudianClient doudian(String secret) {
        return new DoudianClient(URI.create(sandbox.endpoint("douyin")),
                new DoudianCredentials("7000000000000000001", secret, "dy-token"), http, Clock.systemUTC(), timeout);
    }

    @Test
    void douyinServesASignedSearchListAndRejectsAWrongSignatureWith40003() {
        SimShop shop = sandbox.shop("dy-test").orElseThrow();
        SimOrder order = shop.placeOrder(new SimPeople(5, 1).pick(new java.util.Random(3)).on("douyin"),
                List.of(new Want("1700000000001", 3)), SimStatus.PAID).orElseThrow();
        long now = Instant.now().getEpochSecond();
        JsonNode data = doudian("dy-secret").call("order.searchList", Map.of("page", 0, "size", 100,
                "order_by", "update_time", "order_asc", true, "update_time_start", now - 600, "update_time_end", now + 60));
        assertThat(data.path("shop_order_list").findValuesAsText("order_id")).contains(order.orderId());
        assertThat(data.path("total").asLong()).isGreaterThanOrEqualTo(1);

        assertThatThrownBy(() -> doudian("wrong").call("order.searchList", Map.of("page", 0, "size", 10)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo("40003");
                    assertThat(e.getMessage()).contains("isv.signature-invalid");
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                });
    }

    interface ListingCheck {
        void check(String shopId, ListingUpdates connector, SimSku sku, ListingUpdates.SkuRef ref);
    }

    /** Runs a check with each platform's listing connector on the given SKU of its test shop. */
    void eachConnector(Map<String, String> skuIds, ListingCheck check) {
        Map<String, ListingUpdates> connectors = Map.of(
                "tmall-test", new TaobaoItems(top("tb-secret", SignMethod.HMAC_SHA256)),
                "jd-test", new JdSkus(jos("jd-secret")),
                "dy-test", new DoudianSkus(doudian("dy-secret")));
        connectors.forEach((shopId, connector) -> {
            SimSku sku = sandbox.shop(shopId).orElseThrow().sku(skuIds.get(shopId)).orElseThrow();
            check.check(shopId, connector, sku, new ListingUpdates.SkuRef(sku.itemId(), sku.skuId(), sku.outerSkuId()));
        });
    }

    @Test
    void eachConnectorsStockAndPriceUpdatesAreAcceptedByItsSimulator() {
        eachConnector(Map.of("tmall-test", "5000001", "jd-test", "100001", "dy-test", "1700000000001"), (shopId, connector, sku, ref) -> {
            connector.setStock(ref, 42, "req-" + shopId);
            connector.setPrice(ref, 12_990);
            assertThat(sku.quantity()).as(shopId + " stock").isEqualTo(42);
            assertThat(sku.priceFen()).as(shopId + " price").isEqualTo(12_990);
        });
    }

    @Test
    void eachConnectorReadsStockBackAndTheIncrementalOnesAdjustItWithoutGoingBelowZero() {
        eachConnector(Map.of("tmall-test", "5000002", "jd-test", "100002", "dy-test", "1700000000002"), (shopId, connector, sku, ref) -> {
            connector.setStock(ref, 30, "set-" + shopId);
            sku.take(4); // a buyer orders on the platform
            assertThat(connector.stock(ref)).as(shopId + " read back").isEqualTo(26);
            if (connector.adjustsStock()) {
                connector.adjustStock(ref, -6, "adj-" + shopId);
                assertThat(sku.quantity()).as(shopId + " after -6").isEqualTo(20);
                assertThatThrownBy(() -> connector.adjustStock(ref, -21, "adj2-" + shopId))
                        .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
                assertThat(sku.quantity()).as(shopId + " refused, unchanged").isEqualTo(20);
            } else {
                assertThat(shopId).isEqualTo("jd-test"); // JD takes absolute values only
            }
        });
    }

    @Test
    void aShopThatIsDownAnswersEveryCallWithA503UntilItIsBack() {
        SimShop shop = sandbox.shop("jd-test").orElseThrow();
        JdSkus jd = new JdSkus(jos("jd-secret"));
        ListingUpdates.SkuRef ref = new ListingUpdates.SkuRef("700003", "100003", null);
        shop.faults().down(true);
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> jd.stock(ref)).isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
            }
        } finally {
            shop.faults().down(false);
        }
        assertThat(jd.stock(ref)).isEqualTo(shop.sku("100003").orElseThrow().quantity());
    }

    @Test
    void readingADeletedSkuIsAPermanentErrorWithThePlatformsReason() {
        SimShop shop = sandbox.shop("dy-test").orElseThrow();
        SimSku gone = new SimSku("3600000009", "1700000000009", "SKU-GONE", "gone", 1, 100);
        shop.list(gone);
        gone.delete();
        assertThatThrownBy(() -> new DoudianSkus(doudian("dy-secret")).stock(
                new ListingUpdates.SkuRef("3600000009", "1700000000009", null)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("sku不存在");
                });
    }

    @Test
    void aDeletedSkuIsRefusedAsAPermanentErrorWithThePlatformsReason() {
        SimShop shop = sandbox.shop("jd-test").orElseThrow();
        SimSku gone = new SimSku("700009", "100009", "SKU-GONE", "gone", 1, 100);
        shop.list(gone);
        gone.delete();
        assertThatThrownBy(() -> new JdSkus(jos("jd-secret")).setStock(new ListingUpdates.SkuRef("700009", "100009", null), 5, "r"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("sku不存在");
                });
    }
}
