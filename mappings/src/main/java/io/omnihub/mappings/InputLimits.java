package io.omnihub.mappings;

import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds every inbound quantity, amount and event time must keep, whatever the path (POS file,
 * webhook, platform pull). A value outside them is refused naming its field, never stored: a
 * 20-digit count once wrapped to 7.7 x 10^18 units, and a count dated 2099 froze its location.
 *
 * @param maxQuantity    the largest quantity of one line, movement or count (units)
 * @param maxAmountFen   the largest amount (price, line or order total) in fen
 * @param maxFutureSkew  how far ahead of the hub's clock an event time may be (the sender's clock may run fast)
 */
public record InputLimits(long maxQuantity, long maxAmountFen, Duration maxFutureSkew) {

    /** 1,000,000 units, 100,000,000.00 yuan, 5 minutes. */
    public static final InputLimits DEFAULT = new InputLimits(1_000_000L, 10_000_000_000L, Duration.ofMinutes(5));

    /** A quantity of at most {@link #maxQuantity} either way (a negative one is a return or a correction). */
    public long quantity(String field, long value) {
        if (value > maxQuantity || value < -maxQuantity) { // not Math.abs: it leaves Long.MIN_VALUE negative
            throw new PayloadException(field, "must be at most " + maxQuantity + " in magnitude, was " + value);
        }
        return value;
    }

    /** A whole quantity however many digits it came with: one too long for a long is refused, never wrapped. */
    public long quantity(String field, BigInteger value) {
        if (value.bitLength() > 63) {
            throw new PayloadException(field, "must be at most " + maxQuantity + " in magnitude, was " + value);
        }
        return quantity(field, value.longValue());
    }

    /**
     * A line's amount, {@code unitFen} x {@code quantity}, of at most {@link #maxAmountFen}; checked by
     * division, so a product past a long cannot wrap before it is compared. {@code product} names the
     * factors in the payload's own words (e.g. "qty x unitPrice").
     */
    public long lineAmountFen(String field, long unitFen, long quantity, String product) {
        if (quantity != 0 && Math.abs(unitFen) > maxAmountFen / Math.abs(quantity)) {
            throw new PayloadException(
                    field,
                    "the line's amount, " + product + ", must be at most " + Money.fenToYuan(maxAmountFen) + " yuan");
        }
        return unitFen * quantity;
    }

    /** An amount in fen of at most {@link #maxAmountFen} either way. */
    public long amountFen(String field, long fen) {
        if (fen > maxAmountFen || fen < -maxAmountFen) {
            throw new PayloadException(field, "must be at most " + Money.fenToYuan(maxAmountFen) + " in magnitude");
        }
        return fen;
    }

    /** An event time no further ahead of {@code now} than {@link #maxFutureSkew}. */
    public Instant notInFuture(String field, Instant at, Instant now) {
        if (at != null && at.isAfter(now.plus(maxFutureSkew))) {
            throw new PayloadException(
                    field,
                    "is in the future (" + at + "; the hub's clock reads " + now + ", allowed skew " + maxFutureSkew
                            + ")");
        }
        return at;
    }

    /**
     * The order with every line whose quantity or amounts break the limits parked with the reason
     * (kept and visible, reserving nothing), as a line with an unknown SKU is: a platform's order is
     * the platform's record, so it is stored, but a line of 10^12 units must not reach the ledger.
     */
    public Order parkLinesOutOfBounds(Order order) {
        List<OrderLine> lines = new ArrayList<>(order.lines().size());
        boolean changed = false;
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine l = order.lines().get(i);
            String reason = l.isParked() ? null : outOfBounds("lines[" + i + "]", l);
            if (reason != null) {
                l = new OrderLine(
                        l.lineId(),
                        l.sku(),
                        l.channelItemId(),
                        l.channelSku(),
                        l.title(),
                        l.quantity(),
                        l.unitPriceFen(),
                        l.amountFen(),
                        reason);
                changed = true;
            }
            lines.add(l);
        }
        return changed
                ? new Order(
                        order.schema(),
                        order.channelId(),
                        order.channelType(),
                        order.channelOrderId(),
                        order.status(),
                        order.createdAt(),
                        order.paidAt(),
                        order.modifiedAt(),
                        order.buyer(),
                        order.shipTo(),
                        lines,
                        order.totalFen(),
                        order.shippingFen(),
                        order.customerId())
                : order;
    }

    private String outOfBounds(String at, OrderLine l) {
        try {
            quantity(at + ".quantity", l.quantity());
            amountFen(at + ".unitPrice", l.unitPriceFen());
            amountFen(at + ".amount", l.amountFen());
            return null;
        } catch (PayloadException e) {
            return "out of bounds: " + e.getMessage();
        }
    }
}
