package io.omnihub.channels.jd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls one JOS method as the official SDK does: system parameters and {@code sign} in the query
 * string, the business parameters as one JSON string in the form field {@code 360buy_param_json}.
 */
public final class JosClient {

    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("GMT+8"));
    public static final String PARAM_JSON = "360buy_param_json";

    /*
     * JOS gateway codes (strings), from JD's "system error codes" table (as reproduced in the SDKs'
     * error maps, e.g. 65 平台连接后端服务超时, 66 平台连接后端服务不可用, 67 平台连接后端服务处理过程中出现未知异常信息).
     * 2: App Call Limited.
     */
    static final Set<String> THROTTLING = Set.of("2");
    /**
     * 1 service unavailable, 43 system error, 65 the gateway timed out on the back-end service,
     * 66 the back-end service is unavailable, 67 it failed with an unknown exception: the
     * platform's own trouble, which the official SDK's callers retry; nothing about the request.
     */
    static final Set<String> TRANSIENT = Set.of("1", "43", "65", "66", "67");
    /** Missing or invalid signature, access_token or app_key: a person must fix the credentials. */
    static final Set<String> AUTHENTICATION = Set.of("11", "12", "18", "19", "20", "21");

    private final URI gateway;
    private final JosCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    private final CallGuard guard;

    public JosClient(URI gateway, JosCredentials credentials, HttpClient http, Clock clock, Duration timeout) {
        this(gateway, credentials, http, clock, timeout, CallGuard.none("jd"));
    }

    public JosClient(
            URI gateway, JosCredentials credentials, HttpClient http, Clock clock, Duration timeout, CallGuard guard) {
        this.guard = guard;
        this.gateway = gateway;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Makes {@code calls} calls back to back (see {@link CallGuard#together}). */
    public <T> T together(int calls, Supplier<T> work) {
        return guard.together(calls, work);
    }

    /** Calls {@code method}; returns its {@code <method with _>_responce} object (JD's spelling). */
    public JsonNode call(String method, Map<String, ?> businessParams) {
        return guard.call(method, () -> callOnce(method, businessParams));
    }

    private JsonNode callOnce(String method, Map<String, ?> businessParams) {
        String paramJson;
        try {
            paramJson = json.writeValueAsString(businessParams);
        } catch (Exception e) {
            throw new IllegalArgumentException("JOS parameters cannot be written as JSON", e);
        }
        Map<String, String> system = new LinkedHashMap<>();
        system.put("method", method);
        system.put("app_key", credentials.appKey());
        system.put("access_token", credentials.accessToken());
        system.put("timestamp", TIMESTAMP.format(clock.instant()));
        system.put("v", "2.0");
        Map<String, String> signed = new LinkedHashMap<>(system);
        signed.put(PARAM_JSON, paramJson);
        system.put("sign", JosSigner.sign(signed, credentials.appSecret()));

        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "?" + FormEncoding.encode(system)))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(Map.of(PARAM_JSON, paramJson))))
                .build();
        JsonNode body = PlatformHttp.send("jd", method, http, request);
        JsonNode error = body.get("error_response");
        if (error != null) {
            throw classify(
                    error.path("code").asText(),
                    error.path("en_desc").asText(error.path("zh_desc").asText()));
        }
        String responseName = method.replace('.', '_') + "_responce";
        JsonNode result = body.get(responseName);
        if (result == null) {
            throw new PlatformException(
                    "jd", Kind.TRANSIENT, "no-response", method + " answered without " + responseName, 0);
        }
        return result;
    }

    /** The other codes (invalid parameters 60-63, no permission, unknown method) are the request's fault. */
    public static PlatformException classify(String code, String description) {
        Kind kind = THROTTLING.contains(code)
                ? Kind.THROTTLED
                : TRANSIENT.contains(code)
                        ? Kind.TRANSIENT
                        : AUTHENTICATION.contains(code) ? Kind.AUTHENTICATION : Kind.PERMANENT;
        return new PlatformException("jd", kind, code, description, kind == Kind.THROTTLED ? 1 : 0);
    }
}
