-- The durable job queue: work done after a request has been answered (verifying a
-- Webmention now; sending pings later). A job is claimed by setting locked_until, so a
-- worker that dies releases it when the lease runs out; failures retry with backoff.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    run_at       INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    last_error   TEXT    NOT NULL DEFAULT '',
    failed_at    INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at, id);
-- Webmentions: what kind of response the source is (reply, like, repost, mention) and who wrote it.
ALTER TABLE pings ADD COLUMN mention_type TEXT NOT NULL DEFAULT '';
ALTER TABLE pings ADD COLUMN author_name TEXT NOT NULL DEFAULT '';
