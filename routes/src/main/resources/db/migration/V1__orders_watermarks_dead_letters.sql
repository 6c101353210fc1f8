-- Canonical orders: one row per (channel instance, channel order id); the newest change wins.
-- version counts effective changes; published_version is the last one put on hub.orders,
-- so a change stored but not yet published is published again after a crash.
CREATE TABLE orders (
    channel_id          text        NOT NULL,
    channel_order_id    text        NOT NULL,
    channel_type        text        NOT NULL,
    status              text        NOT NULL,
    created_at          timestamptz,
    modified_at         timestamptz NOT NULL,
    total_fen           bigint      NOT NULL,
    customer_id         text,
    payload             jsonb       NOT NULL,
    version             bigint      NOT NULL DEFAULT 1,
    published_version   bigint      NOT NULL DEFAULT 0,
    stored_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, channel_order_id)
);
CREATE INDEX orders_by_modified ON orders (channel_id, modified_at);
CREATE INDEX orders_by_customer ON orders (customer_id) WHERE customer_id IS NOT NULL;

-- Where each instance's pull has got to, per stream (orders, ...). Advanced only after the
-- window's orders are stored and published.
CREATE TABLE pull_watermark (
    instance_id text        NOT NULL,
    stream      text        NOT NULL,
    watermark   timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance_id, stream)
);

-- Every completed pull window, for gap checks and replays.
CREATE TABLE pull_window (
    id           bigserial   PRIMARY KEY,
    instance_id  text        NOT NULL,
    stream       text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    received     integer     NOT NULL,
    completed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pull_window_by_instance ON pull_window (instance_id, stream, window_end);

-- Messages the hub could not process, with a reason a person can read.
CREATE TABLE dead_letter (
    id          bigserial   PRIMARY KEY,
    instance_id text        NOT NULL,
    stream      text        NOT NULL,
    message_key text,
    reason      text        NOT NULL,
    payload     text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
);
CREATE INDEX dead_letter_open ON dead_letter (instance_id, stream) WHERE resolved_at IS NULL;
