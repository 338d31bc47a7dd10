-- Host-wide settings (the sign-up policy, …) as key/value pairs.
CREATE TABLE host_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Invite links made by host administrators; stored hashed, used once.
CREATE TABLE invites (
    token_hash TEXT    PRIMARY KEY,
    created_by BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
);
