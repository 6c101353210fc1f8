package io.omnihub.connectors.pos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PosCsvReaderTest {

    static List<PosCsvReader.Row> read(String csv) throws IOException {
        List<PosCsvReader.Row> rows = new ArrayList<>();
        try (PosCsvReader r = new PosCsvReader(new StringReader(csv))) {
            for (PosCsvReader.Row row = r.next(); row != null; row = r.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void readsFieldsRawTextAndStartingLineSkippingBomAndBlankLines() throws IOException {
        List<PosCsvReader.Row> rows = read("\uFEFFa,b,c\r\n1,2,3\r\n\r\nx,,z");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).raw()).isEqualTo("1,2,3");
        assertThat(rows.get(2).line()).isEqualTo(4);
        assertThat(rows.get(2).fields()).containsExactly("x", "", "z");
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        List<PosCsvReader.Row> rows = read("h1,h2\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\nlast,row\n");
        assertThat(rows.get(1).fields()).containsExactly("a,b", "say \"hi\"");
        assertThat(rows.get(1).raw()).isEqualTo("\"a,b\",\"say \"\"hi\"\"\"");
        assertThat(rows.get(2).fields()).containsExactly("two\nlines", "x");
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(3).line())
                .as("the line after a record spanning two lines")
                .isEqualTo(5);
    }

    @Test
    void brokenQuotingIsAProblemOfThatRowOnly() throws IOException {
        List<PosCsvReader.Row> rows = read("h1,h2\n\"a\"b,c\nok,1\n\"never closed,2\n");
        assertThat(rows.get(1).problem()).contains("after the closing quote");
        assertThat(rows.get(2).problem()).isNull();
        assertThat(rows.get(2).fields()).containsExactly("ok", "1");
        assertThat(rows.get(3).problem()).contains("never closed");
    }

    @Test
    void carriageReturnAloneEndsALine() throws IOException {
        List<PosCsvReader.Row> rows = read("a\r1\r2");
        assertThat(rows).extracting(PosCsvReader.Row::raw).containsExactly("a", "1", "2");
        assertThat(rows).extracting(PosCsvReader.Row::line).containsExactly(1L, 2L, 3L);
    }
}
