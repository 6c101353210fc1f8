package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.hub.testing.Await;
import io.omnihub.hub.testing.OrderAudit;
import io.omnihub.hub.testing.Shoppers;
import io.omnihub.hub.testing.TopicReader;
import io.omnihub.sandbox.infra.EmbeddedPostgresServer;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The hub is stopped while it is pulling (in-flight windows cut off after 1 s) and started again
 * on the same data, while the shops keep selling: nothing is lost and nothing is published twice.
 * The sandbox runs outside the hub here, so the shops outlive both hubs.
 */
class RestartMidPullIT {

    static final Path DATA = Path.of("target/it-data/restart");
    static final List<String> INSTANCES = List.of("tmall-ingest", "jd-ingest", "douyin-ingest");
    static Sandbox sandbox;

    @BeforeAll
    static void shops() {
        FileSystemUtils.deleteRecursively(DATA.toFile());
        sandbox = Sandbox.start(0, Clock.systemUTC());
        open(
                "tmall-ingest",
                "taobao",
                "ingest-tb-key",
                "ingest-tb-secret",
                "ingest-tb-session",
                5000000001L,
                6000000001L);
        open("jd-ingest", "jd", "ingest-jd-key", "ingest-jd-secret", "ingest-jd-token", 100000000001L, 10000001L);
        open(
                "douyin-ingest",
                "douyin",
                "7000000000000000009",
                "ingest-dy-secret",
                "ingest-dy-token",
                1760000000000001L,
                3620000000000000001L);
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Test
    void aHubRestartedInTheMiddleOfPullingLosesNothingAndDuplicatesNothing() throws Exception {
        // slow answers keep a window's pull in flight most of the time
        INSTANCES.forEach(id -> shop(id).faults().delay(15));
        List<CompletableFuture<Void>> selling = INSTANCES.stream()
                .map(id -> CompletableFuture.runAsync(() -> Shoppers.shop(shop(id), id.hashCode() + 1, 40, 50, 250)))
                .toList();

        ConfigurableApplicationContext first = startHub();
        JdbcClient jdbc1 = first.getBean(JdbcClient.class);
        // some windows published and marked, while the shops keep selling and the next windows are in flight
        Await.until(
                Duration.ofSeconds(60),
                () -> jdbc1.sql("SELECT count(*) FROM orders WHERE published_version = version")
                        .query(Long.class)
                        .single(),
                n -> n > 300);
        first.close();
        long unmarked = forgetSomePublications();
        assertThat(unmarked).as("published changes made to look unmarked").isPositive();
        ConfigurableApplicationContext second = startHub();
        try {
            selling.forEach(CompletableFuture::join);
            INSTANCES.forEach(id -> shop(id).faults().delay(0));
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            for (String id : INSTANCES) {
                assertThat(shop(id).orderCount()).isEqualTo(2_000);
                OrderAudit.awaitStored(jdbc, shop(id), id, Duration.ofSeconds(120));
            }
            List<ConsumerRecord<String, String>> hubOrders = TopicReader.readAll(
                    second.getEnvironment().getProperty("camel.component.kafka.brokers"), "hub.orders");
            for (String id : INSTANCES) {
                OrderAudit.assertPublishedExactlyOnce(hubOrders, shop(id), id);
            }
        } finally {
            second.close();
        }
    }

    /**
     * The narrowest crash window, made certain: hub.orders acknowledged these changes but the hub
     * stopped before marking them published. The next hub must find them there, not publish them again.
     */
    private static long forgetSomePublications() throws Exception {
        try (EmbeddedPostgresServer pg =
                        EmbeddedPostgresServer.start(DATA.toAbsolutePath().resolve("postgres"), 0, "hub");
                Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "");
                Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE orders SET published_version = published_version - 1 WHERE ctid IN "
                    + "(SELECT ctid FROM orders WHERE published_version = version LIMIT 100)");
        }
    }

    private static ConfigurableApplicationContext startHub() {
        return new SpringApplication(HubApplication.class)
                .run(
                        "--hub.data-dir=" + DATA,
                        "--hub.config-dir=classpath:test-config-restart",
                        "--hub.sandbox.url=" + sandbox.baseUrl(),
                        "--hub.embedded.sandbox.enabled=false",
                        "--hub.embedded.postgres.port=0",
                        "--hub.embedded.kafka.port=0",
                        "--hub.embedded.ftp.port=0",
                        "--server.port=0",
                        // a stop does not wait for the window being pulled: it is cut off, as by a crash
                        "--camel.main.shutdown-timeout=1",
                        "--spring.jmx.enabled=false");
    }

    private static void open(String id, String platform, String key, String secret, String token, long sku, long item) {
        sandbox.addShop(
                new SimShop.Config(id, platform, key, secret, token, 0),
                List.of(
                        new SimSku(Long.toString(item), Long.toString(sku), "SKU-0", "SKU-0", 1_000_000, 9900),
                        new SimSku(Long.toString(item), Long.toString(sku + 1), "SKU-1", "SKU-1", 1_000_000, 19900)));
    }

    private static SimShop shop(String id) {
        return sandbox.shop(id).orElseThrow();
    }
}
