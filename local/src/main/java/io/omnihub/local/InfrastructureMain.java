package io.omnihub.local;

import io.omnihub.hub.kafka.KafkaLimits;
import io.omnihub.sandbox.SandboxMain;
import io.omnihub.sandbox.infra.EmbeddedFtpServer;
import io.omnihub.sandbox.infra.EmbeddedKafkaBroker;
import io.omnihub.sandbox.infra.EmbeddedPostgresServer;
import io.omnihub.sandbox.sim.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.yaml.snakeyaml.Yaml;

/**
 * The hub's infrastructure as one process of its own, without a hub: PostgreSQL, a KRaft Kafka
 * broker, Artemis with a TCP acceptor and a login, an FTP server and the channel sandbox, all on
 * 127.0.0.1. A hub (or two) in the production profile runs against it over the network, as it
 * would against real servers: the broker gets its settings from {@code broker.properties} only,
 * as an external Artemis does, so a hub that checks them is checked for real.
 *
 * <p>It writes the settings a production hub needs, as environment variables, to
 * {@code <data-dir>/hub.env} (the Artemis password is new each start; the FTP login and the shops'
 * credentials are those {@code channels.yml} names, from this process's environment) and prints one line
 * {@value #READY} when every server is up. Stopped by SIGTERM or Ctrl-C.
 * <pre>
 * java -Dloader.main=io.omnihub.local.InfrastructureMain -jar local/target/omnihub-local-exec.jar \
 *      [--data-dir=./data/infra] [--config-dir=config] [--broker-properties=config/artemis/broker.properties]
 *      [--ports=0] [--postgres-port=15432] [--kafka-port=19092] [--artemis-port=61616] [--ftp-port=2121]
 *      [--sandbox-port=18080] [--seed=true]
 * </pre>
 */
public final class InfrastructureMain {

    public static final String READY = "Infrastructure ready:";
    private static final String HOST = "127.0.0.1";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private InfrastructureMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        InfrastructureMain infrastructure = new InfrastructureMain();
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "infrastructure-stop"));
        try {
            Path env = infrastructure.start(options);
            System.out.println(READY + " settings for the hub in " + env);
            System.out.flush();
        } catch (Exception e) {
            System.err.println("Infrastructure did not start: " + e.getMessage());
            infrastructure.stop();
            System.exit(1);
        }
        new CountDownLatch(1).await();
    }

    private Path start(Map<String, String> o) throws IOException {
        Path data = Path.of(o.getOrDefault("data-dir", "./data/infra"))
                .toAbsolutePath()
                .normalize();
        Path config = Path.of(o.getOrDefault("config-dir", "config"));
        String brokerProperties = o.getOrDefault(
                "broker-properties", config.resolve("artemis/broker.properties").toString());
        int anyPort = Integer.parseInt(o.getOrDefault("ports", "-1"));
        Files.createDirectories(data);
        Map<String, String> hubEnv = new LinkedHashMap<>();

        EmbeddedPostgresServer pg =
                EmbeddedPostgresServer.start(data.resolve("postgres"), port(o, "postgres-port", anyPort, 15432), "hub");
        started.push(pg);
        hubEnv.put("HUB_DB_URL", pg.jdbcUrl());
        hubEnv.put("HUB_DB_USER", pg.username());
        hubEnv.put("HUB_DB_PASSWORD", "");

        int partitions = Integer.parseInt(o.getOrDefault("kafka-partitions", "3"));
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(
                data.resolve("kafka"),
                port(o, "kafka-port", anyPort, 19092),
                partitions,
                KafkaLimits.maxMessageBytes(KafkaLimits.DEFAULT_MAX_RECORD_BYTES));
        started.push(kafka);
        hubEnv.put("HUB_KAFKA_BROKERS", kafka.bootstrapServers());
        hubEnv.put("HUB_KAFKA_PARTITIONS", String.valueOf(partitions));
        hubEnv.put("HUB_KAFKA_REPLICATION", "1"); // one broker

        String artemisPassword = o.getOrDefault("artemis-password", secret());
        NetworkArtemisBroker artemis = NetworkArtemisBroker.start(
                data.resolve("artemis"),
                HOST,
                port(o, "artemis-port", anyPort, 61616),
                "hub",
                artemisPassword,
                brokerProperties.isEmpty() ? null : Path.of(brokerProperties));
        started.push(artemis);
        hubEnv.put("HUB_ARTEMIS_URL", artemis.url());
        hubEnv.put("HUB_ARTEMIS_USER", "hub");
        hubEnv.put("HUB_ARTEMIS_PASSWORD", artemisPassword);

        String[] login = ftpLogin(config);
        EmbeddedFtpServer ftp = EmbeddedFtpServer.start(
                data.resolve("ftp"),
                port(o, "ftp-port", anyPort, 2121),
                o.getOrDefault("ftp-user", login[0]),
                o.getOrDefault("ftp-password", login[1]));
        started.push(ftp);
        hubEnv.put("HUB_FTP_URL", "ftp://" + HOST + ":" + ftp.port());

        if (Boolean.parseBoolean(o.getOrDefault("sandbox", "true"))) {
            Sandbox sandbox = Sandbox.start(HOST, port(o, "sandbox-port", anyPort, 18080), Clock.systemUTC());
            started.push(sandbox);
            List<String> shops = SandboxMain.openShops(sandbox, config);
            if (Boolean.parseBoolean(o.getOrDefault("seed", "true"))) {
                sandbox.startSeeding(5_000, 1);
            }
            hubEnv.put("HUB_SANDBOX_URL", sandbox.baseUrl());
            System.out.println("Sandbox shops " + shops + " at " + sandbox.baseUrl());
        }

        Path env = data.resolve("hub.env");
        StringBuilder lines = new StringBuilder("# written by io.omnihub.local.InfrastructureMain; `set -a; . ")
                .append(env)
                .append("; set +a` before starting the hub\n");
        hubEnv.forEach((k, v) -> lines.append(k).append("='").append(v).append("'\n"));
        Files.writeString(env, lines, StandardCharsets.UTF_8);
        return env;
    }

    /**
     * The login of the config's first pos-ftp instance, resolved from this process's environment as
     * the hub resolves it, so the stores' drop box and the hub agree on it (the prod profile refuses
     * the shipped password, so set it, e.g. POS_EAST_FTP_PASSWORD, for both processes).
     */
    @SuppressWarnings("unchecked")
    static String[] ftpLogin(Path config) throws IOException {
        Path channels = config.resolve("channels.yml");
        if (Files.exists(channels)) {
            Map<String, Object> root = new Yaml().load(Files.readString(channels, StandardCharsets.UTF_8));
            Map<String, Object> hub =
                    root == null ? Map.of() : (Map<String, Object>) root.getOrDefault("hub", Map.of());
            Map<String, Map<String, Object>> instances =
                    (Map<String, Map<String, Object>>) hub.getOrDefault("channels", Map.of());
            for (Map<String, Object> c : instances.values()) {
                if ("pos-ftp".equals(c.get("type")) && c.get("credentials") instanceof Map<?, ?> cred) {
                    return new String[] {
                        SandboxMain.env(String.valueOf(cred.get("username"))),
                        SandboxMain.env(String.valueOf(cred.get("password")))
                    };
                }
            }
        }
        return new String[] {"pos", "pos"};
    }

    private static int port(Map<String, String> o, String name, int anyPort, int fallback) {
        return Integer.parseInt(o.getOrDefault(name, String.valueOf(anyPort >= 0 ? anyPort : fallback)));
    }

    private static String secret() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private synchronized void stop() {
        while (!started.isEmpty()) {
            AutoCloseable server = started.pop();
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Stopping " + server.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("options are --name=value, not " + a);
            }
            int eq = a.indexOf('=');
            o.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        return o;
    }
}
