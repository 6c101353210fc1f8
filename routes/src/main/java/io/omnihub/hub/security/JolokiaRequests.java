package io.omnihub.hub.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which Jolokia requests only look. Hawtio reads through Jolokia too, so a viewer must keep
 * {@code read}, {@code list}, {@code search}, {@code version} and the operations that only report
 * ({@code dumpRoutesAsXml}, {@code getCamelId}, {@code canInvoke}...); anything else, a
 * {@code write} or an operation such as a route's {@code stop()}, is an operator's.
 */
public final class JolokiaRequests {

    /** A repeated key is refused: Jolokia might read the other "type" than the one checked here. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Set<String> READ_TYPES = Set.of("read", "list", "search", "version");
    /** Operation names that report and change nothing, by their JMX naming habit. */
    private static final List<String> REPORTING_OPERATIONS =
            List.of("dump", "get", "list", "is", "can", "count", "find", "explain");

    private JolokiaRequests() {}

    /** A POST body: one request or a bulk of them. Anything unreadable counts as a change. */
    public static boolean onlyLooks(byte[] postBody) {
        JsonNode requests;
        try {
            requests = JSON.readTree(postBody);
        } catch (Exception e) {
            return false;
        }
        if (requests == null) {
            return false;
        }
        if (requests.isArray()) {
            if (requests.isEmpty()) {
                return false;
            }
            for (JsonNode r : requests) {
                if (!looks(r)) {
                    return false;
                }
            }
            return true;
        }
        return looks(requests);
    }

    /** A GET: the request path after the Jolokia base, e.g. {@code /read/java.lang:type=Memory}. */
    public static boolean onlyLooksPath(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return true; // the version answer
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        String type = (slash < 0 ? p : p.substring(0, slash)).toLowerCase(Locale.ROOT);
        return READ_TYPES.contains(type);
    }

    private static boolean looks(JsonNode request) {
        if (!request.isObject()) {
            return false;
        }
        String type = request.path("type").asText("").toLowerCase(Locale.ROOT);
        if (READ_TYPES.contains(type)) {
            return true;
        }
        if (type.equals("exec")) {
            JsonNode op = request.path("operation");
            return op.isTextual() && reports(op.asText());
        }
        return false;
    }

    static boolean reports(String operation) {
        int paren = operation.indexOf('(');
        String name = (paren < 0 ? operation : operation.substring(0, paren)).trim();
        for (String prefix : REPORTING_OPERATIONS) {
            if (name.length() > prefix.length()
                    && name.startsWith(prefix)
                    && Character.isUpperCase(name.charAt(prefix.length()))) {
                return true;
            }
        }
        return false;
    }
}
