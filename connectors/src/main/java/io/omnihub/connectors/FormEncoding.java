package io.omnihub.connectors;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** application/x-www-form-urlencoded in UTF-8, both ways. */
public final class FormEncoding {

    private FormEncoding() {}

    public static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Decodes into {@code into}; a repeated name keeps its first value. */
    public static Map<String, String> decode(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return into;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.putIfAbsent(name, value);
        }
        return into;
    }

    public static Map<String, String> decode(String form) {
        return decode(form, new LinkedHashMap<>());
    }
}
