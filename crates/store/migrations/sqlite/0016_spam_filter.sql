-- The learning spam filter: how often each feature (a hashed character n-gram or link host)
-- appeared in comments and pings owners approved (ham) or marked as spam. blog_id 0 holds
-- the host-wide counts, learned from every blog's decisions.
CREATE TABLE spam_features (
    blog_id INTEGER NOT NULL,
    feature INTEGER NOT NULL,
    spam    INTEGER NOT NULL DEFAULT 0,
    ham     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (blog_id, feature)
);
-- How many texts of each kind were learned, per blog (0: host-wide).
CREATE TABLE spam_totals (
    blog_id INTEGER PRIMARY KEY,
    spam    INTEGER NOT NULL DEFAULT 0,
    ham     INTEGER NOT NULL DEFAULT 0
);
-- What each comment and ping taught the filter ('', 'spam' or 'ham'), so that a changed
-- decision is unlearned before it is learned again.
ALTER TABLE comments ADD COLUMN trained TEXT NOT NULL DEFAULT '';
ALTER TABLE pings ADD COLUMN trained TEXT NOT NULL DEFAULT '';
