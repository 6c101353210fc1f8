package io.omnihub.hub.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a broker must hold for a shop's sync queue so that the hub's guarantees stand: a burst for
 * one SKU collapses to its latest value (last-value queue keyed by {@value SyncQueues#CONFLATION_KEY}),
 * a failed push is retried with a pause rather than in a hot loop, it is not retried forever, and
 * after the last attempt it lands in a dead-letter queue an operator can list, not nowhere. The
 * exact delays and the number of attempts are the operator's to choose.
 *
 * <p>Pure: judges what the broker answered ({@link BrokerSettingsCheck} asks it).
 */
public final class SyncQueueGuarantees {

    private SyncQueueGuarantees() {}

    /** What the broker said about the queue itself, when it exists already (its own settings then win). */
    public record ExistingQueue(boolean lastValue, String lastValueKey) {}

    /**
     * @param address        {@code sync.<instance>}
     * @param settings       the broker's address settings matching it, as Artemis's
     *                       {@code getAddressSettingsAsJSON} gives them (settings left at their default are absent)
     * @param queue          the queue if it exists, else null
     * @param deadLetterQueues how many queues the dead-letter address has (0 also when it does not exist)
     * @return one line per problem, naming the broker.properties setting that fixes it; empty if none
     */
    public static List<String> problems(String address, JsonNode settings, ExistingQueue queue, int deadLetterQueues) {
        List<String> problems = new ArrayList<>();
        String key = SyncQueues.CONFLATION_KEY;
        String fix = "addressSettings.\"" + address + "\".";
        if (queue != null) {
            if (!queue.lastValue() || !key.equals(queue.lastValueKey())) {
                problems.add(address + ": the queue exists and is not a last-value queue keyed by " + key
                        + " (a burst would push every value, oldest last on redelivery); delete it while the hub is"
                        + " stopped so the broker makes it again from the address settings");
            }
        } else {
            if (!settings.path("defaultLastValueQueue").asBoolean(false)) {
                problems.add(address + ": not a last-value queue (set " + fix + "defaultLastValueQueue=true)");
            }
            if (!key.equals(settings.path("defaultLastValueKey").asText(""))) {
                problems.add(address + ": last-value key is '"
                        + settings.path("defaultLastValueKey").asText("") + "', the hub keys commands by " + key
                        + " (set " + fix + "defaultLastValueKey=" + key + ")");
            }
        }
        if (settings.path("redeliveryDelay").asLong(0) <= 0) {
            problems.add(address + ": no redelivery delay, a failed push would be retried at once in a loop" + " (set "
                    + fix + "redeliveryDelay, e.g. 1000)");
        }
        int attempts = settings.path("maxDeliveryAttempts").asInt(10); // Artemis's default when unset
        if (attempts <= 0) {
            problems.add(address + ": maxDeliveryAttempts is " + attempts + ", a push that keeps failing would never"
                    + " reach a dead-letter queue an operator sees (set " + fix + "maxDeliveryAttempts, e.g. 10)");
        }
        String dla = settings.path("deadLetterAddress").asText("");
        if (dla.isEmpty()) {
            problems.add(address + ": no dead-letter address, a push failing its last attempt would be dropped"
                    + " (set " + fix + "deadLetterAddress=DLQ." + address + ")");
        } else if (deadLetterQueues == 0
                && !settings.path("autoCreateDeadLetterResources").asBoolean(false)) {
            problems.add(address + ": dead-letter address " + dla + " has no queue, a dead-lettered push would be"
                    + " dropped (declare addressConfigurations.\"" + dla + "\".queueConfigs.\"" + dla
                    + "\".routingType=ANYCAST)");
        }
        return problems;
    }
}
