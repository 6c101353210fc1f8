-- Hubs sharing this database (issue 19): a hub is a member while its leadership session is alive
-- (joined to pg_stat_activity by pid and backend start, so a dead hub drops out the moment its
-- session ends), and leads a namespace (a channel instance, a cluster-wide timer) while it holds
-- that namespace's advisory lock. The epoch rises at every change of hands; writes that only the
-- leader may make carry it and are refused once it has moved on.
CREATE TABLE cluster_member (
    member_id     text        PRIMARY KEY,
    pid           integer     NOT NULL,
    backend_start timestamptz NOT NULL,
    joined_at     timestamptz NOT NULL
);

CREATE TABLE cluster_leadership (
    namespace text        PRIMARY KEY,
    epoch     bigint      NOT NULL,
    member_id text        NOT NULL,
    since     timestamptz NOT NULL
);
