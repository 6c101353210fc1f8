package io.omnihub.channels.jd.simulator;

import static io.omnihub.sandbox.sim.SimParams.blank;
import static io.omnihub.sandbox.sim.SimParams.number;
import static io.omnihub.sandbox.sim.SimParams.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.channels.jd.JosClient;
import io.omnihub.channels.jd.JosSigner;
import io.omnihub.connectors.Digests;
import io.omnihub.sandbox.sim.PlatformSimulator;
import io.omnihub.sandbox.sim.SimMoney;
import io.omnihub.sandbox.sim.SimOrder;
import io.omnihub.sandbox.sim.SimRequest;
import io.omnihub.sandbox.sim.SimResponse;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import io.omnihub.sandbox.sim.SimStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JD JOS gateway ({@code /routerjson}): MD5 signature over the system parameters and
 * {@code 360buy_param_json}, a timestamp within JD's 6 minutes, the seller's access token, and
 * JOS's {@code error_response} with string codes. The stock and price methods take the
 * parameters of the official SDK's requests ({@code StockReadFindSkuStockRequest}: skuId, field;
 * {@code StockWriteUpdateSkuStockRequest}: skuId, stockNum, storeId;
 * {@code PriceWriteUpdateSkuJdPriceRequest}: skuId, jdPrice), refuse a call without a required
 * one (gateway code 60, "参数[skuId]不合法"), and answer in the shapes of its responses.
 */
public final class JdSimulator extends PlatformSimulator {

    static final ZoneId GMT8 = ZoneId.of("GMT+8");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(6);

    @Override
    public String platform() {
        return "jd";
    }

    @Override
    public long firstOrderNumber() {
        return 310_000_000_000L;
    }

    @Override
    public String contextPath() {
        return "/jd/routerjson";
    }

    @Override
    protected Optional<SimShop> shopOf(SimRequest request) {
        return shop(request.allParams().get("app_key"));
    }

    @Override
    protected SimResponse throttled(long banSeconds) {
        return error("2", "限制时间内调用失败次数", "App Call Limited");
    }

    @Override
    protected SimResponse unavailable() {
        return error("66", "平台连接后端服务不可用", "platform to connect to the back-end service not available");
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        Map<String, String> p = request.allParams();
        if (blank(p.get("method"))) {
            return error("14", "缺少方法名参数", "Missing Method");
        }
        if (blank(p.get("v"))) {
            return error("4", "缺少版本参数", "Missing Version");
        }
        if (!"2.0".equals(p.get("v"))) {
            return error("5", "不支持的版本号", "Unsupported Version");
        }
        if (blank(p.get("timestamp"))) {
            return error("7", "缺少时间戳参数", "Missing Timestamp");
        }
        Optional<SimShop> found = shop(p.get("app_key"));
        if (!timestampFresh(
                p.get("timestamp"), found.map(s -> s.clock().instant()).orElse(Instant.now()))) {
            return error("8", "非法的时间戳参数", "Invalid Timestamp");
        }
        if (blank(p.get("sign"))) {
            return error("11", "缺少签名参数", "Missing Signature");
        }
        // an app key the gateway does not know has no secret to check against: same answer as a bad sign
        if (found.isEmpty()
                || !Digests.sameSignature(JosSigner.sign(p, found.get().config().appSecret()), p.get("sign"))) {
            return error("12", "无效签名", "Invalid Signature");
        }
        SimShop shop = found.get();
        if (!shop.accepts(p.get("access_token"))) {
            return error("19", "无效access_token", "Invalid access_token");
        }
        JsonNode params;
        try {
            params = JSON.readTree(p.getOrDefault(JosClient.PARAM_JSON, "{}"));
        } catch (IOException e) {
            return error("16", "参数格式错误", "Invalid 360buy_param_json");
        }
        return switch (p.get("method")) {
            case "jingdong.pop.order.search" -> orderSearch(shop, params);
            case "jingdong.stock.write.updateSkuStock" -> stockUpdate(shop, params);
            case "jingdong.price.write.updateSkuJdPrice" -> priceUpdate(shop, params);
            case "jingdong.stock.read.findSkuStock" -> stockRead(shop, params);
            default -> error("15", "不存在的方法名", "Invalid Method");
        };
    }

    private SimResponse orderSearch(SimShop shop, JsonNode q) {
        Instant start;
        Instant end;
        try {
            start = LocalDateTime.parse(text(q, "start_date"), TIME)
                    .atZone(GMT8)
                    .toInstant();
            end = LocalDateTime.parse(text(q, "end_date"), TIME).atZone(GMT8).toInstant();
        } catch (RuntimeException e) {
            return businessError("order_search_start_end_date_invalid", "开始时间和结束时间格式错误");
        }
        if (blank(text(q, "optional_fields")) || blank(text(q, "order_state"))) {
            return businessError("param_missing", "optional_fields 和 order_state 必填");
        }
        long page = number(q, "page", 1);
        long size = number(q, "page_size", 20);
        if (page < 1 || size < 1 || size > 100) {
            return businessError("page_size_invalid", "page 从 1 开始，page_size 最大 100");
        }
        Set<String> states = Set.copyOf(Arrays.asList(text(q, "order_state").split(",")));
        boolean byCreation = number(q, "dateType", 0) == 1;
        List<SimOrder> matching = new ArrayList<>(shop.orders().stream()
                .filter(o -> states.contains(state(o.status())))
                .filter(o -> {
                    Instant t = byCreation ? o.createdAt() : o.modifiedAt();
                    return !t.isBefore(start) && !t.isAfter(end);
                })
                .sorted((a, b) -> byCreation
                        ? a.createdAt().compareTo(b.createdAt())
                        : a.modifiedAt().compareTo(b.modifiedAt()))
                .toList());
        if (number(q, "sortType", 0) == 1) {
            Collections.reverse(matching);
        }
        int from = (int) Math.min(matching.size(), (page - 1) * size);
        int to = (int) Math.min(matching.size(), from + size);
        ObjectNode result = object();
        ObjectNode apiResult = result.putObject("apiResult");
        apiResult.put("success", true);
        apiResult.put("englishErrCode", "");
        apiResult.put("chineseErrCode", "");
        apiResult.put("numberCode", 0);
        result.put("orderTotal", matching.size());
        ArrayNode list = result.putArray("orderInfoList");
        matching.subList(from, to).forEach(o -> list.add(order(o)));
        ObjectNode body = object();
        body.put("code", "0");
        body.set("searchorderinfo_result", result);
        return ok("jingdong_pop_order_search_responce", body);
    }

    private SimResponse stockUpdate(SimShop shop, JsonNode q) {
        Optional<SimResponse> missing = missing(q, "skuId", "stockNum");
        if (missing.isPresent()) {
            return missing.get();
        }
        Optional<SimSku> sku = shop.sku(text(q, "skuId"));
        long stock = number(q, "stockNum", -1);
        if (sku.isEmpty() || sku.get().deleted()) {
            return businessResult("jingdong_stock_write_updateSkuStock_responce", false, "sku不存在");
        }
        if (stock < 0) {
            return businessResult("jingdong_stock_write_updateSkuStock_responce", false, "库存数不能小于0");
        }
        sku.get().setQuantity(stock);
        return businessResult("jingdong_stock_write_updateSkuStock_responce", true, null);
    }

    /**
     * {@code jingdong.stock.read.findSkuStock}: the SKU's stock as buyers see it, shaped as the
     * SDK's {@code StockReadFindSkuStockResponse}: {@code code} and {@code skuStocks} (skuId,
     * stockNum, storeId 0 for the SKU's own stock), no {@code success} flag. A SKU the shop does
     * not sell has no entry.
     */
    private SimResponse stockRead(SimShop shop, JsonNode q) {
        Optional<SimResponse> missing = missing(q, "skuId");
        if (missing.isPresent()) {
            return missing.get();
        }
        Optional<SimSku> sku = shop.sku(text(q, "skuId"));
        ObjectNode body = object();
        body.put("code", "0");
        ArrayNode stocks = body.putArray("skuStocks");
        if (sku.isPresent() && !sku.get().deleted()) {
            ObjectNode stock = stocks.addObject();
            stock.put("skuId", Long.parseLong(sku.get().skuId()));
            stock.put("stockNum", sku.get().quantity());
            stock.put("storeId", 0);
        }
        return ok("jingdong_stock_read_findSkuStock_responce", body);
    }

    private SimResponse priceUpdate(SimShop shop, JsonNode q) {
        Optional<SimResponse> missing = missing(q, "skuId", "jdPrice");
        if (missing.isPresent()) {
            return missing.get();
        }
        Optional<SimSku> sku = shop.sku(text(q, "skuId"));
        Long fen = SimMoney.fen(text(q, "jdPrice"));
        if (sku.isEmpty() || sku.get().deleted()) {
            return businessResult("jingdong_price_write_updateSkuJdPrice_responce", false, "sku不存在");
        }
        if (fen == null || fen <= 0) {
            return businessResult("jingdong_price_write_updateSkuJdPrice_responce", false, "京东价格式错误");
        }
        sku.get().setPriceFen(fen);
        return businessResult("jingdong_price_write_updateSkuJdPrice_responce", true, null);
    }

    static String state(SimStatus status) {
        return switch (status) {
            case CREATED -> "WAIT_PAY";
            case PAID -> "WAIT_SELLER_STOCK_OUT";
            case SHIPPED -> "WAIT_GOODS_RECEIVE_CONFIRM";
            case COMPLETED -> "FINISHED_L";
            case CANCELLED, REFUNDED -> "TRADE_CANCELED";
        };
    }

    private static ObjectNode order(SimOrder o) {
        ObjectNode n = object();
        n.put("orderId", o.orderId());
        n.put("venderId", "10001");
        n.put("orderType", "22");
        n.put("orderState", state(o.status()));
        n.put("orderTotalPrice", SimMoney.yuan(o.totalFen()));
        n.put("orderSellerPrice", SimMoney.yuan(o.totalFen()));
        n.put("orderPayment", SimMoney.yuan(o.totalFen()));
        n.put("freightPrice", "0.00");
        n.put("orderStartTime", time(o.createdAt()));
        n.put("modified", time(o.modifiedAt()));
        if (o.paidAt() != null) {
            n.put("paymentConfirmTime", time(o.paidAt()));
        }
        n.put("pin", "jd_" + o.buyer().openId().substring(o.buyer().openId().lastIndexOf('-') + 1));
        n.put("open_id_buyer", o.buyer().openId());
        ObjectNode consignee = n.putObject("consigneeInfo");
        consignee.put("fullname", o.buyer().receiverName());
        consignee.put("mobile", o.buyer().maskedPhone());
        consignee.put("province", o.buyer().province());
        consignee.put("city", o.buyer().city());
        consignee.put("county", o.buyer().district());
        consignee.put("fullAddress", o.buyer().address());
        ArrayNode items = n.putArray("itemInfoList");
        for (SimOrder.Line l : o.lines()) {
            ObjectNode item = items.addObject();
            item.put("skuId", l.skuId());
            item.put("outerSkuId", l.outerSkuId());
            item.put("wareId", l.itemId());
            item.put("skuName", l.title());
            item.put("jdPrice", SimMoney.yuan(l.unitPriceFen()));
            item.put("itemTotal", Long.toString(l.quantity()));
        }
        return n;
    }

    private static String time(Instant t) {
        return TIME.format(t.atZone(GMT8));
    }

    private static boolean timestampFresh(String timestamp, Instant now) {
        try {
            // the SDKs send "yyyy-MM-dd HH:mm:ss" or, in newer builds, with ".SSS+0800"
            String plain = timestamp.length() > 19 ? timestamp.substring(0, 19) : timestamp;
            Instant t = LocalDateTime.parse(plain, TIME).atZone(GMT8).toInstant();
            return Duration.between(t, now).abs().compareTo(CLOCK_SKEW) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** JOS's answer to a call without a parameter the method requires: the first one missing. */
    private static Optional<SimResponse> missing(JsonNode q, String... required) {
        for (String name : required) {
            if (blank(text(q, name))) {
                return Optional.of(error(
                        "60",
                        "参数[" + name + "]不合法，请参照帮助文档确认！",
                        "parameter [" + name + "] is not valid, please refer to the help document and confirm"));
            }
        }
        return Optional.empty();
    }

    private static SimResponse businessError(String code, String message) {
        ObjectNode body = object();
        body.put("code", "0");
        ObjectNode result = body.putObject("searchorderinfo_result");
        ObjectNode apiResult = result.putObject("apiResult");
        apiResult.put("success", false);
        apiResult.put("englishErrCode", code);
        apiResult.put("chineseErrCode", message);
        apiResult.put("numberCode", 10100);
        return ok("jingdong_pop_order_search_responce", body);
    }

    private static SimResponse businessResult(String responseName, boolean success, String message) {
        ObjectNode body = object();
        body.put("code", "0");
        body.put("success", success);
        if (message != null) {
            body.put("message", message);
        }
        return ok(responseName, body);
    }

    private static SimResponse ok(String responseName, ObjectNode body) {
        ObjectNode root = object();
        root.set(responseName, body);
        return SimResponse.ok(toJson(root));
    }

    static SimResponse error(String code, String zh, String en) {
        ObjectNode root = object();
        ObjectNode e = root.putObject("error_response");
        e.put("code", code);
        e.put("zh_desc", zh);
        e.put("en_desc", en);
        return SimResponse.ok(toJson(root));
    }
}
