package io.omnihub.hub.youzan;

import io.omnihub.channel.ChannelInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * A Youzan shop's push settings: the app's client id ({@code credentials.app-key}) and client
 * secret ({@code credentials.app-secret}), both part of every push's signature, so without either
 * every push would be refused. Checked at start.
 */
public record YouzanSettings(String clientId, String clientSecret) {

    public static List<String> problems(String id, ChannelInstance c) {
        List<String> problems = new ArrayList<>();
        String key = "hub.channels." + id + ".credentials.";
        if (blank(c.getCredentials().getAppKey())) {
            problems.add(key + "app-key is not set: the app's client id, which signs every push");
        }
        if (blank(c.getCredentials().getAppSecret())) {
            problems.add(key + "app-secret is not set: the app's client secret, which signs every push");
        }
        return problems;
    }

    /** The settings of an instance whose {@link #problems} were none (checked at start). */
    public static YouzanSettings of(ChannelInstance c) {
        return new YouzanSettings(
                c.getCredentials().getAppKey(), c.getCredentials().getAppSecret());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
