package io.omnihub.hub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.hub.config.ChannelInstance;
import io.omnihub.hub.config.HubProperties;
import io.omnihub.hub.ingest.OrderChannels;
import io.omnihub.mappings.codes.SkuCodeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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

    @Test
    void platformsThatArePulledBuildTheirOrderChannelAndTheOthersNone() {
        HubProperties hub = new HubProperties();
        hub.getChannels().put("shop-t", instance("taobao"));
        hub.getChannels().put("shop-j", instance("jd"));
        hub.getChannels().put("shop-d", instance("douyin"));
        hub.getChannels().put("partner-x", instance("partner"));
        hub.getChannels().put("pos-x", instance("pos-ftp"));
        OrderChannels channels = new OrderChannels(hub, new SkuCodeTable(List.of()), Clock.systemUTC());
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
        assertThatThrownBy(() -> new OrderChannels(hub, new SkuCodeTable(List.of()), Clock.systemUTC()))
                .isInstanceOf(UnknownChannelTypeException.class)
                .hasMessageContaining("hub.channels.tmall-typo.type is taobo")
                .hasMessageNotContaining("old-shop")
                .satisfies(e ->
                        assertThat(((UnknownChannelTypeException) e).advice()).contains("taobao, wecom, youzan"));
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
