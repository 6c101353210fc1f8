package io.omnihub.channels.jd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A known answer for JOS's md5 signature, computed independently of this code with Python's hashlib. */
class JosSignerTest {
    @Test
    void josMd5WrapsTheSecretAroundSortedParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "jingdong.pop.order.search");
        p.put("app_key", "JDKEY");
        p.put("access_token", "TOKEN");
        p.put("timestamp", "2026-11-22 10:00:00");
        p.put("v", "2.0");
        p.put("360buy_param_json", "{\"page\":\"1\",\"page_size\":\"100\"}");
        assertThat(JosSigner.sign(p, "JDSECRET")).isEqualTo("71887A6D82F9781EF81070D9D8883F18");
    }
}
