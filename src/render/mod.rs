//! Renderers turn a [`Document`](crate::document::Document) into bytes. They never write
//! files: they return [`Artifact`]s and the revision store decides where the bytes go.
//! Template files are looked up in the county's `templates/` folder first, then in the
//! national template's, then among the copies built into the binary.

pub mod html;
pub mod pdf;
pub mod record;
pub mod redline;
pub mod redline_pdf;
pub mod redline_text;
pub mod source_links;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The forms a redline is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RedlineFormat {
    /// A summary per section, then the word changes.
    Text,
    /// The redline document for machines (every change with its kind, ids and words).
    Json,
    /// A self-contained redline page.
    Html,
    /// A redline PDF (needs -o FILE on a terminal).
    Pdf,
}

/// A redline in `format`; text in colour when `color`. A PDF is dated `date`.
pub fn redline_bytes(
    doc: &crate::redline::Redline,
    format: RedlineFormat,
    dirs: &TemplateDirs,
    date: crate::date::Date,
    color: bool,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    match format {
        RedlineFormat::Text => Ok(redline_text::render_text(doc, color).into_bytes()),
        RedlineFormat::Json => {
            let mut json = serde_json::to_string_pretty(doc).expect("redlines serialise");
            json.push('\n');
            Ok(json.into_bytes())
        }
        RedlineFormat::Html => redline::render_redline_html(doc, dirs, "redline.html")
            .map(|a| a.bytes)
            .map_err(|d| vec![d]),
        RedlineFormat::Pdf => {
            redline_pdf::render_redline_pdf(doc, dirs, date, "redline.pdf").map(|a| a.bytes)
        }
    }
}

/// Rendered output: a file name relative to the version folder, and its bytes.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// File name, e.g. `plan.pdf`.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
    /// What the renderer warned about while making it (typst's warnings), to be printed.
    pub warnings: Vec<Diagnostic>,
}

impl Artifact {
    /// An artifact made without warnings.
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        Artifact {
            name: name.into(),
            bytes,
            warnings: Vec::new(),
        }
    }
}

/// One language edition of a plan, laid out and ready to render.
pub struct Edition {
    /// Language code.
    pub lang: String,
    /// `""` for the main language, `".sv"` for others: `plan{suffix}.pdf`.
    pub suffix: String,
    /// The laid-out document.
    pub doc: crate::document::Document,
}

impl Edition {
    /// The edition's PDF (`plan{suffix}.pdf`).
    pub fn pdf(
        &self,
        plan: &crate::model::Plan,
        dirs: &TemplateDirs,
    ) -> Result<Artifact, Vec<Diagnostic>> {
        let name = format!("plan{}.pdf", self.suffix);
        pdf::render_pdf(&self.doc, dirs, plan.meta.date, &name)
    }

    /// The edition's HTML page (`plan{suffix}.html`).
    pub fn html(&self, dirs: &TemplateDirs) -> Result<Artifact, Diagnostic> {
        html::render_html(&self.doc, dirs, &format!("plan{}.html", self.suffix))
    }
}

/// Every language edition of `plan`, main language first, with the county's labels laid
/// over the national ones.
pub fn editions(
    plan: &crate::model::Plan,
    tset: &crate::load::TemplateSet,
    dirs: &TemplateDirs,
) -> Result<Vec<Edition>, Vec<Diagnostic>> {
    let main = plan.region.main_lang();
    let labels = dirs.labels(&tset.labels).map_err(|d| vec![d])?;
    Ok(plan
        .region
        .languages
        .iter()
        .map(|lang| Edition {
            lang: lang.clone(),
            suffix: suffix(lang, main),
            doc: crate::document::build_document(plan, &tset.template, &labels.resolve(lang), lang),
        })
        .collect())
}

/// Breadcrumb links of a page in a language, given that language's labels.
pub type NavFor<'a> =
    dyn Fn(&str, &std::collections::BTreeMap<String, String>) -> Vec<crate::redline::NavLink> + 'a;

pub use crate::names::suffix;

/// The redline from `old` to `new` in every language of `new`, as `{base}{suffix}.pdf` and
/// `{base}{suffix}.html` (`redline-1.0.pdf`, `redline-1.0.sv.html`), in the words of `labels`
/// (the national ones with the county's laid over them, [`TemplateDirs::labels`]). `nav`
/// gives each language's page its breadcrumb links (from the language and its labels).
pub fn redlines(
    old: &crate::model::Plan,
    new: &crate::model::Plan,
    template: &crate::template::Template,
    labels: &crate::template::Labels,
    dirs: &TemplateDirs,
    base: &str,
    nav: &NavFor<'_>,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let set = crate::diff::diff_plans(old, new, &old.meta.version, &new.meta.version);
    let main = new.region.main_lang();
    let mut out = Vec::new();
    for lang in &new.region.languages {
        let suffix = suffix(lang, main);
        let words = labels.resolve(lang);
        let mut doc = crate::redline::resolve(
            &set,
            old,
            new,
            template,
            &words,
            lang,
            crate::redline::Options::default(),
        );
        doc.nav = nav(lang, &words);
        out.push(redline_pdf::render_redline_pdf(
            &doc,
            dirs,
            new.meta.date,
            &format!("{base}{suffix}.pdf"),
        )?);
        out.push(
            redline::render_redline_html(&doc, dirs, &format!("{base}{suffix}.html"))
                .map_err(|d| vec![d])?,
        );
    }
    Ok(out)
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

impl TemplateDirs {
    /// The lookup for county `slug`: `<regions>/<slug>/templates/` when it exists, then
    /// `<template>/templates/`.
    pub fn for_county(template: &Path, regions: &Path, slug: &str) -> Self {
        TemplateDirs {
            // A real folder, not a link: what is read from it must belong to the county.
            region: Some(regions.join(slug).join("templates"))
                .filter(|d| std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir())),
            national: template.join("templates"),
        }
    }

    /// Finds `name`: county override, national template, built-in copy.
    pub fn find(&self, name: &str) -> Result<TemplateFile, Diagnostic> {
        let candidates = self.region.iter().chain(std::iter::once(&self.national));
        for dir in candidates {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_ok() {
                return read_template(&path, dir);
            }
        }
        crate::builtin::layout_files()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| TemplateFile {
                origin: format!("{}{n}", crate::builtin::ORIGIN_PREFIX),
                text: text.to_owned(),
            })
            .ok_or_else(|| {
                Diagnostic::error_at_path(
                    &self.national.join(name),
                    crate::tr!(
                        "the template file \"{name}\" is missing",
                        "pohjatiedosto \"{name}\" puuttuu",
                        "mallfilen \"{name}\" saknas"
                    ),
                )
            })
    }

    /// The `national` labels with the county's own (if any) laid over them.
    pub fn labels(
        &self,
        national: &crate::template::Labels,
    ) -> Result<crate::template::Labels, Diagnostic> {
        Ok(national.merged(self.county_labels()?.as_ref()))
    }

    /// The county's own labels (`labels.yaml` in its templates folder), if it has any. A file
    /// that cannot be read is an error with its line.
    pub fn county_labels(&self) -> Result<Option<crate::template::Labels>, Diagnostic> {
        let Some(dir) = &self.region else {
            return Ok(None);
        };
        let path = dir.join("labels.yaml");
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        let mut sources = crate::diagnostic::Sources::default();
        let file = crate::load::read_source(&path, dir, &mut sources)?;
        crate::template::parse_yaml(&sources, file)
            .map(Some)
            .map_err(|mut d| {
                // The span points into a registry that dies here: name the place in the message.
                if let Some(span) = d.span.take() {
                    let (line, col) = sources.line_col(span.file, span.range.start);
                    d.message = format!(
                        "{}\n  --> {}:{line}:{col}",
                        d.message,
                        crate::fsread::display(&path)
                    );
                }
                d
            })
    }

    /// The county's logo, if its templates folder holds `logo.svg`, `logo.png` or `logo.jpg`:
    /// the file name and its bytes. The national template has no logo of its own. A logo that
    /// is a link out of the folder, a special file or too large is an error naming it.
    pub fn logo(&self) -> Result<Option<(String, Vec<u8>)>, Diagnostic> {
        let Some(dir) = self.region.as_ref() else {
            return Ok(None);
        };
        for name in ["logo.svg", "logo.png", "logo.jpg"] {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_ok() {
                let bytes = read_asset(&path, dir)?;
                return Ok(Some((name.to_owned(), bytes)));
            }
        }
        Ok(None)
    }

    /// Every file in the template folders, county first, then the built-in layout files
    /// neither has, with its bytes (for typst to read images and included files). Each must be a regular file inside its folder; every one
    /// that is not is reported.
    pub fn assets(&self) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
        let mut out: Vec<(String, Vec<u8>)> = Vec::new();
        let mut problems = Vec::new();
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
                // Folders (such as a county's own notes) are not assets; anything else is.
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir())
                    || out.iter().any(|(n, _)| *n == name)
                {
                    continue;
                }
                match read_asset(&path, dir) {
                    Ok(bytes) => out.push((name, bytes)),
                    Err(diag) => problems.push(diag),
                }
            }
        }
        // What neither folder has comes from the template built into rakeplan.
        for (name, text) in crate::builtin::layout_files() {
            if !out.iter().any(|(n, _)| n == name) {
                out.push((name.to_owned(), text.as_bytes().to_vec()));
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }
}

/// Reads a file of a template folder through [`crate::fsread`], as a diagnostic on failure.
fn read_asset(path: &Path, dir: &Path) -> Result<Vec<u8>, Diagnostic> {
    crate::fsread::read_inside(path, dir, crate::fsread::MAX_ASSET_BYTES).map_err(|err| {
        let (shown, reason) = (crate::fsread::display(path), err.reason());
        let diag = Diagnostic::error_at_path(
            path,
            crate::tr!(
                "cannot read \"{shown}\": {reason}",
                "tiedostoa \"{shown}\" ei voi lukea: {reason}",
                "det går inte att läsa \"{shown}\": {reason}"
            ),
        );
        match err.hint() {
            Some(hint) => diag.with_hint(hint),
            None => diag,
        }
    })
}

fn read_template(path: &Path, dir: &Path) -> Result<TemplateFile, Diagnostic> {
    let bytes = read_asset(path, dir)?;
    let text =
        String::from_utf8(bytes).map_err(|err| crate::load::not_utf8(path, err.as_bytes()))?;
    Ok(TemplateFile {
        origin: crate::fsread::display(path),
        text,
    })
}
