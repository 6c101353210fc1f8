package io.omnihub.mappings.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.codes.ChannelSku;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.model.StockMovement;
import io.omnihub.mappings.pos.PosRows.SaleLine;
import io.omnihub.mappings.pos.PosRows.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PosRowsTest {

    static final Store STORE = new Store("pos-east", "S001", "STORE-SH-001", ZoneId.of("Asia/Shanghai"));
    static final SkuCodeTable CODES = new SkuCodeTable(List.of(
            new ChannelSku("pos-east", "6901234567890", null, "TEE-WHT-M"),
            new ChannelSku("tmall", "5010000005", null, "CAP-NAVY")));
    static final InputLimits LIMITS = InputLimits.DEFAULT;
    /** The hub's clock when the test file is read: the evening of the rows' day, Shanghai time. */
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static Map<String, String> sale(String... overrides) {
        return row(
                Map.of(
                        "receipt_no",
                        "R1",
                        "line_no",
                        "1",
                        "sold_at",
                        "2026-11-22 10:00:00",
                        "sku",
                        "6901234567890",
                        "qty",
                        "2",
                        "unit_price",
                        "99.00",
                        "amount",
                        "188.00",
                        "member_card",
                        "",
                        "member_phone",
                        "138 1234 5678"),
                overrides);
    }

    static Map<String, String> count(String... overrides) {
        return row(Map.of("sku", "6901234567890", "on_hand", "7", "counted_at", "2026-11-22 08:00:00"), overrides);
    }

    static Map<String, String> row(Map<String, String> defaults, String... overrides) {
        Map<String, String> row = new HashMap<>(defaults);
        for (int i = 0; i < overrides.length; i += 2) {
            row.put(overrides[i], overrides[i + 1]);
        }
        return row;
    }

    @Test
    void aSaleLineIsConvertedFromStoreTimeAndYuan() {
        SaleLine l = PosRows.sale(STORE, sale()::get, CODES, LIMITS, NOW);
        assertThat(l.soldAt()).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
        assertThat(l.sku()).isEqualTo("TEE-WHT-M");
        assertThat(l.posSku()).isEqualTo("6901234567890");
        assertThat(l.unitPriceFen()).isEqualTo(9900);
        assertThat(l.amountFen()).isEqualTo(18800);
        assertThat(l.memberPhone()).isEqualTo("13812345678");
        assertThat(l.memberCard()).isNull();
        assertThat(PosRows.sale(STORE, sale("sku", "CAP-NAVY")::get, CODES, LIMITS, NOW)
                        .sku())
                .as("a hub SKU code as such")
                .isEqualTo("CAP-NAVY");
    }

    @Test
    void aReturnPutsStockBackWhicheverSignItsAmountHas() {
        SaleLine l = PosRows.sale(STORE, sale("qty", "-1", "amount", "99.00")::get, CODES, LIMITS, NOW);
        assertThat(l.amountFen()).isEqualTo(-9900);
        StockMovement m = PosRows.movement(STORE, l);
        assertThat(m.delta()).isEqualTo(1);
        assertThat(m.kind()).isEqualTo(StockMovement.Kind.RETURN);
        assertThat(m.movementId()).isEqualTo("pos-east:S001:R1:1");
        assertThat(m.reference()).isEqualTo("S001-R1");
    }

    @Test
    void badRowsNameTheirColumn() {
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("qty", "2.5")::get, CODES, LIMITS, NOW))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("qty:");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("qty", "0")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("qty:");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("sku", "X")::get, CODES, LIMITS, NOW))
                .hasMessage("sku: unknown SKU 'X'");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("receipt_no", " ")::get, CODES, LIMITS, NOW))
                .hasMessage("receipt_no: is required");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("sold_at", "2026/11/22 10:00")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("sold_at:");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("unit_price", "9.999")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("unit_price:");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("member_phone", "12345")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("member_phone:")
                .hasMessageNotContaining("12345'");
    }

    @Test
    void aReceiptGathersItsLinesAcrossBatches() {
        SaleLine one = PosRows.sale(STORE, sale()::get, CODES, LIMITS, NOW);
        SaleLine two = PosRows.sale(
                STORE,
                sale("line_no", "2", "qty", "1", "amount", "99.00", "sold_at", "2026-11-22 10:00:09")::get,
                CODES,
                LIMITS,
                NOW);
        Order first = PosRows.receipt(STORE, "R1", null, List.of(one));
        Order both = PosRows.receipt(STORE, "R1", first, List.of(two));
        assertThat(both.channelOrderId()).isEqualTo("S001-R1");
        assertThat(both.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(both.lines()).extracting(l -> l.lineId()).containsExactly("1", "2");
        assertThat(both.totalFen()).isEqualTo(18800 + 9900);
        assertThat(both.createdAt()).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
        assertThat(both.modifiedAt()).isEqualTo(Instant.parse("2026-11-22T02:00:09Z"));
        assertThat(both.buyer().phone()).isEqualTo("13812345678");
        Order refund = PosRows.receipt(
                STORE,
                "R2",
                null,
                List.of(PosRows.sale(STORE, sale("receipt_no", "R2", "qty", "-1")::get, CODES, LIMITS, NOW)));
        assertThat(refund.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void aMemberRowIsAMemberEventWithItsCardScopedToThePosProgram() {
        Map<String, String> row = Map.of(
                "member_card",
                "C-1",
                "phone",
                "+86 139-0000-1111",
                "name",
                "张三",
                "gender",
                "女",
                "birthday",
                "1990-05-17",
                "registered_at",
                "2026-11-22 09:30:00");
        MemberEvent m = PosRows.member(STORE, row::get, LIMITS, NOW);
        assertThat(m.identifiers())
                .extracting(i -> i.type() + "=" + i.value() + "@" + i.scope())
                .containsExactly("MEMBER_CARD=C-1@pos-east", "PHONE=+8613900001111@");
        assertThat(m.attributes()).containsEntry("gender", "F").containsEntry("birthday", "1990-05-17");
        assertThat(m.occurredAt()).isEqualTo(Instant.parse("2026-11-22T01:30:00Z"));
        assertThat(PosRows.member(STORE, row::get, LIMITS, NOW).eventId())
                .as("the same row is the same event")
                .isEqualTo(m.eventId());
        Map<String, String> renamed = new HashMap<>(row);
        renamed.put("name", "张三丰");
        assertThat(PosRows.member(STORE, renamed::get, LIMITS, NOW).eventId()).isNotEqualTo(m.eventId());
        Map<String, String> bad = new HashMap<>(row);
        bad.put("gender", "X");
        assertThatThrownBy(() -> PosRows.member(STORE, bad::get, LIMITS, NOW)).hasMessageStartingWith("gender:");
    }

    @Test
    void quantitiesAndAmountsBeyondTheLimitsNameTheirColumnAndNeverWrap() {
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("qty", "99999999999999999999")::get, CODES, LIMITS, NOW))
                .isInstanceOf(PayloadException.class)
                .hasMessage("qty: is far too large, got '99999999999999999999'");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("qty", "1000001")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("qty: must be at most 1000000");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("qty", "-9223372036854775808")::get, CODES, LIMITS, NOW))
                .as("the one long Math.abs leaves negative")
                .hasMessageStartingWith("qty: must be at most 1000000");
        assertThat(PosRows.sale(STORE, sale("qty", "1000000", "amount", "99000000.00")::get, CODES, LIMITS, NOW)
                        .qty())
                .as("the limit itself is allowed")
                .isEqualTo(1_000_000);
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("unit_price", "100000000.01")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("unit_price: must be at most 100000000.00");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("amount", "-100000000.01")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("amount: must be at most 100000000.00");
        assertThatThrownBy(
                        () -> PosRows.stock(STORE, count("on_hand", "99999999999999999999")::get, CODES, LIMITS, NOW))
                .hasMessage("on_hand: is far too large, got '99999999999999999999'");
        assertThatThrownBy(() -> PosRows.stock(STORE, count("on_hand", "1000001")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("on_hand: must be at most 1000000");
        assertThat(PosRows.stock(STORE, count()::get, CODES, LIMITS, NOW).onHand())
                .isEqualTo(7);
    }

    @Test
    void eventTimesAheadOfTheClockBeyondTheSkewAreRefused() {
        // NOW is 20:00 in Shanghai; the default skew is 5 minutes
        assertThatThrownBy(
                        () -> PosRows.stock(STORE, count("counted_at", "2099-01-01 00:00:00")::get, CODES, LIMITS, NOW))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("counted_at: is in the future (2098-12-31T16:00:00Z");
        assertThat(PosRows.stock(STORE, count("counted_at", "2026-11-22 20:05:00")::get, CODES, LIMITS, NOW)
                        .countedAt())
                .as("within the skew")
                .isEqualTo(Instant.parse("2026-11-22T12:05:00Z"));
        assertThatThrownBy(
                        () -> PosRows.stock(STORE, count("counted_at", "2026-11-22 20:05:01")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("counted_at: is in the future");
        assertThatThrownBy(() -> PosRows.sale(STORE, sale("sold_at", "2026-11-23 10:00:00")::get, CODES, LIMITS, NOW))
                .hasMessageStartingWith("sold_at: is in the future");
        Map<String, String> member = Map.of("member_card", "C-2", "registered_at", "2099-05-17 09:30:00");
        assertThatThrownBy(() -> PosRows.member(STORE, member::get, LIMITS, NOW))
                .hasMessageStartingWith("registered_at: is in the future");
        InputLimits tighter = new InputLimits(LIMITS.maxQuantity(), LIMITS.maxAmountFen(), Duration.ZERO);
        assertThatThrownBy(() ->
                        PosRows.stock(STORE, count("counted_at", "2026-11-22 20:00:01")::get, CODES, tighter, NOW))
                .as("the configured skew is the one used")
                .hasMessageStartingWith("counted_at: is in the future");
    }
}
