//! Where the cursor is in a plan file, read line by line so that it works while the planner
//! types (when the file is not valid YAML yet): the keys above it, the key on its line, the
//! value word under it; and what the template says there (the JSON Schema of the file in the
//! county's main language, and the item kinds' field tables).

use std::ops::Range;
use std::path::Path;

use serde_json::Value;

use crate::i18n::Lang;
use crate::items::{FieldSpec, Kind};
use crate::load::TemplateSet;

/// One line, as far as structure goes.
#[derive(Debug, Default, Clone)]
pub struct Line {
    /// Column (byte) of each `- ` list marker.
    pub dashes: Vec<usize>,
    /// The key, with its byte columns.
    pub key: Option<(String, Range<usize>)>,
    /// Column just after the key's colon.
    pub colon: Option<usize>,
    /// Column of the first character that is not a space or a list marker.
    pub indent: usize,
    /// Blank or a comment.
    pub empty: bool,
}

/// Reads the structure of one line.
pub fn line(text: &str) -> Line {
    let mut out = Line::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'-' && (i + 1 == bytes.len() || bytes[i + 1] == b' ') {
            out.dashes.push(i);
            i += 1;
            continue;
        }
        break;
    }
    out.indent = i;
    let rest = &text[i..];
    out.empty = rest.trim().is_empty() || rest.starts_with('#');
    let key_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if key_len > 0 && rest[key_len..].starts_with(':') {
        let after = &rest[key_len + 1..];
        if after.is_empty() || after.starts_with(' ') || after.starts_with('\t') {
            out.key = Some((rest[..key_len].to_owned(), i..i + key_len));
            out.colon = Some(i + key_len + 1);
        }
    }
    out
}

/// Where the cursor is.
#[derive(Debug, Default, Clone)]
pub struct Cursor {
    /// The keys of the mappings above the cursor, outermost first (list items skipped).
    pub path: Vec<String>,
    /// The key on the cursor's line and its byte range in the text.
    pub key: Option<(String, Range<usize>)>,
    /// Whether the cursor is on that key.
    pub on_key: bool,
    /// Whether the cursor is in the key's value (after the colon), or in an entry of the
    /// list under the last key of `path` (`- I1`).
    pub in_value: bool,
    /// The word under the cursor (ids, months, values) and its byte range.
    pub word: Option<(String, Range<usize>)>,
    /// The text of the line before the cursor.
    pub before: String,
    /// Inside a block of text (`key: |`): no keys here.
    pub in_text: bool,
    /// The column a new key at the cursor would start at.
    pub column: usize,
    /// Byte offset where the cursor's line starts.
    pub line_start: usize,
}

/// The cursor at byte `offset` of `text`.
pub fn cursor(text: &str, offset: usize) -> Cursor {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let current = &text[line_start..line_end];
    let col = offset - line_start;
    let info = line(current);
    let mut out = Cursor {
        before: current[..col].to_owned(),
        column: col,
        line_start,
        ..Default::default()
    };
    out.word = word_at(current, col).map(|(w, r)| (w, line_start + r.start..line_start + r.end));
    let mut target;
    if let Some((key, range)) = &info.key {
        out.key = Some((
            key.clone(),
            line_start + range.start..line_start + range.end,
        ));
        out.on_key = col <= range.end;
        out.in_value = col >= info.colon.unwrap_or(usize::MAX);
        target = range.start;
        if col < range.start
            && let Some(&dash) = info.dashes.last()
        {
            target = dash;
        }
    } else if let Some(&dash) = info.dashes.last()
        && col > dash
        && !info.empty
    {
        // `- value`: an entry of the list under the key above.
        out.in_value = true;
        target = dash;
    } else if let Some(&dash) = info.dashes.last() {
        // `- ` with nothing after it yet: a new item's first key.
        target = dash + 2;
        out.column = target;
    } else {
        target = col.min(info.indent.max(col));
    }
    if info.key.is_some()
        && let Some(&dash) = info.dashes.last()
        && dash < target
    {
        target = dash;
    }
    let before_lines = text[..line_start].lines().rev();
    for l in before_lines {
        let li = line(l);
        if li.empty {
            continue;
        }
        let key_col = li.key.as_ref().map(|(_, r)| r.start);
        if let Some(kc) = key_col
            && kc < target
        {
            let (key, _) = li.key.clone().expect("a key");
            let value = l[li.colon.unwrap_or(l.len())..].trim_start();
            if out.path.is_empty() && (value.starts_with('|') || value.starts_with('>')) {
                // The cursor's line is text, even when it looks like `key: value`.
                out.in_text = true;
                out.key = None;
                out.on_key = false;
            }
            out.path.push(key);
            target = li.dashes.last().copied().filter(|&d| d < kc).unwrap_or(kc);
            if target == 0 {
                break;
            }
            continue;
        }
        if let Some(&dash) = li.dashes.first()
            && dash < target
        {
            target = dash;
        } else if key_col.is_none() && li.indent < target && li.dashes.is_empty() {
            // A line of plain text that continues a value above: keep looking.
            continue;
        }
    }
    out.path.reverse();
    out
}

/// The word (id, number, month) at column `col` of `line`, and its columns.
fn word_at(line: &str, col: usize) -> Option<(String, Range<usize>)> {
    let is_word = |c: char| !(c.is_whitespace() || "[]{},:\"'#".contains(c));
    let start = line[..col]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(col, |(i, _)| i);
    let end = line[col..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(line.len(), |(i, _)| col + i);
    (start < end).then(|| (line[start..end].to_owned(), start..end))
}

/// Which kind of plan file `path` is: `region`, `plan` or a section id (the schema target).
pub fn target(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    match name {
        "region.yaml" => Some("region".to_owned()),
        "plan.yaml" => Some("plan".to_owned()),
        _ => Some(
            name.strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".yml"))?
                .to_owned(),
        ),
    }
}

/// The JSON Schema of a file kind in `lang`.
pub fn schema(tset: &TemplateSet, target: &str, lang: Lang) -> Option<Value> {
    let input = crate::schema::SchemaInput {
        template: &tset.template,
        labels: &tset.labels,
        lang,
    };
    crate::schema::schema_for(&input, target)
}

/// The schema of the mapping at `path` (list items stepped into).
pub fn schema_at<'s>(schema: &'s Value, path: &[String]) -> Option<&'s Value> {
    let mut node = items(schema);
    for key in path {
        node = items(node.get("properties")?.get(key)?);
    }
    Some(node)
}

/// A list's item schema, or the node itself.
fn items(node: &Value) -> &Value {
    if node.get("type") == Some(&Value::String("array".into())) {
        node.get("items").unwrap_or(node)
    } else {
        node
    }
}

/// The keys of a mapping schema in template order.
pub fn ordered_keys(node: &Value) -> Vec<String> {
    match node.get(crate::schema::ORDER).and_then(Value::as_array) {
        Some(order) => order
            .iter()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect(),
        None => node
            .get("properties")
            .and_then(Value::as_object)
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default(),
    }
}

/// The item kind of the list at `path` in a file of kind `target` (`None` when `path` is
/// not a list of items).
pub fn kind_at(tset: &TemplateSet, target: &str, path: &[String]) -> Option<&'static Kind> {
    let (first, rest) = path.split_first()?;
    let mut kind = match target {
        "plan" => match first.as_str() {
            "approvals" => crate::items::kind("approval")?,
            "changelog" => crate::items::kind("change")?,
            _ => return None,
        },
        "region" => return None,
        section => {
            let def = tset.template.section(section)?;
            let field = def.fields.iter().find(|f| f.id == *first)?;
            field.kind.item_kind()?
        }
    };
    for key in rest {
        match kind.field(key)?.kind {
            crate::items::ValueKind::Items(inner) => kind = inner,
            _ => return None,
        }
    }
    Some(kind)
}

/// The field of an item at `path` + `key` (`None` outside lists of items).
pub fn field_at(
    tset: &TemplateSet,
    target: &str,
    path: &[String],
    key: &str,
) -> Option<&'static FieldSpec> {
    kind_at(tset, target, path)?.field(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOCUS: &str = "\
focus_areas:
  - id: T1
    name: Tieto
    actions:
      - id: A1
        action: |
          Teksti: jossa on kaksoispiste
        indicators: [I1, I2]
      - id: A2
";

    fn at(marker: &str) -> Cursor {
        let offset = FOCUS.find(marker).expect("marker") + marker.len();
        cursor(FOCUS, offset)
    }

    #[test]
    fn keys_above_the_cursor_form_its_path() {
        let c = at("indicators: [I1, I");
        assert_eq!(c.path, ["focus_areas", "actions"]);
        assert_eq!(c.key.as_ref().map(|k| k.0.as_str()), Some("indicators"));
        assert!(c.in_value && !c.on_key);
        assert_eq!(c.word.as_ref().map(|w| w.0.as_str()), Some("I2"));

        let c = at("    nam");
        assert_eq!(c.path, ["focus_areas"]);
        assert!(c.on_key);

        let c = at("Teksti: jossa");
        assert!(c.in_text, "{c:?}");
        assert_eq!(c.path, ["focus_areas", "actions", "action"]);

        let c = at("      - id: A2\n");
        assert_eq!(c.path, Vec::<String>::new(), "{c:?}");
    }

    #[test]
    fn a_new_line_in_an_item_takes_its_keys() {
        let text = "focus_areas:\n  - id: T1\n    \n";
        let c = cursor(text, text.find("    \n").unwrap() + 4);
        assert_eq!(c.path, ["focus_areas"]);
        assert!(!c.in_value);
    }
}
