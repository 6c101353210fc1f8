package io.omnihub.mappings.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.Phones;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Partner webhook payloads (contract §4) onto the canonical model. Every rule the contract sets is
 * checked here, and a breach names its field: a partner fixes what {@link PayloadException} says.
 * Amounts are yuan strings, times ISO-8601 instants. A partner's SKU goes through the code table
 * when it has an entry there and is taken as the hub's SKU code otherwise.
 */
public final class PartnerMapper {

    public static final String CHANNEL_TYPE = "partner";

    private PartnerMapper() {
    }

    public static Order order(String channelId, JsonNode o, SkuCodeTable codes) {
        object(o, "");
        String orderId = text(o, "orderId", true);
        OrderStatus status;
        try {
            status = OrderStatus.valueOf(text(o, "status", true));
        } catch (IllegalArgumentException e) {
            throw new PayloadException("status", "must be one of CREATED, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDED");
        }
        Instant created = instant(o, "createdAt", false);
        Instant updated = instant(o, "updatedAt", false);
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
            JsonNode qtyNode = l.get("qty");
            if (qtyNode == null || !qtyNode.canConvertToLong() || !qtyNode.isIntegralNumber() || qtyNode.asLong() <= 0) {
                throw new PayloadException(at + "qty", "must be a positive whole number");
            }
            long qty = qtyNode.asLong();
            long unit = money(l, "unitPrice", at);
            String sku = codes.skuFor(channelId, partnerSku).orElse(partnerSku);
            out.add(new OrderLine(orderId + "-" + (i + 1), sku, null, partnerSku, null, qty, unit, unit * qty, null));
        }
        long total = o.has("total") ? money(o, "total", "") : out.stream().mapToLong(OrderLine::amountFen).sum();
        JsonNode b = o.path("buyer");
        Buyer buyer = new Buyer(null, null, blankToNull(b, "name"), blankToNull(b, "phone"), null,
                blankToNull(b, "email"), blankToNull(b, "memberCard"), null);
        JsonNode s = o.path("shipTo");
        ShipTo shipTo = s.isObject() ? new ShipTo(null, null, blankToNull(s, "province"), blankToNull(s, "city"),
                blankToNull(s, "district"), blankToNull(s, "address"), null) : null;
        Instant paid = status == OrderStatus.CREATED || status == OrderStatus.CANCELLED ? null : modified;
        return new Order(Order.SCHEMA, channelId, CHANNEL_TYPE, orderId, status, created, paid, modified, buyer, shipTo,
                out, total, 0, null);
    }

    public static StockSnapshot stock(String channelId, JsonNode s, SkuCodeTable codes) {
        object(s, "");
        String partnerSku = text(s, "sku", true);
        JsonNode onHand = s.get("onHand");
        if (onHand == null || !onHand.isIntegralNumber() || onHand.asLong() < 0) {
            throw new PayloadException("onHand", "must be a whole number, 0 or more");
        }
        return new StockSnapshot(StockSnapshot.SCHEMA, codes.skuFor(channelId, partnerSku).orElse(partnerSku),
                text(s, "location", true), onHand.asLong(), channelId, instant(s, "at", true));
    }

    public static MemberEvent member(String channelId, JsonNode m) {
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
        Instant registered = instant(m, "registeredAt", false);
        return new MemberEvent(MemberEvent.SCHEMA, channelId + ":" + memberId, MemberEvent.Kind.REGISTERED, channelId,
                ids, attributes, registered != null ? registered : Instant.now());
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
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    private static long money(JsonNode node, String field, String prefix) {
        String yuan = text(node, field, true, prefix);
        try {
            long fen = Money.yuanToFen(yuan);
            if (fen < 0) {
                throw new PayloadException(prefix + field, "must not be negative");
            }
            return fen;
        } catch (PayloadException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new PayloadException(prefix + field, "must be a yuan amount with at most two decimals, like \"99.00\"");
        }
    }

    private static Instant instant(JsonNode node, String field, boolean required) {
        String v = text(node, field, required);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new PayloadException(field, "must be an ISO-8601 instant like 2026-11-22T02:00:00Z");
        }
    }
}
