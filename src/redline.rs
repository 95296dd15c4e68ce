//! The redline as a document: a [`ChangeSet`] (pure data from [`crate::diff`]) resolved for
//! one language, as `document` does for the plan. Section titles and captions come from the
//! template, every word from `labels.yaml` (so a county can reword it and a bilingual county
//! gets a Swedish redline too), versions are named as readers know them ("luonnos 1.1"),
//! dates are Finnish, months have names, statuses and decisions are words, and items that
//! refer to others (an action's indicators) show names instead of ids. Markdown is parsed
//! with the changes marked inside it, so lists, emphasis and tables read as in the plan.
//! The plan's metadata (version, status, date, validity, handling, change history) is a
//! summary at the top instead of separate changes. Every renderer (text, JSON, HTML, PDF)
//! draws this document. No I/O.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::diff::{Change, ChangeKind, ChangeSet, Group, GroupKind, Segment, Step};
use crate::items::view::{Val, view};
use crate::items::{FieldSpec, Item, KINDS, Kind, ValueKind};
use crate::markdown::{self, Block, Inline, Mark};
use crate::model::{Date, FieldValue, Plan};
use crate::template::{FieldKind, Template};
use crate::text::{Lang, lower_first, upper_first};

/// What the reader asked to see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Only additions and changes: removed items and deleted words are left out (for bodies
    /// that want the new wording of what changed).
    pub only_changes: bool,
}

/// The redline of one county's plan between two versions, in one language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Redline {
    /// The document's language.
    pub lang: Lang,
    /// County folder name.
    pub slug: String,
    /// The county's name in `lang`.
    pub county: String,
    /// "Muutokset: versio 1.0 → luonnos 1.1".
    pub title: String,
    /// The older side.
    pub from: Side,
    /// The newer side.
    pub to: Side,
    /// The plan's metadata, old and new, changed rows marked.
    pub summary: Vec<MetaRow>,
    /// "5 muutosta 3 osassa." or that the content is the same.
    pub total: String,
    /// Whether the content (everything but the metadata) is the same.
    pub same: bool,
    /// Whether this is the "additions and changes only" variant.
    pub only_changes: bool,
    /// Changed parts of the plan, in document order.
    pub groups: Vec<GroupView>,
    /// The words the layouts need, from `labels.yaml` in `lang`.
    pub labels: BTreeMap<String, String>,
    /// The screen-reader words around insertions and deletions, as CSS (`ins::before` ...).
    pub mark_css: String,
    /// "rakeplan 0.1.0".
    pub generator: String,
    /// Links to the pages around this one, outermost first (on the intranet site: the
    /// site, the county, the version); empty for a page that stands alone.
    pub nav: Vec<NavLink>,
}

/// A link of the breadcrumb trail.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NavLink {
    /// Relative address.
    pub href: String,
    /// Link text.
    pub text: String,
}

/// One side of the comparison, as a reader names it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Side {
    /// The version number.
    pub version: String,
    /// The status key (`draft`, `approved` ...).
    pub status: String,
    /// "luonnos 1.1", "versio 1.0".
    pub name: String,
    /// The status in words.
    pub status_label: String,
    /// The version's date, Finnish style (1.12.2026).
    pub date: String,
    /// The side in one line for the reader: "luonnos 1.1, 4.12.2026" (a draft's name says
    /// its status already), "versio 1.0, hyväksytty, 1.4.2025".
    pub line: String,
}

impl Side {
    /// Writes [`Side::line`] from the name, status and date.
    fn set_line(&mut self) {
        let status = self.status_label.to_lowercase();
        self.line = if self.name.to_lowercase().contains(&status) {
            format!("{}, {}", self.name, self.date)
        } else {
            format!("{}, {status}, {}", self.name, self.date)
        };
    }
}

/// A row of the metadata summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetaRow {
    /// "Versio", "Käsittely".
    pub label: String,
    /// The older value, a line each (handling lists one decision per line).
    pub old: Vec<String>,
    /// The newer value.
    pub new: Vec<String>,
    /// Whether the two differ.
    pub changed: bool,
    /// Whether the older value is the older version's history, not replaced by the newer
    /// (a draft not handled yet keeps the decisions on the approved version).
    #[serde(default)]
    pub history: bool,
}

/// The changes in one part of the plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupView {
    /// Section id, or `region`.
    pub id: String,
    /// Anchor for links (`osa-goals`).
    pub anchor: String,
    /// "3 Tavoitteet".
    pub heading: String,
    /// "1 lisätty, 2 muutettu".
    pub counts: String,
    /// "Koko osa lisätty" when the whole section came or went.
    pub whole: Option<String>,
    /// The changes.
    pub changes: Vec<ChangeView>,
}

/// One change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeView {
    /// Anchor for links (`muutos-3`).
    pub anchor: String,
    /// What happened.
    pub kind: ChangeKind,
    /// The field of the section the change is in (`text`, `members`).
    pub field: String,
    /// The id of the item changed (for machines; `key` is what readers see).
    pub item: Option<String>,
    /// "Lisätty", "Siirretty ja muutettu".
    pub label: String,
    /// What it is about: "Painopistealueet › Tietotyö › Laaditaan …".
    pub title: String,
    /// The item's own id when it says more than its name.
    pub key: Option<String>,
    /// A move, or that only another language's text changed.
    pub note: Option<String>,
    /// The values, changed or added or removed.
    pub fields: Vec<FieldView>,
}

/// One attribute of a change (or the field's own text, with an empty label).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FieldView {
    /// Caption; empty for the field's own text.
    pub label: String,
    /// The text's language when it is not the document's (a bilingual plan's other text).
    pub lang: Option<Lang>,
    /// The language of the deleted runs when it is not the document's (a Finnish text the
    /// Swedish edition showed before it was translated): pages tag them with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub del_lang: Option<Lang>,
    /// The language of the inserted runs when it is not the document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ins_lang: Option<Lang>,
    /// The value as Markdown blocks with insertions and deletions marked, unchanged
    /// stretches of a long text left out.
    pub parts: Vec<Part>,
}

/// Blocks of a value, or a note that unchanged blocks were left out.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Part {
    /// Blocks shown.
    Blocks {
        /// The blocks.
        blocks: Vec<Block>,
    },
    /// Blocks without a change, left out.
    Elided {
        /// "[2 muuttumatonta kappaletta jätetty pois]".
        text: String,
    },
    /// A note on the block that follows: its formatting changed (a word made bold, a table
    /// column aligned), which marks in the text cannot show.
    Note {
        /// "[Muotoilu muuttunut]".
        text: String,
    },
}

/// The labels' keys this layer and the redline layouts use (checked by a test to exist in
/// `labels.yaml` in every language).
pub const LABEL_KEYS: &[&str] = &[
    "redline_title",
    "redline_older",
    "redline_newer",
    "redline_side_draft",
    "redline_side_proposed",
    "redline_side_approved",
    "redline_side_superseded",
    "redline_summary",
    "redline_plan_info",
    "redline_item",
    "redline_changed_mark",
    "redline_content",
    "redline_changes_one",
    "redline_changes_many",
    "redline_in_parts_one",
    "redline_in_parts_many",
    "redline_same",
    "redline_identical",
    "redline_side_edited",
    "redline_added",
    "redline_removed",
    "redline_changed",
    "redline_moved",
    "redline_moved_changed",
    "redline_count_added",
    "redline_count_removed",
    "redline_count_changed",
    "redline_count_moved",
    "redline_section_added",
    "redline_section_removed",
    "redline_moved_place",
    "redline_moved_parent",
    "redline_content_same",
    "redline_other_language",
    "redline_elided_one",
    "redline_elided_many",
    "redline_format_changed",
    "redline_legend_1",
    "redline_legend_del",
    "redline_legend_2",
    "redline_legend_ins",
    "redline_legend_3",
    "redline_legend_only",
    "redline_ins_start",
    "redline_ins_end",
    "redline_del_start",
    "redline_del_end",
    "redline_skip",
    "redline_back",
    "redline_handling",
    "redline_not_handled",
    "redline_new_history",
    "redline_yes",
    "redline_no",
    "redline_page",
    "redline_made_with",
    "lang_fi",
    "lang_sv",
    "lang_en",
];

/// Resolves `set` (from `old` to `new`) for `lang` with the template and the labels
/// (`labels.yaml` merged with the county's, resolved for `lang`).
pub fn resolve(
    set: &ChangeSet,
    old: &Plan,
    new: &Plan,
    template: &Template,
    labels: &BTreeMap<String, String>,
    lang: &str,
    options: Options,
) -> Redline {
    let cx = Cx {
        template,
        labels,
        lang,
        names: item_names(&[old, new], lang),
        indicators: indicator_names(&[old, new], lang),
        options,
        all_langs: set.languages.len(),
    };
    let from = cx.side(old);
    let mut to = cx.side(new);
    // The same version on both sides, with differences (an approved version's YAML edited
    // since): say so. The same version unchanged is just that version.
    if to.name == from.name && !set.is_empty() {
        to.name = fill(&cx.l("redline_side_edited"), &[("name", &to.name)]);
        to.set_line();
    }
    let groups: Vec<GroupView> = set
        .groups
        .iter()
        .filter(|g| g.kind != GroupKind::Plan)
        .filter_map(|g| cx.group(g))
        .collect();
    let n: usize = groups.iter().map(|g| g.changes.len()).sum();
    let summary = cx.summary(old, new);
    let total = if groups.is_empty() && summary.iter().all(|r| !r.changed) {
        cx.l("redline_identical")
    } else if groups.is_empty() {
        cx.l("redline_same")
    } else {
        let changes = if n == 1 {
            cx.l("redline_changes_one")
        } else {
            fill(&cx.l("redline_changes_many"), &[("n", &n.to_string())])
        };
        let parts = if groups.len() == 1 {
            cx.l("redline_in_parts_one")
        } else {
            fill(
                &cx.l("redline_in_parts_many"),
                &[("n", &groups.len().to_string())],
            )
        };
        format!("{changes} {parts}.")
    };
    let mut used: BTreeMap<String, String> = LABEL_KEYS
        .iter()
        .map(|k| ((*k).to_owned(), cx.l(k)))
        .collect();
    for key in ["county", "breadcrumb", "what_changed"] {
        used.insert(key.into(), cx.l(key));
    }
    Redline {
        lang: lang.to_owned(),
        slug: new.slug.clone(),
        county: new.region.name.get(lang, new.region.main_lang()).to_owned(),
        title: fill(
            &cx.l("redline_title"),
            &[("from", &from.name), ("to", &to.name)],
        ),
        summary,
        from,
        to,
        total,
        same: groups.is_empty(),
        only_changes: options.only_changes,
        groups,
        mark_css: mark_css(labels),
        labels: used,
        generator: format!("rakeplan {}", env!("CARGO_PKG_VERSION")),
        nav: Vec::new(),
    }
}

/// `{name}` placeholders in a label replaced.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

struct Cx<'a> {
    template: &'a Template,
    labels: &'a BTreeMap<String, String>,
    lang: &'a str,
    /// An item's name by the list it is in and its id, both versions (the newer wins).
    names: HashMap<ListItem, String>,
    /// An indicator's name by its id, for references (`None`: two lists have the id).
    indicators: HashMap<String, Option<String>>,
    options: Options,
    all_langs: usize,
}

impl Cx<'_> {
    /// A label, or its key when neither labels.yaml nor the county has it.
    fn l(&self, key: &str) -> String {
        self.labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    fn side(&self, plan: &Plan) -> Side {
        let status = plan.meta.status.as_str();
        let mut side = Side {
            version: plan.meta.version.clone(),
            status: status.to_owned(),
            name: fill(
                &self.l(&format!("redline_side_{status}")),
                &[("version", &plan.meta.version)],
            ),
            status_label: self.l(status),
            date: plan.meta.date.local(),
            line: String::new(),
        };
        side.set_line();
        side
    }

    /// Version, status, date, validity, handling and the change history's new lines.
    fn summary(&self, old: &Plan, new: &Plan) -> Vec<MetaRow> {
        let row = |label: String, old: Vec<String>, new: Vec<String>| MetaRow {
            history: false,
            changed: old != new,
            label,
            old,
            new,
        };
        let one = |s: String| if s.is_empty() { Vec::new() } else { vec![s] };
        let title = |p: &Plan| {
            one(p
                .meta
                .title
                .as_ref()
                .map(|t| t.get(self.lang, p.region.main_lang()).to_owned())
                .unwrap_or_default())
        };
        let validity = |p: &Plan| {
            one(match &p.meta.validity {
                Some(v) => match v.until {
                    Some(until) => format!("{} – {}", v.from.local(), until.local()),
                    None => format!("{} –", v.from.local()),
                },
                None => String::new(),
            })
        };
        let handling = |p: &Plan| -> Vec<String> {
            p.meta
                .approvals
                .iter()
                .map(|a| a.line(self.lang, p.region.main_lang(), self.labels))
                .collect()
        };
        let mut rows = Vec::new();
        let (ot, nt) = (title(old), title(new));
        if ot != nt {
            rows.push(row(self.l("title"), ot, nt));
        }
        rows.push(row(
            self.l("version"),
            vec![old.meta.version.clone()],
            vec![new.meta.version.clone()],
        ));
        rows.push(row(
            self.l("status"),
            vec![lower_first(&self.l(old.meta.status.as_str()))],
            vec![lower_first(&self.l(new.meta.status.as_str()))],
        ));
        rows.push(row(
            self.l("date"),
            vec![old.meta.date.local()],
            vec![new.meta.date.local()],
        ));
        rows.push(row(self.l("validity"), validity(old), validity(new)));
        // A version not handled yet says so; the older version's decisions are its
        // history, not decisions revoked.
        let new_handling = handling(new);
        if new_handling.is_empty() && !handling(old).is_empty() {
            rows.push(MetaRow {
                history: true,
                ..row(
                    self.l("redline_handling"),
                    handling(old),
                    vec![self.l("redline_not_handled")],
                )
            });
        } else {
            rows.push(row(self.l("redline_handling"), handling(old), new_handling));
        }
        // The change history: the lines the newer version has that the older had not.
        let line = |p: &Plan, c: &crate::items::ChangeEntry| {
            format!(
                "{} ({}): {}",
                c.version,
                c.date.local(),
                c.summary.get(self.lang, p.region.main_lang())
            )
        };
        let old_lines: Vec<String> = old.meta.changelog.iter().map(|c| line(old, c)).collect();
        let added: Vec<String> = new
            .meta
            .changelog
            .iter()
            .map(|c| line(new, c))
            .filter(|l| !old_lines.contains(l))
            .collect();
        if !added.is_empty() {
            rows.push(row(self.l("redline_new_history"), Vec::new(), added));
        }
        rows
    }

    fn group(&self, group: &Group) -> Option<GroupView> {
        let def = self
            .template
            .section(&group.id)
            .filter(|_| group.kind == GroupKind::Section);
        let heading = match (group.kind, def) {
            (GroupKind::Section, Some(d)) => {
                format!("{} {}", d.number, d.title.get(self.lang, "fi"))
            }
            (GroupKind::Region, _) => self.l("region_info"),
            _ => group.id.clone(),
        };
        let changes: Vec<ChangeView> = group
            .changes
            .iter()
            .map(|c| self.change(group, c))
            .collect();
        if changes.is_empty() {
            return None;
        }
        let mut counts = Vec::new();
        for (kind, key) in [
            (ChangeKind::Added, "redline_count_added"),
            (ChangeKind::Removed, "redline_count_removed"),
            (ChangeKind::Changed, "redline_count_changed"),
            (ChangeKind::Moved, "redline_count_moved"),
        ] {
            let n = changes.iter().filter(|c| c.kind == kind).count();
            if n > 0 {
                counts.push(fill(&self.l(key), &[("n", &n.to_string())]));
            }
        }
        let whole = match group.state {
            ChangeKind::Added => Some(self.l("redline_section_added")),
            ChangeKind::Removed => Some(self.l("redline_section_removed")),
            _ => None,
        };
        Some(GroupView {
            id: group.id.clone(),
            anchor: format!("osa-{}", group.id),
            heading,
            counts: counts.join(", "),
            whole,
            changes,
        })
    }

    /// The caption of a group's field in `lang`.
    fn field_label(&self, group: &Group, field: &str) -> String {
        let sourced = |kind: FieldKind| {
            self.template
                .sections
                .iter()
                .flat_map(|s| &s.fields)
                .find(|f| f.kind == kind)
                .map(|f| f.label.get(self.lang, "fi").to_owned())
        };
        let found = match group.kind {
            GroupKind::Section => self
                .template
                .section(&group.id)
                .and_then(|d| d.fields.iter().find(|f| f.id == field))
                .map(|f| f.label.get(self.lang, "fi").to_owned()),
            GroupKind::Region if field == "municipalities" => sourced(FieldKind::Municipalities),
            _ => None,
        };
        found.unwrap_or_else(|| self.l(field))
    }

    fn change(&self, group: &Group, change: &Change) -> ChangeView {
        let field_label = self.field_label(group, &change.field);
        let mut title = vec![field_label];
        for (i, step) in change.path.iter().enumerate() {
            if i > 0 {
                title.push(self.l(&step.list));
            }
            title.push(self.step_label(group, &change.field, step));
        }
        let label = self.l(match change.kind {
            ChangeKind::Added => "redline_added",
            ChangeKind::Removed => "redline_removed",
            ChangeKind::Changed => "redline_changed",
            ChangeKind::Moved if change.edits.is_empty() => "redline_moved",
            ChangeKind::Moved => "redline_moved_changed",
        });
        let mut note = change.moved.as_ref().map(|m| {
            let text = match &m.from_parent {
                Some(parent) => fill(
                    &self.l("redline_moved_parent"),
                    &[
                        ("parent", &self.step_label(group, &change.field, parent)),
                        ("from", &m.from.to_string()),
                        ("to", &m.to.to_string()),
                    ],
                ),
                None => fill(
                    &self.l("redline_moved_place"),
                    &[("from", &m.from.to_string()), ("to", &m.to.to_string())],
                ),
            };
            if change.edits.is_empty() {
                format!("{text} {}", self.l("redline_content_same"))
            } else {
                text
            }
        });
        let kind = self.item_kind(change);
        // A Markdown table in the change is captioned by the bold line above it, else by
        // what the change is about.
        let caption = title.join(" › ");
        let mine = |langs: &[Lang]| langs.is_empty() || langs.iter().any(|l| l == self.lang);
        let mut fields = Vec::new();
        let mut elsewhere: Vec<Lang> = Vec::new();
        for edit in &change.edits {
            if !mine(&edit.langs) {
                elsewhere.extend(edit.langs.iter().cloned());
                continue;
            }
            let value = self.value_kind(group, change, kind, &edit.attr);
            let other = |l: &Option<Lang>| l.clone().filter(|l| l != self.lang);
            fields.push(FieldView {
                label: self.attr_label(kind, &edit.attr),
                lang: None,
                del_lang: other(&edit.old_lang),
                ins_lang: other(&edit.new_lang),
                parts: self.parts(&edit.segments, value, true, &caption),
            });
        }
        // With only the changes shown, a removal is named, its text not repeated.
        let removed_quietly = self.options.only_changes && change.kind == ChangeKind::Removed;
        for line in change.content.iter().filter(|_| !removed_quietly) {
            if !mine(&line.langs) {
                elsewhere.extend(line.langs.iter().cloned());
                continue;
            }
            let value = self.value_kind(group, change, kind, &line.attr);
            let segment = match change.kind {
                ChangeKind::Added => Segment::Insert(line.text.clone()),
                _ => Segment::Delete(line.text.clone()),
            };
            let other = line.lang.clone().filter(|l| l != self.lang);
            let added = change.kind == ChangeKind::Added;
            fields.push(FieldView {
                label: self.attr_label(kind, &line.attr),
                lang: None,
                del_lang: if added { None } else { other.clone() },
                ins_lang: if added { other } else { None },
                parts: self.parts(&[segment], value, false, &caption),
            });
        }
        if fields.is_empty() && !elsewhere.is_empty() && self.all_langs > 1 {
            elsewhere.sort();
            elsewhere.dedup();
            let names: Vec<String> = elsewhere
                .iter()
                .map(|l| self.l(&format!("lang_{l}")))
                .collect();
            let text = fill(
                &self.l("redline_other_language"),
                &[("langs", &names.join(", "))],
            );
            note = Some(match note {
                Some(n) => format!("{n} {text}"),
                None => text,
            });
        }
        ChangeView {
            anchor: change.anchor.clone(),
            kind: change.kind,
            field: change.field.clone(),
            item: change.path.last().map(|s| s.key.clone()),
            label,
            title: title.join(" › "),
            key: change
                .path
                .last()
                .filter(|s| s.shows_key())
                .map(|s| s.key.clone()),
            note,
            fields,
        }
    }

    /// An item's name from its own list (section `group`, field `field`): an approval's body
    /// and date, else the label the diff gave.
    fn step_label(&self, group: &Group, field: &str, step: &Step) -> String {
        // An entry of a `facts` field: its caption in the template.
        if step.list == "facts"
            && let Some(entry) = self
                .template
                .section(&group.id)
                .and_then(|s| s.fields.iter().find(|f| f.id == field))
                .and_then(|f| f.entries.iter().find(|e| e.id == step.key))
        {
            return entry.label.get(self.lang, "fi").to_owned();
        }
        kind_of_list(&step.list)
            .and_then(|k| {
                self.names
                    .get(&ListItem::new(&group.id, field, k.name, &step.key))
            })
            .map(|n| short(n))
            .unwrap_or_else(|| {
                // Approvals are keyed "Body 2025-05-20": show the date the Finnish way.
                match step.label.rsplit_once(' ') {
                    Some((body, date)) if Date::parse_iso(date).is_some() => {
                        format!(
                            "{body} {}",
                            Date::parse_iso(date).map(Date::local).unwrap_or_default()
                        )
                    }
                    _ => step.label.clone(),
                }
            })
    }

    /// The item kind a change is about, from the list its last step is in.
    fn item_kind(&self, change: &Change) -> Option<&'static Kind> {
        let list = change.path.last().map(|s| s.list.as_str())?;
        kind_of_list(list)
    }

    fn attr_label(&self, kind: Option<&'static Kind>, attr: &str) -> String {
        if attr.is_empty() {
            return String::new();
        }
        let key = field_spec(kind, attr).map_or(attr, |f| f.label);
        upper_first(&self.l(key))
    }

    /// How a value reads, from the field that holds it.
    fn value_kind(
        &self,
        group: &Group,
        change: &Change,
        kind: Option<&'static Kind>,
        attr: &str,
    ) -> Shown {
        if attr.is_empty() {
            return match (group.kind, change.field.as_str()) {
                (GroupKind::Section, _) if change.path.is_empty() => Shown::Markdown,
                (GroupKind::Region, "languages") => Shown::Languages,
                (GroupKind::Region, "example") => Shown::YesNo,
                (GroupKind::Region, "municipalities") => Shown::Text,
                (GroupKind::Region, "population") => Shown::Number,
                _ => Shown::Text,
            };
        }
        let Some(spec) = field_spec(kind, attr) else {
            return Shown::Text;
        };
        match spec.kind {
            ValueKind::Markdown => Shown::Markdown,
            ValueKind::Months => Shown::Months,
            ValueKind::Date => Shown::Date,
            ValueKind::Refs => Shown::Refs,
            ValueKind::Choice(_) => Shown::Choice,
            ValueKind::Decision => Shown::Decision,
            ValueKind::Flag => Shown::Flag(spec.label),
            ValueKind::Yearly => Shown::Yearly,
            _ => Shown::Text,
        }
    }

    /// A value's segments as blocks, resolved for reading; the headings among the blocks
    /// shown form an outline under the change's own heading, without gaps, whatever was
    /// left out between them.
    fn parts(&self, segments: &[Segment], shown: Shown, elide: bool, caption: &str) -> Vec<Part> {
        let mut parts = self.parts_of(segments, shown, elide);
        for part in &mut parts {
            if let Part::Blocks { blocks } = part {
                caption_tables(blocks, caption, &self.l("table"));
            }
        }
        markdown::outline(
            parts
                .iter_mut()
                .flat_map(|p| match p {
                    Part::Blocks { blocks } => blocks.as_mut_slice(),
                    _ => &mut [],
                })
                .collect(),
        );
        parts
    }

    fn parts_of(&self, segments: &[Segment], shown: Shown, elide: bool) -> Vec<Part> {
        let segments: Vec<Segment> = match shown {
            Shown::Markdown | Shown::Text | Shown::Number => segments.to_vec(),
            _ => self.resolved(segments, shown),
        };
        let segments: Vec<Segment> = if self.options.only_changes {
            segments
                .into_iter()
                .filter(|s| !matches!(s, Segment::Delete(_)))
                .collect()
        } else {
            segments
        };
        let blocks = match shown {
            Shown::Markdown => marked_markdown(&segments),
            _ => plain_blocks(&segments),
        };
        // A block whose words are the same but whose formatting is not (Markdown syntax was
        // the change) has no marks to show: it is shown as it now reads, with a note.
        let older: Vec<Block> = match shown {
            Shown::Markdown => markdown::parse(&crate::diff::old_text(&segments)),
            _ => Vec::new(),
        };
        let reformatted = |block: &Block| {
            matches!(shown, Shown::Markdown)
                && !markdown::has_marks(std::slice::from_ref(block))
                && !older.contains(block)
        };
        // Unchanged blocks of a long text are left out, with a note saying how many.
        let leave_out = elide && blocks.len() >= 2;
        let mut parts: Vec<Part> = Vec::new();
        let mut skipped = 0;
        let flush_skipped = |parts: &mut Vec<Part>, skipped: &mut usize| {
            if *skipped > 0 {
                let text = if *skipped == 1 {
                    self.l("redline_elided_one")
                } else {
                    fill(
                        &self.l("redline_elided_many"),
                        &[("n", &skipped.to_string())],
                    )
                };
                parts.push(Part::Elided { text });
                *skipped = 0;
            }
        };
        for block in blocks {
            let note = reformatted(&block);
            if leave_out && !note && !markdown::has_marks(std::slice::from_ref(&block)) {
                skipped += 1;
                continue;
            }
            flush_skipped(&mut parts, &mut skipped);
            if note {
                parts.push(Part::Note {
                    text: self.l("redline_format_changed"),
                });
            }
            match parts.last_mut() {
                Some(Part::Blocks { blocks }) => blocks.push(block),
                _ => parts.push(Part::Blocks {
                    blocks: vec![block],
                }),
            }
        }
        flush_skipped(&mut parts, &mut skipped);
        if parts.is_empty() {
            parts.push(Part::Blocks { blocks: Vec::new() });
        }
        parts
    }

    /// Scalars (months, dates, choices, flags, references) in words: the old and the new
    /// value each resolved whole, references compared name by name.
    fn resolved(&self, segments: &[Segment], shown: Shown) -> Vec<Segment> {
        let old = crate::diff::old_text(segments);
        let new = crate::diff::new_text(segments);
        if let Shown::Refs = shown {
            let names = |s: &str| -> Vec<String> {
                s.split(',')
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    // References point at indicators (an action's `indicators`).
                    .map(|id| match self.indicators.get(id) {
                        Some(Some(name)) => name.clone(),
                        // Unknown, or two lists have the id: the id, never a wrong name.
                        _ => id.to_owned(),
                    })
                    .collect()
            };
            let (a, b) = (names(&old), names(&new));
            let mut out = Vec::new();
            let sep = |out: &mut Vec<Segment>| {
                if !out.is_empty() {
                    out.push(Segment::Equal("; ".to_owned()));
                }
            };
            for name in &b {
                sep(&mut out);
                if a.contains(name) {
                    out.push(Segment::Equal(name.clone()));
                } else {
                    out.push(Segment::Insert(name.clone()));
                }
            }
            for name in a.iter().filter(|n| !b.contains(n)) {
                sep(&mut out);
                out.push(Segment::Delete(name.clone()));
            }
            return out;
        }
        if let Shown::Yearly = shown {
            return yearly(&old, &new);
        }
        let word = |s: &str| self.scalar(s, shown);
        let (a, b) = (word(&old), word(&new));
        let mut out = Vec::new();
        if a == b {
            out.push(Segment::Equal(b));
            return out;
        }
        if !a.is_empty() {
            out.push(Segment::Delete(a));
        }
        if !b.is_empty() {
            out.push(Segment::Insert(b));
        }
        out
    }

    fn scalar(&self, value: &str, shown: Shown) -> String {
        let value = value.trim();
        if value.is_empty() {
            return String::new();
        }
        match shown {
            Shown::Months => value
                .split('–')
                .map(|m| self.l(&format!("month_{}", m.trim())))
                .collect::<Vec<_>>()
                .join("–"),
            Shown::Date => Date::parse_iso(value).map_or(value.to_owned(), Date::local),
            Shown::Choice => lower_first(&self.l(value)),
            Shown::Decision => match self.labels.get(&format!("decision_{value}")) {
                Some(name) => name.clone(),
                None => lower_first(&self.l(value)),
            },
            Shown::Flag(label) => lower_first(&self.l(label)),
            Shown::YesNo => self.l(if value == "true" {
                "redline_yes"
            } else {
                "redline_no"
            }),
            Shown::Languages => value
                .split(", ")
                .map(|l| self.l(&format!("lang_{l}")))
                .collect::<Vec<_>>()
                .join(", "),
            Shown::Markdown | Shown::Text | Shown::Number | Shown::Refs | Shown::Yearly => {
                value.to_owned()
            }
        }
    }
}

/// How a value is shown.
#[derive(Debug, Clone, Copy)]
enum Shown {
    Markdown,
    Text,
    Number,
    Months,
    Date,
    Refs,
    Choice,
    /// One of the template's decision kinds, by its name.
    Decision,
    Flag(&'static str),
    YesNo,
    Yearly,
    Languages,
}

/// Measured values by year ("2024: 41; 2025: 77", as `numbers::format_values` writes them)
/// compared year by year: a kept year as it is, a changed one with its old and new number,
/// an added or removed one whole.
fn yearly(old: &str, new: &str) -> Vec<Segment> {
    let parse = |s: &str| -> BTreeMap<String, String> {
        s.split("; ")
            .filter_map(|pair| pair.split_once(": "))
            .map(|(y, v)| (y.trim().to_owned(), v.trim().to_owned()))
            .collect()
    };
    let (a, b) = (parse(old), parse(new));
    let mut years: Vec<&String> = a.keys().chain(b.keys()).collect();
    years.sort();
    years.dedup();
    let mut out = Vec::new();
    for year in years {
        if !out.is_empty() {
            out.push(Segment::Equal("; ".to_owned()));
        }
        match (a.get(year), b.get(year)) {
            (Some(x), Some(y)) if x == y => out.push(Segment::Equal(format!("{year}: {y}"))),
            (Some(x), Some(y)) => {
                out.push(Segment::Equal(format!("{year}: ")));
                out.push(Segment::Delete(x.clone()));
                out.push(Segment::Insert(y.clone()));
            }
            (Some(x), None) => out.push(Segment::Delete(format!("{year}: {x}"))),
            (None, Some(y)) => out.push(Segment::Insert(format!("{year}: {y}"))),
            (None, None) => {}
        }
    }
    out
}

/// The field `attr` of the item `kind`, or of whichever kind has it when the kind is unknown.
fn field_spec(kind: Option<&'static Kind>, attr: &str) -> Option<&'static FieldSpec> {
    kind.and_then(|k| k.field(attr))
        .or_else(|| KINDS.iter().find_map(|k| k.field(attr)))
}

/// The item kind of a list as the diff names it.
fn kind_of_list(list: &str) -> Option<&'static Kind> {
    crate::items::kind(match list {
        "members" => "member",
        "events" => "event",
        "areas" => "area",
        "actions" => "action",
        "indicators" => "indicator",
        "partners" => "partner",
        "approvals" => "approval",
        "changelog" => "change",
        _ => return None,
    })
}

/// Where an item is: the section and field of its list, its kind and its id. Ids are unique
/// within their list only (a working group and a steering group may both have J1), so an
/// item is known by all four.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ListItem {
    section: String,
    field: String,
    kind: &'static str,
    id: String,
}

impl ListItem {
    fn new(section: &str, field: &str, kind: &'static str, id: &str) -> Self {
        ListItem {
            section: section.to_owned(),
            field: field.to_owned(),
            kind,
            id: id.to_owned(),
        }
    }
}

/// An item's name as its kind's title field gives it in `lang`.
fn item_name<T: Item>(item: &T, lang: &str, main: &str) -> Option<String> {
    view(item)
        .into_iter()
        .find(|(f, _)| f.key == T::KIND.title)
        .and_then(|(_, v)| match v {
            Val::Text(t) => Some(t.get(lang, main).to_owned()),
            Val::Str(s) => Some(s),
            _ => None,
        })
        .filter(|n| !n.trim().is_empty())
}

/// Every item with an id, by the list it is in and its id, named in `lang` (the later plans
/// win).
fn item_names(plans: &[&Plan], lang: &str) -> HashMap<ListItem, String> {
    fn add<T: Item>(
        out: &mut HashMap<ListItem, String>,
        at: (&str, &str),
        items: &[T],
        lang: &str,
        main: &str,
    ) {
        for item in items {
            if let Some(name) = item_name(item, lang, main) {
                out.insert(ListItem::new(at.0, at.1, T::KIND.name, &item.key()), name);
            }
        }
    }
    let mut out = HashMap::new();
    for plan in plans {
        let main = plan.region.main_lang();
        for section in &plan.sections {
            for field in &section.fields {
                let at = (section.id.as_str(), field.id.as_str());
                match &field.value {
                    FieldValue::Markdown(_) | FieldValue::Facts(_) => {}
                    FieldValue::Members(v) => add(&mut out, at, v, lang, main),
                    FieldValue::Cycle(v) => add(&mut out, at, v, lang, main),
                    FieldValue::Indicators(v) => add(&mut out, at, v, lang, main),
                    FieldValue::Partners(v) => add(&mut out, at, v, lang, main),
                    FieldValue::FocusAreas(areas) => {
                        add(&mut out, at, areas, lang, main);
                        // Action ids are unique across the field's focus areas (an action
                        // may move from one area to another).
                        for area in areas {
                            add(&mut out, at, &area.actions, lang, main);
                        }
                    }
                }
            }
        }
    }
    out
}

/// Every indicator's name by its id, for the references actions make (the later plans win).
/// An id that two indicator lists of one plan share names no indicator (`None`): a
/// reference to it is shown as the id, never with another list's name.
fn indicator_names(plans: &[&Plan], lang: &str) -> HashMap<String, Option<String>> {
    let mut out = HashMap::new();
    for plan in plans {
        let main = plan.region.main_lang();
        for (id, names) in crate::model::indicators_by_id(plan) {
            let name = match names.as_slice() {
                [one] => item_name(*one, lang, main),
                _ => None,
            };
            out.insert(id.to_owned(), name);
        }
    }
    out
}

/// Gives every table among `blocks` a caption: the bold line just above it (which stays, as
/// its marks may be a change), else `fallback`.
fn caption_tables(blocks: &mut [Block], fallback: &str, word: &str) {
    for i in 0..blocks.len() {
        if !matches!(blocks[i], Block::Table { .. }) {
            continue;
        }
        let above = match i.checked_sub(1).map(|p| &blocks[p]) {
            Some(Block::Paragraph { inlines }) => match inlines.as_slice() {
                [Inline::Strong { children }] => Some(markdown::plain_text(&[Block::Paragraph {
                    inlines: children.clone(),
                }])),
                _ => None,
            },
            _ => None,
        };
        if let Block::Table {
            caption,
            supplement,
            ..
        } = &mut blocks[i]
        {
            let text = above.unwrap_or_else(|| fallback.to_owned());
            *caption = Some(text.trim().trim_end_matches(':').trim().to_owned());
            *supplement = Some(word.to_owned());
        }
    }
}

/// A word diff of Markdown source as blocks: the older and newer text merged, the runs
/// deleted and inserted marked, then parsed once.
pub(crate) fn marked_markdown(segments: &[Segment]) -> Vec<Block> {
    let mut src = String::new();
    let mut marks: Vec<(std::ops::Range<usize>, Mark)> = Vec::new();
    for seg in segments {
        // A passage of several lines replaced whole: the new one starts its own block
        // instead of running on from the old one's last line.
        if let Segment::Insert(t) = seg
            && matches!(marks.last(), Some((r, Mark::Del))
                if r.end == src.len() && (src[r.clone()].contains('\n') || t.contains('\n')))
        {
            src.push_str("\n\n");
        }
        let (text, mark) = match seg {
            Segment::Equal(t) => (t, None),
            // Deleted Markdown syntax (a "**", a table's alignment row) would, kept beside
            // its replacement, make a structure neither version has: the newer one is shown,
            // with a note that its formatting changed.
            Segment::Delete(t) if is_markup(t) => continue,
            Segment::Delete(t) => (t, Some(Mark::Del)),
            Segment::Insert(t) => (t, Some(Mark::Ins)),
        };
        let start = src.len();
        src.push_str(text);
        if let Some(mark) = mark {
            marks.push((start..src.len(), mark));
        }
    }
    markdown::parse_marked(&src, &marks)
}

/// Whether `text` is Markdown syntax and nothing else: emphasis marks, table pipes and
/// alignment rows, heading and quote marks, code fences. A lone hyphen or colon is a word's.
fn is_markup(text: &str) -> bool {
    let syntax = |c: char| "*_|:-#>`~".contains(c) || c.is_whitespace();
    text.chars().all(syntax)
        && (text.chars().any(|c| "*_|#>`~".contains(c)) || text.matches('-').count() >= 3)
}

/// Plain text as paragraphs (at blank lines), line breaks kept, changes marked.
fn plain_blocks(segments: &[Segment]) -> Vec<Block> {
    let mut out = Vec::new();
    for segments in crate::diff::paragraphs(segments) {
        let mut inlines = Vec::new();
        for seg in &segments {
            let (text, mark) = match seg {
                Segment::Equal(t) => (t, None),
                Segment::Delete(t) => (t, Some(Mark::Del)),
                Segment::Insert(t) => (t, Some(Mark::Ins)),
            };
            let text = text.trim_matches('\n');
            let mut pieces = Vec::new();
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    pieces.push(Inline::Break);
                }
                if !line.is_empty() {
                    pieces.push(Inline::Text {
                        text: line.to_owned(),
                    });
                }
            }
            match mark {
                None => inlines.extend(pieces),
                Some(mark) => {
                    // Spaces at the edges of a change stay outside the mark.
                    let lead = text.len() - text.trim_start().len();
                    if lead > 0 {
                        inlines.push(Inline::Text { text: " ".into() });
                    }
                    let children = trim_inlines(pieces);
                    if !children.is_empty() {
                        if matches!(inlines.last(), Some(Inline::Del { .. })) && mark == Mark::Ins {
                            inlines.push(Inline::Text { text: " ".into() });
                        }
                        inlines.push(match mark {
                            Mark::Ins => Inline::Ins { children },
                            Mark::Del => Inline::Del { children },
                        });
                    }
                    if text.len() > text.trim_end().len() && !text.trim().is_empty() {
                        inlines.push(Inline::Text { text: " ".into() });
                    }
                }
            }
        }
        if !inlines.is_empty() {
            out.push(Block::Paragraph { inlines });
        }
    }
    out
}

/// Inline text with the spaces at its two ends removed.
fn trim_inlines(mut pieces: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = pieces.first_mut() {
        *text = text.trim_start().to_owned();
    }
    if let Some(Inline::Text { text }) = pieces.last_mut() {
        *text = text.trim_end().to_owned();
    }
    pieces.retain(|p| !matches!(p, Inline::Text { text } if text.is_empty()));
    pieces
}

/// CSS that makes screen readers announce where an insertion or deletion starts and ends,
/// in the document's language. Label text is escaped as CSS string characters.
fn mark_css(labels: &BTreeMap<String, String>) -> String {
    let css = |key: &str| {
        let text = labels.get(key).map(String::as_str).unwrap_or(key);
        let mut out = String::from("\" [");
        for c in text.chars() {
            if c.is_alphanumeric() || c == ' ' {
                out.push(c);
            } else {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
        }
        out.push_str("] \"");
        out
    };
    format!(
        "ins::before {{ content: {}; }}\nins::after {{ content: {}; }}\n\
         del::before {{ content: {}; }}\ndel::after {{ content: {}; }}\n",
        css("redline_ins_start"),
        css("redline_ins_end"),
        css("redline_del_start"),
        css("redline_del_end")
    )
}

/// The first words of a name, at most about 60 characters, on one line.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in &words {
        if !out.is_empty() && out.chars().count() + word.chars().count() + 1 > MAX {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(blocks: &[Block]) -> String {
        serde_json::to_string(blocks).unwrap()
    }

    #[test]
    fn markdown_changes_are_marked_inside_the_structure() {
        let segs = vec![
            Segment::Equal("- **G1** Tieto ".into()),
            Segment::Delete("kulkee".into()),
            Segment::Insert("liikkuu".into()),
            Segment::Equal("\n- **G2** Toinen\n".into()),
            Segment::Insert("- **G3** Uusi\n".into()),
        ];
        let blocks = marked_markdown(&segs);
        let json = text_of(&blocks);
        assert!(!json.contains("**"), "raw Markdown left: {json}");
        let [Block::List { items, .. }] = blocks.as_slice() else {
            panic!("{json}")
        };
        assert_eq!(items.len(), 3, "{json}");
        let mut html = String::new();
        for item in items {
            html.push_str(&crate::markdown::plain_text(item));
        }
        assert!(html.contains("G1 Tieto kulkee liikkuu"), "{html}");
        assert!(json.contains(r#"{"type":"del","children":[{"type":"text","text":"kulkee"}]}"#));
        assert!(json.contains(r#"{"type":"ins","children":[{"type":"strong","children":[{"type":"text","text":"G3"}]}]}"#)
            || json.contains(r#""type":"strong","children":[{"type":"ins","children":[{"type":"text","text":"G3"}]}]"#), "{json}");
    }

    #[test]
    fn a_passage_rewritten_whole_shows_the_old_blocks_then_the_new() {
        let segs = crate::diff::word_diff(
            "## Kielet\n\nAlue on kaksikielinen, koska Kokkola on.",
            "## Språk\n\nOmrådet är tvåspråkigt, eftersom Karleby är.",
        );
        let blocks = marked_markdown(&segs);
        let kinds: Vec<String> = blocks
            .iter()
            .map(|b| {
                let json = serde_json::to_value(b).unwrap();
                let mark = if json.to_string().contains(r#""type":"del""#) {
                    "del"
                } else {
                    "ins"
                };
                format!("{} {mark}", json["type"].as_str().unwrap())
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "heading del",
                "paragraph del",
                "heading ins",
                "paragraph ins"
            ],
            "{}",
            text_of(&blocks)
        );
    }

    #[test]
    fn a_changed_table_cell_is_marked_in_its_cell() {
        let segs = vec![
            Segment::Equal("| a | b |\n|---|---:|\n| x | ".into()),
            Segment::Delete("12".into()),
            Segment::Insert("14".into()),
            Segment::Equal(" |\n".into()),
        ];
        let blocks = marked_markdown(&segs);
        let [Block::Table { rows, align, .. }] = blocks.as_slice() else {
            panic!("{}", text_of(&blocks))
        };
        assert_eq!(align, &["none", "right"]);
        assert_eq!(rows.len(), 1);
        let cell = serde_json::to_string(&rows[0][1]).unwrap();
        assert!(
            cell.contains(r#""type":"del""#) && cell.contains(r#""type":"ins""#),
            "{cell}"
        );
        assert_eq!(
            crate::markdown::plain_text(&[Block::Paragraph {
                inlines: rows[0][1].clone()
            }])
            .trim(),
            "12 14"
        );
    }

    #[test]
    fn every_word_of_the_redline_is_in_labels_yaml_in_three_languages() {
        let labels: BTreeMap<String, BTreeMap<String, String>> =
            serde_saphyr::from_str(include_str!("../plan-template/labels.yaml")).unwrap();
        for key in LABEL_KEYS
            .iter()
            .chain(&["county", "region_info", "approvals", "title"])
        {
            let by_lang = labels.get(*key).unwrap_or_else(|| panic!("{key} missing"));
            for lang in ["fi", "sv", "en"] {
                assert!(
                    by_lang.get(lang).is_some_and(|t| !t.is_empty()),
                    "{key}.{lang}"
                );
            }
        }
        for n in 1..=12 {
            assert!(labels.contains_key(&format!("month_{n}")));
        }
    }

    #[test]
    fn measured_values_compare_year_by_year() {
        let segs = yearly("2024: 41; 2025: 58", "2024: 41; 2025: 60; 2026: 70");
        assert_eq!(
            segs,
            [
                Segment::Equal("2024: 41".into()),
                Segment::Equal("; ".into()),
                Segment::Equal("2025: ".into()),
                Segment::Delete("58".into()),
                Segment::Insert("60".into()),
                Segment::Equal("; ".into()),
                Segment::Insert("2026: 70".into()),
            ]
        );
        assert_eq!(yearly("2023: 5", ""), [Segment::Delete("2023: 5".into())]);
    }

    #[test]
    fn css_strings_cannot_break_out() {
        let mut labels = BTreeMap::new();
        labels.insert(
            "redline_ins_start".to_owned(),
            "a\"; } </style><script>".to_owned(),
        );
        let css = mark_css(&labels);
        assert!(!css.contains("</style>") && css.contains("\\22 "), "{css}");
        // Two quotes per rule, none from the label.
        assert_eq!(css.matches('"').count(), 8, "{css}");
    }
}
