//! The PDF edition, compiled in-process by typst. The plan goes in as JSON data
//! (`/plan.json`), read by the template with `json(...)`: planner text is never spliced into
//! typst source. The [`World`] here serves only the template, the plan data and the files of
//! the template folders, all loaded up front; fonts are the ones built into the binary.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::model::Date;
use crate::render::{Artifact, TemplateDirs};

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The template's parsed sources, kept between compiles: a file whose text has not changed is
/// not parsed (nor hashed) again, and typst's caches see the very same source.
fn source(id: FileId, text: &str) -> Source {
    static SOURCES: OnceLock<Mutex<HashMap<FileId, Source>>> = OnceLock::new();
    let mut sources = SOURCES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    match sources.get(&id) {
        Some(known) if known.text() == text => known.clone(),
        _ => {
            let parsed = Source::new(id, text.to_owned());
            sources.insert(id, parsed.clone());
            parsed
        }
    }
}

/// A closed world: the template, the plan data and the template folders' files.
struct PlanWorld {
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("static virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for PlanWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &crate::fonts::fonts().book
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        Err(not_found(id))
    }
    fn font(&self, index: usize) -> Option<Font> {
        crate::fonts::fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}

/// Renders `doc` to PDF through the typst template found in `dirs`. `date` fixes the PDF's
/// timestamp and `today`, so the same inputs give the same bytes.
pub fn render_pdf(
    doc: &Document,
    dirs: &TemplateDirs,
    date: Date,
    name: &str,
) -> Result<Artifact, Vec<Diagnostic>> {
    let ident = format!("rakeplan-{}-{}-{}", doc.slug, doc.version, doc.lang);
    let mut value = serde_json::to_value(doc).expect("documents always serialise");
    shorten_alt_texts(&mut value);
    // The template shows /assets/<logo> on the cover when the county has one.
    value["logo"] = dirs
        .logo()
        .map_err(|d| vec![d])?
        .map(|(name, _)| name)
        .into();
    let data = serde_json::to_vec(&value).expect("documents always serialise");
    compile_pdf("plan.typ", data, dirs, date, &ident, name)
}

/// The most bytes of a figure's alternative text handed to typst. The PDF writes each as
/// one string, and a PDF string holds at most 32 767 bytes; the page (the figure and the
/// table beside it) shows everything the text says.
const MAX_ALT_BYTES: usize = 16_000;

/// Shortens every `alt` of `value` (a document or a redline as data) to [`MAX_ALT_BYTES`],
/// ending a shortened one with "…": a picture of a thousand events or a long indicator
/// name never makes a PDF string too long.
pub fn shorten_alt_texts(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    serde_json::Value::String(text) if key == "alt" => {
                        *text = shorten(text, MAX_ALT_BYTES)
                    }
                    _ => shorten_alt_texts(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(shorten_alt_texts),
        _ => {}
    }
}

/// `text` cut at a character boundary to at most `max` bytes, "…" included.
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max - '…'.len_utf8();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Compiles the typst template `template` (looked up in `dirs`) with `data` as
/// `/plan.json` into a tagged PDF (PDF/UA-1 and PDF/A-2b) with a fixed identifier and date.
pub fn compile_pdf(
    template: &str,
    data: Vec<u8>,
    dirs: &TemplateDirs,
    date: Date,
    ident: &str,
    name: &str,
) -> Result<Artifact, Vec<Diagnostic>> {
    let template = dirs.find(template).map_err(|d| vec![d])?;
    let main = file_id("/plan.typ");
    let mut sources = HashMap::new();
    sources.insert(main, source(main, &template.text));
    let mut files = HashMap::new();
    files.insert(file_id("/plan.json"), Bytes::new(data));
    for (asset, bytes) in dirs.assets()? {
        if asset.ends_with(".typ") || asset.ends_with(".tera") {
            if let Ok(text) = String::from_utf8(bytes) {
                let id = file_id(&format!("/{asset}"));
                if id != main {
                    sources.insert(id, source(id, &text));
                }
            }
        } else {
            files.insert(file_id(&format!("/assets/{asset}")), Bytes::new(bytes));
        }
    }
    let today =
        Datetime::from_ymd(date.year, date.month, date.day).expect("validated dates are real");
    let world = PlanWorld {
        main,
        sources,
        files,
        today,
    };

    let warned = typst::compile::<PagedDocument>(&world);
    let document = warned
        .output
        .map_err(|errs| typst_diagnostics(&world, &template.origin, &errs))?;

    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        timestamp: Some(Timestamp::new_utc(today)),
        standards: PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2b])
            .expect("PDF/UA-1 with PDF/A-2b is a valid set"),
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options)
        .map_err(|errs| typst_diagnostics(&world, &template.origin, &errs))?;
    Ok(Artifact {
        name: name.to_owned(),
        bytes,
        warnings: typst_diagnostics(&world, &template.origin, &warned.warnings),
    })
}

/// typst's errors (or warnings) as our diagnostics, each showing the template file's line
/// it is about, so they print like every other diagnostic.
fn typst_diagnostics(
    world: &PlanWorld,
    origin: &str,
    errs: &[SourceDiagnostic],
) -> Vec<Diagnostic> {
    errs.iter()
        .map(|err| {
            let detail = &err.message;
            let mut diag = match err.severity {
                typst::diag::Severity::Error => Diagnostic::error(
                    None::<Span>,
                    crate::tr!(
                        "the PDF template failed: {detail}",
                        "PDF-pohjan käsittely epäonnistui: {detail}",
                        "PDF-mallen misslyckades: {detail}"
                    ),
                ),
                typst::diag::Severity::Warning => Diagnostic::warning(
                    None::<Span>,
                    crate::tr!(
                        "the PDF template warns: {detail}",
                        "PDF-pohjan varoitus: {detail}",
                        "PDF-mallen varnar: {detail}"
                    ),
                ),
            };
            let place = err.span.id().and_then(|id| {
                let source = world.sources.get(&id)?;
                Some((source, world.range(err.span)?))
            });
            if let Some((source, range)) = place {
                diag = diag.in_own_source(origin, source.text(), range);
            }
            for hint in &err.hints {
                diag = diag.with_hint(hint.v.to_string());
            }
            diag
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_alt_texts_are_cut_at_a_character() {
        let mut value = serde_json::json!({
            "alt": "ä".repeat(20_000),
            "parts": [{"alt": "lyhyt", "text": "x".repeat(40_000)}],
        });
        shorten_alt_texts(&mut value);
        let alt = value["alt"].as_str().unwrap();
        assert!(alt.len() <= MAX_ALT_BYTES && alt.ends_with("ä…"));
        assert_eq!(value["parts"][0]["alt"], "lyhyt");
        assert_eq!(value["parts"][0]["text"].as_str().unwrap().len(), 40_000);
    }
}
