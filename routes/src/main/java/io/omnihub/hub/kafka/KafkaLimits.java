package io.omnihub.hub.kafka;

import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.web.WebhookBodies;
import org.apache.camel.Ordered;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's Kafka size limits, all derived from one setting, {@code hub.kafka.max-record-bytes}
 * (default 8 MiB), so that they agree end to end:
 * <ul>
 * <li>producer {@code max.request.size} = max-record-bytes: the largest record the hub sends;</li>
 * <li>topic {@code max.message.bytes} (set when the hub creates its topics, raised on existing
 *     ones) and the embedded broker's {@code message.max.bytes} = max-record-bytes + 64 KiB;</li>
 * <li>consumer {@code max.partition.fetch.bytes} and {@code fetch.max.bytes} at least that.</li>
 * </ul>
 * Why 8 MiB: a webhook body is at most 1 MiB, and its canonical event is larger than the body (each
 * line gains a line id, the hub SKU and fen amounts): a 10,000-line partner order (480 KB) becomes
 * a record of about 1.2 MB, and a 1 MiB body of the shortest lines one of about 3 MB. Records are
 * lz4-compressed on the wire. A record that still does not fit is parked, never retried forever
 * ({@link io.omnihub.hub.inbox.InboxPublisher}).
 */
@Configuration
public class KafkaLimits {

    public static final int DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

    /** Room above the largest record for its batch's framing, and for compression that cannot shrink it. */
    static final int BATCH_HEADROOM = 64 * 1024;

    /** The largest record batch a topic or broker must take for records of at most {@code maxRecordBytes}. */
    public static int maxMessageBytes(int maxRecordBytes) {
        return maxRecordBytes + BATCH_HEADROOM;
    }

    /** Applied after the {@code camel.component.kafka.*} properties, so these limits always agree. */
    @Bean
    ComponentCustomizer kafkaRecordLimits(HubProperties hub) {
        int record = hub.getKafka().getMaxRecordBytes();
        if (record <= 2 * WebhookBodies.MAX_BODY) {
            throw new IllegalStateException("hub.kafka.max-record-bytes is " + record
                    + ": it must be well over the 1 MiB a webhook body may have, as its canonical event is larger");
        }
        int batch = maxMessageBytes(record);
        return ComponentCustomizer.builder(KafkaComponent.class)
                .withOrder(Ordered.LOWEST)
                .build(kafka -> {
                    KafkaConfiguration c = kafka.getConfiguration();
                    c.setMaxRequestSize(record);
                    c.setMaxPartitionFetchBytes(batch);
                    c.setFetchMaxBytes(Math.max(batch, c.getFetchMaxBytes() == null ? 0 : c.getFetchMaxBytes()));
                });
    }
}
