package io.omnihub.hub.kafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The offsets of a Camel Kafka batch (a route with {@code batching=true&autoCommitEnable=false
 * &allowManualCommit=true}), committed by hand once the batch's work is committed: each
 * partition's last record. Camel's own commit after a batch commits the consumer's position, which
 * already covers records polled for the next batch when a batch spans polls, and a crash right
 * after it loses them.
 */
public final class BatchOffsets {

    /** What a Kafka consumer URI needs for these commits. */
    public static final String MANUAL = "&autoCommitEnable=false&allowManualCommit=true";

    private final Collection<KafkaManualCommit> lastOfPartition;

    private BatchOffsets(Collection<KafkaManualCommit> lastOfPartition) {
        this.lastOfPartition = lastOfPartition;
    }

    /** The batch's records, as Camel hands them over (its body: a list of exchanges). */
    public static BatchOffsets of(List<?> records) {
        Map<String, KafkaManualCommit> last = new LinkedHashMap<>();
        for (Object o : records) {
            Exchange record = (Exchange) o;
            KafkaManualCommit commit =
                    record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit != null) {
                last.put(
                        record.getMessage().getHeader(KafkaConstants.TOPIC) + "/"
                                + record.getMessage().getHeader(KafkaConstants.PARTITION),
                        commit);
            }
        }
        return new BatchOffsets(last.values());
    }

    public void commit() {
        lastOfPartition.forEach(KafkaManualCommit::commit);
    }
}
