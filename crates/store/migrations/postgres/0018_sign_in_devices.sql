-- Browsers that have signed in to an account before, known by a long-lived cookie whose
-- SHA-256 is kept here: failed passwords from strangers lock a login for a while, but never
-- for the devices its owner really uses.
CREATE TABLE sign_in_devices (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX sign_in_devices_last_used ON sign_in_devices (last_used_at);
