package io.omnihub.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SyncQueueGuaranteesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GOOD = """
            {"defaultLastValueQueue":true,"defaultLastValueKey":"conflationKey","redeliveryDelay":1000,
             "redeliveryMultiplier":2.0,"maxRedeliveryDelay":60000,"maxDeliveryAttempts":10,
             "deadLetterAddress":"DLQ.sync.shop"}""";

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void theShippedSettingsWithADeclaredDeadLetterQueueHold() throws Exception {
        assertThat(SyncQueueGuarantees.problems("sync.shop", json(GOOD), null, 1))
                .isEmpty();
        // other delays and attempts are the operator's choice
        assertThat(SyncQueueGuarantees.problems(
                        "sync.shop", json(GOOD.replace("1000", "200").replace(":10,", ":3,")), null, 1))
                .isEmpty();
    }

    @Test
    void eachMissingGuaranteeIsNamedWithTheSettingThatFixesIt() throws Exception {
        // an Artemis left at its defaults: nothing set for sync.#
        assertThat(SyncQueueGuarantees.problems("sync.shop", json("{}"), null, 0))
                .anySatisfy(p -> assertThat(p).contains("addressSettings.\"sync.shop\".defaultLastValueQueue=true"))
                .anySatisfy(p -> assertThat(p).contains("defaultLastValueKey=conflationKey"))
                .anySatisfy(p -> assertThat(p).contains("redeliveryDelay"))
                .anySatisfy(p -> assertThat(p).contains("no dead-letter address"))
                .hasSize(4);
        assertThat(SyncQueueGuarantees.problems("sync.shop", json(GOOD.replace(":10,", ":-1,")), null, 1))
                .singleElement()
                .asString()
                .contains("maxDeliveryAttempts is -1");
    }

    @Test
    void aDeadLetterAddressWithoutAQueueWouldDropWhatReachesIt() throws Exception {
        assertThat(SyncQueueGuarantees.problems("sync.shop", json(GOOD), null, 0))
                .singleElement()
                .asString()
                .contains("DLQ.sync.shop has no queue")
                .contains("addressConfigurations.\"DLQ.sync.shop\".queueConfigs.\"DLQ.sync.shop\".routingType=ANYCAST");
        String autoCreating = GOOD.replace("}", ",\"autoCreateDeadLetterResources\":true}");
        assertThat(SyncQueueGuarantees.problems("sync.shop", json(autoCreating), null, 0))
                .isEmpty();
    }

    @Test
    void anExistingQueueIsJudgedByItsOwnLastValueSettingNotTheAddresss() throws Exception {
        var plain = new SyncQueueGuarantees.ExistingQueue(false, "null");
        assertThat(SyncQueueGuarantees.problems("sync.shop", json(GOOD), plain, 1))
                .singleElement()
                .asString()
                .contains("the queue exists and is not a last-value queue");
        var lvq = new SyncQueueGuarantees.ExistingQueue(true, "conflationKey");
        assertThat(SyncQueueGuarantees.problems("sync.shop", json(GOOD.replace("true", "false")), lvq, 1))
                .isEmpty();
    }
}
