//! The national template as data: section order, titles, guidance, fields and their kinds,
//! and the labels every output uses. Read from `plan-template/`; nothing about sections is
//! hard-coded in Rust. Parsing only; the caller reads the files.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, FileIdx, Sources, Span};
use crate::text::Text;
use crate::tr;

/// The national template.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Template version, recorded in every manifest.
    pub version: String,
    /// The plan's title.
    pub title: Text,
    /// Sections in order.
    pub sections: Vec<SectionDef>,
    /// Per item kind (member, indicator, ...), the fields every item must have.
    #[serde(default)]
    pub items: crate::items::Rules,
    /// The rule that says whether an indicator with measured values is on track.
    #[serde(default)]
    pub follow_up: crate::followup::Rule,
    /// What a body may decide when it handles the plan (`decision:` of an approval): the
    /// kinds the national template knows, and any a county adds.
    #[serde(default = "default_decisions")]
    pub decisions: Vec<DecisionKind>,
}

/// A kind of decision a body makes on the plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionKind {
    /// As written in plan.yaml (`decision: approved`).
    pub id: String,
    /// Whether it approves the version (an approved version needs one such decision; a
    /// statement or a note does not approve).
    #[serde(default)]
    pub approves: bool,
    /// What it is called, by language ("hyväksytty", "godkänd", "approved").
    pub name: Text,
}

/// The kinds when a template.yaml names none: approved, noted, a statement given, returned
/// for preparation.
pub fn default_decisions() -> Vec<DecisionKind> {
    let kind = |id: &str, approves: bool, fi: &str, sv: &str, en: &str| DecisionKind {
        id: id.to_owned(),
        approves,
        name: Text::Localized(
            [("fi", fi), ("sv", sv), ("en", en)]
                .into_iter()
                .map(|(l, s)| (l.to_owned(), s.to_owned()))
                .collect(),
        ),
    };
    vec![
        kind("approved", true, "hyväksytty", "godkänd", "approved"),
        kind(
            "noted",
            false,
            "merkitty tiedoksi",
            "antecknad för kännedom",
            "noted",
        ),
        kind(
            "statement",
            false,
            "lausunto annettu",
            "utlåtande givet",
            "statement given",
        ),
        kind(
            "returned",
            false,
            "palautettu valmisteluun",
            "återremitterad för beredning",
            "returned for further preparation",
        ),
    ]
}

impl Template {
    /// The decision kind `id`, when the template knows it.
    pub fn decision(&self, id: &str) -> Option<&DecisionKind> {
        self.decisions.iter().find(|d| d.id == id)
    }
}

/// A section of the template.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// Id: the file name under `sections/` and the HTML anchor.
    pub id: String,
    /// Section number shown in the document.
    pub number: u32,
    /// Title by language.
    pub title: Text,
    /// Whether every plan must have it.
    #[serde(default)]
    pub required: bool,
    /// What a planner writes here.
    pub guidance: Text,
    /// Fields of the section.
    pub fields: Vec<FieldDef>,
}

/// A field of a template section.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Key in the section file.
    pub id: String,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether the section file must have it.
    #[serde(default)]
    pub required: bool,
    /// Where the content comes from when not from the section file.
    #[serde(default)]
    pub source: Option<FieldSource>,
    /// Caption in outputs.
    pub label: Text,
    /// What a planner writes here.
    #[serde(default)]
    pub guidance: Option<Text>,
    /// For a `facts` field: the entries it may hold, in order (who may report, since when,
    /// ...). The template's owners add, change or drop them without code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<EntryDef>,
}

/// One entry of a `facts` field: a short, typed piece of data the plans are compared by.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDef {
    /// Key in the section file, under the field.
    pub id: String,
    /// What it holds.
    #[serde(rename = "type")]
    pub kind: EntryKind,
    /// Caption in outputs and in the comparison.
    pub label: Text,
    /// What a planner writes here.
    #[serde(default)]
    pub guidance: Option<Text>,
}

/// The kinds of an entry of a `facts` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// A short text (by language in a bilingual plan).
    Text,
    /// A list of short texts.
    List,
    /// A year, 1900–2100.
    Year,
    /// A number.
    Number,
    /// Numbers by year for each service area: `- {area: ..., values: {2024: 30}}`.
    Counts,
}

/// Kinds of field content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// Markdown text.
    Markdown,
    /// Members of a group.
    Members,
    /// Reporting-cycle events.
    Cycle,
    /// Focus areas with actions.
    FocusAreas,
    /// Indicators.
    Indicators,
    /// Cooperation partners.
    Partners,
    /// The region's municipalities (from region.yaml).
    Municipalities,
    /// Approvals (from plan.yaml).
    Approvals,
    /// Change history (from plan.yaml).
    Changelog,
    /// Short typed entries the template defines (`entries:`), e.g. the facts of social
    /// reporting that the counties are compared by.
    Facts,
}

/// Where a field's content comes from when not from the section file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldSource {
    /// region.yaml.
    Region,
    /// plan.yaml.
    Plan,
}

impl FieldKind {
    /// The item kind a list field holds; `None` for text and the region's municipalities.
    pub fn item_kind(self) -> Option<&'static crate::items::Kind> {
        let name = match self {
            FieldKind::Markdown | FieldKind::Municipalities | FieldKind::Facts => return None,
            FieldKind::Members => "member",
            FieldKind::Cycle => "event",
            FieldKind::FocusAreas => "area",
            FieldKind::Indicators => "indicator",
            FieldKind::Partners => "partner",
            FieldKind::Approvals => "approval",
            FieldKind::Changelog => "change",
        };
        crate::items::kind(name)
    }
}

impl FieldDef {
    /// Whether the section file holds this field (rather than region.yaml or plan.yaml).
    pub fn in_section_file(&self) -> bool {
        self.source.is_none()
    }
}

impl Template {
    /// The section with `id`.
    pub fn section(&self, id: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// The intranet site's settings (`site.yaml`): who maintains it, where readers give
/// feedback, and what the accessibility statement says beyond what the build knows.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// Who maintains the site; empty: the counties it publishes.
    #[serde(default)]
    pub organisation: Option<Text>,
    /// Where readers send feedback.
    #[serde(default)]
    pub feedback: Feedback,
    /// The accessibility assessment.
    #[serde(default)]
    pub accessibility: Accessibility,
    /// The supervisory authority for accessibility.
    #[serde(default)]
    pub authority: Authority,
}

/// A feedback channel: an e-mail address, a form's web address, or both.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// A feedback form's address.
    #[serde(default)]
    pub url: String,
}

/// How and when the site was assessed, and what is known not to be accessible.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// Date of the last assessment (YYYY-MM-DD); empty: the newest version's date.
    #[serde(default)]
    pub assessed: String,
    /// `self` or `external`.
    #[serde(default)]
    pub method: String,
    /// The outside assessor, for `external`.
    #[serde(default)]
    pub assessor: String,
    /// Content known not to meet the requirements, and why.
    #[serde(default)]
    pub not_accessible: Vec<Text>,
}

/// The supervisory authority's contact details.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// Name.
    #[serde(default)]
    pub name: Option<Text>,
    /// Web address.
    #[serde(default)]
    pub url: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Telephone.
    #[serde(default)]
    pub phone: String,
}

/// Output labels by key, each in several languages (`labels.yaml`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Labels(pub BTreeMap<String, Text>);

impl Labels {
    /// These labels with a county's own (`regions/<county>/templates/labels.yaml`) laid over
    /// them, key by key.
    pub fn merged(&self, county: Option<&Labels>) -> Labels {
        let mut out = self.clone();
        if let Some(county) = county {
            out.0
                .extend(county.0.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
    }

    /// All labels resolved to one language.
    pub fn resolve(&self, lang: &str) -> BTreeMap<String, String> {
        self.0
            .iter()
            .map(|(k, v)| (k.clone(), v.get(lang, "fi").to_owned()))
            .collect()
    }
}

/// Reads a file of the template (or a county's override) with serde, reporting a problem at
/// its file and line.
pub fn parse_yaml<T: DeserializeOwned>(sources: &Sources, file: FileIdx) -> Result<T, Diagnostic> {
    let text = sources.text(file);
    serde_saphyr::from_str::<T>(text).map_err(|err| {
        use serde_saphyr::MessageFormatter;
        let message = serde_saphyr::DefaultMessageFormatter
            .format_message(&err)
            .into_owned();
        let span = err.location().and_then(|loc| {
            let (line, col) = (loc.line() as usize, loc.column() as usize);
            let offset: usize = text
                .split_inclusive('\n')
                .take(line.saturating_sub(1))
                .map(str::len)
                .sum();
            (line > 0).then(|| Span {
                file,
                range: offset + col.saturating_sub(1)..offset + col.saturating_sub(1),
            })
        });
        Diagnostic::error(
            span,
            tr!(
                "the template file is not valid: {message}",
                "suunnitelmapohjan tiedosto ei ole kelvollinen: {message}",
                "planmallens fil är inte giltig: {message}"
            ),
        )
        .with_hint(tr!(
            "fix the template file; see plan-template/README.md for its format",
            "korjaa suunnitelmapohjan tiedosto; sen muoto kuvataan tiedostossa \
             plan-template/README.md",
            "rätta planmallens fil; dess format beskrivs i plan-template/README.md"
        ))
    })
}

/// Checks the template itself: unique section and field ids, ids usable as file names.
pub fn check_template(template: &Template, file: FileIdx) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for section in &template.sections {
        let id = &section.id;
        if !seen.insert(id.as_str()) {
            diags.push(Diagnostic::error(
                Some(Span { file, range: 0..0 }),
                tr!(
                    "the template has two sections with the id \"{id}\"",
                    "suunnitelmapohjassa on kaksi lukua, joiden tunniste on \"{id}\"",
                    "planmallen har två kapitel med id \"{id}\""
                ),
            ));
        }
        if !crate::names::is_valid_slug(id) {
            diags.push(Diagnostic::error(
                Some(Span { file, range: 0..0 }),
                tr!(
                    "template section id \"{id}\" must be lowercase letters, digits and '-'",
                    "suunnitelmapohjan luvun tunnisteessa \"{id}\" saa olla vain pieniä \
                     kirjaimia, numeroita ja merkkiä '-'",
                    "kapitel-id \"{id}\" i planmallen får bara ha små bokstäver, siffror och '-'"
                ),
            ));
        }
    }
    for section in &template.sections {
        for field in &section.fields {
            diags.extend(check_entries(section, field, file));
        }
    }
    let rule_problem = template.follow_up.problem();
    for problem in crate::items::check_rules(&template.items)
        .into_iter()
        .chain(rule_problem)
    {
        diags.push(Diagnostic::error(
            Some(Span { file, range: 0..0 }),
            tr!(
                "the template is not valid: {problem}",
                "suunnitelmapohja ei ole kelvollinen: {problem}",
                "planmallen är inte giltig: {problem}"
            ),
        ));
    }
    diags
}

/// A `facts` field has entries with unique ids a YAML key can be; other fields have none.
fn check_entries(section: &SectionDef, field: &FieldDef, file: FileIdx) -> Vec<Diagnostic> {
    let at = || Some(Span { file, range: 0..0 });
    let (sid, fid) = (&section.id, &field.id);
    let mut diags = Vec::new();
    if field.kind != FieldKind::Facts {
        if !field.entries.is_empty() {
            diags.push(Diagnostic::error(
                at(),
                tr!(
                    "field \"{sid}.{fid}\" of the template has `entries:`, which only a `kind: facts` field has",
                    "suunnitelmapohjan kentällä \"{sid}.{fid}\" on `entries:`, joka kuuluu vain kentälle, jonka laji on `kind: facts`",
                    "fältet \"{sid}.{fid}\" i planmallen har `entries:`, som bara ett fält med `kind: facts` har"
                ),
            ));
        }
        return diags;
    }
    if field.entries.is_empty() {
        diags.push(Diagnostic::error(
            at(),
            tr!(
                "field \"{sid}.{fid}\" of the template is `kind: facts` but lists no `entries:`",
                "suunnitelmapohjan kentän \"{sid}.{fid}\" laji on `kind: facts`, mutta sillä ei ole kohtaa `entries:`",
                "fältet \"{sid}.{fid}\" i planmallen har `kind: facts` men listar inga `entries:`"
            ),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for entry in &field.entries {
        let id = &entry.id;
        let usable = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !seen.insert(id.as_str()) || !usable {
            diags.push(Diagnostic::error(
                at(),
                tr!(
                    "entry \"{id}\" of field \"{sid}.{fid}\" must be unique and written in lowercase letters, digits and '_'",
                    "kentän \"{sid}.{fid}\" kohdan \"{id}\" on oltava yksilöllinen ja kirjoitettu pienillä kirjaimilla, numeroilla ja merkillä '_'",
                    "posten \"{id}\" i fältet \"{sid}.{fid}\" ska vara unik och skriven med små bokstäver, siffror och '_'"
                ),
            ));
        }
    }
    diags
}
