-- POS drops on FTP: one row per file content processed (the same content again, under any name,
-- changes nothing) with what became of its rows. Receipt lines, counts and member rows are
-- deduplicated in inbound_event by ids derived from their business keys.
CREATE TABLE pos_file (
    channel_id    text        NOT NULL,
    sha256        text        NOT NULL,
    file_name     text        NOT NULL,
    file_type     text        NOT NULL,
    store_code    text        NOT NULL,
    bytes         bigint      NOT NULL,
    rows_total    integer     NOT NULL,
    rows_accepted integer     NOT NULL,
    rows_repeated integer     NOT NULL,
    rows_rejected integer     NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, sha256)
);
CREATE INDEX pos_file_name ON pos_file (channel_id, file_name);
