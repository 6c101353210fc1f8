package io.omnihub.mappings.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.mappings.stock.StockLevel.Moved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StockLevelTest {

    sealed interface Event permits Count, Move {
        Instant at();
    }

    record Count(long onHand, Instant at) implements Event {}

    record Move(long delta, Instant at) implements Event {}

    static Instant at(String hhmm) {
        return Instant.parse("2026-11-22T" + hhmm + ":00Z");
    }

    @Test
    void aSaleBeforeACountArrivingAfterItChangesNothing() {
        StockLevel level = StockLevel.empty();
        level.count(29, at("11:00"));
        assertThat(level.move(-2, at("10:30"))).as("already in the count").isFalse();
        assertThat(level.onHand()).isEqualTo(29);
    }

    @Test
    void aCountArrivingAfterALaterSaleIsTheCountLessTheSale() {
        StockLevel level = StockLevel.empty();
        assertThat(level.move(-3, at("11:30"))).isTrue();
        assertThat(level.count(40, at("11:00"))).isEqualTo(OptionalLong.of(40));
        assertThat(level.onHand()).isEqualTo(37);
        assertThat(level.countedAt()).isEqualTo(at("11:00"));
    }

    @Test
    void aSaleAtTheCountsOwnTimeIsInTheCount() {
        StockLevel level = StockLevel.empty();
        level.count(10, at("11:00"));
        assertThat(level.move(-1, at("11:00"))).isFalse();
        assertThat(level.onHand()).isEqualTo(10);
    }

    @Test
    void aCountNoNewerThanTheLatestChangesNothing() {
        StockLevel level = new StockLevel(12, at("11:00"), null, List.of());
        assertThat(level.count(50, at("10:00"))).isEmpty();
        assertThat(level.count(50, at("11:00")))
                .as("the first count of a time stands")
                .isEmpty();
        assertThat(level.onHand()).isEqualTo(12);
        assertThat(level.isNewerCount(at("11:01"))).isTrue();
    }

    @Test
    void aLateCountNeedsTheMovementsAfterIt() {
        StockLevel level = new StockLevel(5, at("09:00"), at("12:00"), List.of());
        assertThatThrownBy(() -> level.count(7, at("11:00"))).isInstanceOf(IllegalStateException.class);
        StockLevel loaded = new StockLevel(5, at("09:00"), at("11:00"), List.of(new Moved(at("11:30"), -2)));
        assertThat(loaded.count(7, at("11:00"))).as("from 5 to 7 - 2").isEqualTo(OptionalLong.of(0));
        assertThat(loaded.onHand()).isEqualTo(5);
    }

    /** Two counts (one older), sales and receipts before, at and after them. */
    static final List<Event> EVENTS = List.of(
            new Count(20, at("09:00")),
            new Count(30, at("11:00")),
            new Move(+1, at("08:00")),
            new Move(-1, at("10:30")),
            new Move(-2, at("11:00")),
            new Move(-3, at("11:30")),
            new Move(+5, at("12:00")));
    /** The latest count and what moved after it. */
    static final long EXPECTED = 30 - 3 + 5;

    @Test
    void everyArrivalOrderGivesTheSameOnHand() {
        List<List<Event>> orders = permutations(EVENTS);
        assertThat(orders).hasSize(5040);
        for (List<Event> order : orders) {
            StockLevel level = StockLevel.empty();
            for (Event e : order) {
                apply(level, e);
            }
            assertThat(level.onHand()).as("one batch: %s", order).isEqualTo(EXPECTED);
            assertThat(level.countedAt()).isEqualTo(at("11:00"));
        }
    }

    @Test
    void everyArrivalOrderInBatchesGivesTheSameOnHandWhenEachBatchLoadsOnlyTheHistoryItNeeds() {
        for (int batchSize = 1; batchSize <= 3; batchSize++) {
            for (List<Event> order : permutations(EVENTS)) {
                assertThat(inBatches(order, batchSize))
                        .as("batches of %d: %s", batchSize, order)
                        .isEqualTo(EXPECTED);
            }
        }
    }

    /**
     * What a ledger does: keeps on hand, the latest count and every movement between batches; a
     * batch loads the movements after its oldest count that will apply, no more.
     */
    static long inBatches(List<Event> order, int batchSize) {
        long onHand = 0;
        Instant countedAt = null;
        List<Moved> recorded = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            List<Event> batch = order.subList(from, Math.min(order.size(), from + batchSize));
            Instant historyFrom = null;
            for (Event e : batch) {
                if (e instanceof Count c
                        && (countedAt == null || c.at().isAfter(countedAt))
                        && (historyFrom == null || c.at().isBefore(historyFrom))) {
                    historyFrom = c.at();
                }
            }
            Instant since = historyFrom;
            List<Moved> history = since == null
                    ? List.of()
                    : recorded.stream()
                            .filter(m -> m.occurredAt().isAfter(since))
                            .toList();
            StockLevel level = new StockLevel(onHand, countedAt, historyFrom, history);
            for (Event e : batch) {
                if (e instanceof Move m) {
                    level.move(m.delta(), m.at());
                    recorded.add(new Moved(m.at(), m.delta())); // every movement is recorded, applied or not
                } else if (e instanceof Count c) {
                    level.count(c.onHand(), c.at());
                }
            }
            onHand = level.onHand();
            countedAt = level.countedAt();
        }
        return onHand;
    }

    static void apply(StockLevel level, Event e) {
        if (e instanceof Move m) {
            level.move(m.delta(), m.at());
        } else if (e instanceof Count c) {
            level.count(c.onHand(), c.at());
        }
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>(List.of(first));
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
