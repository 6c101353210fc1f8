package io.omnihub.hub.config;

import io.omnihub.channel.ChannelInstance;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * On external infrastructure (no embedded servers) the hub does not start on a setting it cannot
 * use: the database URL, the Kafka brokers, the Artemis URL, the config directory, the code tables
 * and each channel's endpoint must be set, resolved and well formed. Each problem is one line
 * naming the setting and the environment variable, instead of a stack trace such as
 * {@code 'url' must start with "jdbc"} or {@code Illegal character in path at index 1: ${hub.sandbox.url}/...}.
 */
public class InfrastructureSettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /**
     * After the configuration files and the environment post-processors (the secrets check among
     * them), and after the local module's embedded default, which points these settings at its
     * own servers when it runs.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 40;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    void check(ConfigurableEnvironment env) {
        Binder binder = Binder.get(env);
        if (binder.bind("hub.embedded.enabled", Boolean.class).orElse(false)) {
            return; // the embedded default sets all of these itself
        }
        List<String> problems = problems(env, binder);
        if (!problems.isEmpty()) {
            throw new MissingSettingsException(problems);
        }
    }

    static List<String> problems(ConfigurableEnvironment env, Binder binder) {
        List<String> problems = new ArrayList<>();
        String db = value(binder, "spring.datasource.url");
        require(
                env,
                problems,
                "spring.datasource.url",
                db,
                db != null && db.startsWith("jdbc:"),
                "a JDBC URL such as jdbc:postgresql://db:5432/hub");
        String kafka = value(binder, "camel.component.kafka.brokers");
        require(
                env,
                problems,
                "camel.component.kafka.brokers",
                kafka,
                kafka != null && kafka.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
                "host:port[,host:port...]");
        if ("native".equalsIgnoreCase(value(binder, "spring.artemis.mode"))) {
            String artemis = value(binder, "spring.artemis.broker-url");
            require(
                    env,
                    problems,
                    "spring.artemis.broker-url",
                    artemis,
                    artemis != null && artemis.matches("(tcp|ssl)://.+"),
                    "tcp://host:61616");
        }
        String configDir = value(binder, "hub.config-dir");
        require(
                env,
                problems,
                "hub.config-dir",
                configDir,
                readable(configDir),
                "an existing directory, e.g. file:/etc/omnihub");
        for (String table : List.of("hub.codes.sku-codes", "hub.codes.locations")) {
            String location = value(binder, table);
            require(env, problems, table, location, readable(location), "a readable CSV file");
        }
        Map<String, ChannelInstance> channels = binder.bind(
                        "hub.channels", Bindable.mapOf(String.class, ChannelInstance.class))
                .orElse(Map.of());
        for (String id : new TreeSet<>(channels.keySet())) {
            ChannelInstance c = channels.get(id);
            if (!c.isEnabled() || c.getEndpoint() == null) {
                continue; // webhook channels have no endpoint of their own
            }
            String endpoint = c.getEndpoint();
            require(
                    env,
                    problems,
                    "hub.channels." + id + ".endpoint",
                    endpoint,
                    wellFormed(endpoint),
                    "an http(s):// or ftp:// URL");
        }
        return problems;
    }

    private static void require(
            ConfigurableEnvironment env, List<String> problems, String key, String value, boolean ok, String expected) {
        if (value == null || value.isBlank()) {
            problems.add(key + " is not set: set " + SettingVariables.variableFor(env, key) + " (" + expected + ")");
        } else if (value.contains("${")) {
            problems.add(key + " is left unresolved (" + value + "): set " + SettingVariables.variableFor(env, key)
                    + " or the setting it names (" + expected + ")");
        } else if (!ok) {
            problems.add(
                    key + " is " + value + ", not " + expected + ": set " + SettingVariables.variableFor(env, key));
        }
    }

    /** The value with placeholders resolved where they can be; an unresolvable one stays literal. */
    private static String value(Binder binder, String key) {
        return binder.bind(key, String.class).orElse(null);
    }

    /** A file: location that exists, or a classpath: one (checked when it is read). */
    static boolean readable(String location) {
        if (location == null || location.contains("${")) {
            return false;
        }
        if (location.startsWith("classpath:")) {
            return true;
        }
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Files.isReadable(Path.of(path));
    }

    static boolean wellFormed(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            return uri.getScheme() != null
                    && uri.getHost() != null
                    && List.of("http", "https", "ftp", "ftps", "sftp").contains(uri.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
