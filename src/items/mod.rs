//! Every kind of list item a plan holds, each defined once in its own file: the struct (its
//! serde shape is the `plan.json` shape) and a field table ([`Kind`]). Decoding from YAML
//! ([`decode`]), reading values back for the document's tables and the diff ([`view`]), the
//! JSON Schema and the scaffold all walk the table, so adding a field to a kind touches that
//! kind's file (and `labels.yaml` for its caption). Which fields an item must have is the
//! template's data ([`Rules`], `items:` in `template.yaml`). No I/O.

/// Implements [`Item`] for a kind's struct (which has `id` and `span` fields unless a key is
/// given): its table is the `KIND` beside it, its key its `id`, or the expression given.
macro_rules! item_impl {
    ($ty:ty) => {
        item_impl!($ty, |item| item.id.clone());
    };
    ($ty:ty, |$it:ident| $key:expr $(, { $($extra:tt)* })?) => {
        impl super::Item for $ty {
            const KIND: &'static super::Kind = KIND;
            fn key(&self) -> String {
                let $it = self;
                $key
            }
            fn span(&self) -> Option<&crate::diagnostic::Span> {
                self.span.as_ref()
            }
            $($($extra)*)?
        }
    };
}
use item_impl;

mod action;
mod approval;
mod area;
mod change;
pub mod decode;
mod event;
mod indicator;
mod member;
mod partner;
mod record;
pub mod view;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use action::Action;
pub use approval::{Approval, Decision};
pub use area::FocusArea;
pub use change::ChangeEntry;
pub use event::CycleEvent;
pub use indicator::Indicator;
pub use member::Member;
pub use partner::Partner;
pub use record::RecordInfo;

use crate::diagnostic::Span;
use crate::i18n::Lang;

/// What a field holds, which decides how it is read, checked, described and shown.
#[derive(Debug, Clone, Copy)]
pub enum ValueKind {
    /// The item's key, as the planner writes it (`A1`, `tietotyo-1`).
    Id,
    /// A short text, plain or by language.
    Text,
    /// A Markdown text, plain or by language.
    Markdown,
    /// `true` or `false`.
    Flag,
    /// A month or a range of months: `3`, `"1-2"`, `"12-1"`, `maaliskuu`, `joulu–tammikuu`.
    /// Stored as `<key>_from` and `<key>_to`.
    Months,
    /// A year such as 2024.
    Year,
    /// A number, whole or decimal (`41`, `41.5`).
    Number,
    /// Numbers by year, `{2024: 41, 2025: 77}`: years 2000-2100, finite numbers, each year
    /// once. Its value in `plan.json` is an object keyed by year.
    Yearly,
    /// Ids of other items (an action's indicators). Their places are kept as `<key>_spans`.
    Refs,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A version number such as "1.1".
    Version,
    /// A short string taken as written (a minute reference, "§ 69").
    Str,
    /// One of fixed values, each explained in Finnish.
    Choice(&'static [Choice]),
    /// One of the template's decision kinds (`decisions:` in template.yaml), by id.
    Decision,
    /// A nested list of items of another kind (a focus area's actions).
    Items(&'static Kind),
}

impl ValueKind {
    /// Whether a change replaces the value whole (a date, a month), rather than word by word.
    pub fn is_atomic(self) -> bool {
        !matches!(
            self,
            ValueKind::Text
                | ValueKind::Markdown
                | ValueKind::Refs
                | ValueKind::Items(_)
                // Year by year: a changed or added year shows as such.
                | ValueKind::Yearly
        )
    }
}

/// A fixed value of a [`ValueKind::Choice`] field.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    /// As written in YAML; also its `labels.yaml` key.
    pub value: &'static str,
    /// What it means, in Finnish (editor help).
    pub fi: &'static str,
    /// What it means, in Swedish.
    pub sv: &'static str,
    /// What it means, in English.
    pub en: &'static str,
}

impl Choice {
    /// What it means in `lang` (the scaffold's or the schema's language).
    pub fn meaning(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fi => self.fi,
            Lang::Sv => self.sv,
            Lang::En => self.en,
        }
    }
}

/// Where a field appears in the document's table of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Not in the table (shown elsewhere, or only in diffs).
    Hidden,
    /// A column of this relative width.
    Column(u32),
    /// A narrow column in a code font (an id that texts refer to).
    Code,
    /// Inside the column of the named field, before its text: a true flag shows its label
    /// ("puheenjohtaja, sihteeri").
    Before(&'static str),
    /// Inside the column of the named field, after its text in parentheses ("41 (2024)").
    After(&'static str),
}

/// One field of an item kind.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The key in YAML and in `plan.json`.
    pub key: &'static str,
    /// What it holds.
    pub kind: ValueKind,
    /// Its caption's key in `labels.yaml`.
    pub label: &'static str,
    /// What the planner writes here, in Finnish (editor hover, scaffold comment).
    pub help: &'static str,
    /// An example value as YAML, for the scaffold and editor snippets (Finnish text).
    pub example: &'static str,
    /// [`help`](Self::help) and [`example`](Self::example) in Swedish.
    pub sv: (&'static str, &'static str),
    /// [`help`](Self::help) and [`example`](Self::example) in English.
    pub en: (&'static str, &'static str),
    /// Where the document shows it.
    pub show: Show,
}

impl FieldSpec {
    /// A field with no table column; the constructors below set what differs.
    pub const fn new(
        key: &'static str,
        kind: ValueKind,
        label: &'static str,
        help: &'static str,
        example: &'static str,
    ) -> Self {
        FieldSpec {
            key,
            kind,
            label,
            help,
            example,
            sv: (help, example),
            en: (help, example),
            show: Show::Hidden,
        }
    }

    /// The same field with its help and example in Swedish.
    pub const fn sv(self, help: &'static str, example: &'static str) -> Self {
        FieldSpec {
            sv: (help, example),
            ..self
        }
    }

    /// The same field with its help and example in English.
    pub const fn en(self, help: &'static str, example: &'static str) -> Self {
        FieldSpec {
            en: (help, example),
            ..self
        }
    }

    /// What the planner writes here, in `lang`.
    pub fn help_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fi => self.help,
            Lang::Sv => self.sv.0,
            Lang::En => self.en.0,
        }
    }

    /// The example value in `lang` (a text example is in that language).
    pub fn example_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fi => self.example,
            Lang::Sv => self.sv.1,
            Lang::En => self.en.1,
        }
    }

    /// The same field, shown as `show`.
    pub const fn shown(self, show: Show) -> Self {
        FieldSpec { show, ..self }
    }
}

/// An item kind: its name, how messages call it and its field table.
#[derive(Debug)]
pub struct Kind {
    /// Name in `template.yaml`'s `items:` (singular: `member`, `indicator`).
    pub name: &'static str,
    /// One item in messages: English, Finnish, Swedish ("a member", "jäsen", "en medlem").
    pub what: [&'static str; 3],
    /// The list in messages ("the list of members", "jäsenluettelo", "medlemsförteckningen").
    pub list: [&'static str; 3],
    /// Fields in the order planners write them.
    pub fields: &'static [FieldSpec],
    /// Fields the code cannot do without, whatever the template says (an approval's date).
    pub needs: &'static [&'static str],
    /// The field whose text names the item (diff labels, ids made when none is written).
    pub title: &'static str,
}

impl Kind {
    /// The field with `key`.
    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Every key, in table order.
    pub fn keys(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.key).collect()
    }

    /// One item, named in the message language.
    pub fn what(&self) -> &'static str {
        crate::i18n::pick(self.what[0], self.what[1], self.what[2])
    }

    /// The list, named in the message language.
    pub fn list_what(&self) -> &'static str {
        crate::i18n::pick(self.list[0], self.list[1], self.list[2])
    }
}

/// A kind of list item: a struct whose serde fields are its kind's table.
pub trait Item: Serialize + DeserializeOwned {
    /// The field table.
    const KIND: &'static Kind;
    /// The key that follows the item between versions.
    fn key(&self) -> String;
    /// Where the item is written (when read from YAML in this run).
    fn span(&self) -> Option<&Span>;
    /// What tells the item apart beside its title, for kinds without an id (a date).
    fn label_extra(&self) -> Option<String> {
        None
    }
}

/// Every item kind, nested ones included.
pub const KINDS: [&Kind; 9] = [
    member::KIND,
    event::KIND,
    area::KIND,
    action::KIND,
    indicator::KIND,
    partner::KIND,
    approval::KIND,
    change::KIND,
    record::KIND,
];

/// The kind called `name`.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|k| k.name == name)
}

/// What the template says about one item kind.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRules {
    /// The fields every item of the kind must have.
    #[serde(default)]
    pub required: Vec<String>,
    /// The values its [`ValueKind::Decision`] field may take: the template's decision kinds
    /// (`decisions:` in template.yaml), set when the template is loaded.
    #[serde(skip)]
    pub decisions: Vec<String>,
}

/// The template's rules by kind name (`template.yaml`, `items:`).
pub type Rules = BTreeMap<String, ItemRules>;

/// Whether every item of `kind` must have `key`.
pub fn is_required(rules: &Rules, kind: &Kind, key: &str) -> bool {
    kind.needs.contains(&key)
        || rules
            .get(kind.name)
            .is_some_and(|r| r.required.iter().any(|k| k == key))
}

/// Problems with the template's rules: a kind or a field that does not exist.
pub fn check_rules(rules: &Rules) -> Vec<String> {
    let mut out = Vec::new();
    for (name, rule) in rules {
        let Some(kind) = kind(name) else {
            let kinds: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
            out.push(format!(
                "items: unknown item kind \"{name}\" (the kinds are {})",
                kinds.join(", ")
            ));
            continue;
        };
        for key in &rule.required {
            if kind.field(key).is_none() {
                out.push(format!(
                    "items.{name}.required: \"{key}\" is not a field of {name} (its fields are {})",
                    kind.keys().join(", ")
                ));
            }
        }
    }
    out
}

/// Whether an attribute named `key` in any kind is replaced whole in diffs.
pub fn is_atomic_key(key: &str) -> bool {
    KINDS
        .iter()
        .filter_map(|k| k.field(key))
        .any(|f| f.kind.is_atomic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shown_field_points_at_a_column_of_its_kind() {
        for kind in KINDS {
            for f in kind.fields {
                if let Show::Before(to) | Show::After(to) = f.show {
                    let target = kind.field(to).expect("target exists");
                    assert!(
                        matches!(target.show, Show::Column(_)),
                        "{}.{}",
                        kind.name,
                        f.key
                    );
                }
            }
            assert!(kind.field(kind.title).is_some(), "{}", kind.name);
            for need in kind.needs {
                assert!(kind.field(need).is_some(), "{}.{need}", kind.name);
            }
        }
    }
}
