package io.omnihub.channels.taobao;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.channels.taobao.TopSigner.SignMethod;
import io.omnihub.connectors.CallGuard;
import io.omnihub.connectors.FormEncoding;
import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import io.omnihub.connectors.PlatformHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls one TOP API method the way the official SDK does: system parameters in the query
 * string, business parameters in a UTF-8 form body, both covered by the signature; JSON format,
 * API version 2.0, timestamp in GMT+8.
 */
public final class TopClient {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("GMT+8"));

    private final URI gateway;
    private final TopCredentials credentials;
    private final SignMethod signMethod;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    private final CallGuard guard;

    public TopClient(
            URI gateway,
            TopCredentials credentials,
            SignMethod signMethod,
            HttpClient http,
            Clock clock,
            Duration timeout) {
        this(gateway, credentials, signMethod, http, clock, timeout, CallGuard.none("taobao"));
    }

    public TopClient(
            URI gateway,
            TopCredentials credentials,
            SignMethod signMethod,
            HttpClient http,
            Clock clock,
            Duration timeout,
            CallGuard guard) {
        this.guard = guard;
        this.gateway = gateway;
        this.credentials = credentials;
        this.signMethod = signMethod;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Calls {@code method} and returns its {@code <method>_response} object (for
     * {@code taobao.trades.sold.increment.get}: {@code trades_sold_increment_get_response}).
     *
     * @throws PlatformException for an {@code error_response}, a non-2xx answer or an I/O failure
     */
    public JsonNode call(String method, Map<String, String> businessParams) {
        return guard.call(method, () -> callOnce(method, businessParams));
    }

    private JsonNode callOnce(String method, Map<String, String> businessParams) {
        Map<String, String> system = new LinkedHashMap<>();
        system.put("method", method);
        system.put("app_key", credentials.appKey());
        if (credentials.session() != null && !credentials.session().isEmpty()) {
            system.put("session", credentials.session());
        }
        system.put("timestamp", TIMESTAMP.format(clock.instant()));
        system.put("format", "json");
        system.put("v", "2.0");
        system.put("sign_method", signMethod.wireName());

        Map<String, String> all = new LinkedHashMap<>(system);
        all.putAll(businessParams);
        system.put("sign", TopSigner.sign(all, credentials.appSecret(), signMethod));

        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "?" + FormEncoding.encode(system)))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(businessParams)))
                .build();
        JsonNode body = PlatformHttp.send("taobao", method, http, request);
        JsonNode error = body.get("error_response");
        if (error != null) {
            throw TopErrors.classify(
                    error.path("code").asInt(),
                    error.path("msg").asText(null),
                    error.path("sub_code").asText(null),
                    error.path("sub_msg").asText(null));
        }
        String responseName = method.substring(method.indexOf('.') + 1).replace('.', '_') + "_response";
        JsonNode result = body.get(responseName);
        if (result == null) {
            throw new PlatformException(
                    "taobao", Kind.TRANSIENT, "no-response", method + " answered without " + responseName, 0);
        }
        return result;
    }
}
