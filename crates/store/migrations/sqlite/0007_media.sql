-- Uploaded files. The bytes live in the media store (data directory or S3) under
-- "{blog_id}/{path}"; readers fetch them at /media/{blog slug}/{path}.
CREATE TABLE media (
    id            INTEGER PRIMARY KEY,
    blog_id       INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    uploaded_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    path          TEXT    NOT NULL,
    original_name TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    byte_size     INTEGER NOT NULL,
    width         INTEGER,
    height        INTEGER,
    thumb_path    TEXT,
    medium_path   TEXT,
    alt_text      TEXT    NOT NULL DEFAULT '',
    sha256        TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (blog_id, path)
);
CREATE INDEX media_by_blog ON media (blog_id, created_at DESC, id DESC);
