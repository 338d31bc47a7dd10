-- Received pings: why one was held, the encoding it came in; and the blog's ping policy
-- (verify: shown when the source links to the entry; moderated; open; closed).
ALTER TABLE pings ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE pings ADD COLUMN encoding TEXT NOT NULL DEFAULT '';
CREATE INDEX pings_by_ip ON pings (ip, created_at);
CREATE INDEX pings_by_blog_status ON pings (blog_id, status, created_at);
ALTER TABLE blogs ADD COLUMN ping_policy TEXT NOT NULL DEFAULT 'verify';
