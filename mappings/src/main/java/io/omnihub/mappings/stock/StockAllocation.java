package io.omnihub.mappings.stock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per channel instance, the stock to show for one SKU.
 *
 * <p>Every platform decrements its own stock on each order, so a SKU is oversold exactly when the
 * channels together show more than ATP. While ATP is above the low-stock line each channel shows
 * its ratio of ATP (shares may overlap: selling the same unit twice is unlikely while there are
 * many). At or below the line, or whenever the shares would add up to more than ATP, the SKU
 * switches to <em>disjoint</em> shares that sum to at most ATP, weighted by each channel's ratio
 * times its recent sales, so units stranded on a channel that has stopped selling move to the
 * ones still selling.
 */
public final class StockAllocation {

    private StockAllocation() {}

    /**
     * @param atp         available to promise (a negative value counts as 0)
     * @param rules       per channel instance, in a stable order
     * @param recentUnits per channel instance, units ordered there recently (absent = 0)
     * @param lowStock    at or below this ATP the shares are disjoint
     */
    public static Map<String, Long> targets(
            long atp, Map<String, AllocationRule> rules, Map<String, Long> recentUnits, long lowStock) {
        long available = Math.max(0, atp);
        Map<String, Long> shared = shared(available, rules);
        return overlapsOrLow(available, shared, lowStock) ? disjoint(available, rules, recentUnits) : shared;
    }

    /** Whether the SKU is on disjoint shares at this ATP: at or below the low-stock line, or shares that overlap. */
    public static boolean isDisjoint(long atp, Map<String, AllocationRule> rules, long lowStock) {
        long available = Math.max(0, atp);
        return overlapsOrLow(available, shared(available, rules), lowStock);
    }

    /**
     * Whether the SKU may run out before the hub has seen the orders taking it: at or below the
     * low-stock line, or selling so fast that at the pace of the last {@code paceWindow} ATP lasts
     * under a minute. A flash sale is scarce from its first seconds; a SKU selling a few a day is not.
     */
    public static boolean isScarce(long atp, long lowStock, long unitsInPaceWindow, Duration paceWindow) {
        return atp <= lowStock || atp * paceWindow.toMillis() <= unitsInPaceWindow * 60_000L;
    }

    private static boolean overlapsOrLow(long available, Map<String, Long> shared, long lowStock) {
        return available <= lowStock
                || shared.values().stream().mapToLong(Long::longValue).sum() > available;
    }

    /** Each channel its ratio of ATP less its buffer, within its min and max, 0 at or below its zero line. */
    private static Map<String, Long> shared(long available, Map<String, AllocationRule> rules) {
        Map<String, Long> out = new LinkedHashMap<>();
        rules.forEach((channel, r) -> {
            long t = (long) Math.floor(available * r.ratio()) - r.buffer();
            t = Math.min(Math.min(Math.max(t, r.min()), r.max()), available - r.buffer());
            out.put(channel, t <= r.zeroAtOrBelow() ? 0 : t);
        });
        return out;
    }

    /**
     * Shares of {@code available} summing to at most it: each channel's weight is its ratio times
     * (1 + recent units), split by the largest-remainder method; what a channel cannot take (above
     * its max, above ATP less its buffer, or a share at or below its zero line) goes to the others.
     */
    static Map<String, Long> disjoint(
            long available, Map<String, AllocationRule> rules, Map<String, Long> recentUnits) {
        Map<String, Long> settled = new LinkedHashMap<>();
        while (true) {
            List<String> open =
                    rules.keySet().stream().filter(k -> !settled.containsKey(k)).toList();
            long left = available
                    - settled.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Double> weight = new LinkedHashMap<>();
            open.forEach(k -> weight.put(k, rules.get(k).ratio() * (1 + recentUnits.getOrDefault(k, 0L))));
            double total =
                    weight.values().stream().mapToDouble(Double::doubleValue).sum();
            if (open.isEmpty() || left <= 0 || total <= 0) {
                open.forEach(k -> settled.put(k, 0L));
                return inOrder(rules, settled);
            }
            Map<String, Long> share = largestRemainder(left, weight, total);
            boolean capped = false;
            for (String k :
                    open) { // a channel offered more than it may show keeps what it may; the rest goes round again
                AllocationRule r = rules.get(k);
                long room = Math.max(0, Math.min(r.max(), available - r.buffer()));
                if (share.get(k) > room) {
                    settled.put(k, room <= r.zeroAtOrBelow() ? 0 : room);
                    capped = true;
                }
            }
            if (capped) {
                continue;
            }
            // a share at or below its zero line is pushed as 0: the weakest such channel gives its units to the others
            String tooSmall = open.stream()
                    .filter(k ->
                            share.get(k) > 0 && share.get(k) <= rules.get(k).zeroAtOrBelow())
                    .min(Comparator.comparing(weight::get))
                    .orElse(null);
            if (tooSmall == null) {
                settled.putAll(share);
                return inOrder(rules, settled);
            }
            settled.put(tooSmall, 0L);
        }
    }

    private static Map<String, Long> inOrder(Map<String, AllocationRule> rules, Map<String, Long> values) {
        Map<String, Long> out = new LinkedHashMap<>();
        rules.keySet().forEach(k -> out.put(k, values.getOrDefault(k, 0L)));
        return out;
    }

    private static Map<String, Long> largestRemainder(long units, Map<String, Double> weight, double total) {
        Map<String, Long> share = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> remainders = new ArrayList<>();
        long given = 0;
        for (Map.Entry<String, Double> e : weight.entrySet()) {
            double exact = units * e.getValue() / total;
            long whole = (long) Math.floor(exact);
            share.put(e.getKey(), whole);
            given += whole;
            remainders.add(Map.entry(e.getKey(), exact - whole));
        }
        remainders.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        for (int i = 0; given < units && i < remainders.size(); i++, given++) {
            share.merge(remainders.get(i).getKey(), 1L, Long::sum);
        }
        return share;
    }
}
