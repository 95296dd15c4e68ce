//! Renderers turn a [`Document`](crate::document::Document) into bytes. They never write
//! files: they return [`Artifact`]s and the revision store decides where the bytes go.
//! Template files are looked up in the county's `templates/` folder first, then in the
//! national template's, then among the copies built into the binary.

pub mod html;
pub mod pdf;
pub mod redline;
pub mod redline_pdf;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Rendered output: a file name relative to the version folder, and its bytes.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// File name, e.g. `plan.pdf`.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Where template files are looked up, in order.
#[derive(Debug, Clone)]
pub struct TemplateDirs {
    /// `regions/<slug>/templates/`, if the county overrides anything.
    pub region: Option<PathBuf>,
    /// `plan-template/templates/`.
    pub national: PathBuf,
}

/// A template file's text and the path it came from (for error messages).
pub struct TemplateFile {
    /// Where it was found (`built-in:<name>` for the embedded copy).
    pub origin: String,
    /// Its text.
    pub text: String,
}

/// The layout files a plan's PDF and HTML are made from (recorded in every manifest).
pub const LAYOUT_FILES: [&str; 3] = ["plan.typ", "plan.html.tera", "style.css"];

const BUILTIN: &[(&str, &str)] = &[
    (
        "plan.typ",
        include_str!("../../plan-template/templates/plan.typ"),
    ),
    (
        "plan.html.tera",
        include_str!("../../plan-template/templates/plan.html.tera"),
    ),
    (
        "style.css",
        include_str!("../../plan-template/templates/style.css"),
    ),
    (
        "redline.typ",
        include_str!("../../plan-template/templates/redline.typ"),
    ),
    (
        "site-index.html.tera",
        include_str!("../../plan-template/templates/site-index.html.tera"),
    ),
    (
        "site-search.html.tera",
        include_str!("../../plan-template/templates/site-search.html.tera"),
    ),
    (
        "site-county.html.tera",
        include_str!("../../plan-template/templates/site-county.html.tera"),
    ),
];

impl TemplateDirs {
    /// The lookup for county `slug`: `<regions>/<slug>/templates/` when it exists, then
    /// `<template>/templates/`.
    pub fn for_county(template: &Path, regions: &Path, slug: &str) -> Self {
        TemplateDirs {
            region: Some(regions.join(slug).join("templates")).filter(|d| d.is_dir()),
            national: template.join("templates"),
        }
    }

    /// Finds `name`: county override, national template, built-in copy.
    pub fn find(&self, name: &str) -> Result<TemplateFile, Diagnostic> {
        let candidates = self.region.iter().chain(std::iter::once(&self.national));
        for dir in candidates {
            let path = dir.join(name);
            if path.is_file() {
                return read_template(&path);
            }
        }
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| TemplateFile {
                origin: format!("built-in:{n}"),
                text: (*text).to_owned(),
            })
            .ok_or_else(|| {
                Diagnostic::error_at_path(
                    &self.national.join(name),
                    crate::tr!(
                        "the template file \"{name}\" is missing",
                        "pohjatiedosto \"{name}\" puuttuu"
                    ),
                )
            })
    }

    /// The county's own labels (`labels.yaml` in its templates folder), if it has any. A file
    /// that cannot be read is an error with its line.
    pub fn county_labels(&self) -> Result<Option<crate::template::Labels>, Diagnostic> {
        let Some(path) = self
            .region
            .as_ref()
            .map(|d| d.join("labels.yaml"))
            .filter(|p| p.is_file())
        else {
            return Ok(None);
        };
        let mut sources = crate::diagnostic::Sources::default();
        let file = crate::load::read_source(&path, &mut sources)?;
        crate::template::parse_yaml(&sources, file)
            .map(Some)
            .map_err(|mut d| {
                // The span points into a registry that dies here: name the place in the message.
                if let Some(span) = d.span.take() {
                    let (line, col) = sources.line_col(span.file, span.range.start);
                    d.message = format!(
                        "{}\n  --> {}:{line}:{col}",
                        d.message,
                        crate::load::display(&path)
                    );
                }
                d
            })
    }

    /// The county's logo, if its templates folder holds `logo.svg`, `logo.png` or `logo.jpg`:
    /// the file name and its bytes. The national template has no logo of its own.
    pub fn logo(&self) -> Option<(String, Vec<u8>)> {
        let dir = self.region.as_ref()?;
        ["logo.svg", "logo.png", "logo.jpg"]
            .iter()
            .find_map(|name| {
                std::fs::read(dir.join(name))
                    .ok()
                    .map(|bytes| ((*name).to_owned(), bytes))
            })
    }

    /// Every regular file in the template folders, county first (for typst to read images).
    pub fn asset_files(&self) -> Vec<(String, PathBuf)> {
        let mut out: Vec<(String, PathBuf)> = Vec::new();
        for dir in self.region.iter().chain(std::iter::once(&self.national)) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned)
                else {
                    continue;
                };
                if path.is_file() && !out.iter().any(|(n, _)| *n == name) {
                    out.push((name, path));
                }
            }
        }
        out
    }
}

fn read_template(path: &Path) -> Result<TemplateFile, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        let shown = path.display();
        Diagnostic::error_at_path(
            path,
            crate::tr!(
                "cannot read the template \"{shown}\": {err}",
                "pohjatiedostoa \"{shown}\" ei voi lukea: {err}"
            ),
        )
    })?;
    Ok(TemplateFile {
        origin: crate::load::display(path),
        text,
    })
}
