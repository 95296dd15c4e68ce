//! The short, typed entries of a `facts` field (who may report, and since when; channels
//! and languages; how often reports are summarised and for whom; themes; reports received
//! per year by service area): what they hold, read from a section file by the entries the
//! template defines (`entries:` in `template.yaml`), each mistake at its line; and each
//! entry as words, for the document, the diff and the comparison. No I/O.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::items::decode::{number, year, yearly};
use crate::template::{EntryDef, EntryKind};
use crate::text::Text;
use crate::tr;
use crate::yaml::{Decoder, Node, Value};

/// One entry of a `facts` field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// The template's entry id.
    pub id: String,
    /// What it holds.
    pub value: FactValue,
}

/// What an entry holds, by the kind the template gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum FactValue {
    /// A short text.
    Text(Text),
    /// Short texts.
    List(Vec<Text>),
    /// A year.
    Year(i64),
    /// A number.
    Number(f64),
    /// Numbers by year for each service area.
    Counts(Vec<AreaCount>),
}

/// One service area's numbers by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaCount {
    /// The service area.
    pub area: Text,
    /// Its numbers by year.
    pub values: BTreeMap<i64, f64>,
}

/// The entries of a `facts` field written at `node`, in the template's order; unknown keys
/// (with a suggestion), values of the wrong kind and bad years are reported at their lines.
pub fn decode(
    d: &mut Decoder,
    node: &Node,
    field: &str,
    entries: &[EntryDef],
) -> Option<Vec<Fact>> {
    let allowed: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let what = format!("\"{field}\"");
    let fields = d.fields(node, &allowed, &what)?;
    let mut out = Vec::new();
    for entry in entries {
        let Some(n) = fields
            .get(&entry.id)
            .filter(|n| !matches!(n.value, Value::Null))
        else {
            continue;
        };
        let what = format!("\"{field}.{}\"", entry.id);
        let value = match entry.kind {
            EntryKind::Text => d.text(n, &what).map(FactValue::Text),
            EntryKind::List => list(d, n, &what).map(FactValue::List),
            EntryKind::Year => year(d, n, &what).map(FactValue::Year),
            EntryKind::Number => number(d, n, &what).map(FactValue::Number),
            EntryKind::Counts => counts(d, n, &what).map(FactValue::Counts),
        };
        if let Some(value) = value {
            out.push(Fact {
                id: entry.id.clone(),
                value,
            });
        }
    }
    Some(out)
}

/// A list of texts; a single text is taken as a list of one.
fn list(d: &mut Decoder, n: &Node, what: &str) -> Option<Vec<Text>> {
    if matches!(n.value, Value::Str(_)) {
        return d.text(n, what).map(|t| vec![t]);
    }
    let items = d.list(n, what)?;
    Some(items.iter().filter_map(|i| d.text(i, what)).collect())
}

/// `- area: ...` with `values: {2024: 30}`, one per service area.
fn counts(d: &mut Decoder, n: &Node, what: &str) -> Option<Vec<AreaCount>> {
    let items = d.list(n, what)?;
    let mut out = Vec::new();
    for item in items {
        let Some(f) = d.fields(item, &["area", "values"], what) else {
            continue;
        };
        let area = match f.get("area") {
            Some(a) => d.text(a, what),
            None => {
                let hint = tr!(
                    "name the service area: `area: Ikäihmisten palvelut`",
                    "nimeä palvelualue: `area: Ikäihmisten palvelut`",
                    "ange serviceområdet: `area: Äldreomsorg`"
                );
                d.missing(&f, "area", what, &hint);
                None
            }
        };
        let values = match f.get("values") {
            Some(v) => yearly(d, v, what),
            None => Some(BTreeMap::new()),
        };
        if let (Some(area), Some(values)) = (area, values) {
            out.push(AreaCount { area, values });
        }
    }
    Some(out)
}

impl FactValue {
    /// The entry in words in `lang` (the county's main language `main` where it has no
    /// text in `lang`): a list joined by "; ", counts as "area: 2024 30, 2025 41; ...".
    pub fn words(&self, lang: &str, main: &str) -> String {
        let number = |v: f64| crate::numbers::format_number(v);
        match self {
            FactValue::Text(t) => t.get(lang, main).to_owned(),
            FactValue::List(items) => items
                .iter()
                .map(|t| t.get(lang, main))
                .collect::<Vec<_>>()
                .join("; "),
            FactValue::Year(y) => y.to_string(),
            FactValue::Number(x) => number(*x),
            FactValue::Counts(areas) => areas
                .iter()
                .map(|a| {
                    let years: Vec<String> = a
                        .values
                        .iter()
                        .map(|(y, v)| format!("{y} {}", number(*v)))
                        .collect();
                    format!("{}: {}", a.area.get(lang, main), years.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}
