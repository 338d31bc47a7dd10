-- Old paths of renamed categories, so their archive URLs answer 301 with the new one.
CREATE TABLE category_redirects (
    blog_id     BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
    old_path    TEXT    NOT NULL,
    category_id BIGINT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (blog_id, old_path)
);
