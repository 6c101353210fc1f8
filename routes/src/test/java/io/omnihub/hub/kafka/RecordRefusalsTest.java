package io.omnihub.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.camel.CamelExecutionException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class RecordRefusalsTest {

    @Test
    void aRecordRefusedForWhatItIsIsToldFromAFailureOfTheMoment() {
        // as the Camel Kafka producer reports it: the send's future fails, wrapped on the way up
        var tooLarge =
                new ExecutionException(new RecordTooLargeException("The message is 9437294 bytes when serialized "
                        + "which is larger than 8388608, which is the value of the max.request.size configuration."));
        assertThat(RecordRefusals.reason(new CamelExecutionException("send failed", null, tooLarge)))
                .hasValueSatisfying(r ->
                        assertThat(r).startsWith("RecordTooLargeException: ").contains("max.request.size"));
        assertThat(RecordRefusals.reason(new SerializationException("cannot serialize")))
                .isPresent();

        // the broker away, a leader moving, missing rights: not the record's fault, so retried
        assertThat(RecordRefusals.reason(new ExecutionException(new TimeoutException("expired"))))
                .isEmpty();
        assertThat(RecordRefusals.reason(new NotLeaderOrFollowerException("moving")))
                .isEmpty();
        assertThat(RecordRefusals.reason(new TopicAuthorizationException("no rights")))
                .isEmpty();
        assertThat(RecordRefusals.reason(new IllegalStateException("anything else")))
                .isEmpty();
    }
}
