-- The identity graph. A customer row is one source cluster; a merge points the absorbed customer
-- at the survivor (merged_into) and keeps the evidence, so undoing it is clearing that pointer.
-- Identifiers keep the customer they were first linked to; a golden customer is a root and every
-- customer merged into it.
CREATE TABLE customer (
    customer_id  text        PRIMARY KEY,
    merged_into  text        REFERENCES customer (customer_id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    erased_at    timestamptz
);
CREATE INDEX customer_merged_into ON customer (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE customer_identifier (
    id_type     text        NOT NULL,
    id_scope    text        NOT NULL,
    id_value    text        NOT NULL,
    customer_id text        NOT NULL REFERENCES customer (customer_id),
    source      text        NOT NULL,
    first_seen  timestamptz NOT NULL,
    PRIMARY KEY (id_type, id_scope, id_value)
);
CREATE INDEX customer_identifier_customer ON customer_identifier (customer_id);

-- what each source said of a customer's attributes, latest per (customer, attribute, source)
CREATE TABLE customer_attribute (
    customer_id text        NOT NULL REFERENCES customer (customer_id),
    name        text        NOT NULL,
    source      text        NOT NULL,
    value       text        NOT NULL,
    observed_at timestamptz NOT NULL,
    PRIMARY KEY (customer_id, name, source)
);

CREATE TABLE customer_merge (
    merge_id    text        PRIMARY KEY,
    survivor_id text        NOT NULL REFERENCES customer (customer_id),
    absorbed_id text        NOT NULL REFERENCES customer (customer_id),
    evidence    jsonb       NOT NULL,
    merged_at   timestamptz NOT NULL DEFAULT now(),
    undone_at   timestamptz
);
CREATE INDEX customer_merge_survivor ON customer_merge (survivor_id);
CREATE INDEX customer_merge_absorbed ON customer_merge (absorbed_id);

-- an undone merge stays undone: the pair is not merged again by a replay or a later event
CREATE TABLE customer_keep_apart (
    a text NOT NULL,
    b text NOT NULL,
    PRIMARY KEY (a, b)
);

-- which anchors (cards, union ids, buyer ids) a phone or e-mail was seen with; too many of one
-- kind and the phone or e-mail is shared (a family's, a shop's) and links nothing any more
CREATE TABLE identifier_seen_with (
    id_type     text NOT NULL,
    id_scope    text NOT NULL,
    id_value    text NOT NULL,
    other_type  text NOT NULL,
    other_scope text NOT NULL,
    other_value text NOT NULL,
    PRIMARY KEY (id_type, id_scope, id_value, other_type, other_scope, other_value)
);

CREATE TABLE identifier_shared (
    id_type   text        NOT NULL,
    id_scope  text        NOT NULL,
    id_value  text        NOT NULL,
    reason    text        NOT NULL,
    marked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id_type, id_scope, id_value)
);

-- an erased identifier, hashed: it never links again, even when an old event is replayed
CREATE TABLE identifier_erased (
    id_hash   text        PRIMARY KEY,
    erased_at timestamptz NOT NULL DEFAULT now()
);

-- identity events already applied (idempotency across replays and redeliveries)
CREATE TABLE identity_event (
    event_id    text        PRIMARY KEY,
    customer_id text,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
