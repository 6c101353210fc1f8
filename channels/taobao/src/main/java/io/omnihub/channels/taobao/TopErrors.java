package io.omnihub.channels.taobao;

import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TOP's {@code error_response} codes and what the hub does about them. The platform error codes
 * are documented on the open platform's "API error codes" page; the ones here are those a client
 * must tell apart. That page divides them: codes below 100 other than 15, 40 and 41 are the
 * platform's own checks (call limits, signature, session); a {@code sub_code} starting
 * {@code isp.} is a service-side failure that "goes away when retried after a while"; 40
 * (missing required arguments), 41 (invalid arguments) and {@code isv.*} sub-codes (item not
 * found, invalid value) are the request's own fault and stay refused.
 */
public final class TopErrors {

    private static final Pattern BAN_SECONDS = Pattern.compile("(\\d+)\\s*more\\s*seconds?");

    /** User/session/partner/app call limits and call frequency: wait out the ban. */
    static final Set<Integer> THROTTLING = Set.of(4, 5, 6, 7, 8);
    /**
     * Missing/invalid signature, session or app key, insufficient permissions: retrying cannot
     * help, a person must fix the credentials.
     */
    static final Set<Integer> AUTHENTICATION = Set.of(11, 12, 24, 25, 26, 27, 28, 29, 53);
    /** Upload fail, service currently unavailable; a remote service error (15) is transient only when isp.* says so. */
    static final Set<Integer> TRANSIENT = Set.of(3, 10);

    private TopErrors() {}

    public static PlatformException classify(int code, String msg, String subCode, String subMsg) {
        String detail = msg + (subCode == null ? "" : " (" + subCode + (subMsg == null ? "" : ": " + subMsg) + ")");
        String codeText = String.valueOf(code);
        if (THROTTLING.contains(code)
                || (subCode != null
                        && (subCode.startsWith("accesscontrol.limited") || subCode.startsWith("isp.call-limited")))) {
            return new PlatformException("taobao", Kind.THROTTLED, codeText, detail, banSeconds(subMsg, msg));
        }
        if (AUTHENTICATION.contains(code)) {
            return new PlatformException("taobao", Kind.AUTHENTICATION, codeText, detail, 0);
        }
        if (TRANSIENT.contains(code) || (subCode != null && subCode.startsWith("isp."))) {
            return new PlatformException("taobao", Kind.TRANSIENT, codeText, detail, 0);
        }
        return new PlatformException("taobao", Kind.PERMANENT, codeText, detail, 0);
    }

    /** "This ban will last for 12 more seconds" -> 12; 1 when the platform does not say. */
    static long banSeconds(String... texts) {
        for (String text : texts) {
            if (text != null) {
                Matcher m = BAN_SECONDS.matcher(text);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        return 1;
    }
}
