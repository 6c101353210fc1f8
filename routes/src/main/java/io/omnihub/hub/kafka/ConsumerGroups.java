package io.omnihub.hub.kafka;

/** Settings the hub's Kafka consumer groups share across hubs (issue 19). */
public final class ConsumerGroups {

    /**
     * A hub killed without leaving its group holds its partitions until the group coordinator
     * stops hearing from it: 10 s here, not Kafka's 45 s, so a survivor or the restarted hub takes
     * them over within seconds. Heartbeats come from the consumer's own thread, so a long batch
     * does not count against it.
     */
    public static final String DEAD_MEMBER_AFTER_10S = "&sessionTimeoutMs=10000&heartbeatIntervalMs=2000";

    private ConsumerGroups() {}
}
