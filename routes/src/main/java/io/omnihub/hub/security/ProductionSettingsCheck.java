package io.omnihub.hub.security;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.hub.channel.ChannelTypes;
import io.omnihub.hub.config.SettingVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Where logins are on (the prod profile), the hub does not start on settings that would open it:
 * a channel secret unset, empty, left as an unresolved {@code ${...}}, or still one of the
 * sandbox's shipped values; no user to log in with; a password not kept as a bcrypt hash; a role
 * the hub does not know. It runs once the configuration is read, before any server or connection
 * is started, and names each setting with the environment variable that sets it.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

    private static final Map<String, Function<ChannelInstance.Credentials, String>> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("app-secret", ChannelInstance.Credentials::getAppSecret);
        SECRETS.put("access-token", ChannelInstance.Credentials::getAccessToken);
        SECRETS.put("callback-token", ChannelInstance.Credentials::getCallbackToken);
        SECRETS.put("encoding-aes-key", ChannelInstance.Credentials::getEncodingAesKey);
        SECRETS.put("password", ChannelInstance.Credentials::getPassword);
    }
    /** Shipped defaults that are not spelled sandbox-...: the embedded FTP server's password. */
    private static final Set<String> SHIPPED_VALUES = Set.of("pos");
    /** Where bearer tokens' keys come from: any of them stands in for users. */
    private static final List<String> OIDC_KEYS = List.of(
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.security.oauth2.resourceserver.jwt.public-key-location");

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Binder binder = Binder.get(env);
        if (!binder.bind("hub.security.enabled", Boolean.class).orElse(false)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        channelSecrets(env, binder, problems);
        users(env, binder, problems);
        if (!problems.isEmpty()) {
            throw new ProductionSettingsException(problems);
        }
    }

    private static void channelSecrets(ConfigurableEnvironment env, Binder binder, List<String> problems) {
        // bound as the hub binds them, environment overrides included; an unresolvable ${...} stays literal
        Map<String, ChannelInstance> channels = binder.bind(
                        "hub.channels", Bindable.mapOf(String.class, ChannelInstance.class))
                .orElse(Map.of());
        for (String id : new TreeSet<>(channels.keySet())) {
            ChannelInstance channel = channels.get(id);
            if (!channel.isEnabled()) {
                continue;
            }
            // which credentials the instance's kind signs or logs in with (an unknown kind is refused at start)
            List<String> required = ChannelTypes.known(channel.getType())
                    ? ChannelTypes.of(channel.getType()).secrets()
                    : List.of();
            SECRETS.forEach((secret, read) -> {
                String key = "hub.channels." + id + ".credentials." + secret;
                String value = read.apply(channel.getCredentials());
                String why = value == null || value.isBlank()
                        ? (required.contains(secret) ? "is not set" : null)
                        : value.contains("${")
                                ? "is left unresolved (" + value + ")"
                                : isShippedValue(value) ? "is the sandbox's shipped value" : null;
                if (why != null) {
                    problems.add(key + " " + why + ": set " + SettingVariables.variableFor(env, key));
                }
            });
        }
    }

    private static void users(ConfigurableEnvironment env, Binder binder, List<String> problems) {
        Map<String, HubSecurityProperties.User> users = binder.bind(
                        "hub.security.users", Bindable.mapOf(String.class, HubSecurityProperties.User.class))
                .orElse(Map.of());
        boolean oidc = OIDC_KEYS.stream()
                .map(k -> binder.bind(k, String.class).orElse(""))
                .anyMatch(v -> !v.isBlank() && !v.contains("${"));
        if (users.isEmpty() && !oidc) {
            problems.add("hub.security.users has no user to log in with: set HUB_SECURITY_USERS_<NAME>_PASSWORDHASH"
                    + " and HUB_SECURITY_USERS_<NAME>_ROLES (viewer, operator), or an OIDC issuer in"
                    + " spring.security.oauth2.resourceserver.jwt.issuer-uri");
        }
        users.forEach((name, u) -> {
            String key = "hub.security.users." + name;
            if (bcryptOrNull(u.getPasswordHash()) == null) {
                problems.add(key + ".password-hash is not a bcrypt hash ({bcrypt}$2a$...): set "
                        + SettingVariables.variableFor(env, key + ".password-hash"));
            }
            if (u.getRoles().isEmpty() || !HubRoles.ALL.containsAll(u.getRoles())) {
                problems.add(key + ".roles must be viewer and/or operator, not " + u.getRoles() + ": set "
                        + SettingVariables.variableFor(env, key + ".roles"));
            }
        });
    }

    static boolean isShippedValue(String value) {
        String v = value.strip();
        return v.startsWith("sandbox-") || SHIPPED_VALUES.contains(v);
    }

    /** The hash as Spring Security reads it, {bcrypt}$2a$..., or null when it is not one. */
    static String bcryptOrNull(String hash) {
        if (hash == null) {
            return null;
        }
        String h = hash.strip();
        if (h.startsWith("{bcrypt}")) {
            h = h.substring("{bcrypt}".length());
        }
        return h.matches("\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}") ? "{bcrypt}" + h : null;
    }

    /** For the user store: checked at start, so never null here. */
    static String bcrypt(String hash) {
        String h = bcryptOrNull(hash);
        if (h == null) {
            throw new IllegalStateException("a password hash is not a bcrypt hash");
        }
        return h;
    }
}
