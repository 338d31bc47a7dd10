-- Host-wide blocklists kept by the host administrators: addresses, domains and words that
-- comments and pings must not come from or contain.
CREATE TABLE blocklist (
    kind       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (kind, value)
);
