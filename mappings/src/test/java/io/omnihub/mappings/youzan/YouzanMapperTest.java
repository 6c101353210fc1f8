package io.omnihub.mappings.youzan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.codes.ChannelSku;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.youzan.YouzanMapper.Push;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Youzan pushes as published in open-source receivers: SCRM_CUSTOMER_EVENT, SCRM_CUSTOMER_CARD and
 * trade_TradeSuccess verbatim; trade_TradeCreate with its published decoded msg encoded again the
 * way Youzan encodes it (form encoding, '+' for a space).
 */
class YouzanMapperTest {

    static final InputLimits LIMITS = InputLimits.DEFAULT;
    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    static final SkuCodeTable CODES =
            new SkuCodeTable(List.of(new ChannelSku("youzan-test", "200107004", null, "TEE-WHT-M")));

    static Push sample(String name) throws Exception {
        try (InputStream in = YouzanMapperTest.class.getResourceAsStream("/youzan/" + name)) {
            return YouzanMapper.push(HubJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aCustomerUpdateIsAMemberEventKeyedByItsAccount() throws Exception {
        Push p = sample("SCRM_CUSTOMER_EVENT-2018.json");
        assertThat(p.receiptKey())
                .isEqualTo("env:SCRM_CUSTOMER_EVENT:17284278:725462007:1517055397112:CUSTOMER_UPDATED");
        MemberEvent m = YouzanMapper.member("youzan-test", p, LIMITS, NOW).orElseThrow();
        assertThat(m.kind()).isEqualTo(MemberEvent.Kind.UPDATED);
        assertThat(m.identifiers())
                .extracting(i -> i.type() + "=" + i.value() + "@" + i.scope())
                .containsExactly("PLATFORM_BUYER_ID=725462007@youzan-test");
        assertThat(m.attributes())
                .containsEntry("name", "继承")
                .containsEntry("gender", "M")
                .doesNotContainKey("birthday");
        assertThat(m.occurredAt()).as("version in milliseconds").isEqualTo(Instant.ofEpochMilli(1517055397112L));
    }

    @Test
    void aMemberCardGivenCarriesCardAndPhoneAtItsBeijingTime() throws Exception {
        MemberEvent m = YouzanMapper.member("youzan-test", sample("SCRM_CUSTOMER_CARD-2018.json"), LIMITS, NOW)
                .orElseThrow();
        assertThat(m.kind()).isEqualTo(MemberEvent.Kind.REGISTERED);
        assertThat(m.identifiers())
                .extracting(i -> i.type() + "=" + i.value())
                .containsExactly("MEMBER_CARD=230597762487315507", "PHONE=+8618611367408");
        assertThat(m.occurredAt()).isEqualTo(Instant.parse("2018-01-28T08:00:29Z"));
    }

    @Test
    void aTradeCreateIsAnOrderWithItsLinesThroughTheCodeTable() throws Exception {
        Push p = sample("trade_TradeCreate-2021.json");
        assertThat(p.receiptKey()).isEqualTo("msg:ee9f3e78-3147-4592-91e5-903792ce2c45");
        Order o = YouzanMapper.order("youzan-test", p, CODES, LIMITS, NOW).orElseThrow();
        assertThat(o.channelOrderId()).isEqualTo("E20210401112806094800009");
        assertThat(o.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(o.createdAt()).isEqualTo(Instant.parse("2021-04-01T03:28:06Z"));
        assertThat(o.paidAt()).isNull();
        assertThat(o.totalFen()).isEqualTo(1);
        assertThat(o.buyer().platformBuyerId()).isEqualTo("1111999412");
        assertThat(o.buyer().phone()).isEqualTo("18017720511");
        assertThat(o.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo("TEE-WHT-M");
            assertThat(l.channelSku()).isEqualTo("200107004");
            assertThat(l.unitPriceFen()).isEqualTo(1);
            assertThat(l.title()).startsWith("食品经营范围");
        });
        Order unmapped = YouzanMapper.order("youzan-test", p, new SkuCodeTable(List.of()), LIMITS, NOW)
                .orElseThrow();
        assertThat(unmapped.lines().get(0).parkedReason()).contains("200107004");
    }

    @Test
    void aKeysOnlyTradeMessageIsAStatusChangeAppliedOnlyWhenNewer() throws Exception {
        YouzanMapper.StatusChange c = YouzanMapper.statusChange(sample("trade_TradeSuccess-2021.json"), LIMITS, NOW)
                .orElseThrow();
        assertThat(c.tid()).isEqualTo("E20210307175649090904167");
        assertThat(c.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(c.at()).isEqualTo(Instant.parse("2021-03-07T10:06:22Z"));
        Order stored = YouzanMapper.order("youzan-test", sample("trade_TradeCreate-2021.json"), CODES, LIMITS, NOW)
                .orElseThrow();
        assertThat(YouzanMapper.apply(
                        stored,
                        new YouzanMapper.StatusChange(
                                stored.channelOrderId(),
                                OrderStatus.COMPLETED,
                                stored.modifiedAt().plusSeconds(60))))
                .get()
                .extracting(Order::status)
                .isEqualTo(OrderStatus.COMPLETED);
        assertThat(YouzanMapper.apply(
                        stored,
                        new YouzanMapper.StatusChange(
                                stored.channelOrderId(),
                                OrderStatus.CANCELLED,
                                stored.modifiedAt().minusSeconds(60))))
                .isEmpty();
    }

    @Test
    void encryptedPhonesAreNotIdentifiersAndBrokenPushesNameTheirField() throws Exception {
        Push p = YouzanMapper.push(
                HubJson.mapper()
                        .readTree(
                                "{\"type\":\"SCRM_CUSTOMER_CARD\",\"status\":\"CUSTOMER_CARD_GIVEN\","
                                        + "\"id\":\"C1\",\"version\":1700000000,\"msg\":\"%7B%22card_no%22%3A%22C1%22%2C%22mobile%22%3A%22%24Xyb9B3HbGaOjdYTHHwP0PA%3D%3D%241%24%22%7D\"}"));
        assertThat(YouzanMapper.member("youzan-test", p, LIMITS, NOW)
                        .orElseThrow()
                        .identifiers())
                .extracting(i -> i.type().name())
                .containsExactly("MEMBER_CARD");
        assertThatThrownBy(
                        () -> YouzanMapper.push(HubJson.mapper().readTree("{\"type\":\"x\",\"msg\":\"%7Bnot-json\"}")))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("msg:");
        assertThatThrownBy(() -> YouzanMapper.push(HubJson.mapper().readTree("{\"msg\":\"\"}")))
                .hasMessageStartingWith("type:");
        Push noLines = YouzanMapper.push(
                HubJson.mapper()
                        .readTree(
                                "{\"type\":\"trade_TradePaid\",\"msg\":{\"full_order_info\":"
                                        + "{\"order_info\":{\"tid\":\"E1\",\"status\":\"TRADE_PAID\",\"update_time\":\"2021-04-01 11:28:06\"},\"orders\":[]}}}"));
        assertThatThrownBy(() -> YouzanMapper.order("youzan-test", noLines, CODES, LIMITS, NOW))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("msg.full_order_info.orders:");
    }

    static String trade(String line, String updateTime) {
        return "{\"type\":\"trade_TradePaid\",\"msg\":{\"full_order_info\":{\"order_info\":{\"tid\":\"E2\","
                + "\"status\":\"TRADE_PAID\",\"update_time\":\"" + updateTime + "\"},\"orders\":[" + line + "]}}}";
    }

    static String refusedField(String push) {
        try {
            YouzanMapper.order("youzan-test", YouzanMapper.push(HubJson.mapper().readTree(push)), CODES, LIMITS, NOW);
        } catch (PayloadException e) {
            return e.field();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused: " + push);
    }

    @Test
    void quantitiesAmountsAndTimesPastTheLimitsAreRefusedNamingTheField() {
        String line = "orders[0].";
        String at = "2026-11-22 10:00:00";
        assertThat(refusedField(
                        trade("{\"outer_sku_id\":\"TEE-WHT-M\",\"num\":99999999999999999999,\"price\":\"1.00\"}", at)))
                .as("20 digits would wrap through asLong")
                .isEqualTo("msg.full_order_info." + line + "num");
        assertThat(refusedField(
                        trade("{\"outer_sku_id\":\"TEE-WHT-M\",\"num\":\"1000000000000\",\"price\":\"1.00\"}", at)))
                .isEqualTo("msg.full_order_info." + line + "num");
        assertThat(refusedField(trade("{\"outer_sku_id\":\"TEE-WHT-M\",\"num\":1,\"price\":\"1e999999999\"}", at)))
                .isEqualTo("msg.full_order_info." + line + "price");
        assertThat(refusedField(trade("{\"outer_sku_id\":\"TEE-WHT-M\",\"num\":1,\"price\":\"100000000.01\"}", at)))
                .isEqualTo("msg.full_order_info." + line + "price");
        assertThat(refusedField(trade("{\"outer_sku_id\":\"TEE-WHT-M\",\"num\":1000000,\"price\":\"99999.99\"}", at)))
                .as("each within its bound, their product is not")
                .isEqualTo("msg.full_order_info." + line + "num");
        assertThat(refusedField(
                        trade("{\"outer_sku_id\":\"TEE-WHT-M\",\"num\":1,\"price\":\"1.00\"}", "2099-01-01 00:00:00")))
                .isEqualTo("msg.full_order_info.order_info.update_time");
    }
}
