package io.omnihub.channels.taobao;

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

class TaobaoOrderMapperTest {

    private final SkuCodeTable codes =
            new SkuCodeTable(List.of(new ChannelSku("tmall-flagship", "5010000001", "6010000001", "TEE-WHT-M")));

    private JsonNode trade() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/taobao/trade-paid.json")) {
            return HubJson.mapper().readTree(in);
        }
    }

    @Test
    void mapsATradeOntoTheCanonicalOrder() throws Exception {
        Order o = TaobaoOrderMapper.toOrder("tmall-flagship", trade(), codes);
        assertThat(o.schema()).isEqualTo(Order.SCHEMA);
        assertThat(o.key()).isEqualTo("tmall-flagship:3100000000000001");
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        // GMT+8 local times become UTC instants
        assertThat(o.modifiedAt()).isEqualTo(Instant.parse("2026-11-22T02:00:05Z"));
        assertThat(o.createdAt()).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
        assertThat(o.totalFen()).isEqualTo(20800);
        assertThat(o.shippingFen()).isEqualTo(1000);
        assertThat(o.buyer().platformBuyerId()).isEqualTo("AAHk3m0ZAL1yYv8vRkU1abcd");
        // a masked phone is kept as a hint only, never as the buyer's phone
        assertThat(o.buyer().phone()).isNull();
        assertThat(o.buyer().phoneHint()).isEqualTo("138****5678");
        assertThat(o.shipTo().province()).isEqualTo("上海");
        assertThat(o.lines()).hasSize(2);
        assertThat(o.lines().get(0).sku()).isEqualTo("TEE-WHT-M");
        assertThat(o.lines().get(0).unitPriceFen()).isEqualTo(9900);
        assertThat(o.lines().get(0).isParked()).isFalse();
    }

    @Test
    void aLineWithAnUnknownChannelSkuIsParkedWithTheReasonNotDropped() throws Exception {
        Order o = TaobaoOrderMapper.toOrder("tmall-flagship", trade(), codes);
        assertThat(o.lines().get(1).sku()).isNull();
        assertThat(o.lines().get(1).isParked()).isTrue();
        assertThat(o.lines().get(1).parkedReason()).contains("5019999999");
    }

    @Test
    void theSameChannelSkuOnAnotherInstanceIsNotMapped() throws Exception {
        Order o = TaobaoOrderMapper.toOrder("tmall-outlet", trade(), codes);
        assertThat(o.lines().get(0).isParked()).isTrue();
    }

    @Test
    void closedTradesBecomeRefundedAfterPaymentAndCancelledBefore() throws Exception {
        ObjectNode t = (ObjectNode) trade();
        t.put("status", "TRADE_CLOSED");
        assertThat(TaobaoOrderMapper.toOrder("tmall-flagship", t, codes).status())
                .isEqualTo(OrderStatus.REFUNDED);
        t.remove("pay_time");
        assertThat(TaobaoOrderMapper.toOrder("tmall-flagship", t, codes).status())
                .isEqualTo(OrderStatus.CANCELLED);
        t.put("status", "TRADE_CLOSED_BY_TAOBAO");
        assertThat(TaobaoOrderMapper.toOrder("tmall-flagship", t, codes).status())
                .isEqualTo(OrderStatus.CANCELLED);
        t.put("status", "WAIT_BUYER_CONFIRM_GOODS");
        assertThat(TaobaoOrderMapper.toOrder("tmall-flagship", t, codes).status())
                .isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void aTradeWithoutModifiedTimeOrWithAnUnknownStatusIsRefusedWithTheReason() throws Exception {
        ObjectNode t = (ObjectNode) trade();
        t.remove("modified");
        assertThatThrownBy(() -> TaobaoOrderMapper.toOrder("tmall-flagship", t, codes))
                .hasMessageContaining("modified");
        ObjectNode u = (ObjectNode) trade();
        u.put("status", "SOMETHING_NEW");
        assertThatThrownBy(() -> TaobaoOrderMapper.toOrder("tmall-flagship", u, codes))
                .hasMessageContaining("SOMETHING_NEW");
    }
}
