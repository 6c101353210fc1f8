package io.omnihub.sandbox.sim.taobao;

import static io.omnihub.sandbox.sim.SimParams.blank;
import static io.omnihub.sandbox.sim.SimParams.number;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.connectors.Digests;
import io.omnihub.connectors.taobao.TopSigner;
import io.omnihub.connectors.taobao.TopSigner.SignMethod;
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
    public String contextPath() {
        return "/taobao/router/rest";
    }

    @Override
    protected Optional<SimShop> shopOf(SimRequest request) {
        return shop(request.allParams().get("app_key"));
    }

    @Override
    protected SimResponse throttled(long banSeconds) {
        return error(7, "App Call Limited", "accesscontrol.limited-by-app-access-count",
                "This ban will last for " + banSeconds + " more seconds");
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
            return error(31, "Invalid timestamp", null, "timestamp must be yyyy-MM-dd HH:mm:ss GMT+8, within 10 minutes");
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
            return error(blank(p.get("v")) ? 32 : 34, blank(p.get("v")) ? "Missing version" : "Unsupported version", null, null);
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
        for (String required : List.of("fields", "start_modified", "end_modified")) {
            if (blank(p.get(required))) {
                return error(40, "Missing required arguments:" + required, "isv.missing-parameter:" + required, null);
            }
        }
        Instant start;
        Instant end;
        try {
            start = LocalDateTime.parse(p.get("start_modified"), TIME).atZone(GMT8).toInstant();
            end = LocalDateTime.parse(p.get("end_modified"), TIME).atZone(GMT8).toInstant();
        } catch (DateTimeParseException e) {
            return error(41, "Invalid arguments:start_modified/end_modified", "isv.invalid-parameter", null);
        }
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(Duration.ofDays(1)) > 0) {
            return error(15, "Remote service error", "isv.invalid-parameter",
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
        if (blank(p.get("num_iid")) || blank(p.get("quantity"))) {
            return error(40, "Missing required arguments:num_iid,quantity", "isv.missing-parameter", null);
        }
        Optional<SimSku> sku = !blank(p.get("sku_id")) ? shop.sku(p.get("sku_id"))
                : !blank(p.get("outer_id")) ? shop.skuByOuterId(p.get("outer_id"))
                : shop.sku(p.get("num_iid"));
        if (sku.isEmpty() || sku.get().deleted() || !sku.get().itemId().equals(p.get("num_iid"))) {
            return error(15, "Remote service error", "isv.item-not-exist", "商品不存在或已删除");
        }
        long quantity = number(p.get("quantity"), -1);
        boolean incremental = "2".equals(p.get("type"));
        OptionalLong applied = incremental ? sku.get().adjust(quantity) // atomic, so a concurrent order is not lost
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

    /** {@code taobao.item.sku.get}: one SKU of an item, with its quantity. */
    private SimResponse skuGet(SimShop shop, Map<String, String> p) {
        if (blank(p.get("num_iid")) || blank(p.get("sku_id")) || blank(p.get("fields"))) {
            return error(40, "Missing required arguments:fields,num_iid,sku_id", "isv.missing-parameter", null);
        }
        Optional<SimSku> sku = shop.sku(p.get("sku_id"));
        if (sku.isEmpty() || sku.get().deleted() || !sku.get().itemId().equals(p.get("num_iid"))) {
            return error(15, "Remote service error", "isv.item-not-exist", "商品不存在或已删除");
        }
        ObjectNode body = object();
        ObjectNode node = body.putObject("sku");
        node.put("sku_id", Long.parseLong(sku.get().skuId()));
        node.put("num_iid", Long.parseLong(sku.get().itemId()));
        node.put("quantity", sku.get().quantity());
        return ok("item_sku_get_response", body);
    }

    /** {@code taobao.item.seller.get}: an item without SKU variants, with its quantity ({@code num}). */
    private SimResponse sellerGet(SimShop shop, Map<String, String> p) {
        if (blank(p.get("num_iid")) || blank(p.get("fields"))) {
            return error(40, "Missing required arguments:fields,num_iid", "isv.missing-parameter", null);
        }
        Optional<SimSku> sku = shop.sku(p.get("num_iid"));
        if (sku.isEmpty() || sku.get().deleted()) {
            return error(15, "Remote service error", "isv.item-not-exist", "商品不存在或已删除");
        }
        ObjectNode body = object();
        ObjectNode node = body.putObject("item");
        node.put("num_iid", Long.parseLong(sku.get().itemId()));
        node.put("num", sku.get().quantity());
        return ok("item_seller_get_response", body);
    }

    private SimResponse priceUpdate(SimShop shop, Map<String, String> p, String method) {
        if (blank(p.get("num_iid")) || blank(p.get("price"))) {
            return error(40, "Missing required arguments:num_iid,price", "isv.missing-parameter", null);
        }
        Optional<SimSku> sku = !blank(p.get("sku_id")) ? shop.sku(p.get("sku_id"))
                : !blank(p.get("outer_id")) ? shop.skuByOuterId(p.get("outer_id"))
                : shop.sku(p.get("num_iid"));
        Long fen = SimMoney.fen(p.get("price"));
        if (sku.isEmpty() || sku.get().deleted() || !sku.get().itemId().equals(p.get("num_iid"))) {
            return error(15, "Remote service error", "isv.item-not-exist", "商品不存在或已删除");
        }
        if (fen == null || fen <= 0) {
            return error(41, "Invalid arguments:price", "isv.invalid-parameter", "price must be a positive yuan amount");
        }
        sku.get().setPriceFen(fen);
        ObjectNode body = object();
        String wrapper = method.equals("taobao.item.price.update") ? "item" : "sku";
        ObjectNode node = body.putObject(wrapper);
        node.put("num_iid", Long.parseLong(sku.get().itemId()));
        node.put("modified", TIME.format(shop.clock().instant().atZone(GMT8)));
        String name = method.equals("taobao.item.price.update") ? "item_price_update_response" : "item_sku_price_update_response";
        return ok(name, body);
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
