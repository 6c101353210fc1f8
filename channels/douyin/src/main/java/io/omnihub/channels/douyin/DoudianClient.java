package io.omnihub.channels.douyin;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Calls one Doudian method as the official Go SDK does: POST to the method's path
 * ({@code order.searchList} -> {@code /order/searchList}), the public parameters in the query
 * string with a unix-seconds timestamp and {@code sign_method=hmac-sha256}, and the canonical
 * param_json (the exact text that was signed) as the body.
 */
public final class DoudianClient {

    public static final long SUCCESS = 10000;

    private final URI gateway;
    private final DoudianCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    private final CallGuard guard;

    public DoudianClient(URI gateway, DoudianCredentials credentials, HttpClient http, Clock clock, Duration timeout) {
        this(gateway, credentials, http, clock, timeout, CallGuard.none("douyin"));
    }

    public DoudianClient(
            URI gateway,
            DoudianCredentials credentials,
            HttpClient http,
            Clock clock,
            Duration timeout,
            CallGuard guard) {
        this.guard = guard;
        this.gateway = gateway;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Calls {@code method}; returns the answer's {@code data}. */
    public JsonNode call(String method, Map<String, ?> params) {
        return guard.call(method, () -> callOnce(method, params));
    }

    private JsonNode callOnce(String method, Map<String, ?> params) {
        String paramJson = DoudianSigner.canonicalJson(json.valueToTree(params));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("app_key", credentials.appKey());
        query.put("method", method);
        query.put("v", "2");
        query.put("timestamp", timestamp);
        query.put("sign_method", DoudianSigner.HMAC_SHA256);
        query.put(
                "sign",
                DoudianSigner.sign(
                        credentials.appKey(),
                        credentials.appSecret(),
                        method,
                        paramJson,
                        timestamp,
                        "2",
                        DoudianSigner.HMAC_SHA256));
        query.put("access_token", credentials.accessToken());
        String path = "/" + method.replace('.', '/');
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path + "?" + FormEncoding.encode(query)))
                .timeout(timeout)
                .header("Content-Type", "application/json;charset=UTF-8")
                // ask for the current error code table, as the official SDKs do
                .header("x-open-no-old-err-code", "1")
                .POST(HttpRequest.BodyPublishers.ofString(paramJson))
                .build();
        JsonNode body = PlatformHttp.send("douyin", method, http, request);
        long code = body.path("code").asLong(-1);
        if (code != SUCCESS) {
            throw classify(
                    code,
                    body.path("msg").asText(),
                    body.path("sub_code").asText(),
                    body.path("sub_msg").asText());
        }
        return body.path("data");
    }

    /**
     * Doudian's code table: 10000 success; 20000 system error ({@code isp.service-error:*},
     * {@code dop.service-error}, "服务打瞌睡了，请稍后再试"); 30001 no permission or authorisation
     * gone; 40001/40002 a required parameter missing and 40003/40004 an invalid one (the old and
     * the current table); 50001 platform processing failed; 50002 the business refused (SKU not
     * found, stock would go below 0); 60000 traffic limited; 70000 the API is offline; 90000 other
     * ({@code isv.env-suspected}: "请稍后再试"). A business refusal that says the system is busy
     * ({@code isv.business-failed:2010401} "系统繁忙，请稍后再试", listed for sku.syncStock) is
     * transient too.
     */
    public static PlatformException classify(long code, String msg, String subCode, String subMsg) {
        String detail = msg + (subCode.isEmpty() ? "" : " (" + subCode + (subMsg.isEmpty() ? "" : ": " + subMsg) + ")");
        Kind kind;
        if (code == 60000 || subCode.startsWith("isv.traffic-limited")) {
            kind = Kind.THROTTLED;
        } else if ((code >= 20000 && code < 30000) || code == 50001 || code == 90000 || SYSTEM_BUSY.contains(subCode)) {
            kind = Kind.TRANSIENT;
        } else if (code == 30001
                || subCode.startsWith("isv.signature")
                || subCode.startsWith("isv.access-token")
                || subCode.startsWith("isv.app-id")
                || subCode.startsWith("dop.authorization")) {
            kind = Kind.AUTHENTICATION;
        } else {
            kind = Kind.PERMANENT;
        }
        return new PlatformException("douyin", kind, Long.toString(code), detail, kind == Kind.THROTTLED ? 1 : 0);
    }

    /** Business sub-codes documented as "system busy, try again later". */
    static final Set<String> SYSTEM_BUSY = Set.of("isv.business-failed:2010401");
}
