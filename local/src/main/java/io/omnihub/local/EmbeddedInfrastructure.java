package io.omnihub.local;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.hub.kafka.KafkaLimits;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.sandbox.infra.EmbeddedFtpServer;
import io.omnihub.sandbox.infra.EmbeddedKafkaBroker;
import io.omnihub.sandbox.infra.EmbeddedPostgresServer;
import io.omnihub.sandbox.sim.Sandbox;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The embedded default: before the application context exists, start a real PostgreSQL, a KRaft
 * Kafka broker, an FTP server and the channel sandbox, with their data under {@code hub.data-dir},
 * and point the hub's configuration at them. Artemis is embedded by Spring Boot itself.
 *
 * <p>Registered in this module's META-INF/spring.factories, so only a hub run with the local module
 * on its class path has it. Its defaults ({@value #DEFAULTS}: {@code hub.embedded.enabled=true},
 * the embedded Artemis) go below every other property source; it does nothing once
 * {@code hub.embedded.enabled} is false (the compose and prod profiles).
 * The servers are destroyed last, after the web server, Camel and the connection pool have
 * stopped, so they never stop under the hub and nothing the hub started outlives it. None of them
 * has a shutdown hook of its own: until the application context owns them, Spring Boot's shutdown
 * hook stops them; from then on they are stopped as the context's last bean.
 */
public class EmbeddedInfrastructure implements ApplicationListener<ApplicationEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    private static final Set<String> SIMULATED = Sandbox.simulatedPlatforms();
    static final String DEFAULTS = "omnihub-local.yml";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Runnable stopAtExit = this::stop;
    private Sandbox sandbox;
    private boolean ownedByContext;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30; // after config files are loaded and logging is set up
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent e) {
            addDefaults(e.getEnvironment());
            start(e.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent e && !started.isEmpty()) {
            DefaultListableBeanFactory beans =
                    (DefaultListableBeanFactory) e.getApplicationContext().getBeanFactory();
            // the first disposable registered is the last destroyed
            beans.registerDisposableBean("embeddedInfrastructure", this::stop);
            takenOverByContext();
            if (sandbox != null) {
                beans.registerSingleton("channelSandbox", sandbox);
            }
        } else if (event instanceof ApplicationFailedEvent && !isOwnedByContext()) {
            // a context that failed is closed after this event, and its beans destroyed, us last
            stop();
        }
    }

    /** Lowest precedence: application.yml in ./config, profiles, tests and options all override them. */
    private static void addDefaults(ConfigurableEnvironment env) {
        if (env.getPropertySources().contains(DEFAULTS)) {
            return;
        }
        try {
            new YamlPropertySourceLoader()
                    .load(DEFAULTS, new ClassPathResource(DEFAULTS, EmbeddedInfrastructure.class.getClassLoader()))
                    .forEach(env.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedded default's " + DEFAULTS, e);
        }
    }

    private synchronized void takenOverByContext() {
        ownedByContext = true;
        try {
            SpringApplication.getShutdownHandlers().remove(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM came first: the handler is stopping the servers and this start will fail
        }
    }

    private synchronized boolean isOwnedByContext() {
        return ownedByContext;
    }

    private synchronized void start(ConfigurableEnvironment env) {
        Binder binder = Binder.get(env);
        if (!binder.bind("hub.embedded.enabled", Boolean.class).orElse(false) || !started.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        // a SIGTERM before the context owns the servers: Spring Boot's shutdown hook stops them
        SpringApplication.getShutdownHandlers().add(stopAtExit);
        Path data = Path.of(binder.bind("hub.data-dir", String.class).orElse("./data"))
                .toAbsolutePath()
                .normalize();
        Map<String, Object> props = new HashMap<>();
        try {
            EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(
                    data.resolve("postgres"),
                    binder.bind("hub.embedded.postgres.port", Integer.class).orElse(15432),
                    "hub");
            started.push(pg);
            props.put("spring.datasource.url", pg.jdbcUrl());
            props.put("spring.datasource.username", pg.username());
            props.put("spring.datasource.password", "");

            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(
                    data.resolve("kafka"),
                    binder.bind("hub.embedded.kafka.port", Integer.class).orElse(19092),
                    binder.bind("hub.kafka.partitions", Integer.class).orElse(3),
                    KafkaLimits.maxMessageBytes(binder.bind("hub.kafka.max-record-bytes", Integer.class)
                            .orElse(KafkaLimits.DEFAULT_MAX_RECORD_BYTES)));
            started.push(kafka);
            props.put("camel.component.kafka.brokers", kafka.bootstrapServers());

            String ftpUser = binder.bind("hub.embedded.ftp.user", String.class).orElse("pos");
            String ftpPassword =
                    binder.bind("hub.embedded.ftp.password", String.class).orElse("pos");
            EmbeddedFtpServer ftp = EmbeddedFtpServer.start(
                    data.resolve("ftp"),
                    binder.bind("hub.embedded.ftp.port", Integer.class).orElse(2121),
                    ftpUser,
                    ftpPassword);
            started.push(ftp);
            props.put("hub.ftp.url", "ftp://127.0.0.1:" + ftp.port());

            if (binder.bind("hub.embedded.sandbox.enabled", Boolean.class).orElse(true)) {
                sandbox = Sandbox.start(
                        binder.bind("hub.embedded.sandbox.port", Integer.class).orElse(18080), Clock.systemUTC());
                started.push(sandbox);
                props.put("hub.sandbox.url", sandbox.baseUrl());
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        env.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", props));
        if (sandbox != null) {
            openSandboxShops(Binder.get(env));
        }
        log.info("Embedded infrastructure up in {} ms (data in {})", (System.nanoTime() - t0) / 1_000_000, data);
    }

    /** Every platform channel instance pointed at the sandbox gets a shop there, with its SKUs listed. */
    private void openSandboxShops(Binder binder) {
        Map<String, ChannelInstance> channels = binder.bind(
                        "hub.channels", Bindable.mapOf(String.class, ChannelInstance.class))
                .orElse(Map.of());
        String codes = binder.bind("hub.codes.sku-codes", String.class).orElse("file:./config/sku-codes.csv");
        SkuCodeTable table;
        try (Reader r = new InputStreamReader(
                new DefaultResourceLoader().getResource(codes).getInputStream(), StandardCharsets.UTF_8)) {
            table = SkuCodeTable.read(r, codes);
        } catch (Exception e) {
            log.warn("Sandbox shops get no SKUs: cannot read {}: {}", codes, e.getMessage());
            table = new SkuCodeTable(List.of());
        }
        int callsPerSecond = binder.bind("hub.embedded.sandbox.platform-calls-per-second", Integer.class)
                .orElse(0);
        for (Map.Entry<String, ChannelInstance> e : channels.entrySet()) {
            ChannelInstance c = e.getValue();
            if (!SIMULATED.contains(c.getType())
                    || c.getEndpoint() == null
                    || !c.getEndpoint().startsWith(sandbox.baseUrl())) {
                continue;
            }
            String id = e.getKey();
            List<SimSku> catalog = table.all().stream()
                    .filter(s -> s.channelId().equals(id))
                    .map(row -> SimSku.listed(row.channelItemId(), row.channelSku(), row.sku()))
                    .toList();
            sandbox.addShop(
                    new SimShop.Config(
                            id,
                            c.getType(),
                            c.getCredentials().getAppKey(),
                            c.getCredentials().getAppSecret(),
                            c.getCredentials().getAccessToken(),
                            callsPerSecond),
                    catalog);
        }
        if (binder.bind("hub.embedded.sandbox.seed", Boolean.class).orElse(true)) {
            Duration every = binder.bind("hub.embedded.sandbox.seed-interval", Duration.class)
                    .orElse(Duration.ofSeconds(5));
            sandbox.startSeeding(
                    every.toMillis(),
                    binder.bind("hub.embedded.sandbox.orders-per-tick", Integer.class)
                            .orElse(1));
        }
    }

    private synchronized void stop() {
        if (started.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        // nothing is left that uses them, and none needs another to stop: Kafka and PostgreSQL,
        // a few seconds each, stop side by side
        List<String> took = Collections.synchronizedList(new ArrayList<>());
        List<Thread> stopping = started.stream()
                .map(server -> new Thread(
                        () -> {
                            long t = System.nanoTime();
                            try {
                                server.close();
                            } catch (Exception e) {
                                log.warn(
                                        "Stopping {} failed: {}",
                                        server.getClass().getSimpleName(),
                                        e.toString());
                            }
                            took.add(server.getClass().getSimpleName() + " " + (System.nanoTime() - t) / 1_000_000
                                    + " ms");
                        },
                        "stop-" + server.getClass().getSimpleName()))
                .toList();
        started.clear();
        stopping.forEach(Thread::start);
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info(
                "Embedded servers stopped in {} ms ({})",
                (System.nanoTime() - t0) / 1_000_000,
                String.join(", ", took));
    }
}
