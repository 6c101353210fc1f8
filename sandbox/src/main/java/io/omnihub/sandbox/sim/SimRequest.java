package io.omnihub.sandbox.sim;

import com.sun.net.httpserver.HttpExchange;
import io.omnihub.connectors.FormEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator needs from an HTTP request: method, path, query parameters and raw body. */
public record SimRequest(String httpMethod, String path, Map<String, String> query, String body, String contentType) {

    static SimRequest of(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> query = FormEncoding.decode(exchange.getRequestURI().getRawQuery(), new LinkedHashMap<>());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        return new SimRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                query,
                body,
                contentType == null ? "" : contentType);
    }

    /** Query parameters plus, for a form post, the form fields: TOP and JOS sign them all. */
    public Map<String, String> allParams() {
        Map<String, String> all = new LinkedHashMap<>(query);
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            FormEncoding.decode(body, all);
        }
        return all;
    }
}
