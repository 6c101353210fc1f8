package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.connectors.partner.PartnerSignature;
import io.omnihub.sandbox.infra.EmbeddedPostgresServer;
import io.omnihub.sandbox.infra.FreePorts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * SIGTERM under load, with the hub as its own process on the embedded default: signed partner
 * orders are sent from several threads, the hub is sent SIGTERM while they are in flight, and
 * then its PostgreSQL data directory is read directly. The hub must exit within its shutdown grace,
 * answer no request with a 5xx, keep every order it answered 202, and have committed none it did
 * not answer 202. Connections refused once it has stopped listening are what a client retries.
 */
class GracefulShutdownIT {

    static final Path DATA = Path.of("target/it-data/shutdown");
    /** The default {@code hub.shutdown.grace}; the test does not set it. */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** JVM exit and the time the signal takes to arrive. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    static final String SECRET = "partner-test-secret";
    static final int SENDERS = 8;
    static final Duration LOAD_BEFORE_SIGTERM = Duration.ofSeconds(3);
    static final Duration LOAD_AT_MOST = Duration.ofSeconds(15);
    static final int ACCEPTED_BEFORE_SIGTERM = 50;

    /** One request and what came of it: an HTTP status, or none (refused, or cut off unanswered). */
    record Sent(String orderId, long startNanos, long endNanos, int status, String failure) {
        boolean answered() {
            return status > 0;
        }
    }

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @Test
    void sigtermUnderLoadExitsWithinTheGraceWithEveryAcceptedOrderKeptAndNoneAnsweredWrongly() throws Exception {
        FileSystemUtils.deleteRecursively(DATA.toFile());
        Files.createDirectories(DATA);
        int port = FreePorts.resolve(0);
        Path log = DATA.resolve("hub.log");
        Process hub = launch(port, log);
        List<Sent> sent = new CopyOnWriteArrayList<>();
        long sigterm;
        long exitMillis;
        boolean exited;
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            awaitReady(port, hub, log);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sequence = new AtomicLong();
            for (int i = 0; i < SENDERS; i++) {
                senders.submit(() -> {
                    while (!stop.get()) {
                        Sent s = sendOrder(port, "G-" + sequence.incrementAndGet());
                        sent.add(s);
                        if (s.failure() != null) {
                            sleep(20); // the hub is going or gone: the client would back off and retry
                        }
                    }
                    return null;
                });
            }
            // a few seconds of load, longer on a slow machine until enough orders went in
            long loadStart = System.nanoTime();
            while (since(loadStart).compareTo(LOAD_BEFORE_SIGTERM) < 0
                    || accepted(sent) < ACCEPTED_BEFORE_SIGTERM
                            && since(loadStart).compareTo(LOAD_AT_MOST) < 0) {
                Thread.sleep(100);
            }
            sigterm = System.nanoTime();
            hub.destroy(); // SIGTERM
            exited = hub.waitFor(GRACE.plus(MARGIN).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
            exitMillis = (System.nanoTime() - sigterm) / 1_000_000;
            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            senders.shutdownNow();
            hub.destroyForcibly();
        }
        String hubLog = Files.readString(log);
        System.out.println("GracefulShutdownIT: hub exited " + exitMillis + " ms after SIGTERM (exit code "
                + (exited ? hub.exitValue() : "none") + ")");

        long accepted = accepted(sent);
        long spanning = sent.stream()
                .filter(s -> s.status() == 202 && s.startNanos() < sigterm && s.endNanos() > sigterm)
                .count();
        long refused = sent.stream().filter(s -> "refused".equals(s.failure())).count();
        long cutOff = sent.stream()
                .filter(s -> !s.answered() && !"refused".equals(s.failure()))
                .count();
        System.out.println("GracefulShutdownIT: " + sent.size() + " requests, " + accepted + " answered 202 ("
                + spanning + " of them in flight at SIGTERM), " + refused + " refused, " + cutOff
                + " sent but not answered; answers by status: "
                + sent.stream()
                        .filter(Sent::answered)
                        .collect(Collectors.groupingBy(Sent::status, TreeMap::new, Collectors.counting())));

        assertThat(exited).as("the hub exited at all (see " + log + ")").isTrue();
        assertThat(exitMillis)
                .as("ms from SIGTERM to exit")
                .isLessThanOrEqualTo(GRACE.plus(MARGIN).toMillis());
        assertThat(accepted).as("orders accepted").isGreaterThanOrEqualTo(ACCEPTED_BEFORE_SIGTERM);
        assertThat(spanning)
                .as("requests in flight when SIGTERM came, finished with 202")
                .isPositive();
        assertThat(sent).as("no request is answered with a server error").noneMatch(s -> s.status() >= 500);
        assertThat(hubLog)
                .as("Camel stopped its routes without forcing them")
                .doesNotContain("Timeout occurred during graceful shutdown");
        assertThat(DATA.resolve("postgres/postmaster.pid"))
                .as("the hub stopped its PostgreSQL before exiting")
                .doesNotExist();

        Set<String> committed = committedOrderIds();
        List<String> acceptedIds =
                sent.stream().filter(s -> s.status() == 202).map(Sent::orderId).toList();
        assertThat(committed).as("every order answered 202 is in the database").containsAll(acceptedIds);
        List<Sent> committedButNotAccepted = sent.stream()
                .filter(s -> s.status() != 202 && committed.contains(s.orderId()))
                .toList();
        assertThat(committedButNotAccepted)
                .as("orders committed although their request was not answered 202")
                .isEmpty();
        assertThat(committed)
                .as("nothing committed that was not sent")
                .isSubsetOf(sent.stream().map(Sent::orderId).toList());
    }

    /** The hub as its own JVM, on this test's class path, with the embedded default under {@link #DATA}. */
    private static Process launch(int port, Path log) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-cp",
                System.getProperty("java.class.path"),
                HubApplication.class.getName(),
                "--server.port=" + port,
                "--hub.data-dir=" + DATA.toAbsolutePath(),
                "--hub.config-dir=classpath:test-config",
                "--hub.embedded.postgres.port=0",
                "--hub.embedded.kafka.port=0",
                "--hub.embedded.ftp.port=0",
                "--hub.embedded.sandbox.port=0",
                "--hub.embedded.sandbox.seed=false",
                // readiness comes after the application runners; plain health is UP as soon as the web server is
                "--management.endpoint.health.probes.enabled=true",
                // the test's load is well over the partner's configured 50 requests/s
                "--hub.channels.partner-test.quota.calls-per-second=100000");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private void awaitReady(int port, Process hub, Path log) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            assertThat(hub.isAlive()).as("the hub is running (see " + log + ")").isTrue();
            assertThat(System.nanoTime())
                    .as("the hub is ready within 180 s (see " + log + ")")
                    .isLessThan(until);
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
    }

    private Sent sendOrder(int port, String orderId) {
        String body = """
                {"orderId":"%s","status":"PAID","createdAt":"%s","updatedAt":"%s",
                 "buyer":{"phone":"13812345678","memberCard":"","email":"","name":"张三"},
                 "lines":[{"sku":"TEE-WHT-M","qty":1,"unitPrice":"99.00"}],"total":"99.00",
                 "shipTo":{"province":"上海","city":"上海市","district":"浦东新区","address":"某某路1号"}}""".formatted(orderId, Instant.now(), Instant.now());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/webhooks/partners/partner-test/orders"))
                .timeout(GRACE.plusSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Timestamp", ts)
                .header("X-Hub-Signature", PartnerSignature.sign(SECRET, ts, bytes))
                .header("Idempotency-Key", orderId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        long start = System.nanoTime();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            return new Sent(orderId, start, System.nanoTime(), status, null);
        } catch (ConnectException e) {
            return new Sent(orderId, start, System.nanoTime(), 0, "refused");
        } catch (IOException e) {
            return new Sent(orderId, start, System.nanoTime(), 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(orderId, start, System.nanoTime(), 0, "interrupted");
        }
    }

    /** Order ids of the partner orders committed, read from the hub's own data directory. */
    private static Set<String> committedOrderIds() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(DATA.resolve("postgres"), 0, "hub");
                Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "");
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT message_key FROM inbound_event WHERE channel_id = 'partner-test'")) {
            Set<String> ids = new HashSet<>();
            while (rs.next()) {
                ids.add(rs.getString(1).substring("partner-test:".length()));
            }
            return ids;
        }
    }

    private static long accepted(List<Sent> sent) {
        return sent.stream().filter(s -> s.status() == 202).count();
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
