package io.omnihub.channels.jd;

import static io.omnihub.mappings.JsonFields.firstText;
import static io.omnihub.mappings.JsonFields.required;
import static io.omnihub.mappings.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnihub.mappings.ChannelTime;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.model.ShipTo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A JD POP order (one element of {@code orderInfoList} in {@code jingdong.pop.order.search}) onto
 * the canonical order. The buyer is identified by the JD pin; the consignee's masked mobile is
 * kept as a hint only.
 */
public final class JdOrderMapper {

    public static final String CHANNEL_TYPE = "jd";

    private JdOrderMapper() {}

    public static Order toOrder(String channelId, JsonNode o, SkuCodeTable codes) {
        String orderId = required(o, "orderId");
        Instant modified = ChannelTime.parse(required(o, "modified"), ChannelTime.CHINA);
        Instant created = ChannelTime.parseOptional(text(o, "orderStartTime"), ChannelTime.CHINA);
        Instant paid = ChannelTime.parseOptional(text(o, "paymentConfirmTime"), ChannelTime.CHINA);
        OrderStatus status = status(required(o, "orderState"), paid != null);
        JsonNode consignee = o.path("consigneeInfo");
        List<OrderLine> lines = new ArrayList<>();
        int n = 1;
        for (JsonNode item : o.path("itemInfoList")) {
            String skuId = text(item, "skuId");
            String sku = skuId == null ? null : codes.skuFor(channelId, skuId).orElse(null);
            long qty = Long.parseLong(required(item, "itemTotal"));
            long unit = Money.yuanToFenOrZero(text(item, "jdPrice"));
            lines.add(new OrderLine(
                    orderId + "-" + n++,
                    sku,
                    text(item, "wareId"),
                    skuId,
                    text(item, "skuName"),
                    qty,
                    unit,
                    unit * qty,
                    sku != null
                            ? null
                            : "unknown channel SKU " + skuId + " (outerSkuId " + text(item, "outerSkuId") + ")"));
        }
        Buyer buyer =
                Buyer.ofPlatformId(firstText(o, "pin", "open_id_buyer"), text(o, "pin"), text(consignee, "mobile"));
        ShipTo shipTo = new ShipTo(
                text(consignee, "fullname"),
                text(consignee, "mobile"),
                text(consignee, "province"),
                text(consignee, "city"),
                text(consignee, "county"),
                text(consignee, "fullAddress"),
                null);
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
                lines,
                Money.yuanToFenOrZero(firstText(o, "orderPayment", "orderTotalPrice")),
                Money.yuanToFenOrZero(text(o, "freightPrice")),
                null);
    }

    /** A JD order cancelled after payment was refunded; on hold (locked, paused) it is still paid. */
    static OrderStatus status(String state, boolean paid) {
        return switch (state) {
            case "WAIT_PAY" -> OrderStatus.CREATED;
            case "WAIT_SELLER_STOCK_OUT", "WAIT_SELLER_DELIVERY", "LOCKED", "PAUSE", "POP_ORDER_PAUSE" ->
                OrderStatus.PAID;
            case "WAIT_GOODS_RECEIVE_CONFIRM" -> OrderStatus.SHIPPED;
            case "FINISHED_L" -> OrderStatus.COMPLETED;
            case "TRADE_CANCELED" -> paid ? OrderStatus.REFUNDED : OrderStatus.CANCELLED;
            default -> throw new IllegalArgumentException("unknown JD order state " + state);
        };
    }
}
