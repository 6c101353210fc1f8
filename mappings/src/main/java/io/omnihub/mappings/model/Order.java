package io.omnihub.mappings.model;

import java.time.Instant;
import java.util.List;

/**
 * The canonical order, schema {@value #SCHEMA}. One per (channelId, channelOrderId); a newer
 * {@code modifiedAt} replaces an older one. Amounts are fen, times UTC.
 *
 * @param channelId     the channel instance id from config/channels.yml (e.g. tmall-flagship)
 * @param channelType   taobao, jd, douyin, pos-ftp, partner, ...
 * @param customerId    the golden customer, once identity resolution has run; null before
 */
public record Order(
        String schema,
        String channelId,
        String channelType,
        String channelOrderId,
        OrderStatus status,
        Instant createdAt,
        Instant paidAt,
        Instant modifiedAt,
        Buyer buyer,
        ShipTo shipTo,
        List<OrderLine> lines,
        long totalFen,
        long shippingFen,
        String customerId) {

    public static final String SCHEMA = "hub.order/1";

    public Order {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Kafka key and idempotency scope: one order per channel instance and channel order id. */
    public String key() {
        return channelId + ":" + channelOrderId;
    }

    public Order withCustomerId(String id) {
        return new Order(schema, channelId, channelType, channelOrderId, status, createdAt, paidAt, modifiedAt,
                buyer, shipTo, lines, totalFen, shippingFen, id);
    }
}
