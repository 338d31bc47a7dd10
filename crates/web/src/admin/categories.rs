//! Admin page of a blog's categories: rename, change the slug (old addresses redirect).

use super::session::{FormToken, Posted, RequestOrigins, Session};
use super::views::{BlogView, Frame, errors_by_field};
use super::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tsuzuri_app::categories::CategoryForm;
use tsuzuri_core::origins::Origins;
use tsuzuri_core::permalink::{category_path, encode_path};

#[derive(Deserialize, Default)]
pub(super) struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// A category form that was refused: which category, what was typed, what was wrong.
struct Refused<'a> {
    id: i64,
    form: &'a CategoryForm,
    errors: &'a [(String, String)],
}

#[derive(Serialize)]
struct CategoriesView<'a> {
    blog: BlogView<'a>,
    categories: Vec<CategoryLine<'a>>,
}

/// One category's form: as stored, or as typed when it was refused.
#[derive(Serialize)]
struct CategoryLine<'a> {
    id: i64,
    label: &'a str,
    slug: &'a str,
    errors: BTreeMap<&'a str, String>,
    depth: usize,
    /// Its archive, on the blog origin.
    url: String,
}

impl<'a> CategoryLine<'a> {
    /// The line of `c`, showing what was typed when `failed` is about it.
    fn of(
        c: &'a tsuzuri_app::categories::CategoryRow,
        blog_slug: &str,
        origins: &Origins,
        failed: Option<&Refused<'a>>,
    ) -> Self {
        let url = format!(
            "{}{}",
            origins.blog_url(blog_slug),
            encode_path(&category_path(&c.path))
        );
        let (label, slug, errors) = match failed {
            Some(r) if r.id == c.id => (&r.form.label, &r.form.slug, errors_by_field(r.errors)),
            _ => (&c.label, &c.slug, BTreeMap::new()),
        };
        CategoryLine {
            id: c.id,
            label,
            slug,
            errors,
            depth: c.path.matches('/').count(),
            url,
        }
    }
}

async fn categories_page(
    s: &AppState,
    (who, origins): (&SignedIn, &Origins),
    slug: &str,
    failed: Option<Refused<'_>>,
    notice: Option<String>,
) -> Result<Response, HttpError> {
    let (blog, categories) = s.app.categories_for_admin(who, slug).await?;
    let lines = categories
        .iter()
        .map(|c| CategoryLine::of(c, &blog.slug, origins, failed.as_ref()))
        .collect();
    let view = CategoriesView {
        blog: BlogView::of(&blog, origins),
        categories: lines,
    };
    let status = if failed.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let frame = Frame::new(who, view).with_notice(notice);
    Ok(page(s, status, "admin/categories.html", frame))
}

pub(super) async fn list(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, HttpError> {
    let notice = q.saved.map(|_| crate::ui::tr("categories-saved"));
    categories_page(&s, (&who, &origins), &slug, None, notice).await
}

#[derive(Deserialize)]
pub(super) struct CategoryFields {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: CategoryForm,
}

impl FormToken for CategoryFields {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}

pub(super) async fn rename(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, id)): Path<(String, i64)>,
    Posted(who, f): Posted<CategoryFields>,
) -> Result<Response, HttpError> {
    match s.app.rename_category(&who, &slug, id, &f.form).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/{slug}/categories?saved=1")).into_response()),
        Err(Error::InvalidForm(errors)) => {
            let refused = Refused {
                id,
                form: &f.form,
                errors: &errors,
            };
            categories_page(&s, (&who, &origins), &slug, Some(refused), None).await
        }
        Err(e) => Err(e.into()),
    }
}
