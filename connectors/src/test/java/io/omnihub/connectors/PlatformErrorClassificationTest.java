package io.omnihub.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.connectors.PlatformException.Kind;
import io.omnihub.connectors.douyin.DoudianClient;
import io.omnihub.connectors.jd.JosClient;
import io.omnihub.connectors.taobao.TopErrors;
import org.junit.jupiter.api.Test;

class PlatformErrorClassificationTest {

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

    @Test
    void douyinSystemErrorsAndThrottlingAreRetriedAndBusinessRefusalsAreNot() {
        assertThat(DoudianClient.classify(20000, "系统错误", "isp.service-error:256", "服务打瞌睡了，请稍后再试")
                        .kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(DoudianClient.classify(20000, "服务不可用", "dop.service-error", "")
                        .isRetryable())
                .isTrue();
        assertThat(DoudianClient.classify(60000, "触发限流，请稍后重试", "isv.traffic-limited", "")
                        .kind())
                .isEqualTo(Kind.THROTTLED);
        assertThat(DoudianClient.classify(50002, "业务处理失败", "isv.business-failed:2010401", "2010401:系统繁忙，请稍后再试")
                        .kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(DoudianClient.classify(50002, "业务处理失败", "isv.business-failed", "库存不足")
                        .kind())
                .isEqualTo(Kind.PERMANENT);
        assertThat(DoudianClient.classify(40004, "非法的参数", "isv.parameter-invalid:20050", "找不到对应的sku")
                        .kind())
                .isEqualTo(Kind.PERMANENT);
        assertThat(DoudianClient.classify(30001, "操作权限不足", "dop.authorization-no-existed", "")
                        .kind())
                .isEqualTo(Kind.AUTHENTICATION);
    }
}
