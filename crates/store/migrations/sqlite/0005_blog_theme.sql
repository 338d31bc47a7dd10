-- The built-in theme a blog is shown with ("classic" or "minimal").
ALTER TABLE blogs ADD COLUMN theme TEXT NOT NULL DEFAULT 'classic';
