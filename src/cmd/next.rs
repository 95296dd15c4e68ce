//! `rakeplan next SLUG [--version V]`: starts the next version of a county's plan from the
//! approved one ([`crate::project::next`]) and says what to do next.

use crate::cli::{Global, NextArgs};
use crate::cmd::{Outcome, report};
use crate::project::next::NotStarted;
use crate::tr;

/// Runs the command.
pub fn run(global: &Global, args: &NextArgs) -> Outcome {
    let slug = &args.slug;
    let today = crate::date::Date::today();
    let started = match crate::cmd::project(global).start_next(slug, args.version.as_deref(), today)
    {
        Ok(started) => started,
        Err(NotStarted::Plan(problems)) => {
            report(&problems.sources, &problems.diagnostics);
            return Outcome::Problems;
        }
        Err(NotStarted::Stop(problems)) => return crate::cmd::fail(&problems),
    };
    let (next, current) = (&started.next, &started.from);
    crate::outln!(
        "{}",
        tr!(
            "{slug}: version {next} started as a draft from approved {current}: plan.yaml has the new \
             version, status and date, no decisions, and a change-log entry to fill in",
            "{slug}: versio {next} aloitettu luonnoksena hyväksytystä versiosta {current}: \
             tiedostossa plan.yaml on uusi versio, tila ja päivämäärä, ei käsittelyjä ja \
             täydennettävä muutoshistorian merkintä",
            "{slug}: version {next} har påbörjats som utkast utifrån den godkända versionen {current}: plan.yaml har ny version, status och datum, inga behandlingar och en rad i ändringshistoriken att fylla i"
        )
    );
    crate::outln!(
        "{}",
        tr!(
            "next: describe the changes under `changelog:`, edit the sections, and build the approval \
             packet with `rakeplan build {slug} --redline-against {current}`",
            "seuraavaksi: kuvaa muutokset kohtaan `changelog:`, muokkaa lukuja ja tee \
             käsittelyaineisto komennolla `rakeplan build {slug} --redline-against {current}`",
            "nästa steg: beskriv ändringarna under `changelog:`, redigera kapitlen och gör beslutsunderlaget med `rakeplan build {slug} --redline-against {current}`"
        )
    );
    Outcome::Ok
}
