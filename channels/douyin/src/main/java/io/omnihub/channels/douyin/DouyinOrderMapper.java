package io.omnihub.channels.douyin;

import static io.omnihub.mappings.JsonFields.required;
import static io.omnihub.mappings.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.model.ShipTo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Doudian shop order (one element of {@code shop_order_list} in {@code order.searchList}) onto
 * the canonical order. Amounts are already fen and times unix seconds. The buyer is the
 * {@code doudian_open_id}; the masked phone is a hint only.
 */
public final class DouyinOrderMapper {

    public static final String CHANNEL_TYPE = "douyin";

    private DouyinOrderMapper() {}

    public static Order toOrder(String channelId, JsonNode o, SkuCodeTable codes) {
        String orderId = required(o, "order_id");
        Instant modified = seconds(o, "update_time");
        if (modified == null) {
            throw new IllegalArgumentException("missing field update_time");
        }
        Instant paid = seconds(o, "pay_time");
        OrderStatus status = status(o.path("order_status").asInt(-1), paid != null);
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode s : o.path("sku_order_list")) {
            String skuId = text(s, "sku_id");
            String sku = skuId == null ? null : codes.skuFor(channelId, skuId).orElse(null);
            long qty = s.path("item_num").asLong();
            long unit = s.path("origin_amount").asLong();
            long amount = s.has("pay_amount") ? s.path("pay_amount").asLong() : unit * qty;
            lines.add(new OrderLine(
                    text(s, "order_id"),
                    sku,
                    text(s, "product_id"),
                    skuId,
                    text(s, "product_name"),
                    qty,
                    unit,
                    amount,
                    sku != null ? null : "unknown channel SKU " + skuId + " (code " + text(s, "code") + ")"));
        }
        JsonNode addr = o.path("mask_post_addr");
        String phoneHint = text(o, "mask_post_tel");
        Buyer buyer = Buyer.ofPlatformId(text(o, "doudian_open_id"), null, phoneHint);
        ShipTo shipTo = new ShipTo(
                text(o, "mask_post_receiver"),
                phoneHint,
                text(addr.path("province"), "name"),
                text(addr.path("city"), "name"),
                text(addr.path("town"), "name"),
                text(addr, "detail"),
                null);
        return new Order(
                Order.SCHEMA,
                channelId,
                CHANNEL_TYPE,
                orderId,
                status,
                seconds(o, "create_time"),
                paid,
                modified,
                buyer,
                shipTo,
                lines,
                o.path("pay_amount").asLong(),
                o.path("post_amount").asLong(),
                null);
    }

    /** Doudian's order_status: 1 unpaid, 105/2/101 paid (being prepared, partly shipped), 3 shipped, 4 cancelled, 5 done. */
    static OrderStatus status(int status, boolean paid) {
        return switch (status) {
            case 1 -> OrderStatus.CREATED;
            case 105, 2, 101 -> OrderStatus.PAID;
            case 3 -> OrderStatus.SHIPPED;
            case 4 -> paid ? OrderStatus.REFUNDED : OrderStatus.CANCELLED;
            case 5 -> OrderStatus.COMPLETED;
            default -> throw new IllegalArgumentException("unknown Doudian order_status " + status);
        };
    }

    private static Instant seconds(JsonNode o, String field) {
        long s = o.path(field).asLong(0);
        return s > 0 ? Instant.ofEpochSecond(s) : null;
    }
}
