package io.omnihub.channels.jd;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import org.junit.jupiter.api.Test;

class JosErrorsTest {
    @Test
    void jdBackEndUnavailableCode66AndItsOtherSystemErrorsAreRetriedNotRefused() {
        for (String code : new String[] {"66", "65", "67", "1", "43"}) {
            PlatformException e = JosClient.classify(code, "platform to connect to the back-end service not available");
            assertThat(e.kind()).as("JD gateway code " + code).isEqualTo(Kind.TRANSIENT);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.code()).isEqualTo(code);
        }
        assertThat(JosClient.classify("2", "App Call Limited").kind()).isEqualTo(Kind.THROTTLED);
        assertThat(JosClient.classify("19", "Invalid access_token").kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(JosClient.classify("21", "Invalid app_key").kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(JosClient.classify("60", "参数[skuId]不合法").kind()).isEqualTo(Kind.PERMANENT);
        assertThat(JosClient.classify("61", "参数[stockNum]值不合法").isRetryable()).isFalse();
    }
}
