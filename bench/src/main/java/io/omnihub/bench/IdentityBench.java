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
    static final int WARM_UP = Integer.getInteger("bench.identity.warm-up", 10_000);
    static final int BATCH = Integer.getInteger("bench.identity.batch", 2_000);

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext hub = startHub(Path.of("target/bench-identity-data"));
        try {
            Identities identities = hub.getBean(Identities.class);
            Instant t = Instant.parse("2026-11-22T02:00:00Z");
            // warm-up, not timed: the JIT compiles the hot paths first (on two cores its compiler
            // would otherwise compete with PostgreSQL for the timed run)
            List<String> warmUp = events(50_000_000, WARM_UP, t);
            for (int i = 0; i < warmUp.size(); i += BATCH) {
                identities.apply(warmUp.subList(i, Math.min(warmUp.size(), i + BATCH)));
            }
            List<String> events = events(0, PEOPLE, t);
            long start = System.nanoTime();
            int applied = 0;
            for (int i = 0; i < events.size(); i += BATCH) {
                applied += identities.apply(events.subList(i, Math.min(events.size(), i + BATCH)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long customers =
                    hub.getBean(io.omnihub.hub.identity.IdentityReads.class).goldenCustomers();
            String report = String.format(
                    """

                    ## Identity graph throughput (bulk resolution, after a warm-up of %,d people), %s
                    Machine: %s, %d cores, Java %s. %,d member events for %,d people (a POS card with a phone, then a
                    partner member with the same phone spelt differently and an e-mail), applied in batches of %,d
                    straight to the graph (resolved in memory, one identity log entry a batch in the embedded PostgreSQL), golden records put in the inbox for hub.customers;
                    no Kafka in front, no noise. Precision and recall: IdentityLabelledBench.

                    | figure | value |
                    |---|---|
                    | events applied | %,d in %.1f s (%,.0f events/s) |
                    | golden customers at the end | %,d (expected %,d, with the warm-up's) |
                    """,
                    WARM_UP,
                    Instant.now(),
                    InetAddress.getLocalHost().getHostName(),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    events.size(),
                    PEOPLE,
                    BATCH,
                    applied,
                    seconds,
                    applied / seconds,
                    customers,
                    PEOPLE + WARM_UP);
            System.out.println(report);
            Files.writeString(
                    Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            hub.close();
        }
    }

    /** The hub on its embedded default in a fresh data directory, every port free, no channel pulling. */
    static ConfigurableApplicationContext startHub(Path dataDir) {
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        return startHubAgain(dataDir);
    }

    /** The hub on the data a previous run left (PostgreSQL's and Kafka's), as a restart finds it. */
    static ConfigurableApplicationContext startHubAgain(Path dataDir) {
        return new SpringApplication(HubApplication.class)
                .run(
                        "--hub.data-dir=" + dataDir,
                        "--hub.embedded.postgres.port=0",
                        "--hub.embedded.kafka.port=0",
                        "--hub.embedded.ftp.port=0",
                        "--hub.embedded.sandbox.port=0",
                        "--hub.embedded.sandbox.seed=false",
                        "--server.port=0",
                        "--hub.channels.tmall-flagship.enabled=false",
                        "--hub.channels.jd-official.enabled=false",
                        "--hub.channels.douyin-live.enabled=false",
                        "--hub.channels.pos-east.enabled=false",
                        "--logging.level.root=WARN");
    }

    /** Two events for each of {@code people} people numbered from {@code from}: a POS card, then a partner member. */
    static List<String> events(int from, int people, Instant t) {
        List<String> events = new ArrayList<>();
        for (int p = from; p < from + people; p++) {
            events.add(HubJson.write(new MemberEvent(
                    MemberEvent.SCHEMA,
                    "pos-east:C" + p,
                    MemberEvent.Kind.REGISTERED,
                    "pos-east",
                    List.of(
                            new Identifier(Identifier.Type.MEMBER_CARD, "C" + p, "pos-east"),
                            Identifier.of(Identifier.Type.PHONE, String.format("139%08d", p))),
                    Map.of("name", name(p)),
                    t)));
        }
        for (int p = from; p < from + people; p++) {
            String phone = String.format("+86 139-%04d-%04d", p / 10_000, p % 10_000);
            events.add(HubJson.write(new MemberEvent(
                    MemberEvent.SCHEMA,
                    "partner-acme:M" + p,
                    MemberEvent.Kind.REGISTERED,
                    "partner-acme",
                    List.of(
                            new Identifier(Identifier.Type.PARTNER_MEMBER_ID, "M" + p, "partner-acme"),
                            Identifier.of(Identifier.Type.PHONE, phone),
                            Identifier.of(Identifier.Type.EMAIL, "p" + p + "@example.cn")),
                    Map.of("name", name(p)),
                    t.plusSeconds(60))));
        }
        return events;
    }

    /** A distinct three-character name per person. */
    static String name(int p) {
        String[] s = IdentityLabelledBench.SURNAMES;
        String[] g = IdentityLabelledBench.GIVEN;
        return s[p % s.length] + g[(p / s.length) % g.length] + g[(p / (s.length * g.length)) % g.length];
    }
}
