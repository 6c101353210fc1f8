package io.omnihub.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.hub.messaging.BrokerSettingsCheck;
import io.omnihub.hub.messaging.SyncQueues;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The broker settings shipped for an external Artemis ({@code config/artemis/broker.properties},
 * mounted by docker-compose) give every shop of {@code config/channels.yml} the settings the
 * embedded broker gets in code ({@link EmbeddedDefaultConfiguration}): parsed by Artemis itself, as the broker reads them at start.
 */
class ShippedBrokerSettingsTest {

    static final Path CONFIG = Path.of("..", "config");

    @Test
    void everyShopsSyncQueueOnAnExternalBrokerHasTheEmbeddedBrokersSettings() throws Exception {
        ConfigurationImpl broker = new ConfigurationImpl();
        broker.parseProperties(
                CONFIG.resolve("artemis/broker.properties").toAbsolutePath().toString());
        List<String> shops = platformShops();
        assertThat(shops).isNotEmpty();
        for (String shop : shops) {
            assertSame(
                    broker.getAddressSettings().get(SyncQueues.queue(shop)),
                    EmbeddedDefaultConfiguration.settings(SyncQueues.deadLetterQueue(shop)),
                    shop);
        }
        assertSame(
                broker.getAddressSettings().get(SyncQueues.ADDRESS_PREFIX + "#"),
                EmbeddedDefaultConfiguration.settings("DLQ.sync"),
                "sync.#");
    }

    /**
     * The hub's own start check, against a real broker reached over TCP with a login that reads only
     * the shipped file, as compose's broker does: it finds nothing missing; against a broker left at
     * Artemis's defaults it names what is.
     */
    @Test
    void theHubsStartCheckAcceptsABrokerWithTheShippedSettingsAndNamesWhatAPlainOneLacks(@TempDir Path dir)
            throws Exception {
        List<String> shops = platformShops();
        try (NetworkArtemisBroker shipped = NetworkArtemisBroker.start(
                        dir.resolve("shipped"),
                        "127.0.0.1",
                        0,
                        "hub",
                        "pw",
                        CONFIG.resolve("artemis/broker.properties"));
                ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(shipped.url(), "hub", "pw")) {
            assertThat(BrokerSettingsCheck.problems(cf, shops)).isEmpty();
            // the queues exist once used: then their own settings are read, and still hold
            try (var c = cf.createConnection();
                    var s = c.createSession()) {
                s.createProducer(s.createQueue(SyncQueues.queue(shops.get(0)))).send(s.createTextMessage("{}"));
            }
            assertThat(BrokerSettingsCheck.problems(cf, shops)).isEmpty();
        }
        try (NetworkArtemisBroker plain =
                        NetworkArtemisBroker.start(dir.resolve("plain"), "127.0.0.1", 0, "hub", "pw", null);
                ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(plain.url(), "hub", "pw")) {
            assertThat(BrokerSettingsCheck.problems(cf, shops))
                    .hasSize(4 * shops.size())
                    .anySatisfy(
                            p -> assertThat(p).startsWith(SyncQueues.queue(shops.get(0)) + ": not a last-value queue"));
        }
        try (NetworkArtemisBroker shipped = NetworkArtemisBroker.start(
                        dir.resolve("login"),
                        "127.0.0.1",
                        0,
                        "hub",
                        "pw",
                        CONFIG.resolve("artemis/broker.properties"));
                ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(shipped.url(), "hub", "wrong")) {
            assertThat(BrokerSettingsCheck.problems(cf, shops))
                    .singleElement()
                    .asString()
                    .startsWith("cannot read the broker's settings");
        }
    }

    static void assertSame(AddressSettings shipped, AddressSettings embedded, String what) {
        assertThat(shipped)
                .as("broker.properties has no address settings for " + what)
                .isNotNull();
        assertThat(shipped.isDefaultLastValueQueue())
                .as(what + " last-value")
                .isEqualTo(embedded.isDefaultLastValueQueue());
        assertThat(String.valueOf(shipped.getDefaultLastValueKey()))
                .as(what + " last-value key")
                .isEqualTo(String.valueOf(embedded.getDefaultLastValueKey()));
        assertThat(shipped.getRedeliveryDelay())
                .as(what + " redelivery delay")
                .isEqualTo(embedded.getRedeliveryDelay());
        assertThat(shipped.getRedeliveryMultiplier())
                .as(what + " multiplier")
                .isEqualTo(embedded.getRedeliveryMultiplier());
        assertThat(shipped.getMaxRedeliveryDelay()).as(what + " max delay").isEqualTo(embedded.getMaxRedeliveryDelay());
        assertThat(shipped.getMaxDeliveryAttempts())
                .as(what + " attempts")
                .isEqualTo(embedded.getMaxDeliveryAttempts());
        assertThat(String.valueOf(shipped.getDeadLetterAddress()))
                .as(what + " dead-letter address")
                .isEqualTo(String.valueOf(embedded.getDeadLetterAddress()));
    }

    /** The instances of the shipped channels.yml the hub pushes stock and prices to. */
    @SuppressWarnings("unchecked")
    static List<String> platformShops() throws Exception {
        try (Reader r = Files.newBufferedReader(CONFIG.resolve("channels.yml"))) {
            Map<String, Object> root = new Yaml().load(r);
            Map<String, Map<String, Object>> channels =
                    (Map<String, Map<String, Object>>) ((Map<String, Object>) root.get("hub")).get("channels");
            return channels.entrySet().stream()
                    .filter(e -> Set.of("taobao", "jd", "douyin")
                            .contains(String.valueOf(e.getValue().get("type"))))
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }
}
