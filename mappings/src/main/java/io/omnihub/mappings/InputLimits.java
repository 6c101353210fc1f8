package io.omnihub.mappings;

import io.omnihub.mappings.model.Money;
import java.time.Duration;
import java.time.Instant;

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
            throw new PayloadException(field, "is in the future (" + at + "; the hub's clock reads " + now
                    + ", allowed skew " + maxFutureSkew + ")");
        }
        return at;
    }
}
