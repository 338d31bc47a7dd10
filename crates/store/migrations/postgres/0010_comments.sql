-- Comments from readers: threading, signed-in commenters, why a comment was held.
ALTER TABLE comments ADD COLUMN parent_id BIGINT REFERENCES comments(id) ON DELETE SET NULL;
ALTER TABLE comments ADD COLUMN user_id BIGINT REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE comments ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
CREATE INDEX comments_by_ip ON comments (ip, created_at);
CREATE INDEX comments_by_blog_status ON comments (blog_id, status, created_at);
-- Per-blog comment policy: open, moderated, signed_in, closed; and closing after N days (0: never).
ALTER TABLE blogs ADD COLUMN comment_policy TEXT NOT NULL DEFAULT 'open';
ALTER TABLE blogs ADD COLUMN comments_close_days BIGINT NOT NULL DEFAULT 0;
