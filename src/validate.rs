//! Checks that need the whole plan at once: unique keys, references between sections,
//! dates that contradict each other, content left empty. Pure: takes the loaded plan and
//! returns diagnostics; never reads files, never stops at the first problem.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Span};
use crate::model::{FieldValue, Plan};
use crate::template::Template;
use crate::tr;

/// Every problem found in `plan` against `template`. With `meta_ok` false the plan's
/// metadata are stand-ins and are not checked.
pub fn validate(plan: &Plan, template: &Template, meta_ok: bool) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let indicator_ids: BTreeSet<&str> = plan
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .filter_map(|f| match &f.value {
            FieldValue::Indicators(list) => Some(list.iter().map(|i| i.id.as_str())),
            _ => None,
        })
        .flatten()
        .collect();

    for section in &plan.sections {
        for field in &section.fields {
            let (field_id, section_id) = (&field.id, &section.id);
            let what = tr!(
                "\"{field_id}\" in section \"{section_id}\"",
                "\"{field_id}\" (luku \"{section_id}\")"
            );
            match &field.value {
                FieldValue::Members(list) => {
                    duplicates(
                        &mut diags,
                        list.iter().map(|m| (m.id.as_str(), &m.span)),
                        &what,
                    );
                    let chairs = list.iter().filter(|m| m.chair).count();
                    if chairs > 1 {
                        let span = list
                            .iter()
                            .filter(|m| m.chair)
                            .nth(1)
                            .and_then(|m| m.span.clone());
                        diags.push(
                            Diagnostic::warning(
                                span,
                                tr!(
                                    "{what} has {chairs} chairs",
                                    "{what}: puheenjohtajaksi on merkitty {chairs} jäsentä"
                                ),
                            )
                            .with_hint(tr!(
                                "mark only the chair with `chair: true`",
                                "merkitse `chair: true` vain puheenjohtajalle"
                            )),
                        );
                    }
                }
                FieldValue::Cycle(list) => duplicates(
                    &mut diags,
                    list.iter().map(|e| (e.id.as_str(), &e.span)),
                    &what,
                ),
                FieldValue::Indicators(list) => duplicates(
                    &mut diags,
                    list.iter().map(|i| (i.id.as_str(), &i.span)),
                    &what,
                ),
                FieldValue::Partners(list) => duplicates(
                    &mut diags,
                    list.iter().map(|p| (p.id.as_str(), &p.span)),
                    &what,
                ),
                FieldValue::FocusAreas(areas) => {
                    duplicates(
                        &mut diags,
                        areas.iter().map(|a| (a.id.as_str(), &a.span)),
                        &what,
                    );
                    let actions = areas.iter().flat_map(|a| &a.actions);
                    duplicates(
                        &mut diags,
                        actions.clone().map(|a| (a.id.as_str(), &a.span)),
                        &tr!("the actions", "toimenpiteet"),
                    );
                    for action in actions {
                        for (i, id) in action.indicators.iter().enumerate() {
                            if !indicator_ids.contains(id.as_str()) {
                                let known: Vec<&str> = indicator_ids.iter().copied().collect();
                                let hint = match crate::yaml::suggest(id, &known) {
                                    Some(best) => crate::yaml::did_you_mean(best),
                                    None => tr!(
                                        "add the indicator to sections/monitoring.yaml, or fix the id",
                                        "lisää mittari tiedostoon sections/monitoring.yaml tai korjaa tunniste"
                                    ),
                                };
                                let action_id = &action.id;
                                diags.push(
                                    Diagnostic::error(
                                        action.indicator_spans.get(i).cloned(),
                                        tr!(
                                            "action \"{action_id}\" refers to the indicator \"{id}\", which does not exist",
                                            "toimenpide \"{action_id}\" viittaa mittariin \"{id}\", jota ei ole"
                                        ),
                                    )
                                    .with_hint(hint),
                                );
                            }
                        }
                    }
                }
                FieldValue::Markdown(text) => {
                    if text.is_blank() {
                        diags.push(Diagnostic::warning(
                            None,
                            tr!("{what} is empty", "{what} on tyhjä"),
                        ));
                    }
                }
            }
        }
    }

    // Decisions and the version's life cycle are `lifecycle`'s to check.
    let _ = meta_ok;
    let _ = template;
    diags
}

fn duplicates<'a>(
    diags: &mut Vec<Diagnostic>,
    items: impl Iterator<Item = (&'a str, &'a Option<Span>)>,
    what: &str,
) {
    let mut seen: BTreeMap<&str, ()> = BTreeMap::new();
    for (id, span) in items {
        if seen.insert(id, ()).is_some() {
            diags.push(
                Diagnostic::error(
                    span.clone(),
                    tr!(
                        "the id \"{id}\" appears twice in {what}",
                        "tunniste \"{id}\" esiintyy kahdesti ({what})"
                    ),
                )
                .with_hint(tr!(
                    "give each item its own `id:`; ids let rakeplan follow items between versions",
                    "anna jokaiselle kohdalle oma `id:`; tunnisteiden avulla rakeplan seuraa \
                     kohtia versiosta toiseen"
                )),
            );
        }
    }
}
