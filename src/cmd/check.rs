//! `rakeplan check`: load and check counties, print every problem, write nothing.

use crate::cli::{Global, SlugArgs};
use crate::cmd::{Outcome, report};
use crate::i18n::count;
use crate::tr;

/// Runs the check.
pub fn run(global: &Global, args: &SlugArgs) -> Outcome {
    let mut loaded = match crate::cmd::project(global).load(&args.slugs) {
        Ok(l) => l,
        Err(problems) => {
            crate::cmd::report(&problems.sources, &problems.diagnostics);
            return Outcome::Failure;
        }
    };
    let mut outcome = Outcome::Ok;
    for (slug, diag) in crate::cmd::project(global).edited_records(&loaded) {
        if let Some(region) = loaded.regions.iter_mut().find(|r| r.slug == slug) {
            region.diagnostics.push(diag);
        }
    }
    for region in &loaded.regions {
        report(&loaded.sources, &region.diagnostics);
        let errors = region.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = region.diagnostics.len() - errors;
        let slug = &region.slug;
        // "kainuu: ok", "kainuu: ok, 2 warnings", "broken: 4 errors, 1 warning".
        let warned = (warnings > 0).then(|| {
            count(
                warnings,
                ["warning", "varoitus", "varning"],
                ["warnings", "varoitusta", "varningar"],
            )
        });
        let summary = if region.has_errors() {
            outcome = Outcome::Problems;
            let errors = errors.max(1);
            let errored = count(
                errors,
                ["error", "virhe", "fel"],
                ["errors", "virhettä", "fel"],
            );
            [Some(errored), warned]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
        } else {
            [Some(tr!("ok", "kunnossa", "ok")), warned]
                .into_iter()
                .flatten()
                .collect()
        };
        crate::errln!("{slug}: {}", summary.join(", "));
    }
    outcome
}
