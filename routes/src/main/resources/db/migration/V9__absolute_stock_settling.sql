-- A SKU that may run out before the hub has seen the orders taking it (low, or selling out within a minute).
ALTER TABLE stock_sku ADD COLUMN scarce boolean NOT NULL DEFAULT false;

-- A platform that takes absolute stock values (JD) overwrites the orders it takes between the hub's read
-- and write. While a scarce SKU settles after such a write, the units the channel showed before it stay
-- counted as the channel's (held) until its orders up to the write have been pulled (settle_until).
ALTER TABLE channel_stock ADD COLUMN held bigint;
ALTER TABLE channel_stock ADD COLUMN settle_until timestamptz;
CREATE INDEX channel_stock_settling ON channel_stock (settle_until) WHERE settle_until IS NOT NULL;
