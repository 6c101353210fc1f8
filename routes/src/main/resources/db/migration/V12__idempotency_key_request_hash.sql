-- The same Idempotency-Key with a different request is refused (422), not answered with the first
-- request's answer: each receipt keeps the SHA-256 of what it answered (kind and raw body).
-- Receipts stored before this column have none and keep answering as before.
ALTER TABLE webhook_receipt ADD COLUMN request_sha256 text;
