-- Artemis 2.44's last-value queue puts a newer value for a key at the tail of the queue and drops the
-- older one, so a SKU that changes faster than its channel's consumer gets round keeps going to the back.
-- A channel SKU therefore has at most one stock command waiting: the hub sends another only when none
-- waits, or when the new one is more urgent (a higher JMS priority). The push reads the target as it
-- stands, so the waiting command carries every change made while it waited.
ALTER TABLE channel_stock ADD COLUMN queued_priority smallint;      -- the waiting command's priority; NULL: none waits
ALTER TABLE channel_stock ADD COLUMN queued_at       timestamptz;   -- when it was sent
