package io.omnihub.hub.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.env.Environment;

/**
 * One budget from SIGTERM to exit, {@code hub.shutdown.grace} (30 s by default). The web server
 * stops taking requests and finishes those in flight within half of it; Camel's routes stop their
 * consumers and finish their in-flight exchanges within what is then left, less a sixth of the
 * grace kept for the connection pool, Artemis and the embedded servers, which stop last (see
 * {@code EmbeddedInfrastructure}).
 */
@Configuration(proxyBeanMethods = false)
public class ShutdownGrace {

    private static final Logger log = LoggerFactory.getLogger(ShutdownGrace.class);

    static final String PROPERTY = "hub.shutdown.grace";
    static final Duration DEFAULT = Duration.ofSeconds(30);
    /** Camel always gets this long, even when the web server used up its share. */
    static final Duration CAMEL_AT_LEAST = Duration.ofSeconds(1);

    static Duration grace(Environment env) {
        return Binder.get(env).bind(PROPERTY, Duration.class).orElse(DEFAULT);
    }

    /** What the web server may take to finish the requests in flight. */
    static Duration webDrain(Duration grace) {
        return grace.dividedBy(2);
    }

    /** Kept for what stops after Camel: the pool, Artemis, Kafka, PostgreSQL, FTP, the sandbox. */
    static Duration keptForServers(Duration grace) {
        return grace.dividedBy(6);
    }

    /**
     * Boot's lifecycle processor with its per-phase wait taken from the grace rather than from a
     * second setting ({@code spring.lifecycle.timeout-per-shutdown-phase} is not used): the only
     * phase that waits is the web server's drain.
     */
    @Bean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME)
    static DefaultLifecycleProcessor lifecycleProcessor(Environment env) {
        DefaultLifecycleProcessor processor = new DefaultLifecycleProcessor();
        processor.setTimeoutPerShutdownPhase(webDrain(grace(env)).toMillis());
        return processor;
    }

    @Bean
    static Deadline shutdownDeadline(Environment env) {
        return new Deadline(grace(env), System::nanoTime);
    }

    /** Camel's shutdown timeout is set when its context starts stopping, from what is left of the grace. */
    @Bean
    CamelContextConfiguration camelShutdownWithinGrace(Deadline deadline) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getManagementStrategy().addEventNotifier(new CamelStopBudget(deadline));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {}
        };
    }

    /** When the hub began to close, and so how much of the grace is left. */
    static final class Deadline implements ApplicationListener<ContextClosedEvent> {

        private final Duration grace;
        private final LongSupplier nanoTime;
        private volatile long closingSince;
        private volatile boolean closing;

        Deadline(Duration grace, LongSupplier nanoTime) {
            this.grace = grace;
            this.nanoTime = nanoTime;
        }

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            if (!closing) {
                closingSince = nanoTime.getAsLong();
                closing = true;
                log.info(
                        "Shutting down within {} s: web requests drain for up to {} s, then Camel's routes stop",
                        grace.toSeconds(),
                        webDrain(grace).toSeconds());
            }
        }

        /** What Camel may take: the rest of the grace less the servers' share. */
        Duration forCamel() {
            Duration used = closing ? Duration.ofNanos(nanoTime.getAsLong() - closingSince) : Duration.ZERO;
            Duration left = grace.minus(used).minus(keptForServers(grace));
            return left.compareTo(CAMEL_AT_LEAST) < 0 ? CAMEL_AT_LEAST : left;
        }
    }

    private static final class CamelStopBudget extends EventNotifierSupport {

        private final Deadline deadline;

        CamelStopBudget(Deadline deadline) {
            this.deadline = deadline;
            // only the context's own events: Camel then creates no event for every exchange and step
            setIgnoreExchangeEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStoppingEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            ShutdownStrategy strategy =
                    ((CamelEvent.CamelContextStoppingEvent) event).getContext().getShutdownStrategy();
            long millis = deadline.forCamel().toMillis();
            strategy.setTimeUnit(TimeUnit.MILLISECONDS);
            strategy.setTimeout(millis);
            log.info("Camel's routes have {} ms to finish their in-flight exchanges", millis);
        }
    }
}
