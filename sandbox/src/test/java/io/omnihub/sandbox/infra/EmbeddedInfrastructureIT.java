package io.omnihub.sandbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded servers are real servers, and what they store survives a restart. */
class EmbeddedInfrastructureIT {

    @TempDir
    Path data;

    @Test
    void postgresKeepsItsDataAcrossARestartAndLeavesNoProcessBehind() throws Exception {
        Path dir = data.resolve("postgres");
        long pid;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, 0, "hub")) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
            pid = Long.parseLong(
                    Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, 0, "hub");
                Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void kafkaKeepsRecordsAcrossARestart() throws Exception {
        Path dir = data.resolve("kafka");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir, 0, 1);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(new ProducerRecord<>("hub.test", "k", "v1")).get();
        }
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir, 0, 1)) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("group.id", "it");
            p.put("auto.offset.reset", "earliest");
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("hub.test"));
                long until = System.currentTimeMillis() + 30_000;
                while (values.isEmpty() && System.currentTimeMillis() < until) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
            }
            assertThat(values).containsExactly("v1");
        }
    }

    @Test
    void ftpAcceptsAnUploadIntoItsRootDirectory() throws Exception {
        try (EmbeddedFtpServer ftp = EmbeddedFtpServer.start(data.resolve("ftp"), 0, "pos", "pos-pass")) {
            FTPClient client = new FTPClient();
            client.connect("127.0.0.1", ftp.port());
            assertThat(client.login("pos", "pos-pass")).isTrue();
            client.enterLocalPassiveMode();
            client.setFileType(FTP.BINARY_FILE_TYPE);
            client.makeDirectory("store-001");
            assertThat(client.storeFile(
                            "store-001/SALES_S001_20261122100000.csv",
                            new ByteArrayInputStream("receipt_no\n1\n".getBytes(StandardCharsets.UTF_8))))
                    .isTrue();
            client.logout();
            client.disconnect();
            assertThat(data.resolve("ftp/store-001/SALES_S001_20261122100000.csv"))
                    .hasContent("receipt_no\n1");
        }
    }
}
