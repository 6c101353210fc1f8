package io.omnihub.channels.douyin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.codes.ChannelSku;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderStatus;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DouyinOrderMapperTest {

    private final SkuCodeTable codes = new SkuCodeTable(List.of(
            new ChannelSku("jd-official", "100012340001", "10001234", "TEE-WHT-M"),
            new ChannelSku("douyin-live", "1760000000000001", "3620000000000000001", "TEE-WHT-M")));

    private JsonNode json(String path) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            return HubJson.mapper().readTree(in);
        }
    }

    @Test
    void douyinOrderMapsFenAndUnixSecondsAsGiven() throws Exception {
        Order o = DouyinOrderMapper.toOrder("douyin-live", json("/douyin/order.json"), codes);
        assertThat(o.status()).as("cancelled after payment").isEqualTo(OrderStatus.REFUNDED);
        assertThat(o.modifiedAt()).isEqualTo(Instant.ofEpochSecond(1795350600));
        assertThat(o.totalFen()).isEqualTo(18900);
        assertThat(o.buyer().platformBuyerId()).isEqualTo("1@#dyopenid");
        assertThat(o.buyer().phoneHint()).isEqualTo("186****0000");
        assertThat(o.shipTo().city()).isEqualTo("深圳市");
        assertThat(o.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo("TEE-WHT-M");
            assertThat(l.channelItemId()).isEqualTo("3620000000000000001");
            assertThat(l.unitPriceFen()).isEqualTo(19900);
            assertThat(l.amountFen()).isEqualTo(18900);
        });
    }

    @Test
    void douyinStatusesAndAnUnknownSkuParkedOnItsLine() throws Exception {
        ObjectNode o = (ObjectNode) json("/douyin/order.json");
        for (int[] pair : new int[][] {{1, 0}, {105, 1}, {2, 1}, {101, 1}, {3, 2}, {5, 3}}) {
            o.put("order_status", pair[0]);
            assertThat(DouyinOrderMapper.toOrder("douyin-live", o, codes)
                            .status()
                            .ordinal())
                    .as("order_status " + pair[0])
                    .isEqualTo(pair[1]);
        }
        ((ObjectNode) o.path("sku_order_list").get(0)).put("sku_id", 999L);
        assertThat(DouyinOrderMapper.toOrder("douyin-live", o, codes)
                        .lines()
                        .get(0)
                        .parkedReason())
                .contains("unknown channel SKU 999");
    }
}
