package io.omnihub.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.connectors.douyin.DoudianSigner;
import io.omnihub.connectors.jd.JosSigner;
import io.omnihub.connectors.taobao.TopSigner;
import io.omnihub.connectors.taobao.TopSigner.SignMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers for each platform's signature. The TOP md5 value is the worked example of the
 * platform's signing document (secret "helloworld"); the others were computed independently of
 * this code, from the documented recipes, with Python's hashlib/hmac.
 */
class SignatureKnownAnswerTest {

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

    @Test
    void doudianSortsParamJsonRecursivelyAndSignsWithHmacSha256() {
        String json = DoudianSigner.canonicalJson(
                "{\"size\":100,\"page\":0,\"order_by\":\"update_time\",\"update_time_start\":1700000000,"
                        + "\"nested\":{\"b\":1,\"a\":\"中文\"}}");
        assertThat(json)
                .isEqualTo("{\"nested\":{\"a\":\"中文\",\"b\":1},\"order_by\":\"update_time\",\"page\":0,"
                        + "\"size\":100,\"update_time_start\":1700000000}");
        assertThat(DoudianSigner.sign(
                        "7000000000000000001",
                        "DYSECRET",
                        "order.searchList",
                        json,
                        "1700000100",
                        "2",
                        DoudianSigner.HMAC_SHA256))
                .isEqualTo("56e9724dc8627699d0cc2152192caeae7603825a4265c0b9776f16923dda25bf");
        assertThat(DoudianSigner.sign(
                        "7000000000000000001",
                        "DYSECRET",
                        "order.searchList",
                        json,
                        "1700000100",
                        "2",
                        DoudianSigner.MD5))
                .isEqualTo("f5a9d621335ed2e947c8588f94095634");
    }

    @Test
    void doudianKeepsDecimalsAsWrittenAndDoesNotEscapeHtml() {
        assertThat(DoudianSigner.canonicalJson("{\"b\":1.10,\"a\":\"<&>\"}")).isEqualTo("{\"a\":\"<&>\",\"b\":1.10}");
        assertThat(DoudianSigner.canonicalJson("")).isEqualTo("{}");
    }
}
