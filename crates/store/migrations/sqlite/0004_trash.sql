-- Deleting an entry moves it to the trash (status 'trash'), from which it can be restored
-- with the status it had, until it is purged 30 days later.
ALTER TABLE entries ADD COLUMN trashed_at BIGINT;
ALTER TABLE entries ADD COLUMN trashed_status TEXT;
