//! What `build` can lay out, checked by `check` first, at the line a planner must fix: what
//! `check` accepts, `build` builds. Every text of a county's files is looked at for
//! characters none of the embedded fonts has, words too long to set, Markdown nested too
//! deep and tables or lists too large; the limits are documented in plan-template/README.md.
//! Pure: takes parsed YAML, returns diagnostics.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, FileIdx, Sources, Span};
use crate::tr;
use crate::yaml::{Node, Value};

/// The longest word (characters between spaces, or between a table's `|`). A longer run is
/// no word a reader can take in (and code, shown as written, cannot be broken into lines).
pub const MAX_WORD_CHARS: usize = 300;

/// The longest web address, written as text or as a link's target (`[name](https://...)`):
/// the PDF breaks an address anywhere, and writes a link's target as one PDF string.
pub const MAX_ADDRESS_CHARS: usize = 2_000;

/// The longest name, title or heading (a focus area's or indicator's name, the county's
/// name, an action, a Markdown heading, a label): the PDF writes each as one string (its
/// outline entry, the document's title, a heading's title for screen readers), and a PDF
/// string holds at most 32 767 bytes.
pub const MAX_NAME_CHARS: usize = 1_000;

/// The keys whose text is a name or a title: the region's names, the plan's title and each
/// kind of item's title field (shown as headings in the plan and the redline).
fn is_name_key(key: &str) -> bool {
    matches!(key, "name" | "short_name" | "title")
        || crate::items::KINDS.iter().any(|k| k.title == key)
}

/// The deepest nesting of Markdown lists and quotes inside one another.
pub const MAX_MARKDOWN_DEPTH: usize = 8;

/// The deepest nesting of emphasis, bold, strike-through and links inside one another.
pub const MAX_INLINE_DEPTH: usize = 10;

/// The most rows in one Markdown table.
pub const MAX_TABLE_ROWS: usize = 300;

/// The most columns in one Markdown table.
pub const MAX_TABLE_COLUMNS: usize = 12;

/// The most items in one YAML list (members, events, indicators, ...).
pub const MAX_LIST_ITEMS: usize = 1000;

/// The most table cells in one plan, Markdown tables and lists drawn as tables together
/// (each list item counts one cell per key). typst needs about 35 KB of memory per cell:
/// 5 000 cells keep a build well under 1 GB.
pub const MAX_PLAN_TABLE_CELLS: usize = 5_000;

/// At most this many texts with characters no font has are reported per file (a few are
/// enough to see the point; a whole file in an unsupported script would bury the rest).
const MAX_GLYPH_REPORTS: usize = 5;

/// What checking one file found.
pub struct FileReport {
    /// Problems, each at its line.
    pub diagnostics: Vec<Diagnostic>,
    /// Table cells the file adds to the plan (see [`MAX_PLAN_TABLE_CELLS`]).
    pub table_cells: usize,
}

/// Checks every list and text of one parsed file.
pub fn check_file(root: &Node, sources: &Sources, covers: &dyn Fn(char) -> bool) -> FileReport {
    let mut check = Check {
        sources,
        covers,
        diags: Vec::new(),
        glyph_reports: 0,
        cells: 0,
    };
    // Every text of a labels file is a label, and labels are headings and titles.
    let labels = sources
        .name(root.span.file)
        .rsplit(['/', '\\'])
        .next()
        .is_some_and(|name| name == "labels.yaml");
    check.node(root, labels);
    FileReport {
        diagnostics: check.diags,
        table_cells: check.cells,
    }
}

struct Check<'a> {
    sources: &'a Sources,
    covers: &'a dyn Fn(char) -> bool,
    diags: Vec<Diagnostic>,
    glyph_reports: usize,
    cells: usize,
}

impl Check<'_> {
    /// Checks `node` and what it holds; `name` when it is (inside) a name or title.
    fn node(&mut self, node: &Node, name: bool) {
        match &node.value {
            Value::Seq(items) => {
                if items.len() > MAX_LIST_ITEMS {
                    let n = items.len();
                    self.error(
                        node.span.clone(),
                        tr!(
                            "this list has {n} items; a plan's list may have at most {MAX_LIST_ITEMS}",
                            "tässä luettelossa on {n} kohtaa; suunnitelman luettelossa saa olla \
                             enintään {MAX_LIST_ITEMS}",
"den här listan har {n} punkter; en lista i planen får ha högst {MAX_LIST_ITEMS}"
                        ),
                        split_hint(),
                    );
                }
                self.cells += items
                    .iter()
                    .map(|item| match &item.value {
                        Value::Map(keys) => keys.len(),
                        _ => 1,
                    })
                    .sum::<usize>();
                items.iter().for_each(|n| self.node(n, name));
            }
            Value::Map(entries) => entries
                .iter()
                .for_each(|(key, n)| self.node(n, name || is_name_key(&key.name))),
            Value::Str(text) => {
                self.text(text, &node.span);
                if name {
                    self.name(text, &node.span);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, span: &Span) {
        self.glyphs(text, span);
        self.words(text, span);
        self.markdown(text, span);
    }

    /// One error per text that holds characters no font has, naming them (a few at most)
    /// at the line of the first; at most [`MAX_GLYPH_REPORTS`] such errors per file.
    fn glyphs(&mut self, text: &str, span: &Span) {
        if self.glyph_reports >= MAX_GLYPH_REPORTS || text.is_ascii() {
            return;
        }
        let mut missing: Vec<char> = Vec::new();
        let mut first = None;
        for (offset, c) in text.char_indices() {
            if (c.is_ascii() && !c.is_ascii_control())
                || missing.contains(&c)
                || is_invisible(c)
                || (self.covers)(c)
            {
                continue;
            }
            first.get_or_insert(offset);
            missing.push(c);
        }
        let Some(first) = first else { return };
        self.glyph_reports += 1;
        let named: Vec<String> = missing
            .iter()
            .take(5)
            .map(|&c| {
                let code = format!("U+{:04X}", c as u32);
                if c.is_control() {
                    code
                } else {
                    format!("'{c}' ({code})")
                }
            })
            .collect();
        let more = if missing.len() > 5 { ", …" } else { "" };
        let shown = format!("{}{more}", named.join(", "));
        self.error(
            self.at(span, text, first),
            tr!(
                "the characters {shown} cannot be printed: none of rakeplan's fonts has them",
                "merkkejä {shown} ei voi tulostaa: niitä ei ole yhdessäkään rakeplanin fontissa",
"tecknen {shown} kan inte skrivas ut: inget av rakeplans typsnitt har dem"
            ),
            tr!(
                "the fonts cover Latin (Finnish, Swedish, Somali, ...), Greek, Cyrillic \
                 (Russian, Ukrainian), Hebrew, Arabic, Devanagari, Georgian and Armenian \
                 letters and emoji, but not Chinese, Japanese, Korean, Thai or Ethiopic; \
                 write the passage in a covered script, or leave it out of the plan",
                "fonteissa ovat latinalaiset (suomi, ruotsi, somali, ...), kreikkalaiset, \
                 kyrilliset (venäjä, ukraina), heprealaiset, arabialaiset, devanagari-, \
                 georgialaiset ja armenialaiset kirjaimet sekä emojit, mutta eivät kiinan, \
                 japanin, korean, thain tai amharan merkit; kirjoita kohta katetuilla \
                 merkeillä tai jätä se pois suunnitelmasta",
"typsnitten täcker latinska (finska, svenska, somaliska, ...), grekiska, kyrilliska (ryska, ukrainska), hebreiska, arabiska, devanagari-, georgiska och armeniska bokstäver samt emojier, men inte kinesiska, japanska, koreanska, thailändska eller etiopiska tecken; skriv stycket med tecken som täcks, eller lämna det utanför planen"
            ),
        );
    }

    /// A name, title or heading longer than [`MAX_NAME_CHARS`], at its line.
    fn name(&mut self, text: &str, span: &Span) {
        if text.len() <= MAX_NAME_CHARS {
            return;
        }
        let count = text.chars().count();
        if count > MAX_NAME_CHARS {
            self.error(span.clone(), name_message(count), name_hint());
        }
    }

    fn words(&mut self, text: &str, span: &Span) {
        // A word of more than MAX_WORD_CHARS characters has more bytes than that too: only
        // such runs are counted in characters.
        if text.len() <= MAX_WORD_CHARS {
            return;
        }
        // A table's cells are words apart even when written without spaces (`|a|b|`), and
        // a link's target is no word of the text (`markdown` checks it as an address).
        let long = text
            .split(|c: char| c.is_whitespace() || c == '|')
            .flat_map(|w| w.split("](").take(1))
            .filter(|w| w.len() > MAX_WORD_CHARS)
            .map(|w| (w, w.chars().count()))
            .find(|(w, count)| {
                *count
                    > if is_address(w) {
                        MAX_ADDRESS_CHARS
                    } else {
                        MAX_WORD_CHARS
                    }
            });
        let Some((word, count)) = long else { return };
        if is_address(word) {
            let begin = word.as_ptr() as usize - text.as_ptr() as usize;
            self.error(
                self.at(span, text, begin),
                tr!(
                    "a web address here is {count} characters long; an address may be at most \
                     {MAX_ADDRESS_CHARS}",
                    "tässä on {count} merkin pituinen verkko-osoite; osoite saa olla enintään \
                     {MAX_ADDRESS_CHARS} merkkiä",
                    "här finns en webbadress på {count} tecken; en adress får vara högst \
                     {MAX_ADDRESS_CHARS} tecken"
                ),
                tr!(
                    "link to a shorter address (a folder or a page that leads on), or shorten \
                     the link with the service's own \"copy link\"",
                    "linkitä lyhyempään osoitteeseen (kansioon tai sivulle, josta pääsee \
                     eteenpäin) tai lyhennä linkki palvelun omalla \"kopioi linkki\" -toiminnolla",
                    "länka till en kortare adress (en mapp eller en sida som leder vidare), \
                     eller korta länken med tjänstens egen \"kopiera länk\""
                ),
            );
            return;
        }
        let begin = word.as_ptr() as usize - text.as_ptr() as usize;
        self.error(
            self.at(span, text, begin),
            tr!(
                "a word here is {count} characters long; the longest that fits on a \
                 line is {MAX_WORD_CHARS}",
                "tässä on {count} merkin pituinen sana; riville mahtuu enintään \
                 {MAX_WORD_CHARS} merkin sana",
"ett ord här är {count} tecken långt; det längsta som ryms på en rad är {MAX_WORD_CHARS}"
            ),
            tr!(
                "add spaces, or shorten it (a long web address can be a link: \
                 [name](https://...))",
                "lisää välilyöntejä tai lyhennä sitä (pitkän verkko-osoitteen voi \
                 kirjoittaa linkiksi: [nimi](https://...))",
"lägg till mellanslag eller förkorta det (en lång webbadress kan vara en länk: [namn](https://...))"
            ),
        );
    }

    fn markdown(&mut self, text: &str, span: &Span) {
        // Only text that could break a limit is parsed: a table needs a '|', nesting past a
        // limit needs more markers than the limit.
        let markers = |set: &[u8]| text.bytes().filter(|b| set.contains(b)).count();
        // A heading or a link's address past its limit needs a text longer than that.
        if !text.contains('|')
            && markers(b"-*+>0123456789") <= MAX_MARKDOWN_DEPTH
            && markers(b"*_~[") <= MAX_INLINE_DEPTH
            && text.len() <= MAX_NAME_CHARS.min(MAX_ADDRESS_CHARS)
        {
            return;
        }
        // The characters of the heading being read, and where it starts.
        let mut heading: Option<(usize, usize)> = None;
        let mut depth = 0usize;
        let mut rows = 0usize;
        let mut table_start = 0;
        let mut reported_depth = false;
        let mut inline = 0usize;
        let mut reported_inline = false;
        let options = crate::markdown::options();
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            match event {
                Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                    depth += 1;
                    if depth > MAX_MARKDOWN_DEPTH && !reported_depth {
                        reported_depth = true;
                        self.error(
                            self.at(span, text, range.start),
                            tr!(
                                "lists and quotes are nested more than {MAX_MARKDOWN_DEPTH} levels deep here",
                                "luetteloita ja lainauksia on tässä sisäkkäin yli \
                                 {MAX_MARKDOWN_DEPTH} tasoa",
"listor och citat är här kapslade i mer än {MAX_MARKDOWN_DEPTH} nivåer"
                            ),
                            tr!(
                                "a plan reads best with one or two levels: indent less",
                                "suunnitelma on selkein yhdellä tai kahdella tasolla: \
                                 sisennä vähemmän",
"en plan är tydligast med en eller två nivåer: dra in mindre"
                            ),
                        );
                    }
                }
                Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => {
                    depth = depth.saturating_sub(1)
                }
                Event::Start(Tag::Heading { .. }) => heading = Some((range.start, 0)),
                Event::Text(words)
                | Event::Code(words)
                | Event::Html(words)
                | Event::InlineHtml(words)
                | Event::InlineMath(words)
                | Event::DisplayMath(words) => {
                    if let Some((_, count)) = heading.as_mut() {
                        *count += words.chars().count();
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((start, count)) = heading.take()
                        && count > MAX_NAME_CHARS
                    {
                        self.error(self.at(span, text, start), name_message(count), name_hint());
                    }
                }
                Event::Start(Tag::Link { ref dest_url, .. })
                    if dest_url.len() > MAX_ADDRESS_CHARS
                        && dest_url.chars().count() > MAX_ADDRESS_CHARS =>
                {
                    let count = dest_url.chars().count();
                    inline += 1;
                    self.error(
                        self.at(span, text, range.start),
                        tr!(
                            "a link's address here is {count} characters long; an address may \
                             be at most {MAX_ADDRESS_CHARS}",
                            "tässä on linkki, jonka osoite on {count} merkkiä pitkä; osoite saa \
                             olla enintään {MAX_ADDRESS_CHARS} merkkiä",
                            "här finns en länk vars adress är {count} tecken lång; en adress \
                             får vara högst {MAX_ADDRESS_CHARS} tecken"
                        ),
                        tr!(
                            "link to a shorter address (a folder or a page that leads on)",
                            "linkitä lyhyempään osoitteeseen (kansioon tai sivulle, josta pääsee \
                             eteenpäin)",
                            "länka till en kortare adress (en mapp eller en sida som leder vidare)"
                        ),
                    );
                }
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. },
                ) => {
                    inline += 1;
                    if inline > MAX_INLINE_DEPTH && !reported_inline {
                        reported_inline = true;
                        self.error(
                            self.at(span, text, range.start),
                            tr!(
                                "emphasis, bold and links are nested more than {MAX_INLINE_DEPTH} levels deep here",
                                "korostuksia, lihavointeja ja linkkejä on tässä sisäkkäin yli \
                                 {MAX_INLINE_DEPTH} tasoa",
"kursiv, fetstil och länkar är här kapslade i mer än {MAX_INLINE_DEPTH} nivåer"
                            ),
                            tr!(
                                "check the `*`, `**` and `~~` marks: every one that opens must close",
                                "tarkista merkit `*`, `**` ja `~~`: jokainen avattu merkintä \
                                 on suljettava",
"kontrollera tecknen `*`, `**` och `~~`: varje markering som öppnas måste stängas"
                            ),
                        );
                    }
                }
                Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
                ) => inline = inline.saturating_sub(1),
                Event::Start(Tag::Table(aligns)) => {
                    rows = 0;
                    table_start = range.start;
                    if aligns.len() > MAX_TABLE_COLUMNS {
                        let n = aligns.len();
                        self.error(
                            self.at(span, text, range.start),
                            tr!(
                                "this table has {n} columns; at most {MAX_TABLE_COLUMNS} fit on a page",
                                "tässä taulukossa on {n} saraketta; sivulle mahtuu enintään \
                                 {MAX_TABLE_COLUMNS}",
"den här tabellen har {n} kolumner; högst {MAX_TABLE_COLUMNS} ryms på en sida"
                            ),
                            split_hint(),
                        );
                    }
                }
                Event::Start(Tag::TableRow) => rows += 1,
                Event::Start(Tag::TableCell) => self.cells += 1,
                Event::End(TagEnd::Table) if rows > MAX_TABLE_ROWS => self.error(
                    self.at(span, text, table_start),
                    tr!(
                        "this table has {rows} rows; a table may have at most {MAX_TABLE_ROWS}",
                        "tässä taulukossa on {rows} riviä; taulukossa saa olla enintään \
                         {MAX_TABLE_ROWS}",
                        "den här tabellen har {rows} rader; en tabell får ha högst {MAX_TABLE_ROWS}"
                    ),
                    split_hint(),
                ),
                _ => {}
            }
        }
    }

    /// The place of byte `offset` of a string value whose span is `span`: the line of it.
    /// The span of a `|` or `>` block starts at its first line of text, and each line of the
    /// text is a line of the file; other values (one line, or folded) point at their start.
    fn at(&self, span: &Span, text: &str, offset: usize) -> Span {
        let file = span.file;
        let source = self.sources.text(file);
        let (line, _) = self.sources.line_col(file, span.range.start);
        let leading = text.len() - text.trim_start_matches('\n').len();
        let before = &text[..offset.min(text.len())];
        let line_in_text = before.matches('\n').count().saturating_sub(leading);
        if !text.trim_end().contains('\n') {
            return span.clone();
        }
        line_span(source, file, line + line_in_text).unwrap_or_else(|| span.clone())
    }

    fn error(&mut self, span: Span, message: String, hint: String) {
        self.diags
            .push(Diagnostic::error(Some(span), message).with_hint(hint));
    }
}

/// The span of 1-based line `line` of `source` (without its line end), if it exists.
fn line_span(source: &str, file: FileIdx, line: usize) -> Option<Span> {
    let mut offset = 0;
    for (i, text) in source.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let content = text.trim_end_matches(['\n', '\r']);
            let indent = content.len() - content.trim_start().len();
            return Some(Span {
                file,
                range: offset + indent..offset + content.len(),
            });
        }
        offset += text.len();
    }
    None
}

/// Whether a word is a web address: the PDF breaks an address anywhere, so it may be longer
/// than a word.
fn is_address(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.")
}

fn name_message(count: usize) -> String {
    tr!(
        "this name or heading is {count} characters long; a name, title or heading may be at \
         most {MAX_NAME_CHARS}",
        "tämä nimi tai otsikko on {count} merkkiä pitkä; nimi tai otsikko saa olla enintään \
         {MAX_NAME_CHARS} merkkiä",
        "detta namn eller denna rubrik är {count} tecken lång; ett namn eller en rubrik får \
         vara högst {MAX_NAME_CHARS} tecken"
    )
}

fn name_hint() -> String {
    tr!(
        "keep the name short and move the rest into the text under it",
        "pidä nimi lyhyenä ja siirrä loput sen alla olevaan tekstiin",
        "håll namnet kort och flytta resten till texten under det"
    )
}

fn split_hint() -> String {
    tr!(
        "split it into smaller parts, or keep the full data in an appendix outside the plan",
        "jaa se pienempiin osiin tai pidä täydet tiedot suunnitelman ulkopuolisessa liitteessä",
        "dela upp den i mindre delar eller ha alla uppgifter i en bilaga utanför planen"
    )
}

/// Characters that are not drawn (spaces, line ends, joiners, direction marks, variation
/// selectors) and need no glyph.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{E0100}'..='\u{E01EF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str, covers: &dyn Fn(char) -> bool) -> Vec<String> {
        let mut sources = Sources::default();
        let file = sources.add("t.yaml", yaml);
        let node = crate::yaml::parse(&sources, file).unwrap();
        check_file(&node, &sources, covers)
            .diagnostics
            .into_iter()
            .map(|d| {
                let span = d.span.clone().unwrap();
                let (line, _) = sources.line_col(file, span.range.start);
                format!("{line}: {}", d.message)
            })
            .collect()
    }

    #[test]
    fn reports_the_line_inside_a_block() {
        let deep: String = (0..10)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let yaml = format!(
            "text: |\n{}",
            deep.lines().map(|l| format!("  {l}\n")).collect::<String>()
        );
        let found = run(&yaml, &|_| true);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("10: "), "{found:?}");
    }

    #[test]
    fn reports_characters_without_a_font_once() {
        let found = run("a: \"ok 中文 中\"\nb: \"中\"\n", &|c| c.is_ascii());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("'中' (U+4E2D), '文' (U+6587) cannot"),
            "{found:?}"
        );
    }

    #[test]
    fn long_words_and_big_tables() {
        let word = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(run(&format!("a: x {word}\n"), &|_| true).len(), 1);
        assert!(run(&format!("a: x {}\n", &word[1..]), &|_| true).is_empty());
        let mut table = String::from("text: |\n  | a | b |\n  |---|---|\n");
        for _ in 0..=MAX_TABLE_ROWS {
            table.push_str("  | 1 | 2 |\n");
        }
        let found = run(&table, &|_| true);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("2: "), "{found:?}");
    }
}
