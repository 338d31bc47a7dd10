-- Public entry counts per month and per category, kept up to date in the transaction of
-- every entry write, so a page's sidebar never counts a blog's entries.
CREATE TABLE blog_month_counts (
    blog_id        BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    month_key      BIGINT NOT NULL,
    public_entries BIGINT NOT NULL,
    PRIMARY KEY (blog_id, month_key)
);
ALTER TABLE categories ADD COLUMN public_entries BIGINT NOT NULL DEFAULT 0;
-- The counts are right until this time (a scheduled entry's), NULL: not counted yet. Pages
-- count live while it has passed, until the watcher recounts the blog.
ALTER TABLE blogs ADD COLUMN counts_until BIGINT;
CREATE INDEX blogs_counts_until ON blogs (counts_until);
