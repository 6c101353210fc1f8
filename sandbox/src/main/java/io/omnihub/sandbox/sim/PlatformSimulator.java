package io.omnihub.sandbox.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every platform simulator does around its own protocol: find the shop by app key, apply
 * injected faults and the call quota, and answer in the platform's error format when something is
 * wrong. Subclasses verify the signature and serve the API methods.
 */
public abstract class PlatformSimulator implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformSimulator.class);
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, SimShop> shopsByAppKey = new ConcurrentHashMap<>();

    /**
     * The platform name shops are registered under: taobao, jd, douyin. Each platform's simulator
     * sits beside its channel module ({@code channels/<kind>/simulator}) and is found through
     * {@code META-INF/services/io.omnihub.sandbox.sim.PlatformSimulator}.
     */
    public abstract String platform();

    /** The platform's first order number, of the length its real order numbers have. */
    public abstract long firstOrderNumber();

    /** The path prefix this simulator serves under the sandbox's base URL. */
    public abstract String contextPath();

    public void addShop(SimShop shop) {
        shopsByAppKey.put(shop.config().appKey(), shop);
    }

    protected Optional<SimShop> shop(String appKey) {
        return appKey == null ? Optional.empty() : Optional.ofNullable(shopsByAppKey.get(appKey));
    }

    /** Answers one API call: authenticate, then serve. Faults and quota are applied before. */
    protected abstract SimResponse serve(SimRequest request);

    /** The platform's "too many calls" answer. */
    protected abstract SimResponse throttled(long banSeconds);

    /**
     * The platform's own answer when its back end is unavailable (a gateway error in its format,
     * not an HTTP error): what a client must read as "try again later".
     */
    protected abstract SimResponse unavailable();

    /** Which shop the request is for, before its signature is checked; empty if none. */
    protected abstract Optional<SimShop> shopOf(SimRequest request);

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        SimResponse response;
        try {
            SimRequest request = SimRequest.of(exchange);
            response = faultOrQuota(request).orElseGet(() -> serve(request));
            SimResponse answered = response;
            shopOf(request)
                    .ifPresent(shop -> shop.recordCall(
                            request.allParams().getOrDefault("method", request.path()), answered.status()));
        } catch (RuntimeException e) {
            log.warn(
                    "{} simulator failed on {}: {}",
                    platform(),
                    exchange.getRequestURI().getPath(),
                    e.toString());
            response = new SimResponse(500, "{\"error\":\"simulator failure\"}");
        }
        write(exchange, response);
    }

    private Optional<SimResponse> faultOrQuota(SimRequest request) {
        Optional<SimShop> shop = shopOf(request);
        if (shop.isEmpty()) {
            return Optional.empty();
        }
        SimFaults faults = shop.get().faults();
        long delay = faults.delayMillis();
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (faults.isDown() || faults.takeFailure()) {
            return Optional.of(new SimResponse(503, "{\"error\":\"service unavailable\"}"));
        }
        if (faults.takeUnavailable()) {
            return Optional.of(unavailable());
        }
        if (faults.takeThrottle()) {
            return Optional.of(throttled(1));
        }
        long ban = shop.get().quota().admit();
        return ban > 0 ? Optional.of(throttled(ban)) : Optional.empty();
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    protected static String toJson(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(HttpExchange exchange, SimResponse response) throws IOException {
        byte[] bytes = response.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
