package io.omnihub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A pushed request's raw body, read at most once and never past the 1 MiB the contract allows. */
public final class WebhookBodies {

    public static final int MAX_BODY = 1024 * 1024;

    private WebhookBodies() {}

    /** The body's bytes, or empty when it is over 1 MiB (answer {@link Problems#tooLarge()}). */
    public static Optional<byte[]> read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return Optional.empty();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
    }
}
