//! `rakeplan publish`: the static intranet site from the revision store into `<out>/site/`
//! (or `--site DIR`), by [`crate::project::publish`], and what became of it.

use crate::cli::{Global, PublishArgs};
use crate::cmd::{Outcome, report, say};
use crate::diagnostic::Diagnostic;
use crate::fsread::display;
use crate::project::publish::{NotPublished, Published};
use crate::tr;

/// Runs the publish.
pub fn run(global: &Global, args: &PublishArgs) -> Outcome {
    let site_dir = args.site.clone().unwrap_or_else(|| global.out.join("site"));
    let _lock = match crate::cmd::lock_store(global) {
        Ok(lock) => lock,
        Err(outcome) => return outcome,
    };
    let spinner = crate::cmd::spinner(&tr!("publishing", "julkaistaan", "publicerar"));
    let published = crate::cmd::project(global).publish(&site_dir);
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    let Published {
        counties: n,
        pages,
        files,
    } = match published {
        Ok(published) => published,
        Err(NotPublished::Unverified(problems)) => {
            report(&problems.sources, &problems.diagnostics);
            say(Diagnostic::error(
                None,
                tr!(
                    "the site was not published: the store fails verification \
                     (`rakeplan verify` lists every problem); the previous site is untouched",
                    "sivustoa ei julkaistu, koska versiovarastoa ei voi todentaa \
                     (`rakeplan verify` luettelee ongelmat); edellinen sivusto on ennallaan",
                    "webbplatsen publicerades inte, eftersom versionsarkivet inte kan verifieras (`rakeplan verify` listar alla problem); den tidigare webbplatsen är orörd"
                ),
            ));
            return Outcome::Problems;
        }
        Err(NotPublished::Stop(problems)) => {
            report(&problems.sources, &problems.diagnostics);
            say(Diagnostic::error(
                None,
                tr!(
                    "the site was not published; the previous site is untouched",
                    "sivustoa ei julkaistu; edellinen sivusto on ennallaan",
                    "webbplatsen publicerades inte; den tidigare webbplatsen är orörd"
                ),
            ));
            return Outcome::Failure;
        }
    };
    let site = display(&site_dir);
    crate::outln!(
        "{}",
        tr!(
            "published {n} counties, {pages} pages, {files} files → {site}/index.html",
            "julkaistu {n} hyvinvointialuetta, {pages} sivua, {files} tiedostoa → {site}/index.html",
            "publicerade {n} välfärdsområden, {pages} sidor, {files} filer → {site}/index.html"
        )
    );
    Outcome::Ok
}
