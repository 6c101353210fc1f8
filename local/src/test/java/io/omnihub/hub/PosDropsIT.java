package io.omnihub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.hub.testing.Await;
import io.omnihub.hub.testing.TopicReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

/**
 * POS drops (contract §3) uploaded over FTP to the embedded FTP server the way a POS does it
 * (upload as *.tmp, then rename), picked up by the hub's FTP consumer: UTF-8 with a BOM and
 * columns in any order, GBK, bad rows among good ones, a missing column, undecodable bytes, and
 * the same file twice.
 */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.data-dir=target/it-data/pos",
            "hub.config-dir=classpath:test-config-pos",
            "hub.embedded.postgres.port=0",
            "hub.embedded.kafka.port=0",
            "hub.embedded.ftp.port=0",
            "hub.embedded.sandbox.enabled=false",
        })
class PosDropsIT {

    static final Path FTP_ROOT = Path.of("target/it-data/pos/ftp");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/pos").toFile());
    }

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    @Value("${hub.ftp.url}")
    String ftpUrl;

    @Test
    void aUtf8FileWithBomAndColumnsInAnyOrderBecomesReceiptsAndStockMovements() throws Exception {
        String csv = "\uFEFFsku,qty,receipt_no,till,line_no,unit_price,amount,sold_at,member_card,member_phone\r\n"
                + "TEE-WHT-M,2,R0001,T1,1,99.00,198.00,2026-11-22 10:00:00,C-77,+86 138-1234-5678\r\n"
                + "CAP-NAVY,1,R0001,T1,2,59.90,49.90,2026-11-22 10:00:05,C-77,\r\n"
                + "TEE-WHT-M,-1,R0002,T1,1,99.00,-99.00,2026-11-22 11:00:00,,\r\n";
        String name = "SALES_S001_20261122120000.csv";
        drop("pos-utf8", name, csv.getBytes(StandardCharsets.UTF_8));
        awaitFile("pos-utf8/.done/" + name);

        JsonNode sale = order("pos-utf8", "S001-R0001");
        assertThat(sale.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(sale.path("channelType").asText()).isEqualTo("pos-ftp");
        assertThat(sale.path("totalFen").asLong()).isEqualTo(19800 + 4990);
        assertThat(sale.path("createdAt").asText())
                .as("store-local 10:00 in Shanghai")
                .isEqualTo("2026-11-22T02:00:00Z");
        assertThat(sale.path("modifiedAt").asText()).isEqualTo("2026-11-22T02:00:05Z");
        assertThat(sale.path("buyer").path("memberCard").asText()).isEqualTo("C-77");
        assertThat(sale.path("buyer").path("phone").asText()).isEqualTo("13812345678");
        assertThat(sale.path("lines")).hasSize(2);
        assertThat(sale.path("lines").get(1).path("amountFen").asLong())
                .as("discounted line amount")
                .isEqualTo(4990);
        JsonNode refund = order("pos-utf8", "S001-R0002");
        assertThat(refund.path("status").asText()).isEqualTo("REFUNDED");
        assertThat(refund.path("totalFen").asLong()).isEqualTo(-9900);

        List<JsonNode> movements = values(
                Await.until(
                        WAIT,
                        () -> TopicReader.readAll(brokers, "hub.stock"),
                        rs -> rs.stream()
                                        .filter(r -> r.value().contains("pos-utf8:S001:R000"))
                                        .count()
                                == 3),
                "pos-utf8:S001:R000");
        assertThat(movements).anySatisfy(m -> {
            assertThat(m.path("movementId").asText()).isEqualTo("pos-utf8:S001:R0001:1");
            assertThat(m.path("delta").asLong()).isEqualTo(-2);
            assertThat(m.path("kind").asText()).isEqualTo("SALE");
            assertThat(m.path("location").asText()).isEqualTo("STORE-T-001");
        });
        assertThat(movements).anySatisfy(m -> {
            assertThat(m.path("movementId").asText()).isEqualTo("pos-utf8:S001:R0002:1");
            assertThat(m.path("delta").asLong()).isEqualTo(1);
            assertThat(m.path("kind").asText()).isEqualTo("RETURN");
        });
        Await.until(
                WAIT,
                () -> TopicReader.readAll(brokers, "hub.orders"),
                rs -> rs.stream().anyMatch(r -> r.key().equals("pos-utf8:S001-R0001")));
        assertThat(TopicReader.readAll(brokers, "hub.raw.pos-utf8"))
                .anySatisfy(r -> assertThat(r.value()).contains(name).contains("R0001,T1,1,99.00"));
    }

    @Test
    void gbkMembersAndCountsAreDecodedAndMapped() throws Exception {
        Charset gbk = Charset.forName("GBK");
        drop(
                "pos-gbk",
                "MEMBERS_S101_20261122093000.csv",
                ("member_card,phone,name,gender,birthday,registered_at\n"
                                + "C-1001,13900001111,张三,男,1990-05-17,2026-11-22 09:30:00\n")
                        .getBytes(gbk));
        drop(
                "pos-gbk",
                "STOCK_S101_20261122080000.csv",
                "sku,on_hand,counted_at\n6901234567890,7,2026-11-22 08:00:00\n".getBytes(gbk));
        awaitFile("pos-gbk/.done/MEMBERS_S101_20261122093000.csv");
        awaitFile("pos-gbk/.done/STOCK_S101_20261122080000.csv");

        JsonNode member = values(
                        Await.until(
                                WAIT,
                                () -> TopicReader.readAll(brokers, "hub.members"),
                                rs -> rs.stream().anyMatch(r -> r.value().contains("C-1001"))),
                        "C-1001")
                .get(0);
        assertThat(member.path("attributes").path("name").asText()).isEqualTo("张三");
        assertThat(member.path("attributes").path("gender").asText()).isEqualTo("M");
        assertThat(member.path("attributes").path("birthday").asText()).isEqualTo("1990-05-17");
        assertThat(member.path("occurredAt").asText()).isEqualTo("2026-11-22T01:30:00Z");
        assertThat(member.path("identifiers").toString())
                .contains("13900001111")
                .contains("MEMBER_CARD");

        JsonNode count = values(
                        Await.until(
                                WAIT,
                                () -> TopicReader.readAll(brokers, "hub.stock"),
                                rs -> rs.stream().anyMatch(r -> r.value().contains("STORE-T-101"))),
                        "STORE-T-101")
                .get(0);
        assertThat(count.path("sku").asText())
                .as("POS barcode through the code table")
                .isEqualTo("TEE-WHT-M");
        assertThat(count.path("onHand").asLong()).isEqualTo(7);
        assertThat(count.path("countedAt").asText()).isEqualTo("2026-11-22T00:00:00Z");
    }

    @Test
    void threeBadRowsAmongAThousandAreReportedWhileTheThousandLand() throws Exception {
        StringBuilder csv =
                new StringBuilder("receipt_no,line_no,sold_at,sku,qty,unit_price,amount,member_card,member_phone\n");
        int good = 0;
        for (int line = 2; line <= 1004; line++) {
            if (line == 101) {
                csv.append("B101,1,2026-11-22 12:00:00,TEE-WHT-M,two,99.00,198.00,,\n");
            } else if (line == 502) {
                csv.append("B502,1,2026-11-22 12:00:00,NOPE-SKU,1,99.00,99.00,,\n");
            } else if (line == 803) {
                csv.append(",1,2026-11-22 12:00:00,TEE-WHT-M,1,99.00,99.00,,\n");
            } else {
                good++;
                csv.append("K").append(good).append(",1,2026-11-22 12:00:00,SOCKS-3P,1,19.90,19.90,,\n");
            }
        }
        assertThat(good).isEqualTo(1000);
        String name = "SALES_S002_20261122130000.csv";
        drop("pos-utf8", name, csv.toString().getBytes(StandardCharsets.UTF_8));
        awaitFile("pos-utf8/.done/" + name);

        List<String> errors = Files.readAllLines(awaitFile("pos-utf8/.error/" + name + ".errors.csv"));
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0)).isEqualTo("line,reason,raw");
        assertThat(errors.get(1))
                .startsWith("101,")
                .contains("qty")
                .contains("B101,1,2026-11-22 12:00:00,TEE-WHT-M,two");
        assertThat(errors.get(2)).startsWith("502,").contains("unknown SKU 'NOPE-SKU'");
        assertThat(errors.get(3)).startsWith("803,").contains("receipt_no").contains("is required");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM orders WHERE channel_id = 'pos-utf8' AND channel_order_id LIKE 'S002-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1000);
        Await.until(
                WAIT,
                () -> jdbc.sql("SELECT count(*) FROM inbound_event WHERE id LIKE 'pos-utf8:S002:%' "
                                + "AND published_at IS NOT NULL")
                        .query(Long.class)
                        .single(),
                n -> n == 1000);
        assertThat(jdbc.sql("SELECT rows_total || '/' || rows_accepted || '/' || rows_rejected FROM pos_file "
                                + "WHERE file_name = :n")
                        .param("n", name)
                        .query(String.class)
                        .single())
                .isEqualTo("1003/1000/3");
    }

    @Test
    void aFileWithoutARequiredColumnOrThatDoesNotDecodeMovesToErrorWithItsReason() throws Exception {
        String missing = "SALES_S003_20261122140000.csv";
        drop(
                "pos-utf8",
                missing,
                ("receipt_no,line_no,sold_at,qty,unit_price,amount\n" + "M1,1,2026-11-22 12:00:00,1,99.00,99.00\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(awaitFile("pos-utf8/.error/" + missing + ".reason.txt")))
                .contains("missing required column 'sku'");
        awaitFile("pos-utf8/.error/" + missing);

        String gbkBytes = "MEMBERS_S003_20261122140000.csv";
        drop(
                "pos-utf8",
                gbkBytes,
                ("member_card,phone,name,gender,birthday,registered_at\n"
                                + "C-9,13900001111,李四,女,1990-05-17,2026-11-22 09:30:00\n")
                        .getBytes(Charset.forName("GBK")));
        assertThat(Files.readString(awaitFile("pos-utf8/.error/" + gbkBytes + ".reason.txt")))
                .contains("not valid UTF-8");
        awaitFile("pos-utf8/.error/" + gbkBytes);

        assertThat(jdbc.sql(
                                "SELECT count(*) FROM inbound_event WHERE id LIKE 'pos-utf8:S003:%' OR id LIKE 'pos-utf8:C-9:%'")
                        .query(Long.class)
                        .single())
                .as("nothing of either file was used")
                .isZero();
    }

    @Test
    void theSameFileTwiceAndASeenReceiptLineChangeNothing() throws Exception {
        byte[] first = ("receipt_no,line_no,sold_at,sku,qty,unit_price,amount,member_card,member_phone\n"
                        + "D1,1,2026-11-22 15:00:00,TEE-WHT-M,1,99.00,99.00,,\n"
                        + "D1,2,2026-11-22 15:00:00,CAP-NAVY,1,59.00,59.00,,\n")
                .getBytes(StandardCharsets.UTF_8);
        String name = "SALES_S001_20261122150000.csv";
        drop("pos-utf8", name, first);
        awaitFile("pos-utf8/.done/" + name);
        long events = eventsOfStore("S001:D");
        long version = orderVersion("S001-D1");
        assertThat(events).isEqualTo(3); // two movements, one receipt

        drop("pos-utf8", name, first); // the same file again, same name
        awaitGone("pos-utf8/" + name);
        drop("pos-utf8", "SALES_S001_20261122150100.csv", first); // and under another name
        awaitFile("pos-utf8/.done/SALES_S001_20261122150100.csv");
        assertThat(eventsOfStore("S001:D")).isEqualTo(events);
        assertThat(orderVersion("S001-D1")).isEqualTo(version);

        // a receipt line seen before (with another quantity) changes nothing; its new neighbour lands
        drop(
                "pos-utf8",
                "SALES_S001_20261122150200.csv",
                ("receipt_no,line_no,sold_at,sku,qty,unit_price,amount\n"
                                + "D1,1,2026-11-22 15:00:00,TEE-WHT-M,5,99.00,495.00\n"
                                + "D1,3,2026-11-22 15:02:00,SOCKS-3P,1,19.90,19.90\n")
                        .getBytes(StandardCharsets.UTF_8));
        awaitFile("pos-utf8/.done/SALES_S001_20261122150200.csv");
        JsonNode receipt = order("pos-utf8", "S001-D1");
        assertThat(receipt.path("lines")).hasSize(3);
        assertThat(receipt.path("lines").get(0).path("quantity").asLong()).isEqualTo(1);
        assertThat(receipt.path("totalFen").asLong()).isEqualTo(9900 + 5900 + 1990);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM pos_file WHERE channel_id = 'pos-utf8' AND file_name LIKE 'SALES_S001_202611221501%'")
                        .query(Long.class)
                        .single())
                .as("the copy under another name was recognised, not recorded again")
                .isZero();

        // a file still being uploaded (*.tmp) is left alone
        ftp(client -> client.storeFile(
                "pos-utf8/SALES_S001_20261122160000.csv.tmp",
                new ByteArrayInputStream("receipt_no,line_no\n".getBytes(StandardCharsets.UTF_8))));
        drop(
                "pos-utf8",
                "SALES_S001_20261122160100.csv",
                ("receipt_no,line_no,sold_at,sku,qty,unit_price,amount\n"
                                + "E1,1,2026-11-22 16:01:00,TEE-WHT-M,1,99.00,99.00\n")
                        .getBytes(StandardCharsets.UTF_8));
        awaitFile("pos-utf8/.done/SALES_S001_20261122160100.csv");
        assertThat(FTP_ROOT.resolve("pos-utf8/SALES_S001_20261122160000.csv.tmp"))
                .exists();
    }

    @Test
    void aStoreNotInTheLocationTableStillGetsItsRowsInAtAnOfflineLocation() throws Exception {
        String name = "STOCK_S999_20261122170000.csv";
        drop(
                "pos-utf8",
                name,
                "counted_at,on_hand,sku\n2026-11-22 17:00:00,4,CAP-NAVY\n".getBytes(StandardCharsets.UTF_8));
        awaitFile("pos-utf8/.done/" + name);
        JsonNode count = values(
                        Await.until(
                                WAIT,
                                () -> TopicReader.readAll(brokers, "hub.stock"),
                                rs -> rs.stream().anyMatch(r -> r.value().contains("pos-utf8/S999"))),
                        "pos-utf8/S999")
                .get(0);
        assertThat(count.path("sku").asText()).isEqualTo("CAP-NAVY");
        assertThat(count.path("onHand").asLong()).isEqualTo(4);
    }

    @Test
    void aCountDated2099AndA20DigitCountAreErrorRowsAndChangeNothingWhileRealCountsApply() throws Exception {
        // store-local times of yesterday evening, on the hub's own clock: real counts in the past
        LocalDateTime yesterday = LocalDateTime.now(ZoneId.of("Asia/Shanghai"))
                .minusDays(1)
                .withHour(18)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        String first = "STOCK_S001_" + stamp.format(yesterday) + ".csv";
        drop(
                "pos-utf8",
                first,
                ("sku,on_hand,counted_at\n"
                                + "SOCKS-3P,5," + local.format(yesterday) + "\n"
                                + "SOCKS-3P,900,2099-01-01 00:00:00\n"
                                + "SOCKS-3P,99999999999999999999," + local.format(yesterday.plusMinutes(1)) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        awaitFile("pos-utf8/.done/" + first);
        List<String> errors = Files.readAllLines(awaitFile("pos-utf8/.error/" + first + ".errors.csv"));
        assertThat(errors).hasSize(3);
        assertThat(errors.get(1))
                .startsWith("3,")
                .contains("counted_at: is in the future")
                .contains("2099-01-01 00:00:00");
        assertThat(errors.get(2)).startsWith("4,").contains("on_hand: is far too large");
        Await.until(WAIT, () -> onHand("SOCKS-3P", "STORE-T-001"), n -> n == 5);

        String later = "STOCK_S001_" + stamp.format(yesterday.plusHours(1)) + ".csv";
        drop(
                "pos-utf8",
                later,
                ("sku,on_hand,counted_at\nSOCKS-3P,8," + local.format(yesterday.plusHours(1)) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        awaitFile("pos-utf8/.done/" + later);
        Await.until(WAIT, () -> onHand("SOCKS-3P", "STORE-T-001"), n -> n == 8);
        assertThat(jdbc.sql("SELECT counted_at FROM stock_level WHERE sku = 'SOCKS-3P' AND location = 'STORE-T-001'")
                        .query(Timestamp.class)
                        .single()
                        .toInstant())
                .isEqualTo(yesterday
                        .plusHours(1)
                        .atZone(ZoneId.of("Asia/Shanghai"))
                        .toInstant());
    }

    long onHand(String sku, String location) {
        return jdbc.sql("SELECT on_hand FROM stock_level WHERE sku = :s AND location = :l")
                .param("s", sku)
                .param("l", location)
                .query(Long.class)
                .optional()
                .orElse(Long.MIN_VALUE);
    }

    long eventsOfStore(String prefix) {
        return jdbc.sql("SELECT count(*) FROM inbound_event WHERE id LIKE :p OR message_key LIKE :k")
                .param("p", "pos-utf8:" + prefix + "%")
                .param("k", "pos-utf8:" + prefix.replace(':', '-') + "%")
                .query(Long.class)
                .single();
    }

    long orderVersion(String orderId) {
        return jdbc.sql("SELECT version FROM orders WHERE channel_id = 'pos-utf8' AND channel_order_id = :id")
                .param("id", orderId)
                .query(Long.class)
                .single();
    }

    JsonNode order(String channel, String id) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders/" + channel + "/" + id))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static List<JsonNode> values(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records, String containing) {
        return records.stream()
                .filter(r -> r.value().contains(containing))
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void filesWhoseBytesDoNotReadCleanlyInTheInstancesCharsetAreRefusedWholeNamingTheCharset() throws Exception {
        String members = "member_card,phone,name,gender,birthday,registered_at\n"
                + "C-2001,13900002222,张三,男,1990-05-17,2026-11-22 09:30:00\n";
        // UTF-8 without BOM on the GBK instance: valid GBK bytes too, which once stored 张三 as 寮犱笁
        String utf8OnGbk = "MEMBERS_S102_20261122100000.csv";
        drop("pos-gbk", utf8OnGbk, members.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(awaitFile("pos-gbk/.error/" + utf8OnGbk + ".reason.txt")))
                .contains("the file is UTF-8")
                .contains("set to charset GBK")
                .contains("张三 would read as 寮犱笁");
        awaitFile("pos-gbk/.error/" + utf8OnGbk);
        // a UTF-8 byte-order mark on the GBK instance
        String bomOnGbk = "STOCK_S102_20261122100000.csv";
        drop(
                "pos-gbk",
                bomOnGbk,
                "\uFEFFsku,on_hand,counted_at\n6901234567890,9,2026-11-22 08:00:00\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(awaitFile("pos-gbk/.error/" + bomOnGbk + ".reason.txt")))
                .contains("UTF-8 byte-order mark")
                .contains("set to charset GBK");
        // GBK bytes on the UTF-8 instance: named as GBK
        String gbkOnUtf8 = "MEMBERS_S004_20261122100000.csv";
        drop("pos-utf8", gbkOnUtf8, members.replace("C-2001", "C-2002").getBytes(Charset.forName("GBK")));
        assertThat(Files.readString(awaitFile("pos-utf8/.error/" + gbkOnUtf8 + ".reason.txt")))
                .contains("not valid UTF-8 (line 2)")
                .contains("it reads as GBK")
                .contains("set to charset UTF-8");
        // text garbled before it was written: U+FFFD
        String replaced = "MEMBERS_S005_20261122100000.csv";
        drop(
                "pos-utf8",
                replaced,
                members.replace("C-2001", "C-2003").replace("张三", "张\uFFFD").getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(awaitFile("pos-utf8/.error/" + replaced + ".reason.txt")))
                .contains("line 2 has the replacement character U+FFFD");
        // the right charsets still pass: UTF-8 without BOM on the UTF-8 instance, GBK on the GBK instance
        String utf8 = "MEMBERS_S006_20261122100000.csv";
        drop("pos-utf8", utf8, members.replace("C-2001", "C-2004").getBytes(StandardCharsets.UTF_8));
        String gbk = "MEMBERS_S103_20261122100000.csv";
        drop("pos-gbk", gbk, members.replace("C-2001", "C-2005").getBytes(Charset.forName("GBK")));
        awaitFile("pos-utf8/.done/" + utf8);
        awaitFile("pos-gbk/.done/" + gbk);

        List<JsonNode> landed = values(
                Await.until(
                        WAIT,
                        () -> TopicReader.readAll(brokers, "hub.members"),
                        rs -> rs.stream()
                                        .filter(r -> r.value().contains("C-2004")
                                                || r.value().contains("C-2005"))
                                        .count()
                                == 2),
                "C-200");
        assertThat(landed)
                .extracting(m -> m.path("attributes").path("name").asText())
                .containsOnly("张三");
        for (String refused : List.of(utf8OnGbk, bomOnGbk, gbkOnUtf8, replaced)) {
            assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE payload LIKE :f")
                            .param("f", "%" + refused + "%")
                            .query(Long.class)
                            .single())
                    .as("nothing of %s was used", refused)
                    .isZero();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_event WHERE canonical LIKE '%寮犱笁%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** Uploads as a POS does: under *.tmp, renamed once complete. */
    void drop(String dir, String name, byte[] content) throws Exception {
        ftp(client -> {
            client.makeDirectory(dir);
            boolean stored = client.storeFile(dir + "/" + name + ".tmp", new ByteArrayInputStream(content));
            return stored && client.rename(dir + "/" + name + ".tmp", dir + "/" + name);
        });
    }

    interface FtpCall {
        boolean call(FTPClient client) throws Exception;
    }

    void ftp(FtpCall call) throws Exception {
        URI uri = URI.create(ftpUrl);
        FTPClient client = new FTPClient();
        client.connect(uri.getHost(), uri.getPort());
        try {
            assertThat(client.login("pos", "pos")).isTrue();
            client.enterLocalPassiveMode();
            client.setFileType(FTP.BINARY_FILE_TYPE);
            assertThat(call.call(client)).as(client.getReplyString()).isTrue();
        } finally {
            client.logout();
            client.disconnect();
        }
    }

    static Path awaitFile(String relative) throws Exception {
        Path p = FTP_ROOT.resolve(relative);
        // the hub uploads its reports over FTP: the file exists before its bytes do (no drop is empty)
        return Await.until(WAIT, () -> p, f -> f.toFile().length() > 0);
    }

    static void awaitGone(String relative) throws Exception {
        Path p = FTP_ROOT.resolve(relative);
        Await.until(WAIT, () -> p, f -> !Files.exists(f));
    }
}
