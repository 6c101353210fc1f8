package io.omnihub.bench;

import io.omnihub.hub.HubApplication;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.StockMovement;
import io.omnihub.mappings.model.StockSnapshot;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimOrder.SimBuyer;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import io.omnihub.sandbox.sim.SimStatus;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Stock sync-out against five simulated platform shops on loopback (two Taobao, JD, two Douyin),
 * each with a call quota that both the hub and the simulator enforce; the simulators take their
 * own stock off on every order and refuse an order at 0.
 * <ol>
 * <li>time to channel at 1,000 stock events/s over 20 SKUs (the changes fit the quotas);</li>
 * <li>overload: 1,000 events/s over 2,000 SKUs, 100 of them selling out (they cannot fit);</li>
 * <li>a flash sale: 1,000 units, 20,000 orders over the five channels in 60 s, with the hub;</li>
 * <li>low-stock sales: 9 units each, buyers on every shop, with the hub;</li>
 * <li>the same flash sale with a 15-minute periodic sync instead (no sync during the minute):
 *     every channel shown the whole stock at the last sync, or a fixed fifth of it.</li>
 * </ol>
 * The sales (3 to 5) run on a hub of their own that reads every channel back every 2 s.
 * {@code -Dbench.stock.sales-only=true} runs the sales alone and records them;
 * {@code -Dbench.stock.fits-only=true} or {@code -Dbench.stock.flash-only=true} runs one part alone
 * with more detail (per channel, per second), and records nothing.
 */
public final class StockSyncBench {

    static final String[] CHANNELS = {"tmall-flagship", "tmall-outlet", "jd-official", "douyin-live", "douyin-mall"};
    static final String[] TYPES = System.getProperty("bench.stock.types", "taobao,taobao,jd,douyin,douyin")
            .split(",");
    static final double[] DEMAND = {0.35, 0.25, 0.20, 0.12, 0.08};
    static final int QUOTA = Integer.getInteger("bench.stock.quota", 50);
    static final int SKUS = 2_000;
    static final int RATE = 1_000;
    static final int SECONDS = Integer.getInteger("bench.stock.seconds", 30);
    /** Low-stock sales, of SKUs LOW1.. (numbers SKUS + 1..). */
    static final int LOW_SALES = 3;

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of("target/bench-stock-data");
        Path configDir = Path.of("target/bench-stock-config");
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        writeConfig(configDir);
        if (Boolean.getBoolean("bench.stock.sales-only")) { // the flash and low-stock sales alone, recorded
            String sales = sales(dataDir.resolveSibling("bench-stock-sales-data"), configDir, new Random(7));
            String report = header() + sales;
            System.out.println(report);
            Files.writeString(
                    Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return;
        }
        // read-backs spend the channels' quotas: off while the push latency is measured, on for the sales
        ConfigurableApplicationContext hub = startHub(dataDir, configDir, "10m");
        StringBuilder report = new StringBuilder();
        try (KafkaProducer<String, String> producer =
                producer(hub.getEnvironment().getProperty("camel.component.kafka.brokers"))) {
            Sandbox sandbox = hub.getBean(Sandbox.class);
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            Random random = new Random(7);
            Instant t = Instant.parse("2026-11-23T02:00:00Z");

            if (Boolean.getBoolean("bench.stock.flash-only")) { // a quick look at the flash sale alone, not recorded
                send(producer, count("FLASH", 1_000, Instant.now()));
                producer.flush();
                await(() -> allShow(sandbox, "FLASH", 200), 120);
                Thread watcher = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        StringBuilder line = new StringBuilder("shown");
                        long shown = 0;
                        for (int c = 0; c < CHANNELS.length; c++) {
                            long q = sandbox.shop(CHANNELS[c])
                                    .orElseThrow()
                                    .sku(channelSku(c, SKUS))
                                    .orElseThrow()
                                    .quantity();
                            shown += q;
                            line.append(' ').append(q);
                        }
                        long orders = 0;
                        for (String id : CHANNELS) {
                            orders += sandbox.shop(id).orElseThrow().orderCount();
                        }
                        String hubView =
                                jdbc.sql("""
                                SELECT s.atp || ' E ' || string_agg(cs.channel_id || '=' || (cs.pushed_value - ((SELECT coalesce(sum(r.quantity), 0)
                                   FROM stock_reservation r WHERE r.channel_id = cs.channel_id AND r.sku = cs.sku AND r.state <> 'RELEASED')
                                   - cs.orders_at_push)) || '/' || cs.target || cs.state, ' ')
                                  FROM stock_sku s JOIN channel_stock cs ON cs.sku = s.sku WHERE s.sku = 'FLASH' GROUP BY s.atp
                                """).query(String.class).optional().orElse("-");
                        System.out.printf(
                                "%s sum %d sold %d remaining %d | hub ATP %s%n",
                                line, shown, orders, 1000 - orders, hubView);
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                watcher.start();
                long[] sold = flashSale(sandbox, List.of("FLASH"), random).get("FLASH");
                Thread.sleep(10_000);
                watcher.interrupt();
                System.out.printf("flash sale with the hub: sold %d %s%n", sum(sold), Arrays.toString(sold));
                for (String id : CHANNELS) {
                    System.out.printf(
                            "%s: %d calls refused over the simulator's quota%n",
                            id, sandbox.shop(id).orElseThrow().quota().refused());
                }
                System.out.println("pushes of FLASH per channel: "
                        + jdbc.sql(
                                        "SELECT string_agg(channel_id || '=' || n, ' ') FROM (SELECT channel_id, count(*) n FROM stock_push WHERE sku = 'FLASH' GROUP BY channel_id) x")
                                .query(String.class)
                                .single());
                return;
            }
            if (Boolean.getBoolean(
                    "bench.stock.fits-only")) { // a quick look at the fits-the-quotas run alone, not recorded
                fitsOnly(hub, producer, sandbox, jdbc, random, t);
                return;
            }
            // opening stock: 100,000 of each of the 20 fast SKUs, 1,000 of each other one
            for (int i = 0; i < SKUS; i++) {
                send(producer, movement(sku(i), i < 20 ? 100_000 : 1_000, StockMovement.Kind.RECEIPT, "open-" + i, t));
            }
            producer.flush();
            await(() -> pending(jdbc) == 0 && confirmed(jdbc) == (long) SKUS * CHANNELS.length, 600);
            System.out.printf("opening stock on %d SKUs x %d channels confirmed%n", SKUS, CHANNELS.length);

            // 1. fits the quotas
            Instant aFrom = Instant.now();
            long sent = fitsTheQuotas(producer, random, t);
            await(() -> pending(jdbc) == 0, 300);
            long[] a = percentiles(jdbc, aFrom, null);
            long aPushes = pushes(jdbc, aFrom);
            System.out.printf("fits: %d events, %d pushes, p50 %d ms, p99 %d ms%n", sent, aPushes, a[0], a[1]);

            // 2. overload: 2,000 SKUs change, 100 of them sell out
            Instant bFrom = Instant.now();
            List<Integer> sellOut = new ArrayList<>();
            for (int i = SKUS - 100; i < SKUS; i++) {
                sellOut.add(i);
            }
            long[] soldOutSent = {0};
            long bSent = stream(producer, SECONDS, () -> {
                if (!sellOut.isEmpty() && random.nextInt(300) == 0) {
                    soldOutSent[0]++;
                    return count(sku(sellOut.remove(sellOut.size() - 1)), 0, Instant.now());
                }
                int i = 20 + random.nextInt(SKUS - 120);
                return movement(sku(i), -(1 + random.nextInt(2)), StockMovement.Kind.SALE, null, t);
            });
            Instant bEnd = Instant.now();
            await(() -> pending(jdbc) == 0, 900);
            double converged = Duration.between(bEnd, Instant.now()).toMillis() / 1000.0;
            long[] b = percentiles(jdbc, bFrom, null);
            long[] bZero = percentiles(jdbc, bFrom, 0L);
            long bPushes = pushes(jdbc, bFrom);
            System.out.printf(
                    "overload: %d events (%d sell-outs), %d pushes, p50 %d ms, p99 %d ms, sold-out p50 %d ms p99 %d ms,"
                            + " converged %.1f s after the last event%n",
                    bSent, soldOutSent[0], bPushes, b[0], b[1], bZero[0], bZero[1], converged);

            hub.close();
            String sales = sales(dataDir.resolveSibling("bench-stock-sales-data"), configDir, random);

            report.append(header())
                    .append(String.format(
                            """
                    Stock events are canonical movements and counts on hub.stock; time to channel runs from the Kafka
                    record of the first event a push answers to the platform's confirmation (`stock_push`). Read-backs
                    are off for these two runs (they spend the same quotas).

                    | run | events | confirmed stock pushes | time to channel p50 / p99 |
                    |---|---|---|---|
                    | 1,000 events/s over 20 SKUs for %d s (fits the quotas) | %,d | %,d | %,d ms / %,d ms |
                    | 1,000 events/s over 2,000 SKUs for %d s (overload), all pushes | %,d | %,d | %,d ms / %,d ms |
                    | the same overload, sold-out pushes only (%d SKUs sold out) | | | %,d ms / %,d ms |

                    Overload: every channel converged %.1f s after the last event (2,000 SKUs x 5 channels at %d calls/s).
                    """,
                            SECONDS,
                            sent,
                            aPushes,
                            a[0],
                            a[1],
                            SECONDS,
                            bSent,
                            bPushes,
                            b[0],
                            b[1],
                            soldOutSent[0],
                            bZero[0],
                            bZero[1],
                            converged,
                            QUOTA))
                    .append(sales);
            System.out.println(report);
            Files.writeString(
                    Path.of("bench/RESULTS.md"),
                    report.toString(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } finally {
            hub.close();
        }
    }

    static ConfigurableApplicationContext startHub(Path dataDir, Path configDir, String reconcileEvery) {
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        return new SpringApplication(HubApplication.class)
                .run(
                        "--hub.data-dir=" + dataDir,
                        "--hub.config-dir=file:" + configDir.toAbsolutePath(),
                        "--hub.embedded.postgres.port=0",
                        "--hub.embedded.kafka.port=0",
                        "--hub.embedded.ftp.port=0",
                        "--hub.embedded.sandbox.port=0",
                        "--hub.embedded.sandbox.seed=false",
                        "--hub.embedded.sandbox.platform-calls-per-second=" + QUOTA,
                        "--hub.stock.reconcile-every=" + reconcileEvery,
                        "--hub.stock.reconcile-first-after=" + reconcileEvery,
                        "--hub.embedded.sandbox.opening-stock=0",
                        "--server.port=0",
                        "--logging.level.root=WARN");
    }

    static String header() {
        try {
            return String.format(
                    """

                    ## Stock sync-out (StockSyncBench), %s
                    Machine: %s, %d cores, Java %s. Five simulated shops on loopback (2 Taobao, JD, 2 Douyin), %d calls/s
                    each (the hub's quota and the simulator's); %d SKUs on each; allocation 0.2 of ATP per channel, low
                    stock at 10.

                    """,
                    Instant.now(),
                    InetAddress.getLocalHost().getHostName(),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    QUOTA,
                    SKUS + 1 + LOW_SALES);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sales, on a hub of their own that reads every channel back every 2 s (a short period, to
     * show reconciliation never hands out units a platform has sold that the hub has not pulled):
     * the flash sale, {@value #LOW_SALES} low-stock sales of 9 units, and the flash sale with a
     * 15-minute periodic sync instead.
     */
    static String sales(Path dataDir, Path configDir, Random random) throws Exception {
        ConfigurableApplicationContext hub = startHub(dataDir, configDir, "2s");
        try (KafkaProducer<String, String> producer =
                producer(hub.getEnvironment().getProperty("camel.component.kafka.brokers"))) {
            Sandbox sandbox = hub.getBean(Sandbox.class);
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            // 3. flash sale with the hub: 1,000 units of FLASH
            send(producer, count("FLASH", 1_000, Instant.now()));
            producer.flush();
            await(() -> allShow(sandbox, "FLASH", 200), 120);
            long[] hubSold = flashSale(sandbox, List.of("FLASH"), random).get("FLASH");
            Thread.sleep(30_000); // the hub catches up with the last orders
            long hubTotal = sum(hubSold);
            long reads = jdbc.sql("SELECT count(*) FROM channel_stock WHERE sku = 'FLASH' AND last_read_at IS NOT NULL")
                    .query(Long.class)
                    .single();
            System.out.printf(
                    "flash sale with the hub, reconciliation every 2 s: sold %d %s (%d channels read back)%n",
                    hubTotal, Arrays.toString(hubSold), reads);

            // 4. low-stock sales: 9 units, buyers on every shop, reconciliation every 2 s
            StringBuilder low = new StringBuilder();
            long lowSoldAll = 0;
            long lowOversoldAll = 0;
            for (int k = 1; k <= LOW_SALES; k++) {
                String sku = "LOW" + k;
                int number = SKUS + k;
                send(producer, count(sku, 9, Instant.now()));
                producer.flush();
                await(
                        () -> shown(sandbox, number) > 0
                                && shown(sandbox, number) <= 9
                                && jdbc.sql("SELECT count(*) FROM channel_stock WHERE sku = :s AND state = 'CONFIRMED'")
                                                .param("s", sku)
                                                .query(Long.class)
                                                .single()
                                        == CHANNELS.length,
                        120);
                long[] sold = lowStockSale(sandbox, number, random);
                long total = sum(sold);
                long oversold = Math.max(0, total - 9);
                lowSoldAll += Math.min(total, 9);
                lowOversoldAll += oversold;
                System.out.printf("low-stock sale %d: sold %d of 9 %s%n", k, total, Arrays.toString(sold));
                low.append(String.format(
                        "| low-stock sale %d: 9 units, the hub, reconciliation every 2 s | %,d (per channel %s) | %,d | %.1f %% |%n",
                        k, total, Arrays.toString(sold), oversold, Math.min(total, 9) * 100.0 / 9));
            }

            // 5. the same flash sale, synced every 15 minutes: no sync happens during the minute
            for (String id : CHANNELS) {
                SimShop shop = sandbox.shop(id).orElseThrow();
                shop.list(new SimSku("7770000001", "7770000001", "BASE-FULL", "base full", 1_000, 9900));
                shop.list(new SimSku("7770000002", "7770000002", "BASE-FIFTH", "base fifth", 200, 9900));
            }
            Map<String, long[]> base = flashSale(sandbox, List.of("7770000001", "7770000002"), random);
            long fullTotal = sum(base.get("7770000001"));
            long fifthTotal = sum(base.get("7770000002"));
            return String.format(
                    """
                    Flash sale: 1,000 units, 20,000 orders in 60 s over the five shops (demand 35/25/20/12/8 %%), one unit
                    each, placed in the simulators, which refuse an order at 0. The hub learns of orders by its pulls
                    (every second) and pushes increments (Taobao, Douyin) or read-then-set values (JD); it reads every
                    channel back every 2 s (%d of 5 channels read back during the flash sale). Low-stock sales: 9 units,
                    one-unit orders at 50/s over the shops by the same demand for up to 60 s, and 20 s more for the
                    units left on a shop whose buyers stopped.

                    | sync | units sold | oversold | sell-through |
                    |---|---|---|---|
                    | the hub, reconciliation every 2 s | %,d (per channel %s) | %,d | %.1f %% |
                    %s| all low-stock sales together | %,d of %,d | %,d | %.1f %% |
                    | 15-minute periodic sync, every channel shown the whole stock | %,d | %,d | %.1f %% |
                    | 15-minute periodic sync, every channel shown a fixed fifth | %,d | %,d | %.1f %% |
                    """,
                    reads,
                    hubTotal,
                    Arrays.toString(hubSold),
                    Math.max(0, hubTotal - 1000),
                    Math.min(hubTotal, 1000) / 10.0,
                    low,
                    lowSoldAll + lowOversoldAll,
                    9L * LOW_SALES,
                    lowOversoldAll,
                    lowSoldAll * 100.0 / (9 * LOW_SALES),
                    fullTotal,
                    Math.max(0, fullTotal - 1000),
                    Math.min(fullTotal, 1000) / 10.0,
                    fifthTotal,
                    Math.max(0, fifthTotal - 1000),
                    Math.min(fifthTotal, 1000) / 10.0);
        } finally {
            hub.close();
        }
    }

    /**
     * One-unit orders of hub SKU number {@code number} at 50/s for up to 60 s, each on a shop by its
     * share of demand, then one try on every shop each second for 20 s: units a shop's buyers left
     * behind must reach the shops still selling.
     */
    static long[] lowStockSale(Sandbox sandbox, int number, Random random) throws InterruptedException {
        long[] sold = new long[CHANNELS.length];
        SimBuyer buyer = new SimBuyer("bench-low-buyer", "bench", "李四", "139****0000", "上海", "上海市", "浦东新区", "2号");
        long start = System.nanoTime();
        for (int n = 0; n < 3_000 && sum(sold) < 9; n++) {
            long wait = start + n * 20_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int c = pick(random);
            if (sandbox.shop(CHANNELS[c])
                    .orElseThrow()
                    .placeOrder(buyer, List.of(new SimShop.Want(channelSku(c, number), 1)), SimStatus.PAID)
                    .isPresent()) {
                sold[c]++;
            }
        }
        for (int s = 0; s < 20; s++) {
            Thread.sleep(1_000);
            for (int c = 0; c < CHANNELS.length; c++) {
                if (sandbox.shop(CHANNELS[c])
                        .orElseThrow()
                        .placeOrder(buyer, List.of(new SimShop.Want(channelSku(c, number), 1)), SimStatus.PAID)
                        .isPresent()) {
                    sold[c]++;
                }
            }
        }
        return sold;
    }

    /** A channel by its share of demand. */
    static int pick(Random random) {
        double r = random.nextDouble();
        int c = 0;
        for (double acc = DEMAND[0]; r > acc && c < CHANNELS.length - 1; acc += DEMAND[++c]) {
            // pick the channel
        }
        return c;
    }

    static long shown(Sandbox sandbox, int number) {
        long shown = 0;
        for (int c = 0; c < CHANNELS.length; c++) {
            shown += sandbox.shop(CHANNELS[c])
                    .orElseThrow()
                    .sku(channelSku(c, number))
                    .orElseThrow()
                    .quantity();
        }
        return shown;
    }

    /** 20,000 one-unit orders over 60 s, each channel by its share of demand, on each of the given SKU ids. */
    static Map<String, long[]> flashSale(Sandbox sandbox, List<String> skuIds, Random random)
            throws InterruptedException {
        Map<String, long[]> sold = new HashMap<>();
        skuIds.forEach(s -> sold.put(s, new long[CHANNELS.length]));
        SimBuyer buyer = new SimBuyer("bench-buyer", "bench", "张三", "138****0000", "上海", "上海市", "浦东新区", "1号");
        long start = System.nanoTime();
        for (int n = 0; n < 20_000; n++) {
            long due = start + n * 3_000_000L; // 20,000 in 60 s
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int c = pick(random);
            SimShop shop = sandbox.shop(CHANNELS[c]).orElseThrow();
            for (String skuId : skuIds) {
                String id = skuId.startsWith("777") ? skuId : channelSku(c, SKUS); // FLASH is SKU number SKUS
                if (shop.placeOrder(buyer, List.of(new SimShop.Want(id, 1)), SimStatus.PAID)
                        .isPresent()) {
                    sold.get(skuId)[c]++;
                }
            }
        }
        return sold;
    }

    static boolean allShow(Sandbox sandbox, String hubSku, long quantity) {
        for (int c = 0; c < CHANNELS.length; c++) {
            if (sandbox.shop(CHANNELS[c])
                            .orElseThrow()
                            .sku(channelSku(c, SKUS))
                            .orElseThrow()
                            .quantity()
                    != quantity) {
                return false;
            }
        }
        return true;
    }

    static long stream(KafkaProducer<String, String> producer, int seconds, Supplier<String[]> next)
            throws InterruptedException {
        long start = System.nanoTime();
        long n = 0;
        long total = (long) seconds * RATE;
        while (n < total) {
            long due = start + n * 1_000_000_000L / RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            send(producer, next.get());
            n++;
        }
        producer.flush();
        return n;
    }

    /** The fits-the-quotas run alone, on the 20 fast SKUs, with figures per channel and the sync queues' depths each second. */
    static void fitsOnly(
            ConfigurableApplicationContext hub,
            KafkaProducer<String, String> producer,
            Sandbox sandbox,
            JdbcClient jdbc,
            Random random,
            Instant t)
            throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            send(producer, movement(sku(i), 100_000, StockMovement.Kind.RECEIPT, "open-" + i, t));
        }
        producer.flush();
        await(() -> pending(jdbc) == 0 && confirmed(jdbc) == 20L * CHANNELS.length, 120);
        long[] refusedBefore = new long[CHANNELS.length];
        for (int c = 0; c < CHANNELS.length; c++) {
            refusedBefore[c] = sandbox.shop(CHANNELS[c]).orElseThrow().quota().refused();
        }
        Instant from = Instant.now();
        ActiveMQServer broker = hub.getBean(EmbeddedActiveMQ.class).getActiveMQServer();
        Thread depth = new Thread(
                () -> { // waiting / in delivery / done / replaced, per sync queue
                    while (!Thread.currentThread().isInterrupted()) {
                        StringBuilder line = new StringBuilder("queues");
                        for (String id : CHANNELS) {
                            Queue q = broker.locateQueue(SimpleString.of("sync." + id));
                            line.append(' ')
                                    .append(id)
                                    .append('=')
                                    .append(
                                            q == null
                                                    ? "-"
                                                    : q.getMessageCount() + "/" + q.getDeliveringCount() + "/"
                                                            + q.getMessagesAcknowledged() + "/"
                                                            + q.getMessagesReplaced());
                        }
                        System.out.println(Instant.now() + " " + line);
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
        depth.setDaemon(true);
        depth.start();
        long sent = fitsTheQuotas(producer, random, t);
        await(() -> pending(jdbc) == 0, 300);
        depth.interrupt(); // before the hub closes under it
        long[] all = percentiles(jdbc, from, null);
        System.out.printf(
                "fits: %d events, %d pushes, p50 %d ms, p99 %d ms%n", sent, pushes(jdbc, from), all[0], all[1]);
        for (int c = 0; c < CHANNELS.length; c++) {
            System.out.printf(
                    "%s: %s; %d calls refused over the simulator's quota%n",
                    CHANNELS[c],
                    jdbc.sql("""
                            SELECT count(*) || ' pushes, p50 ' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))
                                   || ' ms, p99 ' || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)) || ' ms, max '
                                   || round(max(ms)) || ' ms'
                              FROM (SELECT extract(epoch FROM confirmed_at - caused_at) * 1000 ms FROM stock_push
                                     WHERE caused_at >= :from AND channel_id = :c) x
                            """)
                            .param("from", Timestamp.from(from))
                            .param("c", CHANNELS[c])
                            .query(String.class)
                            .single(),
                    sandbox.shop(CHANNELS[c]).orElseThrow().quota().refused() - refusedBefore[c]);
        }
    }

    /** 1,000 events/s for SECONDS over the 20 fast SKUs: one in ten a receipt of 5, the rest sales of 1 to 3. */
    static long fitsTheQuotas(KafkaProducer<String, String> producer, Random random, Instant t)
            throws InterruptedException {
        return stream(producer, SECONDS, () -> {
            int i = random.nextInt(20);
            return random.nextInt(10) == 0
                    ? movement(sku(i), 5, StockMovement.Kind.RECEIPT, null, t)
                    : movement(sku(i), -(1 + random.nextInt(3)), StockMovement.Kind.SALE, null, t);
        });
    }

    static long[] percentiles(JdbcClient jdbc, Instant from, Long value) {
        return jdbc.sql("""
                        SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - caused_at)), 0),
                               coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - caused_at)), 0)
                          FROM stock_push WHERE caused_at >= :from AND (CAST(:v AS bigint) IS NULL OR value = :v)
                        """)
                .param("from", Timestamp.from(from))
                .param("v", value)
                .query((rs, n) -> new long[] {Math.round(rs.getDouble(1) * 1000), Math.round(rs.getDouble(2) * 1000)})
                .single();
    }

    static long pushes(JdbcClient jdbc, Instant from) {
        return jdbc.sql("SELECT count(*) FROM stock_push WHERE caused_at >= :from")
                .param("from", Timestamp.from(from))
                .query(Long.class)
                .single();
    }

    static long pending(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM channel_stock WHERE state IN ('PENDING', 'PUSHING')")
                .query(Long.class)
                .single();
    }

    static long confirmed(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM channel_stock WHERE state = 'CONFIRMED'")
                .query(Long.class)
                .single();
    }

    static void await(BooleanSupplier done, int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("not reached in " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }

    static long sum(long[] xs) {
        long s = 0;
        for (long x : xs) {
            s += x;
        }
        return s;
    }

    static String sku(int i) {
        return String.format("S%04d", i);
    }

    /** The platform's SKU id of hub SKU number {@code i} on channel {@code c}; number SKUS is FLASH. */
    static String channelSku(int c, int i) {
        return switch (TYPES[c]) {
            case "taobao" -> Long.toString(5_000_000_000L + c * 10_000_000L + i);
            case "jd" -> Long.toString(100_000_000_000L + i);
            default -> Long.toString(1_700_000_000_000_000L + c * 1_000_000_000L + i);
        };
    }

    static String channelItem(int c, int i) {
        return switch (TYPES[c]) {
            case "taobao" -> Long.toString(6_000_000_000L + c * 10_000_000L + i);
            case "jd" -> Long.toString(10_000_000L + i);
            default -> Long.toString(3_600_000_000_000_000_000L + c * 1_000_000_000L + i);
        };
    }

    static String[] movement(String sku, long delta, StockMovement.Kind kind, String id, Instant t) {
        String movementId = id != null ? "bench:" + id : "bench:" + UUID.randomUUID();
        return new String[] {
            sku,
            HubJson.write(new StockMovement(
                    StockMovement.SCHEMA, movementId, sku, "WH-SH", delta, kind, "bench", movementId, t))
        };
    }

    static String[] count(String sku, long onHand, Instant at) {
        return new String[] {
            sku, HubJson.write(new StockSnapshot(StockSnapshot.SCHEMA, sku, "WH-SH", onHand, "bench", at))
        };
    }

    static void send(KafkaProducer<String, String> producer, String[] keyAndValue) {
        producer.send(new ProducerRecord<>("hub.stock", keyAndValue[0], keyAndValue[1]));
    }

    static KafkaProducer<String, String> producer(String brokers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p);
    }

    /** Five shops on the sandbox, their SKU codes and one online warehouse. */
    static void writeConfig(Path dir) throws Exception {
        Files.createDirectories(dir);
        StringBuilder channels = new StringBuilder("hub:\n  channels:\n");
        for (int c = 0; c < CHANNELS.length; c++) {
            String path =
                    switch (TYPES[c]) {
                        case "taobao" -> "/taobao/router/rest";
                        case "jd" -> "/jd/routerjson";
                        default -> "/douyin";
                    };
            channels.append(String.format(
                    """
                        %s:
                          type: %s
                          endpoint: ${hub.sandbox.url}%s
                          credentials: {app-key: "%s", app-secret: bench-secret-%d, access-token: bench-token-%d}
                          pull: {interval: 1s, window: 1h, overlap: 2m, settle: 1s}
                          allocation: {ratio: 0.2}
                          quota: {calls-per-second: %d}
                    """,
                    CHANNELS[c],
                    TYPES[c],
                    path,
                    TYPES[c].equals("douyin") ? "700000000000000000" + c : "bench-key-" + c,
                    c,
                    c,
                    QUOTA));
        }
        Files.writeString(dir.resolve("channels.yml"), channels.toString());
        StringBuilder codes = new StringBuilder("channel,channel_sku,sku,channel_item\n");
        for (int c = 0; c < CHANNELS.length; c++) {
            for (int i = 0; i <= SKUS + LOW_SALES; i++) {
                String hubSku = i < SKUS ? sku(i) : i == SKUS ? "FLASH" : "LOW" + (i - SKUS);
                codes.append(CHANNELS[c])
                        .append(',')
                        .append(channelSku(c, i))
                        .append(',')
                        .append(hubSku)
                        .append(',')
                        .append(channelItem(c, i))
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve("sku-codes.csv"), codes.toString());
        Files.writeString(
                dir.resolve("locations.csv"),
                "channel,store_code,location,kind,online,zone\nhub,WH-SH,WH-SH,warehouse,true,Asia/Shanghai\n");
    }
}
