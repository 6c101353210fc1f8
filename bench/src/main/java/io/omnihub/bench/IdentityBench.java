package io.omnihub.bench;

import io.omnihub.hub.HubApplication;
import io.omnihub.hub.identity.Identities;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The identity graph's own throughput: member events applied in batches of 500 straight to the
 * graph (no Kafka in between), two per person from two sources (a POS card with a phone, then a
 * partner member with the same phone in another spelling and an e-mail), so every second event
 * links to an existing customer. A first figure, not the labelled benchmark of issue 5.
 */
public final class IdentityBench {

    static final int PEOPLE = Integer.getInteger("bench.identity.people", 10_000);
    static final int BATCH = Integer.getInteger("bench.identity.batch", 2_000);

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of("target/bench-identity-data");
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        ConfigurableApplicationContext hub = new SpringApplication(HubApplication.class).run(
                "--hub.data-dir=" + dataDir,
                "--hub.embedded.postgres.port=0", "--hub.embedded.kafka.port=0", "--hub.embedded.ftp.port=0",
                "--hub.embedded.sandbox.port=0", "--hub.embedded.sandbox.seed=false", "--server.port=0",
                "--hub.channels.tmall-flagship.enabled=false", "--hub.channels.jd-official.enabled=false",
                "--hub.channels.douyin-live.enabled=false", "--hub.channels.pos-east.enabled=false",
                "--logging.level.root=WARN");
        try {
            Identities identities = hub.getBean(Identities.class);
            List<String> events = new ArrayList<>();
            Instant t = Instant.parse("2026-11-22T02:00:00Z");
            for (int p = 0; p < PEOPLE; p++) {
                String phone = String.format("139%08d", p);
                events.add(HubJson.write(new MemberEvent(MemberEvent.SCHEMA, "pos-east:C" + p, MemberEvent.Kind.REGISTERED,
                        "pos-east", List.of(new Identifier(Identifier.Type.MEMBER_CARD, "C" + p, "pos-east"),
                        Identifier.of(Identifier.Type.PHONE, phone)), Map.of("name", "顾客" + p), t)));
            }
            for (int p = 0; p < PEOPLE; p++) {
                String phone = String.format("+86 139-%04d-%04d", p / 10_000, p % 10_000);
                events.add(HubJson.write(new MemberEvent(MemberEvent.SCHEMA, "partner-acme:M" + p, MemberEvent.Kind.REGISTERED,
                        "partner-acme", List.of(new Identifier(Identifier.Type.PARTNER_MEMBER_ID, "M" + p, "partner-acme"),
                        Identifier.of(Identifier.Type.PHONE, phone), Identifier.of(Identifier.Type.EMAIL, "p" + p + "@example.cn")),
                        Map.of("name", "顾客" + p), t.plusSeconds(60))));
            }
            long start = System.nanoTime();
            int applied = 0;
            for (int i = 0; i < events.size(); i += BATCH) {
                applied += identities.apply(events.subList(i, Math.min(events.size(), i + BATCH)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long customers = hub.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("SELECT count(*) FROM customer WHERE merged_into IS NULL").query(Long.class).single();
            String report = String.format("""

                    ## Identity graph throughput (first cut), %s
                    Machine: %s, %d cores, Java %s. %,d member events for %,d people (a POS card with a phone, then a
                    partner member with the same phone spelt differently and an e-mail), applied in batches of %d
                    straight to the graph in the embedded PostgreSQL; no Kafka in between, no noise. Not the labelled
                    precision/recall benchmark, which is still to come.

                    | figure | value |
                    |---|---|
                    | events applied | %,d in %.1f s (%,.0f events/s) |
                    | golden customers at the end | %,d (expected %,d) |
                    """, Instant.now(), InetAddress.getLocalHost().getHostName(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), events.size(), PEOPLE, BATCH, applied, seconds, applied / seconds,
                    customers, PEOPLE);
            System.out.println(report);
            Files.writeString(Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            hub.close();
        }
    }
}
