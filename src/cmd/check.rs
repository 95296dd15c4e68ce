//! `rakeplan check`: load and check counties, print every problem, write nothing.

use crate::cli::{Global, SlugArgs};
use crate::cmd::{Outcome, load_and_check, report};
use crate::i18n::{count_fi, is_fi};
use crate::tr;

/// "1 warning", "2 warnings".
fn count_en(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Runs the check.
pub fn run(global: &Global, args: &SlugArgs) -> Outcome {
    let mut loaded = match load_and_check(global, &args.slugs) {
        Ok(l) => l,
        Err((sources, diags)) => {
            report(&sources, &diags, global);
            return Outcome::Failure;
        }
    };
    let mut outcome = Outcome::Ok;
    for (slug, diag) in crate::cmd::edited_records(global, &loaded) {
        if let Some(region) = loaded.regions.iter_mut().find(|r| r.slug == slug) {
            region.diagnostics.push(diag);
        }
    }
    for region in &loaded.regions {
        report(&loaded.sources, &region.diagnostics, global);
        let errors = region.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = region.diagnostics.len() - errors;
        let slug = &region.slug;
        // "kainuu: ok", "kainuu: ok, 2 warnings", "broken: 4 errors, 1 warning".
        let warned = (warnings > 0).then(|| {
            if is_fi() {
                count_fi(warnings, "varoitus", "varoitusta")
            } else {
                count_en(warnings, "warning")
            }
        });
        let summary = if region.has_errors() {
            outcome = Outcome::Problems;
            let errors = errors.max(1);
            let errored = if is_fi() {
                count_fi(errors, "virhe", "virhettä")
            } else {
                count_en(errors, "error")
            };
            [Some(errored), warned]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
        } else {
            [Some(tr!("ok", "kunnossa")), warned]
                .into_iter()
                .flatten()
                .collect()
        };
        crate::errln!("{slug}: {}", summary.join(", "));
    }
    outcome
}
