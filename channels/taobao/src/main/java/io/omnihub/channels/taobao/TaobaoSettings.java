package io.omnihub.channels.taobao;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.PlatformSettings;
import io.omnihub.channels.taobao.TopSigner.SignMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * A Taobao or Tmall shop's settings: what every pulled platform has, and TOP's sign method
 * ({@code credentials.sign-method}: md5, hmac or hmac-sha256), checked at start because TOP
 * refuses every call signed another way.
 */
public record TaobaoSettings(PlatformSettings platform, SignMethod signMethod) {

    public static List<String> problems(String id, ChannelInstance c) {
        List<String> problems = new ArrayList<>(PlatformSettings.problems(id, c));
        try {
            SignMethod.fromWire(c.getCredentials().getSignMethod());
        } catch (IllegalArgumentException e) {
            problems.add("hub.channels." + id + ".credentials.sign-method is "
                    + c.getCredentials().getSignMethod() + ", not md5, hmac or hmac-sha256");
        }
        return problems;
    }

    /** The settings of an instance whose {@link #problems} were none (checked at start). */
    public static TaobaoSettings of(ChannelInstance c) {
        return new TaobaoSettings(
                PlatformSettings.of(c), SignMethod.fromWire(c.getCredentials().getSignMethod()));
    }
}
