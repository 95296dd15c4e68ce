//! `rakeplan check`: load and check counties, print every problem, write nothing.

use crate::cli::{Global, SlugArgs};
use crate::cmd::{Outcome, load_and_check, report};

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
        if region.has_errors() {
            outcome = Outcome::Problems;
            eprintln!(
                "{}: {} error(s), {} warning(s)",
                region.slug,
                errors.max(1),
                warnings
            );
        } else {
            eprintln!("{}: ok ({} warning(s))", region.slug, warnings);
        }
    }
    outcome
}
