//! Managing a blog's categories: their labels and the slugs in their archive addresses.
//! Owners and editors may; authors only file entries under them.

use crate::accounts::SignedIn;
use crate::{App, Error, now};
use tsuzuri_core::BlogId;
use tsuzuri_core::Role;
pub use tsuzuri_store::CategoryRow;
use tsuzuri_store::MemberBlogRow;

/// The form of one category, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CategoryForm {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub slug: String,
}

impl App {
    async fn category_manager(&self, who: &SignedIn, slug: &str) -> Result<MemberBlogRow, Error> {
        let blog = self.managed_blog(who, slug).await?;
        if !who.is_admin && blog.role == Role::Author {
            return Err(Error::Forbidden(crate::catalog_id("categories-forbidden")));
        }
        Ok(blog)
    }

    /// The blog's categories, parents before their children.
    pub async fn categories_for_admin(
        &self,
        who: &SignedIn,
        slug: &str,
    ) -> Result<(MemberBlogRow, Vec<CategoryRow>), Error> {
        let blog = self.category_manager(who, slug).await?;
        let categories = self.store.categories_of_blog(BlogId(blog.id)).await?;
        Ok((blog, categories))
    }

    /// Changes a category's label and slug. An empty slug is made from the label. The old
    /// archive address (and those of its subcategories) answers 301 with the new one.
    pub async fn rename_category(
        &self,
        who: &SignedIn,
        slug: &str,
        category_id: i64,
        form: &CategoryForm,
    ) -> Result<CategoryRow, Error> {
        let blog = self.category_manager(who, slug).await?;
        let label = form.label.trim();
        let mut errors = Vec::new();
        if label.is_empty() || label.chars().count() > 100 {
            errors.push((
                "label".to_string(),
                crate::catalog_id("categories-label-invalid"),
            ));
        }
        let new_slug = match form.slug.trim() {
            "" => tsuzuri_core::slug::category_slug(label),
            s => tsuzuri_core::slug::slugify(s, '-', 60),
        };
        if new_slug.is_empty() || form.slug.trim().contains('/') {
            errors.push((
                "slug".to_string(),
                crate::catalog_id("categories-slug-invalid"),
            ));
        }
        if !errors.is_empty() {
            return Err(Error::InvalidForm(errors));
        }
        let row = self
            .store
            .rename_category(BlogId(blog.id), category_id, label, &new_slug, now())
            .await
            .map_err(|e| match e {
                tsuzuri_store::StoreError::Conflict(m) => {
                    Error::InvalidForm(vec![("slug".into(), m)])
                }
                e => e.into(),
            })?
            .ok_or_else(|| Error::NotFound(crate::catalog_id("categories-not-found")))?;
        self.blog_changed(&blog.slug);
        Ok(row)
    }
}
