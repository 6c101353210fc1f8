package io.omnihub.hub.kafka;

import java.util.List;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;

/**
 * Turns a list body into one Kafka record per element, each with its own key: the Kafka producer
 * sends a list body as a batch and the exchange completes when every record is acknowledged, so a
 * window of orders costs one round of acks instead of one per order.
 */
public final class KafkaRecords<T> implements Processor {

    private final Class<T> type;
    private final Function<T, String> key;
    private final Function<T, String> value;

    private KafkaRecords(Class<T> type, Function<T, String> key, Function<T, String> value) {
        this.type = type;
        this.key = key;
        this.value = value;
    }

    public static <T> KafkaRecords<T> of(Class<T> type, Function<T, String> key, Function<T, String> value) {
        return new KafkaRecords<>(type, key, value);
    }

    @Override
    public void process(Exchange exchange) {
        List<?> items = exchange.getMessage().getBody(List.class);
        // one exchange per record: the producer takes each record's key from its own exchange
        List<Exchange> records = items.stream()
                .map(type::cast)
                .map(item -> {
                    Exchange record = new DefaultExchange(exchange.getContext());
                    Message m = record.getMessage();
                    m.setHeader(KafkaConstants.KEY, key.apply(item));
                    m.setBody(value.apply(item));
                    return record;
                })
                .toList();
        exchange.getMessage().setBody(records);
    }
}
