package io.omnihub.hub.channel;

import io.omnihub.hub.config.ChannelInstance;
import java.net.URI;
import java.util.List;

/**
 * What a platform shop the hub pulls is connected with, read from its {@code channels.yml} entry
 * and checked at start: the open API's endpoint, the app's key, secret and the shop's access token,
 * and the page size of an order pull (the platforms' order searches take at most 100).
 */
public record PlatformSettings(URI endpoint, String appKey, String appSecret, String accessToken, int pageSize) {

    public static final int MAX_PAGE_SIZE = 100;

    /** The settings, after adding what is wrong with them to {@code problems} (nothing when they are fine). */
    public static PlatformSettings read(String id, ChannelInstance c, List<String> problems) {
        String key = "hub.channels." + id;
        URI endpoint = null;
        if (c.getEndpoint() == null || c.getEndpoint().isBlank()) {
            problems.add(key + ".endpoint is not set: the platform's open API URL");
        } else {
            try {
                endpoint = URI.create(c.getEndpoint());
                if (!endpoint.isAbsolute() || !List.of("http", "https").contains(endpoint.getScheme())) {
                    problems.add(key + ".endpoint is " + c.getEndpoint() + ", not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + ".endpoint is " + c.getEndpoint() + ", not a URL");
            }
        }
        ChannelInstance.Credentials cred = c.getCredentials();
        if (cred.getAppKey() == null || cred.getAppKey().isBlank()) {
            problems.add(key + ".credentials.app-key is not set: the app key the platform issued");
        }
        int pageSize = c.getPull().getPageSize();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            problems.add(key + ".pull.page-size is " + pageSize + ", not between 1 and " + MAX_PAGE_SIZE);
        }
        return new PlatformSettings(endpoint, cred.getAppKey(), cred.getAppSecret(), cred.getAccessToken(), pageSize);
    }
}
