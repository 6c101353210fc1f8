package io.omnihub.channel;

import java.util.List;
import java.util.Optional;

/**
 * A kind of channel the hub connects (the {@code type:} of an instance in {@code channels.yml}):
 * Taobao/Tmall, JD, Douyin, a POS fleet, a partner, Youzan, WeCom. A pulled platform is a module
 * of its own ({@code channels/<platform>}, package {@code io.omnihub.channels.<platform>}); the
 * webhook and drop kinds are a package of the hub each. Every kind is registered once in
 * {@code META-INF/services/io.omnihub.channel.ChannelType}; the hub asks its {@code ChannelTypes}
 * and never compares type strings or names a channel module's class.
 *
 * <p>Plain Java, loaded with {@link java.util.ServiceLoader}: the production settings check asks
 * for {@link #secrets()} before any Spring bean exists.
 */
public interface ChannelType {

    /** The {@code type:} value in {@code channels.yml}. */
    String name();

    /**
     * The credentials (as named under {@code credentials:}) an enabled instance of this kind signs or
     * logs in with: the production profile refuses to start while one is unset or a sandbox value.
     */
    List<String> secrets();

    /**
     * What is wrong with an enabled instance's settings, one line each naming the key (empty when it
     * can run): checked for every instance before anything connects.
     */
    default List<String> problems(String instanceId, ChannelInstance config) {
        return List.of();
    }

    /**
     * For a platform whose orders the hub pulls and whose listings it updates: the instance's order
     * feed, mapper and listing updates, sharing the instance's call quota. Empty for kinds that push
     * to the hub (webhooks) or drop files.
     */
    default Optional<OrderChannel> orderChannel(String instanceId, ChannelInstance config, ChannelContext context) {
        return Optional.empty();
    }
}
