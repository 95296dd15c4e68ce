//! `rakeplan export [--drafts] [--dir DIR]`: every county's plan in force (and with
//! `--drafts` its draft) as the national dataset ([`crate::export`]), read from the verified
//! store, into a folder of CSV files, JSON with its schema and a data dictionary.

use std::path::PathBuf;

use crate::cli::Global;
use crate::cmd::{Outcome, report, say};
use crate::diagnostic::{Diagnostic, Sources};
use crate::tr;

/// Arguments of `export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// Where to write the dataset (outside the store).
    #[arg(long, value_name = "DIR", default_value = "national-export")]
    pub dir: PathBuf,
    /// Each county's draft too, besides its version in force.
    #[arg(long)]
    pub drafts: bool,
}

/// Runs the export.
pub fn run(global: &Global, args: &ExportArgs) -> Outcome {
    if let Err(diag) = crate::store::refuse_target(&args.dir, &global.out) {
        say(diag);
        return Outcome::Failure;
    }
    let counties = match crate::site::read_store(&global.out) {
        Ok(counties) => counties,
        Err(diags) => {
            report(&Sources::default(), &diags);
            say(Diagnostic::error(
                None,
                tr!(
                    "nothing was exported: the store fails verification (`rakeplan verify` lists every problem)",
                    "mitään ei viety: versiovarastoa ei voi todentaa (`rakeplan verify` luettelee ongelmat)",
                    "ingenting exporterades: versionsarkivet kan inte verifieras (`rakeplan verify` listar alla problem)"
                ),
            ));
            return Outcome::Problems;
        }
    };
    let options = crate::export::Options {
        drafts: args.drafts,
    };
    let tables = crate::export::dataset(&counties, options);
    let files = match crate::export::files(&tables, crate::export::as_of(&counties, options)) {
        Ok(files) => files,
        Err(message) => {
            say(Diagnostic::error(
                None,
                tr!(
                    "cannot make the workbook: {message}",
                    "työkirjaa ei voi tehdä: {message}",
                    "det går inte att göra arbetsboken: {message}"
                ),
            ));
            return Outcome::Failure;
        }
    };
    for (path, bytes) in files {
        let target = args.dir.join(&path);
        if let Err(err) = crate::fswrite::write_file(&target, &bytes) {
            let shown = crate::fsread::display(&target);
            say(Diagnostic::error(
                None,
                tr!(
                    "cannot write \"{shown}\": {err}",
                    "tiedostoa \"{shown}\" ei voi kirjoittaa: {err}",
                    "det går inte att skriva \"{shown}\": {err}"
                ),
            ));
            return Outcome::Failure;
        }
    }
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    let (n, dir) = (tables.len(), crate::fsread::display(&args.dir));
    crate::outln!(
        "{}",
        tr!(
            "exported {n} tables, {rows} rows → {dir}/ (DATA-DICTIONARY.md describes them)",
            "viety {n} taulukkoa, {rows} riviä → {dir}/ (DATA-DICTIONARY.md kuvaa ne)",
            "exporterade {n} tabeller, {rows} rader → {dir}/ (DATA-DICTIONARY.md beskriver dem)"
        )
    );
    Outcome::Ok
}
