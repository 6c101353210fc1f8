-- Partner webhooks: one receipt per (channel, idempotency key) holding the first answer, so a
-- repeated request gets the same answer and is processed once; and the inbound event itself,
-- durable before the 202 is sent and published to Kafka after.
CREATE TABLE webhook_receipt (
    channel_id  text        NOT NULL,
    receipt_key text        NOT NULL,
    status      integer     NOT NULL,
    response    text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, receipt_key)
);

CREATE TABLE inbound_event (
    id           text        PRIMARY KEY,
    channel_id   text        NOT NULL,
    kind         text        NOT NULL,
    message_key  text        NOT NULL,
    payload      text        NOT NULL,
    canonical    text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX inbound_event_unpublished ON inbound_event (received_at) WHERE published_at IS NULL;
