//! `rakeplan build`: check, then build each county ([`crate::project::build`]) and say what
//! became of it. With any error nothing is written.

use std::path::Path;

use crate::cli::{BuildArgs, Global};
use crate::cmd::{Outcome, report, say};
use crate::diagnostic::{Diagnostic, Sources};
use crate::model::Plan;
use crate::project::build::{Done, Event, Options};
use crate::store;
use crate::tr;

/// Runs the build.
pub fn run(global: &Global, args: &BuildArgs) -> Outcome {
    let project = crate::cmd::project(global);
    let loaded = match project.load(&args.which.slugs) {
        Ok(l) => l,
        Err(problems) => return crate::cmd::fail(&problems),
    };
    let mut failed = false;
    for region in &loaded.regions {
        report(&loaded.sources, &region.diagnostics);
        failed |= region.has_errors();
    }
    if failed {
        say(Diagnostic::error(
            None,
            tr!(
                "nothing was built; fix the errors above and run `rakeplan build` again",
                "mitään ei rakennettu; korjaa yllä luetellut virheet ja aja `rakeplan build` \
                 uudelleen",
                "ingenting byggdes; rätta felen ovan och kör `rakeplan build` igen"
            ),
        ));
        return Outcome::Problems;
    }
    let redline_against = match args.redline_against.as_deref() {
        None => None,
        Some(version) => match crate::names::Version::parse(version) {
            Some(v) => Some(v),
            None => {
                say(Diagnostic::error(
                    None,
                    tr!(
                        "--redline-against takes a stored version such as 1.0, not \"{version}\"",
                        "valitsimelle --redline-against annetaan tallennettu versio, esimerkiksi \
                         1.0, eikä \"{version}\"",
                        "--redline-against tar en sparad version, till exempel 1.0, inte \"{version}\""
                    ),
                ));
                return Outcome::Failure;
            }
        },
    };
    // One writer at a time; held until the end of the run.
    let _lock = match crate::cmd::lock_store(global) {
        Ok(lock) => lock,
        Err(outcome) => return outcome,
    };
    let options = Options { redline_against };
    let outcome = std::sync::Mutex::new(Outcome::Ok);
    let worse = |o: Outcome| {
        let mut now = outcome.lock().unwrap_or_else(|e| e.into_inner());
        if o as i32 > *now as i32 {
            *now = o;
        }
    };
    let progress = std::sync::Mutex::new(None::<indicatif::ProgressBar>);
    project.build(&loaded, &options, &|event| match event {
        Event::Refused(_, diags) => {
            report(&Sources::default(), &diags);
            worse(Outcome::Problems);
        }
        Event::Unchanged(plan, dir) => {
            print_stored(&tr!("unchanged", "ennallaan", "oförändrad"), plan, &dir)
        }
        Event::NotStored(_, err) => {
            report(&Sources::default(), &err.diagnostics());
            worse(Outcome::Problems);
        }
        Event::Rendering(n) => {
            *progress.lock().unwrap_or_else(|e| e.into_inner()) =
                crate::cmd::progress_bar(n, &tr!("building", "rakennetaan", "bygger"));
        }
        Event::Done(plan, done, warnings) => {
            // Each county is reported as it is done (above the bar on a terminal), so a
            // long run's log shows its progress.
            let say = || report_done(plan, &done, &warnings);
            match &*progress.lock().unwrap_or_else(|e| e.into_inner()) {
                Some(bar) => {
                    bar.suspend(say);
                    bar.inc(1);
                }
                None => say(),
            }
            worse(match done {
                Done::Built(_) => Outcome::Ok,
                Done::NotRendered(_) | Done::NotStored(store::StoreError::Io { .. }) => {
                    Outcome::Failure
                }
                Done::NotStored(_) => Outcome::Problems,
            });
        }
        Event::Retired(slug, version) => {
            if let Some(bar) = progress.lock().unwrap_or_else(|e| e.into_inner()).take() {
                bar.finish_and_clear();
            }
            println!(
                "{}",
                tr!(
                    "retired: {slug} draft {version} (version {version} or a later one is approved)",
                    "poistettu: {slug} luonnos {version} (versio {version} tai uudempi on hyväksytty)",
                    "borttaget: {slug} utkast {version} (version {version} eller en senare är godkänd)"
                )
            )
        }
        Event::NotRetired(slug, err) => say(Diagnostic::warning(
            None,
            tr!(
                "the old draft of {slug} could not be removed: {err}",
                "alueen {slug} vanhaa luonnosta ei voitu poistaa: {err}",
                "det gamla utkastet för {slug} kunde inte tas bort: {err}"
            ),
        )),
    });
    if let Some(bar) = progress.into_inner().unwrap_or_else(|e| e.into_inner()) {
        bar.finish_and_clear();
    }
    outcome.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// Prints what became of one county: typst's warnings, then where it was stored or why not.
fn report_done(plan: &Plan, done: &Done, warnings: &[Diagnostic]) {
    let empty = Sources::default();
    report(&empty, warnings);
    match done {
        Done::Built(dir) => print_stored(&tr!("built", "rakennettu", "byggd"), plan, dir),
        Done::NotRendered(diags) => {
            report(&empty, diags);
            let slug = &plan.slug;
            say(Diagnostic::error(
                None,
                tr!(
                    "{slug} was not built; the files stored earlier are untouched",
                    "suunnitelmaa \"{slug}\" ei rakennettu; aiemmin tallennetut tiedostot ovat \
                     ennallaan",
                    "planen \"{slug}\" byggdes inte; de filer som sparats tidigare är orörda"
                ),
            ));
        }
        Done::NotStored(err) => report(&Sources::default(), &err.diagnostics()),
    }
}

/// Prints one line per stored county: "built: kainuu 1.2 (draft) → output/kainuu/draft/".
fn print_stored(what: &str, plan: &Plan, dir: &Path) {
    crate::outln!(
        "{what}: {} {} ({}) → {}/",
        plan.slug,
        plan.meta.version,
        plan.meta.status.as_str(),
        crate::fsread::display(dir)
    );
}
