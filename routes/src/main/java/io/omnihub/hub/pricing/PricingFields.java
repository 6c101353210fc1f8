package io.omnihub.hub.pricing;

import io.omnihub.mappings.model.Money;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Reading the pricing API's fields (of {@link PriceRequest}, {@link PromotionRequest} and the
 * price CSV): decimal yuan strings to fen, ISO instants, enums, lists and CSV cells, each refusing
 * a bad value with {@link BadField}, which the controllers answer as a 400 problem naming the
 * field.
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

    static <E extends Enum<E>> E enumValue(Class<E> type, String v, String field, E otherwise) {
        if ((v == null || v.isBlank()) && otherwise != null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, v == null ? "" : v);
        } catch (IllegalArgumentException e) {
            throw new BadField(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static List<String> atLeastOne(List<String> values, String field) {
        if (values == null || values.isEmpty()) {
            throw new BadField(field, field + " must list at least one");
        }
        return values;
    }

    static Instant instant(String v, String field) {
        try {
            return Instant.parse(v == null ? "" : v);
        } catch (DateTimeParseException e) {
            throw new BadField(field, field + " must be an ISO-8601 UTC instant such as 2026-11-25T02:00:00Z");
        }
    }

    static long requiredFen(String yuan, String field) {
        Long v = fen(yuan, field);
        if (v == null) {
            throw new BadField(field, field + " is required");
        }
        return v;
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
