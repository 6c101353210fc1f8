package io.omnihub.hub.ingest;

import io.omnihub.channel.ChannelContext;
import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.channel.ChannelSettingsCheck;
import io.omnihub.hub.channel.ChannelTypes;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.mappings.codes.SkuCodeTable;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The platform shops from config/channels.yml, each with its connectors (orders, listings) and
 * order mapper, as its {@link io.omnihub.channel.ChannelType} builds them.
 */
@Component
public class OrderChannels {

    private final Map<String, OrderChannel> channels = new LinkedHashMap<>();

    public OrderChannels(HubProperties hub, SkuCodeTable codes, Clock clock, ChannelSettingsCheck checked) {
        ChannelContext context = new ChannelContext(
                codes,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                clock);
        hub.getChannels().forEach((id, c) -> {
            if (c.isEnabled()) {
                ChannelTypes.of(c.getType()).orderChannel(id, c, context).ifPresent(ch -> channels.put(id, ch));
            }
        });
    }

    public Collection<OrderChannel> all() {
        return channels.values();
    }

    public Optional<OrderChannel> get(String instanceId) {
        return Optional.ofNullable(channels.get(instanceId));
    }
}
