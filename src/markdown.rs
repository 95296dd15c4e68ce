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
    let mut b = Builder {
        stack: vec![Frame::Blocks(Vec::new())],
        tags: Vec::new(),
    };
    for event in Parser::new_ext(src, options()) {
        b.event(event);
    }
    match b.stack.pop() {
        Some(Frame::Blocks(blocks)) => blocks,
        _ => Vec::new(),
    }
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
    Table(Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>, bool),
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

    fn text(&mut self, text: &str) {
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
            Tag::Table(_) => OpenTag::Table(Vec::new(), Vec::new(), false),
            Tag::TableHead => {
                if let Some(OpenTag::Table(_, _, in_head)) = self.tags.last_mut() {
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
            OpenTag::Table(header, rows, _) => self.push_block(Block::Table { header, rows }),
            OpenTag::Row(cells) => {
                if let Some(OpenTag::Table(header, rows, in_head)) = self.tags.last_mut() {
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

/// All visible text of blocks, for search indexes and word counts.
pub fn plain_text(blocks: &[Block]) -> String {
    fn inl(out: &mut String, inlines: &[Inline]) {
        for i in inlines {
            match i {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::Emph { children }
                | Inline::Strong { children }
                | Inline::Strike { children } => inl(out, children),
                Inline::Link { children, .. } => inl(out, children),
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
            Block::Table { header, rows } => {
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
    fn lists_and_tables() {
        let blocks = parse("- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n");
        assert!(matches!(&blocks[0], Block::List { items, .. } if items.len() == 2));
        assert!(matches!(&blocks[1], Block::Table { rows, .. } if rows.len() == 1));
    }
}
