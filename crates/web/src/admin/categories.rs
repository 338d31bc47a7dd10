//! Admin page of a blog's categories: rename, change the slug (old addresses redirect).

use super::*;
use tsuzuri_app::categories::CategoryForm;

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

async fn categories_page(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    slug: &str,
    failed: Option<Refused<'_>>,
    notice: Option<String>,
) -> Response {
    let (blog, categories) = match s.app.categories_for_admin(who, slug).await {
        Ok(c) => c,
        Err(e) => return HttpError(e).into_response(),
    };
    let rows: Vec<_> = categories
        .iter()
        .map(|c| {
            let (label, slug, errors) = match &failed {
                Some(Refused { id, form, errors }) if *id == c.id => (
                    form.label.clone(),
                    form.slug.clone(),
                    errors
                        .iter()
                        .map(|(f, m)| (f.clone(), json!(crate::ui::say(m))))
                        .collect::<serde_json::Map<_, _>>(),
                ),
                _ => (c.label.clone(), c.slug.clone(), Default::default()),
            };
            json!({
                "id": c.id, "label": label, "slug": slug, "errors": errors,
                "depth": c.path.matches('/').count(),
                "url": format!("/{}/{}", blog.slug, tsuzuri_app::site::encode_path(&tsuzuri_core::permalink::category_path(&c.path))),
            })
        })
        .collect();
    page(
        s,
        status,
        "admin/categories.html",
        json!({
            "user": user_json(who), "csrf": who.csrf_token, "notice": notice,
            "blog": { "slug": blog.slug, "title": blog.title },
            "categories": rows,
        }),
    )
}

pub(super) async fn list(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/categories")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let notice = q.saved.map(|_| crate::ui::tr("categories-saved"));
    categories_page(&s, StatusCode::OK, &who, &slug, None, notice).await
}

#[derive(Deserialize)]
pub(super) struct CategoryFields {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: CategoryForm,
}

pub(super) async fn rename(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CategoryFields>,
) -> Response {
    let back = format!("/admin/{slug}/categories");
    let who = match signed_in_for_post(&s, &headers, &back, &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.rename_category(&who, &slug, id, &f.form).await {
        Ok(_) => Redirect::to(&format!("{back}?saved=1")).into_response(),
        Err(Error::InvalidForm(errors)) => {
            categories_page(
                &s,
                StatusCode::BAD_REQUEST,
                &who,
                &slug,
                Some(Refused {
                    id,
                    form: &f.form,
                    errors: &errors,
                }),
                None,
            )
            .await
        }
        Err(e) => HttpError(e).into_response(),
    }
}
