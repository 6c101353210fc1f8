package io.omnihub.hub;

import static io.omnihub.hub.testing.StockConfigShops.CHANNEL_SKU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.hub.testing.Await;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.model.StockMovement;
import io.omnihub.mappings.model.StockSnapshot;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimOrder.SimBuyer;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import io.omnihub.sandbox.sim.SimStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

/**
 * Stock in, channel stock out, against the sandbox's three platform shops (each with its own
 * protocol and signature) through real Kafka, PostgreSQL and Artemis: a burst collapses, a SKU
 * deleted on a platform is dead-lettered with its reason, a value changed behind the hub's back
 * is corrected, the last unit sold twice is an oversell and never negative stock, a channel
 * down for two minutes converges when it returns, and a channel SKU has one command waiting at a
 * time.
 */
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.data-dir=target/it-data/stock",
            "hub.config-dir=classpath:test-config-stock",
            "hub.embedded.postgres.port=0",
            "hub.embedded.kafka.port=0",
            "hub.embedded.ftp.port=0",
            "hub.embedded.sandbox.port=0",
            "hub.embedded.sandbox.seed=false",
            "hub.stock.reconcile-every=2s",
            "hub.embedded.sandbox.opening-stock=0", // each test sets its own stock
        })
class StockSyncIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/stock").toFile());
    }

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    EmbeddedActiveMQ broker;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    KafkaProducer<String, String> producer;
    final Instant t0 = Instant.parse("2026-11-23T02:00:00Z");

    @BeforeAll
    void producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(p);
    }

    @AfterAll
    void close() {
        producer.close();
    }

    @Test
    void aBurstOfTenThousandChangesToOneSkuEndsRightOnEveryChannelWithFarFewerCalls() throws Exception {
        String sku = "TEE-WHT-M";
        movement(sku, "WH-SH", 20_000, StockMovement.Kind.RECEIPT, "burst-receipt");
        for (int i = 1; i < 10_000; i++) {
            movement(sku, "WH-SH", -1, StockMovement.Kind.SALE, "burst-" + i);
        }
        producer.flush();
        // 10,001 on hand, nothing reserved: each channel its ratio of ATP less its 2 held back
        Map<String, Long> expected = Map.of("tmall-flagship", 3_998L, "jd-official", 2_998L, "douyin-live", 2_998L);
        expected.forEach((channel, value) -> awaitShown(channel, sku, value));
        // the simulator shows a value a moment before the hub has recorded the platform's confirmation
        JsonNode stock = Await.until(
                WAIT,
                () -> get("/api/stock/" + sku),
                s -> s.path("channels").findValuesAsText("state").stream().allMatch("CONFIRMED"::equals));
        assertThat(stock.path("onHand").path("WH-SH").asLong()).isEqualTo(10_001);
        assertThat(stock.path("atp").asLong()).isEqualTo(10_001);
        for (JsonNode c : stock.path("channels")) {
            assertThat(c.path("lastPushed").asLong())
                    .isEqualTo(expected.get(c.path("channelId").asText()));
            assertThat(c.path("state").asText()).isEqualTo("CONFIRMED");
        }
        long calls = jdbc.sql("SELECT count(*) FROM stock_push WHERE sku = :s")
                .param("s", sku)
                .query(Long.class)
                .single();
        assertThat(calls)
                .as("stock update calls for 10,000 changes on 3 channels")
                .isPositive()
                .isLessThan(300);
    }

    @Test
    void aSkuDeletedOnThePlatformIsDeadLetteredWithTheReasonAndShownInTheStatus() throws Exception {
        String sku = "TEE-WHT-L";
        sim("jd-official", sku).delete();
        movement(sku, "WH-SH", 50, StockMovement.Kind.RECEIPT, "deleted-receipt");
        producer.flush();
        JsonNode jd = Await.until(
                WAIT, () -> status("jd-official"), s -> s.path("deadLettered").asLong() >= 1);
        assertThat(jd.path("deadLetters").toString()).contains(sku).contains("100012340002");
        String reason = jd.path("deadLetters").get(0).path("reason").asText();
        assertThat(reason).isNotBlank();
        awaitShown("tmall-flagship", sku, 18); // the other channels are not held up: 0.4 x 50 - 2
        JsonNode stock = get("/api/stock/" + sku);
        JsonNode jdRow = channelRow(stock, "jd-official");
        assertThat(jdRow.path("state").asText()).isEqualTo("DEAD_LETTERED");
        assertThat(jdRow.path("reason").asText()).isEqualTo(reason);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM dead_letter WHERE instance_id = 'jd-official' AND message_key = '100012340002'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aValueChangedBehindTheHubsBackIsCorrectedByReconciliation() throws Exception {
        String sku = "TEE-BLK-M";
        movement(sku, "WH-SH", 100, StockMovement.Kind.RECEIPT, "drift-receipt");
        producer.flush();
        awaitShown("douyin-live", sku, 28); // 0.3 x 100 - 2
        sim("douyin-live", sku).setQuantity(500); // someone edits the listing in the platform's back office
        awaitShown("douyin-live", sku, 28);
        JsonNode row = Await.until(
                WAIT,
                () -> channelRow(get("/api/stock/" + sku), "douyin-live"),
                r -> r.path("drift").asInt() >= 1);
        assertThat(row.path("lastPushed").asLong()).isEqualTo(28);
        assertThat(status("douyin-live").path("drift").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void whenAnOnlineOrderAndAStoreSaleTakeTheLastUnitEveryChannelGetsZeroAndTheOversellNamesTheOrder()
            throws Exception {
        String sku = "HOODIE-GRY-L";
        count(
                sku,
                "STORE-SH-001",
                1,
                t0.minusSeconds(60)); // counted before the sale: a sale at the count's time is in it
        producer.flush();
        Await.until(
                WAIT,
                () -> get("/api/stock/" + sku),
                s -> s.path("onHand").path("STORE-SH-001").asLong() == 1);
        // the same moment: a Tmall buyer pays for the last unit while the store sells it over the counter
        order("tmall-flagship", "T-LAST-1", sku, 1, OrderStatus.PAID);
        movement(sku, "STORE-SH-001", -1, StockMovement.Kind.SALE, "S001-R9-1");
        producer.flush();
        JsonNode stock = Await.until(
                WAIT, () -> get("/api/stock/" + sku), s -> s.path("oversells").size() >= 1);
        assertThat(stock.path("shortfall").asLong()).isEqualTo(1);
        assertThat(stock.path("atp").asLong()).isZero();
        assertThat(stock.path("oversells").get(0).path("orders").toString()).contains("tmall-flagship:T-LAST-1");
        for (String channel : CHANNEL_SKU.keySet()) {
            awaitShown(channel, sku, 0);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM stock_push WHERE sku = :s AND value < 0")
                        .param("s", sku)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void onAScarceSkuJdIsSetToZeroRatherThanOverwrittenAndRaisedAgainOnceItsOrdersAreIn() throws Exception {
        String sku = "JEANS-32";
        movement(sku, "WH-SH", 10, StockMovement.Kind.RECEIPT, "jeans-receipt");
        producer.flush();
        // ATP 10 is at the low-stock line: disjoint shares 4, 3, 3
        awaitShown("tmall-flagship", sku, 4);
        awaitShown("jd-official", sku, 3);
        awaitShown("douyin-live", sku, 3);
        Await.until(WAIT, () -> jdState(sku), s -> s.equals("CONFIRMED"));

        movement(sku, "WH-SH", -3, StockMovement.Kind.SALE, "jeans-sale");
        producer.flush();
        // ATP 7: shares 3, 2, 2. JD takes absolute values and an order between the hub's read and its write
        // would be overwritten, so JD goes to 0 and keeps its 3 units counted until its orders up to then are in
        awaitShown("jd-official", sku, 0);
        // the simulator shows 0 a moment before the hub has recorded the write and its hold
        Map<String, Object> settling =
                Await.until(WAIT, () -> jdbc.sql("""
                        SELECT held, settling_since FROM channel_stock WHERE channel_id = 'jd-official' AND sku = :s
                        """).param("s", sku).query().singleRow(), r -> r.get("held") != null);
        assertThat(settling.get("held")).isEqualTo(3L);
        assertThat(settling.get("settling_since")).isNotNull();
        // once its orders up to the write are in (the pull has passed it plus settle, the ledger has them) it is
        // raised from 0, where it cannot sell
        awaitShown("jd-official", sku, 2);
        awaitShown("tmall-flagship", sku, 3);
        awaitShown("douyin-live", sku, 2);
        Await.until(WAIT, () -> jdState(sku), s -> s.equals("CONFIRMED"));
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM channel_stock WHERE sku = :s AND (held IS NOT NULL OR settling_since IS NOT NULL)")
                        .param("s", sku)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    String jdState(String sku) {
        return jdbc.sql("SELECT state FROM channel_stock WHERE channel_id = 'jd-official' AND sku = :s")
                .param("s", sku)
                .query(String.class)
                .optional()
                .orElse("");
    }

    @Test
    void aChannelDownForTwoMinutesConvergesWhenItReturnsWithNothingDeadLettered() throws Exception {
        String sku = "CAP-NAVY";
        sandbox.shop("jd-official").orElseThrow().faults().down(true);
        try {
            movement(sku, "WH-GZ", 200, StockMovement.Kind.RECEIPT, "outage-receipt");
            producer.flush();
            awaitShown("tmall-flagship", sku, 78); // 0.4 x 200 - 2; the channels that are up do not wait
            Thread.sleep(Duration.ofMinutes(2).toMillis());
            assertThat(sim("jd-official", sku).quantity())
                    .as("jd is still down")
                    .isEqualTo(100);
        } finally {
            sandbox.shop("jd-official").orElseThrow().faults().down(false);
        }
        Await.until(Duration.ofMinutes(3), () -> sim("jd-official", sku).quantity(), q -> q == 58); // 0.3 x 200 - 2
        assertThat(status("jd-official").path("deadLetters").toString()).doesNotContain(sku);
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE instance_id = 'jd-official' AND message_key = :k")
                        .param("k", CHANNEL_SKU.get("jd-official").get(sku))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(channelRow(get("/api/stock/" + sku), "jd-official")
                        .path("state")
                        .asText())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void whileACommandWaitsForItsChannelFurtherChangesSendNoneUnlessMoreUrgent() throws Exception {
        // Artemis puts a newer value for a key at the tail of a last-value queue: a SKU re-sent on every change
        // would keep going to the back behind SKUs that change less often. One command waits per channel SKU.
        String sku = "SOCKS-3P";
        String route = "tmall-flagship.sync.push";
        Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of("sync.tmall-flagship"));
        camel.getRouteController().stopRoute(route);
        try {
            long addedBefore = queue.getMessagesAdded();
            movement(sku, "WH-SH", 100, StockMovement.Kind.RECEIPT, "waiting-receipt");
            producer.flush();
            awaitShown("douyin-live", sku, 28); // 0.3 x 100 - 2
            for (int i = 1; i <= 4; i++) { // one ledger batch each: Douyin shows every step before the next
                movement(sku, "WH-SH", -10, StockMovement.Kind.SALE, "waiting-sale-" + i);
                producer.flush();
                awaitShown("douyin-live", sku, 28 - 3 * i);
            }
            assertThat(queue.getMessagesAdded() - addedBefore)
                    .as("commands sent to Tmall for five changes")
                    .isEqualTo(1);
            assertThat(tmallRow(sku)).isEqualTo("PENDING 22 waiting at 4"); // 0.4 x 60 - 2

            count(sku, "WH-SH", 0, Instant.now()); // sold out is more urgent than the command waiting: it goes
            producer.flush();
            awaitShown("douyin-live", sku, 0);
            assertThat(queue.getMessagesAdded() - addedBefore)
                    .as("commands sent to Tmall, the sell-out included")
                    .isEqualTo(2);
            assertThat(tmallRow(sku)).isEqualTo("PENDING 0 waiting at 9");
        } finally {
            camel.getRouteController().startRoute(route);
        }
        Await.until(WAIT, () -> tmallRow(sku), "CONFIRMED 0 waiting at -"::equals);
        assertThat(jdbc.sql(
                                "SELECT string_agg(value::text, ',') FROM stock_push WHERE channel_id = 'tmall-flagship' AND sku = :s")
                        .param("s", sku)
                        .query(String.class)
                        .single())
                .as("Tmall's pushes")
                .isEqualTo("0");
    }

    String tmallRow(String sku) {
        return jdbc.sql("""
                        SELECT state || ' ' || target || ' waiting at ' || coalesce(queued_priority::text, '-') FROM channel_stock
                         WHERE channel_id = 'tmall-flagship' AND sku = :s
                        """).param("s", sku).query(String.class).optional().orElse("");
    }

    @Test
    void aLowStockSaleWithReconciliationEveryTwoSecondsOversellsNothing() throws Exception {
        // ATP 9 under the low-stock line: disjoint shares adding up to at most 9. Buyers on all three shops take
        // the units faster than the hub pulls their orders (every 10 s), while reconciliation reads every channel
        // back every 2 s: a shop showing less than the hub expects has sold units the hub has not seen yet, and
        // raising it back would sell them twice (the old grace-period rule sold 12 of 9).
        String sku = "JACKET-OLV-M";
        Instant began = Instant.now();
        movement(sku, "WH-SH", 9, StockMovement.Kind.RECEIPT, "low-sale-receipt");
        producer.flush();
        Await.until(WAIT, () -> shownTotal(sku), total -> total > 0 && total <= 9);
        SimBuyer buyer = new SimBuyer("it-low-buyer", "it", "张三", "138****0000", "上海", "上海市", "浦东新区", "1号");
        long sold = 0;
        long end = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < end && sold < 9) {
            for (String channel : CHANNEL_SKU.keySet()) {
                if (sandbox.shop(channel)
                        .orElseThrow()
                        .placeOrder(
                                buyer,
                                List.of(new SimShop.Want(
                                        CHANNEL_SKU.get(channel).get(sku), 1)),
                                SimStatus.PAID)
                        .isPresent()) {
                    sold++;
                }
            }
            Thread.sleep(200);
        }
        Thread.sleep(15_000); // the pulls catch up; reconciliation keeps reading
        for (String channel : CHANNEL_SKU.keySet()) {
            if (sandbox.shop(channel)
                    .orElseThrow()
                    .placeOrder(
                            buyer,
                            List.of(new SimShop.Want(CHANNEL_SKU.get(channel).get(sku), 1)),
                            SimStatus.PAID)
                    .isPresent()) {
                sold++;
            }
        }
        System.out.printf("low-stock sale with reconciliation every 2 s: %d of 9 sold%n", sold);
        assertThat(sold).as("units sold on the three shops").isPositive().isLessThanOrEqualTo(9);
        assertThat(jdbc.sql("SELECT count(*) FROM stock_oversell WHERE sku = :s")
                        .param("s", sku)
                        .query(Long.class)
                        .single())
                .as("oversells the hub raised")
                .isZero();
        // reconciliation really was reading these channels during the sale
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM channel_stock WHERE sku = :s AND last_read_at > :t
                        """)
                        .param("s", sku)
                        .param("t", java.sql.Timestamp.from(began))
                        .query(Long.class)
                        .single())
                .as("channels read back during the sale")
                .isEqualTo(3);
    }

    @Test
    void aChannelLeftTooLowIsRaisedOnceItsOrdersAreInHoweverOftenTheSkuIsPushed() throws Exception {
        String sku = "SCARF-RED";
        movement(sku, "WH-SH", 200, StockMovement.Kind.RECEIPT, "low-receipt");
        producer.flush();
        awaitShown("tmall-flagship", sku, 78); // 0.4 x 200 - 2
        awaitShown("jd-official", sku, 58);
        awaitShown("douyin-live", sku, 58);
        // the shops are reset behind the hub's back (as the sandbox's are on a restart): they show 0
        for (String channel : CHANNEL_SKU.keySet()) {
            sim(channel, sku).setQuantity(0);
        }
        // and the SKU keeps changing, so each channel is pushed every couple of seconds meanwhile
        for (int i = 1; i <= 15; i++) {
            movement(sku, "WH-SH", 1, StockMovement.Kind.RECEIPT, "low-top-up-" + i);
            producer.flush();
            Thread.sleep(2_000);
        }
        // 215 on hand: each shop is raised to its share once its orders up to the read are known to be in
        awaitShown("tmall-flagship", sku, 84); // 0.4 x 215 - 2
        awaitShown("jd-official", sku, 62); // 0.3 x 215 - 2, rounded down
        awaitShown("douyin-live", sku, 62);
        JsonNode stock = get("/api/stock/" + sku);
        for (JsonNode c : stock.path("channels")) {
            assertThat(c.path("drift").asInt())
                    .as(c.path("channelId").asText() + " drift")
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aRefusedReadBackCountsAsAReconciliationFailureAndLeavesTheSkuConfirmed() throws Exception {
        String sku = "GLOVES-BLK";
        movement(sku, "WH-GZ", 60, StockMovement.Kind.RECEIPT, "refused-read-receipt");
        producer.flush();
        awaitShown("douyin-live", sku, 16); // 0.3 x 60 - 2
        Await.until(
                WAIT,
                () -> channelRow(get("/api/stock/" + sku), "douyin-live")
                        .path("state")
                        .asText(),
                "CONFIRMED"::equals);
        var douyin = sandbox.shop("douyin-live").orElseThrow();
        douyin.faults().refuseReads(true);
        try {
            JsonNode row = Await.until(
                    WAIT,
                    () -> channelRow(get("/api/stock/" + sku), "douyin-live"),
                    r -> !r.path("readError").isNull()
                            && !r.path("readError").asText().isEmpty());
            assertThat(row.path("readError").asText()).contains("no_permission");
            assertThat(row.path("state").asText())
                    .as("a read that fails says nothing about the value pushed")
                    .isEqualTo("CONFIRMED");
            assertThat(status("douyin-live").path("readBackErrors").asLong()).isGreaterThanOrEqualTo(1);
        } finally {
            douyin.faults().refuseReads(false);
        }
        // the next read clears it
        Await.until(
                WAIT,
                () -> channelRow(get("/api/stock/" + sku), "douyin-live").path("readError"),
                e -> e.isNull() || e.isMissingNode());
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE instance_id = 'douyin-live' AND message_key = :k")
                        .param("k", CHANNEL_SKU.get("douyin-live").get(sku))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    long shownTotal(String sku) {
        return CHANNEL_SKU.keySet().stream()
                .mapToLong(c -> sim(c, sku).quantity())
                .sum();
    }

    // --- the ledger by event time (issue 15) ---

    /** 11:00 store time of yesterday, on the hub's own clock, so the skew check sees a real past. */
    Instant elevenYesterday() {
        ZonedDateTime shanghai = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        return shanghai.withHour(11).withMinute(0).withSecond(0).withNano(0).toInstant();
    }

    @Test
    void aSaleMadeBeforeACountButArrivingAfterItChangesNothing() throws Exception {
        String sku = "JACKET-OLV-M";
        String store = "STORE-SH-002";
        Instant counted = countedAtElevenYesterday(sku, store, 29);
        // sold at 10:30, before the 11:00 count that already took it into account; the till sent it late
        movement(sku, store, -2, StockMovement.Kind.SALE, "late-sale-1030", counted.minus(Duration.ofMinutes(30)));
        producer.flush();
        Await.until(
                WAIT, () -> recorded("it:late-sale-1030"), n -> n == 1); // the level is written in the same transaction
        assertThat(onHand(sku, store))
                .as("a count is the truth at its time; 27 would take the sale off twice")
                .isEqualTo(29);
        // a sale after the count still applies
        movement(sku, store, -1, StockMovement.Kind.SALE, "sale-1130", counted.plus(Duration.ofMinutes(30)));
        producer.flush();
        Await.until(WAIT, () -> onHand(sku, store), n -> n == 28);
    }

    @Test
    void aCountTakenBeforeASaleButArrivingAfterItIsTheCountLessTheSale() throws Exception {
        String sku = "JACKET-OLV-M";
        String location = "IN-TRANSIT";
        Instant counted = elevenYesterday();
        movement(
                sku,
                location,
                10,
                StockMovement.Kind.RECEIPT,
                "transit-receipt-0900",
                counted.minus(Duration.ofHours(2)));
        movement(
                sku,
                location,
                -3,
                StockMovement.Kind.TRANSFER_OUT,
                "transit-out-1130",
                counted.plus(Duration.ofMinutes(30)));
        producer.flush();
        Await.until(WAIT, () -> onHand(sku, location), n -> n == 7);
        count(sku, location, 40, counted); // the 11:00 count arrives after the 11:30 movement
        producer.flush();
        long onHand = Await.until(WAIT, () -> onHand(sku, location), n -> n != 7);
        assertThat(onHand)
                .as("40 counted at 11:00, 3 out at 11:30; 40 would oversell")
                .isEqualTo(37);
        assertThat(jdbc.sql("SELECT delta FROM stock_movement WHERE movement_id = :id")
                        .param("id", "count:" + location + ":" + sku + ":" + counted)
                        .query(Long.class)
                        .single())
                .as("the count's adjustment, recorded once")
                .isEqualTo(30);
        // another late count, older than the applied one, changes nothing; a newer one is again count + what moved
        // after it
        count(sku, location, 100, counted.minus(Duration.ofHours(1)));
        movement(
                sku, location, 5, StockMovement.Kind.TRANSFER_IN, "transit-in-1300", counted.plus(Duration.ofHours(2)));
        count(sku, location, 20, counted.plus(Duration.ofHours(1)));
        producer.flush();
        Await.until(WAIT, () -> onHand(sku, location), n -> n == 25);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM stock_movement WHERE sku = :s AND location = :l AND movement_id LIKE 'it:%'")
                        .param("s", sku)
                        .param("l", location)
                        .query(Long.class)
                        .single())
                .as("every movement recorded once")
                .isEqualTo(3);
    }

    @Test
    void aCountDatedBeyondTheClockSkewIsParkedWithItsReasonAndALaterRealCountStillApplies() throws Exception {
        String sku = "TEE-BLK-M";
        String store = "STORE-SH-002";
        Instant counted = countedAtElevenYesterday(sku, store, 12);
        Instant future = Instant.parse("2099-01-01T00:00:00Z");
        count(sku, store, 9_999, future);
        movement(sku, store, 500, StockMovement.Kind.RECEIPT, "receipt-2099", future);
        producer.flush();
        Map<String, Object> parked = Await.until(
                        WAIT,
                        () -> jdbc.sql("""
                        SELECT message_key, reason FROM dead_letter WHERE stream = 'stock.ledger' AND message_key = :k
                        """)
                                .param("k", store + ":" + sku + ":" + future)
                                .query()
                                .listOfRows(),
                        rows -> rows.size() == 1)
                .get(0);
        assertThat((String) parked.get("reason"))
                .startsWith("count refused: countedAt: is in the future (2099-01-01T00:00:00Z");
        assertThat(jdbc.sql(
                                "SELECT reason FROM dead_letter WHERE stream = 'stock.ledger' AND message_key = 'it:receipt-2099'")
                        .query(String.class)
                        .single())
                .startsWith("movement refused: occurredAt: is in the future");
        assertThat(onHand(sku, store)).isEqualTo(12);
        assertThat(recorded("it:receipt-2099"))
                .as("not in the ledger, where every later count would add it")
                .isZero();
        count(sku, store, 8, counted.plus(Duration.ofHours(1)));
        producer.flush();
        Await.until(WAIT, () -> onHand(sku, store), n -> n == 8);
    }

    /** Counts {@code onHand} at 11:00 yesterday and waits until the ledger shows it; returns the count's time. */
    Instant countedAtElevenYesterday(String sku, String location, long onHand) throws Exception {
        Instant counted = elevenYesterday();
        count(sku, location, onHand, counted);
        producer.flush();
        Await.until(WAIT, () -> onHand(sku, location), n -> n == onHand);
        return counted;
    }

    long onHand(String sku, String location) {
        return jdbc.sql("SELECT on_hand FROM stock_level WHERE sku = :s AND location = :l")
                .param("s", sku)
                .param("l", location)
                .query(Long.class)
                .optional()
                .orElse(Long.MIN_VALUE);
    }

    long recorded(String movementId) {
        return jdbc.sql("SELECT count(*) FROM stock_movement WHERE movement_id = :id")
                .param("id", movementId)
                .query(Long.class)
                .single();
    }

    // --- helpers ---

    SimSku sim(String channel, String sku) {
        return sandbox.shop(channel)
                .orElseThrow()
                .sku(CHANNEL_SKU.get(channel).get(sku))
                .orElseThrow();
    }

    void awaitShown(String channel, String sku, long value) {
        try {
            Await.until(WAIT, () -> sim(channel, sku).quantity(), q -> q == value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void movement(String sku, String location, long delta, StockMovement.Kind kind, String id) {
        movement(sku, location, delta, kind, id, t0);
    }

    void movement(String sku, String location, long delta, StockMovement.Kind kind, String id, Instant at) {
        send(
                "hub.stock",
                sku,
                HubJson.write(
                        new StockMovement(StockMovement.SCHEMA, "it:" + id, sku, location, delta, kind, "it", id, at)));
    }

    void count(String sku, String location, long onHand, Instant at) {
        send("hub.stock", sku, HubJson.write(new StockSnapshot(StockSnapshot.SCHEMA, sku, location, onHand, "it", at)));
    }

    void order(String channel, String orderId, String sku, long qty, OrderStatus status) {
        Order o = new Order(
                Order.SCHEMA,
                channel,
                "taobao",
                orderId,
                status,
                t0,
                t0,
                t0,
                Buyer.ofPlatformId("it-buyer", "it", null),
                null,
                List.of(new OrderLine(
                        orderId + "-1",
                        sku,
                        null,
                        CHANNEL_SKU.get(channel).get(sku),
                        sku,
                        qty,
                        9900,
                        9900 * qty,
                        null)),
                9900 * qty,
                0,
                null);
        send("hub.orders", o.key(), HubJson.write(o));
    }

    void send(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    JsonNode status(String channel) throws Exception {
        for (JsonNode s : get("/api/sync/status")) {
            if (s.path("instance").asText().equals(channel)) {
                return s;
            }
        }
        throw new AssertionError("no status for " + channel);
    }

    static JsonNode channelRow(JsonNode stock, String channel) {
        for (JsonNode c : stock.path("channels")) {
            if (c.path("channelId").asText().equals(channel)) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /**
     * JD gateway code 66 (back-end service unavailable) for 18 s: each push fails as a passing failure, the broker redelivers it, and it lands once
     * JD is back, the first write and the read-then-write after it alike. Nothing is dead-lettered.
     */
    @Test
    void whileJdAnswersCode66ItsStockPushesAreRetriedByTheBrokerAndConverge() throws Exception {
        String sku = "BELT-BRN";
        var jd = sandbox.shop("jd-official").orElseThrow();
        SimSku onJd = jd.sku("100012340010").orElseThrow();
        SimSku onTmall =
                sandbox.shop("tmall-flagship").orElseThrow().sku("5010000010").orElseThrow();
        long[] jdShows = {28, 43}; // 0.3 x 100 - 2, then 0.3 x 150 - 2
        long[] tmallShows = {38, 58}; // 0.4 x 100 - 2, then 0.4 x 150 - 2
        long[] receipts = {100, 50};
        for (int round = 0; round < 2; round++) {
            int answeredBefore = jd.faults().unavailableAnswers();
            long shownBefore = onJd.quantity();
            long began = System.nanoTime();
            jd.faults().unavailableFor(18_000); // longer than the broker's first four redeliveries (1 s doubling)
            movement(sku, "WH-GZ", receipts[round], StockMovement.Kind.RECEIPT, "jd66-receipt-" + round);
            producer.flush();
            long shows = tmallShows[round];
            Await.until(WAIT, onTmall::quantity, q -> q == shows); // the channels that answer do not wait
            Thread.sleep(Math.max(0, 16_000 - (System.nanoTime() - began) / 1_000_000));
            assertThat(onJd.quantity()).as("JD unchanged while it answers 66").isEqualTo(shownBefore);
            assertThat(jdState(sku))
                    .as("round " + round + " while JD answers 66")
                    .isIn("PENDING", "PUSHING");
            // the push is redelivered by the broker (1 s doubling), one call a delivery; the count also takes in the
            // shop's order pulls and read-backs, which JD answers 66 as well (CallGuardTest pins the one attempt)
            assertThat(jd.faults().unavailableAnswers() - answeredBefore)
                    .as("calls JD answered 66")
                    .isGreaterThanOrEqualTo(4);
            long expected = jdShows[round];
            Await.until(WAIT, onJd::quantity, q -> q == expected);
            Await.until(WAIT, () -> jdState(sku), "CONFIRMED"::equals);
        }
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM dead_letter WHERE instance_id = 'jd-official' AND message_key = '100012340010'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT reason FROM channel_stock WHERE channel_id = 'jd-official' AND sku = :s")
                        .param("s", sku)
                        .query(String.class)
                        .optional()
                        .orElse(null))
                .isNull();
    }
}
