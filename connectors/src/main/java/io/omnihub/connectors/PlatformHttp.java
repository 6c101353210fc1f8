package io.omnihub.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnihub.connectors.PlatformException.Kind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends one request to a platform and reads its JSON answer. Transport trouble (I/O, 5xx, 429,
 * an answer that is not JSON) becomes a TRANSIENT {@link PlatformException}; the platform's own
 * error body is left to the caller, who knows its format.
 */
public final class PlatformHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformHttp() {}

    public static JsonNode send(String platform, String what, HttpClient http, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformException(platform, what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(platform, what + " interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new PlatformException(
                    platform, Kind.TRANSIENT, "http-" + status, what + " answered HTTP " + status, 0);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PlatformException(
                    platform, Kind.TRANSIENT, "http-" + status, what + " answered something that is not JSON", 0);
        }
    }
}
