package io.omnihub.channels.jd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class JdOrderMapperTest {

    private final SkuCodeTable codes = new SkuCodeTable(List.of(
            new ChannelSku("jd-official", "100012340001", "10001234", "TEE-WHT-M"),
            new ChannelSku("douyin-live", "1760000000000001", "3620000000000000001", "TEE-WHT-M")));

    private JsonNode json(String path) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            return HubJson.mapper().readTree(in);
        }
    }

    @Test
    void jdOrderMapsWithThePinAsBuyerAndGmt8Times() throws Exception {
        Order o = JdOrderMapper.toOrder("jd-official", json("/jd/order.json"), codes);
        assertThat(o.channelOrderId()).isEqualTo("310000000001");
        assertThat(o.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(o.modifiedAt()).isEqualTo(Instant.parse("2026-11-22T04:30:00Z"));
        assertThat(o.paidAt()).isEqualTo(Instant.parse("2026-11-22T02:01:00Z"));
        assertThat(o.totalFen()).isEqualTo(20900);
        assertThat(o.shippingFen()).isEqualTo(1000);
        assertThat(o.buyer().platformBuyerId()).isEqualTo("jd_4a1b2c");
        assertThat(o.buyer().phone()).isNull();
        assertThat(o.buyer().phoneHint()).isEqualTo("139****1234");
        assertThat(o.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo("TEE-WHT-M");
            assertThat(l.quantity()).isEqualTo(2);
            assertThat(l.unitPriceFen()).isEqualTo(9950);
            assertThat(l.amountFen()).isEqualTo(19900);
        });
    }

    @Test
    void jdCancelledAfterPaymentIsRefundedAndAnUnknownStateIsRefused() throws Exception {
        ObjectNode o = (ObjectNode) json("/jd/order.json");
        o.put("orderState", "TRADE_CANCELED");
        assertThat(JdOrderMapper.toOrder("jd-official", o, codes).status()).isEqualTo(OrderStatus.REFUNDED);
        o.remove("paymentConfirmTime");
        assertThat(JdOrderMapper.toOrder("jd-official", o, codes).status()).isEqualTo(OrderStatus.CANCELLED);
        o.put("orderState", "SOMETHING_ELSE");
        assertThatThrownBy(() -> JdOrderMapper.toOrder("jd-official", o, codes)).hasMessageContaining("SOMETHING_ELSE");
    }
}
