package io.omnihub.channels.taobao.simulator;

import static io.omnihub.sandbox.sim.SimParams.blank;
import static io.omnihub.sandbox.sim.SimParams.number;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.channels.taobao.TopSigner;
import io.omnihub.channels.taobao.TopSigner.SignMethod;
import io.omnihub.connectors.Digests;
import io.omnihub.sandbox.sim.PlatformSimulator;
import io.omnihub.sandbox.sim.SimMoney;
import io.omnihub.sandbox.sim.SimOrder;
import io.omnihub.sandbox.sim.SimRequest;
import io.omnihub.sandbox.sim.SimResponse;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The Taobao/Tmall TOP gateway ({@code /router/rest}) as its documentation describes it: system
 * parameters checked in the gateway's order, the signature verified over every parameter, the
 * timestamp within 10 minutes of GMT+8 now, and errors in TOP's {@code error_response} format.
 * Each method checks the business parameters its reference marks required, as the gateway does
 * ({@code 40 Missing required arguments:<name>}), and answers only the {@code fields} asked for.
 */
public final class TaobaoSimulator extends PlatformSimulator {

    static final ZoneId GMT8 = ZoneId.of("GMT+8");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    @Override
    public String platform() {
        return "taobao";
    }

    @Override
    public long firstOrderNumber() {
        return 3_100_000_000_000_000L;
    }

    @Override
    public String contextPath() {
        return "/taobao/router/rest";
    }

    @Override
    protected Optional<SimShop> shopOf(SimRequest request) {
        return shop(request.allParams().get("app_key"));
    }

    @Override
    protected SimResponse throttled(long banSeconds) {
        return error(
                7,
                "App Call Limited",
                "accesscontrol.limited-by-app-access-count",
                "This ban will last for " + banSeconds + " more seconds");
    }

    @Override
    protected SimResponse unavailable() {
        return error(15, "Remote service error", "isp.top-remote-connection-timeout", "调用后端服务超时");
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        Map<String, String> p = request.allParams();
        String method = p.get("method");
        if (blank(method)) {
            return error(21, "Missing method", null, null);
        }
        if (blank(p.get("app_key"))) {
            return error(28, "Missing app key", null, null);
        }
        Optional<SimShop> found = shop(p.get("app_key"));
        if (found.isEmpty()) {
            return error(29, "Invalid app Key", null, null);
        }
        SimShop shop = found.get();
        if (blank(p.get("timestamp"))) {
            return error(30, "Missing timestamp", null, null);
        }
        if (!timestampFresh(p.get("timestamp"), shop.clock().instant())) {
            return error(
                    31, "Invalid timestamp", null, "timestamp must be yyyy-MM-dd HH:mm:ss GMT+8, within 10 minutes");
        }
        if (blank(p.get("sign"))) {
            return error(24, "Missing signature", null, null);
        }
        SignMethod signMethod;
        try {
            signMethod = TopSigner.SignMethod.fromWire(p.getOrDefault("sign_method", "md5"));
        } catch (IllegalArgumentException e) {
            return error(25, "Invalid signature", "isv.invalid-signmethod", "unsupported sign_method");
        }
        String expected = TopSigner.sign(p, shop.config().appSecret(), signMethod);
        if (!Digests.sameSignature(expected, p.get("sign"))) {
            return error(25, "Invalid signature", null, null);
        }
        if (!"2.0".equals(p.get("v"))) {
            return error(
                    blank(p.get("v")) ? 32 : 34,
                    blank(p.get("v")) ? "Missing version" : "Unsupported version",
                    null,
                    null);
        }
        if (blank(p.get("session"))) {
            return error(26, "Missing session", null, null);
        }
        if (!shop.accepts(p.get("session"))) {
            return error(27, "Invalid session", "invalid-sessionkey", "SessionKey非法");
        }
        return switch (method) {
            case "taobao.trades.sold.increment.get" -> tradesSoldIncrement(shop, p);
            case "taobao.item.quantity.update" -> quantityUpdate(shop, p);
            case "taobao.item.sku.price.update", "taobao.item.price.update" -> priceUpdate(shop, p, method);
            case "taobao.item.sku.get" -> skuGet(shop, p);
            case "taobao.item.seller.get" -> sellerGet(shop, p);
            default -> error(22, "Invalid method", null, null);
        };
    }

    private SimResponse tradesSoldIncrement(SimShop shop, Map<String, String> p) {
        Optional<SimResponse> missing = missing(p, "fields", "start_modified", "end_modified");
        if (missing.isPresent()) {
            return missing.get();
        }
        Instant start;
        Instant end;
        try {
            start = LocalDateTime.parse(p.get("start_modified"), TIME)
                    .atZone(GMT8)
                    .toInstant();
            end = LocalDateTime.parse(p.get("end_modified"), TIME).atZone(GMT8).toInstant();
        } catch (DateTimeParseException e) {
            return error(41, "Invalid arguments:start_modified/end_modified", "isv.invalid-parameter", null);
        }
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(Duration.ofDays(1)) > 0) {
            return error(
                    15,
                    "Remote service error",
                    "isv.invalid-parameter",
                    "end_modified must be after start_modified and at most one day later");
        }
        long pageNo = number(p.get("page_no"), 1);
        long pageSize = number(p.get("page_size"), 40);
        if (pageNo < 1 || pageSize < 1 || pageSize > 100) {
            return error(41, "Invalid arguments:page_no/page_size", "isv.invalid-parameter", "page_size is 1..100");
        }
        // newest change first, as the platform documents: callers page from the last page back
        List<SimOrder> all = new ArrayList<>(shop.modifiedBetween(start, end));
        Collections.reverse(all);
        int from = (int) Math.min(all.size(), (pageNo - 1) * pageSize);
        int to = (int) Math.min(all.size(), from + pageSize);
        ObjectNode body = object();
        boolean useHasNext = "true".equals(p.get("use_has_next"));
        if (useHasNext) {
            body.put("has_next", to < all.size());
        } else {
            body.put("total_results", all.size());
        }
        ArrayNode trades = body.putObject("trades").putArray("trade");
        all.subList(from, to).forEach(o -> trades.add(TaobaoTradeJson.trade(o)));
        body.put("request_id", requestId());
        return ok("trades_sold_increment_get_response", body);
    }

    private SimResponse quantityUpdate(SimShop shop, Map<String, String> p) {
        Optional<SimResponse> missing = missing(p, "num_iid", "quantity");
        if (missing.isPresent()) {
            return missing.get();
        }
        Optional<SimSku> sku = !blank(p.get("sku_id"))
                ? shop.sku(p.get("sku_id"))
                : !blank(p.get("outer_id")) ? shop.skuByOuterId(p.get("outer_id")) : shop.sku(p.get("num_iid"));
        if (sku.isEmpty() || sku.get().deleted() || !sku.get().itemId().equals(p.get("num_iid"))) {
            return error(15, "Remote service error", "isv.item-not-exist", "商品不存在或已删除");
        }
        long quantity = number(p.get("quantity"), -1);
        boolean incremental = "2".equals(p.get("type"));
        OptionalLong applied = incremental
                ? sku.get().adjust(quantity) // atomic, so a concurrent order is not lost
                : quantity < 0 ? OptionalLong.empty() : OptionalLong.of(quantity);
        if (applied.isEmpty()) {
            return error(15, "Remote service error", "isv.item-quantity-invalid", "库存不能小于0");
        }
        if (!incremental) {
            sku.get().setQuantity(quantity);
        }
        long next = applied.getAsLong();
        ObjectNode item = object();
        item.put("num_iid", Long.parseLong(sku.get().itemId()));
        item.put("modified", TIME.format(shop.clock().instant().atZone(GMT8)));
        ObjectNode s = item.putObject("skus").putArray("sku").addObject();
        s.put("sku_id", Long.parseLong(sku.get().skuId()));
        s.put("quantity", next);
        ObjectNode body = object();
        body.set("item", item);
        return ok("item_quantity_update_response", body);
    }

    /**
     * {@code taobao.item.sku.get}: one SKU, with the fields asked for. Required: fields, sku_id; and
     * num_iid or nick.
     */
    private SimResponse skuGet(SimShop shop, Map<String, String> p) {
        Optional<SimResponse> missing = missing(p, "fields", "sku_id");
        if (missing.isPresent()) {
            return missing.get();
        }
        if (blank(p.get("num_iid")) && blank(p.get("nick"))) {
            return error(40, "Missing required arguments:num_iid", "isv.missing-parameter:num_iid", "num_iid和nick必传一个");
        }
        Optional<SimSku> sku = shop.sku(p.get("sku_id"));
        if (sku.isEmpty()
                || sku.get().deleted()
                || (!blank(p.get("num_iid")) && !sku.get().itemId().equals(p.get("num_iid")))) {
            return error(15, "Remote service error", "isv.item-not-exist", "商品不存在或已删除");
        }
        ObjectNode body = object();
        body.set("sku", skuNode(sku.get(), fields(p)));
        return ok("item_sku_get_response", body);
    }

    /**
     * {@code taobao.item.seller.get}: one item with the fields asked for ({@code num}: its
     * quantity; {@code skus}: its SKU variants). Required: fields, num_iid.
     */
    private SimResponse sellerGet(SimShop shop, Map<String, String> p) {
        Optional<SimResponse> missing = missing(p, "fields", "num_iid");
        if (missing.isPresent()) {
            return missing.get();
        }
        List<SimSku> skus = shop.skus().stream()
                .filter(s -> s.itemId().equals(p.get("num_iid")) && !s.deleted())
                .toList();
        if (skus.isEmpty()) {
            return error(15, "Remote service error", "isv.item-not-exist", "商品不存在或已删除");
        }
        List<String> fields = fields(p);
        ObjectNode body = object();
        ObjectNode node = body.putObject("item");
        if (fields.contains("num_iid")) {
            node.put("num_iid", Long.parseLong(p.get("num_iid")));
        }
        if (fields.contains("num")) {
            node.put("num", skus.stream().mapToLong(SimSku::quantity).sum());
        }
        boolean variants = skus.stream().anyMatch(s -> !s.skuId().equals(s.itemId()));
        if (variants && (fields.contains("skus") || fields.contains("sku"))) {
            ArrayNode list = node.putObject("skus").putArray("sku");
            skus.forEach(s ->
                    list.add(skuNode(s, List.of("sku_id", "num_iid", "properties", "quantity", "price", "outer_id"))));
        }
        return ok("item_seller_get_response", body);
    }

    /** A Sku structure with the fields asked for. */
    private static ObjectNode skuNode(SimSku sku, List<String> fields) {
        ObjectNode node = object();
        if (fields.contains("sku_id")) {
            node.put("sku_id", Long.parseLong(sku.skuId()));
        }
        if (fields.contains("num_iid")) {
            node.put("num_iid", Long.parseLong(sku.itemId()));
        }
        if (fields.contains("properties")) {
            node.put("properties", sku.properties());
        }
        if (fields.contains("quantity")) {
            node.put("quantity", sku.quantity());
        }
        if (fields.contains("price")) {
            node.put("price", SimMoney.yuan(sku.priceFen()));
        }
        if (fields.contains("outer_id")) {
            node.put("outer_id", sku.outerSkuId());
        }
        return node;
    }

    private static List<String> fields(Map<String, String> p) {
        return List.of(p.get("fields").replace(" ", "").split(","));
    }

    /**
     * {@code taobao.item.sku.price.update} (required: num_iid, properties: the SKU is found by its
     * property string, there is no sku_id) and {@code taobao.item.price.update} (required: num_iid).
     */
    private SimResponse priceUpdate(SimShop shop, Map<String, String> p, String method) {
        boolean ofSku = method.equals("taobao.item.sku.price.update");
        Optional<SimResponse> missing = ofSku ? missing(p, "num_iid", "properties") : missing(p, "num_iid");
        if (missing.isPresent()) {
            return missing.get();
        }
        List<SimSku> ofItem = shop.skus().stream()
                .filter(s -> s.itemId().equals(p.get("num_iid")))
                .toList();
        Optional<SimSku> sku = ofSku
                ? ofItem.stream()
                        .filter(s -> s.properties().equals(p.get("properties")))
                        .findFirst()
                : ofItem.stream().filter(s -> s.skuId().equals(s.itemId())).findFirst();
        if (ofItem.isEmpty()
                || ofItem.stream().allMatch(SimSku::deleted)
                || (sku.isPresent() && sku.get().deleted())) {
            return error(15, "Remote service error", "isv.item-not-exist", "商品不存在或已删除");
        }
        if (sku.isEmpty()) {
            return ofSku
                    ? error(15, "Remote service error", "isv.item-sku-not-exist:properties", "该属性对应的SKU不存在")
                    : error(15, "Remote service error", "isv.item-has-sku", "商品有SKU，请更新SKU的价格");
        }
        if (!blank(p.get("price"))) {
            Long fen = SimMoney.fen(p.get("price"));
            if (fen == null || fen <= 0) {
                return error(
                        41, "Invalid arguments:price", "isv.invalid-parameter", "price must be a positive yuan amount");
            }
            sku.get().setPriceFen(fen);
        }
        ObjectNode body = object();
        ObjectNode node = body.putObject(ofSku ? "sku" : "item");
        node.put("num_iid", Long.parseLong(sku.get().itemId()));
        node.put("modified", TIME.format(shop.clock().instant().atZone(GMT8)));
        return ok(ofSku ? "item_sku_price_update_response" : "item_price_update_response", body);
    }

    /** TOP's answer to a call without a parameter its reference marks required: the first one missing. */
    private static Optional<SimResponse> missing(Map<String, String> p, String... required) {
        for (String name : required) {
            if (blank(p.get(name))) {
                return Optional.of(
                        error(40, "Missing required arguments:" + name, "isv.missing-parameter:" + name, null));
            }
        }
        return Optional.empty();
    }

    private static boolean timestampFresh(String timestamp, Instant now) {
        try {
            Instant t = LocalDateTime.parse(timestamp, TIME).atZone(GMT8).toInstant();
            return Duration.between(t, now).abs().compareTo(CLOCK_SKEW) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static SimResponse ok(String responseName, ObjectNode body) {
        ObjectNode root = object();
        root.set(responseName, body);
        return SimResponse.ok(toJson(root));
    }

    static SimResponse error(int code, String msg, String subCode, String subMsg) {
        ObjectNode root = object();
        ObjectNode e = root.putObject("error_response");
        e.put("code", code);
        e.put("msg", msg);
        if (subCode != null) {
            e.put("sub_code", subCode);
        }
        if (subMsg != null) {
            e.put("sub_msg", subMsg);
        }
        e.put("request_id", requestId());
        return SimResponse.ok(toJson(root));
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 13);
    }
}
