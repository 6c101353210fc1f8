-- The per-window count check: what the platform said the window held, and how many of those
-- the pull did not see (0 when every order arrived).
ALTER TABLE pull_window ADD COLUMN reported_total integer;
ALTER TABLE pull_window ADD COLUMN gap integer NOT NULL DEFAULT 0;
