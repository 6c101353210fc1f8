package io.omnihub.hub.ingest;

import io.omnihub.connectors.CallGuard;
import io.omnihub.connectors.douyin.DoudianClient;
import io.omnihub.connectors.douyin.DoudianCredentials;
import io.omnihub.connectors.douyin.DoudianOrders;
import io.omnihub.connectors.douyin.DoudianSkus;
import io.omnihub.connectors.jd.JdOrders;
import io.omnihub.connectors.jd.JdSkus;
import io.omnihub.connectors.jd.JosClient;
import io.omnihub.connectors.jd.JosCredentials;
import io.omnihub.connectors.taobao.TaobaoItems;
import io.omnihub.connectors.taobao.TaobaoTrades;
import io.omnihub.connectors.taobao.TopClient;
import io.omnihub.connectors.taobao.TopCredentials;
import io.omnihub.connectors.taobao.TopSigner.SignMethod;
import io.omnihub.hub.config.ChannelInstance;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.douyin.DouyinOrderMapper;
import io.omnihub.mappings.jd.JdOrderMapper;
import io.omnihub.mappings.taobao.TaobaoOrderMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** The platform shops from config/channels.yml, each with its connectors (orders, listings) and order mapper. */
@Component
public class OrderChannels {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, OrderChannel> channels = new LinkedHashMap<>();

    public OrderChannels(HubProperties hub, SkuCodeTable codes, Clock clock) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        hub.getChannels().forEach((id, c) -> {
            if (!c.isEnabled()) {
                return;
            }
            switch (c.getType()) {
                case "taobao" -> channels.put(id, taobao(id, c, codes, http, clock));
                case "jd" -> channels.put(id, jd(id, c, codes, http, clock));
                case "douyin" -> channels.put(id, douyin(id, c, codes, http, clock));
                default -> {}
            }
        });
    }

    private static OrderChannel taobao(String id, ChannelInstance c, SkuCodeTable codes, HttpClient http, Clock clock) {
        ChannelInstance.Credentials cred = c.getCredentials();
        CallGuard guard = guard(id, c);
        Function<CallGuard, TopClient> client = g -> new TopClient(
                URI.create(c.getEndpoint()),
                new TopCredentials(cred.getAppKey(), cred.getAppSecret(), cred.getAccessToken()),
                SignMethod.fromWire(cred.getSignMethod()),
                http,
                clock,
                CALL_TIMEOUT,
                g);
        return new OrderChannel(
                id,
                c,
                new TaobaoTrades(client.apply(guard), c.getPull().getPageSize()),
                trade -> TaobaoOrderMapper.toOrder(id, trade, codes),
                new TaobaoItems(client.apply(guard.singleAttempt())));
    }

    private static OrderChannel jd(String id, ChannelInstance c, SkuCodeTable codes, HttpClient http, Clock clock) {
        ChannelInstance.Credentials cred = c.getCredentials();
        CallGuard guard = guard(id, c);
        Function<CallGuard, JosClient> client = g -> new JosClient(
                URI.create(c.getEndpoint()),
                new JosCredentials(cred.getAppKey(), cred.getAppSecret(), cred.getAccessToken()),
                http,
                clock,
                CALL_TIMEOUT,
                g);
        return new OrderChannel(
                id,
                c,
                new JdOrders(client.apply(guard), c.getPull().getPageSize()),
                order -> JdOrderMapper.toOrder(id, order, codes),
                new JdSkus(client.apply(guard.singleAttempt())));
    }

    private static OrderChannel douyin(String id, ChannelInstance c, SkuCodeTable codes, HttpClient http, Clock clock) {
        ChannelInstance.Credentials cred = c.getCredentials();
        CallGuard guard = guard(id, c);
        Function<CallGuard, DoudianClient> client = g -> new DoudianClient(
                URI.create(c.getEndpoint()),
                new DoudianCredentials(cred.getAppKey(), cred.getAppSecret(), cred.getAccessToken()),
                http,
                clock,
                CALL_TIMEOUT,
                g);
        return new OrderChannel(
                id,
                c,
                new DoudianOrders(client.apply(guard), c.getPull().getPageSize()),
                order -> DouyinOrderMapper.toOrder(id, order, codes),
                new DoudianSkus(client.apply(guard.singleAttempt())));
    }

    /**
     * One quota per instance, shared by all of its calls. Order pulls retry here (a timer poll has no
     * one else to retry it); listing updates make one attempt, since the broker owns their retries.
     */
    private static CallGuard guard(String id, ChannelInstance c) {
        return CallGuard.of(id, c.getQuota().getCallsPerSecond());
    }

    public Collection<OrderChannel> all() {
        return channels.values();
    }

    public Optional<OrderChannel> get(String instanceId) {
        return Optional.ofNullable(channels.get(instanceId));
    }
}
