//! `rakeplan verify [SLUG...]`: check every stored version against its manifest, like
//! `git fsck`, for CI and for anyone who wants to know the record is whole. Exit 0 when
//! everything verifies, 1 when something does not, 2 when the store cannot be read.

use std::path::Path;

use crate::cli::{Global, SlugArgs};
use crate::cmd::{Outcome, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::fsread::display;
use crate::store;
use crate::tr;

/// Runs the verification.
pub fn run(global: &Global, args: &SlugArgs) -> Outcome {
    let out = &global.out;
    let mut problems: Vec<Diagnostic> = Vec::new();
    // The counties' working plans, where they can be read: an approved version their change
    // logs name must be in the store.
    let working = working_plans(global);
    let slugs = if args.slugs.is_empty() {
        match store_counties(out, &mut problems) {
            Ok(mut slugs) => {
                // A county whose folder is gone while git still tracks its records.
                for (slug, _) in &working {
                    if !slugs.contains(slug) && !store::git_versions(out, slug).is_empty() {
                        slugs.push(slug.clone());
                    }
                }
                slugs.sort();
                slugs
            }
            Err(diag) => {
                report(&Sources::default(), &[diag], global);
                return Outcome::Failure;
            }
        }
    } else {
        args.slugs.clone()
    };
    let mut versions = 0;
    for slug in &slugs {
        if !crate::names::is_county_name(slug) {
            problems.push(crate::project::bad_county_name(&out.join(slug), slug));
            continue;
        }
        let county = out.join(slug);
        let linked = std::fs::symlink_metadata(&county).is_ok_and(|m| m.file_type().is_symlink());
        let working = working.iter().find(|(s, _)| s == slug).map(|(_, p)| p);
        if !linked && !county.is_dir() && !store::git_versions(out, slug).is_empty() {
            let (_, found) = store::verify_county(out, slug, working);
            problems.extend(found.iter().map(store::Problem::diagnostic));
            continue;
        }
        if !linked && !county.is_dir() {
            let diag = Diagnostic::error_at_path(
                &out.join(slug),
                tr!(
                    "nothing is stored for \"{slug}\"",
                    "hyvinvointialueelle \"{slug}\" ei ole tallennettu mitään",
                    "ingenting har sparats för \"{slug}\""
                ),
            )
            .with_hint(tr!(
                "build it with `rakeplan build {slug}`, or check the name",
                "rakenna se komennolla `rakeplan build {slug}` tai tarkista nimi",
                "bygg den med `rakeplan build {slug}` eller kontrollera namnet"
            ));
            problems.push(diag);
            continue;
        }
        let (checked, found) = store::verify_county(out, slug, working);
        versions += checked;
        if found.is_empty() {
            crate::outln!(
                "{}",
                tr!(
                    "ok: {slug} (versions verified: {checked})",
                    "kunnossa: {slug} (todennettuja versioita: {checked})",
                    "ok: {slug} (verifierade versioner: {checked})"
                )
            );
        }
        problems.extend(found.iter().map(store::Problem::diagnostic));
    }
    report(&Sources::default(), &problems, global);
    let (counties, count) = (slugs.len(), problems.len());
    if problems.is_empty() {
        crate::outln!(
            "{}",
            tr!(
                "every file matches its manifest (counties: {counties}, versions: {versions})",
                "jokainen tiedosto vastaa luetteloaan (hyvinvointialueita: {counties}, \
                 versioita: {versions})",
                "varje fil stämmer med sin förteckning (välfärdsområden: {counties}, versioner: {versions})"
            )
        );
        Outcome::Ok
    } else {
        crate::errln!(
            "{}",
            tr!(
                "error: {count} problems in the store \"{}\"",
                "virhe: versiovarastossa \"{}\" on {count} ongelmaa",
                "fel: {count} problem i versionsarkivet \"{}\"",
                display(out)
            )
        );
        Outcome::Problems
    }
}

/// The plans of the counties in the regions folder that load (their errors are `check`'s
/// business, not the store's), by folder name.
fn working_plans(global: &Global) -> Vec<(String, crate::model::Plan)> {
    let mut sources = Sources::default();
    let Ok(tset) = crate::load::load_template(&global.template, &mut sources) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&global.regions) else {
        return Vec::new();
    };
    let mut plans = Vec::new();
    for entry in entries.flatten() {
        let slug = entry.file_name().to_string_lossy().into_owned();
        if !crate::names::is_county_name(&slug) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let loaded = crate::load::load_plan(&entry.path(), &slug, &tset, &mut sources);
        if let Some(plan) = loaded.plan.filter(|_| loaded.complete) {
            plans.push((slug, plan));
        }
    }
    plans
}

/// The county folders of the store; anything else there that does not belong is a problem.
fn store_counties(out: &Path, problems: &mut Vec<Diagnostic>) -> Result<Vec<String>, Diagnostic> {
    let (slugs, found) =
        store::list_store(out).map_err(|err| crate::store::store_unreadable(out, &err))?;
    problems.extend(found.iter().map(store::Problem::diagnostic));
    Ok(slugs)
}
