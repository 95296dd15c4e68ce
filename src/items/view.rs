//! Reading an item's values back by its field table, for the document's tables and the
//! diff: the struct is serialised (its `plan.json` shape) and each field of the table is
//! read from it as a [`Val`]. Old snapshots deserialise into the same structs, so both sides
//! of a diff are read the same way.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{FieldSpec, Item, Kind, ValueKind};
use crate::date::Date;
use crate::numbers::{format_number, format_values};
use crate::text::Text;

/// A field's value, by its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// Not given.
    Missing,
    /// A text or Markdown text.
    Text(Text),
    /// A flag.
    Flag(bool),
    /// A month range (from = to for one month; from > to over the turn of the year).
    Months(u8, u8),
    /// A year.
    Year(i64),
    /// Ids of other items.
    Refs(Vec<String>),
    /// A date.
    Date(Date),
    /// An id, version, minute or choice, as written.
    Str(String),
    /// A nested list (read through its own struct, not here).
    Items,
}

impl Val {
    /// Whether nothing is given (or an empty list).
    pub fn is_missing(&self) -> bool {
        match self {
            Val::Missing => true,
            Val::Refs(r) => r.is_empty(),
            _ => false,
        }
    }
}

/// Every field of `item`, in table order.
pub fn view<T: Item>(item: &T) -> Vec<(&'static FieldSpec, Val)> {
    view_json(T::KIND, &serde_json::to_value(item).unwrap_or(Value::Null))
}

/// Every field of an item of `kind` in its serde shape.
pub fn view_json(kind: &Kind, json: &Value) -> Vec<(&'static FieldSpec, Val)> {
    kind.fields.iter().map(|f| (f, read(json, f))).collect()
}

fn read(json: &Value, spec: &FieldSpec) -> Val {
    let key = spec.key;
    let get = |k: &str| json.get(k).filter(|v| !v.is_null());
    match spec.kind {
        ValueKind::Months => {
            let month = |k: String| get(&k).and_then(Value::as_u64).map(|m| m as u8);
            match (month(format!("{key}_from")), month(format!("{key}_to"))) {
                (Some(a), Some(b)) => Val::Months(a, b),
                _ => Val::Missing,
            }
        }
        ValueKind::Items(_) => Val::Items,
        _ => match get(key) {
            None => Val::Missing,
            Some(v) => read_value(spec.kind, v),
        },
    }
}

fn read_value(kind: ValueKind, v: &Value) -> Val {
    let parsed = match kind {
        ValueKind::Text | ValueKind::Markdown => {
            serde_json::from_value(v.clone()).ok().map(Val::Text)
        }
        ValueKind::Flag => v.as_bool().map(Val::Flag),
        ValueKind::Year => v.as_i64().map(Val::Year),
        // Numbers are read as their text ("41,5"); year by year as one line
        // ("2024: 41; 2025: 77"), so the diff shows a changed or added year as a word change.
        ValueKind::Number => v.as_f64().map(|x| Val::Str(format_number(x))),
        ValueKind::Yearly => serde_json::from_value::<BTreeMap<i64, f64>>(v.clone())
            .ok()
            .filter(|m| !m.is_empty())
            .map(|m| Val::Str(format_values(&m))),
        ValueKind::Refs => serde_json::from_value(v.clone()).ok().map(Val::Refs),
        ValueKind::Date => serde_json::from_value(v.clone()).ok().map(Val::Date),
        ValueKind::Id
        | ValueKind::Version
        | ValueKind::Str
        | ValueKind::Choice(_)
        | ValueKind::Decision => v.as_str().map(|s| Val::Str(s.to_owned())),
        ValueKind::Months | ValueKind::Items(_) => None,
    };
    parsed.unwrap_or(Val::Missing)
}

/// The text that names `item` (its title field), if it is a text.
pub fn title<T: Item>(item: &T) -> Option<Text> {
    view(item)
        .into_iter()
        .find(|(f, _)| f.key == T::KIND.title)
        .and_then(|(_, v)| match v {
            Val::Text(t) => Some(t),
            Val::Str(s) => Some(Text::Plain(s)),
            _ => None,
        })
}
