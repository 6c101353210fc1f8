package io.omnihub.hub.web;

import io.omnihub.mappings.HubJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem responses ({@code application/problem+json}), naming the offending field for a 400. */
public final class Problems {

    private Problems() {}

    public static ResponseEntity<String> problem(HttpStatus status, String title, String detail, String field) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(json(status, title, detail, field));
    }

    public static ResponseEntity<String> tooLarge() {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", "The body is over 1 MiB", null);
    }

    public static String json(HttpStatus status, String title, String detail, String field) {
        return json(status.value(), title, detail, field);
    }

    /**
     * The problem for an error the container raised: titled by its status; the container's message
     * as detail for a 4xx (what was refused), never for a 5xx (it may carry internals).
     */
    public static String ofStatus(int status, String message) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error " + status;
        return json(status, title, status < 500 && message != null && !message.isBlank() ? message : title, null);
    }

    public static String json(int status, String title, String detail, String field) {
        var p = HubJson.mapper().createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (field != null) {
            p.put("field", field);
        }
        return p.toString();
    }
}
