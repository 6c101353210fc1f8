package io.omnihub.mappings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the canonical model writes ({@code 2026-11-22T02:00:00Z}, with 0 to 9
 * fraction digits, as ISO_INSTANT prints them) by a scan of the characters, because
 * {@code DateTimeFormatter} parsing was a third of the time a canonical order took to read.
 * Anything else (an offset, a number, whitespace, lower-case t or z, a leap second, an invalid
 * date, a {@code @JsonFormat}) goes to Jackson's {@link InstantDeserializer}, which decides it.
 */
final class CanonicalInstants extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    private static final int[] POW10 = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };
    private final JsonDeserializer<Instant> fallback;

    CanonicalInstants() {
        this(InstantDeserializer.INSTANT);
    }

    private CanonicalInstants(JsonDeserializer<Instant> fallback) {
        super(Instant.class);
        this.fallback = fallback;
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        JsonDeserializer<?> contextual = ((ContextualDeserializer) fallback).createContextual(ctxt, property);
        // a property with its own format or leniency reads as Jackson reads it
        return contextual == fallback ? this : contextual;
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            Instant fast = parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (fast != null) {
                return fast;
            }
        }
        return fallback.deserialize(p, ctxt);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for anything else. */
    static Instant parse(char[] c, int off, int len) {
        if (len < 20
                || len == 21
                || len > 30
                || c[off + 4] != '-'
                || c[off + 7] != '-'
                || c[off + 10] != 'T'
                || c[off + 13] != ':'
                || c[off + 16] != ':'
                || c[off + len - 1] != 'Z') {
            return null;
        }
        int year = number(c, off, 4);
        int month = number(c, off + 5, 2);
        int day = number(c, off + 8, 2);
        int hour = number(c, off + 11, 2);
        int minute = number(c, off + 14, 2);
        int second = number(c, off + 17, 2);
        int nanos = 0;
        if (len > 20) {
            int digits = len - 21;
            if (c[off + 19] != '.' || (nanos = number(c, off + 20, digits)) < 0) {
                return null;
            }
            nanos *= POW10[9 - digits];
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
        } catch (DateTimeException e) {
            return null; // 2026-02-30: Jackson's own reader says what is wrong
        }
    }

    /** The value of {@code n} decimal digits, or -1 when one of them is not a digit. */
    private static int number(char[] c, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char d = c[i];
            if (d < '0' || d > '9') {
                return -1;
            }
            v = v * 10 + (d - '0');
        }
        return v;
    }
}
