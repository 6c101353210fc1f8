package io.omnihub.sandbox.sim;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readers for request parameters, shared by the platform simulators. */
public final class SimParams {

    private SimParams() {}

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A whole number, {@code otherwise} when absent, -1 when not a number. */
    public static long number(String s, long otherwise) {
        try {
            return blank(s) ? otherwise : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static long number(JsonNode node, String field, long otherwise) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? otherwise : v.isNumber() ? v.asLong() : number(v.asText(), otherwise);
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
