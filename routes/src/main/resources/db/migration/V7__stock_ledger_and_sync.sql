-- The stock ledger: every movement once, on hand per SKU x location, online orders' reservations.
CREATE TABLE stock_movement (
    movement_id  text PRIMARY KEY,
    sku          text        NOT NULL,
    location     text        NOT NULL,
    delta        bigint      NOT NULL,
    kind         text        NOT NULL,
    source       text        NOT NULL,
    reference    text,
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movement_sku ON stock_movement (sku, location, occurred_at);

CREATE TABLE stock_level (
    sku         text        NOT NULL,
    location    text        NOT NULL,
    on_hand     bigint      NOT NULL,
    counted_at  timestamptz,             -- the last absolute count applied; an older one is ignored
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, location)
);

CREATE TABLE stock_reservation (
    channel_id        text        NOT NULL,
    channel_order_id  text        NOT NULL,
    sku               text        NOT NULL,
    quantity          bigint      NOT NULL,
    state             text        NOT NULL,   -- RESERVED, SHIPPED, RELEASED
    reserved_at       timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (channel_id, channel_order_id, sku)
);
CREATE INDEX stock_reservation_open ON stock_reservation (sku) WHERE state = 'RESERVED';
CREATE INDEX stock_reservation_recent ON stock_reservation (sku, reserved_at);
CREATE INDEX stock_reservation_channel ON stock_reservation (channel_id, sku);

-- Per SKU: the figures last computed, so a growing shortfall is raised once per unit.
CREATE TABLE stock_sku (
    sku         text PRIMARY KEY,
    on_hand     bigint      NOT NULL,     -- at online-eligible locations
    reserved    bigint      NOT NULL,
    atp         bigint      NOT NULL,
    shortfall   bigint      NOT NULL DEFAULT 0,
    disjoint    boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stock_oversell (
    id          bigserial PRIMARY KEY,
    sku         text        NOT NULL,
    shortfall   bigint      NOT NULL,
    orders      text[]      NOT NULL,     -- channel:order of the latest open reservations the units cannot cover
    raised_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_oversell_sku ON stock_oversell (sku, raised_at);

-- Per channel instance and SKU: the target, what the platform last confirmed, and the state of the push.
CREATE TABLE channel_stock (
    channel_id       text        NOT NULL,
    sku              text        NOT NULL,
    channel_sku      text        NOT NULL,
    channel_item_id  text,
    target           bigint      NOT NULL,
    target_at        timestamptz NOT NULL,
    caused_at        timestamptz NOT NULL,   -- the earliest stock event the platform has not yet confirmed
    pushed_value     bigint,                 -- what the platform showed right after the last confirmed push
    pushed_at        timestamptz,
    orders_at_push   bigint      NOT NULL DEFAULT 0,  -- the channel's ordered units the hub knew of at that push
    state            text        NOT NULL,   -- PENDING, PUSHING, CONFIRMED, DEAD_LETTERED
    reason           text,
    drift_count      integer     NOT NULL DEFAULT 0,
    last_read        bigint,
    last_read_at     timestamptz,
    PRIMARY KEY (channel_id, sku)
);
CREATE INDEX channel_stock_open ON channel_stock (channel_id) WHERE state <> 'CONFIRMED';

-- Every confirmed push: time to channel = confirmed_at - caused_at.
CREATE TABLE stock_push (
    id            bigserial PRIMARY KEY,
    channel_id    text        NOT NULL,
    sku           text        NOT NULL,
    value         bigint      NOT NULL,
    caused_at     timestamptz NOT NULL,
    confirmed_at  timestamptz NOT NULL
);
CREATE INDEX stock_push_recent ON stock_push (channel_id, confirmed_at);
