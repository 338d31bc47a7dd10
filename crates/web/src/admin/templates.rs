//! Admin pages of a blog's own templates: the list, the editor (errors shown with their
//! line, the typed source kept), and reverting to the built-in theme. Owners only.

use super::session::{FormToken, Posted, RequestOrigins, Session};
use super::views::{BlogView, Frame, errors_by_field};
use super::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tsuzuri_app::templates::{MAX_TEMPLATE_BYTES, TemplateForEdit};
use tsuzuri_core::origins::Origins;

#[derive(Serialize)]
struct TemplatesView<'a> {
    blog: BlogView<'a>,
    templates: Vec<TemplateLine<'a>>,
    any_customised: bool,
    last_error: Option<String>,
}

#[derive(Serialize)]
struct TemplateLine<'a> {
    name: &'a str,
    customised: bool,
    /// Included by the others (`_sidebar.html`), not a page of its own.
    partial: bool,
}

pub(super) async fn list(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    let overview = s.app.blog_templates(&who, &slug).await?;
    let notice = match q.done.as_deref() {
        Some("reverted") => Some(crate::ui::tr("templates-reverted")),
        Some("saved") => Some(crate::ui::tr("templates-saved")),
        _ => None,
    };
    let view = TemplatesView {
        blog: BlogView::of(&overview.blog, &origins),
        templates: overview
            .templates
            .iter()
            .map(|t| TemplateLine {
                name: t.name,
                customised: t.customised,
                partial: t.name.starts_with('_'),
            })
            .collect(),
        any_customised: overview.templates.iter().any(|t| t.customised),
        last_error: overview.last_error.clone(),
    };
    let frame = Frame::new(&who, view).with_notice(notice);
    Ok(page(&s, StatusCode::OK, "admin/templates.html", frame))
}

#[derive(Deserialize, Default)]
pub(super) struct NoticeQuery {
    #[serde(default)]
    done: Option<String>,
}

#[derive(Serialize)]
struct TemplateEditor<'a> {
    blog: BlogView<'a>,
    name: &'a str,
    source: &'a str,
    customised: bool,
    errors: BTreeMap<&'a str, String>,
    max_kb: usize,
}

impl<'a> TemplateEditor<'a> {
    fn new(
        t: &'a TemplateForEdit,
        origins: &Origins,
        source: &'a str,
        errors: &'a [(String, String)],
    ) -> Self {
        TemplateEditor {
            blog: BlogView::of(&t.blog, origins),
            name: t.name,
            source,
            customised: t.customised,
            errors: errors_by_field(errors),
            max_kb: MAX_TEMPLATE_BYTES / 1024,
        }
    }
}

pub(super) async fn edit(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, name)): Path<(String, String)>,
) -> Result<Response, HttpError> {
    let t = s.app.template_for_edit(&who, &slug, &name).await?;
    let view = TemplateEditor::new(&t, &origins, &t.source, &[]);
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/template_form.html",
        Frame::new(&who, view),
    ))
}

#[derive(Deserialize)]
pub(super) struct TemplateFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    source: String,
}

impl FormToken for TemplateFields {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}

pub(super) async fn save(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, name)): Path<(String, String)>,
    Posted(who, f): Posted<TemplateFields>,
) -> Result<Response, HttpError> {
    match s.app.save_template(&who, &slug, &name, &f.source).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/{slug}/templates?done=saved")).into_response()),
        Err(Error::InvalidForm(errors)) => {
            // The owner's text comes back as typed, with the error above it.
            let t = s.app.template_for_edit(&who, &slug, &name).await?;
            let view = TemplateEditor::new(&t, &origins, &f.source, &errors);
            let frame = Frame::new(&who, view);
            Ok(page(
                &s,
                StatusCode::BAD_REQUEST,
                "admin/template_form.html",
                frame,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn revert_one(
    State(s): State<AppState>,
    Path((slug, name)): Path<(String, String)>,
    Posted(who, _): Posted<CsrfForm>,
) -> Result<Response, HttpError> {
    s.app.revert_templates(&who, &slug, Some(&name)).await?;
    Ok(Redirect::to(&format!("/admin/{slug}/templates?done=reverted")).into_response())
}

pub(super) async fn revert_all(
    State(s): State<AppState>,
    Path(slug): Path<String>,
    Posted(who, _): Posted<CsrfForm>,
) -> Result<Response, HttpError> {
    s.app.revert_templates(&who, &slug, None).await?;
    Ok(Redirect::to(&format!("/admin/{slug}/templates?done=reverted")).into_response())
}
