//! Completion in template order: the keys a mapping may hold (a list field with a snippet
//! for its first item, its fields in the order planners write them), new list items,
//! month names and ranges, statuses and decisions, true/false, the county's language keys,
//! and indicator ids with their names inside an action's `indicators:`.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Documentation,
    InsertTextFormat, MarkupContent, MarkupKind,
};
use serde_json::Value;

use super::Server;
use super::context;
use super::hover::{Spot, month_name};
use crate::i18n::Lang;
use crate::items::{Kind, Rules, ValueKind, is_required};

/// Completions at a position.
pub fn complete(server: &mut Server, p: CompletionParams) -> Option<CompletionResponse> {
    let at = p.text_document_position;
    let spot = server.spot(&at.text_document.uri, at.position)?;
    let c = &spot.cursor;
    if c.in_text {
        return None;
    }
    let items = if c.in_value && !c.on_key {
        let (key, path) = match &c.key {
            Some((k, _)) => (k.clone(), c.path.clone()),
            None => {
                let (last, rest) = c.path.split_last()?;
                (last.clone(), rest.to_vec())
            }
        };
        values(server, &spot, &path, &key)
    } else if c.before.trim() == "-"
        && let Some((last, rest)) = c.path.split_last()
        && context::kind_at(&spot.tset, &spot.target, &c.path).is_none()
    {
        // `- ` in a list of plain values (an action's indicators, the languages).
        values(server, &spot, rest, last)
    } else {
        keys(&spot)
    };
    let items = items
        .into_iter()
        .enumerate()
        .map(|(i, mut item)| {
            item.sort_text = Some(format!("{i:04}"));
            item
        })
        .collect();
    Some(CompletionResponse::List(lsp_types::CompletionList {
        is_incomplete: false,
        items,
    }))
}

fn doc(text: &str) -> Option<Documentation> {
    (!text.is_empty()).then(|| {
        Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text.to_owned(),
        })
    })
}

/// Keys of the mapping at the cursor, in template order, and a new item where a list is.
fn keys(spot: &Spot) -> Vec<CompletionItem> {
    let c = &spot.cursor;
    let mut out = Vec::new();
    // A key inside a text by language: the county's languages.
    if let Some(node) = context::schema_at(&spot.schema, &c.path)
        && node.get("properties").is_none()
        && node.get("propertyNames").is_some()
        && node.get("patternProperties").is_none()
    {
        for code in spot.languages.clone() {
            out.push(CompletionItem {
                label: code.clone(),
                kind: Some(CompletionItemKind::PROPERTY),
                insert_text: Some(format!("{code}: ")),
                ..Default::default()
            });
        }
        return out;
    }
    let Some(node) = context::schema_at(&spot.schema, &c.path) else {
        return out;
    };
    let present = siblings(&spot.text, c);
    let kind = context::kind_at(&spot.tset, &spot.target, &c.path);
    let indent = " ".repeat(c.column);
    for key in context::ordered_keys(node) {
        if present.contains(&key) {
            continue;
        }
        let Some(prop) = node.get("properties").and_then(|p| p.get(&key)) else {
            continue;
        };
        let title = prop.get("title").and_then(Value::as_str).unwrap_or("");
        let description = prop
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        let field = kind.and_then(|k| k.field(&key));
        let mut path = c.path.clone();
        path.push(key.clone());
        let inner = context::kind_at(&spot.tset, &spot.target, &path);
        let is_text = matches!(field.map(|f| f.kind), Some(ValueKind::Markdown))
            || (field.is_none()
                && spot.tset.template.section(&spot.target).is_some_and(|s| {
                    s.fields
                        .iter()
                        .any(|f| f.id == key && f.kind == crate::template::FieldKind::Markdown)
                }));
        let snippet = match inner {
            Some(kind) => format!(
                "{key}:\n{indent}  - {}",
                item_snippet(kind, &spot.tset.template.items, spot.lang, c.column + 4)
            ),
            None if is_text => format!("{key}: |\n{indent}  $0"),
            None => format!("{key}: $0"),
        };
        out.push(CompletionItem {
            label: key.clone(),
            kind: Some(CompletionItemKind::PROPERTY),
            detail: Some(title.to_owned()),
            documentation: doc(description),
            insert_text: Some(snippet),
            insert_text_format: Some(InsertTextFormat::SNIPPET),
            ..Default::default()
        });
    }
    // In a list of items: a whole new item (after a fresh `- `, or on an empty line of a
    // list with nothing else at the cursor's column).
    let fresh_dash = c.before.trim() == "-";
    if let Some(kind) = context::kind_at(&spot.tset, &spot.target, &c.path)
        && (fresh_dash || (c.before.trim().is_empty() && present.is_empty()))
    {
        {
            let what = spot.lang.pick(kind.what[0], kind.what[1], kind.what[2]);
            let label = spot.lang.pick(
                format!("New: {what}"),
                format!("Uusi {what}"),
                format!("Ny: {what}"),
            );
            let item_col = if fresh_dash { c.column } else { c.column + 2 };
            out.insert(
                0,
                CompletionItem {
                    label,
                    kind: Some(CompletionItemKind::SNIPPET),
                    insert_text: Some(format!(
                        "{}{}",
                        if fresh_dash { "" } else { "- " },
                        item_snippet(kind, &spot.tset.template.items, spot.lang, item_col)
                    )),
                    insert_text_format: Some(InsertTextFormat::SNIPPET),
                    ..Default::default()
                },
            );
        }
    }
    out
}

/// The keys already written in the mapping the cursor is in (not offered again).
fn siblings(text: &str, c: &context::Cursor) -> Vec<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let col = c.column;
    // Only the cursor's own mapping: lines at its column, up to one that is shallower.
    let at_line = text[..c.line_start.min(text.len())].matches('\n').count();
    let key_col = |l: &str| context::line(l).key.map(|(k, r)| (k, r.start));
    let own_col = lines
        .get(at_line)
        .and_then(|l| key_col(l).map(|(_, c)| c))
        .unwrap_or(col);
    // A line that starts an item (`- `) has nothing of the item above it.
    let starts_item = lines.get(at_line).is_some_and(|l| {
        context::line(l)
            .dashes
            .last()
            .is_some_and(|d| d + 2 == own_col)
    });
    for dir in [-1i64, 1] {
        if dir == -1 && starts_item {
            continue;
        }
        let mut i = at_line as i64 + dir;
        while i >= 0 && (i as usize) < lines.len() {
            let l = context::line(lines[i as usize]);
            if !l.empty {
                let start = l.key.as_ref().map_or(l.indent, |(_, r)| r.start);
                if start < own_col && l.key.is_some() {
                    break;
                }
                if dir == 1 && l.dashes.last().is_some_and(|d| d + 2 == own_col) {
                    break;
                }
                if let Some((k, r)) = &l.key
                    && r.start == own_col
                {
                    out.push(k.clone());
                    if dir == -1 && l.dashes.last().is_some_and(|d| d + 2 == own_col) {
                        break;
                    }
                }
                if l.key.is_none() && l.dashes.is_empty() && l.indent < own_col {
                    break;
                }
            }
            i += dir;
        }
    }
    if c.on_key {
        // The key being typed is not there yet.
        if let Some((k, _)) = &c.key {
            out.retain(|x| x != k);
        }
    }
    out
}

/// A snippet for a new item of `kind`: its id and required fields in table order, with
/// examples to overwrite (a nested list with its own first item); later lines indented to
/// `column`.
pub fn item_snippet(kind: &Kind, rules: &Rules, lang: Lang, column: usize) -> String {
    let mut n = 0;
    snippet_lines(kind, rules, lang, column, &mut n)
}

fn snippet_lines(kind: &Kind, rules: &Rules, lang: Lang, column: usize, n: &mut usize) -> String {
    let indent = " ".repeat(column);
    let mut lines = Vec::new();
    for f in kind.fields {
        if !(f.key == "id" || is_required(rules, kind, f.key)) {
            continue;
        }
        let example = f.example_in(lang).replace('$', "\\$").replace('}', "\\}");
        let value = match f.kind {
            ValueKind::Items(inner) => {
                let nested = snippet_lines(inner, rules, lang, column + 4, n);
                format!("\n{indent}  - {nested}")
            }
            ValueKind::Refs => {
                *n += 1;
                format!(" [${{{n}:I1}}]")
            }
            _ => {
                *n += 1;
                format!(" ${{{n}:{example}}}")
            }
        };
        lines.push(format!("{}:{value}", f.key));
    }
    lines.join(&format!("\n{indent}"))
}

/// Values for `key` of the mapping at `path`.
fn values(server: &mut Server, spot: &Spot, path: &[String], key: &str) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    let field = context::field_at(&spot.tset, &spot.target, path, key);
    let value_item = |label: String, detail: String, insert: String| CompletionItem {
        label,
        kind: Some(CompletionItemKind::VALUE),
        detail: (!detail.is_empty()).then_some(detail),
        insert_text: Some(insert),
        ..Default::default()
    };
    match field.map(|f| f.kind) {
        Some(ValueKind::Refs) => {
            for d in server.indicators(&spot.county) {
                out.push(CompletionItem {
                    label: d.id.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(d.name.clone()),
                    documentation: d.definition.as_deref().and_then(doc),
                    ..Default::default()
                });
            }
        }
        Some(ValueKind::Months) => {
            for n in 1..=12u8 {
                let name = month_name(n, spot.lang);
                let (label, insert) = if spot.lang == Lang::En {
                    (n.to_string(), n.to_string())
                } else {
                    (name.to_owned(), name.to_owned())
                };
                out.push(value_item(label, format!("{n} {name}"), insert));
            }
            let (from, to) = match spot.lang {
                Lang::En => ("1".to_owned(), "2".to_owned()),
                _ => (
                    month_name(1, spot.lang).trim_end_matches("kuu").to_owned(),
                    month_name(2, spot.lang).to_owned(),
                ),
            };
            out.push(CompletionItem {
                label: format!("\"{from}-{to}\""),
                kind: Some(CompletionItemKind::SNIPPET),
                detail: Some(crate::tr!(
                    "a range of months, in quotes",
                    "kuukausiväli lainausmerkeissä",
                    "ett intervall av månader, inom citattecken"
                )),
                insert_text: Some(format!("\"${{1:{from}}}-${{2:{to}}}\"")),
                insert_text_format: Some(InsertTextFormat::SNIPPET),
                ..Default::default()
            });
        }
        Some(ValueKind::Flag) => {
            out.push(value_item("true".into(), String::new(), "true".into()));
            out.push(value_item("false".into(), String::new(), "false".into()));
        }
        _ => {}
    }
    if !out.is_empty() {
        return out;
    }
    // Fixed values of the schema: statuses, decisions, directions.
    if let Some(prop) = context::schema_at(&spot.schema, path)
        .and_then(|n| n.get("properties"))
        .and_then(|p| p.get(key))
    {
        if let Some(values) = prop.get("enum").and_then(Value::as_array) {
            let meanings = prop.get("enumDescriptions").and_then(Value::as_array);
            for (i, v) in values.iter().enumerate() {
                let Some(v) = v.as_str() else { continue };
                let meaning = meanings
                    .and_then(|m| m.get(i))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                out.push(value_item(v.to_owned(), meaning.to_owned(), v.to_owned()));
            }
        }
        if key == "languages" && spot.target == "region" {
            for code in crate::names::LANGUAGES {
                out.push(value_item(
                    code.to_string(),
                    String::new(),
                    code.to_string(),
                ));
            }
        }
        if prop.get("type") == Some(&Value::String("boolean".into())) {
            out.push(value_item("true".into(), String::new(), "true".into()));
            out.push(value_item("false".into(), String::new(), "false".into()));
        }
    }
    out
}
