//! `rakeplan check`: load and check counties, print every problem, write nothing.

use crate::cli::{Global, SlugArgs};
use crate::cmd::{Outcome, load_and_check, report};
use crate::i18n::{count_fi, is_fi};
use crate::tr;

/// Runs the check.
pub fn run(global: &Global, args: &SlugArgs) -> Outcome {
    let loaded = match load_and_check(global, &args.slugs) {
        Ok(l) => l,
        Err((sources, diags)) => {
            report(&sources, &diags, global);
            return Outcome::Failure;
        }
    };
    let mut outcome = Outcome::Ok;
    for region in &loaded.regions {
        report(&loaded.sources, &region.diagnostics, global);
        let errors = region.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = region.diagnostics.len() - errors;
        let slug = &region.slug;
        let warned = if is_fi() {
            count_fi(warnings, "varoitus", "varoitusta")
        } else {
            format!("{warnings} warning(s)")
        };
        if region.has_errors() {
            outcome = Outcome::Problems;
            let errors = errors.max(1);
            let errored = if is_fi() {
                count_fi(errors, "virhe", "virhettä")
            } else {
                format!("{errors} error(s)")
            };
            eprintln!("{slug}: {errored}, {warned}");
        } else {
            eprintln!(
                "{}",
                tr!("{slug}: ok ({warned})", "{slug}: kunnossa ({warned})")
            );
        }
    }
    outcome
}
