-- The language a user reads the admin and tsuzuri's e-mails in; NULL follows the browser
-- (Accept-Language), then the host's default language.
ALTER TABLE users ADD COLUMN lang TEXT;
