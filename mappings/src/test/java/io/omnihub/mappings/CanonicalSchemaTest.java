package io.omnihub.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Customer;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.model.PriceChange;
import io.omnihub.mappings.model.Promotion;
import io.omnihub.mappings.model.ShipTo;
import io.omnihub.mappings.model.StockMovement;
import io.omnihub.mappings.model.StockOversell;
import io.omnihub.mappings.model.StockSnapshot;
import io.omnihub.mappings.model.SyncCommand;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The canonical JSON of each type, as documented in mappings/SCHEMA.md, is pinned by a sample
 * under src/test/resources/schema: a change of field name or format fails here; adding a field
 * means adding it to the sample and the document.
 */
class CanonicalSchemaTest {

    static final Instant T = Instant.parse("2026-11-22T02:00:05Z");

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(
                        "order",
                        new Order(
                                Order.SCHEMA,
                                "tmall-flagship",
                                "taobao",
                                "3100000000000001",
                                OrderStatus.PAID,
                                T.minusSeconds(5),
                                T,
                                T,
                                new Buyer("AAHk3m0Z", "t**1", null, null, "138****5678", null, null, null),
                                new ShipTo("张*", "138****5678", "上海", "上海市", "浦东新区", "**路**号", null),
                                List.of(new OrderLine(
                                        "310000000000000101",
                                        "TEE-WHT-M",
                                        "6010000001",
                                        "5010000001",
                                        "Tee",
                                        2,
                                        9900,
                                        19800,
                                        null)),
                                19800,
                                0,
                                "C-1")),
                Arguments.of(
                        "stock-movement",
                        new StockMovement(
                                StockMovement.SCHEMA,
                                "pos-east:S001:R1:1",
                                "TEE-WHT-M",
                                "STORE-SH-001",
                                -1,
                                StockMovement.Kind.SALE,
                                "pos-east",
                                "R1",
                                T)),
                Arguments.of(
                        "stock-snapshot",
                        new StockSnapshot(StockSnapshot.SCHEMA, "TEE-WHT-M", "STORE-SH-001", 12, "pos-east", T)),
                Arguments.of(
                        "member-event",
                        new MemberEvent(
                                MemberEvent.SCHEMA,
                                "partner-a:M-77",
                                MemberEvent.Kind.REGISTERED,
                                "partner-a",
                                List.of(
                                        Identifier.of(Identifier.Type.PHONE, "+8613812345678"),
                                        new Identifier(Identifier.Type.PARTNER_MEMBER_ID, "M-77", "partner-a")),
                                Map.of("name", "张三"),
                                T)),
                Arguments.of(
                        "customer",
                        new Customer(
                                Customer.SCHEMA,
                                "C-1",
                                List.of(Identifier.of(Identifier.Type.PHONE, "+8613812345678")),
                                Map.of("name", new Customer.AttributeValue("张三", "partner-a", T)),
                                T,
                                T,
                                Customer.Change.MERGED,
                                List.of("C-2"))),
                Arguments.of(
                        "price-change",
                        new PriceChange(PriceChange.SCHEMA, "TEE-WHT-M", null, 9900L, 8900L, 5900L, "api", T)),
                Arguments.of(
                        "promotion",
                        new Promotion(
                                Promotion.SCHEMA,
                                "P-1",
                                Promotion.Type.THRESHOLD_REDUCTION,
                                List.of("tmall-flagship"),
                                List.of("TEE-WHT-M"),
                                T,
                                T.plusSeconds(86400),
                                Promotion.Stacking.STACKABLE,
                                5000,
                                30000)),
                Arguments.of(
                        "sync-command",
                        new SyncCommand(
                                SyncCommand.SCHEMA,
                                "cmd-1",
                                "tmall-flagship",
                                SyncCommand.Kind.STOCK,
                                "TEE-WHT-M",
                                "6010000001",
                                "5010000001",
                                7,
                                "order",
                                T,
                                T)),
                Arguments.of(
                        "stock-oversell",
                        new StockOversell(
                                StockOversell.SCHEMA,
                                "HOODIE-GRY-L",
                                1,
                                List.of("tmall-flagship:3100000000000001"),
                                T)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesTheDocumentedJsonAndReadsItBack(String name, Object value) throws Exception {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/schema/" + name + ".json")) {
            assertThat(in)
                    .as("sample schema/" + name + ".json; this type writes: " + HubJson.write(value))
                    .isNotNull();
            expected = HubJson.mapper().readTree(in);
        }
        assertThat(HubJson.mapper().readTree(HubJson.write(value))).isEqualTo(expected);
        assertThat(HubJson.read(expected.toString(), value.getClass())).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aReaderAcceptsFieldsAddedByALaterVersion(String name, Object value) {
        String withExtra = HubJson.write(value).replaceFirst("\\{", "{\"addedLater\":1,");
        assertThat(HubJson.read(withExtra, value.getClass())).isEqualTo(value);
    }
}
