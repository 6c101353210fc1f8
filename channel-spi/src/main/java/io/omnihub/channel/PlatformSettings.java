package io.omnihub.channel;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What a platform shop the hub pulls is connected with, read from its {@code channels.yml} entry
 * and checked at start: the open API's endpoint, the app's key, secret and the shop's access token,
 * and the page size of an order pull (the platforms' order searches take at most 100).
 */
public record PlatformSettings(URI endpoint, String appKey, String appSecret, String accessToken, int pageSize) {

    public static final int MAX_PAGE_SIZE = 100;

    /** What is wrong with a pulled platform's instance settings, one line each naming the key. */
    public static List<String> problems(String id, ChannelInstance c) {
        List<String> problems = new ArrayList<>();
        String key = "hub.channels." + id;
        if (c.getEndpoint() == null || c.getEndpoint().isBlank()) {
            problems.add(key + ".endpoint is not set: the platform's open API URL");
        } else {
            try {
                URI endpoint = URI.create(c.getEndpoint());
                if (!endpoint.isAbsolute() || !List.of("http", "https").contains(endpoint.getScheme())) {
                    problems.add(key + ".endpoint is " + c.getEndpoint() + ", not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + ".endpoint is " + c.getEndpoint() + ", not a URL");
            }
        }
        if (c.getCredentials().getAppKey() == null
                || c.getCredentials().getAppKey().isBlank()) {
            problems.add(key + ".credentials.app-key is not set: the app key the platform issued");
        }
        int pageSize = c.getPull().getPageSize();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            problems.add(key + ".pull.page-size is " + pageSize + ", not between 1 and " + MAX_PAGE_SIZE);
        }
        return problems;
    }

    /** The settings of an instance whose {@link #problems} were none (checked at start). */
    public static PlatformSettings of(ChannelInstance c) {
        ChannelInstance.Credentials cred = c.getCredentials();
        return new PlatformSettings(
                URI.create(c.getEndpoint()),
                cred.getAppKey(),
                cred.getAppSecret(),
                cred.getAccessToken(),
                c.getPull().getPageSize());
    }
}
