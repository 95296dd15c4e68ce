//! The redline as text for a terminal or a pipe: a [`Redline`] with a header, the plan's
//! changed metadata, a summary line per changed part, then each change with its word changes
//! as `[-deleted-]{+inserted+}` and a few words of context. The markers are always there, so
//! the text is as clear without colour as with it. Returns a string; writes nothing.

use crate::diff::{Segment, push};
use crate::markdown::{Block, Inline};
use crate::redline::{ChangeView, Part, Redline};

/// Renders `doc` as text, with ANSI colour when `color`.
pub fn render_text(doc: &Redline, color: bool) -> String {
    let s = Style::new(color);
    let mut out = String::new();
    out.push_str(&format!(
        "{}{} – {}{}\n",
        s.bold, doc.county, doc.title, s.reset
    ));
    let l = |k: &str| doc.labels.get(k).cloned().unwrap_or_default();
    for (caption, side) in [
        (l("redline_older"), &doc.from),
        (l("redline_newer"), &doc.to),
    ] {
        out.push_str(&format!("  {caption}: {}\n", side.line));
    }
    let changed: Vec<_> = doc.summary.iter().filter(|r| r.changed).collect();
    if !changed.is_empty() {
        out.push_str(&format!("\n{}:\n", l("redline_plan_info")));
        for row in changed {
            if row.history {
                // The older version's decisions stay its own: shown as history, not struck.
                out.push_str(&format!(
                    "  {}: {} ({}: {})\n",
                    row.label,
                    row.new.join("; "),
                    doc.from.name,
                    row.old.join("; ")
                ));
                continue;
            }
            let old = if row.old.is_empty() {
                String::new()
            } else {
                format!("{}[-{}-]{} ", s.red, row.old.join("; "), s.reset)
            };
            let new = if row.new.is_empty() {
                String::new()
            } else {
                format!("{}{{+{}+}}{}", s.green, row.new.join("; "), s.reset)
            };
            out.push_str(&format!("  {}: {old}{new}\n", row.label));
        }
    }
    out.push_str(&format!("\n{}\n", doc.total));
    if doc.groups.is_empty() {
        return out;
    }
    out.push_str(&format!("\n{}:\n", l("redline_summary")));
    let width = doc
        .groups
        .iter()
        .map(|g| g.heading.chars().count())
        .max()
        .unwrap_or(0);
    for group in &doc.groups {
        let pad = width - group.heading.chars().count();
        let whole = group
            .whole
            .as_ref()
            .map(|w| format!(" ({})", w.to_lowercase()))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {}{}  {}{whole}\n",
            group.heading,
            " ".repeat(pad),
            group.counts
        ));
    }
    for group in &doc.groups {
        out.push_str(&format!("\n{}== {}{}\n", s.bold, group.heading, s.reset));
        for change in &group.changes {
            write_change(&mut out, change, &s);
        }
    }
    out
}

fn write_change(out: &mut String, change: &ChangeView, s: &Style) {
    let key = change
        .key
        .as_ref()
        .map(|k| format!(" {}({k}){}", s.dim, s.reset))
        .unwrap_or_default();
    out.push_str(&format!(
        "{}{}{}  {}{key}\n",
        s.bold, change.label, s.reset, change.title
    ));
    if let Some(note) = &change.note {
        out.push_str(&format!("    {note}\n"));
    }
    for field in &change.fields {
        let caption = if field.label.is_empty() {
            String::new()
        } else {
            format!("{}: ", field.label)
        };
        let mut segments = Vec::new();
        // A block whose formatting changed has no marks for the hunks to find: the note and
        // the block, whole.
        let mut reformatted = Vec::new();
        let mut note = None;
        for part in &field.parts {
            match part {
                Part::Note { text } => note = Some(text),
                Part::Blocks { blocks } => {
                    if let Some(text) = note.take() {
                        let mut whole = Vec::new();
                        block_segments(&mut whole, &blocks[..1]);
                        let now = crate::diff::new_text(&whole);
                        let now: String = match now.char_indices().nth(160) {
                            Some((at, _)) => format!("{}…", &now[..at]),
                            None => now,
                        };
                        reformatted.push(format!("{text} {}", now.trim()));
                    }
                    if !segments.is_empty() {
                        push(&mut segments, Segment::Equal("\n\n".to_owned()));
                    }
                    block_segments(&mut segments, blocks);
                }
                Part::Elided { .. } => {}
            }
        }
        let changed = segments.iter().any(|g| !matches!(g, Segment::Equal(_)));
        let mut lines = if changed {
            hunks(&segments, s)
        } else {
            Vec::new()
        };
        lines.extend(reformatted);
        out.push_str(&format!("    {caption}{}\n", lines.join("\n      ")));
    }
}

/// The text of blocks as kept, deleted and inserted runs; blocks apart by a blank line, list
/// items led by "- ", table cells by "|".
fn block_segments(out: &mut Vec<Segment>, blocks: &[Block]) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            push(out, Segment::Equal("\n\n".to_owned()));
        }
        match block {
            Block::Paragraph { inlines } | Block::Heading { inlines, .. } => {
                inline_segments(out, inlines, None)
            }
            Block::List { items, .. } => {
                for (j, item) in items.iter().enumerate() {
                    push(
                        out,
                        Segment::Equal(if j == 0 { "- " } else { " - " }.to_owned()),
                    );
                    block_segments(out, item);
                }
            }
            Block::Quote { blocks } => {
                push(out, Segment::Equal("> ".to_owned()));
                block_segments(out, blocks);
            }
            Block::Code { text } => push(out, Segment::Equal(text.clone())),
            Block::Table { header, rows, .. } => {
                for row in std::iter::once(header).chain(rows) {
                    for cell in row {
                        push(out, Segment::Equal(" | ".to_owned()));
                        inline_segments(out, cell, None);
                    }
                    push(out, Segment::Equal(" |".to_owned()));
                }
            }
            Block::Rule => push(out, Segment::Equal("—".to_owned())),
        }
    }
}

fn inline_segments(out: &mut Vec<Segment>, inlines: &[Inline], mark: Option<bool>) {
    let add = |out: &mut Vec<Segment>, text: &str| {
        let seg = match mark {
            None => Segment::Equal(text.to_owned()),
            Some(true) => Segment::Insert(text.to_owned()),
            Some(false) => Segment::Delete(text.to_owned()),
        };
        push(out, seg);
    };
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => add(out, text),
            Inline::Break => add(out, " "),
            Inline::Emph { children }
            | Inline::Strong { children }
            | Inline::Strike { children }
            | Inline::Link { children, .. } => inline_segments(out, children, mark),
            Inline::Ins { children } => inline_segments(out, children, Some(true)),
            Inline::Del { children } => inline_segments(out, children, Some(false)),
        }
    }
}

/// ANSI styles for a terminal; empty strings when plain.
struct Style {
    bold: &'static str,
    red: &'static str,
    green: &'static str,
    dim: &'static str,
    reset: &'static str,
}

impl Style {
    fn new(color: bool) -> Self {
        if color {
            Style {
                bold: "\x1b[1m",
                red: "\x1b[31m",
                green: "\x1b[32m",
                dim: "\x1b[2m",
                reset: "\x1b[0m",
            }
        } else {
            Style {
                bold: "",
                red: "",
                green: "",
                dim: "",
                reset: "",
            }
        }
    }
}

/// Words of unchanged text kept around each change.
const CONTEXT_WORDS: usize = 6;

/// Whitespace collapsed to single spaces; a paragraph break (a blank line) shows as ¶.
fn flat(text: &str) -> String {
    let mut out = String::new();
    // Newlines seen in the current run of whitespace, if in one.
    let mut run: Option<usize> = None;
    let end_run = |out: &mut String, newlines: usize| {
        out.push_str(if newlines >= 2 { " ¶ " } else { " " });
    };
    for c in text.chars() {
        if c.is_whitespace() {
            *run.get_or_insert(0) += usize::from(c == '\n');
            continue;
        }
        if let Some(newlines) = run.take() {
            end_run(&mut out, newlines);
        }
        out.push(c);
    }
    if let Some(newlines) = run {
        end_run(&mut out, newlines);
    }
    out
}

/// The word changes as lines of hunks: each change with a few words of context; long
/// unchanged stretches become "…" and start a new line.
fn hunks(segments: &[Segment], s: &Style) -> Vec<String> {
    // One space between pieces, never two.
    fn space(line: &mut String) {
        if !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
    }
    let mut lines = vec![String::new()];
    let last = segments.len().saturating_sub(1);
    let n = CONTEXT_WORDS;
    for (i, seg) in segments.iter().enumerate() {
        let (text, marked) = match seg {
            Segment::Equal(t) => (flat(t), None),
            Segment::Delete(t) => (flat(t), Some((s.red, "[-", "-]"))),
            Segment::Insert(t) => (flat(t), Some((s.green, "{+", "+}"))),
        };
        let line = lines.last_mut().expect("one line at least");
        if text.starts_with(' ') {
            space(line);
        }
        let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        match marked {
            Some((colour, open, close)) => {
                line.push_str(&format!(
                    "{colour}{open}{}{close}{}",
                    words.join(" "),
                    s.reset
                ));
            }
            None if i == 0 && words.len() > n => {
                line.push_str(&format!("… {}", words[words.len() - n..].join(" ")));
            }
            None if i == last && words.len() > n => {
                line.push_str(&format!("{} …", words[..n].join(" ")));
            }
            None if i > 0 && i < last && words.len() > 2 * n + 2 => {
                line.push_str(&format!("{} …", words[..n].join(" ")));
                lines.push(format!("… {}", words[words.len() - n..].join(" ")));
            }
            None => line.push_str(&words.join(" ")),
        }
        if text.ends_with(' ') {
            space(lines.last_mut().expect("one line at least"));
        }
    }
    for line in &mut lines {
        line.truncate(line.trim_end().len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_keep_spaces_and_cut_long_context() {
        let plain = Style::new(false);
        let segs = vec![
            Segment::Equal("yksi kaksi kolme neljä viisi kuusi seitsemän lupaus on, että ".into()),
            Segment::Insert("jokainen ".into()),
            Segment::Equal("kainuulainen saa.\n\nUusi kappale".into()),
        ];
        assert_eq!(
            hunks(&segs, &plain),
            [
                "… viisi kuusi seitsemän lupaus on, että {+jokainen+} kainuulainen saa. ¶ Uusi kappale"
            ]
        );
        let segs = vec![
            Segment::Delete("a".into()),
            Segment::Insert("b".into()),
            Segment::Equal(" 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 ".into()),
            Segment::Delete("c".into()),
        ];
        assert_eq!(
            hunks(&segs, &plain),
            ["[-a-]{+b+} 1 2 3 4 5 6 …", "… 10 11 12 13 14 15 [-c-]"]
        );
    }
}
