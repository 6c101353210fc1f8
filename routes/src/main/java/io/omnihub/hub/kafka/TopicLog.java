package io.omnihub.hub.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a topic back from a point in time to its current end: {@code hub.raw.<instance>}, the log
 * of every payload a channel sent, for replays; {@code hub.orders} to learn what was published.
 */
@Component
public class TopicLog {

    private final String brokers;

    public TopicLog(@Value("${camel.component.kafka.brokers}") String brokers) {
        this.brokers = brokers;
    }

    /** Every record of {@code topic} published at or after {@code since}. */
    public void readSince(String topic, Instant since, Consumer<ConsumerRecord<String, String>> each) {
        Properties p = new Properties();
        p.put("bootstrap.servers", brokers);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "2000");
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            c.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            c.assign(partitions);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(tp -> at.put(tp, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> start = c.offsetsForTimes(at, Duration.ofSeconds(10));
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(10));
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp o = start.get(tp);
                c.seek(tp, o == null ? end.get(tp) : o.offset());
            }
            long deadline = System.currentTimeMillis() + 120_000;
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took over 2 minutes");
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(topic, r.partition()))) {
                        each.accept(r);
                    }
                }
            }
        }
    }
}
