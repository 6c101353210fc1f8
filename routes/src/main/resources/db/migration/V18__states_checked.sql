-- The state columns hold one of a fixed set of words, written as literals in the hub's SQL; the
-- database now refuses any other, so a typo in a statement fails its test instead of leaving a row
-- that no query ever picks up again (issue 18).
ALTER TABLE stock_reservation ADD CONSTRAINT stock_reservation_state
    CHECK (state IN ('RESERVED', 'SHIPPED', 'RELEASED'));
ALTER TABLE channel_stock ADD CONSTRAINT channel_stock_state
    CHECK (state IN ('PENDING', 'PUSHING', 'CONFIRMED', 'DEAD_LETTERED'));
ALTER TABLE promotion ADD CONSTRAINT promotion_state
    CHECK (state IN ('SCHEDULED', 'RUNNING', 'ENDED', 'CANCELLED'));
ALTER TABLE channel_price ADD CONSTRAINT channel_price_state
    CHECK (state IN ('PENDING', 'CONFIRMED', 'DEAD_LETTERED'));
ALTER TABLE manual_task ADD CONSTRAINT manual_task_state
    CHECK (state IN ('OPEN', 'DONE', 'CANCELLED'));
