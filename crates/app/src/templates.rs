//! Owners' own templates: edit a page template of the blog's theme in the browser, tried on
//! sample pages before it is saved (so a broken template never reaches readers), with the
//! error's line shown to the owner; one click goes back to the built-in theme. Readers'
//! pages are rendered with a per-blog renderer built when the templates change.

use crate::accounts::SignedIn;
use crate::{App, Error, now};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tsuzuri_core::BlogId;
use tsuzuri_render::{RenderError, Renderer, THEME_TEMPLATE_NAMES, builtin_theme_source};
use tsuzuri_store::{BlogRow, MemberBlogRow};

/// Largest template source accepted.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// A blog's renderer as built for one version of its templates and one theme; None when
/// nothing is customised.
struct BuiltRenderer {
    templates_version: i64,
    theme: String,
    renderer: Option<Arc<Renderer>>,
}

/// Renderers of blogs with customised templates, and the last error each hit on a real page.
#[derive(Default)]
pub(crate) struct CustomThemes {
    renderers: Mutex<HashMap<i64, BuiltRenderer>>,
    errors: Mutex<HashMap<i64, String>>,
}

/// One template of the blog's theme, as the templates page lists it.
pub struct TemplateSummary {
    pub name: &'static str,
    pub customised: bool,
    pub updated_at: Option<i64>,
}

pub struct TemplatesOverview {
    pub blog: MemberBlogRow,
    pub templates: Vec<TemplateSummary>,
    /// The last error a customised template raised on a real page (readers were then
    /// shown the built-in theme), on this node.
    pub last_error: Option<String>,
}

pub struct TemplateForEdit {
    pub blog: MemberBlogRow,
    pub name: &'static str,
    pub source: String,
    pub customised: bool,
}

fn known_name(name: &str) -> Result<&'static str, Error> {
    THEME_TEMPLATE_NAMES
        .iter()
        .copied()
        .find(|n| *n == name)
        .ok_or_else(|| {
            let names = THEME_TEMPLATE_NAMES.join(", ");
            Error::NotFound(tsuzuri_core::message::message(
                "no-such-template",
                &[("name", &name), ("names", &names)],
            ))
        })
}

impl App {
    /// The theme's templates and which of them the owner has customised.
    pub async fn blog_templates(
        &self,
        who: &SignedIn,
        slug: &str,
    ) -> Result<TemplatesOverview, Error> {
        let blog = self.owned_blog(who, slug).await?;
        let stored = self.store.blog_templates(BlogId(blog.id)).await?;
        let templates = THEME_TEMPLATE_NAMES
            .iter()
            .map(|name| {
                let row = stored.iter().find(|r| r.name == *name);
                TemplateSummary {
                    name,
                    customised: row.is_some(),
                    updated_at: row.map(|r| r.updated_at),
                }
            })
            .collect();
        let last_error = self
            .custom_themes
            .errors
            .lock()
            .ok()
            .and_then(|e| e.get(&blog.id).cloned());
        Ok(TemplatesOverview {
            blog,
            templates,
            last_error,
        })
    }

    /// A template's current source: the owner's version, or the built-in theme's.
    pub async fn template_for_edit(
        &self,
        who: &SignedIn,
        slug: &str,
        name: &str,
    ) -> Result<TemplateForEdit, Error> {
        let blog = self.owned_blog(who, slug).await?;
        let name = known_name(name)?;
        let stored = self.store.blog_templates(BlogId(blog.id)).await?;
        let (source, customised) = match stored.into_iter().find(|r| r.name == name) {
            Some(r) => (r.source, true),
            None => (
                builtin_theme_source(&blog.theme, name)
                    .unwrap_or_default()
                    .to_owned(),
                false,
            ),
        };
        Ok(TemplateForEdit {
            blog,
            name,
            source,
            customised,
        })
    }

    /// Saves an owner's template if it compiles and renders the sample pages together with
    /// the blog's other customised templates. Otherwise nothing changes, and the error comes
    /// back as `source` (a line for the form) and `source_detail` (the engine's report with
    /// the lines around the fault).
    pub async fn save_template(
        &self,
        who: &SignedIn,
        slug: &str,
        name: &str,
        source: &str,
    ) -> Result<(), Error> {
        let blog = self.owned_blog(who, slug).await?;
        let name = known_name(name)?;
        if source.len() > MAX_TEMPLATE_BYTES {
            return Err(Error::InvalidForm(vec![(
                "source".into(),
                crate::catalog_id("templates-too-large"),
            )]));
        }
        let source = source.replace("\r\n", "\n");
        let mut templates: Vec<(String, String)> = self
            .store
            .blog_templates(BlogId(blog.id))
            .await?
            .into_iter()
            .filter(|r| r.name != name)
            .map(|r| (r.name, r.source))
            .collect();
        templates.push((name.to_owned(), source.clone()));
        let tried = self
            .theme(&blog.theme)
            .with_overrides(templates)
            .and_then(|r| r.check_pages());
        if let Err(e) = tried {
            let summary = match e.location() {
                Some((template, line)) => tsuzuri_core::message::message(
                    "templates-error-at",
                    &[
                        ("line", &line),
                        ("template", &template),
                        ("error", &first_line(&e)),
                    ],
                ),
                None => first_line(&e),
            };
            return Err(Error::InvalidForm(vec![
                ("source".into(), summary),
                (
                    "source_note".into(),
                    crate::catalog_id("templates-nothing-saved"),
                ),
                ("source_detail".into(), e.detail()),
            ]));
        }
        self.store
            .save_blog_template(BlogId(blog.id), name, &source, now())
            .await?;
        self.forget_template_error(blog.id);
        self.blog_changed(&blog.slug);
        Ok(())
    }

    /// Goes back to the built-in theme for one template, or for all (`None`).
    pub async fn revert_templates(
        &self,
        who: &SignedIn,
        slug: &str,
        name: Option<&str>,
    ) -> Result<u64, Error> {
        let blog = self.owned_blog(who, slug).await?;
        let name = name.map(known_name).transpose()?;
        let n = self
            .store
            .delete_blog_templates(BlogId(blog.id), name)
            .await?;
        self.forget_template_error(blog.id);
        self.blog_changed(&blog.slug);
        Ok(n)
    }

    fn forget_template_error(&self, blog_id: i64) {
        if let Ok(mut errors) = self.custom_themes.errors.lock() {
            errors.remove(&blog_id);
        }
    }

    /// Renders with the blog's customised templates when it has any; if they fail on this
    /// page (a case the sample pages did not cover), readers get the built-in theme and the
    /// owner sees the error on the templates page.
    pub(crate) async fn render_for_blog<T>(
        &self,
        row: &BlogRow,
        render: impl Fn(&Renderer) -> Result<T, RenderError>,
    ) -> Result<T, Error> {
        if row.templates_version != 0 {
            match self.custom_renderer(row).await {
                Ok(Some(r)) => match render(&r) {
                    Ok(v) => return Ok(v),
                    Err(e) => self.template_failed(row, &e),
                },
                Ok(None) => {}
                Err(Error::Internal(m)) => {
                    tracing::warn!(blog = %row.slug, error = %m, "custom templates unusable");
                }
                Err(e) => return Err(e),
            }
        }
        Ok(render(self.theme(&row.theme))?)
    }

    fn template_failed(&self, row: &BlogRow, e: &RenderError) {
        tracing::warn!(blog = %row.slug, error = %e, "a customised template failed; serving the built-in theme");
        if let Ok(mut errors) = self.custom_themes.errors.lock() {
            errors.insert(row.id, e.detail());
        }
    }

    async fn custom_renderer(&self, row: &BlogRow) -> Result<Option<Arc<Renderer>>, Error> {
        if let Ok(cache) = self.custom_themes.renderers.lock()
            && let Some(built) = cache.get(&row.id)
            && built.templates_version == row.templates_version
            && built.theme == row.theme
        {
            return Ok(built.renderer.clone());
        }
        let stored = self.store.blog_templates(row.blog_id()).await?;
        let renderer = if stored.is_empty() {
            None
        } else {
            let r = self
                .theme(&row.theme)
                .with_overrides(stored.into_iter().map(|t| (t.name, t.source)))
                .map_err(|e| {
                    self.template_failed(row, &e);
                    Error::Internal(e.to_string())
                })?;
            Some(Arc::new(r))
        };
        if let Ok(mut cache) = self.custom_themes.renderers.lock() {
            cache.insert(
                row.id,
                BuiltRenderer {
                    templates_version: row.templates_version,
                    theme: row.theme.clone(),
                    renderer: renderer.clone(),
                },
            );
        }
        Ok(renderer)
    }
}

fn first_line(e: &RenderError) -> String {
    let s = e.to_string();
    let s = s.strip_prefix("template error: ").unwrap_or(&s);
    s.lines().next().unwrap_or("").trim().to_owned()
}
