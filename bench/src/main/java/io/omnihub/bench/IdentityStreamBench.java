package io.omnihub.bench;

import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import io.omnihub.mappings.model.MemberEvent;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Identity resolution at stream speed (issue 17): canonical member events produced to
 * {@code hub.members} as fast as a producer can, resolved by the hub's own {@code identity.resolve}
 * route, beside the raw rate at which a plain consumer reads the same records from the same broker
 * in the same run. A sample of events is looked up through {@code /api/customers/lookup} from its
 * produce time until it answers 200 (event-to-lookup-visible latency).
 *
 * <p>People: two or three records each from different sources, spread over the stream: a POS card
 * with a phone, a partner member with the same phone spelt differently and often an e-mail, and for
 * about 40 % a Youzan buyer carrying the union id the partner record also holds. So more than half
 * the events link to a customer already in the graph.
 */
public final class IdentityStreamBench {

    static final int EVENTS = Integer.getInteger("bench.identity.stream.events", 100_000);
    static final int WARM_UP = Integer.getInteger("bench.identity.stream.warm-up", 10_000);
    /** Warm-up rounds go on (up to {@link #WARM_UP_ROUNDS}) while the JIT compiled for more than this share of a round. */
    static final double WARM_UP_JIT_SHARE = 0.10;

    static final int WARM_UP_ROUNDS = Integer.getInteger("bench.identity.stream.warm-up-rounds", 15);
    static final int WARM_UP_PAUSE_MILLIS = 2_000;
    static final int SAMPLES = Integer.getInteger("bench.identity.stream.samples", 200);
    static final long SEED = Long.getLong("bench.identity.stream.seed", 20261202L);
    /** How many pending samples one round looks up: bounds what the prober costs the two cores. */
    static final int PROBE_WINDOW = 8;
    /** Lookups are the hub's work too: 8 every 50 ms (160/s) keeps the prober from taking a core from the resolver. */
    static final int PROBE_ROUND_MILLIS = 50;

    static final int PACED_SECONDS = Integer.getInteger("bench.identity.stream.paced-seconds", 20);
    static final String RAW_TOPIC = "bench.raw-consume";
    /** Full reads of the scratch topic timed together: one read of 100,000 records takes about a second. */
    static final int RAW_PASSES = 3;

    static final Instant T = Instant.parse("2026-11-22T02:00:00Z");

    /** One canonical event, its Kafka key, and the lookup query that finds it by its own id. */
    record Ev(String key, String json, String lookup, double order) {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("target/bench-identity-stream-data");
        ConfigurableApplicationContext hub = IdentityBench.startHub(data);
        try {
            run(hub);
        } finally {
            hub.close();
        }
        restart(data);
    }

    /**
     * What a restart costs the resolver: the hub started again on the run's data, the identity log
     * read back into memory (the first read), then the resolver's view built by a first batch of one
     * new event.
     */
    static void restart(Path data) throws Exception {
        long t0 = System.nanoTime();
        ConfigurableApplicationContext hub = IdentityBench.startHubAgain(data);
        try {
            double started = (System.nanoTime() - t0) / 1e9;
            io.omnihub.hub.identity.IdentityGraph graph = hub.getBean(io.omnihub.hub.identity.IdentityGraph.class);
            long t1 = System.nanoTime();
            long entries = graph.lastSeq();
            double replay = (System.nanoTime() - t1) / 1e9;
            long customers =
                    hub.getBean(io.omnihub.hub.identity.IdentityReads.class).goldenCustomers();
            long t2 = System.nanoTime();
            hub.getBean(io.omnihub.hub.identity.Identities.class)
                    .apply(List.of(HubJson.write(new MemberEvent(
                            MemberEvent.SCHEMA,
                            "bench-restart:1",
                            MemberEvent.Kind.REGISTERED,
                            "pos-east",
                            List.of(new Identifier(Type.MEMBER_CARD, "RESTART-1", "pos-east")),
                            Map.of("name", "重启"),
                            T))));
            double firstBatch = (System.nanoTime() - t2) / 1e9;
            String report = String.format("""

                    Restart, on the same data (%s): the hub up in %.1f s; the identity log's %,d entries (%,d golden
                    customers) read back into memory in **%.2f s**, and the resolver's view built by the first batch
                    (one event) in %.2f s.
                    """, Instant.now(), started, entries, customers, replay, firstBatch);
            System.out.println(report);
            Files.writeString(
                    Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            hub.close();
        }
    }

    static void run(ConfigurableApplicationContext hub) throws Exception {
        Environment env = hub.getEnvironment();
        String brokers = env.getProperty("camel.component.kafka.brokers");
        String api = "http://127.0.0.1:" + env.getProperty("local.server.port") + "/api/customers/lookup?";
        int partitions = env.getProperty("hub.kafka.partitions", Integer.class, 3);
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        String route = hub.getBean(CamelContext.class)
                .getRoute("identity.resolve")
                .getEndpoint()
                .getEndpointUri();
        String loadAtStart = load();
        io.micrometer.core.instrument.Counter resolvedCounter =
                hub.getBean(io.micrometer.core.instrument.MeterRegistry.class).counter("hub.identity.events.resolved");
        DoubleSupplier resolved = resolvedCounter::count;
        Random random = new Random(SEED);
        List<Ev> warmUp = events(1_000_000, WARM_UP, random);
        List<Ev> timed = events(0, EVENTS, random);

        // --- 1. the infrastructure alone: the timed events to a scratch topic, read by a plain consumer
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        long rawProduceStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(brokers)) {
            for (Ev e : timed) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, e.key(), e.json()));
            }
            producer.flush();
        }
        double rawProduceSeconds = (System.nanoTime() - rawProduceStart) / 1e9;
        long[] raw = {0, 0};
        double rawSeconds;
        try (KafkaConsumer<String, String> consumer = consumer(brokers)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(RAW_TOPIC, p));
            }
            consumer.assign(tps);
            readAll(consumer, tps, timed.size(), new long[2]); // a first pass, not timed: connections and the JIT
            long rawStart = System.nanoTime();
            for (int pass = 1; pass <= RAW_PASSES; pass++) {
                readAll(consumer, tps, pass * timed.size(), raw);
            }
            rawSeconds = (System.nanoTime() - rawStart) / 1e9;
        }
        long rawRead = raw[0];
        long rawBytes = raw[1];

        // --- warm-up through the hub, not timed, until the JIT is done with it: in this one JVM the
        // compiler works through Spring's, Camel's, the broker's and the hub's code for a minute or more
        // after start, on one of the two cores; a hub that has run for a while no longer pays that
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long base = 0;
        int warmUpRounds = 0;
        double warmUpJit;
        long warmUpEvents = 0;
        long warmUpPeople = 0;
        do {
            List<Ev> round = warmUpRounds == 0 ? warmUp : events(1_000_000 + warmUpRounds * WARM_UP, WARM_UP, random);
            long jit0 = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            long before = base;
            base = stream(brokers, jdbc, resolved, api, round, base, 0, SAMPLES / 4)
                            .applied()
                    + before; // lookups too
            Thread.sleep(WARM_UP_PAUSE_MILLIS); // the compiler's queue drains faster with the cores to itself
            warmUpJit = (jit.getTotalCompilationTime() - jit0) / ((System.nanoTime() - t0) / 1e6);
            warmUpRounds++;
            warmUpEvents += round.size();
            warmUpPeople += people(round);
            System.out.printf(
                    "warm-up round %d: %,d events, JIT busy %.0f %% of it%n",
                    warmUpRounds, round.size(), 100 * warmUpJit);
        } while (warmUpJit > WARM_UP_JIT_SHARE && warmUpRounds < WARM_UP_ROUNDS);

        // --- 2. and 3. the burst through identity.resolve, with sampled lookups -------------------
        io.micrometer.core.instrument.MeterRegistry meters =
                hub.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        Map<String, double[]> stepsBefore = steps(meters);
        long burstJit0 = jit.getTotalCompilationTime();
        System.out.printf(
                "burst from JVM uptime %,d ms%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        Run burst = stream(brokers, jdbc, resolved, api, timed, base, 0, SAMPLES);
        double burstJit = (jit.getTotalCompilationTime() - burstJit0) / (burst.seconds() * 1e3);
        System.out.printf(
                "burst until JVM uptime %,d ms%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        Map<String, double[]> stepsAfter = steps(meters);
        long applied = burst.applied();
        double seconds = burst.seconds();
        long lag = lag(brokers);
        long[] latencies = burst.latencies();
        double produceSeconds = burst.produceSeconds();

        // --- 3b. below capacity: paced at half the burst's rate, what a lookup waits without a backlog
        double pacedRate = Math.max(50, Math.floor(applied / seconds / 2));
        int pacedCount = (int) Math.min(EVENTS, pacedRate * PACED_SECONDS);
        List<Ev> pacedEvents = events(2_000_000, pacedCount, random);
        Run paced = stream(
                brokers, jdbc, resolved, api, pacedEvents, base + applied, pacedRate, Math.min(SAMPLES, pacedCount));
        Map<String, double[]> stepsPaced = steps(meters);
        long customers =
                hub.getBean(io.omnihub.hub.identity.IdentityReads.class).goldenCustomers();
        long linking = timed.size() - people(timed); // every record of a person but the first in the stream

        String report = String.format(
                """

                ## Identity resolution at stream speed, through Kafka (issue 17), %s
                Machine: %s, %d cores, Java %s, load average %s at the start and %s at the end (the machine is
                shared). **Target: >= 20,000 identity events/s sustained through Kafka, and p99 from event to
                lookup-visible <= 2 s.**

                N = %,d canonical member events (hub.member-event/1, %,d bytes on average) for %,d people, seed %d,
                after a warm-up through the same route (not timed) of %,d events in %d rounds, until the JIT compiled
                for less than %.0f %% of a round's time and the %d s pause after it (%.0f %% in the last; at most %d rounds). Each person has a POS card with a
                phone, a partner member with the same phone spelt differently (and an e-mail for 60 %%), and for
                about 40 %% a Youzan buyer with the union id the partner record carries; names Chinese, with the
                labelled bench's typos. A person's records are spread over the stream, so %,d events (%.0f %%) are a
                second or third record that links to a customer already there. Burst: all produced to hub.members
                (%d partitions) as fast as one producer can (acks=1, linger.ms=5, batch.size=65536, no compression;
                %.1f s for all), resolved by the hub's own route `%s`, timed from the first produce until
                identity_event holds all of them. Raw rate: the same N records on a scratch topic with %d
                partitions, read by one plain KafkaConsumer (String values, max.poll.records=500, assigned) in the
                same JVM before the hub's stream, %d full reads timed together after an untimed one. Latency: about %d
                events spread over the stream looked up by their own id (POS card, partner member id or Youzan
                buyer) through GET /api/customers/lookup, from the moment each was handed to the producer until the
                lookup answered 200, %d pending samples a round in turn, rounds %d ms apart. In the burst a late
                event waits behind the whole backlog, so that latency is mostly queueing; the paced run sends %,d
                further events at %,.0f events/s (half the burst's rate) to show the latency without a backlog.

                | figure | value |
                |---|---|
                | raw Kafka consume (plain consumer, same broker, the same records %d times) | %,d records in %.2f s: **%,.0f records/s**, %.1f MB/s |
                | raw Kafka produce (same records, one producer, cold) | %,.0f records/s |
                | identity events/s, burst through hub.members and identity.resolve | %,d events in %.1f s: **%,.0f events/s** |
                | hub rate as a share of the raw consume rate | %.1f %% |
                | event to lookup-visible, burst (%d of %d samples answered 200) | p50 %,d ms, p99 %,d ms, max %,d ms |
                | event to lookup-visible, paced at %,.0f events/s (%d of %d samples) | p50 %,d ms, p99 %,d ms, max %,d ms |
                | probe resolution: last answer 404 to first 200, burst / paced | p50 %,d / %,d ms, max %,d / %,d ms |
                | paced run applied | %,d of %,d events in %.1f s |
                | consumer group hub-identity lag on hub.members after the burst | %,d |
                | golden customers at the end | %,d (people fed, warm-up and paced run included: %,d) |
                | JIT compiling during the burst (compiler threads' time over the burst's) | %.0f %% |
                """,
                Instant.now(),
                InetAddress.getLocalHost().getHostName(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                loadAtStart,
                load(),
                timed.size(),
                timed.stream()
                                .mapToLong(e -> e.json().getBytes(StandardCharsets.UTF_8).length)
                                .sum()
                        / timed.size(),
                people(timed),
                SEED,
                warmUpEvents,
                warmUpRounds,
                100 * WARM_UP_JIT_SHARE,
                WARM_UP_PAUSE_MILLIS / 1000,
                100 * warmUpJit,
                WARM_UP_ROUNDS,
                linking,
                100.0 * linking / timed.size(),
                partitions,
                produceSeconds,
                route,
                partitions,
                RAW_PASSES,
                SAMPLES,
                PROBE_WINDOW,
                PROBE_ROUND_MILLIS,
                pacedCount,
                pacedRate,
                RAW_PASSES,
                rawRead,
                rawSeconds,
                rawRead / rawSeconds,
                rawBytes / rawSeconds / 1e6,
                timed.size() / rawProduceSeconds,
                applied,
                seconds,
                applied / seconds,
                100.0 * (applied / seconds) / (rawRead / rawSeconds),
                latencies.length,
                burst.samples(),
                ms(percentile(latencies, 0.50)),
                ms(percentile(latencies, 0.99)),
                ms(max(latencies)),
                pacedRate,
                paced.latencies().length,
                paced.samples(),
                ms(percentile(paced.latencies(), 0.50)),
                ms(percentile(paced.latencies(), 0.99)),
                ms(max(paced.latencies())),
                ms(percentile(burst.gaps(), 0.5)),
                ms(percentile(paced.gaps(), 0.5)),
                ms(max(burst.gaps())),
                ms(max(paced.gaps())),
                paced.applied(),
                pacedCount,
                paced.seconds(),
                lag,
                customers,
                people(timed) + warmUpPeople + people(pacedEvents),
                100 * burstJit);
        String where = stepTable("the burst", stepsBefore, stepsAfter, applied)
                + stepTable("the paced run", stepsAfter, stepsPaced, paced.applied());
        report += where + rawPostgres(jdbc, stepsAfter, stepsBefore, applied);
        System.out.println(report);
        Files.writeString(Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static final List<String> IDENTITY_TABLES = List.of("identity_log", "identity_event");

    /**
     * PostgreSQL's own rate for the rows the hub wrote: every identity table copied server-side
     * into an empty twin with the same indexes and storage (no network, no parameters, no conflict
     * checks, one statement a table). What a hub that writes these rows can never beat on this machine.
     */
    static String rawPostgres(JdbcClient jdbc, Map<String, double[]> after, Map<String, double[]> before, long burst) {
        long events = jdbc.sql("SELECT count(*) FROM identity_event")
                .query(Long.class)
                .single();
        StringBuilder rows = new StringBuilder();
        double total = 0;
        for (String table : IDENTITY_TABLES) {
            String twin = "bench_raw_" + table;
            jdbc.sql("DROP TABLE IF EXISTS " + twin).update();
            jdbc.sql("CREATE TABLE " + twin + " (LIKE " + table + " INCLUDING ALL)")
                    .update(); // storage too
            jdbc.sql("CHECKPOINT").update(); // the copy should not pay for the hub's dirty pages
            long t0 = System.nanoTime();
            int n = jdbc.sql("INSERT INTO " + twin + " SELECT * FROM " + table).update();
            double s = (System.nanoTime() - t0) / 1e9;
            jdbc.sql("DROP TABLE " + twin).update();
            total += s;
            rows.append(String.format(
                    "| %s | %,d | %.2f s | %.1f µs | %.1f µs |%n",
                    table, n, s, n == 0 ? 0 : s * 1e6 / n, s * 1e6 / events));
        }
        double write = 0;
        for (String step : List.of("write.log", "write.applied-events")) {
            write += after.getOrDefault(step, new double[2])[1] - before.getOrDefault(step, new double[2])[1];
        }
        return String.format("""

                The ceiling PostgreSQL sets on what the hub writes (the identity log, an entry a batch, and the
                applied event ids): those rows for all %,d events (warm-up, burst and paced run) copied server-side
                into empty twins of the tables with the same indexes and storage, one INSERT ... SELECT a table,
                after a CHECKPOINT. No network, no parameters, no conflict checks: PostgreSQL alone takes
                **%,.0f events/s** of these rows (%.1f µs an event), against the hub's write.log and
                write.applied-events steps of %.1f µs an event in the burst.

                | table | rows | copied in | per row | per event |
                |---|---|---|---|---|
                %s""", events, events / total, total * 1e6 / events, write * 1e6 / burst, rows);
    }

    /** Where a run's time went, per step of a batch, between two readings of the step timers. */
    static String stepTable(String run, Map<String, double[]> before, Map<String, double[]> after, long applied) {
        StringBuilder where = new StringBuilder(String.format("""

                Where %s's time went, per step of a batch (hub_identity_batch_step_seconds):

                | step | batches | total | per batch | per event |
                |---|---|---|---|---|
                """, run));
        List<String> names =
                new ArrayList<>(List.of("parse", "lock", "dedupe", "resolve", "fold", "split", "orders", "publish"));
        after.keySet().stream()
                .filter(k -> k.startsWith("write.") || k.startsWith("publish."))
                .sorted()
                .forEach(names::add);
        for (String step : names) {
            double[] a = after.getOrDefault(step, new double[2]);
            double[] b = before.getOrDefault(step, new double[2]);
            long batches = (long) (a[0] - b[0]);
            double total = a[1] - b[1];
            if (batches > 0) {
                where.append(String.format(
                        "| %s | %,d | %.1f s | %.1f ms | %.1f µs |%n",
                        step.contains(".") ? "&nbsp;&nbsp;" + step : step,
                        batches,
                        total,
                        total * 1000 / batches,
                        total * 1e6 / Math.max(1, applied)));
            }
        }
        return where.toString();
    }

    /** Count and total seconds of each step timer so far. */
    static Map<String, double[]> steps(io.micrometer.core.instrument.MeterRegistry meters) {
        Map<String, double[]> out = new java.util.HashMap<>();
        meters.find("hub.identity.batch.step")
                .timers()
                .forEach(t -> out.put(
                        t.getId().getTag("step"),
                        new double[] {t.count(), t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9}));
        return out;
    }

    /** One stream through the hub: how many applied, in how long from the first produce, and the sampled latencies. */
    record Run(long applied, double seconds, double produceSeconds, int samples, long[] latencies, long[] gaps) {}

    /**
     * Produces {@code events} to hub.members, as fast as one producer can ({@code rate} 0) or at
     * {@code rate} events/s, looks {@code samples} of them up while they go, and waits until
     * identity_event holds {@code base} plus all of them (or stops growing for 60 s).
     */
    static Run stream(
            String brokers,
            JdbcClient jdbc,
            DoubleSupplier resolved,
            String api,
            List<Ev> events,
            long base,
            double rate,
            int samples)
            throws InterruptedException {
        double resolvedAtStart = resolved.getAsDouble();
        int every = samples == 0 ? Integer.MAX_VALUE : Math.max(1, events.size() / samples);
        List<Ev> sampled = new ArrayList<>();
        for (int i = every / 2; i < events.size() && samples > 0; i += every) {
            sampled.add(events.get(i));
        }
        long[] producedAt = new long[sampled.size()];
        long[] visibleAt = new long[sampled.size()];
        long[] missedAt = new long[sampled.size()];
        Thread prober = new Thread(() -> probe(api, sampled, producedAt, visibleAt, missedAt), "lookup-prober");
        prober.setDaemon(true);
        long start = System.nanoTime();
        prober.start();
        try (KafkaProducer<String, String> producer = producer(brokers)) {
            for (int i = 0, s = 0; i < events.size(); i++) {
                Ev e = events.get(i);
                if (rate > 0) {
                    long due = start + (long) (i / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        Thread.sleep(wait / 1_000_000);
                    }
                }
                if (s < sampled.size() && sampled.get(s) == e) {
                    producedAt[s++] = System.nanoTime(); // the prober looks at a sample only once this is set
                }
                producer.send(new ProducerRecord<>("hub.members", e.key(), e.json()));
            }
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        long applied = waitForApplied(jdbc, resolved, resolvedAtStart + events.size(), events.size(), base) - base;
        double seconds = (System.nanoTime() - start) / 1e9;
        prober.join(60_000);
        prober.interrupt();
        prober.join();
        int visible = (int) Arrays.stream(visibleAt).filter(v -> v > 0).count();
        long[] latencies = new long[visible];
        long[] gaps = new long[visible];
        for (int i = 0, j = 0; i < visibleAt.length; i++) {
            if (visibleAt[i] > 0) {
                latencies[j] = visibleAt[i] - producedAt[i];
                gaps[j++] = visibleAt[i] - Math.max(producedAt[i], missedAt[i]);
            }
        }
        Arrays.sort(latencies);
        Arrays.sort(gaps);
        return new Run(applied, seconds, produceSeconds, sampled.size(), latencies, gaps);
    }

    /** Reads {@code tps} from the beginning until {@code n} records in all came; counts records and key plus value bytes. */
    static void readAll(KafkaConsumer<String, String> consumer, List<TopicPartition> tps, int n, long[] counts) {
        consumer.seekToBeginning(tps);
        while (counts[0] < n) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                counts[0]++;
                counts[1] += r.serializedKeySize() + r.serializedValueSize();
            }
        }
    }

    /**
     * {@code n} events of people numbered from {@code from}, in stream order: each person's records
     * at random places within the next few thousand events, so some link inside one batch of the
     * route and most to a customer resolved batches before. The stream is cut at {@code n}, which
     * drops some later records of the last people.
     */
    static List<Ev> events(int from, int n, Random r) {
        List<Ev> events = new ArrayList<>();
        for (int p = from; events.size() < n + 10_000; p++) {
            // a distinct mobile number per person: 7919 is prime to 10^9, so p -> p * 7919 mod 10^9 is one-to-one
            String phone = "1" + (3 + p % 7) + String.format("%09d", (p * 7919L + 12345) % 1_000_000_000L);
            String name = IdentityLabelledBench.SURNAMES[r.nextInt(IdentityLabelledBench.SURNAMES.length)]
                    + IdentityLabelledBench.GIVEN[r.nextInt(IdentityLabelledBench.GIVEN.length)]
                    + (r.nextBoolean()
                            ? IdentityLabelledBench.GIVEN[r.nextInt(IdentityLabelledBench.GIVEN.length)]
                            : "");
            String unionId = r.nextDouble() < 0.4 ? "oU" + Long.toHexString(SEED ^ (p * 1_000_003L)) : null;
            double at = p * 2.4;
            String card = "C" + p;
            events.add(ev(
                    "pos-east:" + card,
                    "pos-east",
                    List.of(
                            new Identifier(Type.MEMBER_CARD, card, "pos-east"),
                            Identifier.of(Type.PHONE, IdentityLabelledBench.noisyPhone(phone, r))),
                    IdentityLabelledBench.noisyName(name, r),
                    "memberCard=" + card + "&program=pos-east",
                    at));
            List<Identifier> partner = new ArrayList<>(List.of(
                    new Identifier(Type.PARTNER_MEMBER_ID, "M" + p, "partner-acme"),
                    Identifier.of(Type.PHONE, IdentityLabelledBench.noisyPhone(phone, r))));
            if (r.nextDouble() < 0.6) {
                partner.add(Identifier.of(Type.EMAIL, (r.nextBoolean() ? "P" : "p") + p + "@example.cn"));
            }
            if (unionId != null) {
                partner.add(Identifier.of(Type.UNION_ID, unionId));
            }
            events.add(ev(
                    "partner-acme:M" + p,
                    "partner-acme",
                    partner,
                    IdentityLabelledBench.noisyName(name, r),
                    "memberId=M" + p + "&partner=partner-acme",
                    at + r.nextDouble() * 3_000));
            if (unionId != null) {
                String buyer = "YZ" + p;
                events.add(ev(
                        "youzan-mall:" + buyer,
                        "youzan-mall",
                        List.of(
                                new Identifier(Type.PLATFORM_BUYER_ID, buyer, "youzan-mall"),
                                Identifier.of(Type.UNION_ID, unionId)),
                        IdentityLabelledBench.noisyName(name, r),
                        "buyerId=" + buyer + "&channel=youzan-mall",
                        at + r.nextDouble() * 6_000));
            }
        }
        events.sort(Comparator.comparingDouble(Ev::order));
        return new ArrayList<>(events.subList(0, n));
    }

    static Ev ev(String eventId, String source, List<Identifier> ids, String name, String lookup, double order) {
        String json = HubJson.write(new MemberEvent(
                MemberEvent.SCHEMA, eventId, MemberEvent.Kind.REGISTERED, source, ids, Map.of("name", name), T));
        return new Ev(eventId, json, lookup, order);
    }

    /**
     * Looks the pending samples up, {@link #PROBE_WINDOW} a round taken in turn from all of them
     * (events of different partitions become visible out of produce order), until each answered
     * 200 or ten minutes after the last was produced. The last answer other than 200 is kept: the
     * event became visible between it and the 200, which bounds how much a latency may be overstated.
     */
    static void probe(String api, List<Ev> sampled, long[] producedAt, long[] visibleAt, long[] missedAt) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = Long.MAX_VALUE;
        int next = 0;
        int left = sampled.size();
        while (left > 0 && System.nanoTime() < deadline) {
            for (int probed = 0, seen = 0; probed < PROBE_WINDOW && seen < sampled.size(); seen++) {
                int i = next;
                next = (next + 1) % sampled.size();
                if (visibleAt[i] != 0 || producedAt[i] == 0) {
                    continue;
                }
                probed++;
                try {
                    int status = http.send(
                                    HttpRequest.newBuilder(URI.create(
                                                    api + query(sampled.get(i).lookup())))
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status == 200) {
                        visibleAt[i] = System.nanoTime();
                        left--;
                    } else {
                        missedAt[i] = System.nanoTime();
                    }
                } catch (java.io.IOException e) {
                    // the hub is busy: ask again next round
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (deadline == Long.MAX_VALUE && producedAt.length > 0 && producedAt[producedAt.length - 1] != 0) {
                deadline = System.nanoTime() + 600_000_000_000L;
            }
            try {
                Thread.sleep(PROBE_ROUND_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The lookup query with its values URL-encoded. */
    static String query(String lookup) {
        return Arrays.stream(lookup.split("&"))
                .map(kv -> kv.substring(0, kv.indexOf('=') + 1)
                        + URLEncoder.encode(kv.substring(kv.indexOf('=') + 1), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Waits until identity_event holds {@code base + expected} rows, or nothing changed for 60 s; returns the count.
     * Watched through the hub's {@code hub.identity.events.resolved}, counted once a batch commits, and
     * then counted in the table: a count(*) every 50 ms would itself take a sixth of a core from
     * PostgreSQL at these table sizes.
     */
    static long waitForApplied(JdbcClient jdbc, DoubleSupplier resolved, double target, long expected, long base)
            throws InterruptedException {
        long lastChange = System.nanoTime();
        double seen = -1;
        while (resolved.getAsDouble() < target && System.nanoTime() - lastChange < 60_000_000_000L) {
            if (resolved.getAsDouble() != seen) {
                seen = resolved.getAsDouble();
                lastChange = System.nanoTime();
            }
            Thread.sleep(5);
        }
        return countApplied(jdbc, expected, base);
    }

    static long countApplied(JdbcClient jdbc, long expected, long base) throws InterruptedException {
        long applied = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now = jdbc.sql("SELECT count(*) FROM identity_event")
                    .query(Long.class)
                    .single();
            if (now != applied) {
                applied = now;
                lastChange = System.nanoTime();
            }
            if (applied >= base + expected || System.nanoTime() - lastChange > 60_000_000_000L) {
                return applied;
            }
            Thread.sleep(50);
        }
    }

    /** hub-identity's committed offsets behind the end of hub.members (auto-commit, so up to its interval late). */
    static long lag(String brokers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("hub-identity")
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            var ends = admin.listOffsets(committed.keySet().stream()
                            .filter(tp -> tp.topic().equals("hub.members"))
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            return ends.entrySet().stream()
                    .mapToLong(e ->
                            e.getValue().offset() - committed.get(e.getKey()).offset())
                    .sum();
        }
    }

    static long people(List<Ev> events) {
        return events.stream().filter(e -> e.key().startsWith("pos-east:")).count();
    }

    static KafkaProducer<String, String> producer(String brokers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(p);
    }

    static KafkaConsumer<String, String> consumer(String brokers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static long max(long[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    /** The one-minute load average. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static long ms(long nanos) {
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }
}
