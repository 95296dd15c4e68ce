//! Writing measured values into an indicator's `values:` in a section file, changing only
//! the bytes of what changes: a flow mapping (`values: {2024: 41}`) is written again in
//! year order; a block mapping gets a changed value in place and a new year on a line of its
//! own, in year order, indented as its neighbours; an indicator without `values:` gets one
//! after its last field. Comments, quoting and line ends elsewhere stay. The edited text is
//! parsed again and must say what it said before but for those values.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::Sources;
use crate::yaml::{Node, Value, after_closing, extent, same};

/// One indicator's new values.
#[derive(Debug, Clone)]
pub struct Update {
    /// Where the indicator's mapping starts in the file (its item span's start).
    pub at: usize,
    /// Every value it should have afterwards, the old ones kept.
    pub values: BTreeMap<i64, f64>,
}

/// Why the file was left alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The indicator, or its `values:`, is written in a way the edit does not handle
    /// (a flow mapping of the whole indicator, an anchor, a multi-line value).
    Layout(String),
    /// The edit would have changed something else: a defect, never written.
    Changes,
}

/// A value as YAML writes it: whole numbers without a point, others in the shortest form
/// that reads back the same.
pub fn yaml_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// `text` (the file parsed as `root`) with `updates` made.
pub fn apply(text: &str, root: &Node, updates: &[Update]) -> Result<String, Refusal> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for update in updates {
        let Some(node) = find_map(root, update.at) else {
            return Err(Refusal::Layout(String::new()));
        };
        edits.extend(edit_one(text, node, &update.values, newline)?);
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_owned();
    for (range, with) in edits {
        out.replace_range(range, &with);
    }
    // Read back: everything but these values as before, the values as asked.
    let mut check = Sources::default();
    let file = check.add("edited", out.clone());
    let after = crate::yaml::parse(&check, file).map_err(|_| Refusal::Changes)?;
    let wanted: BTreeMap<usize, &BTreeMap<i64, f64>> =
        updates.iter().map(|u| (u.at, &u.values)).collect();
    if !same_but_values(root, &after, &wanted) {
        return Err(Refusal::Changes);
    }
    Ok(out)
}

/// The mapping node that starts at `at`.
fn find_map(node: &Node, at: usize) -> Option<&Node> {
    if node.span.range.start == at && matches!(node.value, Value::Map(_)) {
        return Some(node);
    }
    match &node.value {
        Value::Seq(items) => items.iter().find_map(|n| find_map(n, at)),
        Value::Map(entries) => entries.iter().find_map(|(_, n)| find_map(n, at)),
        _ => None,
    }
}

fn flow(values: &BTreeMap<i64, f64>) -> String {
    let inner: Vec<String> = values
        .iter()
        .map(|(y, v)| format!("{y}: {}", yaml_number(*v)))
        .collect();
    format!("{{{}}}", inner.join(", "))
}

/// The start of the line `pos` is on, and the spaces that begin it.
fn line_of(text: &str, pos: usize) -> (usize, String) {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let indent = text[start..].chars().take_while(|c| *c == ' ').collect();
    (start, indent)
}

/// The end of the line `pos` is on (before its line end).
fn line_end(text: &str, pos: usize) -> usize {
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    if end > 0 && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

fn edit_one(
    text: &str,
    indicator: &Node,
    values: &BTreeMap<i64, f64>,
    newline: &str,
) -> Result<Vec<(Range<usize>, String)>, Refusal> {
    let Value::Map(entries) = &indicator.value else {
        return Err(Refusal::Layout(String::new()));
    };
    if text[indicator.span.range.clone()].starts_with('{') {
        return Err(Refusal::Layout("{…}".into()));
    }
    let Some((key, node)) = entries.iter().find(|(k, _)| k.name == "values") else {
        // No `values:` yet: a line after the indicator's last field, indented as its keys.
        let first = entries
            .first()
            .map_or(indicator.span.range.start, |(k, _)| k.span.range.start);
        let (start, _) = line_of(text, first);
        let column = text[start..first].chars().count();
        // A comment after the last value stays on its line; a block text's blank lines
        // stay with it.
        let last = after_closing(text, extent(indicator));
        let at = line_end(text, text[..last].trim_end().len());
        let indent = " ".repeat(column);
        return Ok(vec![(
            at..at,
            format!("{newline}{indent}values: {}", flow(values)),
        )]);
    };
    let written = &text[node.span.range.clone()];
    match &node.value {
        // `values:` with nothing (or `~`): the flow mapping goes after the colon.
        Value::Null => {
            if node.span.range.is_empty() {
                let colon = text[key.span.range.end..]
                    .find(':')
                    .map(|i| key.span.range.end + i + 1)
                    .ok_or_else(|| Refusal::Layout("values".into()))?;
                Ok(vec![(colon..colon, format!(" {}", flow(values)))])
            } else {
                Ok(vec![(node.span.range.clone(), flow(values))])
            }
        }
        Value::Map(_) if written.starts_with('{') => {
            let end = after_closing(text, extent(node));
            Ok(vec![(node.span.range.start..end, flow(values))])
        }
        Value::Map(years) => {
            let mut edits = Vec::new();
            let parsed: Vec<(i64, &crate::yaml::Key, &Node)> = years
                .iter()
                .filter_map(|(k, v)| k.name.trim().parse::<i64>().ok().map(|y| (y, k, v)))
                .collect();
            let Some((_, first_key, _)) = parsed.first() else {
                return Err(Refusal::Layout("values".into()));
            };
            let (_, indent) = line_of(text, first_key.span.range.start);
            for (year, value) in values {
                let number = yaml_number(*value);
                if let Some((_, _, v)) = parsed.iter().find(|(y, _, _)| y == year) {
                    let same_value = match &v.value {
                        Value::Int(i) => (*i as f64) == *value,
                        Value::Float(f) => f == value,
                        _ => false,
                    };
                    if !same_value {
                        edits.push((v.span.range.clone(), number));
                    }
                    continue;
                }
                // A new year: after the last earlier year, else before the first.
                let line = format!("{indent}{year}: {number}");
                match parsed
                    .iter()
                    .filter(|(y, _, _)| y < year)
                    .max_by_key(|(y, _, _)| *y)
                {
                    Some((_, _, before)) => {
                        let end = line_end(text, text[..extent(before)].trim_end().len());
                        edits.push((end..end, format!("{newline}{line}")));
                    }
                    None => {
                        let (start, _) = line_of(text, first_key.span.range.start);
                        edits.push((start..start, format!("{line}{newline}")));
                    }
                }
            }
            // Two new years after the same line go in year order.
            edits.sort_by_key(|(r, _)| r.start);
            let mut merged: Vec<(Range<usize>, String)> = Vec::new();
            for (range, with) in edits {
                match merged.last_mut() {
                    Some((r, w))
                        if r.start == r.end
                            && range.start == range.end
                            && r.start == range.start =>
                    {
                        w.push_str(&with);
                    }
                    _ => merged.push((range, with)),
                }
            }
            Ok(merged)
        }
        _ => Err(Refusal::Layout("values".into())),
    }
}

/// Whether `after` says what `before` says, but for the `values:` of the indicators that
/// start at the keys of `wanted` (in `before`), which must hold exactly those values.
fn same_but_values(
    before: &Node,
    after: &Node,
    wanted: &BTreeMap<usize, &BTreeMap<i64, f64>>,
) -> bool {
    match (&before.value, &after.value) {
        (Value::Map(a), Value::Map(b)) => {
            if let Some(values) = wanted.get(&before.span.range.start) {
                let others = |m: &[(crate::yaml::Key, Node)]| -> Vec<(crate::yaml::Key, Node)> {
                    m.iter()
                        .filter(|(k, _)| k.name != "values")
                        .cloned()
                        .collect()
                };
                let (a, b_rest) = (others(a), others(b));
                let found = b.iter().find(|(k, _)| k.name == "values").map(|(_, v)| v);
                return a.len() == b_rest.len()
                    && a.iter()
                        .zip(&b_rest)
                        .all(|((ka, va), (kb, vb))| ka.name == kb.name && same(va, vb))
                    && found.is_some_and(|v| holds(v, values));
            }
            a.len() == b.len()
                && a.iter().zip(b).all(|((ka, va), (kb, vb))| {
                    ka.name == kb.name && same_but_values(va, vb, wanted)
                })
        }
        (Value::Seq(a), Value::Seq(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_but_values(x, y, wanted))
        }
        _ => same(before, after),
    }
}

/// Whether `node` is a mapping of exactly `values`.
fn holds(node: &Node, values: &BTreeMap<i64, f64>) -> bool {
    let Value::Map(entries) = &node.value else {
        return false;
    };
    let mut read = BTreeMap::new();
    for (k, v) in entries {
        let Ok(year) = k.name.trim().parse::<i64>() else {
            return false;
        };
        let value = match &v.value {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            _ => return false,
        };
        read.insert(year, value);
    }
    read == *values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, at_id: &str, values: &[(i64, f64)]) -> Result<String, Refusal> {
        let mut sources = Sources::default();
        let file = sources.add("s.yaml", text.to_owned());
        let root = crate::yaml::parse(&sources, file).unwrap();
        // The indicator's mapping starts at its `id:` key.
        let at = text.find(&format!("id: {at_id}")).unwrap();
        let update = Update {
            at,
            values: values.iter().copied().collect(),
        };
        apply(text, &root, &[update])
    }

    #[test]
    fn rewrites_a_flow_mapping_in_year_order() {
        let text = "indicators:\n  - id: I1 # eka\n    name: A\n    values: {2024: 41, 2025: 58} # arvot\n";
        let out = edit(text, "I1", &[(2024, 41.0), (2025, 58.5), (2026, 60.0)]).unwrap();
        assert_eq!(
            out,
            "indicators:\n  - id: I1 # eka\n    name: A\n    values: {2024: 41, 2025: 58.5, 2026: 60} # arvot\n"
        );
    }

    #[test]
    fn adds_lines_to_a_block_mapping_keeping_comments() {
        let text = "indicators:\n  - id: I1\n    values:\n      # mitattu\n      2023: 1\n      2025: 3 # arvio\n    source: x\n";
        let out = edit(
            text,
            "I1",
            &[
                (2022, 0.5),
                (2023, 1.0),
                (2024, 2.0),
                (2025, 4.0),
                (2026, 5.0),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "indicators:\n  - id: I1\n    values:\n      # mitattu\n      2022: 0.5\n      2023: 1\n      2024: 2\n      2025: 4 # arvio\n      2026: 5\n    source: x\n"
        );
    }

    #[test]
    fn adds_values_after_the_last_field() {
        let text = "indicators:\n  - id: I1\n    name: A # nimi\n  - id: I2\n    name: B\n";
        let out = edit(text, "I1", &[(2024, 7.1)]).unwrap();
        assert_eq!(
            out,
            "indicators:\n  - id: I1\n    name: A # nimi\n    values: {2024: 7.1}\n  - id: I2\n    name: B\n"
        );
        let text = "indicators:\r\n  - id: I1\r\n    values:\r\n";
        let out = edit(text, "I1", &[(2024, 1.0)]).unwrap();
        assert_eq!(
            out,
            "indicators:\r\n  - id: I1\r\n    values: {2024: 1}\r\n"
        );
    }

    #[test]
    fn keeps_multi_line_text_before_the_new_key() {
        let text = "indicators:\n  - id: I1\n    definition: |\n      Rivi yksi.\n\n      Rivi kaksi.\n\n  - id: I2\n";
        let out = edit(text, "I1", &[(2024, 1.0)]).unwrap();
        let mut sources = Sources::default();
        let file = sources.add("s.yaml", out.clone());
        assert!(crate::yaml::parse(&sources, file).is_ok(), "{out}");
        assert!(
            out.contains("Rivi kaksi.\n    values: {2024: 1}\n"),
            "{out}"
        );
    }
}
