package io.omnihub.channels.douyin.simulator;

import static io.omnihub.sandbox.sim.SimParams.blank;
import static io.omnihub.sandbox.sim.SimParams.number;
import static io.omnihub.sandbox.sim.SimParams.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnihub.channels.douyin.DoudianSigner;
import io.omnihub.connectors.Digests;
import io.omnihub.sandbox.sim.PlatformSimulator;
import io.omnihub.sandbox.sim.SimOrder;
import io.omnihub.sandbox.sim.SimRequest;
import io.omnihub.sandbox.sim.SimResponse;
import io.omnihub.sandbox.sim.SimShop;
import io.omnihub.sandbox.sim.SimSku;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Doudian open platform gateway: one path per method ({@code /order/searchList}), public
 * parameters in the query, param_json as the body, the signature over the recursively sorted
 * param_json (HMAC-SHA256, or MD5 when {@code sign_method} is absent, as the Java SDK sends),
 * and answers as {@code {code, msg, sub_code, sub_msg, log_id, data}} with 10000 for success.
 * The SKU methods take exactly the parameters of the official SDK's requests ({@code
 * SkuDetailParam}: sku_id or code; {@code SkuSyncStockParam}; {@code SkuEditPriceParam}): a
 * parameter they do not list, or a required one missing, is refused.
 */
public final class DouyinSimulator extends PlatformSimulator {

    /** Increments already applied, by shop and idempotent_id: a resend is answered, not applied again. */
    private final Set<String> appliedIncrements = ConcurrentHashMap.newKeySet();

    static final ZoneId GMT8 = ZoneId.of("GMT+8");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    @Override
    public String platform() {
        return "douyin";
    }

    @Override
    public long firstOrderNumber() {
        return 6_900_000_000_000_000L;
    }

    @Override
    public String contextPath() {
        return "/douyin/";
    }

    @Override
    protected Optional<SimShop> shopOf(SimRequest request) {
        return shop(request.query().get("app_key"));
    }

    @Override
    protected SimResponse throttled(long banSeconds) {
        return error(60000, "触发限流，请稍后重试", "isv.traffic-limited", "请求太频繁，请稍后重试");
    }

    @Override
    protected SimResponse unavailable() {
        return error(20000, "系统错误", "isp.service-error:256", "服务打瞌睡了，请稍后再试");
    }

    /** The business parameters each SKU method's request lists. */
    static final Map<String, Set<String>> SKU_PARAMS = Map.of(
            "sku.detail", Set.of("sku_id", "code"),
            "sku.syncStock",
                    Set.of(
                            "code",
                            "sku_id",
                            "out_sku_id",
                            "product_id",
                            "out_product_id",
                            "out_warehouse_id",
                            "supplier_id",
                            "incremental",
                            "idempotent_id",
                            "stock_num",
                            "step_stock_num",
                            "store_id",
                            "multi_time_stocks",
                            "batch_stock_items"),
            "sku.editPrice",
                    Set.of("price", "code", "sku_id", "out_sku_id", "product_id", "out_product_id", "store_id"));

    @Override
    protected SimResponse serve(SimRequest request) {
        Map<String, String> q = request.query();
        String pathMethod = request.path().substring(contextPath().length()).replace('/', '.');
        String method = blank(q.get("method")) ? pathMethod : q.get("method");
        if (blank(q.get("app_key"))) {
            return error(40001, "缺少必选参数", "isv.app-id-missing", "认证失败，app_key不存在");
        }
        Optional<SimShop> found = shop(q.get("app_key"));
        if (found.isEmpty()) {
            return error(40003, "非法的参数", "isv.app-id-invalid", "app_key不存在或格式不正确");
        }
        SimShop shop = found.get();
        if (blank(q.get("timestamp"))) {
            return error(40001, "缺少必选参数", "isv.parameter-missing", "timestamp");
        }
        Instant ts = timestamp(q.get("timestamp"));
        if (ts == null) {
            return error(40003, "非法的参数", "isv.timestamp-format-error", "timestamp格式错误");
        }
        if (Duration.between(ts, shop.clock().instant()).abs().compareTo(CLOCK_SKEW) > 0) {
            return error(40003, "非法的参数", "isv.timestamp-invalid", "timestamp与服务器时间相差超过10分钟");
        }
        if (blank(q.get("sign"))) {
            return error(40001, "缺少必选参数", "isv.signature-missing", "缺少签名");
        }
        String paramJson;
        JsonNode params;
        try {
            String raw = blank(request.body()) ? q.getOrDefault("param_json", "{}") : request.body();
            params = JSON.readTree(raw);
            paramJson = DoudianSigner.canonicalJson(raw);
        } catch (IOException | IllegalArgumentException e) {
            return error(40003, "非法的参数", "isv.parameter-format-invalid", "param_json不是合法的JSON");
        }
        String signMethod = blank(q.get("sign_method")) ? DoudianSigner.MD5 : q.get("sign_method");
        if (!signMethod.equals(DoudianSigner.MD5) && !signMethod.equals(DoudianSigner.HMAC_SHA256)) {
            return error(40003, "非法的参数", "isv.parameter-invalid", "sign_method");
        }
        String expected = DoudianSigner.sign(
                q.get("app_key"),
                shop.config().appSecret(),
                method,
                paramJson,
                q.get("timestamp"),
                q.getOrDefault("v", "2"),
                signMethod);
        if (!Digests.sameSignature(expected, q.get("sign"))) {
            return error(40003, "非法的参数", "isv.signature-invalid", "签名校验失败");
        }
        if (blank(q.get("access_token"))) {
            return error(40001, "缺少必选参数", "isv.access-token-missing", "缺少access_token");
        }
        if (!shop.accepts(q.get("access_token"))) {
            return error(40003, "非法的参数", "isv.access-token-invalid", "app_key和access_token不匹配");
        }
        Set<String> listed = SKU_PARAMS.get(method);
        if (listed != null) {
            for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!listed.contains(name)) {
                    return error(40003, "非法的参数", "isv.parameter-invalid", method + "不支持参数" + name);
                }
            }
        }
        return switch (method) {
            case "order.searchList" -> searchList(shop, params);
            case "sku.syncStock" -> syncStock(shop, params);
            case "sku.editPrice" -> editPrice(shop, params);
            case "sku.detail" -> skuDetail(shop, params);
            default -> error(70000, "接口服务已下线", "isp.api-service-off", "不存在的方法 " + method);
        };
    }

    private SimResponse searchList(SimShop shop, JsonNode p) {
        long page = number(p, "page", -1);
        long size = number(p, "size", -1);
        if (page < 0 || size < 1 || size > 100) {
            return error(40003, "非法的参数", "isv.parameter-invalid", "page从0开始，size限制100以内");
        }
        boolean byUpdate = "update_time".equals(text(p, "order_by"));
        long startField = number(p, byUpdate ? "update_time_start" : "create_time_start", 0);
        long endField = number(p, byUpdate ? "update_time_end" : "create_time_end", Long.MAX_VALUE / 1000);
        Instant start = Instant.ofEpochSecond(startField);
        Instant end = Instant.ofEpochSecond(endField);
        List<SimOrder> matching = new ArrayList<>(shop.orders().stream()
                .filter(o -> {
                    Instant t = seconds(byUpdate ? o.modifiedAt() : o.createdAt());
                    return !t.isBefore(start) && !t.isAfter(end);
                })
                .sorted((a, b) -> byUpdate
                        ? a.modifiedAt().compareTo(b.modifiedAt())
                        : a.createdAt().compareTo(b.createdAt()))
                .toList());
        if (!p.path("order_asc").asBoolean(false)) {
            Collections.reverse(matching); // "默认大到小"
        }
        int from = (int) Math.min(matching.size(), page * size);
        int to = (int) Math.min(matching.size(), from + size);
        ObjectNode data = object();
        ArrayNode list = data.putArray("shop_order_list");
        matching.subList(from, to).forEach(o -> list.add(order(o)));
        data.put("page", page);
        data.put("size", size);
        data.put("total", matching.size());
        return ok(data);
    }

    private SimResponse syncStock(SimShop shop, JsonNode p) {
        if (!p.has("stock_num")) {
            return error(40001, "缺少必选参数", "isv.parameter-missing", "stock_num");
        }
        Optional<SimSku> sku = sku(shop, p);
        if (sku.isEmpty() || sku.get().deleted()) {
            return error(50002, "业务处理失败", "isv.business-failed:sku_not_exist", "sku不存在或已删除");
        }
        long stock = number(p, "stock_num", 0);
        boolean incremental = p.path("incremental").asBoolean(false);
        if (incremental && blank(text(p, "idempotent_id"))) {
            return error(40001, "缺少必选参数", "isv.parameter-missing", "incremental=true时idempotent_id必填");
        }
        if (incremental && appliedIncrements.contains(shop.config().shopId() + "\u0000" + text(p, "idempotent_id"))) {
            return ok(object());
        }
        if (incremental ? sku.get().adjust(stock).isEmpty() : stock < 0) {
            return error(50002, "业务处理失败", "isv.business-failed", "系统错误:更新库存数失败: 库存不足");
        }
        if (!incremental) {
            sku.get().setQuantity(stock);
        }
        if (incremental) {
            appliedIncrements.add(shop.config().shopId() + "\u0000" + text(p, "idempotent_id"));
        }
        return ok(object());
    }

    /** {@code sku.detail}: one SKU with its stock_num, by sku_id or code. */
    private SimResponse skuDetail(SimShop shop, JsonNode p) {
        if (blank(text(p, "sku_id")) && blank(text(p, "code"))) {
            return error(40001, "缺少必选参数", "isv.parameter-missing", "sku_id和code必传一个");
        }
        if (shop.faults().refusesReads()) {
            return error(50002, "业务处理失败", "isv.business-failed:no_permission", "无权限查询该商品");
        }
        Optional<SimSku> sku = sku(shop, p);
        if (sku.isEmpty() || sku.get().deleted()) {
            return error(50002, "业务处理失败", "isv.business-failed:sku_not_exist", "sku不存在或已删除");
        }
        ObjectNode data = object();
        data.put("id", Long.parseLong(sku.get().skuId()));
        data.put("product_id", Long.parseLong(sku.get().itemId()));
        data.put("product_id_str", sku.get().itemId());
        data.put("sku_type", 0);
        data.put("code", sku.get().outerSkuId());
        data.put("stock_num", sku.get().quantity());
        data.put("price", sku.get().priceFen());
        return ok(data);
    }

    private SimResponse editPrice(SimShop shop, JsonNode p) {
        if (!p.has("price")) {
            return error(40001, "缺少必选参数", "isv.parameter-missing", "price");
        }
        Optional<SimSku> sku = sku(shop, p);
        long price = number(p, "price", -1);
        if (sku.isEmpty() || sku.get().deleted()) {
            return error(50002, "业务处理失败", "isv.business-failed:sku_not_exist", "sku不存在或已删除");
        }
        if (price <= 0) {
            return error(40003, "非法的参数", "isv.parameter-invalid", "price(单位分)必须大于0");
        }
        sku.get().setPriceFen(price);
        return ok(object());
    }

    /** The SKU by sku_id, else by code; a product_id given must be the SKU's. */
    private static Optional<SimSku> sku(SimShop shop, JsonNode p) {
        String skuId = text(p, "sku_id");
        String productId = text(p, "product_id");
        if (!blank(skuId)) {
            return shop.sku(skuId).filter(s -> blank(productId) || s.itemId().equals(productId));
        }
        String code = text(p, "code");
        return blank(code) ? Optional.empty() : shop.skuByOuterId(code);
    }

    static int status(SimOrder o) {
        return switch (o.status()) {
            case CREATED -> 1;
            case PAID -> 2;
            case SHIPPED -> 3;
            case CANCELLED, REFUNDED -> 4;
            case COMPLETED -> 5;
        };
    }

    private static ObjectNode order(SimOrder o) {
        ObjectNode n = object();
        n.put("order_id", o.orderId());
        n.put("order_status", status(o));
        n.put(
                "order_status_desc",
                switch (status(o)) {
                    case 1 -> "待支付";
                    case 2 -> "备货中";
                    case 3 -> "已发货";
                    case 4 -> "已取消";
                    default -> "已完成";
                });
        n.put("create_time", o.createdAt().getEpochSecond());
        n.put("update_time", o.modifiedAt().getEpochSecond());
        n.put("pay_time", o.paidAt() == null ? 0 : o.paidAt().getEpochSecond());
        n.put("order_amount", o.totalFen());
        n.put("pay_amount", o.totalFen());
        n.put("post_amount", 0);
        n.put("doudian_open_id", o.buyer().openId());
        n.put("mask_post_receiver", o.buyer().receiverName());
        n.put("mask_post_tel", o.buyer().maskedPhone());
        ObjectNode addr = n.putObject("mask_post_addr");
        addr.putObject("province").put("name", o.buyer().province());
        addr.putObject("city").put("name", o.buyer().city());
        addr.putObject("town").put("name", o.buyer().district());
        addr.put("detail", o.buyer().address());
        ArrayNode skus = n.putArray("sku_order_list");
        for (SimOrder.Line l : o.lines()) {
            ObjectNode s = skus.addObject();
            s.put("order_id", l.lineId());
            s.put("parent_order_id", o.orderId());
            s.put("product_id", Long.parseLong(l.itemId()));
            s.put("product_id_str", l.itemId());
            s.put("sku_id", Long.parseLong(l.skuId()));
            s.put("out_sku_id", l.outerSkuId());
            s.put("code", l.outerSkuId());
            s.put("product_name", l.title());
            s.put("item_num", l.quantity());
            s.put("origin_amount", l.unitPriceFen());
            s.put("sum_amount", l.amountFen());
            s.put("pay_amount", l.amountFen());
            s.put("order_status", status(o));
        }
        return n;
    }

    /** Unix seconds (Go SDK), milliseconds (Java SDK) or "yyyy-MM-dd HH:mm:ss" GMT+8 (the doc). */
    static Instant timestamp(String value) {
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                long n = Long.parseLong(value);
                return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            }
            return LocalDateTime.parse(value, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                    .atZone(GMT8)
                    .toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant seconds(Instant t) {
        return Instant.ofEpochSecond(t.getEpochSecond());
    }

    private static SimResponse ok(ObjectNode data) {
        ObjectNode root = object();
        root.put("code", 10000);
        root.put("msg", "success");
        root.put("sub_code", "");
        root.put("sub_msg", "");
        root.put("log_id", logId());
        root.set("data", data);
        return SimResponse.ok(toJson(root));
    }

    static SimResponse error(int code, String msg, String subCode, String subMsg) {
        ObjectNode root = object();
        root.put("code", code);
        root.put("msg", msg);
        root.put("sub_code", subCode);
        root.put("sub_msg", subMsg);
        root.put("log_id", logId());
        root.putObject("data");
        return SimResponse.ok(toJson(root));
    }

    private static String logId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
