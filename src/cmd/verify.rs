//! `rakeplan verify [SLUG...]`: check every stored version against its manifest, like
//! `git fsck`, for CI and for anyone who wants to know the record is whole. Exit 0 when
//! everything verifies, 1 when something does not, 2 when the store cannot be read.

use std::path::Path;

use crate::cli::{Global, SlugArgs};
use crate::cmd::{Outcome, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::load::display;
use crate::store;
use crate::tr;

/// Runs the verification.
pub fn run(global: &Global, args: &SlugArgs) -> Outcome {
    let out = &global.out;
    let mut problems: Vec<Diagnostic> = Vec::new();
    let slugs = if args.slugs.is_empty() {
        match store_counties(out, &mut problems) {
            Ok(slugs) => slugs,
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
            problems.push(crate::cmd::bad_county_name(&out.join(slug), slug));
            continue;
        }
        if !out.join(slug).is_dir() {
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
        let (checked, found) = store::verify_county(out, slug);
        versions += checked;
        if found.is_empty() {
            println!(
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
        println!(
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
        eprintln!(
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

/// The county folders of the store; anything else there that does not belong is a problem.
fn store_counties(out: &Path, problems: &mut Vec<Diagnostic>) -> Result<Vec<String>, Diagnostic> {
    let (slugs, found) =
        store::list_store(out).map_err(|err| crate::cmd::store_unreadable(out, &err))?;
    problems.extend(found.iter().map(store::Problem::diagnostic));
    Ok(slugs)
}
