package io.omnihub.hub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.OrderChannel;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.mappings.codes.SkuCodeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ChannelTypesTest {

    @Test
    void everyKindTheDocumentedConfigurationUsesIsRegisteredOnce() throws IOException {
        assertThat(ChannelTypes.names())
                .containsExactlyInAnyOrder("taobao", "jd", "douyin", "pos-ftp", "partner", "youzan", "wecom");
        Matcher type = Pattern.compile("(?m)^\\s+type: ([a-z-]+)")
                .matcher(Files.readString(Path.of("../config/channels.yml")));
        while (type.find()) {
            assertThat(ChannelTypes.known(type.group(1))).as(type.group(1)).isTrue();
        }
    }

    /** A platform's own keys bind under options without a field in ChannelInstance (CONTRIBUTING: adding a platform). */
    @Test
    void aPlatformsOwnSettingsBindUnderOptions() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "hub.channels.kuaishou-x.type", "kuaishou",
                "hub.channels.kuaishou-x.options.region", "cn-east",
                "hub.channels.kuaishou-x.options.api-version", "2")));
        ChannelInstance c = binder.bind("hub.channels", Bindable.mapOf(String.class, ChannelInstance.class))
                .get()
                .get("kuaishou-x");
        assertThat(c.getOptions()).containsEntry("region", "cn-east").containsEntry("api-version", "2");
    }

    @Test
    void platformsThatArePulledBuildTheirOrderChannelAndTheOthersNone() {
        HubProperties hub = new HubProperties();
        hub.getChannels().put("shop-t", instance("taobao"));
        hub.getChannels().put("shop-j", instance("jd"));
        hub.getChannels().put("shop-d", instance("douyin"));
        hub.getChannels().put("partner-x", instance("partner"));
        hub.getChannels().put("pos-x", instance("pos-ftp"));
        OrderChannels channels =
                new OrderChannels(hub, new SkuCodeTable(List.of()), Clock.systemUTC(), new ChannelSettingsCheck(hub));
        assertThat(channels.all()).extracting(OrderChannel::instanceId).containsExactly("shop-t", "shop-j", "shop-d");
        assertThat(channels.get("shop-t").orElseThrow().feed().getClass().getSimpleName())
                .isEqualTo("TaobaoTrades");
        assertThat(channels.get("shop-j").orElseThrow().listings().getClass().getSimpleName())
                .isEqualTo("JdSkus");
    }

    @Test
    void anEnabledInstanceOfAnUnknownKindRefusesTheStartAndSaysWhatIsKnown() {
        HubProperties hub = new HubProperties();
        hub.getChannels().put("tmall-typo", instance("taobo"));
        ChannelInstance off = instance("nonsense");
        off.setEnabled(false);
        hub.getChannels().put("old-shop", off);
        assertThatThrownBy(() -> new OrderChannels(
                        hub, new SkuCodeTable(List.of()), Clock.systemUTC(), new ChannelSettingsCheck(hub)))
                .isInstanceOf(ChannelSettingsException.class)
                .hasMessageContaining("hub.channels.tmall-typo.type is taobo")
                .hasMessageNotContaining("old-shop")
                .satisfies(
                        e -> assertThat(((ChannelSettingsException) e).advice()).contains("taobao, wecom, youzan"));
    }

    @Test
    void settingsAPlatformOrAPosFleetCannotRunWithRefuseTheStartNamingEachKey() {
        HubProperties hub = new HubProperties();
        ChannelInstance noEndpoint = instance("jd");
        noEndpoint.setEndpoint(null);
        hub.getChannels().put("jd-x", noEndpoint);
        ChannelInstance badSign = instance("taobao");
        badSign.getCredentials().setSignMethod("sha1");
        badSign.getPull().setPageSize(500);
        hub.getChannels().put("tmall-x", badSign);
        ChannelInstance relative = instance("douyin");
        relative.setEndpoint("gw.example.cn/router");
        relative.getCredentials().setAppKey(" ");
        hub.getChannels().put("douyin-x", relative);
        ChannelInstance pos = instance("pos-ftp");
        pos.setEndpoint(null);
        pos.setCharset("GB-9999");
        pos.setZone("Asia/Beijing");
        hub.getChannels().put("pos-x", pos);
        hub.getChannels().put("tmall-ok", instance("taobao"));
        assertThatThrownBy(() -> ChannelTypes.requireValid(hub.getChannels()))
                .isInstanceOf(ChannelSettingsException.class)
                .satisfies(e -> assertThat(((ChannelSettingsException) e).problems())
                        .containsExactly(
                                "hub.channels.jd-x.endpoint is not set: the platform's open API URL",
                                "hub.channels.tmall-x.pull.page-size is 500, not between 1 and 100",
                                "hub.channels.tmall-x.credentials.sign-method is sha1, not md5, hmac or hmac-sha256",
                                "hub.channels.douyin-x.endpoint is gw.example.cn/router, not an http(s) URL",
                                "hub.channels.douyin-x.credentials.app-key is not set: the app key the platform issued",
                                "hub.channels.pos-x.endpoint is not set: a pos-ftp instance needs its FTP URL",
                                "hub.channels.pos-x.charset is GB-9999, not a charset this JVM has (UTF-8, GBK)",
                                "hub.channels.pos-x.zone is Asia/Beijing, not a time zone (Asia/Shanghai)"));
    }

    /** The webhook kinds' settings records: without them every push or callback would be refused, one by one. */
    @Test
    void webhookSettingsEveryRequestWouldFailOnRefuseTheStartNamingEachKey() {
        HubProperties hub = new HubProperties();
        ChannelInstance wecom = instance("wecom");
        wecom.getCredentials().setCallbackToken("token");
        wecom.getCredentials().setEncodingAesKey("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhU"); // 42 characters
        hub.getChannels().put("wecom-x", wecom);
        ChannelInstance youzan = instance("youzan");
        youzan.getCredentials().setAppKey(null);
        hub.getChannels().put("youzan-x", youzan);
        ChannelInstance partner = instance("partner");
        partner.getQuota().setCallsPerSecond(0);
        hub.getChannels().put("partner-x", partner);
        ChannelInstance wecomOk = instance("wecom");
        wecomOk.getCredentials().setCallbackToken("token");
        wecomOk.getCredentials().setEncodingAesKey("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt");
        wecomOk.getCredentials().setReceiveId("ww1436e0e65a779aee");
        hub.getChannels().put("wecom-ok", wecomOk);
        hub.getChannels().put("partner-ok", instance("partner"));
        assertThatThrownBy(() -> ChannelTypes.requireValid(hub.getChannels()))
                .isInstanceOf(ChannelSettingsException.class)
                .satisfies(e -> assertThat(((ChannelSettingsException) e).problems())
                        .containsExactly(
                                "hub.channels.wecom-x.credentials.encoding-aes-key is not 43 characters of Base64"
                                        + " (an AES-256 key without its '=')",
                                "hub.channels.wecom-x.credentials.receive-id is not set: the corp id (CorpID) the"
                                        + " callbacks are addressed to",
                                "hub.channels.youzan-x.credentials.app-key is not set: the app's client id, which signs"
                                        + " every push",
                                "hub.channels.partner-x.quota.calls-per-second is 0.0, not above 0"));
    }

    @Test
    void secretsAreTheCredentialsEachKindSignsWith() {
        assertThat(ChannelTypes.of("taobao").secrets()).containsExactly("app-secret", "access-token");
        assertThat(ChannelTypes.of("wecom").secrets()).containsExactly("callback-token", "encoding-aes-key");
        assertThat(ChannelTypes.of("pos-ftp").secrets()).containsExactly("password");
    }

    private static ChannelInstance instance(String type) {
        ChannelInstance c = new ChannelInstance();
        c.setType(type);
        c.setEndpoint("http://127.0.0.1:1/");
        c.getCredentials().setAppKey("k");
        c.getCredentials().setAppSecret("s");
        c.getCredentials().setAccessToken("t");
        return c;
    }
}
