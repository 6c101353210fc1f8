package io.omnihub.channels.taobao;

import io.omnihub.connectors.Digests;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TOP request signature, as the platform documents it: every parameter except {@code sign}
 * (system and business alike; empty values skipped) sorted by name in ASCII order and written as
 * name+value; for {@code md5} the secret is put before and after and the MD5 taken; for
 * {@code hmac} (HMAC-MD5) and {@code hmac-sha256} the secret is the key. Upper-case hex.
 */
public final class TopSigner {

    public enum SignMethod {
        MD5("md5"),
        HMAC("hmac"),
        HMAC_SHA256("hmac-sha256");

        private final String wireName;

        SignMethod(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static SignMethod fromWire(String name) {
            for (SignMethod m : values()) {
                if (m.wireName.equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown sign_method " + name);
        }
    }

    private TopSigner() {}

    public static String sign(Map<String, String> params, String secret, SignMethod method) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (!"sign".equals(e.getKey())
                    && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                text.append(e.getKey()).append(e.getValue());
            }
        }
        byte[] digest =
                switch (method) {
                    case MD5 -> Digests.md5(secret + text + secret);
                    case HMAC -> Digests.hmacMd5(secret, text.toString());
                    case HMAC_SHA256 -> Digests.hmacSha256(secret, text.toString());
                };
        return Digests.upperHex(digest);
    }
}
