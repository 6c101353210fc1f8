package io.omnihub.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.util.FileSystemUtils;

/**
 * A 100 MB {@code SALES} drop through the hub running as its own process with the heap capped at
 * 256 MB ({@code -Xmx256m}, embedded Kafka and Artemis in that same heap): uploaded over FTP as a
 * POS does (*.tmp, then renamed), until the file is in {@code .done/} and until every receipt line's
 * stock movement is on {@code hub.stock}. Then the same content again under another name. Prints
 * rows/s and the largest heap seen, and appends them to bench/RESULTS.md.
 */
public final class PosDropBench {

    /** The file size in MB: 100 unless -Dbench.pos.mb says otherwise (a quicker look while tuning). */
    static final long TARGET_BYTES = Long.getLong("bench.pos.mb", 100) * 1024 * 1024;
    /** The hub's heap cap: 256m unless -Dbench.pos.heap says otherwise (to see what the cap costs). */
    static final String HEAP = System.getProperty("bench.pos.heap", "256m");

    static final String[] SKUS = {
        "TEE-WHT-M", "TEE-WHT-L", "TEE-BLK-M", "HOODIE-GRY-L", "CAP-NAVY", "SOCKS-3P", "JEANS-32", "JACKET-OLV-M"
    };

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Path.of("target/bench-pos").toAbsolutePath();
        FileSystemUtils.deleteRecursively(work.toFile());
        Files.createDirectories(work);
        Path file = work.resolve("SALES_S001_20261122100000.csv");
        long rows = generate(file);
        long bytes = Files.size(file);
        System.out.printf("Generated %s: %,d bytes, %,d rows%n", file.getFileName(), bytes, rows);

        int httpPort = freePort();
        int ftpPort = freePort();
        int kafkaPort = freePort();
        Path data = work.resolve("data");
        Path jar = Path.of("routes/target/omnihub-exec.jar").toAbsolutePath();
        Process hub = new ProcessBuilder(
                        "java",
                        "-Xmx" + HEAP,
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + httpPort,
                        "--hub.data-dir=" + data,
                        "--hub.embedded.postgres.port=0",
                        "--hub.embedded.kafka.port=" + kafkaPort,
                        "--hub.embedded.ftp.port=" + ftpPort,
                        "--hub.embedded.sandbox.port=0",
                        "--hub.embedded.sandbox.seed=false",
                        "--hub.channels.tmall-flagship.enabled=false",
                        "--hub.channels.jd-official.enabled=false",
                        "--hub.channels.douyin-live.enabled=false")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("hub.log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
            long t = System.nanoTime();
            while (!get(http, httpPort, "/actuator/health").contains("\"UP\"")) {
                if (!hub.isAlive()) {
                    throw new IllegalStateException("the hub exited; see " + work.resolve("hub.log"));
                }
                Thread.sleep(500);
            }
            System.out.printf("Hub up in %.1f s (-Xmx%s)%n", (System.nanoTime() - t) / 1e9, HEAP);

            long maxHeap = 0;
            t = System.nanoTime();
            upload(ftpPort, file, file.getFileName().toString());
            double upload = (System.nanoTime() - t) / 1e9;
            long renamed = System.nanoTime();
            Path done = data.resolve("ftp/pos-east/.done").resolve(file.getFileName());
            while (!Files.exists(done)) {
                maxHeap = Math.max(maxHeap, heapUsed(http, httpPort));
                alive(hub, work);
                Thread.sleep(500);
            }
            double processed = (System.nanoTime() - renamed) / 1e9;
            long onTopic;
            while ((onTopic = endOffsets(kafka, "hub.stock")) < rows) {
                maxHeap = Math.max(maxHeap, heapUsed(http, httpPort));
                alive(hub, work);
                Thread.sleep(500);
            }
            double published = (System.nanoTime() - renamed) / 1e9;
            String stored = metric(http, httpPort, "hub_pos_rows_total", "stored");

            String copy = "SALES_S001_20261122100001.csv";
            upload(ftpPort, file, copy);
            long again = System.nanoTime();
            while (!Files.exists(data.resolve("ftp/pos-east/.done").resolve(copy))) {
                Thread.sleep(200);
            }
            double repeat = (System.nanoTime() - again) / 1e9;
            long afterRepeat = endOffsets(kafka, "hub.stock");

            String report = String.format(
                    """

                    ## POS drop on FTP: a %d MB SALES file at -Xmx%s, %s
                    Machine: %s, %d cores, Java %s. The hub as its own process (`java -Xmx%s -jar omnihub-exec.jar`,
                    embedded default: Kafka and Artemis share that heap, PostgreSQL and FTP beside it); the platform
                    pulls are off. The file is uploaded over FTP as *.tmp and renamed, as a POS does.

                    | figure | value |
                    |---|---|
                    | file | %,d bytes, %,d receipt lines (UTF-8) |
                    | upload over loopback FTP | %.1f s |
                    | rename -> file in .done/ (all rows checked, mapped, stored) | %.1f s (%,.0f rows/s) |
                    | rename -> every stock movement on hub.stock | %.1f s (%,.0f rows/s) |
                    | rows stored (hub_pos_rows_total, stored) | %s |
                    | largest heap used, sampled every 0.5 s | %d MB of %s |
                    | the same content again under another name -> .done/, nothing stored or published | %.1f s (hub.stock %,d -> %,d records) |
                    """,
                    TARGET_BYTES / (1024 * 1024),
                    HEAP,
                    Instant.now(),
                    InetAddress.getLocalHost().getHostName(),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    HEAP,
                    bytes,
                    rows,
                    upload,
                    processed,
                    rows / processed,
                    published,
                    rows / published,
                    stored,
                    maxHeap / (1024 * 1024),
                    HEAP,
                    repeat,
                    onTopic,
                    afterRepeat);
            System.out.println(report);
            Files.writeString(
                    Path.of("bench/RESULTS.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
    }

    /** Receipts of one to three lines, some with a member, until the file is 100 MB. */
    static long generate(Path file) throws IOException {
        long rows = 0;
        long receipt = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("receipt_no,line_no,sold_at,sku,qty,unit_price,amount,member_card,member_phone\n");
            long written = 0;
            while (written < TARGET_BYTES) {
                receipt++;
                int lines = 1 + (int) (receipt % 3);
                int second = (int) (receipt % 3600);
                String soldAt =
                        String.format("2026-11-22 %02d:%02d:%02d", 9 + second / 3600, (second / 60) % 60, second % 60);
                boolean member = receipt % 4 == 0;
                for (int l = 1; l <= lines; l++) {
                    int qty = receipt % 50 == 0 ? -1 : 1 + (int) ((receipt + l) % 3);
                    long unitFen = 1990 + 1000 * ((receipt + l) % 8);
                    String line = "R" + receipt + "," + l + "," + soldAt + ","
                            + SKUS[(int) ((receipt + l) % SKUS.length)] + ","
                            + qty + "," + yuan(unitFen) + "," + yuan(unitFen * qty) + ","
                            + (member
                                    ? "C" + (receipt % 100_000) + ",1380000" + String.format("%04d", receipt % 10_000)
                                    : ",")
                            + "\n";
                    w.write(line);
                    written += line.length();
                    rows++;
                }
            }
        }
        return rows;
    }

    static String yuan(long fen) {
        return (fen < 0 ? "-" : "") + Math.abs(fen) / 100 + "." + String.format("%02d", Math.abs(fen) % 100);
    }

    static void upload(int port, Path file, String name) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.connect("127.0.0.1", port);
        try {
            if (!ftp.login("pos", "pos")) {
                throw new IOException("FTP login refused");
            }
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            ftp.makeDirectory("pos-east");
            try (InputStream in = Files.newInputStream(file)) {
                if (!ftp.storeFile("pos-east/" + name + ".tmp", in)
                        || !ftp.rename("pos-east/" + name + ".tmp", "pos-east/" + name)) {
                    throw new IOException("upload failed: " + ftp.getReplyString());
                }
            }
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
    }

    static long endOffsets(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(i -> i.offset())
                .sum();
    }

    /** The heap in use now: the sum of the heap pools Prometheus reports. */
    static long heapUsed(HttpClient http, int port) {
        long sum = 0;
        for (String line : get(http, port, "/actuator/prometheus").split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static String metric(HttpClient http, int port, String name, String outcome) throws Exception {
        for (String line : get(http, port, "/actuator/prometheus").split("\n")) {
            if (line.startsWith(name) && line.contains("outcome=\"" + outcome + "\"")) {
                return String.format("%,d", (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return "(not reported)";
    }

    static String get(HttpClient http, int port, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            return "";
        }
    }

    static void alive(Process hub, Path work) {
        if (!hub.isAlive()) {
            throw new IllegalStateException(
                    "the hub exited (exit " + hub.exitValue() + "); see " + work.resolve("hub.log"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
