//! `rakeplan next SLUG [--version V]`: starts the next version of a county's plan from the
//! approved one, so that a planner never edits the life cycle by hand. plan.yaml gets the
//! new version number, `status: draft`, today's date, no decisions (they stay in the
//! approved version's record) and a change-log entry to fill in; comments and everything
//! else in the file stay as they were. Refused unless the approved version is safely in the
//! store: the record comes first.

use std::ops::Range;

use crate::cli::{Global, NextArgs};
use crate::cmd::{Outcome, load_and_check, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::names::Version;
use crate::store;
use crate::tr;
use crate::yaml::{Node, Value};

/// Runs the command.
pub fn run(global: &Global, args: &NextArgs) -> Outcome {
    let slug = &args.slug;
    let loaded = match load_and_check(global, std::slice::from_ref(slug)) {
        Ok(l) => l,
        Err((sources, diags)) => {
            report(&sources, &diags, global);
            return Outcome::Failure;
        }
    };
    let region = &loaded.regions[0];
    let Some(plan) = region.plan.as_ref().filter(|_| !region.has_errors()) else {
        report(&loaded.sources, &region.diagnostics, global);
        crate::errln!(
            "{}",
            tr!(
                "error: fix the errors above first; a new version starts from a whole plan",
                "virhe: korjaa ensin yllä luetellut virheet; uusi versio aloitetaan ehjästä \
                 suunnitelmasta"
            )
        );
        return Outcome::Problems;
    };
    let current = &plan.meta.version;
    if !plan.meta.status.is_final() {
        let status = plan.meta.status.as_str();
        crate::errln!(
            "{}",
            tr!(
                "error: version {current} of \"{slug}\" is still a {status}: carry on editing it",
                "virhe: hyvinvointialueen \"{slug}\" versio {current} on vielä tilassa \
                 {status}: jatka sen muokkaamista"
            )
        );
        crate::errln!(
            "{}",
            tr!(
                "  = hint: `rakeplan next` starts a new version once the current one is approved",
                "  = vihje: `rakeplan next` aloittaa uuden version, kun nykyinen on hyväksytty"
            )
        );
        return Outcome::Problems;
    }
    let Some(from) = Version::parse(current) else {
        return Outcome::Failure;
    };
    // The approved version must be in the store, whole, before its YAML moves on.
    match store::find_version(&global.out, slug, &from) {
        Ok(Some(_)) => {}
        Ok(None) => {
            crate::errln!(
                "{}",
                tr!(
                    "error: approved version {current} of \"{slug}\" is not in the store yet",
                    "virhe: hyvinvointialueen \"{slug}\" hyväksyttyä versiota {current} ei ole \
                     vielä versiovarastossa"
                )
            );
            crate::errln!(
                "{}",
                tr!(
                    "  = hint: run `rakeplan build {slug}` first so that it is kept as the record, and commit it",
                    "  = vihje: aja ensin `rakeplan build {slug}`, jotta se säilyy pysyvänä \
                     asiakirjana, ja vie se versionhallintaan"
                )
            );
            return Outcome::Problems;
        }
        Err(problems) => {
            let diags: Vec<Diagnostic> = problems.iter().map(store::Problem::diagnostic).collect();
            report(&Sources::default(), &diags, global);
            return Outcome::Problems;
        }
    }
    let next = match &args.version {
        Some(v) => match Version::parse(v).filter(|n| Version::is_canonical(v) && *n > from) {
            Some(n) => n,
            None => {
                crate::errln!(
                    "{}",
                    tr!(
                        "error: --version must be a version number above {current}, such as \"{}\"",
                        "virhe: valitsimelle --version annetaan versiota {current} suurempi \
                         versionumero, esimerkiksi \"{}\"",
                        from.next_minor()
                    )
                );
                return Outcome::Failure;
            }
        },
        None => from.next_minor(),
    };
    let path = global.regions.join(slug).join("plan.yaml");
    if let Err(diag) = crate::cmd::refuse_store_target(&path, global) {
        report(&loaded.sources, &[diag], global);
        return Outcome::Failure;
    }
    // Sources are registered under their displayed name (`./regions` reads as `regions`).
    let shown = crate::load::display(&path);
    let Some(file) = (0..loaded.sources.len()).find(|&f| loaded.sources.name(f) == shown) else {
        return Outcome::Failure;
    };
    let text = loaded.sources.text(file);
    let Ok(root) = crate::yaml::parse(&loaded.sources, file) else {
        return Outcome::Failure;
    };
    let today = crate::cmd::new::today();
    let edited = edit(text, &root, &next.to_string(), &today.to_string());
    // The edit must leave valid YAML with the new version in it, or nothing is written.
    let mut check = Sources::default();
    let edited_file = check.add(crate::load::display(&path), edited.clone());
    let parsed_ok = crate::yaml::parse(&check, edited_file).is_ok_and(|n| {
        matches!(&n.value, Value::Map(e) if e.iter().any(|(k, v)| k.name == "version"
            && matches!(&v.value, Value::Str(s) if *s == next.to_string())))
    });
    if !parsed_ok {
        crate::errln!(
            "{}",
            tr!(
                "error: plan.yaml is laid out in a way `next` cannot edit safely; nothing was changed",
                "virhe: tiedoston plan.yaml rakennetta ei voi muokata turvallisesti \
                 automaattisesti; mitään ei muutettu"
            )
        );
        crate::errln!(
            "{}",
            tr!(
                "  = hint: set `version: \"{next}\"`, `status: draft`, `approvals: []` and add a change-log entry by hand",
                "  = vihje: kirjoita itse `version: \"{next}\"`, `status: draft`, `approvals: []` \
                 ja lisää muutoshistoriaan merkintä"
            )
        );
        return Outcome::Failure;
    }
    if let Err(err) = crate::fswrite::write_file(&path, edited.as_bytes()) {
        let shown = crate::load::display(&path);
        crate::errln!(
            "{}",
            tr!(
                "error: cannot write \"{shown}\": {err}",
                "virhe: tiedostoon \"{shown}\" ei voi kirjoittaa: {err}"
            )
        );
        return Outcome::Failure;
    }
    crate::outln!(
        "{}",
        tr!(
            "{slug}: version {next} started as a draft from approved {current}: plan.yaml has the new \
             version, status and date, no decisions, and a change-log entry to fill in",
            "{slug}: versio {next} aloitettu luonnoksena hyväksytystä versiosta {current}: \
             tiedostossa plan.yaml on uusi versio, tila ja päivämäärä, ei käsittelyjä ja \
             täydennettävä muutoshistorian merkintä"
        )
    );
    crate::outln!(
        "{}",
        tr!(
            "next: describe the changes under `changelog:`, edit the sections, and build the approval \
             packet with `rakeplan build {slug} --redline-against {current}`",
            "seuraavaksi: kuvaa muutokset kohtaan `changelog:`, muokkaa lukuja ja tee \
             käsittelyaineisto komennolla `rakeplan build {slug} --redline-against {current}`"
        )
    );
    Outcome::Ok
}

/// Where a node's text ends: the end of its last descendant (a list's own span may stop at
/// its first item).
fn extent(node: &Node) -> usize {
    let children = match &node.value {
        Value::Seq(items) => items.iter().map(extent).max(),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| extent(v).max(k.span.range.end))
            .max(),
        _ => None,
    };
    children.unwrap_or(0).max(node.span.range.end)
}

/// plan.yaml's text with the new version started: each change replaces exactly the bytes of
/// the value it changes, so comments and layout elsewhere stay.
fn edit(text: &str, root: &Node, version: &str, today: &str) -> String {
    let Value::Map(entries) = &root.value else {
        return text.to_owned();
    };
    let get = |name: &str| entries.iter().find(|(k, _)| k.name == name);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    if let Some((_, v)) = get("version") {
        edits.push((v.span.range.clone(), format!("\"{version}\"")));
    }
    if let Some((_, v)) = get("status") {
        edits.push((v.span.range.clone(), "draft".into()));
    }
    if let Some((_, v)) = get("date") {
        edits.push((v.span.range.clone(), today.into()));
    }
    if let Some((k, v)) = get("approvals") {
        let end = extent(v).max(k.span.range.end);
        let end = text[..end].trim_end().len();
        edits.push((k.span.range.start..end, "approvals: []".into()));
    }
    let stub = |indent: &str| {
        format!(
            "{indent}- version: \"{version}\"\n{indent}  date: {today}\n{indent}  summary: \
             \"{}: mitä tässä versiossa muuttui\"",
            crate::scaffold::PLACEHOLDER
        )
    };
    match get("changelog") {
        Some((_, v)) if matches!(&v.value, Value::Seq(items) if !items.is_empty()) => {
            let Value::Seq(items) = &v.value else {
                unreachable!()
            };
            let first = items[0].span.range.start;
            let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = text[line_start..first]
                .chars()
                .take_while(|c| *c == ' ')
                .collect();
            let end = text[..extent(v)].trim_end().len();
            edits.push((end..end, format!("\n{}", stub(&indent))));
        }
        Some((k, v)) => {
            let end = text[..extent(v).max(k.span.range.end)].trim_end().len();
            edits.push((
                k.span.range.start..end,
                format!("changelog:\n{}", stub("  ")),
            ));
        }
        None => {
            let end = text.trim_end().len();
            edits.push((end..end, format!("\nchangelog:\n{}", stub("  "))));
        }
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_owned();
    for (range, with) in edits {
        out.replace_range(range, &with);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
