package io.omnihub.mappings.stock;

/**
 * What one stock push of a channel SKU should do, decided from a snapshot of its row: plain
 * arithmetic, no storage and no platform call (the hub's {@code StockPush} reads the row, asks
 * here, calls the platform and records the outcome).
 *
 * <p>A platform takes its own orders off its stock and knows of orders the hub has not pulled
 * yet, so the hub reckons with what the platform <em>should show by now</em>: the last pushed
 * value less the channel's orders learnt of since ({@link #expected()}). Lowering a channel needs
 * no room; raising it takes only the room the SKU's other channels leave ({@link #goal(long)}),
 * so that channels never show more between them than ATP.
 *
 * @param target       the channel's target now (may be below 0 after oversold returns: shown as 0)
 * @param pushedValue  the value last confirmed by the platform, or null before the first push
 * @param ordersAtPush the channel's ordered units the hub knew of at that push
 * @param ordersNow    the channel's ordered units the hub knows of now
 * @param scarce       the SKU is low or selling out fast, so an absolute write is set to 0 first
 * @param settling     the channel was set to 0 and waits for its orders up to that write
 */
public record ChannelStockPush(
        long target, Long pushedValue, long ordersAtPush, long ordersNow, boolean scarce, boolean settling) {

    /** What the platform should show now: the last push less the channel's orders learnt of since; null before any. */
    public Long expected() {
        return pushedValue == null ? null : Math.max(0, pushedValue - (ordersNow - ordersAtPush));
    }

    /** Never negative stock on a platform. */
    public long shownTarget() {
        return Math.max(0, target);
    }

    /** True when reaching the target lowers the channel (or keeps it): no other channel's room is needed. */
    public boolean lowers() {
        Long expected = expected();
        return expected != null && shownTarget() <= expected;
    }

    /**
     * The value to make the platform show: the target when it {@link #lowers()}; otherwise as far
     * towards the target as {@code room} (ATP less what the SKU's other channels may still sell)
     * allows, and never below what it should show already.
     */
    public long goal(long room) {
        if (lowers()) {
            return shownTarget();
        }
        Long expected = expected();
        return Math.min(shownTarget(), Math.max(Math.max(0, room), expected == null ? 0 : expected));
    }

    /** The platform shows {@code goal} already by the hub's reckoning: no call, only a confirmation. */
    public boolean showsAlready(long goal) {
        Long expected = expected();
        return expected != null && expected == goal;
    }

    /**
     * The value to write to a platform that takes absolute values (JD), having read {@code read}:
     * the goal less the sales the platform made that the hub has not seen; or 0 for a scarce SKU
     * the platform still shows, since orders between the read and the write would be overwritten.
     */
    public static long absoluteValue(boolean scarce, long goal, long expected, long read) {
        if (scarce && read > 0) {
            return 0;
        }
        return Math.max(0, goal - Math.max(0, expected - read));
    }

    /**
     * What the hub counts an absolute write as showing: what it wrote plus the sales the platform
     * made that the hub has not seen (they arrive later and take the expected value down).
     */
    public static long shownAfterAbsolute(long written, long expected, long read) {
        return written + Math.max(0, expected - read);
    }

    /** An absolute write set a scarce SKU to 0: it settles until the channel's orders up to the write are in. */
    public static boolean settlesAfterAbsolute(boolean scarce, long read) {
        return scarce && read > 0;
    }

    /**
     * A platform refused a decrement because it had fewer left than the hub reckoned (it sold units
     * the hub has not pulled yet); the hub took off the {@code left} it had: what it counts the
     * channel as showing now.
     */
    public static long shownAfterRefusedDecrement(long expected, long left) {
        return Math.max(0, expected - left);
    }
}
