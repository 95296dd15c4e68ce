//! The HTML edition: one self-contained page per plan, drawn by a tera template with
//! autoescape on. Markdown blocks become HTML here, every string escaped; nothing a planner
//! writes can become markup. Returns bytes; writes nothing.

use std::collections::HashMap;

use tera::{Context, Tera, Value};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::markdown::{Block, Inline};
use crate::render::{Artifact, TemplateDirs};
use crate::text::escape_html;

/// Renders `doc` as `plan.html` (or `plan.<lang>.html` for a second language).
pub fn render_html(
    doc: &Document,
    dirs: &TemplateDirs,
    name: &str,
) -> Result<Artifact, Diagnostic> {
    render_html_in_site(doc, dirs, name, None)
}

/// Renders `doc` as a page of the intranet site: `site` (navigation, version switcher,
/// banners) is handed to the template as `site`; without it the page stands alone.
pub fn render_html_in_site(
    doc: &Document,
    dirs: &TemplateDirs,
    name: &str,
    site: Option<&serde_json::Value>,
) -> Result<Artifact, Diagnostic> {
    let page = dirs.find("plan.html.tera")?;
    let css = dirs.find("style.css")?;
    let mut tera = new_tera();
    tera.add_raw_template("plan.html.tera", &page.text)
        .map_err(|e| template_error(&page.origin, &e))?;
    let mut context = Context::from_serialize(doc).map_err(|e| template_error(&page.origin, &e))?;
    context.insert("css", &css.text);
    // A county logo travels inside the page as a data address: the page stays self-contained.
    if let Some((name, bytes)) = dirs.logo()? {
        use base64::Engine;
        let mime = match name.rsplit('.').next() {
            Some("svg") => "image/svg+xml",
            Some("png") => "image/png",
            _ => "image/jpeg",
        };
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        context.insert("logo", &format!("data:{mime};base64,{data}"));
    }
    if let Some(site) = site {
        context.insert("site", site);
    }
    let html = tera
        .render("plan.html.tera", &context)
        .map_err(|e| template_error(&page.origin, &e))?;
    Ok(Artifact::new(name, html.into_bytes()))
}

/// Renders the page template `name` (looked up in `dirs`) with `context`.
pub fn render_page(
    dirs: &TemplateDirs,
    name: &str,
    context: &serde_json::Value,
) -> Result<String, Diagnostic> {
    let page = dirs.find(name)?;
    let mut tera = new_tera();
    tera.add_raw_template(name, &page.text)
        .map_err(|e| template_error(&page.origin, &e))?;
    let context =
        Context::from_value(context.clone()).map_err(|e| template_error(&page.origin, &e))?;
    tera.render(name, &context)
        .map_err(|e| template_error(&page.origin, &e))
}

/// A tera problem as a diagnostic, with the whole error chain (it carries line numbers).
pub(crate) fn template_error(origin: &str, err: &dyn std::error::Error) -> Diagnostic {
    let message = error_chain(err);
    Diagnostic::error_at_path(
        std::path::Path::new(origin),
        crate::tr!(
            "the HTML template failed: {message}",
            "HTML-pohjan käsittely epäonnistui: {message}",
"HTML-mallen misslyckades: {message}"
        ),
    )
    .with_hint(crate::tr!(
        "fix the template file named above, or delete a county override to use the national template",
        "korjaa yllä mainittu pohjatiedosto, tai poista hyvinvointialueen oma korvaava pohja, \
         jolloin käytetään kansallista pohjaa",
"rätta mallfilen som nämns ovan, eller radera välfärdsområdets egen ersättande mall för att använda den nationella mallen"
    ))
}

/// An error and every cause under it, joined with ": " (tera puts the line number in a cause).
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// A tera instance for every page rakeplan renders: autoescape on, our filters registered in
/// one place, and nothing that reaches outside the data handed in. tera's `get_env()` would
/// let a county template print the build machine's environment (CI tokens): it is replaced
/// by a function that refuses.
pub fn new_tera() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".tera", ".html"]);
    tera.register_filter("blocks", blocks_filter);
    // `{{ cell.text | keep_together }}`: no line break in "§ 18", "15 %", "1 200".
    tera.register_filter(
        "keep_together",
        |value: &Value, _: &HashMap<String, Value>| match value.as_str() {
            Some(s) => Ok(Value::String(keep_together(s))),
            None => Ok(value.clone()),
        },
    );
    tera.register_function("get_env", |_: &HashMap<String, Value>| {
        Err(tera::Error::msg(
            "get_env() is not available: templates see only the plan's data",
        ))
    });
    tera
}

/// `{{ part.blocks | blocks(level=3) | safe }}`: Markdown blocks as escaped HTML; planner
/// headings start at `level`; `del_lang` and `ins_lang` tag a redline's runs with their
/// language.
fn blocks_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let blocks: Vec<Block> =
        serde_json::from_value(value.clone()).map_err(|e| tera::Error::msg(e.to_string()))?;
    let level = args.get("level").and_then(Value::as_u64).unwrap_or(3) as u8;
    let mut out = String::new();
    write_blocks(&mut out, &blocks, level);
    // A redline's deleted or inserted runs in another language than the page's (a Finnish
    // text the Swedish edition showed before it was translated) carry that language.
    // Planner text is escaped, so every "<del>" here is the renderer's own.
    for (arg, tag) in [("del_lang", "del"), ("ins_lang", "ins")] {
        if let Some(lang) = args
            .get(arg)
            .and_then(Value::as_str)
            .filter(|l| !l.is_empty())
        {
            out = out.replace(
                &format!("<{tag}>"),
                &format!("<{tag} lang=\"{}\">", escape_html(lang)),
            );
        }
    }
    Ok(Value::String(out))
}

pub(crate) fn write_blocks(out: &mut String, blocks: &[Block], level: u8) {
    for block in blocks {
        match block {
            Block::Paragraph { inlines } => {
                out.push_str("<p>");
                write_inlines(out, inlines);
                out.push_str("</p>\n");
            }
            Block::Heading { level: l, inlines } => {
                let h = (level + l - 1).min(6);
                out.push_str(&format!("<h{h}>"));
                write_inlines(out, inlines);
                out.push_str(&format!("</h{h}>\n"));
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                if *ordered {
                    if *start == 1 {
                        out.push_str("<ol>\n")
                    } else {
                        out.push_str(&format!("<ol start=\"{start}\">\n"))
                    }
                } else {
                    out.push_str("<ul>\n");
                }
                for item in items {
                    out.push_str("<li>");
                    // Tight items hold one paragraph: draw it without <p>.
                    match item.as_slice() {
                        [Block::Paragraph { inlines }] => write_inlines(out, inlines),
                        _ => write_blocks(out, item, level),
                    }
                    out.push_str("</li>\n");
                }
                out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Quote { blocks } => {
                out.push_str("<blockquote>\n");
                write_blocks(out, blocks, level);
                out.push_str("</blockquote>\n");
            }
            Block::Code { text } => {
                out.push_str("<pre><code>");
                out.push_str(&escape_html(text));
                out.push_str("</code></pre>\n");
            }
            Block::Table {
                header,
                rows,
                align,
                number,
                caption,
                supplement,
            } => {
                // A wide table scrolls; the region must be reachable and named for keyboard
                // users. Its caption (with the number the document gave it) names it.
                let word = supplement.as_deref().unwrap_or("");
                let name = match (number, caption) {
                    (Some(n), Some(c)) => format!("{word} {n}. {c}"),
                    (None, Some(c)) => c.clone(),
                    _ => header.first().map(|c| plain_inlines(c)).unwrap_or_default(),
                };
                out.push_str(&format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"md\">\n",
                    escape_html(&name)
                ));
                if let Some(c) = caption {
                    out.push_str("<caption>");
                    if let Some(n) = number {
                        out.push_str(&format!(
                            "<span class=\"table-no\">{} {n}.</span> ",
                            escape_html(word)
                        ));
                    }
                    out.push_str(&escape_html(c));
                    out.push_str("</caption>\n");
                }
                let class = |i: usize| match align.get(i).map(String::as_str) {
                    Some(a @ ("left" | "right" | "center")) => format!(" class=\"align-{a}\""),
                    _ => String::new(),
                };
                out.push_str("<thead><tr>");
                for (i, cell) in header.iter().enumerate() {
                    out.push_str(&format!("<th scope=\"col\"{}>", class(i)));
                    write_inlines(out, cell);
                    out.push_str("</th>");
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        out.push_str(&format!("<td{}>", class(i)));
                        write_inlines(out, cell);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table></div>\n");
            }
            Block::Rule => out.push_str("<hr>\n"),
        }
    }
}

fn write_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(&escape_html(&keep_together(text))),
            Inline::Emph { children } => wrap(out, "em", children),
            Inline::Strong { children } => wrap(out, "strong", children),
            Inline::Strike { children } => wrap(out, "s", children),
            Inline::Code { text } => {
                out.push_str("<code>");
                out.push_str(&escape_html(text));
                out.push_str("</code>");
            }
            Inline::Link { url, children } => {
                out.push_str(&format!("<a href=\"{}\">", escape_html(url)));
                write_inlines(out, children);
                out.push_str("</a>");
            }
            Inline::Break => out.push_str("<br>"),
            Inline::Ins { children } => wrap(out, "ins", children),
            Inline::Del { children } => wrap(out, "del", children),
        }
    }
}

/// The spaces that must not break a line, made no-break spaces, as the PDF does: "§ 18",
/// "15 %", "1 200" (a group of three digits), "6.5.2025 § 69".
pub(crate) fn keep_together(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (before, after) = (chars[i - 1], chars[i + 1]);
            let group = after.is_ascii_digit()
                && chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
                    == 3;
            let glue = (before == '§' && after.is_ascii_digit())
                || (before.is_ascii_digit() && (after == '%' || after == '§'))
                || (before == '.' && after == '§')
                || (before.is_ascii_digit() && group);
            if glue {
                out.push('\u{a0}');
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn plain_inlines(inlines: &[Inline]) -> String {
    crate::markdown::plain_text(&[Block::Paragraph {
        inlines: inlines.to_vec(),
    }])
    .trim()
    .to_owned()
}

fn wrap(out: &mut String, tag: &str, children: &[Inline]) {
    out.push_str(&format!("<{tag}>"));
    write_inlines(out, children);
    out.push_str(&format!("</{tag}>"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_signs_with_their_numbers() {
        assert_eq!(
            keep_together("6.5.2025 § 69, 15 % ja 1 200 asukasta, 12 3456"),
            "6.5.2025\u{a0}§\u{a0}69, 15\u{a0}% ja 1\u{a0}200 asukasta, 12 3456"
        );
    }

    #[test]
    fn escapes_planner_markup() {
        let mut out = String::new();
        write_blocks(
            &mut out,
            &crate::markdown::parse("<img src=x onerror=alert(1)> {{ 7*7 }}"),
            3,
        );
        assert_eq!(out, "<p>&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}</p>\n");
    }

    proptest::proptest! {
        /// Whatever the two texts hold (Markdown syntax cut anywhere, tables, code, raw
        /// HTML), the marked blocks come out, well nested, with every word of both sides.
        /// (Backticks come in pairs: three at a line's start open a fence whose first
        /// word is an info string, not text.)
        #[test]
        fn any_markdown_change_gives_well_nested_marks(
            pieces in proptest::collection::vec(
                (0u8..3, proptest::sample::select(vec![
                    "sana ", "**", "*", "- ", "\n", "\n\n", "| a | b |\n", "|---|---|\n",
                    "# ", "`koodi`", "[x](https://thl.fi)", "<b>", "> ", "1. ", "    koodi\n", "ä ",
                ])),
                0..24,
            )
        ) {
            let segs: Vec<crate::diff::Segment> = pieces
                .iter()
                .map(|(op, t)| match op {
                    0 => crate::diff::Segment::Equal((*t).to_owned()),
                    1 => crate::diff::Segment::Delete((*t).to_owned()),
                    _ => crate::diff::Segment::Insert((*t).to_owned()),
                })
                .collect();
            let blocks = crate::redline::marked_markdown(&segs);
            let mut html = String::new();
            write_blocks(&mut html, &blocks, 3);
            for tag in ["ins", "del"] {
                proptest::prop_assert_eq!(
                    html.matches(&format!("<{tag}>")).count(),
                    html.matches(&format!("</{tag}>")).count()
                );
            }
            let words = |s: &str| s.matches("sana").count();
            let all: String = pieces.iter().map(|(_, t)| *t).collect();
            proptest::prop_assert_eq!(words(&crate::markdown::plain_text(&blocks)), words(&all));
        }
    }
}
