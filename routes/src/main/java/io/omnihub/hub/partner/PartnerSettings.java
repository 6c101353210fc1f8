package io.omnihub.hub.partner;

import io.omnihub.channel.ChannelInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * A partner's webhook settings: the shared secret its requests are signed with
 * ({@code credentials.app-secret}) and the requests per second it may send
 * ({@code quota.calls-per-second}, answered 429 beyond). Checked at start.
 */
public record PartnerSettings(String secret, double requestsPerSecond) {

    public static List<String> problems(String id, ChannelInstance c) {
        List<String> problems = new ArrayList<>();
        String key = "hub.channels." + id;
        String secret = c.getCredentials().getAppSecret();
        if (secret == null || secret.isBlank()) {
            problems.add(key + ".credentials.app-secret is not set: the secret the partner signs its requests with");
        }
        double rate = c.getQuota().getCallsPerSecond();
        if (!(rate > 0)) {
            problems.add(key + ".quota.calls-per-second is " + rate + ", not above 0");
        }
        return problems;
    }

    /** The settings of an instance whose {@link #problems} were none (checked at start). */
    public static PartnerSettings of(ChannelInstance c) {
        return new PartnerSettings(
                c.getCredentials().getAppSecret(), c.getQuota().getCallsPerSecond());
    }
}
