-- A secret per blog for the private Atom feed of its moderation queue (feed readers cannot
-- sign in, so the address itself is the credential); empty until the owner first needs it.
ALTER TABLE blogs ADD COLUMN queue_feed_key TEXT NOT NULL DEFAULT '';
