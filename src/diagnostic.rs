//! Diagnostics a planner can act on: a severity, a message, the place in a file and a hint.
//! This module owns the type, the registry of source texts they point into, and printing
//! them in the style of rustc and typst (through codespan-reporting). It does no file I/O.

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};

use crate::tr;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The plan can still be built.
    Warning,
    /// The plan cannot be built until this is fixed.
    Error,
}

/// Index of a source text in [`Sources`].
pub type FileIdx = usize;

/// A byte range in one registered source text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// Which file.
    pub file: FileIdx,
    /// Byte range within the file; may be empty (points between characters).
    pub range: Range<usize>,
}

/// A problem with the plan, the template or the command line, phrased for a planner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lower-case, user values quoted.
    pub message: String,
    /// Where; `None` for problems without a place (a missing file is reported at its folder).
    pub span: Option<Span>,
    /// A file named without a position (used when there is no span).
    pub path: Option<PathBuf>,
    /// What to do about it.
    pub hints: Vec<String>,
    /// The text `span` points into when it is not in the shared [`Sources`]: a template
    /// file read while rendering, so a typst or tera message keeps its line and snippet.
    pub own_source: Option<std::sync::Arc<OwnSource>>,
}

/// A source text a diagnostic carries itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnSource {
    /// Its name (a path as the planner sees it).
    pub name: String,
    /// Its text.
    pub text: String,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Option<Span>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            span,
            path: None,
            hints: vec![],
            own_source: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Option<Span>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            message: message.into(),
            span,
            path: None,
            hints: vec![],
            own_source: None,
        }
    }

    /// An error about a whole file or folder, with no position in it.
    pub fn error_at_path(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: Some(path.to_owned()),
            ..Self::error(None, message)
        }
    }

    /// The same diagnostic pointing at `range` of a text it carries (`name`, `text`).
    pub fn in_own_source(mut self, name: &str, text: &str, range: Range<usize>) -> Self {
        self.own_source = Some(std::sync::Arc::new(OwnSource {
            name: name.to_owned(),
            text: text.to_owned(),
        }));
        self.span = Some(Span { file: 0, range });
        self
    }

    /// Adds a hint line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Problems that stop a step, with the source texts they point into: what a library call
/// returns for its caller to print once.
#[derive(Default)]
pub struct Problems {
    /// The texts the diagnostics point into.
    pub sources: Sources,
    /// What is wrong, in order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Problems {
    /// One problem, pointing into `sources`.
    pub fn one(sources: Sources, diagnostic: Diagnostic) -> Self {
        Problems {
            sources,
            diagnostics: vec![diagnostic],
        }
    }

    /// Problems that point into no source text (paths, the store).
    pub fn bare(diagnostics: Vec<Diagnostic>) -> Self {
        Problems {
            sources: Sources::default(),
            diagnostics,
        }
    }
}

impl Problems {
    /// The same problems with every file and path named `from...` named `to...` instead (a
    /// temporary copy shown as what it is a copy of).
    pub fn renamed(self, from: &str, to: &str) -> Self {
        let rename = |name: &str| match name.strip_prefix(from) {
            Some(rest) => format!("{to}{rest}"),
            None => name.to_owned(),
        };
        let mut sources = Sources::default();
        for file in 0..self.sources.len() {
            sources.add(rename(self.sources.name(file)), self.sources.text(file));
        }
        let diagnostics = self
            .diagnostics
            .into_iter()
            .map(|mut d| {
                d.path = d.path.map(|p| PathBuf::from(rename(&p.to_string_lossy())));
                d.message = d.message.replace(from, to);
                d
            })
            .collect();
        Problems {
            sources,
            diagnostics,
        }
    }
}

impl From<Diagnostic> for Problems {
    fn from(diagnostic: Diagnostic) -> Self {
        Problems::bare(vec![diagnostic])
    }
}

impl From<Vec<Diagnostic>> for Problems {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Problems::bare(diagnostics)
    }
}

/// The source texts diagnostics point into, named by the path a planner would open.
#[derive(Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
    count: usize,
}

impl Sources {
    /// Registers a text under `name` (a path relative to where the planner works).
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileIdx {
        self.count += 1;
        self.files.add(name.into(), text.into())
    }

    /// The text of a registered file.
    pub fn text(&self, file: FileIdx) -> &str {
        self.files
            .get(file)
            .map(|f| f.source().as_str())
            .unwrap_or("")
    }

    /// The name of a registered file.
    pub fn name(&self, file: FileIdx) -> &str {
        self.files
            .get(file)
            .map(|f| f.name().as_str())
            .unwrap_or("")
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileIdx, offset: usize) -> (usize, usize) {
        let text = self.text(file);
        line_col_in(text, offset.min(text.len()))
    }

    /// Prints diagnostics as text; with `color` they carry ANSI colours.
    pub fn render(&self, diagnostics: &[Diagnostic], color: bool) -> String {
        let config = Config {
            tab_width: 2,
            ..Config::default()
        };
        let mut out = String::new();
        for diag in diagnostics {
            let cs = match diag.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            };
            let mut message = diag.message.clone();
            if diag.span.is_none()
                && let Some(path) = &diag.path
            {
                message = format!("{message}\n  --> {}", path.display());
            }
            let mut cs = cs.with_message(message).with_notes(
                diag.hints
                    .iter()
                    .map(|h| tr!("hint: {h}", "vihje: {h}", "tips: {h}"))
                    .collect(),
            );
            // A diagnostic that carries its own text is shown from it.
            let mut own = SimpleFiles::new();
            let files = match &diag.own_source {
                Some(source) => {
                    own.add(source.name.clone(), source.text.clone());
                    &own
                }
                None => &self.files,
            };
            if let Some(span) = &diag.span {
                let text = files
                    .get(span.file)
                    .map(|f| f.source().as_str())
                    .unwrap_or("");
                let start = floor_char_boundary(text, span.range.start.min(text.len()));
                let end = floor_char_boundary(text, span.range.end.clamp(start, text.len()));
                cs = cs.with_labels(vec![Label::primary(span.file, start..end)]);
            }
            let rendered = if color {
                let mut buf = termcolor::Buffer::ansi();
                term::emit_to_write_style(&mut buf, &config, files, &cs)
                    .map(|_| String::from_utf8_lossy(buf.as_slice()).into_owned())
            } else {
                term::emit_into_string(&config, files, &cs)
            };
            match rendered {
                Ok(text) => out.push_str(&localize_severity(text, diag)),
                Err(_) => out.push_str(&format!("{}: {}\n\n", severity_word(diag), diag.message)),
            }
        }
        out
    }

    /// Number of registered files.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no file is registered.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// A diagnostic as data, the way `check --format json` prints it and the language server
/// publishes it: one shared conversion, so the editor, CI and tests see the same thing.
/// Lines and columns count from 1; columns count characters (Unicode scalar values), as in
/// the printed form; `end_*` is just past the last character pointed at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// The file (or folder) as the planner names it, relative to where rakeplan runs.
    pub file: Option<String>,
    /// Line of the start, when the diagnostic points into the file.
    pub line: Option<usize>,
    /// Column of the start.
    pub column: Option<usize>,
    /// Line of the end.
    pub end_line: Option<usize>,
    /// Column of the end.
    pub end_column: Option<usize>,
    /// `error` or `warning`.
    pub severity: String,
    /// What is wrong, in the language of messages.
    pub message: String,
    /// What to do about it.
    pub hints: Vec<String>,
    /// A stable name for the kind of problem, when it has one.
    pub code: Option<String>,
}

impl Record {
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col_in(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

impl Sources {
    /// The diagnostics as data ([`Record`]), in the order given.
    pub fn records(&self, diagnostics: &[Diagnostic]) -> Vec<Record> {
        diagnostics.iter().map(|d| self.record(d)).collect()
    }

    /// One diagnostic as data.
    pub fn record(&self, diag: &Diagnostic) -> Record {
        let severity = match diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut record = Record {
            file: diag.path.as_deref().map(crate::fsread::display),
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            severity: severity.to_owned(),
            message: diag.message.clone(),
            hints: diag.hints.clone(),
            code: None,
        };
        if let Some(span) = &diag.span {
            let (name, text) = match &diag.own_source {
                Some(own) => (own.name.as_str(), own.text.as_str()),
                None => (self.name(span.file), self.text(span.file)),
            };
            let start = floor_char_boundary(text, span.range.start);
            let end = floor_char_boundary(text, span.range.end.max(start));
            let (line, column) = line_col_in(text, start);
            let (end_line, end_column) = line_col_in(text, end);
            record.file = Some(name.to_owned());
            record.line = Some(line);
            record.column = Some(column);
            record.end_line = Some(end_line);
            record.end_column = Some(end_column);
        }
        record
    }

    /// The diagnostics as GitHub Actions workflow commands (`::error file=…,line=…::…`),
    /// which GitHub shows as annotations on the pull request's lines.
    pub fn render_github(&self, diagnostics: &[Diagnostic]) -> String {
        let mut out = String::new();
        for r in self.records(diagnostics) {
            let mut props = Vec::new();
            if let Some(file) = &r.file {
                props.push(format!("file={}", github_property(file)));
            }
            for (name, value) in [
                ("line", r.line),
                ("col", r.column),
                ("endLine", r.end_line),
                ("endColumn", r.end_column),
            ] {
                if let Some(v) = value {
                    props.push(format!("{name}={v}"));
                }
            }
            props.push("title=rakeplan".to_owned());
            let mut text = r.message.clone();
            for hint in &r.hints {
                text.push('\n');
                text.push_str(&tr!("hint: {hint}", "vihje: {hint}", "tips: {hint}"));
            }
            out.push_str(&format!(
                "::{} {}::{}\n",
                r.severity,
                props.join(","),
                github_data(&text)
            ));
        }
        out
    }

    /// The diagnostics as a GitLab code-quality report (a JSON array), which GitLab shows in
    /// merge requests.
    pub fn render_gitlab(&self, diagnostics: &[Diagnostic]) -> String {
        use sha2::Digest as _;
        let items: Vec<serde_json::Value> = self
            .records(diagnostics)
            .into_iter()
            .map(|r| {
                let line = r.line.unwrap_or(1);
                let fingerprint = sha2::Sha256::digest(format!(
                    "{}:{line}:{}",
                    r.file.as_deref().unwrap_or(""),
                    r.message
                ));
                let fingerprint: String = fingerprint.iter().map(|b| format!("{b:02x}")).collect();
                serde_json::json!({
                    "description": r.message,
                    "check_name": r.code.as_deref().unwrap_or("rakeplan"),
                    "fingerprint": fingerprint,
                    "severity": if r.is_error() { "major" } else { "minor" },
                    "location": {
                        "path": r.file.as_deref().unwrap_or(""),
                        "lines": { "begin": line },
                    },
                })
            })
            .collect();
        serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned())
    }
}

/// A property value of a GitHub workflow command, escaped.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The message of a GitHub workflow command, escaped.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn severity_word(diag: &Diagnostic) -> &'static str {
    use crate::i18n::Lang;
    match (diag.severity, crate::i18n::lang()) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Error, Lang::Fi) => "virhe",
        (Severity::Warning, Lang::Fi) => "varoitus",
        (Severity::Error, Lang::Sv) => "fel",
        (Severity::Warning, Lang::Sv) => "varning",
    }
}

/// codespan writes the severity in English at the very start of each diagnostic (after
/// colour codes, which hold no letters of it); in Finnish and Swedish that first word is
/// swapped.
fn localize_severity(text: String, diag: &Diagnostic) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return text;
    }
    let english = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    text.replacen(english, severity_word(diag), 1)
}

/// The largest char boundary at or below `offset`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_and_hint() {
        let mut sources = Sources::default();
        let file = sources.add("regions/x/plan.yaml", "version: \"1.0\"\nstatsu: draft\n");
        let diag = Diagnostic::error(
            Some(Span {
                file,
                range: 15..21,
            }),
            "unknown key \"statsu\"",
        )
        .with_hint("did you mean \"status\"?");
        let text = sources.render(&[diag], false);
        assert!(text.contains("error: unknown key \"statsu\""), "{text}");
        assert!(text.contains("regions/x/plan.yaml:2:1"), "{text}");
        assert!(text.contains("hint: did you mean \"status\"?"), "{text}");
        assert_eq!(sources.line_col(file, 15), (2, 1));
    }
}
