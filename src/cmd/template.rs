//! `rakeplan template export [DIR]` writes the national template built into rakeplan (and
//! the JSON Schemas generated from it) into a folder, for a county or THL to change;
//! `rakeplan template show` tells, file by file, whether the template folder or the built-in
//! copy is used. The lookup itself is [`crate::builtin`]'s.

use crate::builtin;
use crate::cli::{Global, TemplateCommand, TemplateExportArgs};
use crate::cmd::{Outcome, load_template_or_report, report};
use crate::diagnostic::Diagnostic;
use crate::fsread::display;
use crate::tr;

/// Runs `template <subcommand>`.
pub fn run(global: &Global, command: &TemplateCommand) -> Outcome {
    match command {
        TemplateCommand::Export(args) => export(global, args),
        TemplateCommand::Show => show(global),
    }
}

fn export(global: &Global, args: &TemplateExportArgs) -> Outcome {
    let sources = crate::diagnostic::Sources::default();
    if let Err(diag) = crate::store::refuse_target(&args.dir, &global.out) {
        report(&sources, &[diag]);
        return Outcome::Failure;
    }
    let files = builtin::files_with_schemas(crate::cmd::schema::schema_files(
        &crate::load::builtin_template_set(),
    ));
    let done = match builtin::export(&args.dir, &files, args.force) {
        Ok(done) => done,
        Err(err) => {
            let shown = display(&args.dir);
            let diag = Diagnostic::error_at_path(
                &args.dir,
                tr!(
                    "cannot write the template into \"{shown}\": {err}",
                    "suunnitelmapohjaa ei voi kirjoittaa kansioon \"{shown}\": {err}",
                    "det går inte att skriva planmallen i mappen \"{shown}\": {err}"
                ),
            );
            report(&sources, &[diag]);
            return Outcome::Failure;
        }
    };
    let differ = builtin::differing(&done);
    if !differ.is_empty() {
        let list = differ.join(", ");
        let diag = Diagnostic::error_at_path(
            &args.dir,
            tr!(
                "these files differ from the built-in template: {list}; nothing was written",
                "nämä tiedostot poikkeavat sisäänrakennetusta pohjasta: {list}; mitään ei \
                 kirjoitettu",
                "de här filerna skiljer sig från den inbyggda mallen: {list}; ingenting skrevs"
            ),
        )
        .with_hint(tr!(
            "add --force to overwrite them, or export into an empty folder and compare",
            "lisää --force, jos ne korvataan, tai vie pohja tyhjään kansioon ja vertaa",
            "lägg till --force för att skriva över dem, eller exportera till en tom mapp och jämför"
        ));
        report(&sources, &[diag]);
        return Outcome::Failure;
    }
    let written = builtin::written(&done);
    let (version, shown) = (builtin::version(), display(&args.dir));
    crate::outln!(
        "{}",
        tr!(
            "wrote the national template {version} to {shown}/ ({written} files written, the rest unchanged)",
            "kansallinen suunnitelmapohja {version} kirjoitettu kansioon {shown}/ ({written} \
             tiedostoa kirjoitettu, muut ennallaan)",
            "skrev den nationella planmallen {version} till {shown}/ ({written} filer skrivna, övriga oförändrade)"
        )
    );
    if written == 0 {
        return Outcome::Ok;
    }
    crate::outln!(
        "{}",
        tr!(
            "rakeplan now reads these files instead of its own; delete those you do not change, \
             so that they follow rakeplan's updates",
            "rakeplan käyttää nyt näitä tiedostoja omiensa sijaan; poista ne, joita et muuta, \
             niin ne päivittyvät rakeplanin mukana",
            "rakeplan läser nu de här filerna i stället för sina egna; radera dem som du inte ändrar, så följer de rakeplans uppdateringar"
        )
    );
    Outcome::Ok
}

fn show(global: &Global) -> Outcome {
    let (_, tset) = match load_template_or_report(global) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    crate::outln!(
        "{}",
        tr!(
            "national template {} (built in: {})",
            "kansallinen suunnitelmapohja {} (sisäänrakennettu: {})",
            "nationell planmall {} (inbyggd: {})",
            tset.template.version,
            builtin::version()
        )
    );
    for (path, _) in builtin::FILES {
        let on_disk = builtin::join_slashed(&global.template, path);
        let from = if std::fs::symlink_metadata(&on_disk).is_ok() {
            display(&on_disk)
        } else {
            format!("{}{path}", builtin::ORIGIN_PREFIX)
        };
        crate::outln!("  {path:<32} {from}");
    }
    Outcome::Ok
}
