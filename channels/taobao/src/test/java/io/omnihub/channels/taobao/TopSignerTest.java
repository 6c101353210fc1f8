package io.omnihub.channels.taobao;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.channels.taobao.TopSigner.SignMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers for TOP's signature: the md5 value is the worked example of the platform's
 * signing document (secret "helloworld"); the hmac ones were computed independently of this code
 * with Python's hmac.
 */
class TopSignerTest {

    private static Map<String, String> topExample(String signMethod) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "taobao.item.seller.get");
        p.put("app_key", "12345678");
        p.put("session", "test");
        p.put("timestamp", "2016-01-01 12:00:00");
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", signMethod);
        p.put("fields", "num_iid,title,nick,price,num");
        p.put("num_iid", "11223344");
        return p;
    }

    @Test
    void topMd5MatchesThePlatformsWorkedExample() {
        assertThat(TopSigner.sign(topExample("md5"), "helloworld", SignMethod.MD5))
                .isEqualTo("66987CB115214E59E6EC978214934FB8");
    }

    @Test
    void topHmacMd5AndHmacSha256() {
        assertThat(TopSigner.sign(topExample("hmac"), "helloworld", SignMethod.HMAC))
                .isEqualTo("D56D7858309C31B6251083A874D48273");
        assertThat(TopSigner.sign(topExample("hmac-sha256"), "helloworld", SignMethod.HMAC_SHA256))
                .isEqualTo("04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8");
    }

    @Test
    void topSkipsEmptyValuesAndAnExistingSign() {
        Map<String, String> p = topExample("md5");
        p.put("sign", "whatever");
        p.put("empty", "");
        assertThat(TopSigner.sign(p, "helloworld", SignMethod.MD5)).isEqualTo("66987CB115214E59E6EC978214934FB8");
    }
}
