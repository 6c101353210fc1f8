package io.omnihub.hub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.Phones;
import java.util.Map;

/**
 * API answers as a viewer sees them: every phone masked (138****5678, an identifier's
 * +86138****5678), whether it is a buyer's {@code phone} or a PHONE identifier's {@code value}.
 */
public final class PhoneMasking {

    private PhoneMasking() {}

    /** The body as JSON, phones masked unless {@code fullPhones}. */
    public static String write(Object body, boolean fullPhones) {
        if (fullPhones) {
            return HubJson.write(body);
        }
        JsonNode tree = HubJson.mapper().valueToTree(body);
        mask(tree);
        return HubJson.write(tree);
    }

    static void mask(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if ("PHONE".equals(o.path("type").asText(null)) && o.path("value").isTextual()) {
                o.put("value", masked(o.get("value").asText()));
            }
            for (Map.Entry<String, JsonNode> field : o.properties()) {
                if (field.getKey().equals("phone") && field.getValue().isTextual()) {
                    o.put("phone", masked(field.getValue().asText()));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(PhoneMasking::mask);
        }
    }

    static String masked(String phone) {
        return phone.startsWith("+86") ? "+86" + Phones.mask(phone.substring(3)) : Phones.mask(phone);
    }
}
