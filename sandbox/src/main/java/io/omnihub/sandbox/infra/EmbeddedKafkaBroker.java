package io.omnihub.sandbox.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker in this JVM, on a fixed port, with its log kept between runs.
 * These are Kafka-internal classes (what {@code kafka-storage format} and {@code kafka-server-start}
 * do), kept in this one class.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Kafka's own default {@code message.max.bytes}: 1 MiB and a record batch header. */
    public static final int KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedKafkaBroker start(Path logDirectory, int port, int partitions) {
        return start(logDirectory, port, partitions, KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * As {@link #start(Path, int, int)}, with {@code message.max.bytes} (the largest record batch
     * the broker takes, the default of topics created without their own {@code max.message.bytes}).
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port, int partitions, int maxMessageBytes) {
        int brokerPort = FreePorts.resolve(port);
        int controllerPort = FreePorts.other(brokerPort);
        String dir = logDirectory.toAbsolutePath().toString();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir);
        p.put("num.partitions", Integer.toString(partitions));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("message.max.bytes", Integer.toString(maxMessageBytes));
        // one disk, one node: flush on the OS's schedule like any broker; survive a clean restart
        p.put("log.retention.hours", "168");
        KafkaConfig config = new KafkaConfig(p, false);
        try {
            Files.createDirectories(logDirectory);
            if (Files.exists(logDirectory.resolve("meta.properties"))) {
                KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
                server.startup();
                log.info("Embedded Kafka (KRaft) on 127.0.0.1:{} with data in {}", brokerPort, dir);
                return new EmbeddedKafkaBroker(server, brokerPort);
            }
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dir)
                    .addDirectory(dir)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + dir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.info("Embedded Kafka (KRaft) on 127.0.0.1:{} with data in {}", brokerPort, dir);
        return new EmbeddedKafkaBroker(server, brokerPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
