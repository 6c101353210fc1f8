package io.omnihub.connectors.youzan;

import io.omnihub.connectors.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Youzan (有赞云) push signatures. The current one is the {@code Event-Sign} header: lower-case hex
 * MD5 of {@code client_id + the raw request body + client_secret}, over the bytes exactly as they
 * arrived (never a re-serialised body). Older pushes carry only the body field {@code sign}: MD5 of
 * {@code client_id + msg + client_secret} with {@code msg} as it stands in the JSON, still
 * URL-encoded. Both as Youzan's guide describes them and as working receivers check them.
 */
public final class YouzanPushSignature {

    private YouzanPushSignature() {}

    public static String eventSign(String clientId, String clientSecret, byte[] body) {
        MessageDigest md5 = md5();
        md5.update(clientId.getBytes(StandardCharsets.UTF_8));
        md5.update(body);
        md5.update(clientSecret.getBytes(StandardCharsets.UTF_8));
        return Digests.lowerHex(md5.digest());
    }

    public static String bodySign(String clientId, String clientSecret, String msg) {
        return Digests.lowerHex(Digests.md5(clientId + msg + clientSecret));
    }

    /**
     * Whether the push is authentic: by {@code Event-Sign} when the header is there, otherwise by the
     * body's {@code sign} over its {@code msg}. Null or blank signatures never pass.
     */
    public static boolean authentic(
            String clientId, String clientSecret, String eventSignHeader, byte[] body, String bodySign, String msg) {
        if (clientId == null || clientSecret == null) {
            return false;
        }
        if (eventSignHeader != null && !eventSignHeader.isBlank()) {
            return Digests.sameSignature(eventSign(clientId, clientSecret, body), eventSignHeader.trim());
        }
        return bodySign != null
                && msg != null
                && !bodySign.isBlank()
                && Digests.sameSignature(bodySign(clientId, clientSecret, msg), bodySign.trim());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
