-- Unsaved entries waiting to be shown on the blog origin: the editor stores the draft here
-- and sends the browser to a short-lived address whose secret only it knows (the SHA-256 of
-- that secret is the key), so an owner's template never runs on the admin origin.
CREATE TABLE previews (
    token_hash TEXT PRIMARY KEY,
    blog_id BIGINT NOT NULL REFERENCES blogs (id) ON DELETE CASCADE,
    payload TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX previews_expiry ON previews (expires_at);
