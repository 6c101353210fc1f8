package io.omnihub.hub.ingest;

import io.omnihub.connectors.taobao.TaobaoTrades;
import io.omnihub.connectors.taobao.TopClient;
import io.omnihub.connectors.taobao.TopCredentials;
import io.omnihub.connectors.taobao.TopSigner.SignMethod;
import io.omnihub.hub.config.ChannelInstance;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.taobao.TaobaoOrderMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The order-pulling channel instances from config/channels.yml, each with its connector and mapper. */
@Component
public class OrderChannels {

    private static final Logger log = LoggerFactory.getLogger(OrderChannels.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, OrderChannel> channels = new LinkedHashMap<>();

    public OrderChannels(HubProperties hub, SkuCodeTable codes, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        hub.getChannels().forEach((id, c) -> {
            if (!c.isEnabled()) {
                return;
            }
            switch (c.getType()) {
                case "taobao" -> channels.put(id, taobao(id, c, codes, http, clock));
                case "jd", "douyin" -> log.info("Channel {} ({}): order pull is not built yet", id, c.getType());
                default -> { }
            }
        });
    }

    private static OrderChannel taobao(String id, ChannelInstance c, SkuCodeTable codes, HttpClient http, Clock clock) {
        ChannelInstance.Credentials cred = c.getCredentials();
        TopClient client = new TopClient(URI.create(c.getEndpoint()),
                new TopCredentials(cred.getAppKey(), cred.getAppSecret(), cred.getAccessToken()),
                SignMethod.fromWire(cred.getSignMethod()), http, clock, CALL_TIMEOUT);
        return new OrderChannel(id, c, new TaobaoTrades(client, c.getPull().getPageSize()),
                trade -> TaobaoOrderMapper.toOrder(id, trade, codes));
    }

    public Collection<OrderChannel> all() {
        return channels.values();
    }

    public Optional<OrderChannel> get(String instanceId) {
        return Optional.ofNullable(channels.get(instanceId));
    }
}
