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
 * @param customerUnresolved why identity resolution gave the order no customer (its buyer has no
 *                      identifier at all); absent otherwise. Added by issue 17.
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
        String customerId,
        String customerUnresolved) {

    public static final String SCHEMA = "hub.order/1";

    public Order {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** An order as the channels map it: no customer yet. */
    public Order(
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
        this(
                schema,
                channelId,
                channelType,
                channelOrderId,
                status,
                createdAt,
                paidAt,
                modifiedAt,
                buyer,
                shipTo,
                lines,
                totalFen,
                shippingFen,
                customerId,
                null);
    }

    /** Kafka key and idempotency scope: one order per channel instance and channel order id. */
    public String key() {
        return channelId + ":" + channelOrderId;
    }

    public Order withCustomerId(String id) {
        return new Order(
                schema,
                channelId,
                channelType,
                channelOrderId,
                status,
                createdAt,
                paidAt,
                modifiedAt,
                buyer,
                shipTo,
                lines,
                totalFen,
                shippingFen,
                id,
                customerUnresolved);
    }

    public Order withCustomerUnresolved(String reason) {
        return new Order(
                schema,
                channelId,
                channelType,
                channelOrderId,
                status,
                createdAt,
                paidAt,
                modifiedAt,
                buyer,
                shipTo,
                lines,
                totalFen,
                shippingFen,
                customerId,
                reason);
    }
}
