package io.omnihub.mappings.model;

/** The canonical order life cycle (contract §4). Every channel's own statuses map onto these. */
public enum OrderStatus {
    CREATED,
    PAID,
    SHIPPED,
    COMPLETED,
    CANCELLED,
    REFUNDED
}
