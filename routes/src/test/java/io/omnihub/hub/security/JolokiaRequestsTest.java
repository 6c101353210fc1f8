package io.omnihub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JolokiaRequestsTest {

    private static boolean looks(String body) {
        return JolokiaRequests.onlyLooks(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsSearchesListsAndReportingOperationsOnlyLook() {
        assertThat(looks("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"}"))
                .isTrue();
        assertThat(looks("{\"type\":\"SEARCH\",\"mbean\":\"org.apache.camel:*\"}"))
                .isTrue();
        assertThat(looks("[{\"type\":\"list\"},{\"type\":\"version\"}]")).isTrue();
        assertThat(
                        looks(
                                "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:type=context,*\",\"operation\":\"dumpRoutesAsXml()\"}"))
                .isTrue();
        assertThat(
                        looks(
                                "{\"type\":\"exec\",\"mbean\":\"hawtio:type=security\",\"operation\":\"canInvoke(java.lang.String)\"}"))
                .isTrue();
    }

    @Test
    void writesStopsAndAnythingUnclearAreAnOperatorsOnly() {
        assertThat(looks("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:type=routes,*\",\"operation\":\"stop()\"}"))
                .isFalse();
        assertThat(looks("{\"type\":\"exec\",\"operation\":\"start\"}")).isFalse();
        // "is"/"get" only as a word of its own: isolate(), getaway() change things
        assertThat(looks("{\"type\":\"exec\",\"operation\":\"isolate()\"}")).isFalse();
        assertThat(looks("{\"type\":\"write\",\"mbean\":\"x:type=y\",\"attribute\":\"A\",\"value\":1}"))
                .isFalse();
        assertThat(looks("[{\"type\":\"read\"},{\"type\":\"exec\",\"operation\":\"stop()\"}]"))
                .as("one change in a bulk")
                .isFalse();
        assertThat(looks("[]")).isFalse();
        assertThat(looks("not json")).isFalse();
        assertThat(looks("{\"type\":\"exec\",\"operation\":\"stop()\",\"type\":\"read\"}"))
                .as("a repeated key")
                .isFalse();
        assertThat(looks("{\"type\":\"exec\",\"operation\":[\"stop()\"]}")).isFalse();
    }

    @Test
    void getRequestsLookOnlyForReadTypes() {
        assertThat(JolokiaRequests.onlyLooksPath("")).isTrue();
        assertThat(JolokiaRequests.onlyLooksPath("/read/java.lang:type=Memory/HeapMemoryUsage"))
                .isTrue();
        assertThat(JolokiaRequests.onlyLooksPath("/exec/org.apache.camel:type=routes,name=x/stop()"))
                .isFalse();
        assertThat(JolokiaRequests.onlyLooksPath("/write/x:type=y/A/1")).isFalse();
    }
}
