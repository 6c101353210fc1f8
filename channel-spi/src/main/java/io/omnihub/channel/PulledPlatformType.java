package io.omnihub.channel;

import java.util.List;
import java.util.Optional;

/**
 * A platform whose orders the hub pulls and whose listings it updates over a signed open API: its
 * instances are read into {@link PlatformSettings}, checked at start, and connected from them.
 */
public abstract class PulledPlatformType extends NamedChannelType {

    protected PulledPlatformType(String name) {
        super(name, "app-secret", "access-token");
    }

    @Override
    public List<String> problems(String instanceId, ChannelInstance config) {
        return PlatformSettings.problems(instanceId, config);
    }

    @Override
    public final Optional<OrderChannel> orderChannel(
            String instanceId, ChannelInstance config, ChannelContext context) {
        return Optional.of(connect(instanceId, config, PlatformSettings.of(config), context));
    }

    /** The shop's order feed, mapper and listing updates, built from settings already checked. */
    protected abstract OrderChannel connect(
            String instanceId, ChannelInstance config, PlatformSettings settings, ChannelContext context);
}
