package io.omnihub.mappings.stock;

/**
 * How much of a SKU's available-to-promise stock one channel instance may show.
 *
 * @param ratio         its share of ATP (shares may add up to more than 1 while stock is plentiful)
 * @param buffer        units held back from this channel, always
 * @param min           it shows at least this many while stock is plentiful (never more than ATP)
 * @param max           it never shows more than this
 * @param zeroAtOrBelow a target at or below this is pushed as 0 (nobody wants to sell the last odd unit)
 */
public record AllocationRule(double ratio, long buffer, long min, long max, long zeroAtOrBelow) {

    public static final AllocationRule ALL = new AllocationRule(1.0, 0, 0, Long.MAX_VALUE, 0);

    public AllocationRule {
        if (ratio < 0 || buffer < 0 || min < 0 || max < 0 || zeroAtOrBelow < 0) {
            throw new IllegalArgumentException("allocation values cannot be negative");
        }
    }
}
