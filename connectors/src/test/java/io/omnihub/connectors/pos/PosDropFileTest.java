package io.omnihub.connectors.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosDropFileTest {

    static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    @Test
    void aNameSaysTypeStoreAndTime() throws Exception {
        PosDropName name = PosDropName.parse("SALES_S_001_20261122103000.csv");
        assertThat(name.type()).isEqualTo(PosFileType.SALES);
        assertThat(name.store()).isEqualTo("S_001");
        assertThat(name.stamp()).isEqualTo(LocalDateTime.of(2026, 11, 22, 10, 30));
        assertThatThrownBy(() -> PosDropName.parse("RETURNS_S001_20261122103000.csv"))
                .hasMessageContaining("TYPE one of");
        assertThatThrownBy(() -> PosDropName.parse("SALES_S001_20261399103000.csv"))
                .hasMessageContaining("yyyyMMddHHmmss");
    }

    @Test
    void columnsComeInAnyOrderAndTheSameContentHasTheSameHash() throws Exception {
        Path a = write(
                "a.csv",
                "\uFEFFQTY, sku ,receipt_no,line_no,sold_at,unit_price,amount,extra\n",
                StandardCharsets.UTF_8);
        Path b = write(
                "b.csv",
                "\uFEFFQTY, sku ,receipt_no,line_no,sold_at,unit_price,amount,extra\n",
                StandardCharsets.UTF_8);
        PosDropFile.Checked checked = new PosDropFile(a, StandardCharsets.UTF_8).check(PosFileType.SALES);
        assertThat(checked.columns())
                .containsEntry("qty", 0)
                .containsEntry("sku", 1)
                .containsKey("extra");
        assertThat(checked.width()).isEqualTo(8);
        assertThat(new PosDropFile(b, StandardCharsets.UTF_8)
                        .check(PosFileType.SALES)
                        .sha256())
                .isEqualTo(checked.sha256());
    }

    @Test
    void gbkDecodesWhenTheInstanceSaysGbk() throws Exception {
        Path f = write("m.csv", "member_card,phone,registered_at,name\nC1,13800000000,2026-11-22 10:00:00,张三\n", GBK);
        PosDropFile drop = new PosDropFile(f, GBK);
        drop.check(PosFileType.MEMBERS);
        try (PosCsvReader rows = drop.rows()) {
            assertThat(rows.next().fields()).contains("张三");
            assertThat(rows.next()).isNull();
        }
    }

    @Test
    void aMissingColumnAnUndecodableByteOrNoHeaderRefusesTheFile() throws Exception {
        Path noSku = write("s.csv", "on_hand,counted_at\n1,2026-11-22 10:00:00\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PosDropFile(noSku, StandardCharsets.UTF_8).check(PosFileType.STOCK))
                .isInstanceOf(PosFileUnreadable.class)
                .hasMessageContaining("missing required column 'sku'");
        StringBuilder big = new StringBuilder("sku,on_hand,counted_at\n");
        for (int i = 0; i < 5000; i++) {
            big.append("SKU-").append(i).append(",1,2026-11-22 10:00:00\n");
        }
        big.append("名字,1,2026-11-22 10:00:00\n"); // GBK bytes at the very end of a UTF-8 file
        Path gbk = write("g.csv", big.toString(), GBK);
        assertThatThrownBy(() -> new PosDropFile(gbk, StandardCharsets.UTF_8).check(PosFileType.STOCK))
                .isInstanceOf(PosFileUnreadable.class)
                .hasMessageContaining("not valid UTF-8");
        Path empty = write("e.csv", "", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PosDropFile(empty, StandardCharsets.UTF_8).check(PosFileType.STOCK))
                .hasMessageContaining("empty");
        Path twice = write("t.csv", "sku,sku,on_hand,counted_at\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PosDropFile(twice, StandardCharsets.UTF_8).check(PosFileType.STOCK))
                .hasMessageContaining("appears twice");
    }

    // --- files whose bytes do not read cleanly in the instance's charset (issue 15) ------------------

    static final String MEMBERS = "member_card,phone,registered_at,name\nC1,13800000000,2026-11-22 10:00:00,张三\n";

    @Test
    void aUtf8FileWithoutBomOnAGbkInstanceIsRefusedNamingUtf8() throws Exception {
        byte[] utf8 = MEMBERS.getBytes(StandardCharsets.UTF_8);
        // strict GBK decoding alone cannot tell: these UTF-8 bytes are valid GBK, and read as mojibake
        assertThat(GBK.newDecoder().decode(java.nio.ByteBuffer.wrap(utf8)).toString())
                .contains("寮犱笁");
        Path f = Files.write(dir.resolve("u.csv"), utf8);
        assertThatThrownBy(() -> new PosDropFile(f, GBK).check(PosFileType.MEMBERS))
                .isInstanceOf(PosFileUnreadable.class)
                .hasMessageContaining("the file is UTF-8")
                .hasMessageContaining("from line 2")
                .hasMessageContaining("set to charset GBK")
                .hasMessageContaining("张三 would read as 寮犱笁");
    }

    @Test
    void aUtf8ByteOrderMarkOnAGbkInstanceIsRefused() throws Exception {
        Path f = write("b.csv", "\uFEFF" + MEMBERS, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PosDropFile(f, GBK).check(PosFileType.MEMBERS))
                .isInstanceOf(PosFileUnreadable.class)
                .hasMessageContaining("UTF-8 byte-order mark")
                .hasMessageContaining("set to charset GBK");
        // even when only the header's first column name is garbled by it
        Path ascii =
                write("a.csv", "\uFEFFsku,on_hand,counted_at\nSKU-1,1,2026-11-22 10:00:00\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PosDropFile(ascii, GBK).check(PosFileType.STOCK))
                .hasMessageContaining("UTF-8 byte-order mark");
    }

    @Test
    void gbkBytesOnAUtf8InstanceAreRefusedNamingGbk() throws Exception {
        Path f = write("g.csv", MEMBERS, GBK);
        assertThatThrownBy(() -> new PosDropFile(f, StandardCharsets.UTF_8).check(PosFileType.MEMBERS))
                .isInstanceOf(PosFileUnreadable.class)
                .hasMessageContaining("not valid UTF-8 (line 2)")
                .hasMessageContaining("it reads as GBK")
                .hasMessageContaining("set to charset UTF-8");
    }

    @Test
    void replacementCharactersAndMalformedBytesAreRefused() throws Exception {
        Path fffd = write("r.csv", MEMBERS.replace("张三", "张\uFFFD"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PosDropFile(fffd, StandardCharsets.UTF_8).check(PosFileType.MEMBERS))
                .isInstanceOf(PosFileUnreadable.class)
                .hasMessageContaining("line 2 has the replacement character U+FFFD");
        Path kun = write("k.csv", MEMBERS.replace("张三", "张锟斤拷"), GBK); // U+FFFD twice, as GBK shows it
        assertThatThrownBy(() -> new PosDropFile(kun, GBK).check(PosFileType.MEMBERS))
                .hasMessageContaining("line 2 has the replacement character U+FFFD");
        byte[] bad = (MEMBERS + "C2,13800000001,2026-11-22 10:00:00,").getBytes(StandardCharsets.US_ASCII);
        Path broken = Files.write(dir.resolve("x.csv"), bad);
        Files.write(broken, new byte[] {(byte) 0x80, (byte) 0xFF, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> new PosDropFile(broken, GBK).check(PosFileType.MEMBERS))
                .hasMessageContaining("not valid GBK")
                .hasMessageContaining("nor UTF-8");
        Path cut = Files.write(
                dir.resolve("c.csv"),
                java.util.Arrays.copyOf(
                        MEMBERS.getBytes(StandardCharsets.UTF_8),
                        MEMBERS.getBytes(StandardCharsets.UTF_8).length - 2)); // ends inside 三
        assertThatThrownBy(() -> new PosDropFile(cut, StandardCharsets.UTF_8).check(PosFileType.MEMBERS))
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void rightCharsetsStillPass() throws Exception {
        new PosDropFile(write("u.csv", MEMBERS, StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .check(PosFileType.MEMBERS);
        new PosDropFile(write("ub.csv", "\uFEFF" + MEMBERS, StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .check(PosFileType.MEMBERS);
        new PosDropFile(write("g.csv", MEMBERS + "C2,13800000001,2026-11-22 10:00:00,联通 王小明 欧阳娜娜\n", GBK), GBK)
                .check(PosFileType.MEMBERS);
        // ASCII only is the same in both: a GBK instance takes it
        new PosDropFile(write("a.csv", MEMBERS.replace("张三", "Zhang San"), StandardCharsets.UTF_8), GBK)
                .check(PosFileType.MEMBERS);
    }

    @Test
    void gbkTextIsAlmostNeverValidUtf8() {
        for (String name : java.util.List.of("张三", "联通", "王小明", "欧阳娜娜", "上海市浦东新区", "李四 13800000000")) {
            PosFileCharset bytes = new PosFileCharset();
            byte[] gbk = name.getBytes(GBK);
            bytes.update(gbk, 0, gbk.length);
            assertThat(bytes.isValidUtf8()).as(name).isFalse();
            PosFileCharset utf8 = new PosFileCharset();
            byte[] u = name.getBytes(StandardCharsets.UTF_8);
            utf8.update(u, 0, u.length);
            assertThat(utf8.isValidUtf8()).as(name).isTrue();
            assertThat(utf8.multiByteChars())
                    .as(name)
                    .isEqualTo(name.codePoints().filter(c -> c > 0x7F).count());
        }
    }

    Path write(String name, String content, Charset charset) throws Exception {
        return Files.write(dir.resolve(name), content.getBytes(charset));
    }
}
