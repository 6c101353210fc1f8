package io.omnihub.hub.pricing;

/** Where a promotion is in its life; the {@code promotion.state} column takes only these (V18, checked by FlywayMigrationIT). */
public enum PromotionState {
    SCHEDULED,
    RUNNING,
    ENDED,
    CANCELLED
}
