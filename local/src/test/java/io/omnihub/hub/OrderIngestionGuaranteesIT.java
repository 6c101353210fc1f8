package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.hub.ops.ChannelHealth;
import io.omnihub.hub.testing.Await;
import io.omnihub.hub.testing.OrderAudit;
import io.omnihub.hub.testing.Shoppers;
import io.omnihub.hub.testing.TopicReader;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimShop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

/**
 * The ingestion guarantees on the real embedded infrastructure, for each platform at once: 10,000
 * orders created in its simulator over a moving window, with status changes, throttling bursts
 * and 5xx answers injected, all arrive exactly once in PostgreSQL and on hub.orders with their
 * final status; the hub never exceeds the platform's call quota; refused credentials stop the
 * instance instead of looping.
 */
@DirtiesContext // its routes keep polling; stop them when this class is done
@SpringBootTest(
        properties = {
            "hub.data-dir=target/it-data/ingestion",
            "hub.config-dir=classpath:test-config-ingest",
            "hub.embedded.postgres.port=0",
            "hub.embedded.kafka.port=0",
            "hub.embedded.ftp.port=0",
            "hub.embedded.sandbox.port=0",
            "hub.embedded.sandbox.seed=false",
            // the platforms allow 100 calls/s; the hub is configured for 80 (test-config-ingest)
            "hub.embedded.sandbox.platform-calls-per-second=100",
            "server.port=0",
        })
class OrderIngestionGuaranteesIT {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/ingestion").toFile());
    }

    static final List<String> INSTANCES = List.of("tmall-ingest", "jd-ingest", "douyin-ingest");

    @Autowired
    Sandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChannelHealth health;

    @Autowired
    CamelContext camel;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    @Test
    void tenThousandOrdersPerPlatformArriveExactlyOnceDespiteThrottlingAndFaults() throws Exception {
        INSTANCES.stream()
                .map(id -> CompletableFuture.runAsync(() -> Shoppers.shop(shop(id), id.hashCode(), 50, 200, 100)))
                .toList()
                .forEach(CompletableFuture::join);

        for (String id : INSTANCES) {
            assertThat(shop(id).orderCount()).isEqualTo(10_000);
            OrderAudit.awaitStored(jdbc, shop(id), id, Duration.ofSeconds(180));
        }
        List<ConsumerRecord<String, String>> hubOrders = TopicReader.readAll(brokers, "hub.orders");
        for (String id : INSTANCES) {
            OrderAudit.assertPublishedExactlyOnce(hubOrders, shop(id), id);
            assertThat(shop(id).quota().refused())
                    .as(id + ": calls refused for exceeding the platform's quota")
                    .isZero();
            assertThat(jdbc.sql("SELECT coalesce(sum(gap), 0) FROM pull_window WHERE instance_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .as(id + ": orders missing from a window")
                    .isZero();
        }
    }

    @Test
    void refusedCredentialsStopTheInstanceWithAClearHealthStatusInsteadOfLooping() throws Exception {
        SimShop shop = shop("douyin-ingest");
        String routeId = "douyin-ingest.orders.pull";
        shop.revokeAccess(true);
        try {
            Await.until(
                    Duration.ofSeconds(30),
                    () -> camel.getRouteController().getRouteStatus(routeId).name(),
                    s -> s.equals("Stopped"));
            ChannelHealth.State state = health.state("douyin-ingest");
            assertThat(state.state()).isEqualTo("STOPPED_AUTHENTICATION");
            assertThat(state.lastError()).contains("isv.access-token-invalid");
            assertThat(health.health().getStatus()).isEqualTo(ChannelHealth.DEGRADED);
        } finally {
            shop.revokeAccess(false);
            camel.getRouteController().startRoute(routeId);
        }
        Await.until(Duration.ofSeconds(30), () -> health.state("douyin-ingest").state(), s -> s.equals("RUNNING"));
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    }

    private SimShop shop(String id) {
        return sandbox.shop(id).orElseThrow();
    }
}
