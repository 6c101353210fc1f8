package io.omnihub.connectors.youzan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known answers computed independently (Python hashlib) for the recipes Youzan's guide gives. */
class YouzanPushSignatureTest {

    static final String BODY = "{\"client_id\":\"cd0e03a4099eb5c933\",\"id\":\"725462007\",\"kdt_id\":17284278,"
            + "\"type\":\"SCRM_CUSTOMER_EVENT\",\"msg\":\"%7B%22name%22%3A%22%E7%BB%A7%E6%89%BF%22%7D\"}";
    static final String MSG = "%7B%22name%22%3A%22%E7%BB%A7%E6%89%BF%22%7D";

    @Test
    void eventSignIsMd5OfClientIdRawBodyAndSecret() {
        assertThat(YouzanPushSignature.eventSign(
                        "cd0e03a4099eb5c933", "test-secret", BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("46144b7ba5b581f3860e2df292b2a4e6");
        assertThat(YouzanPushSignature.eventSign("cid", "sec", "{\"name\":\"继承\"}".getBytes(StandardCharsets.UTF_8)))
                .as("the body's bytes are hashed as UTF-8, whatever the platform charset")
                .isEqualTo("56e0eedb6a694c88ac64ba44896dd6ad");
    }

    @Test
    void theLegacyBodySignIsOverTheStillEncodedMsg() {
        assertThat(YouzanPushSignature.bodySign("cd0e03a4099eb5c933", "test-secret", MSG))
                .isEqualTo("de520429d4291f75a476dcc2513a5246");
    }

    @Test
    void theHeaderWinsWhenPresentAndNothingBlankPasses() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(YouzanPushSignature.authentic(
                        "cd0e03a4099eb5c933", "test-secret", "46144B7BA5B581F3860E2DF292B2A4E6", body, null, null))
                .isTrue();
        assertThat(YouzanPushSignature.authentic(
                        "cd0e03a4099eb5c933",
                        "test-secret",
                        "46144b7ba5b581f3860e2df292b2a4e7",
                        body,
                        "de520429d4291f75a476dcc2513a5246",
                        MSG))
                .as("a wrong header is not rescued by the body")
                .isFalse();
        assertThat(YouzanPushSignature.authentic(
                        "cd0e03a4099eb5c933", "test-secret", null, body, "de520429d4291f75a476dcc2513a5246", MSG))
                .isTrue();
        assertThat(YouzanPushSignature.authentic("cd0e03a4099eb5c933", "test-secret", " ", body, "", MSG))
                .isFalse();
        assertThat(YouzanPushSignature.authentic(
                        "cd0e03a4099eb5c933", "other-secret", "46144b7ba5b581f3860e2df292b2a4e6", body, null, null))
                .isFalse();
    }
}
