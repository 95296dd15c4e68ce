//! The redline page: a [`Redline`] drawn by the tera template `redline.html.tera` (which a
//! county may override like the plan's), with autoescape on. Markdown arrives as blocks with
//! `<ins>` and `<del>` inside and goes through the same `blocks` filter as the plan, so every
//! string a planner wrote is escaped. Self-contained: no external fonts, styles or scripts.
//! Returns bytes; writes nothing.

use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::redline::Redline;
use crate::render::html::{new_tera, template_error};
use crate::render::{Artifact, TemplateDirs};

/// Renders `doc` as the HTML page `name`.
pub fn render_redline_html(
    doc: &Redline,
    dirs: &TemplateDirs,
    name: &str,
) -> Result<Artifact, Diagnostic> {
    let page = dirs.find("redline.html.tera")?;
    let mut tera = new_tera();
    tera.add_raw_template("redline.html.tera", &page.text)
        .map_err(|e| template_error(&page.origin, &e))?;
    let context = Context::from_serialize(doc).map_err(|e| template_error(&page.origin, &e))?;
    let html = tera
        .render("redline.html.tera", &context)
        .map_err(|e| template_error(&page.origin, &e))?;
    Ok(Artifact::new(name, html.into_bytes()))
}
