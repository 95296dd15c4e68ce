//! The redline PDF for an approval body: a [`Redline`] laid out by the typst template
//! `redline.typ` (read as data, like the plan). The first page has the plan's metadata, old
//! and new, and lists what changed with links to every change; each change is a bookmarked
//! heading with its label, its words underlined or struck through and a bar in the margin,
//! so nothing relies on colour. Tagged like the plan PDF. Returns bytes; writes nothing.

use crate::diagnostic::Diagnostic;
use crate::model::Date;
use crate::redline::Redline;
use crate::render::pdf::compile_pdf;
use crate::render::{Artifact, TemplateDirs};

/// Renders `doc` as the PDF `name`, dated `date` (the newer version's date).
pub fn render_redline_pdf(
    doc: &Redline,
    dirs: &TemplateDirs,
    date: Date,
    name: &str,
) -> Result<Artifact, Vec<Diagnostic>> {
    let mut value = serde_json::to_value(doc).expect("redlines serialise");
    crate::render::pdf::shorten_alt_texts(&mut value);
    let data = serde_json::to_vec(&value).expect("redlines serialise");
    let ident = format!(
        "rakeplan-redline-{}-{}-{}-{}",
        doc.slug, doc.from.version, doc.to.version, doc.lang
    );
    compile_pdf("redline.typ", data, dirs, date, &ident, name)
}
