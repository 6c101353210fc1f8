-- Issue 17: the identity graph is kept as a log of what each batch changed, one row a batch, and
-- read into memory by every hub; the tables of one row per record, identifier, attribute, merge,
-- weak key and refusal go. What they held becomes the log's first entry.
CREATE TABLE identity_log (
    seq        bigint      PRIMARY KEY,
    written_at timestamptz NOT NULL DEFAULT now(),
    entry      text        NOT NULL
);
-- an entry is written once and read whole: compressing megabytes of it costs more than it saves
ALTER TABLE identity_log ALTER COLUMN entry SET STORAGE EXTERNAL;

CREATE FUNCTION pg_temp.z(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

CREATE FUNCTION pg_temp.id(t text, s text, v text) RETURNS json LANGUAGE sql IMMUTABLE AS
$$ SELECT json_build_object('type', t, 'value', v, 'scope', s) $$;

INSERT INTO identity_log (seq, entry)
SELECT 1, json_build_object(
    'at', pg_temp.z(now()),
    'records', COALESCE((SELECT json_agg(json_build_object('id', customer_id, 'golden', golden_id,
            'createdAt', pg_temp.z(created_at), 'mergedInto', merged_into, 'updatedAt', pg_temp.z(updated_at),
            'erasedAt', pg_temp.z(erased_at)) ORDER BY created_at, customer_id) FROM customer), '[]'),
    'identifiers', COALESCE((SELECT json_agg(json_build_object('identifier', pg_temp.id(id_type, id_scope, id_value),
            'record', customer_id, 'source', source, 'firstSeen', pg_temp.z(first_seen))
            ORDER BY first_seen, id_type, id_value) FROM customer_identifier), '[]'),
    'merges', COALESCE((SELECT json_agg(json_build_object('mergeId', merge_id, 'survivor', survivor_id,
            'absorbed', absorbed_id, 'evidence', evidence::text, 'survivorLinks', to_json(survivor_links),
            'absorbedLinks', to_json(absorbed_links), 'mergedAt', pg_temp.z(merged_at),
            'undoneAt', pg_temp.z(undone_at), 'undoneReason', undone_reason) ORDER BY merged_at, merge_id)
            FROM customer_merge), '[]'),
    'goldenMoves', json_build_object(),
    'attributes', COALESCE((SELECT json_agg(json_build_object('record', customer_id, 'name', name, 'source', source,
            'value', value, 'observedAt', pg_temp.z(observed_at))) FROM customer_attribute), '[]'),
    'touched', json_build_array(),
    'seenWith', COALESCE((SELECT json_agg(json_build_array(pg_temp.id(id_type, id_scope, id_value),
            pg_temp.id(other_type, other_scope, other_value))) FROM identifier_seen_with), '[]'),
    'shared', COALESCE((SELECT json_agg(json_build_object('identifier', pg_temp.id(id_type, id_scope, id_value),
            'reason', reason, 'markedAt', pg_temp.z(marked_at)) ORDER BY marked_at) FROM identifier_shared), '[]'),
    'weakKeys', COALESCE((SELECT json_agg(json_build_object('phoneBucket', phone_bucket, 'customerId', customer_id,
            'nameKey', name_key, 'city', NULLIF(city, ''), 'phone', NULLIF(phone_hash, ''))) FROM customer_weak_key), '[]'),
    'refused', COALESCE((SELECT json_agg(json_build_object('record', customer_id, 'eventId', event_id,
            'reason', reason, 'detail', detail, 'identifier', identifier, 'otherId', other_id,
            'refusedAt', pg_temp.z(refused_at)) ORDER BY refused_at, event_id) FROM customer_link_refused), '[]'),
    'splits', json_build_array(),
    'keptApart', COALESCE((SELECT json_agg(json_build_array(a, b)) FROM customer_keep_apart), '[]'),
    'erasedRecords', json_build_array(),
    'erasedHashes', COALESCE((SELECT json_agg(id_hash) FROM identifier_erased), '[]'))::text
 WHERE EXISTS (SELECT 1 FROM customer) OR EXISTS (SELECT 1 FROM identifier_erased)
    OR EXISTS (SELECT 1 FROM identifier_shared);

DROP TABLE customer_link_refused, customer_weak_key, identifier_erased, identifier_shared, identifier_seen_with,
    customer_keep_apart, customer_merge, customer_attribute, customer_identifier, customer, identity_graph_version;
