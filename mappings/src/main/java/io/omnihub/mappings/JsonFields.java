package io.omnihub.mappings;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading platform JSON, where an absent, null and empty field all mean "not given". */
public final class JsonFields {

    private JsonFields() {}

    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    public static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public static String required(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v;
    }
}
