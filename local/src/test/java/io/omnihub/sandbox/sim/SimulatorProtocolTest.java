package io.omnihub.sandbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.channels.douyin.DoudianClient;
import io.omnihub.channels.douyin.DoudianCredentials;
import io.omnihub.channels.douyin.DoudianSkus;
import io.omnihub.channels.jd.JdSkus;
import io.omnihub.channels.jd.JosClient;
import io.omnihub.channels.jd.JosCredentials;
import io.omnihub.channels.taobao.TaobaoItems;
import io.omnihub.channels.taobao.TaobaoTrades;
import io.omnihub.channels.taobao.TopClient;
import io.omnihub.channels.taobao.TopCredentials;
import io.omnihub.channels.taobao.TopSigner.SignMethod;
import io.omnihub.connectors.ListingUpdates;
import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
        sandbox.addShop(
                new SimShop.Config("tmall-test", "taobao", "tb-key", "tb-secret", "tb-session", 0),
                List.of(
                        new SimSku("600001", "5000001", "SKU-A", "T-shirt", 10, 9900),
                        new SimSku("600002", "5000002", "SKU-B", "Cap", 10, 5900)));
        sandbox.addShop(
                new SimShop.Config("jd-test", "jd", "jd-key", "jd-secret", "jd-token", 0),
                List.of(
                        new SimSku("700001", "100001", "SKU-A", "T-shirt", 10, 9900),
                        new SimSku("700002", "100002", "SKU-B", "Cap", 10, 5900),
                        new SimSku("700003", "100003", "SKU-C", "Socks", 10, 1900)));
        sandbox.addShop(
                new SimShop.Config("dy-test", "douyin", "7000000000000000001", "dy-secret", "dy-token", 0),
                List.of(
                        new SimSku("3600000000000000001", "1700000000001", "SKU-A", "T-shirt", 10, 9900),
                        new SimSku("3600000000000000002", "1700000000002", "SKU-B", "Cap", 10, 5900)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static TopClient top(String secret, SignMethod method) {
        return new TopClient(
                URI.create(sandbox.endpoint("taobao")),
                new TopCredentials("tb-key", secret, "tb-session"),
                method,
                http,
                Clock.systemUTC(),
                timeout);
    }

    @Test
    void taobaoServesASignedPullInEverySignMethodAndPagesNewestFirst() {
        SimShop shop = sandbox.shop("tmall-test").orElseThrow();
        long before = shop.sku("5000001").orElseThrow().quantity();
        SimOrder first = shop.placeOrder(
                        new SimPeople(5, 1).pick(new java.util.Random(1)).on("taobao"),
                        List.of(new Want("5000001", 2)),
                        SimStatus.PAID)
                .orElseThrow();
        Instant now = Instant.now();
        for (SignMethod m : SignMethod.values()) {
            TaobaoTrades.Page page = new TaobaoTrades(top("tb-secret", m))
                    .soldIncrement(now.minusSeconds(600), now.plusSeconds(60), 1, 100);
            assertThat(page.trades())
                    .extracting(t -> t.path("tid_str").asText())
                    .contains(first.orderId());
            JsonNode trade = page.trades().stream()
                    .filter(t -> t.path("tid_str").asText().equals(first.orderId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(trade.path("payment").asText())
                    .isEqualTo(SimMoney.yuan(2 * first.lines().get(0).unitPriceFen()));
            assertThat(trade.path("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
            assertThat(trade.path("orders").path("order").get(0).path("sku_id").asText())
                    .isEqualTo("5000001");
        }
        assertThat(shop.sku("5000001").orElseThrow().quantity())
                .as("stock taken by the order")
                .isEqualTo(before - 2);
    }

    @Test
    void taobaoRejectsAWrongSignatureWithCode25() {
        assertThatThrownBy(
                        () -> top("not-the-secret", SignMethod.MD5).call(TaobaoTrades.METHOD, Map.of("fields", "tid")))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo("25");
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("Invalid signature");
                });
    }

    @Test
    void taobaoRejectsAnUnsignedRequestWithCode24() throws Exception {
        String url = sandbox.endpoint("taobao") + "?method=taobao.trades.sold.increment.get&app_key=tb-key&v=2.0"
                + "&format=json&timestamp="
                + java.net.URLEncoder.encode(
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                                .withZone(java.time.ZoneId.of("GMT+8"))
                                .format(Instant.now()),
                        "UTF-8");
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"error_response\"").contains("\"code\":24");
    }

    @Test
    void taobaoThrottlesWithAppCallLimitedAndBanSeconds() {
        sandbox.shop("tmall-test").orElseThrow().faults().throttleNext(1);
        assertThatThrownBy(() ->
                        top("tb-secret", SignMethod.HMAC_SHA256).call(TaobaoTrades.METHOD, Map.of("fields", "tid")))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo("7");
                    assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
                    assertThat(e.retryAfterSeconds()).isEqualTo(1);
                });
    }

    private static JosClient jos(String secret) {
        return new JosClient(
                URI.create(sandbox.endpoint("jd")),
                new JosCredentials("jd-key", secret, "jd-token"),
                http,
                Clock.systemUTC(),
                timeout);
    }

    @Test
    void jdServesASignedOrderSearchAndRejectsAWrongSignatureWithCode12() {
        SimShop shop = sandbox.shop("jd-test").orElseThrow();
        SimOrder order = shop.placeOrder(
                        new SimPeople(5, 1).pick(new java.util.Random(2)).on("jd"),
                        List.of(new Want("100001", 1)),
                        SimStatus.PAID)
                .orElseThrow();
        var fmt = JosClient.TIMESTAMP;
        Instant now = Instant.now();
        JsonNode r = jos("jd-secret")
                .call(
                        "jingdong.pop.order.search",
                        Map.of(
                                "start_date",
                                fmt.format(now.minusSeconds(600)),
                                "end_date",
                                fmt.format(now.plusSeconds(60)),
                                "order_state",
                                "WAIT_SELLER_STOCK_OUT",
                                "optional_fields",
                                "orderId,orderState,itemInfoList",
                                "page",
                                "1",
                                "page_size",
                                "100",
                                "dateType",
                                0));
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
        return new DoudianClient(
                URI.create(sandbox.endpoint("douyin")),
                new DoudianCredentials("7000000000000000001", secret, "dy-token"),
                http,
                Clock.systemUTC(),
                timeout);
    }

    @Test
    void douyinServesASignedSearchListAndRejectsAWrongSignatureWith40003() {
        SimShop shop = sandbox.shop("dy-test").orElseThrow();
        SimOrder order = shop.placeOrder(
                        new SimPeople(5, 1).pick(new java.util.Random(3)).on("douyin"),
                        List.of(new Want("1700000000001", 3)),
                        SimStatus.PAID)
                .orElseThrow();
        long now = Instant.now().getEpochSecond();
        JsonNode data = doudian("dy-secret")
                .call(
                        "order.searchList",
                        Map.of(
                                "page",
                                0,
                                "size",
                                100,
                                "order_by",
                                "update_time",
                                "order_asc",
                                true,
                                "update_time_start",
                                now - 600,
                                "update_time_end",
                                now + 60));
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

    static final List<String> SHOPS = List.of("tmall-test", "jd-test", "dy-test");

    /** The platform's listing connector for one of the test shops, with the right credentials. */
    static ListingUpdates connector(String shopId) {
        return switch (shopId) {
            case "tmall-test" -> new TaobaoItems(top("tb-secret", SignMethod.HMAC_SHA256));
            case "jd-test" -> new JdSkus(jos("jd-secret"));
            case "dy-test" -> new DoudianSkus(doudian("dy-secret"));
            default -> throw new IllegalArgumentException(shopId);
        };
    }

    static ListingUpdates.SkuRef ref(SimSku sku) {
        return new ListingUpdates.SkuRef(sku.itemId(), sku.skuId(), sku.outerSkuId());
    }

    /** A SKU numbered {@code n} (two digits) listed in each test shop: 10 units at 10.00. */
    static Map<String, SimSku> listedInEachShop(String n, String code, String title) {
        Map<String, SimSku> skus = Map.of(
                "tmall-test", new SimSku("6000" + n, "50000" + n, code, title, 10, 1000),
                "jd-test", new SimSku("7000" + n, "1000" + n, code, title, 10, 1000),
                "dy-test", new SimSku("36000000000000000" + n, "17000000000" + n, code, title, 10, 1000));
        skus.forEach((shopId, sku) -> sandbox.shop(shopId).orElseThrow().list(sku));
        return skus;
    }

    /** Runs a check with each platform's listing connector on the given SKU of its test shop. */
    void eachConnector(Map<String, String> skuIds, ListingCheck check) {
        for (String shopId : SHOPS) {
            SimSku sku =
                    sandbox.shop(shopId).orElseThrow().sku(skuIds.get(shopId)).orElseThrow();
            check.check(shopId, connector(shopId), sku, ref(sku));
        }
    }

    @Test
    void eachConnectorsStockAndPriceUpdatesAreAcceptedByItsSimulator() {
        eachConnector(
                Map.of("tmall-test", "5000001", "jd-test", "100001", "dy-test", "1700000000001"),
                (shopId, connector, sku, ref) -> {
                    connector.setStock(ref, 42, "req-" + shopId);
                    connector.setPrice(ref, 12_990);
                    assertThat(sku.quantity()).as(shopId + " stock").isEqualTo(42);
                    assertThat(sku.priceFen()).as(shopId + " price").isEqualTo(12_990);
                });
    }

    @Test
    void eachConnectorReadsStockBackAndTheIncrementalOnesAdjustItWithoutGoingBelowZero() {
        eachConnector(
                Map.of("tmall-test", "5000002", "jd-test", "100002", "dy-test", "1700000000002"),
                (shopId, connector, sku, ref) -> {
                    connector.setStock(ref, 30, "set-" + shopId);
                    sku.take(4); // a buyer orders on the platform
                    assertThat(connector.stock(ref)).as(shopId + " read back").isEqualTo(26);
                    if (connector.adjustsStock()) {
                        connector.adjustStock(ref, -6, "adj-" + shopId);
                        assertThat(sku.quantity()).as(shopId + " after -6").isEqualTo(20);
                        assertThatThrownBy(() -> connector.adjustStock(ref, -21, "adj2-" + shopId))
                                .isInstanceOfSatisfying(
                                        PlatformException.class,
                                        e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
                        assertThat(sku.quantity())
                                .as(shopId + " refused, unchanged")
                                .isEqualTo(20);
                    } else {
                        assertThat(shopId).isEqualTo("jd-test"); // JD takes absolute values only
                    }
                    sku.setQuantity(17); // changed on the platform behind the hub's back
                    assertThat(connector.stock(ref))
                            .as(shopId + " read back after a change on the platform")
                            .isEqualTo(17);
                });
    }

    @Test
    void eachSimulatorAnswersTheStockReadInThePlatformsShape() {
        SimShop tmall = sandbox.shop("tmall-test").orElseThrow();
        SimSku variant = new SimSku("600031", "5000031", "SKU-V", "Scarf", 31, 2900);
        SimSku single = new SimSku("600032", "600032", "SKU-N", "Mug", 32, 1500);
        tmall.list(variant);
        tmall.list(single);
        JsonNode sku = top("tb-secret", SignMethod.MD5)
                .call(
                        "taobao.item.sku.get",
                        Map.of("fields", "sku_id,num_iid,quantity", "num_iid", "600031", "sku_id", "5000031"))
                .path("sku");
        assertThat(sku.path("sku_id").asLong()).isEqualTo(5000031L);
        assertThat(sku.path("num_iid").asLong()).isEqualTo(600031L);
        assertThat(sku.path("quantity").asLong()).isEqualTo(31);
        JsonNode item = top("tb-secret", SignMethod.MD5)
                .call("taobao.item.seller.get", Map.of("fields", "num_iid,num", "num_iid", "600032"))
                .path("item");
        assertThat(item.path("num_iid").asLong()).isEqualTo(600032L);
        assertThat(item.path("num").asLong()).isEqualTo(32);

        SimShop jd = sandbox.shop("jd-test").orElseThrow();
        jd.list(new SimSku("700031", "100031", "SKU-V", "Scarf", 33, 2900));
        JsonNode found = jos("jd-secret").call("jingdong.stock.read.findSkuStock", Map.of("skuId", 100031L));
        // the SDK's StockReadFindSkuStockResponse: code and skuStocks, no success flag
        assertThat(found.path("code").asText()).isEqualTo("0");
        assertThat(found.has("success")).isFalse();
        assertThat(found.path("skuStocks")).hasSize(1);
        assertThat(found.path("skuStocks").get(0).path("skuId").asLong()).isEqualTo(100031L);
        assertThat(found.path("skuStocks").get(0).path("stockNum").asLong()).isEqualTo(33);
        assertThat(found.path("skuStocks").get(0).path("storeId").asLong()).isZero();

        SimShop dy = sandbox.shop("dy-test").orElseThrow();
        dy.list(new SimSku("3600000000000000031", "1700000000031", "SKU-V", "Scarf", 34, 2900));
        JsonNode detail = doudian("dy-secret").call("sku.detail", Map.of("sku_id", 1700000000031L));
        assertThat(detail.path("id").asLong()).isEqualTo(1700000000031L);
        assertThat(detail.path("product_id").asLong()).isEqualTo(3600000000000000031L);
        assertThat(detail.path("stock_num").asLong()).isEqualTo(34);
    }

    @Test
    void taobaoReadsAnItemWithoutVariantsWithItemSellerGet() {
        SimShop shop = sandbox.shop("tmall-test").orElseThrow();
        SimSku single = new SimSku("600033", "600033", "SKU-M", "Bag", 5, 8800);
        shop.list(single);
        ListingUpdates taobao = connector("tmall-test");
        taobao.setStock(ref(single), 44, "single");
        assertThat(single.quantity()).isEqualTo(44);
        assertThat(taobao.stock(ref(single))).isEqualTo(44);
        single.setQuantity(3);
        assertThat(taobao.stock(ref(single))).isEqualTo(3);
    }

    @Test
    void aShopThatIsDownAnswersEveryCallWithA503UntilItIsBack() {
        Map<String, SimSku> skus = listedInEachShop("40", "SKU-D", "Down");
        for (String shopId : SHOPS) {
            SimShop shop = sandbox.shop(shopId).orElseThrow();
            SimSku sku = skus.get(shopId);
            ListingUpdates connector = connector(shopId);
            ListingUpdates.SkuRef ref = ref(sku);
            List<ThrowingCallable> calls = new java.util.ArrayList<>(List.of(
                    () -> connector.stock(ref),
                    () -> connector.setStock(ref, 99, "down-" + shopId),
                    () -> connector.setPrice(ref, 5_000)));
            if (connector.adjustsStock()) {
                calls.add(() -> connector.adjustStock(ref, -1, "down-adj-" + shopId));
            }
            switch (shopId) {
                case "tmall-test" -> {
                    calls.add(
                            () -> top("tb-secret", SignMethod.MD5).call(TaobaoTrades.METHOD, Map.of("fields", "tid")));
                    calls.add(() -> top("wrong", SignMethod.MD5).call(TaobaoTrades.METHOD, Map.of("fields", "tid")));
                }
                case "jd-test" -> {
                    calls.add(() -> jos("jd-secret").call("jingdong.pop.order.search", Map.of("page", "1")));
                    calls.add(() -> jos("wrong").call("jingdong.pop.order.search", Map.of("page", "1")));
                }
                default -> {
                    calls.add(() -> doudian("dy-secret").call("order.searchList", Map.of("page", 0, "size", 10)));
                    calls.add(() -> doudian("wrong").call("order.searchList", Map.of("page", 0, "size", 10)));
                }
            }
            shop.faults().down(true);
            try {
                assertThat(shop.faults().isDown()).isTrue();
                for (int round = 0; round < 2; round++) {
                    for (ThrowingCallable call : calls) {
                        assertThatThrownBy(call)
                                .as(shopId + " while down")
                                .isInstanceOfSatisfying(PlatformException.class, e -> {
                                    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                                    assertThat(e.code()).isEqualTo("http-503");
                                });
                    }
                }
            } finally {
                shop.faults().down(false);
            }
            assertThat(sku.quantity()).as(shopId + " untouched while down").isEqualTo(10);
            assertThat(sku.priceFen()).as(shopId + " untouched while down").isEqualTo(1000);
            assertThat(connector.stock(ref)).as(shopId + " back up").isEqualTo(10);
            connector.setStock(ref, 12, "up-" + shopId);
            assertThat(connector.stock(ref)).as(shopId + " back up").isEqualTo(12);
        }
    }

    @Test
    void readingADeletedSkuIsAPermanentErrorWithThePlatformsReason() {
        Map<String, String> reasons = Map.of("tmall-test", "商品不存在或已删除", "jd-test", "sku不存在", "dy-test", "sku不存在或已删除");
        // JD's stock read answers a SKU it does not sell with no entry, not an error
        Map<String, String> readReasons =
                Map.of("tmall-test", "商品不存在或已删除", "jd-test", "no stock for SKU", "dy-test", "sku不存在或已删除");
        Map<String, List<SimSku>> gone = Map.of(
                "tmall-test",
                        List.of(
                                new SimSku("600050", "5000050", "SKU-GONE", "gone", 1, 100),
                                new SimSku(
                                        "600051",
                                        "600051",
                                        "SKU-GONE1",
                                        "gone",
                                        1,
                                        100)), // no variants: item.seller.get
                "jd-test", List.of(new SimSku("700050", "100050", "SKU-GONE", "gone", 1, 100)),
                "dy-test", List.of(new SimSku("3600000000000000050", "1700000000050", "SKU-GONE", "gone", 1, 100)));
        for (String shopId : SHOPS) {
            SimShop shop = sandbox.shop(shopId).orElseThrow();
            ListingUpdates connector = connector(shopId);
            for (SimSku sku : gone.get(shopId)) {
                shop.list(sku);
                sku.delete();
                assertThatThrownBy(() -> connector.stock(ref(sku)))
                        .as(shopId + " read of " + sku.skuId())
                        .isInstanceOfSatisfying(PlatformException.class, e -> {
                            assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                            assertThat(e.getMessage()).contains(readReasons.get(shopId));
                        });
                assertThatThrownBy(() -> connector.setStock(ref(sku), 1, "gone"))
                        .as(shopId + " write of " + sku.skuId())
                        .isInstanceOfSatisfying(PlatformException.class, e -> {
                            assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                            assertThat(e.getMessage()).contains(reasons.get(shopId));
                        });
            }
            // a SKU the platform never had is refused the same way
            SimSku unknown = new SimSku(
                    gone.get(shopId).get(0).itemId(),
                    shopId.equals("dy-test") ? "1700000000059" : "100059",
                    "SKU-NONE",
                    "none",
                    0,
                    100);
            assertThatThrownBy(() -> connector.stock(ref(unknown)))
                    .as(shopId + " unknown SKU")
                    .isInstanceOfSatisfying(PlatformException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                        assertThat(e.getMessage()).contains(readReasons.get(shopId));
                    });
        }
    }

    @Test
    void aDeletedSkuIsRefusedAsAPermanentErrorWithThePlatformsReason() {
        SimShop shop = sandbox.shop("jd-test").orElseThrow();
        SimSku gone = new SimSku("700009", "100009", "SKU-GONE", "gone", 1, 100);
        shop.list(gone);
        gone.delete();
        assertThatThrownBy(() -> new JdSkus(jos("jd-secret"))
                        .setStock(new ListingUpdates.SkuRef("700009", "100009", null), 5, "r"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("sku不存在");
                });
    }

    @Test
    void taobaoRefusesACallWithoutAnArgumentItsReferenceMarksRequiredWithCode40() {
        SimShop shop = sandbox.shop("tmall-test").orElseThrow();
        SimSku sku = new SimSku("600060", "5000060", "SKU-R", "Required", 10, 1000);
        shop.list(sku);
        TopClient top = top("tb-secret", SignMethod.MD5);
        Map<String, Map<String, String>> calls = Map.of(
                "properties", Map.of("taobao.item.sku.price.update", "num_iid=600060&price=12.00"),
                "quantity", Map.of("taobao.item.quantity.update", "num_iid=600060&sku_id=5000060&type=1"),
                "sku_id", Map.of("taobao.item.sku.get", "num_iid=600060&fields=sku_id,quantity"),
                "fields", Map.of("taobao.item.seller.get", "num_iid=600060"));
        calls.forEach((missing, call) -> call.forEach((method, query) -> {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            for (String pair : query.split("&")) {
                params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            assertThatThrownBy(() -> top.call(method, params))
                    .as(method + " without " + missing)
                    .isInstanceOfSatisfying(PlatformException.class, e -> {
                        assertThat(e.code()).isEqualTo("40");
                        assertThat(e.getMessage()).contains("Missing required arguments:" + missing);
                        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    });
        }));
        assertThat(sku.priceFen()).isEqualTo(1000);
        assertThat(sku.quantity()).isEqualTo(10);
    }

    @Test
    void taobaoSkuPricesAreAddressedByThePropertiesTheSkuReadGives() {
        SimShop shop = sandbox.shop("tmall-test").orElseThrow();
        SimSku red = new SimSku("600070", "5000071", "SKU-RED", "Red", 10, 1000, "1627207:28326;20509:28315");
        SimSku blue = new SimSku("600070", "5000072", "SKU-BLUE", "Blue", 10, 1000, "1627207:28338;20509:28315");
        shop.list(red);
        shop.list(blue);
        JsonNode read = top("tb-secret", SignMethod.MD5)
                .call(
                        "taobao.item.sku.get",
                        Map.of("fields", "sku_id,properties", "num_iid", "600070", "sku_id", "5000072"))
                .path("sku");
        assertThat(read.path("properties").asText()).isEqualTo("1627207:28338;20509:28315");
        assertThat(read.has("quantity")).as("only the fields asked for").isFalse();

        ListingUpdates taobao = connector("tmall-test");
        taobao.setPrice(ref(blue), 15_900);
        taobao.setPrice(ref(red), 14_900);
        assertThat(blue.priceFen()).isEqualTo(15_900);
        assertThat(red.priceFen()).isEqualTo(14_900);

        // a property string no SKU of the item has is refused for good, and nothing changes
        assertThatThrownBy(() -> top("tb-secret", SignMethod.MD5)
                        .call(
                                "taobao.item.sku.price.update",
                                Map.of("num_iid", "600070", "properties", "1627207:1", "price", "1.00")))
                .isInstanceOfSatisfying(
                        PlatformException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
        assertThat(red.priceFen()).isEqualTo(14_900);
        assertThat(blue.priceFen()).isEqualTo(15_900);

        // the seller re-cuts the item's variants: blue gets a new property string, and the connector, which
        // kept the old one, is refused, reads it again and sends the price once more
        SimSku recut = new SimSku("600070", "5000072", "SKU-BLUE", "Blue", 10, 15_900, "1627207:28340;20509:28315");
        shop.list(recut);
        taobao.setPrice(ref(recut), 16_900);
        assertThat(recut.priceFen()).isEqualTo(16_900);

        JsonNode item = top("tb-secret", SignMethod.MD5)
                .call("taobao.item.seller.get", Map.of("fields", "num_iid,num,skus", "num_iid", "600070"))
                .path("item");
        assertThat(item.path("num").asLong()).isEqualTo(20);
        assertThat(item.path("skus").path("sku").findValuesAsText("properties"))
                .containsExactlyInAnyOrder(red.properties(), recut.properties());
    }

    @Test
    void jdRefusesAStockOrPriceCallWithoutTheParameterTheSdkRequestRequires() {
        for (Map.Entry<String, Map<String, Object>> call : Map.<String, Map<String, Object>>of(
                        "jingdong.stock.write.updateSkuStock", Map.of("skuId", 100001L),
                        "jingdong.price.write.updateSkuJdPrice", Map.of("skuId", 100001L),
                        "jingdong.stock.read.findSkuStock", Map.of("field", "stockNum"))
                .entrySet()) {
            assertThatThrownBy(() -> jos("jd-secret").call(call.getKey(), call.getValue()))
                    .as(call.getKey())
                    .isInstanceOfSatisfying(PlatformException.class, e -> {
                        assertThat(e.code()).isEqualTo("60");
                        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    });
        }
    }

    @Test
    void douyinRefusesAParameterTheSkuMethodsRequestDoesNotListAndOneMissing() {
        SimShop dy = sandbox.shop("dy-test").orElseThrow();
        dy.list(new SimSku("3600000000000000061", "1700000000061", "SKU-P", "Param", 5, 1000));
        assertThatThrownBy(() -> doudian("dy-secret")
                        .call("sku.detail", Map.of("product_id", 3600000000000000061L, "sku_id", 1700000000061L)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.getMessage()).contains("isv.parameter-invalid").contains("product_id");
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                });
        assertThatThrownBy(() -> doudian("dy-secret")
                        .call(
                                "sku.syncStock",
                                Map.of(
                                        "product_id",
                                        3600000000000000061L,
                                        "sku_id",
                                        1700000000061L,
                                        "incremental",
                                        false)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo("40001");
                    assertThat(e.getMessage()).contains("stock_num");
                });
        assertThat(connector("dy-test")
                        .stock(new ListingUpdates.SkuRef("3600000000000000061", "1700000000061", "SKU-P")))
                .as("the connector sends sku.detail only sku_id")
                .isEqualTo(5);
    }

    @Test
    void whileItsBackEndIsUnavailableEachPlatformAnswersItsOwnTransientErrorAndARetryGetsThrough() throws Exception {
        Map<String, String> codes = Map.of("tmall-test", "15", "jd-test", "66", "dy-test", "20000");
        Map<String, SimSku> skus = listedInEachShop("80", "SKU-U", "Unavailable");
        for (String shopId : SHOPS) {
            SimShop shop = sandbox.shop(shopId).orElseThrow();
            SimSku sku = skus.get(shopId);
            shop.faults().unavailableFor(60_000);
            try {
                assertThatThrownBy(() -> connector(shopId).setStock(ref(sku), 7, "unavailable-" + shopId))
                        .as(shopId)
                        .isInstanceOfSatisfying(PlatformException.class, e -> {
                            assertThat(e.code()).isEqualTo(codes.get(shopId));
                            assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                            assertThat(e.isRetryable()).isTrue();
                        });
            } finally {
                shop.faults().unavailableFor(0);
            }
            assertThat(sku.quantity()).isEqualTo(10);
        }
        // JD's official SDK callers retry code 66: with the hub's call guard the call gets through once it passes
        SimShop jd = sandbox.shop("jd-test").orElseThrow();
        int before = jd.faults().unavailableAnswers();
        HttpResponse<String> control = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/control/shops/jd-test/faults"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"unavailableForMillis\":700}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(control.statusCode()).as(control.body()).isEqualTo(200);
        JdSkus retrying = new JdSkus(new JosClient(
                URI.create(sandbox.endpoint("jd")),
                new JosCredentials("jd-key", "jd-secret", "jd-token"),
                http,
                Clock.systemUTC(),
                timeout,
                new io.omnihub.connectors.CallGuard(
                        "jd-test", io.omnihub.connectors.CallQuota.unlimited(), 6, 200, 2_000)));
        retrying.setStock(ref(skus.get("jd-test")), 7, "after-66");
        assertThat(skus.get("jd-test").quantity()).isEqualTo(7);
        assertThat(jd.faults().unavailableAnswers() - before)
                .as("calls answered 66 before it got through")
                .isPositive();
    }
}
