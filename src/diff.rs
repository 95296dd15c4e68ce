//! The structural diff: compares two normalised plans ([`Plan`], as stored in `plan.json`)
//! and returns a [`ChangeSet`] that the text, JSON and redline renderers draw. Sections match
//! by id, fields by id, keyed list items (members, cycle events, focus areas, actions,
//! indicators, partners, approvals, change-log lines, municipalities) by key, and text word by
//! word in every language. An item whose place changed is a move, with its edits when it was
//! also edited, never a removal plus an addition. Pure data: no I/O, no template, no words
//! for readers; [`crate::redline`] resolves a change set for a language.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

use crate::items::view::{Val, view};
use crate::items::{FieldSpec, Item, ValueKind};
use crate::model::{FieldValue, Plan, Section};
use crate::text::{Lang, Text};

/// Everything that differs between two versions of one county's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeSet {
    /// County folder name.
    pub slug: String,
    /// The older side.
    pub from: Revision,
    /// The newer side.
    pub to: Revision,
    /// Languages the texts were compared in (both sides' languages, older side's first).
    pub languages: Vec<Lang>,
    /// Groups with at least one change, in document order: plan metadata, region, sections.
    pub groups: Vec<Group>,
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    /// How it was named on the command line: `1.0`, `worktree`, `git:v1`, a folder.
    pub label: String,
    /// The plan's version number.
    pub version: String,
    /// The plan's status (draft, proposed, approved, superseded).
    pub status: String,
    /// The plan's date, ISO format.
    pub date: String,
}

/// What a group of changes belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    /// The plan's metadata from `plan.yaml`: version, status, date, validity, approvals,
    /// change log.
    Plan,
    /// The county from `region.yaml`.
    Region,
    /// A section of the template.
    Section,
}

/// The changes in one section (or in the plan metadata, or the region).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Section id, or `plan` / `region`.
    pub id: String,
    /// What the group is.
    pub kind: GroupKind,
    /// Whether the whole section was added or removed, or changed inside.
    pub state: ChangeKind,
    /// The changes, in document order.
    pub changes: Vec<Change>,
}

/// The kind of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
    /// In both, with different content.
    Changed,
    /// In both, in another place; `edits` says whether the content changed too.
    Moved,
}

/// One change: a text field edited, or a keyed item added, removed, changed or moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Unique id in the change set, usable as an HTML anchor (`muutos-3`).
    pub anchor: String,
    /// What happened.
    pub kind: ChangeKind,
    /// The field of the section (`text`, `members`), or of the metadata (`version`).
    pub field: String,
    /// The keyed item the change is about, outermost first (a focus area, then its action);
    /// empty when the change is about the field's own value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<Step>,
    /// For a move: from where to where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved: Option<Move>,
    /// For a change or a move with edits: the word changes, attribute by attribute.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
    /// For an addition or removal: the content added or removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<Line>,
}

/// A keyed item on the way to a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The list it is in (`members`, `areas`, `actions`, `approvals`).
    pub list: String,
    /// The item's key.
    pub key: String,
    /// A short human name for the item (its role, name or first words).
    pub label: String,
}

/// Where a moved item was and is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    /// Position in the older list, from 1.
    pub from: usize,
    /// Position in the newer list, from 1.
    pub to: usize,
    /// When the item moved to another parent (an action to another focus area): the old one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_parent: Option<Step>,
}

/// The word changes of one attribute of an item (or of a field's own text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    /// Attribute (`role`, `action`); empty for the field's own value.
    pub attr: String,
    /// Languages the edit applies to; empty means every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub langs: Vec<Lang>,
    /// The text as runs kept, deleted and inserted: the kept and deleted runs give the old
    /// text, the kept and inserted runs the new.
    pub segments: Vec<Segment>,
    /// The language the old text is written in, when the edit is for some languages only
    /// and the old text is another's (a Finnish text the Swedish edition showed before it
    /// was translated): its deleted runs are in that language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_lang: Option<Lang>,
    /// The language the new text is written in, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_lang: Option<Lang>,
}

/// One attribute of an added or removed item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Attribute; empty for the field's own value.
    pub attr: String,
    /// Languages the value is in; empty means every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub langs: Vec<Lang>,
    /// The value.
    pub text: String,
    /// The language the value is written in, when the line is for some languages only and
    /// the value is another's (a Finnish text shown in the Swedish edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// A run of text in a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Segment {
    /// In both.
    Equal(String),
    /// Only in the old text.
    Delete(String),
    /// Only in the new text.
    Insert(String),
}

impl ChangeSet {
    /// Whether the two versions are the same.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

impl Step {
    /// Whether the key says more than the label: items with their own id (a member's
    /// `lastensuojelu`) show it; approvals, change-log lines and municipalities are keyed by
    /// what their label already says.
    pub fn shows_key(&self) -> bool {
        !matches!(
            self.list.as_str(),
            "approvals" | "changelog" | "municipalities"
        ) && self.key != self.label
    }
}

/// Splits word-diff runs into paragraphs (at blank lines), leaving out blank ones.
pub fn paragraphs(segments: &[Segment]) -> Vec<Vec<Segment>> {
    let mut paras: Vec<Vec<Segment>> = vec![Vec::new()];
    for seg in segments {
        let (text, make): (&str, fn(String) -> Segment) = match seg {
            Segment::Equal(t) => (t, Segment::Equal),
            Segment::Delete(t) => (t, Segment::Delete),
            Segment::Insert(t) => (t, Segment::Insert),
        };
        for (i, part) in text.split("\n\n").enumerate() {
            if i > 0 {
                paras.push(Vec::new());
            }
            if !part.is_empty() {
                paras
                    .last_mut()
                    .expect("one paragraph")
                    .push(make(part.to_owned()));
            }
        }
    }
    let blank = |s: &Segment| match s {
        Segment::Equal(t) | Segment::Delete(t) | Segment::Insert(t) => t.trim().is_empty(),
    };
    paras.retain(|p| !p.iter().all(blank));
    paras
}

/// Compares `old` with `new`. `from` and `to` name the sides as the user did.
pub fn diff_plans(old: &Plan, new: &Plan, from: &str, to: &str) -> ChangeSet {
    let mut languages: Vec<Lang> = old.region.languages.clone();
    for lang in &new.region.languages {
        if !languages.contains(lang) {
            languages.push(lang.clone());
        }
    }
    let cx = Cx {
        langs: &languages,
        old_main: old.region.main_lang(),
        new_main: new.region.main_lang(),
    };
    let mut groups = Vec::new();
    let plan_changes = cx.meta_changes(old, new);
    if !plan_changes.is_empty() {
        groups.push(group(
            "plan",
            GroupKind::Plan,
            ChangeKind::Changed,
            plan_changes,
        ));
    }
    let region_changes = cx.region_changes(old, new);
    if !region_changes.is_empty() {
        groups.push(group(
            "region",
            GroupKind::Region,
            ChangeKind::Changed,
            region_changes,
        ));
    }
    let old_ids: Vec<&str> = old.sections.iter().map(|s| s.id.as_str()).collect();
    let new_ids: Vec<&str> = new.sections.iter().map(|s| s.id.as_str()).collect();
    for entry in order_keyed(&old_ids, &new_ids) {
        let (state, changes) = match entry {
            Entry::Both { old: i, new: j, .. } => (
                ChangeKind::Changed,
                cx.section_changes(Some(&old.sections[i]), Some(&new.sections[j])),
            ),
            Entry::Old(i) => (
                ChangeKind::Removed,
                cx.section_changes(Some(&old.sections[i]), None),
            ),
            Entry::New(j) => (
                ChangeKind::Added,
                cx.section_changes(None, Some(&new.sections[j])),
            ),
        };
        let id = match entry {
            Entry::Old(i) => &old.sections[i].id,
            Entry::New(j) | Entry::Both { new: j, .. } => &new.sections[j].id,
        };
        if !changes.is_empty() {
            groups.push(group(id, GroupKind::Section, state, changes));
        }
    }
    let mut n = 0;
    for change in groups.iter_mut().flat_map(|g| g.changes.iter_mut()) {
        n += 1;
        change.anchor = format!("muutos-{n}");
    }
    ChangeSet {
        slug: new.slug.clone(),
        from: revision(old, from),
        to: revision(new, to),
        languages,
        groups,
    }
}

fn revision(plan: &Plan, label: &str) -> Revision {
    Revision {
        label: label.to_owned(),
        version: plan.meta.version.clone(),
        status: plan.meta.status.as_str().to_owned(),
        date: plan.meta.date.to_string(),
    }
}

fn group(id: &str, kind: GroupKind, state: ChangeKind, changes: Vec<Change>) -> Group {
    Group {
        id: id.to_owned(),
        kind,
        state,
        changes,
    }
}

/// Values of an attribute by language; the key `""` means the same in every language.
type Vals = BTreeMap<Lang, String>;

/// An item of a keyed list, flattened for comparison.
#[derive(Debug, Clone)]
struct Node {
    key: String,
    label: String,
    attrs: Vec<(&'static str, Vals)>,
}

/// A list field as keyed nodes; focus areas carry their actions as children.
#[derive(Debug, Clone)]
struct List {
    name: &'static str,
    items: Vec<Node>,
    children: Option<Children>,
}

/// The nested list of a list's items: for each parent item, its children.
#[derive(Debug, Clone)]
struct Children {
    name: &'static str,
    by_parent: Vec<Vec<Node>>,
}

/// A field's content, ready to compare.
#[derive(Debug, Clone)]
enum Flat {
    Text(Vals),
    List(List),
}

struct Cx<'a> {
    langs: &'a [Lang],
    old_main: &'a str,
    new_main: &'a str,
}

/// Which side a value was read from (its main language resolves plain text).
#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

impl Cx<'_> {
    fn main(&self, side: Side) -> &str {
        match side {
            Side::Old => self.old_main,
            Side::New => self.new_main,
        }
    }

    fn text(&self, text: &Text, side: Side) -> Vals {
        let main = self.main(side);
        match text {
            // Plain text is the same in every edition.
            Text::Plain(s) => plain(s.clone()),
            Text::Localized(_) => self
                .langs
                .iter()
                .map(|l| (l.clone(), text.get(l, main).to_owned()))
                .collect(),
        }
    }

    /// An entry of a `facts` field in words, by language where it has texts by language.
    fn fact(&self, value: &crate::facts::FactValue, side: Side) -> Vals {
        use crate::facts::FactValue as F;
        let main = self.main(side);
        let localized = |t: &Text| matches!(t, Text::Localized(_));
        let by_language = match value {
            F::Text(t) => localized(t),
            F::List(items) => items.iter().any(localized),
            F::Counts(areas) => areas.iter().any(|a| localized(&a.area)),
            F::Year(_) | F::Number(_) => false,
        };
        if by_language {
            self.langs
                .iter()
                .map(|l| (l.clone(), value.words(l, main)))
                .collect()
        } else {
            plain(value.words(main, main))
        }
    }

    fn opt(&self, text: &Option<Text>, side: Side) -> Vals {
        text.as_ref()
            .map(|t| self.text(t, side))
            .unwrap_or_default()
    }

    fn label(&self, text: &Text, side: Side) -> String {
        short_label(text.get(self.main(side), self.main(side)))
    }

    fn meta_changes(&self, old: &Plan, new: &Plan) -> Vec<Change> {
        let (o, n) = (&old.meta, &new.meta);
        let mut out = Vec::new();
        let validity = |p: &Plan| match &p.meta.validity {
            Some(v) => match v.until {
                Some(until) => format!("{} – {}", v.from, until),
                None => format!("{} –", v.from),
            },
            None => String::new(),
        };
        let scalars = [
            (
                "title",
                self.opt(&o.title, Side::Old),
                self.opt(&n.title, Side::New),
            ),
            (
                "version",
                plain(o.version.clone()),
                plain(n.version.clone()),
            ),
            (
                "status",
                plain(o.status.as_str().to_owned()),
                plain(n.status.as_str().to_owned()),
            ),
            ("date", plain(o.date.to_string()), plain(n.date.to_string())),
            ("validity", plain(validity(old)), plain(validity(new))),
        ];
        for (field, a, b) in scalars {
            out.extend(self.value_change(field, &a, &b));
        }
        let approvals = |p: &Plan, side| List {
            name: "approvals",
            items: self.items(&p.meta.approvals, side),
            children: None,
        };
        out.extend(self.list_changes(
            "approvals",
            &approvals(old, Side::Old),
            &approvals(new, Side::New),
        ));
        let changelog = |p: &Plan, side| List {
            name: "changelog",
            items: self.items(&p.meta.changelog, side),
            children: None,
        };
        out.extend(self.list_changes(
            "changelog",
            &changelog(old, Side::Old),
            &changelog(new, Side::New),
        ));
        out
    }

    fn region_changes(&self, old: &Plan, new: &Plan) -> Vec<Change> {
        let (o, n) = (&old.region, &new.region);
        let num = |v: Option<i64>| plain(v.map(|v| v.to_string()).unwrap_or_default());
        let scalars = [
            (
                "name",
                self.text(&o.name, Side::Old),
                self.text(&n.name, Side::New),
            ),
            (
                "short_name",
                self.text(&o.short_name, Side::Old),
                self.text(&n.short_name, Side::New),
            ),
            (
                "languages",
                plain(o.languages.join(", ")),
                plain(n.languages.join(", ")),
            ),
            ("population", num(o.population), num(n.population)),
            (
                "population_year",
                num(o.population_year),
                num(n.population_year),
            ),
            (
                "centre_of_expertise",
                self.opt(&o.centre_of_expertise, Side::Old),
                self.opt(&n.centre_of_expertise, Side::New),
            ),
            (
                "example",
                plain(o.example.to_string()),
                plain(n.example.to_string()),
            ),
        ];
        let mut out = Vec::new();
        for (field, a, b) in scalars {
            out.extend(self.value_change(field, &a, &b));
        }
        let municipalities = |p: &Plan, side| List {
            name: "municipalities",
            items: keyed(
                p.region
                    .municipalities
                    .iter()
                    .map(|m| Node {
                        key: m.get(self.main(side), self.main(side)).to_owned(),
                        label: self.label(m, side),
                        attrs: vec![("name", self.text(m, side))],
                    })
                    .collect(),
            ),
            children: None,
        };
        out.extend(self.list_changes(
            "municipalities",
            &municipalities(old, Side::Old),
            &municipalities(new, Side::New),
        ));
        out
    }

    fn section_changes(&self, old: Option<&Section>, new: Option<&Section>) -> Vec<Change> {
        let fields = |s: Option<&Section>, side| -> Vec<(String, Flat)> {
            s.map(|s| {
                s.fields
                    .iter()
                    .map(|f| (f.id.clone(), self.flatten(&f.value, side)))
                    .collect()
            })
            .unwrap_or_default()
        };
        let (old_fields, new_fields) = (fields(old, Side::Old), fields(new, Side::New));
        let old_ids: Vec<&str> = old_fields.iter().map(|(id, _)| id.as_str()).collect();
        let new_ids: Vec<&str> = new_fields.iter().map(|(id, _)| id.as_str()).collect();
        let mut out = Vec::new();
        for entry in order_keyed(&old_ids, &new_ids) {
            // A field on one side only is compared with an empty field of its shape.
            let (id, a, b) = match entry {
                Entry::Both { old: i, new: j, .. } => (
                    &new_fields[j].0,
                    Cow::Borrowed(&old_fields[i].1),
                    Cow::Borrowed(&new_fields[j].1),
                ),
                Entry::Old(i) => (
                    &old_fields[i].0,
                    Cow::Borrowed(&old_fields[i].1),
                    Cow::Owned(old_fields[i].1.empty_shape()),
                ),
                Entry::New(j) => (
                    &new_fields[j].0,
                    Cow::Owned(new_fields[j].1.empty_shape()),
                    Cow::Borrowed(&new_fields[j].1),
                ),
            };
            match (a.as_ref(), b.as_ref()) {
                (Flat::Text(a), Flat::Text(b)) => out.extend(self.value_change(id, a, b)),
                (Flat::List(a), Flat::List(b)) => out.extend(self.list_changes(id, a, b)),
                // The template changed the field's kind: the old content went, the new came.
                (a, b) => {
                    out.extend(self.flat_changes(id, a, &a.empty_shape()));
                    out.extend(self.flat_changes(id, &b.empty_shape(), b));
                }
            }
        }
        out
    }

    fn flat_changes(&self, id: &str, a: &Flat, b: &Flat) -> Vec<Change> {
        match (a, b) {
            (Flat::Text(a), Flat::Text(b)) => self.value_change(id, a, b).into_iter().collect(),
            (Flat::List(a), Flat::List(b)) => self.list_changes(id, a, b),
            _ => Vec::new(),
        }
    }

    fn flatten(&self, value: &FieldValue, side: Side) -> Flat {
        let list = |name, items| {
            Flat::List(List {
                name,
                items,
                children: None,
            })
        };
        match value {
            FieldValue::Markdown(text) => Flat::Text(self.text(text, side)),
            FieldValue::Members(v) => list("members", self.items(v, side)),
            FieldValue::Cycle(v) => list("events", self.items(v, side)),
            FieldValue::Indicators(v) => list("indicators", self.items(v, side)),
            FieldValue::Partners(v) => list("partners", self.items(v, side)),
            FieldValue::Facts(facts) => list(
                "facts",
                facts
                    .iter()
                    .map(|f| Node {
                        key: f.id.clone(),
                        label: f.id.clone(),
                        attrs: vec![("value", self.fact(&f.value, side))],
                    })
                    .collect(),
            ),
            FieldValue::FocusAreas(areas) => Flat::List(List {
                name: "areas",
                items: self.items(areas, side),
                children: Some(Children {
                    name: "actions",
                    by_parent: areas.iter().map(|a| self.items(&a.actions, side)).collect(),
                }),
            }),
        }
    }

    /// An item as a keyed node: every field of its kind's table but the id and nested
    /// lists, as values by language.
    fn item<T: Item>(&self, item: &T, side: Side) -> Node {
        let vals = view(item);
        let label = match vals.iter().find(|(f, _)| f.key == T::KIND.title) {
            Some((_, Val::Text(t))) => self.label(t, side),
            Some((_, Val::Str(s))) => s.clone(),
            _ => item.key(),
        };
        let label = match item.label_extra() {
            Some(extra) => format!("{label} {extra}"),
            None => label,
        };
        let attrs = vals
            .into_iter()
            .filter(|(f, _)| !matches!(f.kind, ValueKind::Id | ValueKind::Items(_)))
            .map(|(f, v)| (f.key, self.val(f, v, side)))
            .collect();
        Node {
            key: item.key(),
            label,
            attrs,
        }
    }

    fn items<T: Item>(&self, items: &[T], side: Side) -> Vec<Node> {
        keyed(items.iter().map(|i| self.item(i, side)).collect())
    }

    fn val(&self, f: &FieldSpec, v: Val, side: Side) -> Vals {
        match v {
            Val::Text(t) => self.text(&t, side),
            Val::Missing | Val::Items | Val::Flag(false) => Vals::new(),
            // A set flag reads as its caption's key ("chair"), put in words by `redline`.
            Val::Flag(true) => plain(f.label.to_owned()),
            Val::Months(a, b) if a == b => plain(a.to_string()),
            Val::Months(a, b) => plain(format!("{a}–{b}")),
            Val::Year(y) => plain(y.to_string()),
            Val::Refs(ids) => plain(ids.join(", ")),
            Val::Date(d) => plain(d.to_string()),
            Val::Str(s) => plain(s),
        }
    }

    /// A change of a field's own value (a text, the version, the date), if any.
    fn value_change(&self, field: &str, a: &Vals, b: &Vals) -> Option<Change> {
        let blank = |v: &Vals| v.values().all(|s| s.trim().is_empty());
        let (kind, edits, content) = if blank(a) && !blank(b) {
            (ChangeKind::Added, Vec::new(), self.lines("", b))
        } else if blank(b) && !blank(a) {
            (ChangeKind::Removed, Vec::new(), self.lines("", a))
        } else {
            // A field's own value: scalars (version, date) are replaced whole.
            let mut edits = self.edits("", a, b);
            if is_atomic(field) {
                for edit in &mut edits {
                    edit.segments =
                        atomic_diff(&old_text(&edit.segments), &new_text(&edit.segments));
                }
            }
            if edits.is_empty() {
                return None;
            }
            (ChangeKind::Changed, edits, Vec::new())
        };
        Some(Change {
            anchor: String::new(),
            kind,
            field: field.to_owned(),
            path: Vec::new(),
            moved: None,
            edits,
            content,
        })
    }

    /// Word edits of one attribute, one per distinct (old, new) pair of languages.
    fn edits(&self, attr: &str, a: &Vals, b: &Vals) -> Vec<Edit> {
        let pairs: Vec<(Vec<Lang>, (&str, &str))> = self.by_lang(a, b);
        pairs
            .into_iter()
            .filter(|(_, (x, y))| x != y)
            .map(|(langs, (x, y))| Edit {
                attr: attr.to_owned(),
                old_lang: self.written_in(a, &langs, self.old_main),
                new_lang: self.written_in(b, &langs, self.new_main),
                langs,
                segments: if is_atomic(attr) {
                    atomic_diff(x, y)
                } else {
                    word_diff(x, y)
                },
            })
            .collect()
    }

    /// The value in every language, grouping languages with the same (old, new) pair; a
    /// group covering every language gets an empty language list.
    fn by_lang<'v>(&self, a: &'v Vals, b: &'v Vals) -> Vec<(Vec<Lang>, (&'v str, &'v str))> {
        let get = |v: &'v Vals, lang: &str| -> &'v str {
            v.get(lang)
                .or_else(|| v.get(""))
                .map(String::as_str)
                .unwrap_or("")
        };
        let mut out: Vec<(Vec<Lang>, (&str, &str))> = Vec::new();
        for lang in self.langs {
            let pair = (get(a, lang), get(b, lang));
            match out.iter_mut().find(|(_, p)| *p == pair) {
                Some((langs, _)) => langs.push(lang.clone()),
                None => out.push((vec![lang.clone()], pair)),
            }
        }
        for (langs, _) in &mut out {
            if langs.len() == self.langs.len() {
                langs.clear();
            }
        }
        out
    }

    /// The language `v` is written in as the editions `langs` show it, when that is one
    /// language and not theirs: a plain string is in the plan's main language `main`.
    fn written_in(&self, v: &Vals, langs: &[Lang], main: &str) -> Option<Lang> {
        let [lang] = langs else { return None };
        if v.contains_key(lang) || !v.contains_key("") || lang == main {
            return None;
        }
        Some(main.to_owned())
    }

    /// The non-empty values of an attribute, languages with the same value together.
    fn lines(&self, attr: &str, v: &Vals) -> Vec<Line> {
        let empty = Vals::new();
        self.by_lang(v, &empty)
            .into_iter()
            .filter(|(_, (x, _))| !x.trim().is_empty())
            .map(|(langs, (x, _))| Line {
                attr: attr.to_owned(),
                lang: self.written_in(v, &langs, self.new_main),
                langs,
                text: x.to_owned(),
            })
            .collect()
    }

    fn node_lines(&self, node: &Node) -> Vec<Line> {
        node.attrs
            .iter()
            .flat_map(|(attr, v)| self.lines(attr, v))
            .collect()
    }

    fn node_edits(&self, a: &Node, b: &Node) -> Vec<Edit> {
        let empty = Vals::new();
        let mut out = Vec::new();
        for (attr, bv) in &b.attrs {
            let av = a
                .attrs
                .iter()
                .find(|(x, _)| x == attr)
                .map(|(_, v)| v)
                .unwrap_or(&empty);
            out.extend(self.edits(attr, av, bv));
        }
        out
    }

    /// Changes of a keyed list, items in the newer order with removed ones where they were.
    fn list_changes(&self, field: &str, old: &List, new: &List) -> Vec<Change> {
        // An item whose id changed but whose content stayed (nearly) the same is the same item
        // renamed: match it under its old id and report the new id as an edit.
        let (new, renamed) = with_renames(old, new);
        let new = &new;
        let nest = Nesting::of(old, new);
        let old_keys: Vec<&str> = old.items.iter().map(|n| n.key.as_str()).collect();
        let new_keys: Vec<&str> = new.items.iter().map(|n| n.key.as_str()).collect();
        let mut out = Vec::new();
        for entry in order_keyed(&old_keys, &new_keys) {
            let parent_change = match entry {
                Entry::Both {
                    old: i,
                    new: j,
                    moved,
                } => {
                    let (a, b) = (&old.items[i], &new.items[j]);
                    self.kept(
                        field,
                        vec![step(new.name, b)],
                        a,
                        b,
                        (i, j, moved),
                        &renamed,
                    )
                }
                Entry::Old(i) => Some(self.whole(
                    ChangeKind::Removed,
                    field,
                    vec![step(old.name, &old.items[i])],
                    &old.items[i],
                )),
                Entry::New(j) => Some(self.whole(
                    ChangeKind::Added,
                    field,
                    vec![step(new.name, &new.items[j])],
                    &new.items[j],
                )),
            };
            out.extend(parent_change);
            if !nest.child_name.is_empty() {
                out.extend(self.child_changes(field, old, new, &nest, entry, &renamed));
            }
        }
        out
    }

    /// An item in both versions: a change when it moved or its content (or id) changed.
    fn kept(
        &self,
        field: &str,
        path: Vec<Step>,
        a: &Node,
        b: &Node,
        (i, j, moved): (usize, usize, bool),
        renamed: &HashMap<String, String>,
    ) -> Option<Change> {
        let mut edits = self.node_edits(a, b);
        let id_edit = renamed.get(&a.key).map(|new_key| Edit {
            attr: "id".to_owned(),
            langs: Vec::new(),
            segments: atomic_diff(&a.key, new_key),
            old_lang: None,
            new_lang: None,
        });
        edits.splice(0..0, id_edit);
        (moved || !edits.is_empty()).then(|| Change {
            anchor: String::new(),
            kind: if moved {
                ChangeKind::Moved
            } else {
                ChangeKind::Changed
            },
            field: field.to_owned(),
            path,
            moved: moved.then_some(Move {
                from: i + 1,
                to: j + 1,
                from_parent: None,
            }),
            edits,
            content: Vec::new(),
        })
    }

    /// The changes among the children of one item (a focus area's actions), including
    /// children that moved in from another parent.
    fn child_changes(
        &self,
        field: &str,
        old: &List,
        new: &List,
        nest: &Nesting,
        entry: Entry,
        renamed: &HashMap<String, String>,
    ) -> Vec<Change> {
        let kids =
            |all: &[Vec<Node>], i: usize| -> Vec<Node> { all.get(i).cloned().unwrap_or_default() };
        let (parent, old_kids, new_kids) = match entry {
            Entry::Both { old: i, new: j, .. } => (
                step(new.name, &new.items[j]),
                kids(nest.old_children, i),
                kids(nest.new_children, j),
            ),
            Entry::Old(i) => (
                step(old.name, &old.items[i]),
                kids(nest.old_children, i),
                vec![],
            ),
            Entry::New(j) => (
                step(new.name, &new.items[j]),
                vec![],
                kids(nest.new_children, j),
            ),
        };
        let child = nest.child_name;
        let path = |n: &Node| vec![parent.clone(), step(child, n)];
        let ok: Vec<&str> = old_kids.iter().map(|n| n.key.as_str()).collect();
        let nk: Vec<&str> = new_kids.iter().map(|n| n.key.as_str()).collect();
        let mut out = Vec::new();
        for kid in order_keyed(&ok, &nk) {
            let change = match kid {
                Entry::Both {
                    old: i,
                    new: j,
                    moved,
                } => {
                    let (a, b) = (&old_kids[i], &new_kids[j]);
                    self.kept(field, path(b), a, b, (i, j, moved), renamed)
                }
                // Moved here from another parent: a move, with edits if any.
                Entry::New(j) if nest.old_child_at.contains_key(new_kids[j].key.as_str()) => {
                    let (p, i) = nest.old_child_at[new_kids[j].key.as_str()];
                    let (a, b) = (&nest.old_children[p][i], &new_kids[j]);
                    Some(Change {
                        anchor: String::new(),
                        kind: ChangeKind::Moved,
                        field: field.to_owned(),
                        path: path(b),
                        moved: Some(Move {
                            from: i + 1,
                            to: j + 1,
                            from_parent: Some(step(old.name, &old.items[p])),
                        }),
                        edits: self.node_edits(a, b),
                        content: Vec::new(),
                    })
                }
                Entry::New(j) => {
                    Some(self.whole(ChangeKind::Added, field, path(&new_kids[j]), &new_kids[j]))
                }
                // Moved to another parent: reported there.
                Entry::Old(i) if nest.new_child_keys.contains(old_kids[i].key.as_str()) => None,
                Entry::Old(i) => {
                    Some(self.whole(ChangeKind::Removed, field, path(&old_kids[i]), &old_kids[i]))
                }
            };
            out.extend(change);
        }
        out
    }

    fn whole(&self, kind: ChangeKind, field: &str, path: Vec<Step>, node: &Node) -> Change {
        Change {
            anchor: String::new(),
            kind,
            field: field.to_owned(),
            path,
            moved: None,
            edits: Vec::new(),
            content: self.node_lines(node),
        }
    }
}

impl Flat {
    /// An empty field of the same shape.
    fn empty_shape(&self) -> Flat {
        match self {
            Flat::Text(_) => Flat::Text(Vals::new()),
            Flat::List(l) => Flat::List(List {
                name: l.name,
                items: Vec::new(),
                children: l.children.as_ref().map(|c| Children {
                    name: c.name,
                    by_parent: Vec::new(),
                }),
            }),
        }
    }
}

/// Whether an attribute or metadata field holds a scalar (a number, a date, a key) that is
/// replaced as a whole rather than compared word by word: "2025-03-31" is one value.
/// A keyed item on the way to a change, in list `list`.
fn step(list: &str, n: &Node) -> Step {
    Step {
        list: list.to_owned(),
        key: n.key.clone(),
        label: n.label.clone(),
    }
}

/// The children of a list's items on both sides (actions may move between focus areas):
/// where every old child was and which keys the new side has.
struct Nesting<'l> {
    child_name: &'static str,
    old_children: &'l [Vec<Node>],
    new_children: &'l [Vec<Node>],
    old_child_at: HashMap<&'l str, (usize, usize)>,
    new_child_keys: HashSet<&'l str>,
}

impl<'l> Nesting<'l> {
    fn of(old: &'l List, new: &'l List) -> Self {
        let old_children = old.children.as_ref().map_or(&[][..], |c| &c.by_parent[..]);
        let new_children = new.children.as_ref().map_or(&[][..], |c| &c.by_parent[..]);
        let child_name = new
            .children
            .as_ref()
            .or(old.children.as_ref())
            .map_or("", |c| c.name);
        let old_child_at = old_children
            .iter()
            .enumerate()
            .flat_map(|(p, kids)| {
                kids.iter()
                    .enumerate()
                    .map(move |(i, k)| (k.key.as_str(), (p, i)))
            })
            .collect();
        let new_child_keys = new_children
            .iter()
            .flatten()
            .map(|k| k.key.as_str())
            .collect();
        Nesting {
            child_name,
            old_children,
            new_children,
            old_child_at,
            new_child_keys,
        }
    }
}

/// All the text of an item, for telling a renamed item from a new one.
fn node_text(node: &Node) -> String {
    let mut out = String::new();
    for (_, vals) in &node.attrs {
        for v in vals.values() {
            out.push_str(v);
            out.push(' ');
        }
    }
    out
}

/// How alike two items' texts are, 0.0 to 1.0 (word diff ratio).
fn likeness(a: &Node, b: &Node) -> f32 {
    let (a, b) = (node_text(a), node_text(b));
    if a.trim().is_empty() && b.trim().is_empty() {
        return 0.0;
    }
    TextDiff::from_words(a.as_str(), b.as_str()).ratio()
}

/// Pairs items only in `old` with items only in `new` whose content is at least 80 % alike
/// (best pairs first): renamed ids. Returns `new` with those items (and children) under their
/// old ids, and the renames as old id → new id.
fn with_renames(old: &List, new: &List) -> (List, HashMap<String, String>) {
    let mut renamed = HashMap::new();
    let mut out = new.clone();
    let pair = |olds: &[&Node], news: &[&Node], renamed: &mut HashMap<String, String>| {
        let old_keys: HashSet<&str> = olds.iter().map(|n| n.key.as_str()).collect();
        let new_keys: HashSet<&str> = news.iter().map(|n| n.key.as_str()).collect();
        let gone: Vec<&Node> = olds
            .iter()
            .copied()
            .filter(|n| !new_keys.contains(n.key.as_str()))
            .collect();
        let came: Vec<&Node> = news
            .iter()
            .copied()
            .filter(|n| !old_keys.contains(n.key.as_str()))
            .collect();
        let mut candidates: Vec<(f32, &Node, &Node)> = gone
            .iter()
            .flat_map(|a| came.iter().map(move |b| (likeness(a, b), *a, *b)))
            .filter(|(score, _, _)| *score >= 0.8)
            .collect();
        candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.key.cmp(&y.1.key)));
        let mut used: HashSet<String> = HashSet::new();
        for (_, a, b) in candidates {
            if used.contains(&a.key) || used.contains(&b.key) {
                continue;
            }
            used.insert(a.key.clone());
            used.insert(b.key.clone());
            renamed.insert(a.key.clone(), b.key.clone());
        }
    };
    let olds: Vec<&Node> = old.items.iter().collect();
    let news: Vec<&Node> = new.items.iter().collect();
    pair(&olds, &news, &mut renamed);
    if let (Some(oc), Some(nc)) = (&old.children, &new.children) {
        let olds: Vec<&Node> = oc.by_parent.iter().flatten().collect();
        let news: Vec<&Node> = nc.by_parent.iter().flatten().collect();
        pair(&olds, &news, &mut renamed);
    }
    let back: HashMap<&String, &String> = renamed.iter().map(|(o, n)| (n, o)).collect();
    let rekey = |node: &mut Node| {
        if let Some(old_key) = back.get(&node.key) {
            node.key = (*old_key).clone();
        }
    };
    out.items.iter_mut().for_each(rekey);
    if let Some(children) = &mut out.children {
        children.by_parent.iter_mut().flatten().for_each(rekey);
    }
    (out, renamed)
}

fn is_atomic(name: &str) -> bool {
    crate::items::is_atomic_key(name)
        || matches!(
            name,
            "version"
                | "status"
                | "date"
                | "validity"
                | "population"
                | "population_year"
                | "languages"
                | "example"
        )
}

/// A scalar replaced whole.
fn atomic_diff(old: &str, new: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    push(&mut out, Segment::Delete(old.to_owned()));
    push(&mut out, Segment::Insert(new.to_owned()));
    out
}

/// The old text of a word diff: its kept and deleted runs.
pub fn old_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Equal(t) | Segment::Delete(t) => Some(t.as_str()),
            Segment::Insert(_) => None,
        })
        .collect()
}

/// The new text of a word diff: its kept and inserted runs.
pub fn new_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Equal(t) | Segment::Insert(t) => Some(t.as_str()),
            Segment::Delete(_) => None,
        })
        .collect()
}

/// A value that is the same in every language.
fn plain(s: String) -> Vals {
    let mut v = Vals::new();
    if !s.is_empty() {
        v.insert(String::new(), s);
    }
    v
}

/// Gives duplicate keys (two approvals by the same body on the same day) a running suffix so
/// every key is unique.
fn keyed(mut nodes: Vec<Node>) -> Vec<Node> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for node in &mut nodes {
        let n = seen.entry(node.key.clone()).or_default();
        *n += 1;
        if *n > 1 {
            node.key = format!("{} #{n}", node.key);
        }
    }
    nodes
}

/// The first words of a text, at most about 60 characters, on one line.
fn short_label(text: &str) -> String {
    const MAX: usize = 60;
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX {
        return flat;
    }
    let mut out = String::new();
    for word in flat.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = flat.chars().take(MAX).collect();
    }
    out.push('…');
    out
}

/// How an item of two keyed lists lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// Only in the old list, at this index.
    Old(usize),
    /// Only in the new list, at this index.
    New(usize),
    /// In both; `moved` when it is not in the longest run of items kept in order.
    Both { old: usize, new: usize, moved: bool },
}

/// Lines up two lists of unique keys: items in the new order, each removed item after the
/// kept item that preceded it. Of the items in both, the fewest possible count as moved:
/// those outside a longest common subsequence of the two orders.
fn order_keyed(old: &[&str], new: &[&str]) -> Vec<Entry> {
    let old_at: HashMap<&str, usize> = old.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let new_at: HashMap<&str, usize> = new.iter().enumerate().map(|(j, k)| (*k, j)).collect();
    let common_old: Vec<&str> = old
        .iter()
        .copied()
        .filter(|k| new_at.contains_key(k))
        .collect();
    let common_new: Vec<&str> = new
        .iter()
        .copied()
        .filter(|k| old_at.contains_key(k))
        .collect();
    let kept = lcs(&common_old, &common_new);

    let mut keyed: Vec<((i64, usize), Entry)> = Vec::new();
    for (j, key) in new.iter().enumerate() {
        let entry = match old_at.get(key) {
            Some(&i) => Entry::Both {
                old: i,
                new: j,
                moved: !kept.contains(key),
            },
            None => Entry::New(j),
        };
        keyed.push(((j as i64, 0), entry));
    }
    for (i, key) in old.iter().enumerate() {
        if new_at.contains_key(key) {
            continue;
        }
        let before = old[..i]
            .iter()
            .rev()
            .find_map(|k| new_at.get(k))
            .map_or(-1, |&j| j as i64);
        keyed.push(((before, 1 + i), Entry::Old(i)));
    }
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, e)| e).collect()
}

/// The keys of a longest common subsequence of `a` and `b`.
fn lcs<'k>(a: &[&'k str], b: &[&str]) -> HashSet<&'k str> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let mut kept = HashSet::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            kept.insert(a[i]);
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}

/// Compares two texts word by word (Unicode word boundaries, so a comma added after a word
/// is a comma inserted, not the word replaced). Runs of whitespace between changed words join
/// the change, so a rewritten phrase reads as one deletion and one insertion rather than word
/// salad.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_unicode_words(old, new);
    let mut raw: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let (tag, value) = (change.tag(), change.value());
        match raw.last_mut() {
            Some((t, s)) if *t == tag => s.push_str(value),
            _ => raw.push((tag, value.to_owned())),
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut k = 0;
    while k < raw.len() {
        if raw[k].0 == ChangeTag::Equal {
            push(&mut out, Segment::Equal(raw[k].1.clone()));
            k += 1;
            continue;
        }
        // A region: changes, and whitespace-only equal runs between them.
        let mut end = k;
        let mut last_change = k;
        while end < raw.len() {
            let (tag, text) = &raw[end];
            if *tag != ChangeTag::Equal {
                last_change = end;
            } else if !text.trim().is_empty() {
                break;
            }
            end += 1;
        }
        let region = &raw[k..=last_change];
        let has_del = region.iter().any(|(t, _)| *t == ChangeTag::Delete);
        let has_ins = region.iter().any(|(t, _)| *t == ChangeTag::Insert);
        if has_del && has_ins {
            replaced(&mut out, region);
        } else {
            for (tag, text) in region {
                push(
                    &mut out,
                    match tag {
                        ChangeTag::Delete => Segment::Delete(text.clone()),
                        ChangeTag::Insert => Segment::Insert(text.clone()),
                        ChangeTag::Equal => Segment::Equal(text.clone()),
                    },
                );
            }
        }
        k = last_change + 1;
    }
    whole_rewrites(out)
}

/// A stretch between the paragraph breaks both texts keep in which less than a third of the
/// words stayed (a passage rewritten or translated) reads as the old passage deleted and the
/// new one inserted, not as words of the two interleaved.
fn whole_rewrites(segments: Vec<Segment>) -> Vec<Segment> {
    fn letters(t: &str) -> usize {
        t.chars().filter(|c| c.is_alphanumeric()).count()
    }
    fn flush(chunk: &mut Vec<Segment>, out: &mut Vec<Segment>) {
        if chunk.iter().all(|s| matches!(s, Segment::Equal(_))) {
            // Nothing changed here: no texts to build.
            for seg in chunk.drain(..) {
                push(out, seg);
            }
            return;
        }
        let (old, new) = (old_text(chunk), new_text(chunk));
        let kept: usize = chunk
            .iter()
            .map(|s| match s {
                Segment::Equal(t) => letters(t),
                _ => 0,
            })
            .sum();
        let rewritten =
            letters(&old) > 0 && letters(&new) > 0 && kept * 3 < letters(&old).max(letters(&new));
        if rewritten && (old.contains('\n') || new.contains('\n')) {
            // Several blocks: the old ones whole (their "## " and "- " included), then the
            // new ones.
            push(out, Segment::Delete(old));
            push(out, Segment::Insert(new));
            chunk.clear();
        } else if rewritten {
            // One line: what it starts and ends with that is no word ("## ", "- ", a full
            // stop) stays, so a heading stays one heading.
            let lead = chunk
                .iter()
                .take_while(|s| matches!(s, Segment::Equal(t) if letters(t) == 0))
                .count();
            let trail = chunk[lead..]
                .iter()
                .rev()
                .take_while(|s| matches!(s, Segment::Equal(t) if letters(t) == 0))
                .count();
            let middle = &chunk[lead..chunk.len() - trail];
            for seg in &chunk[..lead] {
                push(out, seg.clone());
            }
            push(out, Segment::Delete(old_text(middle)));
            push(out, Segment::Insert(new_text(middle)));
            for seg in &chunk[chunk.len() - trail..] {
                push(out, seg.clone());
            }
            chunk.clear();
        } else {
            for seg in chunk.drain(..) {
                push(out, seg);
            }
        }
    }
    let mut out = Vec::new();
    let mut chunk = Vec::new();
    for seg in segments {
        match seg {
            // Kept text with a paragraph break: what precedes its first blank line ends the
            // stretch before, what follows its last one (a heading's "## ") starts the next.
            Segment::Equal(t) if t.contains("\n\n") => {
                let first = t.find("\n\n").unwrap_or(0);
                let last = t.rfind("\n\n").map_or(t.len(), |at| at + 2);
                if first > 0 {
                    chunk.push(Segment::Equal(t[..first].to_owned()));
                }
                flush(&mut chunk, &mut out);
                push(&mut out, Segment::Equal(t[first..last].to_owned()));
                if last < t.len() {
                    chunk.push(Segment::Equal(t[last..].to_owned()));
                }
            }
            seg => chunk.push(seg),
        }
    }
    flush(&mut chunk, &mut out);
    out
}

/// A region with both deletions and insertions as one replacement: its old text deleted,
/// its new text inserted, whitespace both sides start or end with kept.
fn replaced(out: &mut Vec<Segment>, region: &[(ChangeTag, String)]) {
    let mut del = String::new();
    let mut ins = String::new();
    for (tag, text) in region {
        match tag {
            ChangeTag::Delete => del.push_str(text),
            ChangeTag::Insert => ins.push_str(text),
            ChangeTag::Equal => {
                del.push_str(text);
                ins.push_str(text);
            }
        }
    }
    let lead = common_ws(del.chars(), ins.chars());
    let trail = common_ws(del.chars().rev(), ins.chars().rev());
    let lead_bytes: usize = del.chars().take(lead).map(char::len_utf8).sum();
    let lead_ins: usize = ins.chars().take(lead).map(char::len_utf8).sum();
    if lead > 0 {
        push(out, Segment::Equal(del[..lead_bytes].to_owned()));
    }
    let (del_rest, ins_rest) = (&del[lead_bytes..], &ins[lead_ins..]);
    let trail = trail
        .min(del_rest.chars().count())
        .min(ins_rest.chars().count());
    let cut = |s: &str| -> usize {
        s.len()
            - s.chars()
                .rev()
                .take(trail)
                .map(char::len_utf8)
                .sum::<usize>()
    };
    let (dc, ic) = (cut(del_rest), cut(ins_rest));
    push(out, Segment::Delete(del_rest[..dc].to_owned()));
    push(out, Segment::Insert(ins_rest[..ic].to_owned()));
    if dc < del_rest.len() {
        push(out, Segment::Equal(del_rest[dc..].to_owned()));
    }
}

/// How many leading characters two sequences share that are whitespace.
fn common_ws(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b)
        .take_while(|(x, y)| x == y && x.is_whitespace())
        .count()
}

/// Appends a segment, merging it with the last one of the same kind and dropping empty ones.
pub(crate) fn push(out: &mut Vec<Segment>, seg: Segment) {
    let text_of = |s: &Segment| match s {
        Segment::Equal(t) | Segment::Delete(t) | Segment::Insert(t) => t.is_empty(),
    };
    if text_of(&seg) {
        return;
    }
    match (out.last_mut(), seg) {
        (Some(Segment::Equal(a)), Segment::Equal(b))
        | (Some(Segment::Delete(a)), Segment::Delete(b))
        | (Some(Segment::Insert(a)), Segment::Insert(b)) => a.push_str(&b),
        (_, seg) => out.push(seg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(entries: &[Entry], old: &[&str], new: &[&str]) -> Vec<String> {
        entries
            .iter()
            .map(|e| match *e {
                Entry::Old(i) => format!("-{}", old[i]),
                Entry::New(j) => format!("+{}", new[j]),
                Entry::Both { new: j, moved, .. } => {
                    format!("{}{}", if moved { "~" } else { "=" }, new[j])
                }
            })
            .collect()
    }

    #[test]
    fn a_renamed_id_is_a_change_not_a_removal_and_an_addition() {
        let node = |key: &str, role: &str| Node {
            key: key.to_owned(),
            label: role.to_owned(),
            attrs: vec![(
                "role",
                [(String::new(), role.to_owned())].into_iter().collect(),
            )],
        };
        let list = |items: Vec<Node>| List {
            name: "members",
            items,
            children: None,
        };
        let old = list(vec![
            node("a", "Johtava sosiaalityöntekijä, aikuissosiaalityö"),
            node("b", "Sihteeri"),
        ]);
        let new = list(vec![
            node("a", "Johtava sosiaalityöntekijä, aikuissosiaalityö"),
            node("c", "Kokemusasiantuntija"),
        ]);
        let renamed = list(vec![
            node("aa", "Johtava sosiaalityöntekijä, aikuissosiaalityö"),
            node("b", "Sihteeri"),
        ]);
        let (_, map) = with_renames(&old, &renamed);
        assert_eq!(map.get("a").map(String::as_str), Some("aa"));
        let (_, map) = with_renames(&old, &new);
        assert!(map.is_empty(), "unlike items are not a rename: {map:?}");
    }

    #[test]
    fn a_swap_is_one_move_and_insertions_move_nothing() {
        // Of two equally small answers, the earlier item stays and the later one moves.
        let (old, new) = (["a", "b", "c", "d"], ["a", "c", "b", "x", "d"]);
        let got = keys(&order_keyed(&old, &new), &old, &new);
        assert_eq!(got, ["=a", "=c", "~b", "+x", "=d"]);
        let (old, new) = (["a", "b", "c", "d", "e"], ["b", "c", "d", "e", "a"]);
        let got = keys(&order_keyed(&old, &new), &old, &new);
        assert_eq!(got, ["=b", "=c", "=d", "=e", "~a"]);
    }

    #[test]
    fn removed_items_stay_where_they_were() {
        let (old, new) = (["a", "b", "c"], ["c", "a"]);
        let got = keys(&order_keyed(&old, &new), &old, &new);
        assert_eq!(got, ["=c", "~a", "-b"]);
        let (old, new) = (["z", "a"], ["a"]);
        assert_eq!(keys(&order_keyed(&old, &new), &old, &new), ["-z", "=a"]);
    }

    #[test]
    fn a_passage_rewritten_whole_is_one_deletion_and_one_insertion() {
        let old = "Intro.\n\n## Kielet ja väestöryhmät\n\nAlue on kaksikielinen, koska Kokkola on.\n\nLoppu.";
        let new = "Intro.\n\n## Språk och befolkningsgrupper\n\nOmrådet är tvåspråkigt, eftersom Karleby är.\n\nLoppu.";
        let segs = word_diff(old, new);
        assert_eq!(old_text(&segs), old);
        assert_eq!(new_text(&segs), new);
        let changed: Vec<_> = segs
            .iter()
            .filter(|s| !matches!(s, Segment::Equal(_)))
            .collect();
        assert_eq!(
            changed,
            [
                &Segment::Delete("## Kielet ja väestöryhmät\n\nAlue on kaksikielinen, koska Kokkola on.".into()),
                &Segment::Insert("## Språk och befolkningsgrupper\n\nOmrådet är tvåspråkigt, eftersom Karleby är.".into()),
            ],
            "{segs:?}"
        );
        // One paragraph rewritten: its words whole, a heading's "## " kept outside.
        let segs = word_diff("## Kielet ja väestö", "## Språk och befolkning");
        assert_eq!(
            segs,
            [
                Segment::Equal("## ".into()),
                Segment::Delete("Kielet ja väestö".into()),
                Segment::Insert("Språk och befolkning".into()),
            ]
        );
        // A word changed in a passage of several lines stays a word.
        let segs = word_diff(
            "Yksi kaksi kolme.\nNeljä viisi.",
            "Yksi kaksi neljä.\nNeljä viisi.",
        );
        assert!(segs.contains(&Segment::Delete("kolme".into())), "{segs:?}");
    }

    #[test]
    fn word_diff_groups_a_rewritten_phrase() {
        let segs = word_diff("kerran vuodessa aina", "kaksi kertaa vuodessa aina");
        assert_eq!(
            segs,
            [
                Segment::Delete("kerran".into()),
                Segment::Insert("kaksi kertaa".into()),
                Segment::Equal(" vuodessa aina".into()),
            ]
        );
        let segs = word_diff("a b c d", "a x y d");
        assert_eq!(
            segs,
            [
                Segment::Equal("a ".into()),
                Segment::Delete("b c".into()),
                Segment::Insert("x y".into()),
                Segment::Equal(" d".into()),
            ]
        );
    }

    #[test]
    fn word_diff_reconstructs_both_texts() {
        let (old, new) = (
            "Yksi kaksi.\n\nKolme neljä viisi.",
            "Yksi kolme.\n\nUusi.\n\nKolme viisi kuusi.",
        );
        let segs = word_diff(old, new);
        assert_eq!(old_text(&segs), old);
        assert_eq!(new_text(&segs), new);
    }

    #[test]
    fn scalars_are_replaced_whole_and_both_texts_come_back() {
        let segs = atomic_diff("2025-03-31", "2026-10-20");
        assert_eq!(
            segs,
            [
                Segment::Delete("2025-03-31".into()),
                Segment::Insert("2026-10-20".into())
            ]
        );
        assert_eq!(old_text(&segs), "2025-03-31");
        assert_eq!(new_text(&segs), "2026-10-20");
    }

    #[test]
    fn short_labels_cut_at_a_word() {
        let long = "Yhdistetään puolivuotisanalyysissa raportointihavainnot Sotkanetin, väestötutkimusten ja hyvinvointialueen omien asiakastietojen tietoon.";
        let label = short_label(long);
        assert!(
            label.ends_with('…') && label.chars().count() <= 61,
            "{label}"
        );
        assert_eq!(short_label("Tietotyö"), "Tietotyö");
    }
}
