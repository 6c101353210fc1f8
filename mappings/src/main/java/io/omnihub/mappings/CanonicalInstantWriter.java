package io.omnihub.mappings;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes instants exactly as {@link DateTimeFormatter#ISO_INSTANT} does ({@code 2026-11-22T02:00:00Z},
 * the fraction in 0, 3, 6 or 9 digits as needed) by filling the characters in, because the
 * formatter was most of the time a golden record took to write (issue 17, profiled). Years
 * outside 0000-9999 go to the formatter.
 */
final class CanonicalInstantWriter extends StdScalarSerializer<Instant> {

    CanonicalInstantWriter() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator g, SerializerProvider provider) throws IOException {
        char[] c = new char[30];
        int n = format(value, c);
        if (n < 0) {
            g.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
        } else {
            g.writeString(c, 0, n);
        }
    }

    /** The characters of {@code value} in {@code c}, and how many; -1 for a year the fast path does not print. */
    static int format(Instant value, char[] c) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        int n = 19;
        int nanos = value.getNano();
        if (nanos != 0) {
            c[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(c, n, nanos / 1_000_000, 3);
                n += 3;
            } else if (nanos % 1_000 == 0) {
                digits(c, n, nanos / 1_000, 6);
                n += 6;
            } else {
                digits(c, n, nanos, 9);
                n += 9;
            }
        }
        c[n++] = 'Z';
        return n;
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
