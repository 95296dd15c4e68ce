//! The redline page: a [`ChangeSet`] as one self-contained HTML page in Finnish for the
//! approval body and staff. A summary lists the changed sections and links to every change;
//! each change carries a visible label (Lisätty, Poistettu, Muutettu, Siirretty) and its words
//! are marked with `<ins>` (underlined) and `<del>` (struck through), so nothing is told by
//! colour alone. Every string from a plan is escaped here; no external fonts, styles or
//! scripts. Returns the page; writes nothing.

use crate::diff::{self, Change, ChangeKind, ChangeSet, Group, Paragraph, Revision, Segment};
use crate::render::html::escape;

const CSS: &str = r#"
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5; max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
a { color: #0b4f8a; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
.sides { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
.sides dt, .fields dt { font-weight: 600; }
.sides dd, .fields dd { margin: 0; }
.fields { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .3rem 1rem; margin: .5rem 0; }
.fields dd p, .redline p { margin: 0 0 .6rem; }
.sides dd, .fields dd { min-width: 0; overflow-wrap: anywhere; hyphens: auto; }
@media (max-width: 30rem) {
  body { padding: 1rem .9rem 2rem; }
  .fields, .sides { grid-template-columns: minmax(0, 1fr); }
  .fields dd, .sides dd { margin-bottom: .4rem; }
}
ins { text-decoration: underline; text-decoration-thickness: 2px; background: #e3f2e6; color: #0b4d1f; }
del { text-decoration: line-through; text-decoration-thickness: 2px; background: #fbe7e7; color: #7a1010; }
ins::before, ins::after, del::before, del::after {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(100%); white-space: nowrap; }
ins::before { content: " [lisäys alkaa] "; }
ins::after { content: " [lisäys päättyy] "; }
del::before { content: " [poisto alkaa] "; }
del::after { content: " [poisto päättyy] "; }
.label { display: inline-block; font-size: .8rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .03em; padding: 0 .45em; border: 2px solid currentColor; border-radius: .25rem; margin-right: .4rem; }
.label-added { color: #0b4d1f; }
.label-removed { color: #7a1010; }
.label-changed { color: #1d3f7a; }
.label-moved { color: #5c3c00; }
.change { border-left: .3rem solid #777; padding: .2rem 0 .2rem 1rem; margin: 1.25rem 0; }
.change-added { border-left-style: double; border-left-width: .45rem; }
.change-removed { border-left-style: dashed; }
.key, .elided, .move, .back { color: #4a4a4a; }
.key { font-weight: normal; font-size: .85em; }
.elided { font-style: italic; }
.back { font-size: .85rem; margin: .3rem 0 0; }
.summary li { margin: .2rem 0; }
@media print {
  .skip, .back { display: none; }
  a { color: inherit; text-decoration: none; }
  .change { break-inside: avoid; }
}
"#;

/// Renders the change set as a redline page.
pub fn render_redline(set: &ChangeSet) -> String {
    let mut out = String::new();
    let title = format!(
        "Muutokset: {} {} → {}",
        set.slug, set.from.label, set.to.label
    );
    out.push_str("<!DOCTYPE html>\n<html lang=\"fi\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<meta name=\"generator\" content=\"rakeplan {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    ));
    out.push_str("<a class=\"skip\" href=\"#yhteenveto\">Siirry yhteenvetoon</a>\n<header>\n");
    out.push_str(&format!("<h1>{}</h1>\n", escape(&title)));
    out.push_str("<dl class=\"sides\">\n");
    side(&mut out, "Vanhempi", &set.from);
    side(&mut out, "Uudempi", &set.to);
    out.push_str("</dl>\n");
    out.push_str(
        "<p class=\"legend\">Merkinnät: <del>poistettu teksti</del> on yliviivattu ja \
         <ins>lisätty teksti</ins> alleviivattu. Jokaisen muutoksen otsikossa lukee, onko kohta \
         lisätty, poistettu, muutettu vai siirretty.</p>\n</header>\n<main>\n",
    );
    out.push_str("<nav class=\"summary\" aria-labelledby=\"yhteenveto\">\n<h2 id=\"yhteenveto\">Yhteenveto</h2>\n");
    if set.is_empty() {
        out.push_str(&format!(
            "<p>Ei eroja: {} ja {} ovat sisällöltään samat.</p>\n</nav>\n",
            escape(&set.from.label),
            escape(&set.to.label)
        ));
    } else {
        let n = set.len();
        let groups = set.groups.len();
        out.push_str(&format!(
            "<p>{n} {} {groups} osassa.</p>\n<ul>\n",
            if n == 1 { "muutos" } else { "muutosta" },
        ));
        for group in &set.groups {
            summary_item(&mut out, group);
        }
        out.push_str("</ul>\n</nav>\n");
        for group in &set.groups {
            write_group(&mut out, group, &set.languages);
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn side(out: &mut String, caption: &str, r: &Revision) {
    let named = if r.label == r.version {
        String::new()
    } else {
        format!(" ({})", escape(&r.label))
    };
    out.push_str(&format!(
        "<dt>{caption}</dt><dd>versio {}{named}, {}, {}</dd>\n",
        escape(&r.version),
        escape(status_fi(&r.status)),
        escape(&r.date)
    ));
}

/// Statuses and decisions in Finnish, as the approval body reads them.
pub(crate) fn status_fi(status: &str) -> &str {
    match status {
        "draft" => "luonnos",
        "proposed" => "ehdotus",
        "approved" => "hyväksytty",
        "superseded" => "korvattu",
        "noted" => "merkitty tiedoksi",
        other => other,
    }
}

/// The segments with status and decision keys in Finnish (they are replaced whole).
fn localise(segments: &[Segment], attr: &str, field: &str) -> Vec<Segment> {
    let keyed = attr == "decision" || (attr.is_empty() && field == "status");
    segments
        .iter()
        .map(|seg| match seg {
            _ if !keyed => seg.clone(),
            Segment::Equal(t) => Segment::Equal(status_fi(t).to_owned()),
            Segment::Delete(t) => Segment::Delete(status_fi(t).to_owned()),
            Segment::Insert(t) => Segment::Insert(status_fi(t).to_owned()),
        })
        .collect()
}

fn group_anchor(group: &Group) -> String {
    format!("osa-{}", group.id)
}

fn summary_item(out: &mut String, group: &Group) {
    out.push_str(&format!(
        "<li><a href=\"#{}\">{}</a>: {}{}\n<ul>\n",
        escape(&group_anchor(group)),
        escape(&group.heading()),
        escape(&group.counts()),
        whole_state(group)
            .map(|s| format!(" ({s})"))
            .unwrap_or_default()
    ));
    for change in &group.changes {
        out.push_str(&format!(
            "<li><a href=\"#{}\">{}: {}</a></li>\n",
            escape(&change.anchor),
            change.kind_label(),
            escape(&change.title())
        ));
    }
    out.push_str("</ul></li>\n");
}

fn whole_state(group: &Group) -> Option<&'static str> {
    match group.state {
        ChangeKind::Added => Some("koko osa lisätty"),
        ChangeKind::Removed => Some("koko osa poistettu"),
        _ => None,
    }
}

fn kind_class(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
        ChangeKind::Moved => "moved",
    }
}

fn write_group(out: &mut String, group: &Group, all_langs: &[String]) {
    let anchor = group_anchor(group);
    out.push_str(&format!(
        "<section id=\"{a}\" aria-labelledby=\"{a}-otsikko\">\n<h2 id=\"{a}-otsikko\">{}</h2>\n",
        escape(&group.heading()),
        a = escape(&anchor)
    ));
    if let Some(state) = whole_state(group) {
        out.push_str(&format!("<p><strong>{}</strong></p>\n", capitalised(state)));
    }
    for change in &group.changes {
        write_change(out, change, all_langs);
    }
    out.push_str("</section>\n");
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn write_change(out: &mut String, change: &Change, all_langs: &[String]) {
    let class = kind_class(change.kind);
    let a = escape(&change.anchor);
    out.push_str(&format!(
        "<article class=\"change change-{class}\" id=\"{a}\" aria-labelledby=\"{a}-otsikko\">\n"
    ));
    let key = change
        .path
        .last()
        .filter(|s| s.shows_key())
        .map(|s| format!(" <span class=\"key\">({})</span>", escape(&s.key)))
        .unwrap_or_default();
    out.push_str(&format!(
        "<h3 id=\"{a}-otsikko\"><span class=\"label label-{class}\">{}</span> {}{key}</h3>\n",
        change.kind_label(),
        escape(&change.title())
    ));
    if let Some(text) = change.move_note() {
        out.push_str(&format!("<p class=\"move\">{}</p>\n", escape(&text)));
    }
    let lang_attr = |langs: &[String]| -> String {
        match langs {
            [one] if all_langs.len() > 1 => format!(" lang=\"{}\"", escape(one)),
            _ => String::new(),
        }
    };
    let lang_note = |langs: &[String]| -> String {
        if langs.is_empty() || all_langs.len() < 2 {
            String::new()
        } else {
            let names: Vec<&str> = langs.iter().map(|l| lang_name(l)).collect();
            format!(" ({})", names.join(", "))
        }
    };
    // (the field's own value?, caption, lang attribute, html)
    let rows: Vec<(bool, String, String, String)> = if !change.content.is_empty() {
        let tag = if change.kind == ChangeKind::Added {
            "ins"
        } else {
            "del"
        };
        change
            .content
            .iter()
            .map(|line| {
                let segment = if tag == "ins" {
                    Segment::Insert(line.text.clone())
                } else {
                    Segment::Delete(line.text.clone())
                };
                let segments = localise(&[segment], &line.attr, &change.field);
                (
                    line.attr.is_empty(),
                    format!(
                        "{}{}",
                        line.attr_label.as_deref().unwrap_or(&line.attr),
                        lang_note(&line.langs)
                    ),
                    lang_attr(&line.langs),
                    paragraphs(&segments, false),
                )
            })
            .collect()
    } else {
        change
            .edits
            .iter()
            .map(|edit| {
                (
                    edit.attr.is_empty(),
                    format!(
                        "{}{}",
                        edit.attr_label.as_deref().unwrap_or(&edit.attr),
                        lang_note(&edit.langs)
                    ),
                    lang_attr(&edit.langs),
                    paragraphs(&localise(&edit.segments, &edit.attr, &change.field), true),
                )
            })
            .collect()
    };
    // A field's own value (attribute "") is shown as running text; item attributes as a list.
    let (whole, attrs): (Vec<_>, Vec<_>) = rows.into_iter().partition(|row| row.0);
    for (_, note, lang, html) in whole {
        if !note.is_empty() {
            let note = note.trim().trim_start_matches('(').trim_end_matches(')');
            out.push_str(&format!("<p class=\"move\">Kieli: {}</p>\n", escape(note)));
        }
        out.push_str(&format!("<div class=\"redline\"{lang}>\n{html}</div>\n"));
    }
    if !attrs.is_empty() {
        out.push_str("<dl class=\"fields\">\n");
        for (_, label, lang, html) in attrs {
            out.push_str(&format!(
                "<dt>{}</dt><dd{lang}>\n{html}</dd>\n",
                escape(&label)
            ));
        }
        out.push_str("</dl>\n");
    }
    out.push_str(
        "<p class=\"back\"><a href=\"#yhteenveto\">Takaisin yhteenvetoon</a></p>\n</article>\n",
    );
}

fn lang_name(lang: &str) -> &str {
    match lang {
        "fi" => "suomi",
        "sv" => "ruotsi",
        "en" => "englanti",
        "se" => "saame",
        other => other,
    }
}

/// The segments as paragraphs (split at blank lines) with `<ins>` and `<del>`. With `elide`,
/// runs of paragraphs without a change shrink to a note saying how many were left out.
fn paragraphs(segments: &[Segment], elide: bool) -> String {
    let mut out = String::new();
    for para in diff::paragraphs(segments, elide) {
        let segments = match para {
            Paragraph::Elided { count: 1 } => {
                out.push_str("<p class=\"elided\">[1 muuttumaton kappale jätetty pois]</p>\n");
                continue;
            }
            Paragraph::Elided { count } => {
                out.push_str(&format!(
                    "<p class=\"elided\">[{count} muuttumatonta kappaletta jätetty pois]</p>\n"
                ));
                continue;
            }
            Paragraph::Text { segments } => segments,
        };
        out.push_str("<p>");
        for seg in &segments {
            let html = |t: &str| escape(t).replace('\n', "<br>\n");
            let (Segment::Equal(raw) | Segment::Delete(raw) | Segment::Insert(raw)) = seg;
            let text = raw.trim_matches('\n');
            // Spaces at the edges of a change stay outside the mark.
            let inner = text.trim();
            let (lead, trail) = match text.find(inner) {
                Some(at) if !inner.is_empty() => (&text[..at], &text[at + inner.len()..]),
                _ => (text, ""),
            };
            match seg {
                Segment::Equal(_) => out.push_str(&html(text)),
                Segment::Delete(_) => out.push_str(&format!(
                    "{}<del>{}</del>{}",
                    html(lead),
                    html(inner),
                    html(trail)
                )),
                Segment::Insert(_) => out.push_str(&format!(
                    "{}<ins>{}</ins>{}",
                    html(lead),
                    html(inner),
                    html(trail)
                )),
            }
        }
        out.push_str("</p>\n");
    }
    // A replacement reads "old new", not "oldnew".
    out.replace("</del><ins>", "</del> <ins>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_paragraphs_are_left_out_and_markup_escaped() {
        let segs = vec![
            Segment::Equal("Eka <b>kappale</b>.\n\nToinen ".into()),
            Segment::Delete("vanha".into()),
            Segment::Insert("uusi".into()),
            Segment::Equal(" sana.\n\nKolmas.\n\nNeljäs.".into()),
        ];
        let html = paragraphs(&segs, true);
        assert_eq!(
            html,
            "<p class=\"elided\">[1 muuttumaton kappale jätetty pois]</p>\n\
             <p>Toinen <del>vanha</del> <ins>uusi</ins> sana.</p>\n\
             <p class=\"elided\">[2 muuttumatonta kappaletta jätetty pois]</p>\n"
        );
    }
}
