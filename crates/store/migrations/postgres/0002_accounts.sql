-- Accounts: sessions kept in the database (so several nodes share them), one-time setup
-- tokens, sign-in failure counters for rate limiting, and who may act on which blog.

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: a leaked database does not hand out sessions.
    token_hash TEXT    PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE setup_tokens (
    token_hash TEXT   PRIMARY KEY,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);

CREATE TABLE sign_in_failures (
    -- "login:NAME" or "ip:ADDRESS"
    key          TEXT   PRIMARY KEY,
    window_start BIGINT NOT NULL,
    failures     BIGINT NOT NULL
);

CREATE TABLE blog_members (
    blog_id BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- owner, editor or author
    role    TEXT    NOT NULL,
    PRIMARY KEY (blog_id, user_id)
);
CREATE INDEX blog_members_user ON blog_members (user_id);

INSERT INTO blog_members (blog_id, user_id, role) SELECT id, owner_id, 'owner' FROM blogs;
