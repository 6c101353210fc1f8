package io.omnihub.hub.routing;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * What a route does when a step fails, one policy per kind of consumer, so that each path has
 * exactly one owner of its retries. Every route names its policy with {@code routeConfigurationId}:
 * <ul>
 *   <li>{@link #POLL}: a timer that reads work from PostgreSQL or a platform. The next tick is the
 *   retry; the failure is logged once a tick, without a stack trace, and the route goes on.</li>
 *   <li>{@link #KAFKA_BATCH}: a batch read from Kafka whose offsets are committed only after its work.
 *   The failing step is tried again here with backoff (a database restarting, a broker failing
 *   over); when that is exhausted the batch fails, its offsets stay uncommitted, and the consumer
 *   reads it again ({@code breakOnFirstError}).</li>
 *   <li>{@link #BROKER_REDELIVERS}: a transacted JMS consumer. Nothing is retried here: the
 *   transaction rolls back and the broker redelivers with the backoff and dead-letter address it
 *   is configured with.</li>
 *   <li>{@link #CALLER_RETRIES}: a direct route called by another; a failure goes back to the caller,
 *   whose own policy decides.</li>
 *   <li>{@link #FILE_DROP}: a file consumer. Nothing is retried here: the file stays where it is and
 *   is taken again on the next poll; rows already stored are not stored twice.</li>
 * </ul>
 */
@Component
public class ErrorPolicies extends RouteConfigurationBuilder {

    public static final String POLL = "poll";
    public static final String KAFKA_BATCH = "kafka-batch";
    public static final String BROKER_REDELIVERS = "broker-redelivers";
    public static final String CALLER_RETRIES = "caller-retries";
    public static final String FILE_DROP = "file-drop";

    @Override
    public void configuration() {
        routeConfiguration(POLL)
                .onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.WARN, "${routeId}: ${exception}; tried again on the next tick")
                .end();

        routeConfiguration(KAFKA_BATCH)
                .onException(Exception.class)
                .maximumRedeliveries(7)
                .redeliveryDelay(500)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(10_000)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logRetryAttempted(true)
                .logStackTrace(false)
                .logExhausted(true)
                .handled(false)
                .end();

        routeConfiguration(BROKER_REDELIVERS).errorHandler(noErrorHandler());

        routeConfiguration(CALLER_RETRIES).errorHandler(noErrorHandler());

        routeConfiguration(FILE_DROP)
                .onException(Exception.class)
                .handled(false)
                .log(LoggingLevel.WARN, "${routeId}: ${exception}; the file stays for the next poll")
                .end();
    }
}
