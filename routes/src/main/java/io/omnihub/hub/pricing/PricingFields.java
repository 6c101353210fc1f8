package io.omnihub.hub.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.mappings.model.Money;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Reading the pricing API's fields: decimal yuan strings to fen, ISO instants, enums, lists and
 * CSV cells, each refusing a bad value with {@link BadField}, which the controllers answer as a
 * 400 problem naming the field.
 */
final class PricingFields {

    private PricingFields() {}

    /** A field that is missing or wrong: answered 400 naming it. */
    static final class BadField extends RuntimeException {
        final String field;

        BadField(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static <E extends Enum<E>> E enumField(Class<E> type, JsonNode j, String field, E otherwise) {
        String v = j.path(field).asText("");
        if (v.isBlank() && otherwise != null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new BadField(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static List<String> strings(JsonNode j, String field) {
        List<String> out = new ArrayList<>();
        j.path(field).forEach(n -> out.add(n.asText()));
        if (out.isEmpty()) {
            throw new BadField(field, field + " must list at least one");
        }
        return out;
    }

    static Instant instant(JsonNode j, String field) {
        try {
            return Instant.parse(j.path(field).asText(""));
        } catch (DateTimeParseException e) {
            throw new BadField(field, field + " must be an ISO-8601 UTC instant such as 2026-11-25T02:00:00Z");
        }
    }

    static long required(JsonNode j, String field) {
        Long v = optional(j, field);
        if (v == null) {
            throw new BadField(field, field + " is required");
        }
        return v;
    }

    static Long optional(JsonNode j, String field) {
        JsonNode v = j.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : fen(v.asText(), field);
    }

    static Long fen(String yuan, String field) {
        if (yuan == null || yuan.isBlank()) {
            return null;
        }
        try {
            return Money.yuanToFen(yuan);
        } catch (IllegalArgumentException e) {
            throw new BadField(field, field + ": " + e.getMessage());
        }
    }

    static String value(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String v = r.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static String yuan(Object fen) {
        return fen == null ? null : Money.fenToYuan(((Number) fen).longValue());
    }
}
