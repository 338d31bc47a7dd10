-- tsuzuri schema, SQLite flavour. Times are Unix seconds (UTC); booleans are 0/1.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL UNIQUE,
    email         TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    is_admin      BOOLEAN NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE blogs (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    lang        TEXT    NOT NULL,
    timezone    TEXT    NOT NULL,
    owner_id    INTEGER NOT NULL REFERENCES users(id),
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    blog_id   INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES categories(id) ON DELETE CASCADE,
    label     TEXT    NOT NULL,
    slug      TEXT    NOT NULL,
    path      TEXT    NOT NULL,
    position  BIGINT  NOT NULL DEFAULT 0,
    UNIQUE (blog_id, path)
);

CREATE TABLE entries (
    id             INTEGER PRIMARY KEY,
    blog_id        INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    author_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    author_name    TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    basename       TEXT    NOT NULL,
    path           TEXT    NOT NULL,
    month_key      BIGINT  NOT NULL,
    status         TEXT    NOT NULL,
    text_format    TEXT    NOT NULL,
    allow_comments BOOLEAN NOT NULL,
    allow_pings    BOOLEAN NOT NULL,
    authored_on    BIGINT  NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    excerpt        TEXT    NOT NULL,
    keywords       TEXT    NOT NULL,
    extra          TEXT    NOT NULL DEFAULT '[]',
    UNIQUE (blog_id, path)
);
CREATE INDEX entries_public ON entries (blog_id, status, authored_on DESC, id DESC);
CREATE INDEX entries_recent ON entries (status, authored_on DESC);
-- Covering index for the sidebar's monthly counts.
CREATE INDEX entries_months ON entries (blog_id, status, month_key, authored_on);

-- The texts of an entry live apart from its metadata: listings, sidebars and neighbour
-- lookups then walk small rows, and only the pages that show a body read one.
CREATE TABLE entry_texts (
    entry_id    INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    body_html   TEXT    NOT NULL,
    more_html   TEXT    NOT NULL,
    body_source TEXT    NOT NULL,
    more_source TEXT    NOT NULL
);

CREATE TABLE entry_categories (
    entry_id    INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    is_primary  BOOLEAN NOT NULL,
    position    BIGINT  NOT NULL,
    PRIMARY KEY (entry_id, category_id)
);
CREATE INDEX entry_categories_category ON entry_categories (category_id, entry_id);

CREATE TABLE tags (
    id      INTEGER PRIMARY KEY,
    blog_id INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    name    TEXT    NOT NULL,
    UNIQUE (blog_id, name)
);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    position BIGINT  NOT NULL,
    PRIMARY KEY (entry_id, tag_id)
);
CREATE INDEX entry_tags_tag ON entry_tags (tag_id);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    blog_id    INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    author     TEXT    NOT NULL,
    email      TEXT    NOT NULL,
    url        TEXT    NOT NULL,
    ip         TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX comments_entry ON comments (entry_id, created_at, id);

CREATE TABLE pings (
    id         INTEGER PRIMARY KEY,
    blog_id    INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    url        TEXT    NOT NULL,
    blog_name  TEXT    NOT NULL,
    excerpt    TEXT    NOT NULL,
    ip         TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX pings_entry ON pings (entry_id, created_at, id);

-- One row; bumped in the same transaction as every write that changes public pages, so
-- every server process (and node) can tell that its page cache is stale.
CREATE TABLE content_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 0);
