package io.omnihub.mappings.stock;

/**
 * What a stock read-back says about the hub's reckoning of a channel, in plain arithmetic.
 *
 * <p>The hub reckons a channel shows {@code base - taken}: {@code base} is the last pushed value
 * plus the channel's ordered units the hub knew of at that push, {@code taken} the channel's
 * ordered units it knows of now. A read at time R showing {@code shown} is compared with
 * {@code base - taken(R)}, where taken(R) counts the orders placed up to R. While the hub has not
 * pulled every order up to R, taken(R) can only grow, so a channel showing less than the hub
 * expects may simply have sold units the hub has not seen: correcting it then would hand those
 * units out a second time (the oversell). A channel showing more is over-exposed whatever
 * the hub learns later, so that much is corrected at once; the rest when the orders are in.
 *
 * <p>A correction is an offset added to the pushed value: a later push works from the hub's
 * reckoning, so the same error carries through it and the offset still applies.
 */
public final class StockReadBack {

    private StockReadBack() {}

    /**
     * The correction safe to make at the read itself, with the orders known so far: the amount by
     * which the channel shows more than the hub's reckoning (never negative).
     */
    public static long correctionNow(long shown, long base, long takenKnown) {
        long expected = Math.max(0, base - takenKnown);
        return shown > expected ? shown - (base - takenKnown) : 0;
    }

    /**
     * The rest of the correction once every order placed up to the read is known: the whole
     * difference between what was shown and what should have been, less what was corrected at once.
     * Positive: the hub underestimated the channel (it shows more); negative: the channel was left
     * too low and may be raised.
     */
    public static long residual(long shown, long base, long takenUpToRead, long appliedAtRead) {
        return shown - (base - takenUpToRead) - appliedAtRead;
    }
}
