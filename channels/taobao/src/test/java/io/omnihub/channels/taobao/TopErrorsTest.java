package io.omnihub.channels.taobao;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.connectors.PlatformException;
import io.omnihub.connectors.PlatformException.Kind;
import org.junit.jupiter.api.Test;

class TopErrorsTest {

    @Test
    void topAppCallLimitedIsThrottledForTheBanSeconds() {
        PlatformException e = TopErrors.classify(
                7,
                "App Call Limited",
                "accesscontrol.limited-by-app-access-count",
                "This ban will last for 31 more seconds");
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(e.retryAfterSeconds()).isEqualTo(31);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void topSignatureAndSessionErrorsStopInsteadOfRetrying() {
        assertThat(TopErrors.classify(25, "Invalid signature", null, null).kind())
                .isEqualTo(Kind.AUTHENTICATION);
        assertThat(TopErrors.classify(27, "Invalid session", "invalid-sessionkey", null)
                        .kind())
                .isEqualTo(Kind.AUTHENTICATION);
        assertThat(TopErrors.classify(25, "Invalid signature", null, null).isRetryable())
                .isFalse();
    }

    @Test
    void topRemoteServiceErrorIsTransientOnlyForIsp() {
        assertThat(TopErrors.classify(15, "Remote service error", "isp.top-remote-connection-timeout", null)
                        .kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(TopErrors.classify(15, "Remote service error", "isv.item-not-exist", null)
                        .kind())
                .isEqualTo(Kind.PERMANENT);
    }

    @Test
    void topServiceErrorsAreTransientWhateverTheCodeAndTheRequestsOwnFaultsStayRefused() {
        assertThat(TopErrors.classify(10, "Service Currently Unavailable", null, null)
                        .kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(TopErrors.classify(15, "Remote service error", "isp.remote-service-error", null)
                        .isRetryable())
                .isTrue();
        assertThat(TopErrors.classify(15, "Remote service error", "isp.call-limited", null)
                        .kind())
                .isEqualTo(Kind.THROTTLED);
        assertThat(TopErrors.classify(40, "Missing required arguments:properties", null, null)
                        .kind())
                .isEqualTo(Kind.PERMANENT);
        assertThat(TopErrors.classify(41, "Invalid arguments:price", "isv.invalid-parameter", null)
                        .kind())
                .isEqualTo(Kind.PERMANENT);
        assertThat(TopErrors.classify(5, "Session Call Limited", null, null).kind())
                .isEqualTo(Kind.THROTTLED);
    }
}
