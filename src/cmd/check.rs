//! `rakeplan check`: load and check counties, print every problem, write nothing.

use crate::cli::{CheckArgs, CheckFormat, Global};
use crate::cmd::{Outcome, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::i18n::count;
use crate::tr;

/// Runs the check.
pub fn run(global: &Global, args: &CheckArgs) -> Outcome {
    let mut loaded = match crate::cmd::project(global).load(&args.which.slugs) {
        Ok(l) => l,
        Err(problems) => {
            if args.format == CheckFormat::Human {
                report(&problems.sources, &problems.diagnostics);
            } else {
                print_as_data(&problems.sources, &problems.diagnostics, args.format);
            }
            return Outcome::Failure;
        }
    };
    let mut outcome = Outcome::Ok;
    for (slug, diag) in crate::cmd::project(global).edited_records(&loaded) {
        if let Some(region) = loaded.regions.iter_mut().find(|r| r.slug == slug) {
            region.diagnostics.push(diag);
        }
    }
    if args.format != CheckFormat::Human {
        let all: Vec<Diagnostic> = loaded
            .regions
            .iter()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .collect();
        print_as_data(&loaded.sources, &all, args.format);
    }
    for region in &loaded.regions {
        if args.format == CheckFormat::Human {
            report(&loaded.sources, &region.diagnostics);
        }
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

/// Prints diagnostics on stdout as data: JSON records, GitHub annotations or a GitLab
/// code-quality report (see [`crate::diagnostic::Record`]).
fn print_as_data(sources: &Sources, diagnostics: &[Diagnostic], format: CheckFormat) {
    let text = match format {
        CheckFormat::Human => return,
        CheckFormat::Json => serde_json::to_string_pretty(&sources.records(diagnostics))
            .unwrap_or_else(|_| "[]".to_owned()),
        CheckFormat::Github => sources.render_github(diagnostics),
        CheckFormat::Gitlab => sources.render_gitlab(diagnostics),
    };
    crate::outln!("{}", text.trim_end());
}
