//! The redline PDF for an approval body: a [`ChangeSet`] laid out by the typst template
//! `redline.typ` (read as data, like the plan). The first page lists what changed and links
//! to every change; each change is a bookmarked heading with its label (Lisätty, Poistettu,
//! Muutettu, Siirretty), its words underlined or struck through and a bar in the margin, so
//! nothing relies on colour. Tagged like the plan PDF. Returns bytes; writes nothing.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::diff::{ChangeKind, ChangeSet, Paragraph, paragraphs};
use crate::model::Date;
use crate::render::pdf::compile_pdf;
use crate::render::{Artifact, TemplateDirs};

#[derive(Serialize)]
struct View {
    title: String,
    county: String,
    from: String,
    to: String,
    total: String,
    groups: Vec<GroupView>,
    generator: String,
}

#[derive(Serialize)]
struct GroupView {
    heading: String,
    counts: String,
    changes: Vec<ChangeView>,
}

#[derive(Serialize)]
struct ChangeView {
    anchor: String,
    kind: &'static str,
    label: &'static str,
    title: String,
    note: Option<String>,
    edits: Vec<EditView>,
    content: Vec<LineView>,
}

#[derive(Serialize)]
struct EditView {
    label: String,
    paragraphs: Vec<Paragraph>,
}

#[derive(Serialize)]
struct LineView {
    label: String,
    text: String,
}

fn side(rev: &crate::diff::Revision) -> String {
    let status = crate::render::redline::status_fi(&rev.status);
    let date = Date::parse_iso(&rev.date)
        .map(Date::local)
        .unwrap_or_else(|| rev.date.clone());
    format!("versio {}, {status}, {date}", rev.version)
}

/// Renders `set` (annotated with the template's titles) for the county named `county`.
pub fn render_redline_pdf(
    set: &ChangeSet,
    county: &str,
    dirs: &TemplateDirs,
    date: Date,
    name: &str,
) -> Result<Artifact, Vec<Diagnostic>> {
    let n = set.len();
    let view = View {
        title: format!(
            "Muutokset: {county} {} → {}",
            set.from.version, set.to.version
        ),
        county: county.to_owned(),
        from: side(&set.from),
        to: side(&set.to),
        total: if set.is_empty() {
            "Ei eroja: versiot ovat sisällöltään samat.".to_owned()
        } else {
            format!(
                "{n} {} {} osassa.",
                if n == 1 { "muutos" } else { "muutosta" },
                set.groups.len()
            )
        },
        groups: set
            .groups
            .iter()
            .map(|g| GroupView {
                heading: g.heading(),
                counts: g.counts(),
                changes: g
                    .changes
                    .iter()
                    .map(|c| ChangeView {
                        anchor: c.anchor.clone(),
                        kind: match c.kind {
                            ChangeKind::Added => "added",
                            ChangeKind::Removed => "removed",
                            ChangeKind::Changed => "changed",
                            ChangeKind::Moved => "moved",
                        },
                        label: c.kind_label(),
                        title: c.title(),
                        note: c.move_note(),
                        edits: c
                            .edits
                            .iter()
                            .map(|e| EditView {
                                label: e.attr_label.clone().unwrap_or_else(|| e.attr.clone()),
                                paragraphs: paragraphs(&e.segments, true),
                            })
                            .collect(),
                        content: c
                            .content
                            .iter()
                            .map(|l| LineView {
                                label: l.attr_label.clone().unwrap_or_else(|| l.attr.clone()),
                                text: l.text.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        generator: format!("rakeplan {}", env!("CARGO_PKG_VERSION")),
    };
    let data = serde_json::to_vec(&view).expect("views serialise");
    let ident = format!(
        "rakeplan-redline-{}-{}-{}",
        set.slug, set.from.version, set.to.version
    );
    compile_pdf("redline.typ", data, dirs, date, &ident, name)
}
