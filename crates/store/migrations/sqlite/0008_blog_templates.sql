-- Owners' customised templates: the last version that compiled and rendered, per name.
CREATE TABLE blog_templates (
    blog_id    INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (blog_id, name)
);
-- Bumped with every change to a blog's templates, so every node rebuilds its renderer.
ALTER TABLE blogs ADD COLUMN templates_version INTEGER NOT NULL DEFAULT 0;
