-- Reconciliation compares what a channel showed at a read with what it should have shown then, and
-- a channel showing less may have sold units the hub has not pulled yet. So a read is kept as an
-- observation until the channel's order pull has passed the read time plus its settle time and the
-- ledger holds every order placed up to it; only then is the residual known and corrected. A channel
-- showing more is corrected at once by what the hub already knows, and the rest when the
-- observation closes. The correction is an offset to the hub's reckoning of what the channel shows,
-- so pushes in between do not invalidate it.
ALTER TABLE channel_stock ADD COLUMN read_due         boolean     NOT NULL DEFAULT false; -- read at the next chance (not mid-push)
ALTER TABLE channel_stock ADD COLUMN observed_at      timestamptz;  -- the open observation's read time
ALTER TABLE channel_stock ADD COLUMN observed_value   bigint;       -- what the channel showed then
ALTER TABLE channel_stock ADD COLUMN observed_base    bigint;       -- pushed_value + orders_at_push then
ALTER TABLE channel_stock ADD COLUMN observed_applied bigint;       -- the part of the correction made at once
ALTER TABLE channel_stock ADD COLUMN read_error       text;         -- the last refused read-back (the SKU's push state is untouched)
ALTER TABLE channel_stock ADD COLUMN read_error_at    timestamptz;
CREATE INDEX channel_stock_observed ON channel_stock (channel_id) WHERE observed_at IS NOT NULL;
CREATE INDEX channel_stock_read_due ON channel_stock (channel_id) WHERE read_due;
-- orders changed recently, for the check that the ledger holds every order up to a read
CREATE INDEX orders_by_stored ON orders (channel_id, stored_at);

-- An absolute write (JD) on a scarce SKU holds the units the channel showed until its orders up to the
-- write are in. That was a guess of time (pull interval + settle + 2 s); it is now the same rule as
-- reconciliation's, so the column holds the write time the orders must be pulled past.
ALTER TABLE channel_stock RENAME COLUMN settle_until TO settling_since;
