//! The national view on the site: every county's plan in force side by side ("Alueiden
//! vertailu"): its version, validity and last handling; its focus areas; how many actions
//! and indicators; a months × counties view of the reporting cycles; and the indicators that
//! share a national code (`code: "sotkanet:3078"`), with each county's latest value. Every
//! view is a table (the equivalent of any picture). Reads the verified store; pure.

use serde::Serialize;

use crate::model::{FieldValue, Plan};

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
}

/// Indicators sharing a national code: per county (in column order) its indicator's name and
/// latest value.
#[derive(Debug, Serialize)]
pub struct SharedIndicator {
    /// The national code.
    pub code: String,
    /// Per county: name and "41 (2024)", or `None`.
    pub counties: Vec<Option<(String, String)>>,
}

/// The comparison in `lang` of the counties' plans in force (`in_force`): one column per
/// county, and the indicators two or more of them share by code.
pub fn comparison(
    in_force: &[&Plan],
    lang: &str,
    labels: &std::collections::BTreeMap<String, String>,
) -> (Vec<CountyColumn>, Vec<SharedIndicator>) {
    let columns = in_force.iter().map(|p| column(p, lang, labels)).collect();
    // Codes shared by two or more counties, in code order.
    let mut codes: std::collections::BTreeMap<String, Vec<Option<(String, String)>>> =
        std::collections::BTreeMap::new();
    for (i, plan) in in_force.iter().enumerate() {
        let main = plan.region.main_lang();
        for indicator in plan.indicators() {
            let Some(code) = &indicator.code else {
                continue;
            };
            let row = codes
                .entry(code.clone())
                .or_insert_with(|| vec![None; in_force.len()]);
            let latest = indicator.values.iter().next_back().map_or_else(
                || "–".to_owned(),
                |(year, value)| format!("{} ({year})", crate::numbers::format_number(*value)),
            );
            row[i] = Some((indicator.name.get(lang, main).to_owned(), latest));
        }
    }
    let shared = codes
        .into_iter()
        .filter(|(_, row)| row.iter().flatten().count() >= 2)
        .map(|(code, counties)| SharedIndicator { code, counties })
        .collect();
    (columns, shared)
}

fn column(
    plan: &Plan,
    lang: &str,
    labels: &std::collections::BTreeMap<String, String>,
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
    }
}
