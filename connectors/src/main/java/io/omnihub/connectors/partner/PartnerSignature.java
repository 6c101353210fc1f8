package io.omnihub.connectors.partner;

import io.omnihub.connectors.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The partner webhook signature (contract §4): {@code X-Hub-Signature: sha256=<hex>} where hex is
 * HMAC-SHA256 keyed with the partner's secret over {@code timestamp + "." + raw body}, and
 * {@code X-Hub-Timestamp} (unix seconds) within 300 s of the hub's clock.
 */
public final class PartnerSignature {

    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    /** Why a request was refused; null when it is authentic. */
    public enum Problem {
        MISSING_SIGNATURE,
        BAD_TIMESTAMP,
        STALE_TIMESTAMP,
        BAD_SIGNATURE
    }

    private PartnerSignature() {}

    public static String sign(String secret, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] text = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, text, 0, prefix.length);
        System.arraycopy(body, 0, text, prefix.length, body.length);
        return "sha256=" + Digests.lowerHex(Digests.hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), text));
    }

    public static Problem check(String secret, String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Problem.MISSING_SIGNATURE;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Problem.BAD_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.getSeconds()) {
            return Problem.STALE_TIMESTAMP;
        }
        return Digests.sameSignature(sign(secret, timestamp.trim(), body), signature.trim())
                ? null
                : Problem.BAD_SIGNATURE;
    }
}
