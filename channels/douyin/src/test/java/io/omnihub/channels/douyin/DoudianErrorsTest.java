package io.omnihub.channels.douyin;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.connectors.PlatformException.Kind;
import org.junit.jupiter.api.Test;

class DoudianErrorsTest {
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
