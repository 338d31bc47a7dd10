-- The host-wide content version at a blog's last public change: a node that last saw
-- version V drops the cached pages of exactly the blogs whose version is above V.
ALTER TABLE blogs ADD COLUMN content_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX blogs_content_version ON blogs (content_version);
