package io.omnihub.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.omnihub.mappings.model.MemberEvent;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalInstantsTest {

    /** Jackson's own reading, as HubJson read instants before the scan. */
    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule());

    record Stamp(Instant at) {}

    /**
     * The {@code i}-th of a run of instants in years 0000-9999, half of them near now, with no
     * fraction, milliseconds, microseconds, a tenth and a nanosecond, or any nanoseconds in turn.
     */
    static Instant anyInstant(Random r, int i) {
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long seconds =
                i % 2 == 0 ? 1_500_000_000L + r.nextInt(500_000_000) : min + (long) (r.nextDouble() * (max - min));
        int nanos =
                switch (i % 5) {
                    case 0 -> 0;
                    case 1 -> r.nextInt(1_000) * 1_000_000;
                    case 2 -> r.nextInt(1_000_000) * 1_000;
                    case 3 -> 1 + r.nextInt(9) * 100_000_000;
                    default -> r.nextInt(1_000_000_000);
                };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    @Test
    void everyInstantIsoInstantPrintsReadsBackTheSame() {
        Random r = new Random(21);
        for (int i = 0; i < 200_000; i++) {
            Instant t = anyInstant(r, i);
            String text = DateTimeFormatter.ISO_INSTANT.format(t);
            assertThat(CanonicalInstants.parse(text.toCharArray(), 0, text.length()))
                    .as(text)
                    .isEqualTo(t);
        }
    }

    @Test
    void whatTheScanDoesNotDecideJacksonDecidesAsBefore() throws Exception {
        for (String v : new String[] {
            "2026-11-22T02:00:00Z",
            "2026-11-22T02:00:00.1Z",
            "2026-11-22T02:00:00.12345Z",
            "2024-02-29T23:59:59.999999999Z",
            "2026-11-22t02:00:00z",
            "2026-11-22T02:00:00+08:00",
            "2026-11-22T02:00:00.Z",
            " 2026-11-22T02:00:00Z ",
            "1764000000",
            "1764000000.5",
            "2016-12-31T23:59:60Z",
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T02:60:00Z",
            "2026-11-22T02:00Z",
            "2026-11-22 02:00:00Z",
            "+2026-11-22T02:00:00Z",
            "2026-11-22T02:00:00.1234567890Z",
            "２０２６-11-22T02:00:00Z",
            ""
        }) {
            String json = "{\"at\":\"" + v + "\"}";
            Object expected;
            try {
                expected = JACKSON.readValue(json, Stamp.class).at();
            } catch (Exception e) {
                expected = "refused";
            }
            Object actual;
            try {
                actual = HubJson.read(json, Stamp.class).at();
            } catch (IllegalArgumentException e) {
                actual = "refused";
            }
            assertThat(actual).as("[" + v + "]").isEqualTo(expected);
            if (expected instanceof Instant t
                    && v.endsWith("Z")
                    && v.length() >= 20
                    && Character.isDigit(v.charAt(0))) {
                assertThat(CanonicalInstants.parse(v.toCharArray(), 0, v.length()))
                        .as("the scan on [" + v + "]")
                        .isIn(t, null);
            }
        }
        assertThatThrownBy(() -> HubJson.read("{\"at\":\"2026-02-30T00:00:00Z\"}", Stamp.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCanonicalEventReadsAsItWasWritten() {
        MemberEvent e = new MemberEvent(
                MemberEvent.SCHEMA,
                "pos-east:C1",
                MemberEvent.Kind.REGISTERED,
                "pos-east",
                java.util.List.of(),
                Map.of("name", "张伟"),
                Instant.parse("2026-11-22T02:00:00.123Z"));
        assertThat(HubJson.read(HubJson.write(e), MemberEvent.class)).isEqualTo(e);
    }
}
