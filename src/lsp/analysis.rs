//! `check`'s diagnostics for one county, as the language server publishes them: the one
//! call into `check` ([`check_county`]), positions in the editor's encoding, and file paths
//! as URIs. The conversion to data is [`crate::diagnostic::Sources::records`], the very one
//! `check --format json` prints, and each published diagnostic carries its record as `data`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{DiagnosticSeverity, NumberOrString, Position, Range, Uri};

use crate::cli::Global;
use crate::diagnostic::{Diagnostic, Record, Sources};

/// How the editor counts characters in a line (LSP's position encoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units (the protocol's default; VS Code).
    Utf16,
    /// Unicode scalar values (what `check` counts).
    Utf32,
    /// Bytes.
    Utf8,
}

/// Loads and checks one county exactly as `rakeplan check <slug>` does (the same
/// diagnostics, in the same order), reading unsaved buffers from the overlay in force
/// ([`crate::load::with_overlay`]). The only place the server calls into `check`.
pub fn check_county(global: &Global, slug: &str) -> (Sources, Vec<Diagnostic>) {
    let project = crate::project::Project::new(&global.regions, &global.template, &global.out);
    match project.load(&[slug.to_owned()]) {
        Ok(mut loaded) => {
            for (slug, diag) in project.edited_records(&loaded) {
                if let Some(region) = loaded.regions.iter_mut().find(|r| r.slug == slug) {
                    region.diagnostics.push(diag);
                }
            }
            let diags = loaded
                .regions
                .into_iter()
                .flat_map(|r| r.diagnostics)
                .collect();
            (loaded.sources, diags)
        }
        Err(problems) => (problems.sources, problems.diagnostics),
    }
}

/// A county's folder and where it lies, found from one of its files.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct County {
    /// The county's folder (absolute).
    pub dir: PathBuf,
    /// Its folder name.
    pub slug: String,
}

impl County {
    /// The county a plan file belongs to: `<dir>/region.yaml`, `<dir>/plan.yaml` or
    /// `<dir>/sections/<id>.yaml`; `None` for any other file.
    pub fn of(path: &Path) -> Option<County> {
        let name = path.file_name()?.to_str()?;
        let parent = path.parent()?;
        let dir = if name == "region.yaml" || name == "plan.yaml" {
            parent
        } else if (name.ends_with(".yaml") || name.ends_with(".yml"))
            && parent.file_name()? == "sections"
        {
            parent.parent()?
        } else {
            return None;
        };
        let slug = dir.file_name()?.to_str()?.to_owned();
        crate::names::is_county_name(&slug).then(|| County {
            dir: dir.to_owned(),
            slug,
        })
    }

    /// The `--regions` folder to check it with: relative to `root` (where the server runs)
    /// when inside it, so files are named as `check` run there names them.
    pub fn regions(&self, root: &Path) -> PathBuf {
        let regions = self.dir.parent().unwrap_or(Path::new("/"));
        match regions.strip_prefix(root) {
            Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
            Ok(rel) => rel.to_owned(),
            Err(_) => regions.to_owned(),
        }
    }

    /// Every plan file of the county on disk or in `open` (absolute paths).
    pub fn files<'a>(&self, open: impl Iterator<Item = &'a PathBuf>) -> Vec<PathBuf> {
        let open: Vec<PathBuf> = open
            .filter(|p| County::of(p).as_ref() == Some(self))
            .cloned()
            .collect();
        let mut out = vec![self.dir.join("region.yaml"), self.dir.join("plan.yaml")];
        if let Ok(entries) = std::fs::read_dir(self.dir.join("sections")) {
            out.extend(
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml")),
            );
        }
        out.retain(|p| p.is_file());
        out.extend(open);
        out.sort();
        out.dedup();
        out
    }
}

/// The editor's diagnostics for the records of one check, by file URI.
pub fn to_lsp(
    records: &[Record],
    sources: &Sources,
    root: &Path,
    encoding: Encoding,
) -> Vec<(Uri, lsp_types::Diagnostic)> {
    let texts: HashMap<&str, &str> = (0..sources.len())
        .map(|i| (sources.name(i), sources.text(i)))
        .collect();
    records
        .iter()
        .map(|r| {
            let file = r.file.as_deref().unwrap_or(".");
            let path = root.join(file);
            let text = texts.get(file).copied().unwrap_or("");
            let start = position(text, r.line, r.column, encoding);
            let end = position(text, r.end_line, r.end_column, encoding);
            (path_to_uri(&path), diagnostic(r, Range { start, end }))
        })
        .collect()
}

/// One record as an editor diagnostic: the message followed by its hints, as `check`
/// prints them; the record itself as `data`.
pub fn diagnostic(r: &Record, range: Range) -> lsp_types::Diagnostic {
    let mut message = r.message.clone();
    for hint in &r.hints {
        message.push('\n');
        message.push_str(&crate::tr!("hint: {hint}", "vihje: {hint}", "tips: {hint}"));
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(if r.is_error() {
            DiagnosticSeverity::ERROR
        } else {
            DiagnosticSeverity::WARNING
        }),
        code: r.code.clone().map(NumberOrString::String),
        source: Some("rakeplan".to_owned()),
        message,
        data: serde_json::to_value(r).ok(),
        ..Default::default()
    }
}

/// The editor position of a 1-based line and character column in `text`.
fn position(
    text: &str,
    line: Option<usize>,
    column: Option<usize>,
    encoding: Encoding,
) -> Position {
    let (Some(line), Some(column)) = (line, column) else {
        return Position::new(0, 0);
    };
    let line_text = text.split('\n').nth(line - 1).unwrap_or("");
    let before: String = line_text.chars().take(column - 1).collect();
    let character = match encoding {
        Encoding::Utf32 => column - 1,
        Encoding::Utf16 => before.encode_utf16().count(),
        Encoding::Utf8 => before.len(),
    };
    Position::new(line as u32 - 1, character as u32)
}

/// The byte offset in `text` of an editor position.
pub fn offset_at(text: &str, pos: Position, encoding: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..line_end];
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= pos.character {
            return start + i;
        }
        units += match encoding {
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
            Encoding::Utf8 => c.len_utf8() as u32,
        };
    }
    line_end
}

/// The editor position of byte `offset` in `text`.
pub fn position_at(text: &str, offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let part = &text[line_start..offset];
    let character = match encoding {
        Encoding::Utf16 => part.encode_utf16().count(),
        Encoding::Utf32 => part.chars().count(),
        Encoding::Utf8 => part.len(),
    };
    Position::new(line as u32, character as u32)
}

/// The range of bytes `range` of `text`.
pub fn range_at(text: &str, range: std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range {
        start: position_at(text, range.start, encoding),
        end: position_at(text, range.end, encoding),
    }
}

/// A `file://` URI for an absolute path.
pub fn path_to_uri(path: &Path) -> Uri {
    let mut s = path.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    let mut out = String::from("file://");
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) || (b == b':' && out.len() > 8) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse()
        .unwrap_or_else(|_| "file:///".parse().expect("a valid URI"))
}

/// The path of a `file://` URI, `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // Skip an authority (usually empty).
    let rest = &rest[rest.find('/')?..];
    let mut bytes = Vec::with_capacity(rest.len());
    let raw = rest.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%'
            && i + 2 < raw.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&raw[i + 1..i + 3]).ok()?, 16)
        {
            bytes.push(b);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    let path = String::from_utf8(bytes).ok()?;
    // file:///C:/x on Windows.
    let path = if cfg!(windows) {
        path.trim_start_matches('/').to_owned()
    } else {
        path
    };
    Some(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip_with_spaces_and_letters_beyond_ascii() {
        let path = PathBuf::from("/tmp/hyvä alue/regions/kainuu/plan.yaml");
        let uri = path_to_uri(&path);
        assert_eq!(
            uri.as_str(),
            "file:///tmp/hyv%C3%A4%20alue/regions/kainuu/plan.yaml"
        );
        assert_eq!(uri_to_path(&uri), Some(path));
    }

    #[test]
    fn positions_count_utf16_units() {
        let text = "name: Ääni 𝄞x\nnext";
        let at = text.find('x').expect("x");
        let pos = position_at(text, at, Encoding::Utf16);
        assert_eq!(pos, Position::new(0, 13));
        assert_eq!(offset_at(text, pos, Encoding::Utf16), at);
        assert_eq!(position_at(text, at, Encoding::Utf32), Position::new(0, 12));
        assert_eq!(
            position(text, Some(1), Some(13), Encoding::Utf16),
            Position::new(0, 13)
        );
    }
}
