package io.omnihub.channels.jd;

import io.omnihub.connectors.Digests;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JD JOS signature: every parameter sent except {@code sign} (system parameters and the
 * {@code 360buy_param_json} string exactly as sent; empty values skipped), sorted by name, written
 * as name+value, wrapped in the app secret on both sides, MD5, upper-case hex.
 */
public final class JosSigner {

    private JosSigner() {}

    public static String sign(Map<String, String> params, String appSecret) {
        StringBuilder text = new StringBuilder(appSecret);
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (!"sign".equals(e.getKey())
                    && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                text.append(e.getKey()).append(e.getValue());
            }
        }
        text.append(appSecret);
        return Digests.upperHex(Digests.md5(text.toString()));
    }
}
