//! `rakeplan verify [SLUG...]`: check every stored version against its manifest
//! ([`crate::project::verify`]), like `git fsck`, for CI and for anyone who wants to know the
//! record is whole. Exit 0 when everything verifies, 1 when something does not, 2 when the
//! store cannot be read.

use crate::cli::{Global, SlugArgs};
use crate::cmd::{Outcome, report, say};
use crate::diagnostic::{Diagnostic, Sources};
use crate::fsread::display;
use crate::tr;

/// Runs the verification.
pub fn run(global: &Global, args: &SlugArgs) -> Outcome {
    let verified = match crate::cmd::project(global).verify(&args.slugs) {
        Ok(verified) => verified,
        Err(diag) => {
            say(diag);
            return Outcome::Failure;
        }
    };
    for (slug, checked) in &verified.counties {
        crate::outln!(
            "{}",
            tr!(
                "ok: {slug} (versions verified: {checked})",
                "kunnossa: {slug} (todennettuja versioita: {checked})",
                "ok: {slug} (verifierade versioner: {checked})"
            )
        );
    }
    report(&Sources::default(), &verified.problems);
    let (versions, count) = (verified.versions(), verified.problems.len());
    let counties = verified.looked_at;
    if verified.problems.is_empty() {
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
        say(Diagnostic::error(
            None,
            tr!(
                "{count} problems in the store \"{}\"",
                "versiovarastossa \"{}\" on {count} ongelmaa",
                "{count} problem i versionsarkivet \"{}\"",
                display(&global.out)
            ),
        ));
        Outcome::Problems
    }
}
