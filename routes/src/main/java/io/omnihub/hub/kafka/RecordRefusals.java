package io.omnihub.hub.kafka;

import java.util.Optional;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a record Kafka refuses for what it is (too large, not serializable, an invalid topic name)
 * from a failure of the moment (broker away, timeout, rights): the first can never be sent and must
 * be set aside, the second passes and must be retried. Rights and the like are not the record's
 * fault, so they are retried too: they would refuse every record, not just this one.
 */
public final class RecordRefusals {

    private RecordRefusals() {}

    /** Why Kafka refuses the record itself, if that is what {@code failure} (or a cause of it) says. */
    public static Optional<String> reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException
                    || t instanceof RecordBatchTooLargeException
                    || t instanceof SerializationException
                    || t instanceof InvalidRecordException
                    || t instanceof InvalidTopicException) {
                return Optional.of(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        return Optional.empty();
    }
}
