package io.omnihub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallGuardTest {

    static final PlatformException UNAVAILABLE =
            new PlatformException("jd", PlatformException.Kind.TRANSIENT, "66", "平台连接后端服务不可用", 0);

    @Test
    void aPullRetriesAPassingFailureButAPushMakesOneAttemptAndLeavesTheRetriesToTheBroker() {
        CallGuard pulls = new CallGuard("jd-official", new CallQuota(1_000), 6, 1, 5);
        CallGuard pushes = pulls.singleAttempt();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> pushes.call("stock", () -> {
                    calls.incrementAndGet();
                    throw UNAVAILABLE;
                }))
                .isSameAs(UNAVAILABLE);
        assertThat(calls).as("push attempts").hasValue(1);
        calls.set(0);
        assertThatThrownBy(() -> pulls.call("orders", () -> {
                    calls.incrementAndGet();
                    throw UNAVAILABLE;
                }))
                .isSameAs(UNAVAILABLE);
        assertThat(calls).as("pull attempts").hasValue(6);
    }
}
