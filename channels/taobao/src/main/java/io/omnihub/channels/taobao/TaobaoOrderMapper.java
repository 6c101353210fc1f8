package io.omnihub.channels.taobao;

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
 * A Taobao/Tmall trade (one element of {@code trades.trade} in
 * {@code taobao.trades.sold.increment.get}) onto the canonical order. Pure: the same trade and
 * code table always give the same order.
 */
public final class TaobaoOrderMapper {

    public static final String CHANNEL_TYPE = "taobao";

    private TaobaoOrderMapper() {}

    public static Order toOrder(String channelId, JsonNode trade, SkuCodeTable codes) {
        String tid = firstText(trade, "tid_str", "tid");
        if (tid == null) {
            throw new IllegalArgumentException("trade has no tid");
        }
        Instant modified = ChannelTime.parse(required(trade, "modified"), ChannelTime.CHINA);
        Instant created = ChannelTime.parseOptional(text(trade, "created"), ChannelTime.CHINA);
        Instant paid = ChannelTime.parseOptional(text(trade, "pay_time"), ChannelTime.CHINA);
        OrderStatus status = status(required(trade, "status"), paid != null);

        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode o : trade.path("orders").path("order")) {
            lines.add(line(channelId, o, codes));
        }
        Buyer buyer = new Buyer(
                firstText(trade, "buyer_open_uid", "buyer_open_id"),
                text(trade, "buyer_nick"),
                null,
                null,
                text(trade, "receiver_mobile"),
                null,
                null,
                null);
        ShipTo shipTo = new ShipTo(
                text(trade, "receiver_name"),
                text(trade, "receiver_mobile"),
                text(trade, "receiver_state"),
                text(trade, "receiver_city"),
                text(trade, "receiver_district"),
                text(trade, "receiver_address"),
                text(trade, "receiver_zip"));
        long total = Money.yuanToFenOrZero(firstText(trade, "payment", "total_fee"));
        long shipping = Money.yuanToFenOrZero(text(trade, "post_fee"));
        return new Order(
                Order.SCHEMA,
                channelId,
                CHANNEL_TYPE,
                tid,
                status,
                created,
                paid,
                modified,
                buyer,
                shipTo,
                lines,
                total,
                shipping,
                null);
    }

    /**
     * Taobao closes a trade in two ways: TRADE_CLOSED after payment means the buyer was refunded,
     * TRADE_CLOSED_BY_TAOBAO (before payment) means it was cancelled.
     */
    static OrderStatus status(String taobaoStatus, boolean paid) {
        return switch (taobaoStatus) {
            case "TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "PAY_PENDING", "WAIT_PRE_AUTH_CONFIRM" -> OrderStatus.CREATED;
            case "WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART", "PAID_FORBID_CONSIGN" -> OrderStatus.PAID;
            case "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED" -> OrderStatus.SHIPPED;
            case "TRADE_FINISHED" -> OrderStatus.COMPLETED;
            case "TRADE_CLOSED" -> paid ? OrderStatus.REFUNDED : OrderStatus.CANCELLED;
            case "TRADE_CLOSED_BY_TAOBAO" -> OrderStatus.CANCELLED;
            default -> throw new IllegalArgumentException("unknown Taobao trade status " + taobaoStatus);
        };
    }

    private static OrderLine line(String channelId, JsonNode o, SkuCodeTable codes) {
        String numIid = text(o, "num_iid");
        String skuId = text(o, "sku_id");
        // an item without SKU variants is addressed by its num_iid alone
        String channelSku = skuId != null ? skuId : numIid;
        String sku =
                channelSku == null ? null : codes.skuFor(channelId, channelSku).orElse(null);
        String parked = sku != null
                ? null
                : "unknown channel SKU " + channelSku + " (outer_sku_id " + text(o, "outer_sku_id") + ")";
        long qty = o.path("num").asLong();
        long unitPrice = Money.yuanToFenOrZero(text(o, "price"));
        long amount = o.hasNonNull("payment") ? Money.yuanToFen(text(o, "payment")) : unitPrice * qty;
        return new OrderLine(
                firstText(o, "oid_str", "oid"),
                sku,
                numIid,
                channelSku,
                text(o, "title"),
                qty,
                unitPrice,
                amount,
                parked);
    }
}
