//! `rakeplan values import FILE --county SLUG`: measured values from a CSV or a Sotkanet
//! download into a county's indicators ([`crate::project::values`]), saying what was added
//! and changed; every bad row is named by its line and then nothing is written.

use std::path::PathBuf;

use crate::cli::Global;
use crate::cmd::{Outcome, report};
use crate::project::values::{ImportOptions, Imported, NotImported};
use crate::tr;

/// Subcommands of `values`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ValuesCommand {
    /// Read measured values from FILE into the county's indicators' `values:`: a CSV of
    /// code,year,value (code: the indicator's national code such as sotkanet:3078, or its
    /// id), or a Sotkanet download. Comments and layout of the YAML stay.
    Import(ImportArgs),
}

/// Arguments of `values import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The file of values (CSV with `,`, `;` or tab; UTF-8, UTF-16 or Windows-1252).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// County folder name under --regions.
    #[arg(long, value_name = "SLUG")]
    pub county: String,
    /// In a file of many regions (a Sotkanet download), the region whose rows to read;
    /// by default the one named like the county.
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
    /// Say what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs the command.
pub fn run(global: &Global, command: &ValuesCommand) -> Outcome {
    let ValuesCommand::Import(args) = command;
    let options = ImportOptions {
        region: args.region.clone(),
        dry_run: args.dry_run,
    };
    let project = crate::cmd::project(global);
    match project.import_values(&args.county, &args.file, &options) {
        Ok(imported) => {
            tell(&args.county, &imported, args.dry_run);
            Outcome::Ok
        }
        Err(NotImported::Plan(problems)) => {
            report(&problems.sources, &problems.diagnostics);
            Outcome::Problems
        }
        Err(NotImported::Stop(problems)) => crate::cmd::fail(&problems),
    }
}

/// Says what the import did (or would do).
fn tell(slug: &str, imported: &Imported, dry_run: bool) {
    // As the user's language writes numbers: 60,5 in Finnish and Swedish.
    let number = |v: f64| match crate::i18n::lang() {
        crate::i18n::Lang::En => crate::values::write::yaml_number(v),
        _ => crate::numbers::format_number(v),
    };
    if let Some(encoding) = imported.encoding {
        crate::outln!(
            "{}",
            tr!(
                "read as {encoding} (the file is not UTF-8)",
                "luettu merkistönä {encoding} (tiedosto ei ole UTF-8)",
                "läst som {encoding} (filen är inte UTF-8)"
            )
        );
    }
    if let Some(region) = &imported.region {
        crate::outln!(
            "{}",
            tr!(
                "rows of the region \"{region}\"",
                "alueen \"{region}\" rivit",
                "rader för området \"{region}\""
            )
        );
    }
    if imported.changes.is_empty() {
        crate::outln!(
            "{}",
            tr!(
                "{slug}: the plan already has every value of the file; nothing to change",
                "{slug}: suunnitelmassa on jo kaikki tiedoston arvot; ei muutettavaa",
                "{slug}: planen har redan alla värden i filen; inget att ändra"
            )
        );
    } else {
        let files = imported.files.join(", ");
        let head = if dry_run {
            tr!(
                "{slug}: would change {files} (--dry-run: nothing written):",
                "{slug}: muuttaisi tiedostoa {files} (--dry-run: mitään ei kirjoitettu):",
                "{slug}: skulle ändra {files} (--dry-run: inget skrevs):"
            )
        } else {
            tr!(
                "{slug}: {files} updated:",
                "{slug}: {files} päivitetty:",
                "{slug}: {files} uppdaterad:"
            )
        };
        crate::outln!("{head}");
        for change in &imported.changes {
            let (id, year, after) = (&change.indicator, change.year, number(change.after));
            let line = match change.before {
                None => tr!(
                    "  {id}: added {year}: {after}",
                    "  {id}: lisätty {year}: {after}",
                    "  {id}: tillagt {year}: {after}"
                ),
                Some(before) => {
                    let before = number(before);
                    tr!(
                        "  {id}: changed {year}: {before} → {after}",
                        "  {id}: muutettu {year}: {before} → {after}",
                        "  {id}: ändrat {year}: {before} → {after}"
                    )
                }
            };
            crate::outln!("{line}");
        }
    }
    let (same, empty, other) = (imported.unchanged, imported.empty, imported.other);
    if same + empty + other == 0 {
        return;
    }
    crate::outln!(
        "{}",
        tr!(
            "{same} value(s) as before; {empty} row(s) without a value and {other} row(s) of other regions or genders left out",
            "{same} arvoa ennallaan; {empty} riviä ilman arvoa ja {other} riviä muilta alueilta tai sukupuolilta jätetty pois",
            "{same} värde(n) som förut; {empty} rad(er) utan värde och {other} rad(er) för andra områden eller kön utelämnade"
        )
    );
}
