//! Checks that need the whole plan at once: unique keys, references between sections,
//! dates that contradict each other, content left empty. Pure: takes the loaded plan and
//! returns diagnostics; never reads files, never stops at the first problem.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostic;
use crate::items::{Action, Item, Member};
use crate::model::{FieldValue, Plan};
use crate::template::{FieldKind, Template};
use crate::tr;

/// Every problem found in `plan` against `template`. With `meta_ok` false the plan's
/// metadata are stand-ins and are not checked. Sections in `incomplete` were not read whole,
/// so references into them are not checked (a missing indicator there is no news).
pub fn validate(
    plan: &Plan,
    template: &Template,
    meta_ok: bool,
    incomplete: &[String],
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    // Each indicator id with the lists (section file, field) that have it: ids are unique
    // within a list, and a reference must find exactly one.
    let mut indicator_ids: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for section in &plan.sections {
        for field in &section.fields {
            if let FieldValue::Indicators(list) = &field.value {
                for i in list {
                    let at = format!("sections/{}.yaml: {}", section.id, field.id);
                    indicator_ids.entry(i.id.as_str()).or_default().push(at);
                }
            }
        }
    }
    // References are checked only when every section that holds indicators was read whole.
    let refs_checkable = !template.sections.iter().any(|s| {
        incomplete.contains(&s.id) && s.fields.iter().any(|f| f.kind == FieldKind::Indicators)
    });

    for section in &plan.sections {
        for field in &section.fields {
            let (field_id, section_id) = (&field.id, &section.id);
            let what = tr!(
                "\"{field_id}\" in section \"{section_id}\"",
                "\"{field_id}\" (luku \"{section_id}\")",
                "\"{field_id}\" (kapitlet \"{section_id}\")"
            );
            match &field.value {
                FieldValue::Members(list) => {
                    duplicates(&mut diags, list, &what);
                    chairs(&mut diags, list, &what);
                }
                FieldValue::Cycle(list) => duplicates(&mut diags, list, &what),
                FieldValue::Indicators(list) => {
                    duplicates(&mut diags, list, &what);
                    diags.extend(list.iter().filter_map(indicator_code));
                }
                FieldValue::Partners(list) => duplicates(&mut diags, list, &what),
                FieldValue::Facts(_) => {}
                FieldValue::FocusAreas(areas) => {
                    duplicates(&mut diags, areas, &what);
                    let actions: Vec<Action> =
                        areas.iter().flat_map(|a| a.actions.clone()).collect();
                    duplicates(
                        &mut diags,
                        &actions,
                        &tr!("the actions", "toimenpiteet", "åtgärderna"),
                    );
                    if refs_checkable {
                        for action in &actions {
                            references(&mut diags, action, &indicator_ids);
                        }
                    }
                }
                FieldValue::Markdown(text) => {
                    if text.is_blank() {
                        diags.push(Diagnostic::warning(
                            None,
                            tr!("{what} is empty", "{what} on tyhjä", "{what} är tom"),
                        ));
                    }
                }
            }
        }
    }
    // Decisions and the version's life cycle are `lifecycle`'s to check.
    let _ = meta_ok;
    diags
}

/// An indicator's national code must read `system:id`: a lowercase system (`sotkanet`,
/// `thl`) and its id, digits for Sotkanet.
fn indicator_code(indicator: &crate::model::Indicator) -> Option<Diagnostic> {
    let code = indicator.code.as_deref()?;
    let well_formed = code.split_once(':').is_some_and(|(system, id)| {
        !system.is_empty()
            && system.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
            && (system != "sotkanet" || id.bytes().all(|b| b.is_ascii_digit()))
    });
    (!well_formed).then(|| {
        Diagnostic::error(
            indicator.span.clone(),
            tr!(
                "the indicator code \"{code}\" is not of the form system:id",
                "mittarin tunnus \"{code}\" ei ole muotoa järjestelmä:tunnus",
                "indikatorkoden \"{code}\" har inte formen system:id"
            ),
        )
        .with_hint(tr!(
            "write the national indicator's system and id, such as `code: \"sotkanet:3078\"` (a Sotkanet id is digits)",
            "kirjoita kansallisen indikaattorin järjestelmä ja tunnus, esimerkiksi `code: \"sotkanet:3078\"` (Sotkanetin tunnus on numeroita)",
            "skriv den nationella indikatorns system och id, till exempel `code: \"sotkanet:3078\"` (ett Sotkanet-id är siffror)"
        ))
    })
}

fn chairs(diags: &mut Vec<Diagnostic>, list: &[Member], what: &str) {
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
                    "{what}: puheenjohtajaksi on merkitty {chairs} jäsentä",
                    "{what}: {chairs} medlemmar är markerade som ordförande"
                ),
            )
            .with_hint(tr!(
                "mark only the chair with `chair: true`",
                "merkitse `chair: true` vain puheenjohtajalle",
                "markera `chair: true` bara för ordföranden"
            )),
        );
    }
}

fn references(
    diags: &mut Vec<Diagnostic>,
    action: &Action,
    indicator_ids: &BTreeMap<&str, Vec<String>>,
) {
    for (i, id) in action.indicators.iter().enumerate() {
        let action_id = &action.id;
        match indicator_ids.get(id.as_str()).map(Vec::as_slice) {
            Some([_]) => continue,
            Some(lists) => {
                let lists = lists.join(", ");
                diags.push(
                    Diagnostic::error(
                        action.indicators_spans.get(i).cloned(),
                        tr!(
                            "action \"{action_id}\" refers to the indicator \"{id}\", but two lists have an indicator \"{id}\" ({lists})",
                            "toimenpide \"{action_id}\" viittaa mittariin \"{id}\", mutta tunniste \"{id}\" on kahdessa luettelossa ({lists})",
                            "åtgärden \"{action_id}\" hänvisar till indikatorn \"{id}\", men två förteckningar har en indikator \"{id}\" ({lists})"
                        ),
                    )
                    .with_hint(tr!(
                        "give the indicators different ids so that the reference names one of them",
                        "anna mittareille eri tunnisteet, jotta viittaus osoittaa yhteen niistä",
                        "ge indikatorerna olika id så att hänvisningen pekar på en av dem"
                    )),
                );
                continue;
            }
            None => {}
        }
        let known: Vec<&str> = indicator_ids.keys().copied().collect();
        let hint = match crate::yaml::suggest(id, &known) {
            Some(best) => crate::yaml::did_you_mean(best),
            None => tr!(
                "add the indicator to sections/monitoring.yaml, or fix the id",
                "lisää mittari tiedostoon sections/monitoring.yaml tai korjaa tunniste",
                "lägg till indikatorn i sections/monitoring.yaml eller rätta id:t"
            ),
        };
        diags.push(
            Diagnostic::error(
                action.indicators_spans.get(i).cloned(),
                tr!(
                    "action \"{action_id}\" refers to the indicator \"{id}\", which does not exist",
                    "toimenpide \"{action_id}\" viittaa mittariin \"{id}\", jota ei ole",
                    "åtgärden \"{action_id}\" hänvisar till indikatorn \"{id}\", som inte finns"
                ),
            )
            .with_hint(hint),
        );
    }
}

fn duplicates<T: Item>(diags: &mut Vec<Diagnostic>, items: &[T], what: &str) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for item in items {
        let id = item.key();
        if !seen.insert(id.clone()) {
            diags.push(
                Diagnostic::error(
                    item.span().cloned(),
                    tr!(
                        "the id \"{id}\" appears twice in {what}",
                        "tunniste \"{id}\" esiintyy kahdesti ({what})",
"id:t \"{id}\" förekommer två gånger ({what})"
                    ),
                )
                .with_hint(tr!(
                    "give each item its own `id:`; ids let rakeplan follow items between versions",
                    "anna jokaiselle kohdalle oma `id:`; tunnisteiden avulla rakeplan seuraa \
                     kohtia versiosta toiseen",
"ge varje punkt ett eget `id:`; med id:n kan rakeplan följa punkterna från version till version"
                )),
            );
        }
    }
}
