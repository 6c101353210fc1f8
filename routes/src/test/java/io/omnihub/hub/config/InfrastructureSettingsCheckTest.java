package io.omnihub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class InfrastructureSettingsCheckTest {

    /** The prod profile's settings as the shipped file spells them, with nothing set in the environment. */
    static Map<String, Object> prodAsShipped() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hub.embedded.enabled", "false");
        p.put("spring.datasource.url", "${HUB_DB_URL}");
        p.put("camel.component.kafka.brokers", "${HUB_KAFKA_BROKERS}");
        p.put("spring.artemis.mode", "native");
        p.put("spring.artemis.broker-url", "${HUB_ARTEMIS_URL}");
        p.put("hub.config-dir", "file:../config");
        p.put("hub.codes.sku-codes", "file:../config/sku-codes.csv");
        p.put("hub.codes.locations", "file:../config/locations.csv");
        p.put("hub.channels.tmall-flagship.type", "taobao");
        p.put("hub.channels.tmall-flagship.endpoint", "${hub.sandbox.url}/taobao/router/rest");
        p.put("hub.channels.partner-acme.type", "partner");
        return p;
    }

    static StandardEnvironment env(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return env;
    }

    @Test
    void eachMissingOrUnresolvedSettingIsOneLineNamingItsVariable() {
        StandardEnvironment env = env(prodAsShipped());
        assertThatThrownBy(() -> new InfrastructureSettingsCheck().check(env))
                .isInstanceOfSatisfying(
                        MissingSettingsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "spring.datasource.url is left unresolved (${HUB_DB_URL}): set HUB_DB_URL or the setting it names"
                                                + " (a JDBC URL such as jdbc:postgresql://db:5432/hub)",
                                        "camel.component.kafka.brokers is left unresolved (${HUB_KAFKA_BROKERS}): set HUB_KAFKA_BROKERS or"
                                                + " the setting it names (host:port[,host:port...])",
                                        "spring.artemis.broker-url is left unresolved (${HUB_ARTEMIS_URL}): set HUB_ARTEMIS_URL or the"
                                                + " setting it names (tcp://host:61616)",
                                        "hub.channels.tmall-flagship.endpoint is left unresolved (${hub.sandbox.url}/taobao/router/rest):"
                                                + " set HUB_CHANNELS_TMALLFLAGSHIP_ENDPOINT or the setting it names (an http(s):// or ftp:// URL)"));
    }

    @Test
    void malformedValuesAndMissingFilesAreNamedToo() {
        Map<String, Object> p = prodAsShipped();
        p.put("spring.datasource.url", "postgres://db/hub");
        p.put("camel.component.kafka.brokers", "kafka");
        p.put("spring.artemis.broker-url", "tcp://artemis:61616");
        p.put("hub.codes.locations", "file:/nowhere/locations.csv");
        p.put("hub.channels.tmall-flagship.endpoint", "https://eco.taobao.com/router/rest");
        assertThat(InfrastructureSettingsCheck.problems(
                        env(p), org.springframework.boot.context.properties.bind.Binder.get(env(p))))
                .containsExactly(
                        "spring.datasource.url is postgres://db/hub, not a JDBC URL such as jdbc:postgresql://db:5432/hub:"
                                + " set SPRING_DATASOURCE_URL",
                        "camel.component.kafka.brokers is kafka, not host:port[,host:port...]: set CAMEL_COMPONENT_KAFKA_BROKERS",
                        "hub.codes.locations is file:/nowhere/locations.csv, not a readable CSV file: set HUB_CODES_LOCATIONS");
    }

    @Test
    void settingsThatAreAllThereStartAndTheEmbeddedDefaultIsNotChecked() {
        Map<String, Object> p = prodAsShipped();
        p.put("spring.datasource.url", "jdbc:postgresql://db:5432/hub");
        p.put("camel.component.kafka.brokers", "kafka-1:9092,kafka-2:9092");
        p.put("spring.artemis.broker-url", "tcp://artemis:61616");
        p.put("hub.channels.tmall-flagship.endpoint", "https://eco.taobao.com/router/rest");
        new InfrastructureSettingsCheck().check(env(p));
        Map<String, Object> embedded = prodAsShipped();
        embedded.put("hub.embedded.enabled", "true");
        new InfrastructureSettingsCheck().check(env(embedded));
    }
}
