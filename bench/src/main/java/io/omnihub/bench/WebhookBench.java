package io.omnihub.bench;

import io.omnihub.connectors.partner.PartnerSignature;
import io.omnihub.hub.HubApplication;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Partner webhook acceptance: {@code REQUESTS} signed orders from {@code CLIENTS} concurrent
 * clients on loopback against the hub on its embedded default, each answered 202 only after its
 * durable write. Prints requests/s and latency percentiles and appends them to bench/RESULTS.md.
 */
public final class WebhookBench {

    static final int REQUESTS = 10_000;
    static final int CLIENTS = 16;
    static final String SECRET = "bench-secret";

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of("target/bench-webhook-data");
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        ConfigurableApplicationContext hub = new SpringApplication(HubApplication.class)
                .run(
                        "--hub.data-dir=" + dataDir,
                        "--hub.embedded.postgres.port=0",
                        "--hub.embedded.kafka.port=0",
                        "--hub.embedded.ftp.port=0",
                        "--hub.embedded.sandbox.port=0",
                        "--hub.embedded.sandbox.seed=false",
                        "--server.port=0",
                        "--hub.channels.partner-acme.credentials.app-secret=" + SECRET,
                        "--hub.channels.partner-acme.quota.calls-per-second=1000000",
                        // the platform pulls would share the machine; this measures the webhook alone
                        "--hub.channels.tmall-flagship.enabled=false",
                        "--hub.channels.jd-official.enabled=false",
                        "--hub.channels.douyin-live.enabled=false",
                        "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
            URI uri = URI.create("http://127.0.0.1:" + port + "/webhooks/partners/partner-acme/orders");
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 500; i++) { // warm-up
                send(http, uri, "W-" + i);
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long start = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        int status = send(http, uri, "B-" + i);
                        latencies.add((System.nanoTime() - t) / 1e6);
                        if (status != 202) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            String report = String.format(
                    """

                    ## Partner webhook acceptance, %s
                    Machine: %s, %d cores, Java %s. Hub on its embedded default; %d signed partner orders from %d
                    concurrent HTTP/1.1 clients on loopback; each 202 follows a committed PostgreSQL write.

                    | figure | value |
                    |---|---|
                    | accepted | %d of %d (%d not 202) |
                    | throughput | %.0f requests/s |
                    | latency p50 / p99 / max | %.1f ms / %.1f ms / %.1f ms |
                    """,
                    Instant.now(),
                    InetAddress.getLocalHost().getHostName(),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    REQUESTS,
                    CLIENTS,
                    REQUESTS - refused.get(),
                    REQUESTS,
                    refused.get(),
                    REQUESTS / seconds,
                    pct(sorted, 50),
                    pct(sorted, 99),
                    sorted.get(sorted.size() - 1));
            System.out.println(report);
            Files.writeString(
                    Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            hub.close();
        }
    }

    private static int send(HttpClient http, URI uri, String orderId) throws Exception {
        String body = "{\"orderId\":\"" + orderId + "\",\"status\":\"PAID\",\"createdAt\":\"2026-11-22T02:00:00Z\","
                + "\"updatedAt\":\"2026-11-22T02:00:05Z\",\"buyer\":{\"phone\":\"13812345678\",\"name\":\"张三\"},"
                + "\"lines\":[{\"sku\":\"TEE-WHT-M\",\"qty\":2,\"unitPrice\":\"99.00\"}],\"total\":\"198.00\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        return http.send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Timestamp", ts)
                                .header("X-Hub-Signature", PartnerSignature.sign(SECRET, ts, bytes))
                                .header("Idempotency-Key", orderId)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
