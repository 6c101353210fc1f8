package io.omnihub.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalInstantWriterTest {

    record Stamp(Instant at) {}

    @Test
    void writesEveryInstantAsIsoInstantPrintsIt() {
        Random r = new Random(22);
        char[] c = new char[30];
        for (int i = 0; i < 200_000; i++) {
            Instant t = CanonicalInstantsTest.anyInstant(r, i);
            int n = CanonicalInstantWriter.format(t, c);
            assertThat(new String(c, 0, n)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t));
        }
    }

    @Test
    void hubJsonWritesInstantsAsBeforeAndYearsBeyondThroughTheFormatter() {
        for (String t : new String[] {
            "2026-11-22T02:00:00Z",
            "2026-11-22T02:00:00.100Z",
            "2026-11-22T02:00:00.000001Z",
            "1970-01-01T00:00:00.000000001Z",
            "+10000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59Z"
        }) {
            Instant at = Instant.parse(t);
            assertThat(HubJson.write(new Stamp(at)))
                    .isEqualTo("{\"at\":\"" + DateTimeFormatter.ISO_INSTANT.format(at) + "\"}");
            assertThat(HubJson.read(HubJson.write(Map.of("at", at)), Stamp.class)
                            .at())
                    .isEqualTo(at);
        }
    }
}
