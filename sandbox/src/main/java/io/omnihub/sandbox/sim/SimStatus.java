package io.omnihub.sandbox.sim;

/** An order's life in a simulated shop; each platform simulator renders it in its own words. */
public enum SimStatus {
    CREATED,
    PAID,
    SHIPPED,
    COMPLETED,
    CANCELLED,
    REFUNDED
}
