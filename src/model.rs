//! The typed plan: what a county's YAML means once loaded and checked. Serialised as-is into
//! `plan.json`, the normalised snapshot that renderers and diffs read. No I/O here.

use serde::{Deserialize, Serialize};

pub use crate::date::Date;
use crate::diagnostic::Span;
pub use crate::items::{
    Action, Approval, ChangeEntry, CycleEvent, Decision, FocusArea, Indicator, Member, Partner,
    RecordInfo,
};
use crate::text::{Lang, Text};

/// A county's plan: the region, this version's metadata and the sections in template order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    /// Folder name under `regions/`, used in paths and URLs.
    pub slug: String,
    /// The county.
    pub region: Region,
    /// Version, status, date, approvals and change log.
    pub meta: PlanMeta,
    /// Sections in template order; absent optional sections are left out.
    pub sections: Vec<Section>,
    /// Where each text written by language is (when read from YAML in this run).
    #[serde(skip)]
    pub localized: Vec<LocalizedSpans>,
    /// How many of `localized` (the first) are region.yaml's names, which may be given in
    /// any language rakeplan knows (a Finnish county's Swedish name for a Swedish page).
    #[serde(skip)]
    pub region_texts: usize,
    /// Texts (language, text) left behind when their twins in other languages changed
    /// since the last approved version; their editions mark them. Stored in `plan.json` only
    /// when there are any, so that the site's pages mark them too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<(Lang, String)>,
    /// How each earlier version was handled, from its record in the store (set by whoever
    /// has the store at hand: build, serve, publish). The change history shows each
    /// version's own decisions from here, never those in this version's plan.yaml. Not in
    /// `plan.json`: records stay as they were stored.
    #[serde(skip)]
    pub history: Vec<Handled>,
}

/// An earlier version and the decisions taken on it, as its record holds them.
#[derive(Debug, Clone)]
pub struct Handled {
    /// Its version number.
    pub version: String,
    /// Its handling by decision-making bodies.
    pub approvals: Vec<Approval>,
}

pub use crate::yaml::LocalizedSpans;

/// A wellbeing services county, from `region.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Region {
    /// Official name, e.g. "Kainuun hyvinvointialue".
    pub name: Text,
    /// Short name, e.g. "Kainuu".
    pub short_name: Text,
    /// Languages of the county; the first is the main language.
    pub languages: Vec<Lang>,
    /// Number of residents.
    pub population: Option<i64>,
    /// The year the population figure is from.
    pub population_year: Option<i64>,
    /// Municipalities in the county.
    pub municipalities: Vec<Text>,
    /// Regional centre of expertise in social welfare.
    pub centre_of_expertise: Option<Text>,
    /// Whether this is example data (marked as such in every output).
    pub example: bool,
    /// The records metadata every version has unless its plan.yaml says otherwise.
    #[serde(default, skip_serializing_if = "RecordInfo::is_empty")]
    pub record: RecordInfo,
}

impl Region {
    /// The main language (first of `languages`).
    pub fn main_lang(&self) -> &str {
        self.languages.first().map(String::as_str).unwrap_or("fi")
    }
}

/// Metadata of one version of the plan, from `plan.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanMeta {
    /// A title that replaces the template's, if the county needs one.
    pub title: Option<Text>,
    /// Version number such as "1.1".
    pub version: String,
    /// Where the version is in its life.
    pub status: Status,
    /// Date of this version.
    pub date: Date,
    /// Validity period.
    pub validity: Option<Validity>,
    /// Handling by decision-making bodies, in order.
    pub approvals: Vec<Approval>,
    /// Earlier versions and what changed.
    pub changelog: Vec<ChangeEntry>,
    /// The version as a record: publicity, personal data, retention, task class, identifier
    /// (the county's defaults from region.yaml filled in).
    #[serde(default, skip_serializing_if = "RecordInfo::is_empty")]
    pub record: RecordInfo,
}

/// The life cycle of a plan version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Being written (luonnos).
    Draft,
    /// Proposed for approval (ehdotus).
    Proposed,
    /// Approved (hyväksytty).
    Approved,
    /// Replaced by a newer version (korvattu).
    Superseded,
}

impl Status {
    /// All statuses as written in YAML.
    pub const NAMES: [&'static str; 4] = ["draft", "proposed", "approved", "superseded"];

    /// Parses the YAML spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Status::Draft),
            "proposed" => Some(Status::Proposed),
            "approved" => Some(Status::Approved),
            "superseded" => Some(Status::Superseded),
            _ => None,
        }
    }

    /// The YAML spelling, also the label key.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Whether the version is in force or was (approved or superseded).
    pub fn is_final(self) -> bool {
        matches!(self, Status::Approved | Status::Superseded)
    }
}

/// The council term (valtuustokausi) a date falls in: from 1 June of an election year
/// (2025, 2029, ...) to 31 May four years later.
pub fn council_term(date: Date) -> (Date, Date) {
    let mut start = 2025 + (date.year - 2025).div_euclid(4) * 4;
    if date
        < (Date {
            year: start,
            month: 6,
            day: 1,
        })
    {
        start -= 4;
    }
    (
        Date {
            year: start,
            month: 6,
            day: 1,
        },
        Date {
            year: start + 4,
            month: 5,
            day: 31,
        },
    )
}

/// From when until when a plan is in force.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Validity {
    /// First day.
    pub from: Date,
    /// Last day, if set.
    pub until: Option<Date>,
}

/// One section of the plan with its field values, keyed by the template's field ids.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    /// Template section id.
    pub id: String,
    /// Field values in template order.
    pub fields: Vec<Field>,
    /// Where the section is written (its file), when read from YAML in this run: the
    /// preview links to it.
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A field of a section.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Field {
    /// Template field id.
    pub id: String,
    /// The content.
    pub value: FieldValue,
    /// Where the value is written, when read from YAML in this run: the preview links to it.
    #[serde(skip)]
    pub span: Option<Span>,
}

/// Content of a field, by the kind the template gives it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum FieldValue {
    /// Markdown text.
    Markdown(Text),
    /// Members of a group.
    Members(Vec<Member>),
    /// Events of the annual reporting cycle.
    Cycle(Vec<CycleEvent>),
    /// Focus areas with their actions.
    FocusAreas(Vec<FocusArea>),
    /// Indicators.
    Indicators(Vec<Indicator>),
    /// Cooperation partners.
    Partners(Vec<Partner>),
    /// Short typed entries the template defines (the facts of social reporting).
    Facts(Vec<crate::facts::Fact>),
}

impl Plan {
    /// Every indicator of the plan, over all its indicator lists, in document order.
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter_map(|f| match &f.value {
                FieldValue::Indicators(list) => Some(list),
                _ => None,
            })
            .flatten()
    }

    /// The section with `id`, if present.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// Every indicator of `plan` by its id, over all the plan's indicator lists, in document
/// order. An id with more than one indicator is written in two lists: a reference to it
/// (from an action) cannot say which one it means.
pub fn indicators_by_id(plan: &Plan) -> std::collections::BTreeMap<&str, Vec<&Indicator>> {
    let mut out: std::collections::BTreeMap<&str, Vec<&Indicator>> = Default::default();
    for indicator in plan.indicators() {
        out.entry(indicator.id.as_str())
            .or_default()
            .push(indicator);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn council_terms_start_in_june_of_election_years() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(
            council_term(d(2026, 11, 24)),
            (d(2025, 6, 1), d(2029, 5, 31))
        );
        assert_eq!(
            council_term(d(2025, 5, 31)),
            (d(2021, 6, 1), d(2025, 5, 31))
        );
        assert_eq!(council_term(d(2029, 6, 1)), (d(2029, 6, 1), d(2033, 5, 31)));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse_iso("2025-02-29").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2025-13-01").is_none());
        assert_eq!(Date::parse_iso("1970-01-01").unwrap().unix_noon(), 43_200);
        let d = Date::parse_iso("2026-11-24").unwrap();
        assert_eq!(Date::from_unix(d.unix_noon()), d);
    }
}
