package io.omnihub.hub.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/** What a start-up check tells an operator to set: the environment variable behind a setting. */
public final class SettingVariables {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)");

    private SettingVariables() {}

    /**
     * The variable the shipped configuration reads the setting from (PARTNER_ACME_SECRET for
     * {@code ${PARTNER_ACME_SECRET:sandbox-partner-secret}}), else Spring Boot's own name for it.
     */
    public static String variableFor(ConfigurableEnvironment env, String key) {
        for (PropertySource<?> source : env.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> e
                    && e.containsProperty(key)
                    && e.getProperty(key) instanceof CharSequence raw) {
                Matcher m = PLACEHOLDER.matcher(raw);
                if (m.find() && m.group(1).matches("[A-Z0-9_]+")) {
                    return m.group(1);
                }
                break;
            }
        }
        return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
