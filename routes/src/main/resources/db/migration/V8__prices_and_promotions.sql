-- Master prices (issue 7): what the retailer sets per SKU, and per channel where it differs.
CREATE TABLE price_master (
    sku          text PRIMARY KEY,
    list_fen     bigint      NOT NULL,
    member_fen   bigint,
    floor_fen    bigint,
    source       text        NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE TABLE price_channel (
    sku          text   NOT NULL,
    channel_id   text   NOT NULL,
    list_fen     bigint,
    member_fen   bigint,
    PRIMARY KEY (sku, channel_id)
);
-- Every change, as it was set: channel_id NULL for the master row.
CREATE TABLE price_history (
    id           bigserial PRIMARY KEY,
    sku          text        NOT NULL,
    channel_id   text,
    list_fen     bigint,
    member_fen   bigint,
    floor_fen    bigint,
    source       text        NOT NULL,
    changed_at   timestamptz NOT NULL
);
CREATE INDEX price_history_sku ON price_history (sku, changed_at);

CREATE TABLE promotion (
    promotion_id   text PRIMARY KEY,
    type           text        NOT NULL,
    channels       text[]      NOT NULL,
    skus           text[]      NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    stacking       text        NOT NULL,
    amount_fen     bigint      NOT NULL,
    threshold_fen  bigint      NOT NULL,
    state          text        NOT NULL,   -- SCHEDULED, RUNNING, ENDED, CANCELLED
    created_at     timestamptz NOT NULL,
    started_at     timestamptz,            -- when the hub applied its start
    ended_at       timestamptz             -- when the hub applied its end (or its cancellation)
);
CREATE INDEX promotion_open ON promotion (starts_at) WHERE state IN ('SCHEDULED', 'RUNNING');

-- Per channel SKU: the price it should list, what the platform confirmed, and when.
CREATE TABLE channel_price (
    channel_id       text        NOT NULL,
    sku              text        NOT NULL,
    channel_sku      text        NOT NULL,
    channel_item_id  text,
    target_fen       bigint      NOT NULL,
    target_at        timestamptz NOT NULL,
    caused_at        timestamptz NOT NULL,   -- the price change or promotion start/end not yet confirmed
    pushed_fen       bigint,
    pushed_at        timestamptz,
    state            text        NOT NULL,   -- PENDING, CONFIRMED, DEAD_LETTERED
    reason           text,
    PRIMARY KEY (channel_id, sku)
);
CREATE INDEX channel_price_open ON channel_price (channel_id) WHERE state <> 'CONFIRMED';

CREATE TABLE price_push (
    id            bigserial PRIMARY KEY,
    channel_id    text        NOT NULL,
    sku           text        NOT NULL,
    value_fen     bigint      NOT NULL,
    caused_at     timestamptz NOT NULL,
    confirmed_at  timestamptz NOT NULL
);
CREATE INDEX price_push_recent ON price_push (channel_id, confirmed_at);

-- What a platform cannot take through its API (threshold reductions, coupons, member prices):
-- a person does it in the platform's back office, and marks it done here.
CREATE TABLE manual_task (
    id            bigserial PRIMARY KEY,
    promotion_id  text        NOT NULL,
    channel_id    text        NOT NULL,
    action        text        NOT NULL,   -- SET_UP, TAKE_DOWN
    due_at        timestamptz NOT NULL,
    description   text        NOT NULL,
    state         text        NOT NULL,   -- OPEN, DONE, CANCELLED
    created_at    timestamptz NOT NULL,
    done_at       timestamptz,
    UNIQUE (promotion_id, channel_id, action)
);
