package io.omnihub.mappings.stock;

import io.omnihub.mappings.model.OrderStatus;

/**
 * What an online order does to stock, line by line: it reserves the units at once, a shipment
 * turns the reservation into units gone from a location, a cancellation releases it. A line moves
 * forward only: a cancelled order that shows up again as paid does not reserve twice.
 */
public final class OrderReservation {

    public enum State {
        NONE,
        RESERVED,
        SHIPPED,
        RELEASED
    }

    /** The stock effects of moving a line from one state to the next: reserved units and units taken from on hand. */
    public record Step(State next, long reservedDelta, long onHandDelta) {}

    private OrderReservation() {}

    public static Step step(State current, OrderStatus status, long quantity) {
        State wanted =
                switch (status) {
                    case CREATED, PAID -> State.RESERVED;
                    case SHIPPED, COMPLETED -> State.SHIPPED;
                    case CANCELLED, REFUNDED -> State.RELEASED;
                };
        if (current == State.RELEASED || current == State.SHIPPED || wanted == current) {
            return new Step(
                    current, 0,
                    0); // shipped or released is final; a refund after shipping comes back as a return movement
        }
        return switch (wanted) {
            case RESERVED -> new Step(State.RESERVED, quantity, 0);
            case SHIPPED -> new Step(State.SHIPPED, current == State.RESERVED ? -quantity : 0, -quantity);
            case RELEASED -> new Step(State.RELEASED, current == State.RESERVED ? -quantity : 0, 0);
            case NONE -> new Step(current, 0, 0);
        };
    }
}
