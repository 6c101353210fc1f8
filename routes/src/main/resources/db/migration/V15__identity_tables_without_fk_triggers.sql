-- Issue 17: the identity tables are written by one resolver at a time (the graph's advisory lock),
-- which holds the whole graph in memory and only ever points at records it created or read; the
-- foreign keys re-checked that per row with a trigger, and measured on PostgreSQL 15 they cost more
-- than the insert itself (19.8 us a row with the key, 9.2 without, 100,000 identifiers). The
-- integrity they stood for is tested instead (IdentityIT, IdentityCrashIT count every record).
ALTER TABLE customer DROP CONSTRAINT IF EXISTS customer_merged_into_fkey;
ALTER TABLE customer_identifier DROP CONSTRAINT IF EXISTS customer_identifier_customer_id_fkey;
ALTER TABLE customer_attribute DROP CONSTRAINT IF EXISTS customer_attribute_customer_id_fkey;
ALTER TABLE customer_merge DROP CONSTRAINT IF EXISTS customer_merge_survivor_id_fkey;
ALTER TABLE customer_merge DROP CONSTRAINT IF EXISTS customer_merge_absorbed_id_fkey;
ALTER TABLE customer_weak_key DROP CONSTRAINT IF EXISTS customer_weak_key_customer_id_fkey;
ALTER TABLE customer_link_refused DROP CONSTRAINT IF EXISTS customer_link_refused_customer_id_fkey;
