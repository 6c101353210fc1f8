-- Issue 17: a link the identity rules refused (a shared phone, a phone of another name, a limit, an
-- undone merge) keeps its record findable and says why. customer_id is the record that stands
-- apart, other_id the customer it would have joined; identifier is masked (no full phone here).
CREATE TABLE customer_link_refused (
    customer_id text        NOT NULL REFERENCES customer (customer_id),
    event_id    text        NOT NULL,
    reason      text        NOT NULL,
    detail      text        NOT NULL,
    identifier  text        NOT NULL,
    other_id    text,
    refused_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_link_refused_customer ON customer_link_refused (customer_id);

-- why identity resolution gave an order no customer (its buyer has no identifier at all); the
-- payload stays what the channel sent
ALTER TABLE orders ADD COLUMN customer_unresolved text;
