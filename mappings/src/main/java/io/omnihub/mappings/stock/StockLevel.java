package io.omnihub.mappings.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One SKU's units on hand at one location, ordered by event time rather than by arrival. A count
 * at T is the truth at T: a movement at or before the latest count is already in it and changes
 * nothing; one after it applies on top; a count arriving late is the count plus what moved after
 * it; a count no newer than the latest changes nothing (of two at the same time, the first to
 * arrive stands). So the same counts and movements give the same figure in any arrival order.
 *
 * <p>To apply a late count it needs the movements after the count's time: it is built with those
 * applied after {@code historyFrom} and keeps the ones it applies itself. The count adjustments a
 * ledger derives from counts are not movements here.
 */
public final class StockLevel {

    /** A movement that changed this level: when it happened and by how much. */
    public record Moved(Instant occurredAt, long delta) {}

    private long onHand;
    private Instant countedAt;
    private final Instant historyFrom;
    private final List<Moved> history;

    /**
     * @param onHand      units on hand now
     * @param countedAt   the latest count applied, or null if never counted
     * @param historyFrom the movements applied after this instant are all in {@code history}; null if none are
     *                    known (then a newer count cannot be applied: the caller loads the history first)
     * @param history     the movements applied after {@code historyFrom}
     */
    public StockLevel(long onHand, Instant countedAt, Instant historyFrom, List<Moved> history) {
        this.onHand = onHand;
        this.countedAt = countedAt;
        this.historyFrom = historyFrom;
        this.history = new ArrayList<>(history);
    }

    /** A location nothing has happened at yet. */
    public static StockLevel empty() {
        return new StockLevel(0, null, Instant.MIN, List.of());
    }

    public long onHand() {
        return onHand;
    }

    public Instant countedAt() {
        return countedAt;
    }

    /** Whether a count at {@code at} would be applied: it is newer than the latest one. */
    public boolean isNewerCount(Instant at) {
        return countedAt == null || at.isAfter(countedAt);
    }

    /** A movement; returns whether it changed the level (false: the latest count already includes it). */
    public boolean move(long delta, Instant occurredAt) {
        if (countedAt != null && !occurredAt.isAfter(countedAt)) {
            return false;
        }
        onHand += delta;
        history.add(new Moved(occurredAt, delta));
        return true;
    }

    /**
     * A count of {@code counted} units at {@code at}; returns the change to on hand, or empty if
     * it is no newer than the latest count.
     */
    public OptionalLong count(long counted, Instant at) {
        if (!isNewerCount(at)) {
            return OptionalLong.empty();
        }
        if (historyFrom == null || at.isBefore(historyFrom)) {
            throw new IllegalStateException(
                    "the movements after " + at + " are not known (only after " + historyFrom + ")");
        }
        long movedSince = 0;
        for (Moved m : history) {
            if (m.occurredAt().isAfter(at)) {
                movedSince += m.delta();
            }
        }
        long before = onHand;
        onHand = counted + movedSince;
        countedAt = at;
        return OptionalLong.of(onHand - before);
    }
}
