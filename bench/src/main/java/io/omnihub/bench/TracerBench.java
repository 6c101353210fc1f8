package io.omnihub.bench;

import io.omnihub.hub.HubApplication;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimOrder;
import io.omnihub.sandbox.sim.SimPeople;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import io.omnihub.sandbox.sim.SimStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The tracer flow, measured: the hub on its embedded default (fresh data directory), then
 * <ol>
 *   <li>start-up: from launch to the application being ready;</li>
 *   <li>order latency: one order at a time placed in the Taobao simulator until the orders API
 *       returns it (pull interval 1 s), p50/p99 over {@code LATENCY_ORDERS} orders;</li>
 *   <li>ingest throughput: {@code BURST} orders placed at once, until all are stored and published;</li>
 *   <li>pull throughput per connector (Taobao, JD, Douyin): a backlog of {@code PULL_ORDERS} orders.</li>
 * </ol>
 * Prints the figures and appends them to bench/RESULTS.md. Run with bench/run.sh.
 */
public final class TracerBench {

    static final int LATENCY_ORDERS = 40;
    static final int BURST = 2_000;
    static final int PULL_ORDERS = 5_000;
    static final int QUOTA = 50;

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of("target/bench-data");
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        long t0 = System.nanoTime();
        ConfigurableApplicationContext hub = new SpringApplication(HubApplication.class)
                .run(
                        "--hub.data-dir=" + dataDir,
                        "--hub.embedded.postgres.port=0",
                        "--hub.embedded.kafka.port=0",
                        "--hub.embedded.ftp.port=0",
                        "--hub.embedded.sandbox.port=0",
                        "--hub.embedded.sandbox.seed=false",
                        "--server.port=0",
                        // stock is synced out now: plenty of it, so the simulated shops never refuse the benchmark's
                        // orders
                        "--hub.embedded.sandbox.opening-stock=1000000",
                        "--hub.channels.tmall-flagship.pull.interval=1s",
                        "--hub.channels.tmall-flagship.pull.settle=1s",
                        "--hub.channels.jd-official.pull.interval=200ms",
                        "--hub.channels.jd-official.pull.settle=1s",
                        "--hub.channels.douyin-live.pull.interval=200ms",
                        "--hub.channels.douyin-live.pull.settle=1s",
                        "--hub.channels.tmall-flagship.quota.calls-per-second=" + QUOTA,
                        "--hub.channels.jd-official.quota.calls-per-second=" + QUOTA,
                        "--hub.channels.douyin-live.quota.calls-per-second=" + QUOTA,
                        "--logging.level.root=WARN");
        double startupSeconds = (System.nanoTime() - t0) / 1e9;
        try {
            int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
            Sandbox sandbox = hub.getBean(Sandbox.class);
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            SimShop shop = sandbox.shop("tmall-flagship").orElseThrow();
            List<SimSku> skus = new ArrayList<>(shop.skus());
            skus.forEach(s -> s.setQuantity(1_000_000));
            SimPeople people = new SimPeople(1000, 7);
            Random random = new Random(7);
            HttpClient http = HttpClient.newHttpClient();

            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < LATENCY_ORDERS; i++) {
                SimOrder o = place(shop, skus, people, random);
                long start = System.nanoTime();
                URI uri = URI.create("http://127.0.0.1:" + port + "/api/orders/tmall-flagship/" + o.orderId());
                while (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        != 200) {
                    Thread.sleep(10);
                }
                latencies.add((System.nanoTime() - start) / 1e6);
                Thread.sleep(random.nextInt(700)); // spread placements across the pull cycle
            }
            Collections.sort(latencies);

            long before = published(jdbc);
            long burstStart = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                place(shop, skus, people, random);
            }
            while (published(jdbc) < before + BURST) {
                Thread.sleep(50);
            }
            double burstSeconds = (System.nanoTime() - burstStart) / 1e9;

            // pull throughput per connector: a backlog of PULL_ORDERS orders, one connector at a time
            StringBuilder perConnector = new StringBuilder();
            for (String instance : List.of("tmall-flagship", "jd-official", "douyin-live")) {
                SimShop s = sandbox.shop(instance).orElseThrow();
                List<SimSku> catalog = new ArrayList<>(s.skus());
                catalog.forEach(k -> k.setQuantity(1_000_000));
                long start = published(jdbc, instance);
                long t = System.nanoTime();
                for (int i = 0; i < PULL_ORDERS; i++) {
                    place(s, catalog, people, random);
                }
                while (published(jdbc, instance) < start + PULL_ORDERS) {
                    Thread.sleep(20);
                }
                double seconds = (System.nanoTime() - t) / 1e9;
                perConnector.append(String.format(
                        "| %s (%s) | %.1f s | %.0f orders/s |%n",
                        instance, s.config().platform(), seconds, PULL_ORDERS / seconds));
            }

            String report = String.format(
                    """

                    ## Tracer flow (Taobao simulator -> PostgreSQL + hub.raw + hub.orders), %s
                    Machine: %s, %d cores, Java %s. Embedded default (PostgreSQL, KRaft Kafka, Artemis, FTP, sandbox in one JVM).

                    | figure | value |
                    |---|---|
                    | start-up to ready (fresh data directory) | %.1f s |
                    | order placed -> readable at /api/orders, p50 / p99 (%d orders, pull interval 1 s, settle 1 s) | %.0f ms / %.0f ms |
                    | burst of %d orders -> all stored and published on hub.orders | %.1f s (%.0f orders/s) |

                    Pull throughput per connector: a backlog of %d orders placed at once in the simulator, until all are
                    stored and published (pages of 100, read from the last back; quota %d calls/s per instance):

                    | connector | time | throughput |
                    |---|---|---|
                    %s""",
                    Instant.now(),
                    InetAddress.getLocalHost().getHostName(),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    startupSeconds,
                    LATENCY_ORDERS,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    BURST,
                    burstSeconds,
                    BURST / burstSeconds,
                    PULL_ORDERS,
                    QUOTA,
                    perConnector);
            System.out.println(report);
            append(report);
        } finally {
            hub.close();
        }
    }

    private static SimOrder place(SimShop shop, List<SimSku> skus, SimPeople people, Random random) {
        SimSku sku = skus.get(random.nextInt(skus.size()));
        return shop.placeOrder(
                        people.pick(random).on(shop.config().platform()),
                        List.of(new SimShop.Want(sku.skuId(), 1)),
                        SimStatus.PAID)
                .orElseThrow();
    }

    private static long published(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE published_version = version")
                .query(Long.class)
                .single();
    }

    private static long published(JdbcClient jdbc, String instance) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE channel_id = :i AND published_version = version")
                .param("i", instance)
                .query(Long.class)
                .single();
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void append(String report) throws IOException {
        Path results = Path.of("bench/RESULTS.md");
        if (!Files.exists(results)) {
            Files.writeString(
                    results, "# Benchmark results\n\nFigures measured by the programs in bench/, newest last.\n");
        }
        Files.writeString(results, report, StandardOpenOption.APPEND);
    }
}
