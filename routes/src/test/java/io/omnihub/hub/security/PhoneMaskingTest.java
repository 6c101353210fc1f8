package io.omnihub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhoneMaskingTest {

    @Test
    void aViewerSeesEveryPhoneMaskedAndNothingElseChanged() {
        Map<String, Object> order = Map.of(
                "buyer", Map.of("phone", "13812345678", "name", "张三"),
                "identifiers",
                        List.of(
                                Map.of("type", "PHONE", "value", "+8613812345678"),
                                Map.of("type", "EMAIL", "value", "a@b.cn")));
        String masked = PhoneMasking.write(order, false);
        assertThat(masked)
                .doesNotContain("13812345678")
                .contains("\"138****5678\"")
                .contains("\"+86138****5678\"")
                .contains("a@b.cn")
                .contains("张三");
        assertThat(PhoneMasking.write(order, true)).contains("\"13812345678\"").contains("\"+8613812345678\"");
    }
}
