-- Every change to the identity graph bumps this counter, under the graph's advisory lock. A hub
-- keeps the graph resident in memory and reads it again only when the counter says another writer
-- (another hub, an undo or an erasure) changed it since.
CREATE TABLE identity_graph_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version  bigint  NOT NULL
);
INSERT INTO identity_graph_version (only_row, version) VALUES (true, 0);
