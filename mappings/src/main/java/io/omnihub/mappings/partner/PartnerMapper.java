package io.omnihub.mappings.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.Phones;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.model.ShipTo;
import io.omnihub.mappings.model.StockSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Partner webhook payloads (contract §4) onto the canonical model. Every rule the contract sets is
 * checked here, and a breach names its field: a partner fixes what {@link PayloadException} says.
 * Amounts are yuan strings, times ISO-8601 instants. Quantities, amounts and event times are held
 * to {@link InputLimits}. A partner's SKU goes through the code table, or is one of the hub's own
 * SKU codes (as a POS row's is); an order line with neither is parked as mapping drift, a stock
 * count for it refused. A stock location must be listed for the partner in locations.csv.
 */
public final class PartnerMapper {

    public static final String CHANNEL_TYPE = "partner";

    /** A yuan amount as the contract writes it; anything else (exponents, signs) is refused before BigDecimal sees it. */
    private static final Pattern YUAN = Pattern.compile("\\d+(\\.\\d{1,2})?");

    private PartnerMapper() {}

    public static Order order(String channelId, JsonNode o, SkuCodeTable codes, InputLimits limits, Instant now) {
        object(o, "");
        String orderId = text(o, "orderId", true);
        OrderStatus status;
        try {
            status = OrderStatus.valueOf(text(o, "status", true));
        } catch (IllegalArgumentException e) {
            throw new PayloadException(
                    "status", "must be one of CREATED, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDED");
        }
        Instant created = instant(o, "createdAt", false, limits, now);
        Instant updated = instant(o, "updatedAt", false, limits, now);
        Instant modified = updated != null ? updated : created;
        if (modified == null) {
            throw new PayloadException("updatedAt", "updatedAt or createdAt is required");
        }
        JsonNode lines = o.get("lines");
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw new PayloadException("lines", "at least one line is required");
        }
        List<OrderLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            String at = "lines[" + i + "].";
            object(l, "lines[" + i + "]");
            String partnerSku = text(l, "sku", true, at);
            long qty = quantity(l.get("qty"), at + "qty", 1, "must be a positive whole number", limits);
            long unit = money(l, "unitPrice", at, limits);
            long amount = limits.lineAmountFen(at + "qty", unit, qty, "qty x unitPrice");
            String sku = hubSku(channelId, partnerSku, codes).orElse(null);
            String parked = sku != null
                    ? null
                    : "unknown partner SKU " + partnerSku + " (neither in sku-codes.csv for " + channelId
                            + " nor a hub SKU)";
            out.add(new OrderLine(orderId + "-" + (i + 1), sku, null, partnerSku, null, qty, unit, amount, parked));
        }
        long total = o.has("total")
                ? money(o, "total", "", limits)
                : limits.amountFen(
                        "total", out.stream().mapToLong(OrderLine::amountFen).sum());
        JsonNode b = o.path("buyer");
        Buyer buyer = new Buyer(
                null,
                null,
                blankToNull(b, "name"),
                blankToNull(b, "phone"),
                null,
                blankToNull(b, "email"),
                blankToNull(b, "memberCard"),
                null);
        JsonNode s = o.path("shipTo");
        ShipTo shipTo = s.isObject()
                ? new ShipTo(
                        null,
                        null,
                        blankToNull(s, "province"),
                        blankToNull(s, "city"),
                        blankToNull(s, "district"),
                        blankToNull(s, "address"),
                        null)
                : null;
        Instant paid = status == OrderStatus.CREATED || status == OrderStatus.CANCELLED ? null : modified;
        return new Order(
                Order.SCHEMA,
                channelId,
                CHANNEL_TYPE,
                orderId,
                status,
                created,
                paid,
                modified,
                buyer,
                shipTo,
                out,
                total,
                0,
                null);
    }

    public static StockSnapshot stock(
            String channelId,
            JsonNode s,
            SkuCodeTable codes,
            LocationTable locations,
            InputLimits limits,
            Instant now) {
        object(s, "");
        String partnerSku = text(s, "sku", true);
        long onHand = quantity(s.get("onHand"), "onHand", 0, "must be a whole number, 0 or more", limits);
        String partnerLocation = text(s, "location", true);
        Instant at = instant(s, "at", true, limits, now);
        String sku = hubSku(channelId, partnerSku, codes)
                .orElseThrow(() -> new PayloadException(
                        "sku",
                        "unknown SKU '" + partnerSku + "': neither in sku-codes.csv for " + channelId
                                + " nor a hub SKU"));
        String location = locations
                .locationFor(channelId, partnerLocation)
                .orElseThrow(() -> new PayloadException(
                        "location",
                        "unknown location '" + partnerLocation + "': it must be listed in locations.csv for channel "
                                + channelId))
                .code();
        return new StockSnapshot(StockSnapshot.SCHEMA, sku, location, onHand, channelId, at);
    }

    public static MemberEvent member(String channelId, JsonNode m, InputLimits limits, Instant now) {
        object(m, "");
        String memberId = text(m, "memberId", true);
        List<Identifier> ids = new ArrayList<>();
        ids.add(new Identifier(Identifier.Type.PARTNER_MEMBER_ID, memberId, channelId));
        String phone = blankToNull(m, "phone");
        if (phone != null) {
            String e164;
            try {
                e164 = Phones.e164(phone);
            } catch (IllegalArgumentException e) {
                e164 = phone; // not a mainland mobile: kept as given, for identity resolution to judge
            }
            ids.add(Identifier.of(Identifier.Type.PHONE, e164));
        }
        String email = blankToNull(m, "email");
        if (email != null) {
            if (!email.contains("@")) {
                throw new PayloadException("email", "is not an e-mail address");
            }
            ids.add(Identifier.of(Identifier.Type.EMAIL, email.trim().toLowerCase(Locale.ROOT)));
        }
        add(ids, Identifier.Type.UNION_ID, blankToNull(m, "unionId"));
        Map<String, String> attributes = new LinkedHashMap<>();
        String name = blankToNull(m, "name");
        if (name != null) {
            attributes.put("name", name);
        }
        Instant registered = instant(m, "registeredAt", false, limits, now);
        return new MemberEvent(
                MemberEvent.SCHEMA,
                channelId + ":" + memberId,
                MemberEvent.Kind.REGISTERED,
                channelId,
                ids,
                attributes,
                registered != null ? registered : now);
    }

    /** The hub SKU a partner's code names: its code-table entry, or the code itself when it is a hub SKU. */
    private static Optional<String> hubSku(String channelId, String partnerSku, SkuCodeTable codes) {
        return codes.skuFor(channelId, partnerSku)
                .or(() -> codes.isHubSku(partnerSku) ? Optional.of(partnerSku) : Optional.empty());
    }

    /**
     * A whole number of units of at least {@code min}, within the limits. A number too long for a
     * {@code long} is refused here: Jackson's {@code asLong} would wrap it (20 nines became 7.7 x 10^18).
     */
    private static long quantity(JsonNode v, String field, long min, String wrongKind, InputLimits limits) {
        if (v == null || !v.isIntegralNumber()) {
            throw new PayloadException(field, wrongKind);
        }
        long q = limits.quantity(field, v.bigIntegerValue());
        if (q < min) {
            throw new PayloadException(field, wrongKind);
        }
        return q;
    }

    private static void add(List<Identifier> ids, Identifier.Type type, String value) {
        if (value != null) {
            ids.add(Identifier.of(type, value.trim()));
        }
    }

    private static void object(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new PayloadException(field.isEmpty() ? "(body)" : field, "must be a JSON object");
        }
    }

    private static String text(JsonNode node, String field, boolean required) {
        return text(node, field, required, "");
    }

    private static String text(JsonNode node, String field, boolean required, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw new PayloadException(prefix + field, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new PayloadException(prefix + field, "must be a string");
        }
        return v.asText().trim();
    }

    private static String blankToNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank()
                ? null
                : v.asText().trim();
    }

    private static long money(JsonNode node, String field, String prefix, InputLimits limits) {
        String yuan = text(node, field, true, prefix);
        if (yuan.startsWith("-")) {
            throw new PayloadException(prefix + field, "must not be negative");
        }
        if (!YUAN.matcher(yuan).matches()) {
            throw new PayloadException(
                    prefix + field, "must be a yuan amount with at most two decimals, like \"99.00\"");
        }
        if (new BigDecimal(yuan).movePointRight(2).compareTo(BigDecimal.valueOf(limits.maxAmountFen())) > 0) {
            // checked on the decimal: more fen than a long holds must not wrap or overflow first
            throw new PayloadException(
                    prefix + field, "must be at most " + Money.fenToYuan(limits.maxAmountFen()) + " yuan, was " + yuan);
        }
        return Money.yuanToFen(yuan);
    }

    private static Instant instant(JsonNode node, String field, boolean required, InputLimits limits, Instant now) {
        String v = text(node, field, required);
        if (v == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new PayloadException(field, "must be an ISO-8601 instant like 2026-11-22T02:00:00Z");
        }
        return limits.notInFuture(field, at, now);
    }
}
