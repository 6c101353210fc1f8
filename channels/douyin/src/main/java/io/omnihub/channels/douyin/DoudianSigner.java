package io.omnihub.channels.douyin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.connectors.Digests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The Doudian (Douyin shop) signature: {@code param_json} with object keys sorted at every level,
 * compact, without HTML escaping; then
 * {@code secret + "app_key"+k + "method"+m + "param_json"+json + "timestamp"+t + "v"+v + secret},
 * HMAC-SHA256 keyed with the secret (or MD5 of it when {@code sign_method} is md5), lower-case hex.
 */
public final class DoudianSigner {

    public static final String HMAC_SHA256 = "hmac-sha256";
    public static final String MD5 = "md5";

    // numbers keep their written form ("1.10" stays 1.10), as the platform's own SDK decodes them
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private DoudianSigner() {}

    public static String sign(
            String appKey,
            String appSecret,
            String method,
            String paramJson,
            String timestamp,
            String v,
            String signMethod) {
        String text = appSecret + "app_key" + appKey + "method" + method + "param_json" + paramJson + "timestamp"
                + timestamp + "v" + v + appSecret;
        byte[] digest = MD5.equals(signMethod) ? Digests.md5(text) : Digests.hmacSha256(appSecret, text);
        return Digests.lowerHex(digest);
    }

    /** The canonical param_json: keys sorted recursively, compact, "{}" for no parameters. */
    public static String canonicalJson(JsonNode params) {
        if (params == null || params.isNull() || params.isMissingNode()) {
            return "{}";
        }
        try {
            return JSON.writeValueAsString(sorted(params));
        } catch (IOException e) {
            throw new IllegalArgumentException("param_json cannot be written", e);
        }
    }

    public static String canonicalJson(String paramJson) {
        try {
            return canonicalJson(paramJson == null || paramJson.isBlank() ? null : JSON.readTree(paramJson));
        } catch (IOException e) {
            throw new IllegalArgumentException("param_json is not JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            Collections.sort(names);
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
