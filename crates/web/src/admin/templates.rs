//! Admin pages of a blog's own templates: the list, the editor (errors shown with their
//! line, the typed source kept), and reverting to the built-in theme. Owners only.

use super::*;

pub(super) async fn list(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/templates")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let overview = match s.app.blog_templates(&who, &slug).await {
        Ok(o) => o,
        Err(e) => return HttpError(e).into_response(),
    };
    let templates: Vec<_> = overview
        .templates
        .iter()
        .map(|t| {
            json!({
                "name": t.name,
                "customised": t.customised,
                "partial": t.name.starts_with('_'),
            })
        })
        .collect();
    let notice = match q.done.as_deref() {
        Some("reverted") => Some(crate::ui::tr("templates-reverted")),
        Some("saved") => Some(crate::ui::tr("templates-saved")),
        _ => None,
    };
    page(
        &s,
        StatusCode::OK,
        "admin/templates.html",
        json!({
            "user": user_json(&who), "csrf": who.csrf_token, "notice": notice,
            "blog": { "slug": overview.blog.slug, "title": overview.blog.title, "theme": overview.blog.theme },
            "templates": templates,
            "any_customised": overview.templates.iter().any(|t| t.customised),
            "last_error": overview.last_error,
        }),
    )
}

#[derive(Deserialize, Default)]
pub(super) struct NoticeQuery {
    #[serde(default)]
    done: Option<String>,
}

fn editor(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    t: &tsuzuri_app::templates::TemplateForEdit,
    source: &str,
    errors: &[(String, String)],
) -> Response {
    let errors: serde_json::Map<String, serde_json::Value> = errors
        .iter()
        .map(|(f, m)| (f.clone(), json!(crate::ui::say(m))))
        .collect();
    page(
        s,
        status,
        "admin/template_form.html",
        json!({
            "user": user_json(who), "csrf": who.csrf_token, "notice": null,
            "blog": { "slug": t.blog.slug, "title": t.blog.title, "theme": t.blog.theme },
            "name": t.name, "source": source, "customised": t.customised, "errors": errors,
            "max_kb": tsuzuri_app::templates::MAX_TEMPLATE_BYTES / 1024,
        }),
    )
}

pub(super) async fn edit(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, name)): Path<(String, String)>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/templates/{name}")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.template_for_edit(&who, &slug, &name).await {
        Ok(t) => editor(&s, StatusCode::OK, &who, &t, &t.source, &[]),
        Err(e) => HttpError(e).into_response(),
    }
}

#[derive(Deserialize)]
pub(super) struct TemplateFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    source: String,
}

pub(super) async fn save(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, name)): Path<(String, String)>,
    Form(f): Form<TemplateFields>,
) -> Response {
    let back = format!("/admin/{slug}/templates/{name}");
    let who = match signed_in_for_post(&s, &headers, &back, &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.save_template(&who, &slug, &name, &f.source).await {
        Ok(()) => Redirect::to(&format!("/admin/{slug}/templates?done=saved")).into_response(),
        Err(Error::InvalidForm(errors)) => {
            match s.app.template_for_edit(&who, &slug, &name).await {
                // The owner's text comes back as typed, with the error above it.
                Ok(t) => editor(&s, StatusCode::BAD_REQUEST, &who, &t, &f.source, &errors),
                Err(e) => HttpError(e).into_response(),
            }
        }
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) async fn revert_one(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, name)): Path<(String, String)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    revert(s, headers, slug, Some(name), f.csrf).await
}

pub(super) async fn revert_all(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    revert(s, headers, slug, None, f.csrf).await
}

async fn revert(
    s: AppState,
    headers: HeaderMap,
    slug: String,
    name: Option<String>,
    csrf: String,
) -> Response {
    let back = format!("/admin/{slug}/templates");
    let who = match signed_in_for_post(&s, &headers, &back, &csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.revert_templates(&who, &slug, name.as_deref()).await {
        Ok(_) => Redirect::to(&format!("{back}?done=reverted")).into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}
