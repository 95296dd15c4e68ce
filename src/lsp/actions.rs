//! Quick fixes for the slips `check` recognises, read from its diagnostics (their records
//! ride along as `data`) and the text they point at: a tab in the indentation, a decimal
//! comma, a text holding `: ` (quote it, or make it a block with `|`), a misspelt key
//! ("did you mean"), and a value the hint spells out (`month: "1-2"`).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, Uri, WorkspaceEdit,
};

use super::Server;
use super::analysis::{offset_at, range_at, uri_to_path};
use super::context;
use crate::diagnostic::Record;
use crate::tr;

/// The quick fixes for the diagnostics of a range.
pub fn code_actions(server: &mut Server, p: CodeActionParams) -> Option<CodeActionResponse> {
    let uri = p.text_document.uri;
    let path = uri_to_path(&uri)?;
    let text = server.text(&path)?;
    let enc = server.encoding();
    let mut out = Vec::new();
    for diag in &p.context.diagnostics {
        let Some(record) = diag
            .data
            .clone()
            .and_then(|d| serde_json::from_value::<Record>(d).ok())
        else {
            continue;
        };
        let start = offset_at(&text, diag.range.start, enc);
        let end = offset_at(&text, diag.range.end, enc).max(start);
        for (title, edits) in fixes(&text, start..end, &record) {
            let edits = edits
                .into_iter()
                .map(|(range, new_text)| TextEdit {
                    range: range_at(&text, range, enc),
                    new_text,
                })
                .collect();
            out.push(CodeActionOrCommand::CodeAction(action(
                title,
                &uri,
                edits,
                diag.clone(),
            )));
        }
    }
    Some(out)
}

// lsp-types keys `changes` by `Uri`, whose cached parts clippy takes for mutable state.
#[allow(clippy::mutable_key_type)]
fn action(
    title: String,
    uri: &Uri,
    edits: Vec<TextEdit>,
    diag: lsp_types::Diagnostic,
) -> CodeAction {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        is_preferred: Some(true),
        ..Default::default()
    }
}

/// A fix: its title and its edits (byte ranges of `text` and what replaces them).
pub type Fix = (String, Vec<(std::ops::Range<usize>, String)>);

/// The fixes for one diagnostic at bytes `at` of `text`.
pub fn fixes(text: &str, at: std::ops::Range<usize>, record: &Record) -> Vec<Fix> {
    let mut out = Vec::new();
    let line_start = text[..at.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let pointed = text.get(at.clone()).unwrap_or("");

    // A tab in the indentation: every tab of the line's indentation becomes two spaces.
    if pointed == "\t" || (pointed.is_empty() && line.starts_with('\t')) {
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        let spaces = line[..lead].replace('\t', "  ");
        out.push((
            tr!(
                "Replace the tab with spaces",
                "Korvaa sarkain välilyönneillä",
                "Ersätt tabben med mellanslag"
            ),
            vec![(line_start..line_start + lead, spaces)],
        ));
    }

    // A misspelt key: "did you mean "x"?" on a key.
    let info = context::line(line);
    if let Some((key, range)) = &info.key
        && line_start + range.start == at.start
        && let Some(best) = record.hints.iter().find_map(|h| suggestion(h))
        && best != *key
    {
        out.push((
            tr!(
                "Rename \"{key}\" to \"{best}\"",
                "Muuta \"{key}\" muotoon \"{best}\"",
                "Byt \"{key}\" till \"{best}\""
            ),
            vec![(at.start..at.start + key.len(), best)],
        ));
    }

    // A decimal comma: "41,5" (quoted or in a flow of years) becomes 41.5.
    if let Some((range, fixed)) = decimal_comma(line) {
        out.push((
            tr!(
                "Write the decimal with a point: {fixed}",
                "Kirjoita desimaali pisteellä: {fixed}",
                "Skriv decimalen med punkt: {fixed}"
            ),
            vec![(line_start + range.start..line_start + range.end, fixed)],
        ));
    }

    // A value the hint spells out: `month: "1-2"` on the line of `month:`.
    if let Some((key, _)) = &info.key
        && let Some(colon) = info.colon
    {
        for hint in &record.hints {
            if let Some(value) = spelt_value(hint, key) {
                let value_start =
                    line_start + colon + (line[colon..].len() - line[colon..].trim_start().len());
                let value_end = line_start + value_end(line);
                out.push((
                    tr!(
                        "Write `{key}: {value}`",
                        "Kirjoita `{key}: {value}`",
                        "Skriv `{key}: {value}`"
                    ),
                    vec![(value_start..value_end.max(value_start), value)],
                ));
            }
        }
    }

    // A month in a form check does not read (`kesäkuuta`, `June`, `6.–8.`): the month's
    // name, and a range in quotes.
    if let Some((key, _)) = &info.key
        && key == "month"
        && let Some(colon) = info.colon
    {
        let value_start = colon + (line[colon..].len() - line[colon..].trim_start().len());
        let raw = line[value_start..value_end(line).max(value_start)].trim_matches(['"', '\'']);
        if let Some(fixed) = month_form(raw)
            && fixed != line[value_start..value_end(line).max(value_start)]
        {
            out.push((
                tr!(
                    "Write `month: {fixed}`",
                    "Kirjoita `month: {fixed}`",
                    "Skriv `month: {fixed}`"
                ),
                vec![(
                    line_start + value_start..line_start + value_end(line).max(value_start),
                    fixed,
                )],
            ));
        }
    }

    // A colon and a space in a text: quote the text, or make it a block of text.
    if record.message.contains("': '") && text[at.start..].starts_with(':') {
        out.extend(colon_fixes(text, line_start, &info));
    }
    out
}

/// A month or a range written so that `check` reads it: each part a number or a Finnish or
/// Swedish month name (an inflected Finnish name such as `kesäkuuta` or an English name is
/// read as its month), a range in quotes.
fn month_form(raw: &str) -> Option<String> {
    let parts: Vec<&str> = raw
        .split(['-', '–', '—'])
        .map(|p| p.trim().trim_end_matches('.'))
        .collect();
    if parts.is_empty() || parts.len() > 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let mut fixed = Vec::new();
    for part in &parts {
        if crate::items::decode::parse_month(part).is_some() {
            fixed.push((*part).to_owned());
            continue;
        }
        let lower = part.to_lowercase();
        let name = (1..=12u8).find_map(|n| {
            use crate::i18n::Lang;
            let en = super::hover::month_name(n, Lang::En).to_lowercase();
            let fi = super::hover::month_name(n, Lang::Fi);
            let sv = super::hover::month_name(n, Lang::Sv);
            let stem = fi.trim_end_matches("kuu");
            if lower.starts_with(fi) || (lower.starts_with(stem) && lower.len() > stem.len() + 1) {
                Some(fi.to_owned())
            } else if lower.starts_with(sv) {
                Some(sv.to_owned())
            } else if lower == en || (lower.len() >= 3 && en.starts_with(&lower)) {
                // An English name: the number.
                Some(n.to_string())
            } else {
                None
            }
        })?;
        fixed.push(name);
    }
    Some(match fixed.as_slice() {
        [one] if one.parse::<u8>().is_ok() => one.clone(),
        [one] => one.clone(),
        [from, to] => format!("\"{from}-{to}\""),
        _ => return None,
    })
}

/// The suggestion of a "did you mean" hint in any language.
fn suggestion(hint: &str) -> Option<String> {
    ["did you mean \"", "tarkoititko \"", "menade du \""]
        .iter()
        .find_map(|p| hint.strip_prefix(p))
        .and_then(|rest| rest.strip_suffix("\"?"))
        .filter(|s| !s.contains('"') && !s.ends_with(".yaml"))
        .map(str::to_owned)
}

/// The value a hint writes out for `key`: "`key: value`".
fn spelt_value(hint: &str, key: &str) -> Option<String> {
    let marker = format!("`{key}: ");
    let start = hint.find(&marker)? + marker.len();
    let end = start + hint[start..].find('`')?;
    let value = &hint[start..end];
    // Not a pattern such as `2024: 41` or an example with dots.
    (!value.contains("...") && !value.is_empty()).then(|| value.to_owned())
}

/// Where a line's value ends (before a comment).
fn value_end(line: &str) -> usize {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('#', None) if i > 0 && line[..i].ends_with(' ') => {
                return line[..i].trim_end().len();
            }
            _ => {}
        }
    }
    line.trim_end().len()
}

/// A number written with a decimal comma in `line`, and its form with a point.
fn decimal_comma(line: &str) -> Option<(std::ops::Range<usize>, String)> {
    let b = line.as_bytes();
    for i in 1..b.len().saturating_sub(1) {
        if b[i] != b',' || !b[i - 1].is_ascii_digit() || !b[i + 1].is_ascii_digit() {
            continue;
        }
        let mut end = i + 1;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        // `2024: 41,2025: 77` is a missing space between years, not a decimal.
        if line[end..].trim_start().starts_with(':') {
            continue;
        }
        let mut start = i - 1;
        while start > 0 && b[start - 1].is_ascii_digit() {
            start -= 1;
        }
        let fixed = format!("{}.{}", &line[start..i], &line[i + 1..end]);
        // A quoted number loses its quotes.
        if start > 0 && b[start - 1] == b'"' && end < b.len() && b[end] == b'"' {
            return Some((start - 1..end + 1, fixed));
        }
        return Some((start..end, fixed));
    }
    None
}

/// Fixes for a `: ` inside a text: quote the one-line value, or turn the text into a block
/// (`key: |`) with its lines indented under the key.
fn colon_fixes(text: &str, line_start: usize, info: &context::Line) -> Vec<Fix> {
    let mut out = Vec::new();
    let lines: Vec<(usize, &str)> = {
        let mut at = 0;
        text.split('\n')
            .map(|l| {
                let start = at;
                at += l.len() + 1;
                (start, l)
            })
            .collect()
    };
    let Some(here) = lines.iter().position(|(s, _)| *s == line_start) else {
        return out;
    };
    // The key whose text this is: this line's, or the nearest shallower key above.
    let own = |i: usize| {
        let (s, l) = lines[i];
        let li = context::line(l);
        li.key.clone().map(|k| (i, s, l, li, k))
    };
    // A line deeper than a key with a one-line value continues that value (even when it
    // looks like `key: value` itself).
    let col = info.key.as_ref().map_or(info.indent, |k| k.1.start);
    let owner = (0..here)
        .rev()
        .filter_map(own)
        .find(|(_, _, _, _, k)| k.1.start < col)
        .filter(|(_, _, l, li, _)| {
            let v = l[li.colon.unwrap_or(l.len())..].trim();
            !v.is_empty() && !v.starts_with(['|', '>', '"', '\'', '#'])
        })
        .or_else(|| own(here));
    let Some((i, start, line, li, (key, key_range))) = owner else {
        return out;
    };
    let colon = li.colon.unwrap_or(line.len());
    let value = line[colon..].trim();
    if value.is_empty() || value.starts_with(['|', '>', '"', '\'']) {
        return out;
    }
    let value_start = start + colon + (line[colon..].len() - line[colon..].trim_start().len());
    // The lines that continue the text: deeper than the key, up to the next shallower line.
    let mut last = i;
    for (j, (_, l)) in lines.iter().enumerate().skip(i + 1) {
        if l.trim().is_empty() {
            continue;
        }
        let indent = l.len() - l.trim_start().len();
        if indent <= key_range.start {
            break;
        }
        last = j;
    }
    if last == i {
        let quoted = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
        out.push((
            tr!(
                "Put the text of \"{key}\" in quotes",
                "Kirjoita avaimen \"{key}\" teksti lainausmerkkeihin",
                "Sätt texten i \"{key}\" inom citattecken"
            ),
            vec![(value_start..start + line.trim_end().len(), quoted)],
        ));
    }
    let indent = " ".repeat(key_range.start + 2);
    let mut block = format!("|\n{indent}{value}");
    for (_, l) in &lines[i + 1..=last] {
        block.push('\n');
        if !l.trim().is_empty() {
            block.push_str(&indent);
            block.push_str(l.trim());
        }
    }
    let (end_start, end_line) = lines[last];
    out.push((
        tr!(
            "Make \"{key}\" a block of text (`|`)",
            "Tee avaimen \"{key}\" tekstistä tekstilohko (`|`)",
            "Gör texten i \"{key}\" till ett textblock (`|`)"
        ),
        vec![(value_start..end_start + end_line.trim_end().len(), block)],
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(message: &str, hints: &[&str]) -> Record {
        Record {
            file: None,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            severity: "error".into(),
            message: message.into(),
            hints: hints.iter().map(|h| h.to_string()).collect(),
            code: None,
        }
    }

    fn apply(text: &str, fix: &Fix) -> String {
        let mut out = text.to_owned();
        let mut edits = fix.1.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
        for (range, new) in edits {
            out.replace_range(range, &new);
        }
        out
    }

    #[test]
    fn slips_are_mended() {
        let text = "a:\n\t- b\n";
        let f = super::fixes(text, 3..4, &record("tab", &[]));
        assert_eq!(apply(text, &f[0]), "a:\n  - b\n");

        let text = "    ownr: Työryhmä\n";
        let f = super::fixes(
            text,
            4..8,
            &record("unknown key", &["did you mean \"owner\"?"]),
        );
        assert_eq!(apply(text, &f[0]), "    owner: Työryhmä\n");

        let text = "    values: {2024: 41,5}\n";
        let f = super::fixes(text, 22..23, &record("not a year", &["a comma"]));
        assert_eq!(apply(text, &f[0]), "    values: {2024: 41.5}\n");

        let text = "    baseline_value: \"41,5\"\n";
        let f = super::fixes(text, 20..26, &record("not a number", &[]));
        assert_eq!(apply(text, &f[0]), "    baseline_value: 41.5\n");

        assert_eq!(super::month_form("kesäkuuta").as_deref(), Some("kesäkuu"));
        assert_eq!(super::month_form("June").as_deref(), Some("6"));
        assert_eq!(
            super::month_form("kesäkuusta–elokuuhun").as_deref(),
            Some("\"kesäkuu-elokuu\"")
        );
        assert_eq!(super::month_form("6.–8.").as_deref(), Some("\"6-8\""));
        assert_eq!(super::month_form("juni").as_deref(), Some("juni"));

        let text = "    month: [1, 2]\n";
        let hint =
            "write a range in quotes: `month: \"1-2\"`; for months apart, write an event for each";
        let f = super::fixes(text, 11..12, &record("not a list", &[hint]));
        assert_eq!(apply(text, &f[0]), "    month: \"1-2\"\n");

        let message = "a colon and a space (': ') stand where a text was expected";
        let text = "text: Tavoite: parempi tieto\n";
        let f = super::fixes(text, 13..14, &record(message, &[]));
        assert_eq!(apply(text, &f[0]), "text: \"Tavoite: parempi tieto\"\n");
        assert_eq!(apply(text, &f[1]), "text: |\n  Tavoite: parempi tieto\n");

        let text = "text: Ensimmäinen rivi\n  kolmas: rivi\nnext: x\n";
        let at = text.find(": rivi").unwrap();
        let f = super::fixes(text, at..at + 1, &record(message, &[]));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            apply(text, &f[0]),
            "text: |\n  Ensimmäinen rivi\n  kolmas: rivi\nnext: x\n"
        );
    }
}
