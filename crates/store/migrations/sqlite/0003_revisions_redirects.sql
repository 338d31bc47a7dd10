-- Every save of an entry from the editor keeps a revision (the form as saved, as JSON), so
-- any earlier state can be compared and restored.
CREATE TABLE entry_revisions (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    saved_by   TEXT    NOT NULL,
    data       TEXT    NOT NULL
);
CREATE INDEX entry_revisions_entry ON entry_revisions (entry_id, id);

-- Old permalinks of entries whose basename or date changed: readers and links from other
-- sites keep working through a 301 to the current URL.
CREATE TABLE entry_redirects (
    blog_id    INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    old_path   TEXT    NOT NULL,
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (blog_id, old_path)
);
