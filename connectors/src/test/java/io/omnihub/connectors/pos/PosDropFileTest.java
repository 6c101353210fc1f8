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
        assertThatThrownBy(() -> PosDropName.parse("RETURNS_S001_20261122103000.csv")).hasMessageContaining("TYPE one of");
        assertThatThrownBy(() -> PosDropName.parse("SALES_S001_20261399103000.csv")).hasMessageContaining("yyyyMMddHHmmss");
    }

    @Test
    void columnsComeInAnyOrderAndTheSameContentHasTheSameHash() throws Exception {
        Path a = write("a.csv", "\uFEFFQTY, sku ,receipt_no,line_no,sold_at,unit_price,amount,extra\n", StandardCharsets.UTF_8);
        Path b = write("b.csv", "\uFEFFQTY, sku ,receipt_no,line_no,sold_at,unit_price,amount,extra\n", StandardCharsets.UTF_8);
        PosDropFile.Checked checked = new PosDropFile(a, StandardCharsets.UTF_8).check(PosFileType.SALES);
        assertThat(checked.columns()).containsEntry("qty", 0).containsEntry("sku", 1).containsKey("extra");
        assertThat(checked.width()).isEqualTo(8);
        assertThat(new PosDropFile(b, StandardCharsets.UTF_8).check(PosFileType.SALES).sha256()).isEqualTo(checked.sha256());
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
                .isInstanceOf(PosFileUnreadable.class).hasMessageContaining("missing required column 'sku'");
        StringBuilder big = new StringBuilder("sku,on_hand,counted_at\n");
        for (int i = 0; i < 5000; i++) {
            big.append("SKU-").append(i).append(",1,2026-11-22 10:00:00\n");
        }
        big.append("名字,1,2026-11-22 10:00:00\n"); // GBK bytes at the very end of a UTF-8 file
        Path gbk = write("g.csv", big.toString(), GBK);
        assertThatThrownBy(() -> new PosDropFile(gbk, StandardCharsets.UTF_8).check(PosFileType.STOCK))
                .isInstanceOf(PosFileUnreadable.class).hasMessageContaining("not valid UTF-8");
        Path empty = write("e.csv", "", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PosDropFile(empty, StandardCharsets.UTF_8).check(PosFileType.STOCK))
                .hasMessageContaining("empty");
        Path twice = write("t.csv", "sku,sku,on_hand,counted_at\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PosDropFile(twice, StandardCharsets.UTF_8).check(PosFileType.STOCK))
                .hasMessageContaining("appears twice");
    }

    Path write(String name, String content, Charset charset) throws Exception {
        return Files.write(dir.resolve(name), content.getBytes(charset));
    }
}
