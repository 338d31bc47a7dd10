-- Pings this host sends for its entries: one row per linked page (or TrackBack URL the
-- author listed), with how it was sent and what the other side answered, so the editor can
-- show per-target results and an update knows what was already sent.
CREATE TABLE outbound_pings (
    id         INTEGER PRIMARY KEY,
    blog_id    INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    target     TEXT    NOT NULL,
    listed     BOOLEAN NOT NULL DEFAULT FALSE,
    protocol   TEXT    NOT NULL DEFAULT '',
    endpoint   TEXT    NOT NULL DEFAULT '',
    status     TEXT    NOT NULL DEFAULT 'queued',
    message    TEXT    NOT NULL DEFAULT '',
    attempts   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (entry_id, target)
);
-- Where a received ping came from, for the per-source-host rate limit.
ALTER TABLE pings ADD COLUMN source_host TEXT NOT NULL DEFAULT '';
CREATE INDEX pings_source_host ON pings (source_host, created_at);
