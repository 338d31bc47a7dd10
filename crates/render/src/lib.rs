#![doc = include_str!("../README.md")]

mod assets;
mod body;
pub mod dates;
pub mod i18n;
mod labels;
mod safe_html;
mod text;
mod theme;
pub mod view;

// Sample pages: test data, and what an owner's templates are tried on before they are saved.
#[cfg_attr(not(test), allow(dead_code))]
mod fixtures;

pub use assets::{Asset, asset, asset_url, assets};
pub use body::{MAX_SOURCE_BYTES, check_body, render_body, sanitize_html};
pub use labels::{Labels, labels};
pub use safe_html::SafeHtml;
pub use text::{escape, plain_text_html};
pub use theme::{
    BUILTIN_TEMPLATES, FUEL, RECURSION_LIMIT, RenderError, Renderer, THEME_TEMPLATE_NAMES, THEMES,
    builtin_theme_source,
};
