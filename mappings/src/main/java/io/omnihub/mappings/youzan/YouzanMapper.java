package io.omnihub.mappings.youzan;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.mappings.ChannelTime;
import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.JsonFields;
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
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Youzan (有赞云) push messages onto the canonical model. A push is an envelope ({@code type},
 * {@code status}, {@code id}, {@code version}, {@code msg_id}) around {@code msg}, URL-encoded JSON.
 * Customer and member-card messages become member events; trade messages that carry the full
 * order ({@code trade_TradeCreate}, {@code trade_TradePaid}, {@code trade_TradeBuyerPay}) become
 * orders; the ones that carry only keys ({@code trade_TradeSellerShip}, {@code trade_TradeSuccess},
 * {@code trade_TradeClose}) become a status change of an order the hub holds. Times are Beijing
 * time. Since 2022 Youzan encrypts phone numbers and names in pushes ({@code $...$1$}): those are
 * not identifiers until decrypted through Youzan's API, so they are left out. Quantities, amounts
 * and event times are held to {@link InputLimits}, a breach refused naming the field.
 */
public final class YouzanMapper {

    public static final String CHANNEL_TYPE = "youzan";

    /** The envelope of one push, with {@code msg} decoded. */
    public record Push(
            String clientId,
            String type,
            String status,
            String id,
            String kdtId,
            String msgId,
            long version,
            boolean test,
            JsonNode msg) {

        /**
         * The idempotency key: {@code msg_id} where Youzan gives one; otherwise what makes a message
         * distinct (type, shop, business id, version, status). A resend has the same key.
         */
        public String receiptKey() {
            return msgId != null
                    ? "msg:" + msgId
                    : "env:" + type + ":" + kdtId + ":" + id + ":" + version + ":" + status;
        }
    }

    /** A keys-only trade message: order {@code tid} is now {@code status}, as of {@code at}. */
    public record StatusChange(String tid, OrderStatus status, Instant at) {}

    private YouzanMapper() {}

    public static Push push(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new PayloadException("(body)", "must be a JSON object");
        }
        String type = JsonFields.text(body, "type");
        if (type == null) {
            throw new PayloadException("type", "is required");
        }
        JsonNode msgNode = body.get("msg");
        JsonNode msg;
        if (msgNode == null || msgNode.isNull()) {
            msg = HubJson.mapper().createObjectNode();
        } else if (msgNode.isObject()) {
            msg = msgNode;
        } else {
            try {
                msg = HubJson.mapper().readTree(URLDecoder.decode(msgNode.asText(), StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                throw new PayloadException("msg", "is not URL-encoded JSON");
            }
            if (msg == null || !msg.isObject()) {
                throw new PayloadException("msg", "is not URL-encoded JSON");
            }
        }
        JsonNode version = body.get("version");
        return new Push(
                JsonFields.text(body, "client_id"),
                type,
                JsonFields.text(body, "status"),
                JsonFields.text(body, "id"),
                JsonFields.text(body, "kdt_id"),
                JsonFields.text(body, "msg_id"),
                version == null ? 0 : version.asLong(),
                body.path("test").asBoolean(false),
                msg);
    }

    /** SCRM_CUSTOMER_EVENT and SCRM_CUSTOMER_CARD as member events; empty for any other type. */
    public static Optional<MemberEvent> member(String channelId, Push p, InputLimits limits, Instant now) {
        JsonNode m = p.msg();
        List<Identifier> ids = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        MemberEvent.Kind kind;
        Instant at;
        String subject;
        if ("SCRM_CUSTOMER_EVENT".equals(p.type())) {
            subject = first(JsonFields.text(m, "account_id"), p.id(), "msg.account_id");
            ids.add(new Identifier(Identifier.Type.PLATFORM_BUYER_ID, subject, channelId));
            String openId = JsonFields.text(m, "yz_open_id");
            if (openId != null) {
                ids.add(new Identifier(Identifier.Type.OPEN_ID, openId, "youzan"));
            }
            phone(m, "mobile", ids);
            put(attributes, "name", plain(JsonFields.text(m, "name")));
            put(
                    attributes,
                    "gender",
                    switch (m.path("gender").asText("")) {
                        case "1" -> "M";
                        case "2" -> "F";
                        default -> null;
                    });
            put(attributes, "birthday", JsonFields.text(m, "birthday"));
            kind = m.path("is_log_off").asInt(0) == 1
                    ? MemberEvent.Kind.DELETED
                    : "CUSTOMER_CREATED".equals(p.status()) ? MemberEvent.Kind.REGISTERED : MemberEvent.Kind.UPDATED;
            boolean created = kind == MemberEvent.Kind.REGISTERED && m.hasNonNull("created_at");
            at = limits.notInFuture(
                    created ? "msg.created_at" : "version",
                    created ? Instant.ofEpochSecond(m.get("created_at").asLong()) : versionTime(p, now),
                    now);
        } else if ("SCRM_CUSTOMER_CARD".equals(p.type())) {
            subject = first(JsonFields.text(m, "card_no"), p.id(), "msg.card_no");
            ids.add(new Identifier(Identifier.Type.MEMBER_CARD, subject, channelId));
            phone(m, "mobile", ids);
            put(attributes, "cardAlias", JsonFields.text(m, "card_alias"));
            kind = "CUSTOMER_CARD_DELETED".equals(p.status()) ? MemberEvent.Kind.DELETED : MemberEvent.Kind.REGISTERED;
            at = time(m, "event_time", "msg.event_time");
            at = limits.notInFuture(
                    at != null ? "msg.event_time" : "version", at != null ? at : versionTime(p, now), now);
        } else {
            return Optional.empty();
        }
        put(attributes, "youzanEvent", p.type() + (p.status() == null ? "" : "/" + p.status()));
        return Optional.of(new MemberEvent(
                MemberEvent.SCHEMA,
                channelId + ":" + p.type() + ":" + subject + ":" + p.version() + ":" + p.status(),
                kind,
                channelId,
                ids,
                attributes,
                at));
    }

    /** A trade message carrying the full order as a canonical order; empty for other types. */
    public static Optional<Order> order(String channelId, Push p, SkuCodeTable codes, InputLimits limits, Instant now) {
        if (!List.of("trade_TradeCreate", "trade_TradePaid", "trade_TradeBuyerPay")
                .contains(p.type())) {
            return Optional.empty();
        }
        JsonNode full = p.msg().path("full_order_info");
        if (!full.isObject()) {
            throw new PayloadException("msg.full_order_info", "is required for " + p.type());
        }
        JsonNode info = full.path("order_info");
        String tid = JsonFields.text(info, "tid");
        if (tid == null) {
            throw new PayloadException("msg.full_order_info.order_info.tid", "is required");
        }
        String prefix = "msg.full_order_info.order_info.";
        Instant created = limits.notInFuture(prefix + "created", time(info, "created", prefix + "created"), now);
        Instant paid = limits.notInFuture(prefix + "pay_time", time(info, "pay_time", prefix + "pay_time"), now);
        Instant updated =
                limits.notInFuture(prefix + "update_time", time(info, "update_time", prefix + "update_time"), now);
        Instant modified = updated != null ? updated : paid != null ? paid : created;
        if (modified == null) {
            throw new PayloadException(prefix + "update_time", "update_time or created is required");
        }
        OrderStatus status =
                status(JsonFields.text(info, "status"), info.path("close_type").asInt(0));
        JsonNode lines = full.path("orders");
        if (!lines.isArray() || lines.isEmpty()) {
            throw new PayloadException("msg.full_order_info.orders", "at least one line is required");
        }
        List<OrderLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(line(channelId, lines.get(i), "msg.full_order_info.orders[" + i + "].", codes, limits));
        }
        JsonNode pay = full.path("pay_info");
        long total = pay.hasNonNull("payment")
                ? yuan(pay, "payment", "msg.full_order_info.pay_info.payment", limits)
                : limits.amountFen(
                        "msg.full_order_info.pay_info.payment",
                        out.stream().mapToLong(OrderLine::amountFen).sum());
        long shipping =
                pay.hasNonNull("post_fee") ? yuan(pay, "post_fee", "msg.full_order_info.pay_info.post_fee", limits) : 0;
        JsonNode b = full.path("buyer_info");
        String buyerId =
                JsonFields.firstText(b, "buyer_id", "yz_open_id"); // buyer_id is the account id customer events carry
        String phone = plain(JsonFields.text(b, "buyer_phone"));
        Buyer buyer = new Buyer(
                buyerId,
                plain(JsonFields.text(b, "fans_nickname")),
                null,
                phone(phone),
                phone == null ? null : Phones.mask(phone),
                null,
                null,
                null);
        JsonNode a = full.path("address_info");
        ShipTo shipTo = a.isObject() && JsonFields.text(a, "delivery_province") != null
                ? new ShipTo(
                        plain(JsonFields.text(a, "receiver_name")),
                        null,
                        JsonFields.text(a, "delivery_province"),
                        JsonFields.text(a, "delivery_city"),
                        JsonFields.text(a, "delivery_district"),
                        plain(JsonFields.text(a, "delivery_address")),
                        JsonFields.text(a, "delivery_postal_code"))
                : null;
        return Optional.of(new Order(
                Order.SCHEMA,
                channelId,
                CHANNEL_TYPE,
                tid,
                status,
                created,
                status == OrderStatus.CREATED ? null : paid,
                modified,
                buyer,
                shipTo,
                out,
                total,
                shipping,
                null));
    }

    /** A keys-only trade message as a status change; empty for types that change no status. */
    public static Optional<StatusChange> statusChange(Push p, InputLimits limits, Instant now) {
        OrderStatus status =
                switch (p.type()) {
                    case "trade_TradeSellerShip" -> OrderStatus.SHIPPED;
                    case "trade_TradeSuccess" -> OrderStatus.COMPLETED;
                    case "trade_TradeClose" ->
                        p.msg().path("close_type").asInt(0) == 2 ? OrderStatus.REFUNDED : OrderStatus.CANCELLED;
                    default -> null;
                };
        if (status == null) {
            return Optional.empty();
        }
        String tid = first(JsonFields.text(p.msg(), "tid"), p.id(), "msg.tid");
        Instant at = time(p.msg(), "update_time", "msg.update_time");
        // a change dated ahead would make every later one look older than the stored order
        return Optional.of(new StatusChange(
                tid,
                status,
                limits.notInFuture(
                        at != null ? "msg.update_time" : "version", at != null ? at : versionTime(p, now), now)));
    }

    /** The stored order with the change applied, unless the stored one is already newer. */
    public static Optional<Order> apply(Order stored, StatusChange change) {
        if (!change.at().isAfter(stored.modifiedAt())) {
            return Optional.empty();
        }
        return Optional.of(new Order(
                stored.schema(),
                stored.channelId(),
                stored.channelType(),
                stored.channelOrderId(),
                change.status(),
                stored.createdAt(),
                stored.paidAt(),
                change.at(),
                stored.buyer(),
                stored.shipTo(),
                stored.lines(),
                stored.totalFen(),
                stored.shippingFen(),
                stored.customerId()));
    }

    static OrderStatus status(String youzan, int closeType) {
        if (youzan == null) {
            throw new PayloadException("msg.full_order_info.order_info.status", "is required");
        }
        return switch (youzan) {
            case "WAIT_BUYER_PAY" -> OrderStatus.CREATED;
            case "TRADE_PAID", "WAIT_CONFIRM", "WAIT_SELLER_SEND_GOODS" -> OrderStatus.PAID;
            case "WAIT_BUYER_CONFIRM_GOODS" -> OrderStatus.SHIPPED;
            case "TRADE_SUCCESS" -> OrderStatus.COMPLETED;
            case "TRADE_CLOSED" -> closeType == 2 ? OrderStatus.REFUNDED : OrderStatus.CANCELLED;
            default -> throw new PayloadException("msg.full_order_info.order_info.status", "unknown status " + youzan);
        };
    }

    private static OrderLine line(String channelId, JsonNode l, String at, SkuCodeTable codes, InputLimits limits) {
        String code = JsonFields.firstText(l, "outer_sku_id", "sku_no", "outer_item_id");
        String skuId = JsonFields.text(l, "sku_id");
        String sku = null;
        if (code != null) {
            sku = codes.skuFor(channelId, code).orElse(codes.isHubSku(code) ? code : null);
        }
        if (sku == null && skuId != null && !"0".equals(skuId)) {
            sku = codes.skuFor(channelId, skuId).orElse(null);
        }
        long qty = quantity(l.get("num"), at + "num", limits);
        long unit = l.hasNonNull("discount_price")
                ? yuan(l, "discount_price", at + "discount_price", limits)
                : yuan(l, "price", at + "price", limits);
        long amount = l.hasNonNull("payment")
                ? yuan(l, "payment", at + "payment", limits)
                : limits.lineAmountFen(at + "num", unit, qty, "num x price");
        String channelSku = code != null ? code : skuId;
        return new OrderLine(
                JsonFields.text(l, "oid"),
                sku,
                JsonFields.text(l, "item_id"),
                channelSku,
                JsonFields.text(l, "title"),
                qty,
                unit,
                amount,
                sku == null
                        ? "no SKU mapping for youzan code '" + channelSku
                                + "' (outer_sku_id, sku_no, outer_item_id or sku_id)"
                        : null);
    }

    /**
     * A positive whole {@code num}, as a JSON number or a numeric string, within the limits. Read as
     * a BigInteger: {@code asLong} would wrap a 20-digit number into a plausible-looking one.
     */
    private static long quantity(JsonNode num, String name, InputLimits limits) {
        BigInteger n = null;
        if (num != null && num.isIntegralNumber()) {
            n = num.bigIntegerValue();
        } else if (num != null && num.isTextual() && num.asText().trim().matches("\\d{1,30}")) {
            n = new BigInteger(num.asText().trim());
        }
        if (n == null || n.signum() <= 0) {
            throw new PayloadException(name, "must be a positive whole number");
        }
        return limits.quantity(name, n);
    }

    private static long yuan(JsonNode node, String field, String name, InputLimits limits) {
        long fen;
        try {
            fen = Money.yuanToFen(node.get(field).asText());
        } catch (IllegalArgumentException e) {
            throw new PayloadException(name, "must be a yuan amount like \"99.00\" (" + e.getMessage() + ")");
        }
        return limits.amountFen(name, fen);
    }

    private static Instant time(JsonNode node, String field, String name) {
        String v = JsonFields.text(node, field);
        try {
            return ChannelTime.parseOptional(v, ChannelTime.CHINA);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(name, "must be a yyyy-MM-dd HH:mm:ss time");
        }
    }

    /** {@code version} is epoch seconds (milliseconds in some older pushes); the time of the change. */
    private static Instant versionTime(Push p, Instant now) {
        long v = p.version();
        return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : v > 0 ? Instant.ofEpochSecond(v) : now;
    }

    private static void phone(JsonNode m, String field, List<Identifier> ids) {
        String p = phone(plain(JsonFields.text(m, field)));
        if (p != null) {
            ids.add(Identifier.of(Identifier.Type.PHONE, "+86" + p));
        }
    }

    /** A mainland mobile number, or null when there is none or it is not one. */
    private static String phone(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Phones.mainlandMobile(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Null for an encrypted value ({@code $<ciphertext>$1$}): it means nothing until decrypted. */
    private static String plain(String v) {
        return v == null || (v.length() > 2 && v.startsWith("$") && v.endsWith("$")) ? null : v;
    }

    private static String first(String a, String b, String field) {
        String v = a != null ? a : b;
        if (v == null) {
            throw new PayloadException(field, "is required");
        }
        return v;
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, value);
        }
    }
}
