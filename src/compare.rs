//! The national view on the site: every county's plan in force side by side ("Alueiden
//! vertailu"): its version, validity and last handling; its focus areas; how many actions
//! and indicators; a months × counties view of the reporting cycles; and the indicators that
//! share a national code (`code: "sotkanet:3078"`), with each county's latest value, its
//! follow-up status and one chart of every county's values; the roles in each group (working
//! group, steering group) by service area. Every view is a table, the chart's too (the
//! equivalent of any picture). Reads the verified store; pure.

use serde::Serialize;

use crate::figures::lines::{Line, LinesText, lines_svg};
use crate::followup::Point;
use crate::model::{FieldValue, Plan};
use crate::template::{FieldKind, Template};

/// One county's column of the comparison, in one language.
#[derive(Debug, Serialize)]
pub struct CountyColumn {
    /// Folder name.
    pub slug: String,
    /// Name in the page's language (else the county's main language).
    pub name: String,
    /// Language of `name` and the county's texts when not the page's.
    pub lang: Option<String>,
    /// Its page in the page's language, else in its main language (`index.sv.html`).
    pub page: String,
    /// The version in force, or `None` when none is approved.
    pub version: Option<String>,
    /// Validity, "1.6.2025–31.5.2029".
    pub validity: String,
    /// The last handling, as one line.
    pub last_handling: String,
    /// Focus areas' names.
    pub focus_areas: Vec<String>,
    /// How many actions.
    pub actions: usize,
    /// How many indicators.
    pub indicators: usize,
    /// Per month 1-12, the reporting-cycle events then (their activities).
    pub months: Vec<Vec<String>>,
    /// Per group of the template (in [`Comparison::groups`] order), its roles by service
    /// area (unit), in the order the plan lists them.
    pub groups: Vec<Vec<AreaRoles>>,
}

/// The roles of one service area (a member's `unit`) in a group.
#[derive(Debug, Clone, Serialize)]
pub struct AreaRoles {
    /// The service area or unit; empty when members name none.
    pub area: String,
    /// The roles, the chair's marked "(puheenjohtaja)".
    pub roles: Vec<String>,
}

/// Everything the comparison page shows.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// One column per county.
    pub columns: Vec<CountyColumn>,
    /// Indicators two or more counties share by code.
    pub shared: Vec<SharedIndicator>,
    /// The template's groups of members (working group, steering group): their captions.
    pub groups: Vec<String>,
    /// The template's `facts` fields (social reporting at a glance), entry by entry.
    pub facts: Vec<FactsView>,
}

/// A `facts` field side by side: per entry of the template, each county's value in words.
#[derive(Debug, Serialize)]
pub struct FactsView {
    /// The field's caption.
    pub caption: String,
    /// Per entry: its caption and each county's value ("–" for none), in column order.
    pub rows: Vec<(String, Vec<String>)>,
}

/// Indicators sharing a national code: per county (in column order) its indicator, and
/// every county's values as a chart and a table.
#[derive(Debug, Serialize)]
pub struct SharedIndicator {
    /// The national code.
    pub code: String,
    /// Per county: its indicator, or `None`.
    pub counties: Vec<Option<SharedCell>>,
    /// Per year any county measured, each county's value then ("–" for none).
    pub rows: Vec<(i64, Vec<String>)>,
    /// Every county's values as one SVG chart.
    pub chart: String,
}

/// One county's indicator with a shared code.
#[derive(Debug, Clone, Serialize)]
pub struct SharedCell {
    /// Its name, in the page's language where the county writes it.
    pub name: String,
    /// The latest value, "9,1 (2024)", or "–".
    pub latest: String,
    /// The follow-up status in words (on track, behind, ...).
    pub status: String,
    /// The status's label key (`follow_up_on_track`, ...), for styling.
    pub status_key: String,
}

/// The comparison in `lang` of the counties' plans in force (`in_force`): one column per
/// county, the indicators two or more of them share by code, followed up by `template`'s
/// rule, and the template's groups of members.
pub fn comparison(
    in_force: &[&Plan],
    lang: &str,
    labels: &std::collections::BTreeMap<String, String>,
    template: &Template,
) -> Comparison {
    let group_fields: Vec<(&str, &str, String)> = template
        .sections
        .iter()
        .flat_map(|s| {
            s.fields
                .iter()
                .filter(|f| f.kind == FieldKind::Members)
                .map(move |f| {
                    (
                        s.id.as_str(),
                        f.id.as_str(),
                        f.label.get(lang, "fi").to_owned(),
                    )
                })
        })
        .collect();
    let columns: Vec<CountyColumn> = in_force
        .iter()
        .map(|p| column(p, lang, labels, &group_fields))
        .collect();
    let label = |key: &str| labels.get(key).cloned().unwrap_or_default();
    // Codes shared by two or more counties, in code order.
    let mut codes: std::collections::BTreeMap<String, Vec<Option<&crate::model::Indicator>>> =
        std::collections::BTreeMap::new();
    for (i, plan) in in_force.iter().enumerate() {
        for indicator in plan.indicators() {
            if let Some(code) = &indicator.code {
                codes
                    .entry(code.clone())
                    .or_insert_with(|| vec![None; in_force.len()])[i] = Some(indicator);
            }
        }
    }
    let mut shared = Vec::new();
    for (code, row) in codes {
        if row.iter().flatten().count() < 2 {
            continue;
        }
        let mut cells = Vec::new();
        let mut lines = Vec::new();
        for (plan, indicator) in in_force.iter().zip(&row) {
            let Some(indicator) = indicator else {
                cells.push(None);
                continue;
            };
            let main = plan.region.main_lang();
            let text_lang = text_lang(plan, lang);
            let latest = indicator.values.iter().next_back().map_or_else(
                || "–".to_owned(),
                |(year, value)| format!("{} ({year})", crate::numbers::format_number(*value)),
            );
            let status_key = crate::followup::series(indicator, &template.follow_up, main)
                .map_or("follow_up_unknown", |series| {
                    crate::followup::assess(&series, &template.follow_up).label()
                });
            cells.push(Some(SharedCell {
                name: indicator.name.get(text_lang, main).to_owned(),
                latest,
                status: label(status_key),
                status_key: status_key.to_owned(),
            }));
            lines.push(Line {
                name: plan.region.short_name.get(text_lang, main).to_owned(),
                values: indicator
                    .values
                    .iter()
                    .map(|(year, value)| Point {
                        year: *year,
                        value: *value,
                    })
                    .collect(),
            });
        }
        let years: std::collections::BTreeSet<i64> = row
            .iter()
            .flatten()
            .flat_map(|i| i.values.keys().copied())
            .collect();
        let rows = years
            .iter()
            .map(|year| {
                let values = row
                    .iter()
                    .map(|i| {
                        i.and_then(|i| i.values.get(year))
                            .map_or("–".to_owned(), |v| crate::numbers::format_number(*v))
                    })
                    .collect();
                (*year, values)
            })
            .collect();
        let desc = lines
            .iter()
            .map(|l| {
                let values: Vec<String> = l
                    .values
                    .iter()
                    .map(|p| format!("{} {}", p.year, crate::numbers::format_number(p.value)))
                    .collect();
                format!("{}: {}", l.name, values.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let text = LinesText {
            title: format!("{} {code}", label("compare_chart")),
            desc,
            id: format!("shared-{}", shared.len()),
        };
        shared.push(SharedIndicator {
            chart: lines_svg(&lines, &text),
            code,
            counties: cells,
            rows,
        });
    }
    Comparison {
        columns,
        shared,
        groups: group_fields.into_iter().map(|(_, _, l)| l).collect(),
        facts: facts_views(in_force, lang, template),
    }
}

fn column(
    plan: &Plan,
    lang: &str,
    labels: &std::collections::BTreeMap<String, String>,
    group_fields: &[(&str, &str, String)],
) -> CountyColumn {
    let main = plan.region.main_lang();
    let writes = plan.region.languages.iter().any(|l| l == lang);
    let text_lang = if writes { lang } else { main };
    let areas: Vec<&crate::model::FocusArea> = plan
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .filter_map(|f| match &f.value {
            FieldValue::FocusAreas(list) => Some(list),
            _ => None,
        })
        .flatten()
        .collect();
    let mut months = vec![Vec::new(); 12];
    for section in &plan.sections {
        for field in &section.fields {
            if let FieldValue::Cycle(events) = &field.value {
                for event in events {
                    let mut m = event.month_from;
                    loop {
                        if let Some(slot) = months.get_mut(usize::from(m.max(1)) - 1) {
                            slot.push(event.activity.get(text_lang, main).to_owned());
                        }
                        if m == event.month_to || !(1..=12).contains(&m) {
                            break;
                        }
                        m = m % 12 + 1;
                    }
                }
            }
        }
    }
    CountyColumn {
        slug: plan.slug.clone(),
        name: plan.region.name.get(text_lang, main).to_owned(),
        lang: (!writes).then(|| main.to_owned()),
        page: format!("index{}.html", crate::names::suffix(text_lang, main)),
        version: Some(plan.meta.version.clone()),
        validity: plan.meta.validity.as_ref().map_or(String::new(), |v| {
            format!(
                "{}–{}",
                v.from.local(),
                v.until.map(crate::date::Date::local).unwrap_or_default()
            )
        }),
        last_handling: plan
            .meta
            .approvals
            .last()
            .map(|a| a.line(text_lang, main, labels))
            .unwrap_or_default(),
        focus_areas: areas
            .iter()
            .map(|a| a.name.get(text_lang, main).to_owned())
            .collect(),
        actions: areas.iter().map(|a| a.actions.len()).sum(),
        indicators: plan.indicators().count(),
        months,
        groups: group_fields
            .iter()
            .map(|(section, field, _)| {
                let chair = labels.get("chair").map_or("", String::as_str);
                roles_by_area(plan, (section, field), text_lang, chair)
            })
            .collect(),
    }
}

/// The members of a section's field (`at`: section and field ids), grouped by their unit in
/// the order they first appear; the chair's role marked with the word `chair`.
fn roles_by_area(plan: &Plan, at: (&str, &str), lang: &str, chair: &str) -> Vec<AreaRoles> {
    let (section, field) = at;
    let main = plan.region.main_lang();
    let mut out: Vec<AreaRoles> = Vec::new();
    let members = plan
        .section(section)
        .and_then(|s| s.fields.iter().find(|f| f.id == field))
        .and_then(|f| match &f.value {
            FieldValue::Members(list) => Some(list),
            _ => None,
        });
    for member in members.into_iter().flatten() {
        let area = member
            .unit
            .as_ref()
            .map(|u| u.get(lang, main).to_owned())
            .unwrap_or_default();
        let mut role = member.role.get(lang, main).to_owned();
        if member.chair && !chair.is_empty() {
            role = format!("{role} ({chair})");
        }
        match out.iter_mut().find(|a| a.area == area) {
            Some(a) => a.roles.push(role),
            None => out.push(AreaRoles {
                area,
                roles: vec![role],
            }),
        }
    }
    out
}

/// Every `facts` field of the template with each county's entries, in the template's order;
/// an entry no county writes is left out, a field no county writes too.
fn facts_views(in_force: &[&Plan], lang: &str, template: &Template) -> Vec<FactsView> {
    let mut out = Vec::new();
    for section in &template.sections {
        for field in section.fields.iter().filter(|f| f.kind == FieldKind::Facts) {
            let per_county: Vec<Option<&Vec<crate::facts::Fact>>> = in_force
                .iter()
                .map(|p| {
                    p.section(&section.id)
                        .and_then(|s| s.fields.iter().find(|f| f.id == field.id))
                        .and_then(|f| match &f.value {
                            FieldValue::Facts(facts) => Some(facts),
                            _ => None,
                        })
                })
                .collect();
            let mut rows = Vec::new();
            for entry in &field.entries {
                let cells: Vec<Option<String>> = in_force
                    .iter()
                    .zip(&per_county)
                    .map(|(plan, facts)| {
                        let main = plan.region.main_lang();
                        let text_lang = text_lang(plan, lang);
                        facts
                            .and_then(|f| f.iter().find(|x| x.id == entry.id))
                            .map(|x| x.value.words(text_lang, main))
                    })
                    .collect();
                if cells.iter().any(Option::is_some) {
                    rows.push((
                        entry.label.get(lang, "fi").to_owned(),
                        cells
                            .into_iter()
                            .map(|c| c.unwrap_or_else(|| "–".to_owned()))
                            .collect(),
                    ));
                }
            }
            if !rows.is_empty() {
                out.push(FactsView {
                    caption: field.label.get(lang, "fi").to_owned(),
                    rows,
                });
            }
        }
    }
    out
}

/// The language a county's texts are shown in on a page in `lang`: `lang` where the county
/// writes it, else its main language.
fn text_lang<'a>(plan: &'a Plan, lang: &'a str) -> &'a str {
    if plan.region.languages.iter().any(|l| l == lang) {
        lang
    } else {
        plan.region.main_lang()
    }
}
