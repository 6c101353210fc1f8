-- The identity graph resolves a whole batch at once, so a golden customer must be one lookup away:
-- golden_id is the root every member's merged_into chain leads to, kept up to date by merges,
-- undos and splits.
ALTER TABLE customer ADD COLUMN golden_id text;
WITH RECURSIVE g(customer_id, golden_id) AS (
    SELECT customer_id, customer_id FROM customer WHERE merged_into IS NULL
    UNION ALL
    SELECT c.customer_id, g.golden_id FROM customer c JOIN g ON c.merged_into = g.customer_id)
UPDATE customer c SET golden_id = g.golden_id FROM g WHERE c.customer_id = g.customer_id;
ALTER TABLE customer ALTER COLUMN golden_id SET NOT NULL;
CREATE INDEX customer_golden ON customer (golden_id);

-- A merge keeps the event's identifiers on each side (as hashes, like identifier_erased): when one
-- side is left with shared identifiers only, the link no longer holds and the merge is split. They
-- are read through the shared identifier's own customer (by survivor_id / absorbed_id), so no index
-- on the arrays is needed.
ALTER TABLE customer_merge
    ADD COLUMN survivor_links text[] NOT NULL DEFAULT '{}',
    ADD COLUMN absorbed_links text[] NOT NULL DEFAULT '{}',
    ADD COLUMN undone_reason  text;

-- the same hash as identifier_erased: sha256 of type \0 scope \0 value
ALTER TABLE identifier_shared ADD COLUMN id_hash text;
UPDATE identifier_shared SET id_hash = encode(sha256(convert_to(id_type, 'UTF8') || '\x00'::bytea
        || convert_to(id_scope, 'UTF8') || '\x00'::bytea || convert_to(id_value, 'UTF8')), 'hex');
ALTER TABLE identifier_shared ALTER COLUMN id_hash SET NOT NULL;
CREATE UNIQUE INDEX identifier_shared_hash ON identifier_shared (id_hash);

-- Weak evidence per customer record, found by the masked phone bucket (138****5678): the name's
-- pinyin key, the city and the full phone as a hash when there was one. A record nothing strong
-- joins may join the one golden customer whose weak evidence matches; never a link on its own.
CREATE TABLE customer_weak_key (
    phone_bucket text NOT NULL,
    customer_id  text NOT NULL REFERENCES customer (customer_id),
    name_key     text NOT NULL,
    city         text NOT NULL DEFAULT '',
    phone_hash   text NOT NULL DEFAULT '',
    PRIMARY KEY (phone_bucket, customer_id, name_key, city, phone_hash)
);
CREATE INDEX customer_weak_key_customer ON customer_weak_key (customer_id);
