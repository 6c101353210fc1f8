package io.omnihub.mappings.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.StockSnapshot;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Partner payloads held to the input limits and the code tables (issue 15). */
class PartnerMapperTest {

    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    static final SkuCodeTable CODES = SkuCodeTable.read(new StringReader("""
            channel,channel_sku,sku
            tmall-flagship,5010000001,TEE-WHT-M
            partner-acme,ACME-77,CAP-NAVY
            """), "sku-codes.csv");
    static final LocationTable LOCATIONS = LocationTable.read(new StringReader("""
            channel,store_code,location,kind,online
            partner-acme,partner-wh-1,ACME-WH-1,warehouse,true
            """), "locations.csv");

    static StockSnapshot stock(String json) throws Exception {
        return PartnerMapper.stock(
                "partner-acme", HubJson.mapper().readTree(json), CODES, LOCATIONS, InputLimits.DEFAULT, NOW);
    }

    static Order order(String lines) throws Exception {
        return PartnerMapper.order(
                "partner-acme",
                HubJson.mapper()
                        .readTree("{\"orderId\":\"P-1\",\"status\":\"PAID\","
                                + "\"updatedAt\":\"2026-11-22T02:00:05Z\",\"lines\":[" + lines + "]}"),
                CODES,
                InputLimits.DEFAULT,
                NOW);
    }

    static String field(ThrowingCall call) {
        try {
            call.run();
        } catch (PayloadException e) {
            return e.field();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aStockCountIsTakenAtTheHubLocationAndSkuItsCodesName() throws Exception {
        StockSnapshot s = stock(
                "{\"sku\":\"ACME-77\",\"onHand\":12,\"location\":\"partner-wh-1\",\"at\":\"2026-11-22T02:00:00Z\"}");
        assertThat(s.sku()).isEqualTo("CAP-NAVY");
        assertThat(s.location()).isEqualTo("ACME-WH-1");
        assertThat(s.onHand()).isEqualTo(12);
        assertThat(stock(
                                "{\"sku\":\"TEE-WHT-M\",\"onHand\":0,\"location\":\"partner-wh-1\",\"at\":\"2026-11-22T02:00:00Z\"}")
                        .sku())
                .as("a hub SKU as itself")
                .isEqualTo("TEE-WHT-M");
    }

    @Test
    void aCountThatDoesNotFitOrIsOutOfBoundsUnknownOrDatedAheadIsRefusedNamingTheField() {
        String at = ",\"location\":\"partner-wh-1\",\"at\":\"2026-11-22T02:00:00Z\"}";
        assertThat(field(() -> stock("{\"sku\":\"TEE-WHT-M\",\"onHand\":99999999999999999999" + at)))
                .isEqualTo("onHand");
        assertThat(field(() -> stock("{\"sku\":\"TEE-WHT-M\",\"onHand\":1000001" + at)))
                .isEqualTo("onHand");
        assertThat(field(() -> stock("{\"sku\":\"TEE-WHT-M\",\"onHand\":-1" + at)))
                .isEqualTo("onHand");
        assertThat(field(() -> stock("{\"sku\":\"TEE-WHT-M\",\"onHand\":1.5" + at)))
                .isEqualTo("onHand");
        assertThat(field(() -> stock("{\"sku\":\"PHANTOM\",\"onHand\":1" + at))).isEqualTo("sku");
        assertThat(field(() -> stock("{\"sku\":\"TEE-WHT-M\",\"onHand\":1,\"location\":\"partner-wh-9\","
                        + "\"at\":\"2026-11-22T02:00:00Z\"}")))
                .isEqualTo("location");
        assertThat(field(() -> stock("{\"sku\":\"TEE-WHT-M\",\"onHand\":1,\"location\":\"partner-wh-1\","
                        + "\"at\":\"2099-01-01T00:00:00Z\"}")))
                .isEqualTo("at");
        assertThatThrownBy(() -> stock("{\"sku\":\"TEE-WHT-M\",\"onHand\":99999999999999999999" + at))
                .hasMessageContaining("99999999999999999999")
                .hasMessageContaining("1000000");
    }

    @Test
    void orderQuantitiesAndAmountsAreBoundedAndAnUnknownSkuIsParked() throws Exception {
        assertThat(field(() -> order("{\"sku\":\"TEE-WHT-M\",\"qty\":1000000000000,\"unitPrice\":\"1.00\"}")))
                .isEqualTo("lines[0].qty");
        assertThat(field(() -> order("{\"sku\":\"TEE-WHT-M\",\"qty\":1,\"unitPrice\":\"1e30\"}")))
                .isEqualTo("lines[0].unitPrice");
        assertThat(field(() -> order("{\"sku\":\"TEE-WHT-M\",\"qty\":1,\"unitPrice\":\"99999999999999999999.00\"}")))
                .isEqualTo("lines[0].unitPrice");
        assertThat(field(() -> order("{\"sku\":\"TEE-WHT-M\",\"qty\":1000000,\"unitPrice\":\"100000000.00\"}")))
                .as("each at its bound, the line's amount is not")
                .isEqualTo("lines[0].qty");

        Order o = order("{\"sku\":\"TEE-WHT-M\",\"qty\":2,\"unitPrice\":\"99.00\"},"
                + "{\"sku\":\"SKU-1\",\"qty\":1,\"unitPrice\":\"5.00\"}");
        assertThat(o.lines().get(0).sku()).isEqualTo("TEE-WHT-M");
        assertThat(o.lines().get(0).isParked()).isFalse();
        assertThat(o.lines().get(1).sku()).as("not stored as hub SKU SKU-1").isNull();
        assertThat(o.lines().get(1).parkedReason()).contains("unknown partner SKU SKU-1");
        assertThat(o.totalFen()).isEqualTo(20300);
    }
}
