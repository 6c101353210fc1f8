package io.omnihub.bench;

import io.omnihub.hub.HubApplication;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Promotion start to the last channel's confirmation, against the five simulated shops of
 * {@link StockSyncBench} (same quotas): prices for every SKU set by one CSV import, then a
 * direct discount on 100 SKUs (500 price pushes, within the quotas in a few seconds) and one on all
 * 2,000 SKUs (10,000 pushes, bounded by the quotas), each created through the API to start 5 s later.
 */
public final class PriceSyncBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of("target/bench-price-data");
        Path configDir = Path.of("target/bench-price-config");
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        StockSyncBench.writeConfig(configDir);
        ConfigurableApplicationContext hub = new SpringApplication(HubApplication.class)
                .run(
                        "--hub.data-dir=" + dataDir,
                        "--hub.config-dir=file:" + configDir.toAbsolutePath(),
                        "--hub.embedded.postgres.port=0",
                        "--hub.embedded.kafka.port=0",
                        "--hub.embedded.ftp.port=0",
                        "--hub.embedded.sandbox.port=0",
                        "--hub.embedded.sandbox.seed=false",
                        "--hub.embedded.sandbox.platform-calls-per-second=" + StockSyncBench.QUOTA,
                        "--hub.embedded.sandbox.opening-stock=0",
                        "--server.port=0",
                        "--logging.level.root=WARN");
        try {
            String base = "http://localhost:" + hub.getEnvironment().getProperty("local.server.port");
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            StringBuilder csv = new StringBuilder("sku,channel,list_price,member_price,floor_price\n");
            for (int i = 0; i < StockSyncBench.SKUS; i++) {
                csv.append(StockSyncBench.sku(i)).append(",,199.00,,99.00\n");
            }
            HttpResponse<String> imported = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/prices/import"))
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            check(imported, 200);
            long listed = (long) StockSyncBench.SKUS * StockSyncBench.CHANNELS.length;
            StockSyncBench.await(() -> confirmed(jdbc) == listed, 600);
            System.out.printf(
                    "list prices of %,d SKUs confirmed on %d channels%n",
                    StockSyncBench.SKUS, StockSyncBench.CHANNELS.length);

            long[] small = run(base, jdbc, "BENCH-100", 100);
            long[] all = run(base, jdbc, "BENCH-ALL", StockSyncBench.SKUS);

            String report = String.format(
                    """

                    ## Price sync at a promotion's start (PriceSyncBench), %s
                    Machine: %s, %d cores, Java %s. The five simulated shops of StockSyncBench, %d calls/s each. A direct
                    discount created through `POST /api/promotions` to start 5 s later; the time runs from its start to
                    each platform's confirmation (`price_push`).

                    | promotion | price pushes | start to confirmation p50 / p99 | start to the last confirmation | end to the last revert |
                    |---|---|---|---|---|
                    | 19.90 off 100 SKUs on 5 channels | %,d | %,d ms / %,d ms | %,d ms | %,d ms |
                    | 19.90 off all %,d SKUs on 5 channels | %,d | %,d ms / %,d ms | %,d ms | %,d ms |
                    """,
                    Instant.now(),
                    InetAddress.getLocalHost().getHostName(),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    StockSyncBench.QUOTA,
                    small[0],
                    small[1],
                    small[2],
                    small[3],
                    small[4],
                    StockSyncBench.SKUS,
                    all[0],
                    all[1],
                    all[2],
                    all[3],
                    all[4]);
            System.out.println(report);
            Files.writeString(
                    Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            hub.close();
        }
    }

    /** @return pushes at the start, p50, p99 and max from the start (ms), and max from the end (ms) */
    static long[] run(String base, JdbcClient jdbc, String id, int skus) throws Exception {
        Instant start = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plusSeconds(skus <= 100 ? 20 : 90);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < skus; i++) {
            list.add("\"" + StockSyncBench.sku(i) + "\"");
        }
        String channels = "\"" + String.join("\",\"", StockSyncBench.CHANNELS) + "\"";
        String body = "{\"promotionId\":\"" + id + "\",\"type\":\"DIRECT_DISCOUNT\",\"channels\":[" + channels
                + "],\"skus\":[" + String.join(",", list) + "],\"startsAt\":\"" + start + "\",\"endsAt\":\"" + end
                + "\",\"amount\":\"19.90\"}";
        check(
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/promotions"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()),
                201);
        long expected = (long) skus * StockSyncBench.CHANNELS.length;
        StockSyncBench.await(() -> pushes(jdbc, start, 17_910) == expected, 900);
        long[] atStart = jdbc.sql("""
                        SELECT count(*),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - caused_at)) * 1000,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - caused_at)) * 1000,
                               max(extract(epoch FROM confirmed_at - caused_at)) * 1000
                          FROM price_push WHERE caused_at = :t AND value_fen = 17910
                        """)
                .param("t", Timestamp.from(start))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                .single();
        System.out.printf(
                "%s: %,d pushes, p50 %,d ms, p99 %,d ms, last %,d ms after the start%n",
                id, atStart[0], atStart[1], atStart[2], atStart[3]);
        StockSyncBench.await(() -> pushes(jdbc, end, 19_900) == expected, 900);
        long last =
                jdbc.sql("""
                        SELECT max(extract(epoch FROM confirmed_at - caused_at)) * 1000 FROM price_push
                         WHERE caused_at = :t AND value_fen = 19900
                        """).param("t", Timestamp.from(end)).query(Long.class).single();
        System.out.printf("%s: reverted everywhere %,d ms after the end%n", id, last);
        return new long[] {atStart[0], atStart[1], atStart[2], atStart[3], last};
    }

    static long pushes(JdbcClient jdbc, Instant cause, long fen) {
        return jdbc.sql("SELECT count(*) FROM price_push WHERE caused_at = :t AND value_fen = :v")
                .param("t", Timestamp.from(cause))
                .param("v", fen)
                .query(Long.class)
                .single();
    }

    static long confirmed(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM channel_price WHERE state = 'CONFIRMED'")
                .query(Long.class)
                .single();
    }

    static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.statusCode() + ": " + r.body());
        }
    }
}
