//! Markdown in planners' text fields, parsed once with one pulldown-cmark configuration into
//! a small block tree that both renderers draw: the HTML renderer escapes every string, the
//! typst template places the strings as text. Raw HTML is kept as visible text, links other
//! than http(s), mailto and in-page anchors lose their link. No I/O.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// A block of Markdown content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Its content.
        inlines: Vec<Inline>,
    },
    /// A heading inside a section; level 1 is the highest a planner can write.
    Heading {
        /// 1-6 as written.
        level: u8,
        /// Its content.
        inlines: Vec<Inline>,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered or not.
        ordered: bool,
        /// First number of a numbered list.
        start: u64,
        /// Items, each a list of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A quotation.
    Quote {
        /// Its content.
        blocks: Vec<Block>,
    },
    /// Preformatted text.
    Code {
        /// The text.
        text: String,
    },
    /// A simple table; the first row is the header.
    Table {
        /// Header cells.
        header: Vec<Vec<Inline>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Inline>>>,
        /// Alignment of each column as written (`---:` right, `:---:` centre, `:---` left):
        /// `left`, `center`, `right` or `none`.
        #[serde(default)]
        align: Vec<String>,
        /// Running table number, given by the document with the other tables' numbers.
        #[serde(default)]
        number: Option<u32>,
        /// Caption, given by the document.
        #[serde(default)]
        caption: Option<String>,
        /// The word before the number ("Taulukko"), given by the document.
        #[serde(default)]
        supplement: Option<String>,
    },
    /// A thematic break.
    Rule,
}

/// Inline Markdown content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Inline {
    /// Plain text, shown as is.
    Text {
        /// The text.
        text: String,
    },
    /// Emphasis.
    Emph {
        /// Content.
        children: Vec<Inline>,
    },
    /// Strong emphasis.
    Strong {
        /// Content.
        children: Vec<Inline>,
    },
    /// Struck-through text.
    Strike {
        /// Content.
        children: Vec<Inline>,
    },
    /// Inline code.
    Code {
        /// The text.
        text: String,
    },
    /// A link to a safe address.
    Link {
        /// The address (http, https, mailto or #anchor).
        url: String,
        /// Link text.
        children: Vec<Inline>,
    },
    /// A hard line break.
    Break,
    /// Text inserted since the older version (only in a redline).
    Ins {
        /// Content.
        children: Vec<Inline>,
    },
    /// Text deleted since the older version (only in a redline).
    Del {
        /// Content.
        children: Vec<Inline>,
    },
}

/// How a run of a redline's Markdown source changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Only in the newer text.
    Ins,
    /// Only in the older text.
    Del,
}

/// The one parser configuration for every output (and for `limits`' checks).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Whether a link target is safe to keep as a link.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (lower.starts_with('#') && lower.len() > 1)
}

enum Frame {
    Blocks(Vec<Block>),
    Inlines(Vec<Inline>),
}

/// Parses Markdown into blocks.
pub fn parse(src: &str) -> Vec<Block> {
    parse_marked(src, &[])
}

/// Parses the Markdown of a redline: `src` holds the older and the newer text merged (kept,
/// deleted and inserted runs in order) and `marks` the byte ranges deleted or inserted. The
/// marks are applied inside each piece of text the parser finds, so an insertion that spans
/// a bold word or two list items becomes an [`Inline::Ins`] in each, and the tree stays
/// well nested whatever was changed.
pub fn parse_marked(src: &str, marks: &[(std::ops::Range<usize>, Mark)]) -> Vec<Block> {
    parse_inner(src, marks, None)
}

/// Parses Markdown into blocks, with the byte offset in `src` where each top-level block
/// starts (the preview links each paragraph to its line).
pub fn parse_with_starts(src: &str) -> (Vec<Block>, Vec<usize>) {
    let mut starts = Vec::new();
    let blocks = parse_inner(src, &[], Some(&mut starts));
    (blocks, starts)
}

fn parse_inner(
    src: &str,
    marks: &[(std::ops::Range<usize>, Mark)],
    mut starts: Option<&mut Vec<usize>>,
) -> Vec<Block> {
    let mut b = Builder {
        stack: vec![Frame::Blocks(Vec::new())],
        tags: Vec::new(),
    };
    // Where the top-level construct being read began: the blocks it adds start there.
    let mut begun = 0;
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        if let Some(starts) = starts.as_deref_mut() {
            if b.tags.is_empty() {
                begun = range.start;
            }
            b.event(event);
            if let Some(Frame::Blocks(top)) = b.stack.first() {
                starts.resize(top.len().max(starts.len()), begun);
            }
            continue;
        }
        if marks.is_empty() {
            b.event(event);
            continue;
        }
        match &event {
            // Text as written (no escapes or entities in it): mark it piece by piece.
            Event::Text(t) if src.get(range.clone()) == Some(&**t) => {
                for (piece, mark) in split_marked(t, range.start, marks) {
                    b.marked(piece, mark);
                }
            }
            Event::Text(_) | Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => {
                match mark_of(&range, marks) {
                    Some(mark) if !matches!(b.tags.last(), Some(OpenTag::Code(_))) => {
                        b.open_mark();
                        b.event(event);
                        b.close_mark(mark);
                    }
                    _ => b.event(event),
                }
            }
            _ => b.event(event),
        }
    }
    let mut blocks = match b.stack.pop() {
        Some(Frame::Blocks(blocks)) => blocks,
        _ => Vec::new(),
    };
    space_replacements(&mut blocks);
    if let Some(starts) = starts {
        starts.resize(blocks.len(), begun);
    }
    blocks
}

/// The mark covering most of `range`, if any.
fn mark_of(
    range: &std::ops::Range<usize>,
    marks: &[(std::ops::Range<usize>, Mark)],
) -> Option<Mark> {
    let mut best: Option<(usize, Mark)> = None;
    for (r, mark) in marks {
        let overlap = r
            .end
            .min(range.end)
            .saturating_sub(r.start.max(range.start));
        if overlap > 0 && best.is_none_or(|(n, _)| overlap > n) {
            best = Some((overlap, *mark));
        }
    }
    let (n, mark) = best?;
    (2 * n >= range.len()).then_some(mark)
}

/// `text` (which starts at byte `at` of the source) cut where marks begin and end.
fn split_marked<'t>(
    text: &'t str,
    at: usize,
    marks: &[(std::ops::Range<usize>, Mark)],
) -> Vec<(&'t str, Option<Mark>)> {
    let end = at + text.len();
    let mut cuts = vec![0, text.len()];
    for (r, _) in marks {
        for edge in [r.start, r.end] {
            if edge > at && edge < end && text.is_char_boundary(edge - at) {
                cuts.push(edge - at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let mark = marks
                .iter()
                .find(|(r, _)| r.start <= at + w[0] && at + w[1] <= r.end)
                .map(|(_, m)| *m);
            (&text[w[0]..w[1]], mark)
        })
        .collect()
}

/// Marks the parser split (an insertion spanning a tag and a word, or two words) are joined
/// into one, across the spaces between them; a deletion directly followed by an insertion
/// reads "old new", not "oldnew".
fn space_replacements(blocks: &mut [Block]) {
    fn join(xs: &mut Vec<Inline>) {
        let same = |a: &Inline, b: &Inline| {
            matches!(
                (a, b),
                (Inline::Ins { .. }, Inline::Ins { .. }) | (Inline::Del { .. }, Inline::Del { .. })
            )
        };
        let space = |x: &Inline| matches!(x, Inline::Text { text } if text.trim().is_empty());
        let mut out: Vec<Inline> = Vec::with_capacity(xs.len());
        let mut rest = std::mem::take(xs).into_iter().peekable();
        while let Some(x) = rest.next() {
            // A space between two marks of one kind goes inside them.
            if space(&x)
                && out
                    .last()
                    .is_some_and(|p| matches!(p, Inline::Ins { .. } | Inline::Del { .. }))
                && rest
                    .peek()
                    .is_some_and(|n| same(out.last().expect("checked"), n))
            {
                if let Some(Inline::Ins { children } | Inline::Del { children }) = out.last_mut() {
                    children.push(x);
                }
                continue;
            }
            match (out.last_mut(), x) {
                (Some(Inline::Ins { children }), Inline::Ins { children: more })
                | (Some(Inline::Del { children }), Inline::Del { children: more }) => {
                    children.extend(more)
                }
                (_, x) => out.push(x),
            }
        }
        for x in &mut out {
            if let Inline::Ins { children } | Inline::Del { children } = x {
                let merged = std::mem::take(children);
                for c in merged {
                    match (children.last_mut(), c) {
                        (Some(Inline::Text { text }), Inline::Text { text: more }) => {
                            text.push_str(&more)
                        }
                        (_, c) => children.push(c),
                    }
                }
            }
        }
        *xs = out;
    }
    fn inlines(xs: &mut Vec<Inline>) {
        join(xs);
        let mut i = 1;
        while i < xs.len() {
            if matches!(xs[i - 1], Inline::Del { .. }) && matches!(xs[i], Inline::Ins { .. }) {
                xs.insert(
                    i,
                    Inline::Text {
                        text: " ".to_owned(),
                    },
                );
                i += 1;
            }
            i += 1;
        }
        for x in xs.iter_mut() {
            match x {
                Inline::Emph { children }
                | Inline::Strong { children }
                | Inline::Strike { children }
                | Inline::Link { children, .. }
                | Inline::Ins { children }
                | Inline::Del { children } => inlines(children),
                _ => {}
            }
        }
    }
    for b in blocks {
        match b {
            Block::Paragraph { inlines: xs } | Block::Heading { inlines: xs, .. } => inlines(xs),
            Block::List { items, .. } => items.iter_mut().for_each(|i| space_replacements(i)),
            Block::Quote { blocks } => space_replacements(blocks),
            Block::Table { header, rows, .. } => header
                .iter_mut()
                .chain(rows.iter_mut().flatten())
                .for_each(inlines),
            Block::Code { .. } | Block::Rule => {}
        }
    }
}

/// Whether blocks hold an insertion or a deletion anywhere.
pub fn has_marks(blocks: &[Block]) -> bool {
    fn inl(xs: &[Inline]) -> bool {
        xs.iter().any(|x| match x {
            Inline::Ins { .. } | Inline::Del { .. } => true,
            Inline::Emph { children }
            | Inline::Strong { children }
            | Inline::Strike { children }
            | Inline::Link { children, .. } => inl(children),
            _ => false,
        })
    }
    blocks.iter().any(|b| match b {
        Block::Paragraph { inlines } | Block::Heading { inlines, .. } => inl(inlines),
        Block::List { items, .. } => items.iter().any(|i| has_marks(i)),
        Block::Quote { blocks } => has_marks(blocks),
        Block::Table { header, rows, .. } => {
            header.iter().chain(rows.iter().flatten()).any(|c| inl(c))
        }
        Block::Code { .. } | Block::Rule => false,
    })
}

struct Builder {
    stack: Vec<Frame>,
    tags: Vec<OpenTag>,
}

enum OpenTag {
    Paragraph,
    Heading(u8),
    List(bool, u64, Vec<Vec<Block>>),
    Item,
    Quote,
    Code(String),
    Table(Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>, bool, Vec<String>),
    Row(Vec<Vec<Inline>>),
    Cell,
    Emph,
    Strong,
    Strike,
    Link(String),
    Image,
    Other,
}

impl Builder {
    fn push_inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines(v)) => {
                if let (Inline::Text { text }, Some(Inline::Text { text: prev })) =
                    (&inline, v.last_mut())
                {
                    prev.push_str(text);
                    return;
                }
                v.push(inline)
            }
            // Inline content directly in a block context (tight list items): wrap it.
            Some(Frame::Blocks(blocks)) => match blocks.last_mut() {
                Some(Block::Paragraph { inlines })
                    if matches!(self.tags.last(), Some(OpenTag::Item)) =>
                {
                    inlines.push(inline)
                }
                _ => blocks.push(Block::Paragraph {
                    inlines: vec![inline],
                }),
            },
            None => {}
        }
    }

    fn push_block(&mut self, block: Block) {
        if let Some(Frame::Blocks(v)) = self.stack.last_mut() {
            v.push(block);
        }
    }

    fn pop_inlines(&mut self) -> Vec<Inline> {
        match self.stack.pop() {
            Some(Frame::Inlines(v)) => v,
            Some(other) => {
                self.stack.push(other);
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    fn pop_blocks(&mut self) -> Vec<Block> {
        match self.stack.pop() {
            Some(Frame::Blocks(v)) => v,
            Some(other) => {
                self.stack.push(other);
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// A piece of text, inside an insertion or deletion when marked. Spaces at its edges stay
    /// outside the mark. Code blocks keep their text unmarked.
    fn marked(&mut self, piece: &str, mark: Option<Mark>) {
        let in_code = matches!(self.tags.last(), Some(OpenTag::Code(_)));
        let Some(mark) = mark.filter(|_| !in_code && !piece.trim().is_empty()) else {
            self.text(piece);
            return;
        };
        let inner = piece.trim();
        let at = piece.find(inner).unwrap_or(0);
        self.text(&piece[..at]);
        self.open_mark();
        self.text(inner);
        self.close_mark(mark);
        self.text(&piece[at + inner.len()..]);
    }

    fn open_mark(&mut self) {
        self.stack.push(Frame::Inlines(Vec::new()));
    }

    fn close_mark(&mut self, mark: Mark) {
        let children = self.pop_inlines();
        if children.is_empty() {
            return;
        }
        self.push_inline(match mark {
            Mark::Ins => Inline::Ins { children },
            Mark::Del => Inline::Del { children },
        });
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(OpenTag::Code(buf)) = self.tags.last_mut() {
            buf.push_str(text);
        } else {
            self.push_inline(Inline::Text {
                text: text.to_owned(),
            });
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(t) => self.text(&t),
            // Raw HTML is text a planner wrote: show it literally.
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::Code(t) => self.push_inline(Inline::Code {
                text: t.to_string(),
            }),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push_inline(Inline::Break),
            Event::Rule => self.push_block(Block::Rule),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::FootnoteReference(t) => self.text(&format!("[^{t}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let open = match tag {
            Tag::Paragraph => {
                self.stack.push(Frame::Inlines(Vec::new()));
                OpenTag::Paragraph
            }
            Tag::Heading { level, .. } => {
                self.stack.push(Frame::Inlines(Vec::new()));
                OpenTag::Heading(level as u8)
            }
            Tag::List(start) => OpenTag::List(start.is_some(), start.unwrap_or(1), Vec::new()),
            Tag::Item => {
                self.stack.push(Frame::Blocks(Vec::new()));
                OpenTag::Item
            }
            Tag::BlockQuote(_) => {
                self.stack.push(Frame::Blocks(Vec::new()));
                OpenTag::Quote
            }
            Tag::CodeBlock(_) => OpenTag::Code(String::new()),
            Tag::Table(align) => OpenTag::Table(
                Vec::new(),
                Vec::new(),
                false,
                align
                    .iter()
                    .map(|a| {
                        match a {
                            pulldown_cmark::Alignment::None => "none",
                            pulldown_cmark::Alignment::Left => "left",
                            pulldown_cmark::Alignment::Center => "center",
                            pulldown_cmark::Alignment::Right => "right",
                        }
                        .to_owned()
                    })
                    .collect(),
            ),
            Tag::TableHead => {
                if let Some(OpenTag::Table(_, _, in_head, _)) = self.tags.last_mut() {
                    *in_head = true;
                }
                OpenTag::Row(Vec::new())
            }
            Tag::TableRow => OpenTag::Row(Vec::new()),
            Tag::TableCell => {
                self.stack.push(Frame::Inlines(Vec::new()));
                OpenTag::Cell
            }
            Tag::Emphasis => {
                self.stack.push(Frame::Inlines(Vec::new()));
                OpenTag::Emph
            }
            Tag::Strong => {
                self.stack.push(Frame::Inlines(Vec::new()));
                OpenTag::Strong
            }
            Tag::Strikethrough => {
                self.stack.push(Frame::Inlines(Vec::new()));
                OpenTag::Strike
            }
            Tag::Link { dest_url, .. } => {
                self.stack.push(Frame::Inlines(Vec::new()));
                OpenTag::Link(dest_url.to_string())
            }
            Tag::Image { .. } => {
                // Images would load something from elsewhere: keep only the alt text.
                OpenTag::Image
            }
            _ => OpenTag::Other,
        };
        self.tags.push(open);
    }

    fn end(&mut self, _end: TagEnd) {
        let Some(open) = self.tags.pop() else { return };
        match open {
            OpenTag::Paragraph => {
                let inlines = self.pop_inlines();
                self.push_block(Block::Paragraph { inlines });
            }
            OpenTag::Heading(level) => {
                let inlines = self.pop_inlines();
                self.push_block(Block::Heading { level, inlines });
            }
            OpenTag::List(ordered, start, items) => self.push_block(Block::List {
                ordered,
                start,
                items,
            }),
            OpenTag::Item => {
                let blocks = self.pop_blocks();
                if let Some(OpenTag::List(_, _, items)) = self.tags.last_mut() {
                    items.push(blocks);
                }
            }
            OpenTag::Quote => {
                let blocks = self.pop_blocks();
                self.push_block(Block::Quote { blocks });
            }
            OpenTag::Code(text) => self.push_block(Block::Code { text }),
            OpenTag::Table(header, rows, _, align) => self.push_block(Block::Table {
                header,
                rows,
                align,
                number: None,
                caption: None,
                supplement: None,
            }),
            OpenTag::Row(cells) => {
                if let Some(OpenTag::Table(header, rows, in_head, _)) = self.tags.last_mut() {
                    if *in_head {
                        *header = cells;
                        *in_head = false;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            OpenTag::Cell => {
                let inlines = self.pop_inlines();
                if let Some(OpenTag::Row(cells)) = self.tags.last_mut() {
                    cells.push(inlines);
                }
            }
            OpenTag::Emph => {
                let children = self.pop_inlines();
                self.push_inline(Inline::Emph { children });
            }
            OpenTag::Strong => {
                let children = self.pop_inlines();
                self.push_inline(Inline::Strong { children });
            }
            OpenTag::Strike => {
                let children = self.pop_inlines();
                self.push_inline(Inline::Strike { children });
            }
            OpenTag::Link(url) => {
                let children = self.pop_inlines();
                if is_safe_url(&url) {
                    self.push_inline(Inline::Link { url, children });
                } else {
                    for child in children {
                        self.push_inline(child);
                    }
                }
            }
            OpenTag::Image | OpenTag::Other => {}
        }
    }
}

/// Makes the headings a planner wrote into an outline without gaps: the highest becomes
/// level 1 and none is more than one level below the heading before it (a text that starts
/// at `##` or jumps from `#` to `###` would skip a level on the page, which screen readers
/// and the HTML checker report).
pub fn outline_headings(blocks: &mut [Block]) {
    outline(blocks.iter_mut().collect());
}

/// [`outline_headings`] over blocks that stand in a row on the page though they are kept
/// apart (a redline's shown blocks, with unchanged ones left out between them).
pub fn outline(blocks: Vec<&mut Block>) {
    let top = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut prev = 0u8;
    for b in blocks {
        if let Block::Heading { level, .. } = b {
            let wanted = *level - top + 1;
            *level = wanted.min(prev + 1);
            prev = *level;
        }
    }
}

/// All visible text of blocks, for search indexes and word counts.
pub fn plain_text(blocks: &[Block]) -> String {
    fn inl(out: &mut String, inlines: &[Inline]) {
        for i in inlines {
            match i {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::Emph { children }
                | Inline::Strong { children }
                | Inline::Strike { children } => inl(out, children),
                Inline::Link { children, .. }
                | Inline::Ins { children }
                | Inline::Del { children } => inl(out, children),
                Inline::Break => out.push(' '),
            }
        }
    }
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph { inlines } | Block::Heading { inlines, .. } => inl(&mut out, inlines),
            Block::List { items, .. } => items.iter().for_each(|i| out.push_str(&plain_text(i))),
            Block::Quote { blocks } => out.push_str(&plain_text(blocks)),
            Block::Code { text } => out.push_str(text),
            Block::Table { header, rows, .. } => {
                header.iter().chain(rows.iter().flatten()).for_each(|c| {
                    inl(&mut out, c);
                    out.push(' ')
                })
            }
            Block::Rule => {}
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_top_level_block_knows_where_it_starts() {
        let src = "Eka kappale,\nsama.\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n";
        let (blocks, starts) = parse_with_starts(src);
        assert_eq!(blocks, parse(src));
        assert_eq!(starts, vec![0, 20, 29, 60]);
    }

    #[test]
    fn raw_html_stays_text() {
        let blocks = parse("a <script>alert(1)</script> b");
        assert_eq!(plain_text(&blocks).trim(), "a <script>alert(1)</script> b");
    }

    #[test]
    fn unsafe_links_lose_their_link() {
        let blocks = parse("[x](javascript:alert(1)) [y](https://thl.fi)");
        let Block::Paragraph { inlines } = &blocks[0] else {
            panic!()
        };
        assert!(matches!(inlines[0], Inline::Text { .. }));
        assert!(
            inlines
                .iter()
                .any(|i| matches!(i, Inline::Link { url, .. } if url == "https://thl.fi"))
        );
    }

    #[test]
    fn headings_never_skip_a_level() {
        let mut blocks = parse("## a\n\n#### b\n\n### c\n\n## d\n");
        outline_headings(&mut blocks);
        let levels: Vec<u8> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect();
        assert_eq!(levels, [1, 2, 2, 1]);
    }

    #[test]
    fn tables_keep_their_column_alignment() {
        let blocks = parse("| a | b | c |\n|:---|---:|:---:|\n| 1 | 2 | 3 |\n");
        assert!(
            matches!(&blocks[0], Block::Table { align, .. } if align == &["left", "right", "center"])
        );
    }

    #[test]
    fn lists_and_tables() {
        let blocks = parse("- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n");
        assert!(matches!(&blocks[0], Block::List { items, .. } if items.len() == 2));
        assert!(matches!(&blocks[1], Block::Table { rows, .. } if rows.len() == 1));
    }
}
