//! The preview's way back to the YAML: each section, focus area, table row and Markdown
//! block of an edition's page gets a `data-src` attribute and a small link that opens its
//! file at its line in the planner's editor (`vscode://file/…:line:col`, or a pattern of the
//! planner's own). Only `serve` calls this, on the page `plan.html.tera` made: what `build`
//! writes and the site publishes never holds a local path. The elements are found in the
//! page in document order (a county's own page template that draws them otherwise simply
//! gets fewer links). Each element also carries `data-line` (file and line), by which the
//! page opened at `?at=<file>:<line>` shows the element written there. No I/O but making a
//! file's path absolute.

use std::collections::HashMap;

use crate::diagnostic::{FileIdx, Sources, Span};
use crate::document::{Document, Part, TextOrigin};
use crate::text::escape_html;

/// Where the preview's links lead: an address pattern with `{path}` (the file's absolute
/// path, percent-encoded, starting with `/`), `{line}` and `{col}` (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pattern: String,
}

/// The editors known by name, with their address patterns.
pub const EDITORS: [(&str, &str); 3] = [
    ("vscode", "vscode://file{path}:{line}:{col}"),
    ("vscodium", "vscodium://file{path}:{line}:{col}"),
    ("zed", "zed://file{path}:{line}:{col}"),
];

impl Editor {
    /// The editor `value` names: a known name (`vscode`, `vscodium`, `zed`), `none` (no
    /// links: `Ok(None)`) or a pattern holding `{path}`. Anything else is an error in words.
    pub fn parse(value: &str) -> Result<Option<Editor>, String> {
        let value = value.trim();
        if value.eq_ignore_ascii_case("none") {
            return Ok(None);
        }
        if let Some((_, pattern)) = EDITORS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(value))
        {
            return Ok(Some(Editor {
                pattern: (*pattern).to_owned(),
            }));
        }
        if value.contains("{path}") {
            return Ok(Some(Editor {
                pattern: value.to_owned(),
            }));
        }
        let names: Vec<&str> = EDITORS.iter().map(|(n, _)| *n).collect();
        let names = names.join(", ");
        Err(crate::tr!(
            "unknown editor \"{value}\": give {names}, none, or an address with {{path}}, {{line}} and {{col}}",
            "tuntematon editori \"{value}\": anna {names}, none tai osoite, jossa on {{path}}, {{line}} ja {{col}}",
            "okänd redigerare \"{value}\": ange {names}, none eller en adress med {{path}}, {{line}} och {{col}}"
        ))
    }

    /// The address that opens `path` (absolute) at `line` and `col`.
    pub fn address(&self, path: &std::path::Path, line: usize, col: usize) -> String {
        self.pattern
            .replace("{path}", &encode_path(path))
            .replace("{line}", &line.to_string())
            .replace("{col}", &col.to_string())
    }
}

/// `path` as an address's path: forward slashes, a leading `/` (`/C:/…` on Windows), every
/// byte but letters, digits, `-._~/` (and a drive's colon) percent-encoded as UTF-8, so a
/// space is `%20` and `ä` is `%C3%A4`.
pub fn encode_path(path: &std::path::Path) -> String {
    let text = path.to_string_lossy();
    let text = if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    };
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    // A Windows drive's colon (`/C:/…`) stays as it is.
    match text.get(..3) {
        Some(drive) if drive.as_bytes()[1].is_ascii_alphabetic() && drive.ends_with(':') => {
            format!("{drive}{}", percent_encode(&text[3..]))
        }
        _ => percent_encode(&text),
    }
}

/// `text` with every byte but letters, digits and `-._~/` percent-encoded (as UTF-8): a
/// path as part of an address.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The preview's style for the links: faint in the margin beside a block, or after a
/// heading or a row's first cell; clear when pointed at or focused; never printed.
pub const STYLE: &str = "<style>\
.rakeplan-src{position:absolute;margin-left:-1.3rem;width:1.1rem;text-align:center;\
text-decoration:none;opacity:.35;font:.85rem/1.9 system-ui,sans-serif;color:inherit}\
h2>.rakeplan-src,h3>.rakeplan-src,tr .rakeplan-src{position:static;margin:0 0 0 .35rem;width:auto}\
.rakeplan-src:hover,.rakeplan-src:focus,[data-src]:hover>.rakeplan-src,\
[data-src]:hover>*>.rakeplan-src,.rakeplan-src:has(+[data-src]:hover){opacity:1}\
@media print{.rakeplan-src{display:none}}\
</style>";

/// `page` (an edition's HTML, drawn from `doc`) with a link to its YAML on each element
/// `doc` knows the place of, and [`STYLE`] in its head. `sources` holds the files the
/// plan was read from.
pub fn annotate(page: &str, doc: &Document, sources: &Sources, editor: &Editor) -> String {
    let mut links = Links {
        page,
        sources,
        editor,
        lang: crate::i18n::Lang::from_code(&doc.lang).unwrap_or_default(),
        paths: HashMap::new(),
        edits: Vec::new(),
        cursor: 0,
    };
    if let Some(at) = page.find("</head>") {
        links.edits.push((at, STYLE.to_owned()));
    }
    for section in &doc.sections {
        links.container(&section.id, "h2", section.origin.as_ref());
        links.parts(&section.parts, 3);
    }
    links.apply()
}

/// The work of [`annotate`]: where it has got to in the page, and what it will insert.
struct Links<'a> {
    page: &'a str,
    sources: &'a Sources,
    editor: &'a Editor,
    /// The page's language, for the links' names.
    lang: crate::i18n::Lang,
    /// Each file's absolute path, made once.
    paths: HashMap<FileIdx, std::path::PathBuf>,
    /// Insertions: byte offset in the page and the text.
    edits: Vec<(usize, String)>,
    /// How far the page has been read: elements come in document order.
    cursor: usize,
}

impl Links<'_> {
    /// The page from `cursor` on, the offset of `needle` in it.
    fn find(&self, needle: &str) -> Option<usize> {
        self.page
            .get(self.cursor..)?
            .find(needle)
            .map(|at| at + self.cursor)
    }

    /// A `<section id="{id}">` (a section, a focus area): its attribute and a link at the
    /// end of its heading (`tag`).
    fn container(&mut self, id: &str, tag: &str, origin: Option<&Span>) {
        let open = format!("<section id=\"{}\"", escape_html(id));
        let Some(at) = self.find(&open) else { return };
        self.cursor = at + open.len();
        let Some(origin) = origin else { return };
        let (line, col) = self.sources.line_col(origin.file, origin.range.start);
        let (attr, link) = self.link(origin.file, line, col);
        self.edits.push((at + "<section".len(), attr));
        if let Some(end) = self.find(&format!("</{tag}>")) {
            self.edits.push((end, link));
        }
    }

    /// The parts of a section or focus area; Markdown headings start at `level`.
    fn parts(&mut self, parts: &[Part], level: u8) {
        for part in parts {
            match part {
                Part::Markdown { blocks, origin, .. } => self.markdown(blocks, origin, level),
                Part::Table(table) => self.rows(table),
                Part::Charts(charts) => self.rows(&charts.table),
                Part::Subsection {
                    id, parts, origin, ..
                } => {
                    self.container(id, "h3", origin.as_ref());
                    self.parts(parts, level + 1);
                }
                Part::Wheel(_) | Part::Facts { .. } => {}
            }
        }
    }

    /// Each top-level block of a text, found in the page as the `blocks` filter draws it:
    /// the attribute in its opening tag and the link just before it.
    fn markdown(
        &mut self,
        blocks: &[crate::markdown::Block],
        origin: &Option<TextOrigin>,
        level: u8,
    ) {
        // Blocks are looked for in the file in order, each after the one before.
        let mut from = origin.as_ref().map_or(0, |o| o.within.range.start);
        for (i, block) in blocks.iter().enumerate() {
            let mut html = String::new();
            super::html::write_blocks(&mut html, std::slice::from_ref(block), level);
            let Some(at) = self.find(&html) else { continue };
            self.cursor = at + html.len();
            let Some(origin) = origin else { continue };
            let file = origin.within.file;
            let text = self.sources.text(file);
            // From where the value starts on: a map's place (a focus area's) is only its
            // start.
            let line = origin.lines.get(i).filter(|l| !l.is_empty());
            let found = line.and_then(|l| {
                let at = text.get(from..)?.find(l.as_str())? + from;
                Some((at, at + l.len()))
            });
            let offset = match found {
                Some((at, after)) => {
                    from = after;
                    at
                }
                None => origin.within.range.start,
            };
            let (line, col) = self.sources.line_col(file, offset);
            let (attr, link) = self.link(file, line, col);
            let name_len = html[1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(0);
            self.edits.push((at, link));
            self.edits.push((at + 1 + name_len, attr));
        }
    }

    /// A table's rows: the attribute on each `<tr>` and the link at the end of its first
    /// cell.
    fn rows(&mut self, table: &crate::document::DocTable) {
        let Some(at) = self.find(&format!(" id=\"{}\"", escape_html(&table.id))) else {
            return;
        };
        self.cursor = at;
        let Some(body) = self.find("<tbody>") else {
            return;
        };
        self.cursor = body;
        for origin in table.row_origins.iter().take(table.rows.len()) {
            let Some(tr) = self.find("<tr") else { return };
            self.cursor = tr + 3;
            let Some(origin) = origin else { continue };
            let (line, col) = self.sources.line_col(origin.file, origin.range.start);
            let (attr, link) = self.link(origin.file, line, col);
            self.edits.push((tr + 3, attr));
            let cell_end = [self.find("</th>"), self.find("</td>")]
                .into_iter()
                .flatten()
                .min();
            if let Some(end) = cell_end {
                self.edits.push((end, link));
            }
        }
    }

    /// The attribute and the link for `file` at `line` and `col`.
    fn link(&mut self, file: FileIdx, line: usize, col: usize) -> (String, String) {
        let name = self.sources.name(file);
        let path = self.paths.entry(file).or_insert_with(|| {
            std::path::absolute(name).unwrap_or_else(|_| std::path::PathBuf::from(name))
        });
        let href = escape_html(&self.editor.address(path, line, col));
        let label = escape_html(&match self.lang {
            crate::i18n::Lang::En => format!("Open in the editor: {name}, line {line}"),
            crate::i18n::Lang::Fi => format!("Avaa editorissa: {name}, rivi {line}"),
            crate::i18n::Lang::Sv => format!("Öppna i redigeraren: {name}, rad {line}"),
        });
        // The place as the preview's script looks it up when opened at a line
        // (`?at=<file>:<line>`, see serve-reload.js).
        let place = escape_html(&format!("{name}:{line}"));
        (
            format!(" data-src=\"{href}\" data-line=\"{place}\""),
            format!(
                "<a class=\"rakeplan-src\" href=\"{href}\" title=\"{label}\" aria-label=\"{label}\"><span aria-hidden=\"true\">✎</span></a>"
            ),
        )
    }

    /// The page with every insertion made.
    fn apply(mut self) -> String {
        self.edits.sort_by_key(|(at, _)| *at);
        let mut out = String::with_capacity(self.page.len() + self.edits.len() * 160);
        let mut done = 0;
        for (at, text) in &self.edits {
            out.push_str(&self.page[done..*at]);
            out.push_str(text);
            done = *at;
        }
        out.push_str(&self.page[done..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_for_an_address() {
        let path = std::path::Path::new("/home/a b/Pälkäne/#1?.yaml");
        assert_eq!(
            encode_path(path),
            "/home/a%20b/P%C3%A4lk%C3%A4ne/%231%3F.yaml"
        );
        let vscode = Editor::parse("vscode").unwrap().unwrap();
        assert_eq!(
            vscode.address(path, 12, 3),
            "vscode://file/home/a%20b/P%C3%A4lk%C3%A4ne/%231%3F.yaml:12:3"
        );
        assert_eq!(Editor::parse("none").unwrap(), None);
        let own = Editor::parse("idea://open?file={path}&line={line}")
            .unwrap()
            .unwrap();
        assert_eq!(
            own.address(std::path::Path::new("/x.yaml"), 4, 1),
            "idea://open?file=/x.yaml&line=4"
        );
        assert!(Editor::parse("notepad").is_err());
    }
}
