package io.omnihub.channels.douyin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Known answers for Doudian's signature, computed independently of this code with Python's hmac. */
class DoudianSignerTest {
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
