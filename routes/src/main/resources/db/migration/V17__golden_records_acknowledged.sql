-- Issue 17: golden records go to hub.customers straight from the resolver once its batch commits,
-- not through the inbox; this is the last identity log entry whose golden records Kafka
-- acknowledged. Entries before V17 were published through the inbox.
CREATE TABLE identity_published (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    seq      bigint  NOT NULL
);
INSERT INTO identity_published (only_row, seq) SELECT true, COALESCE(max(seq), 0) FROM identity_log;

-- entries are UTF-8 JSON bytes, written and read as such: no conversion to and from text on the way
ALTER TABLE identity_log ALTER COLUMN entry TYPE bytea USING convert_to(entry, 'UTF8');
ALTER TABLE identity_log ALTER COLUMN entry SET STORAGE EXTERNAL;
