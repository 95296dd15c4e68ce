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
        TemplateCommand::Show(args) => show(global, args.slug.as_deref()),
    }
}

fn export(global: &Global, args: &TemplateExportArgs) -> Outcome {
    let sources = crate::diagnostic::Sources::default();
    if let Err(diag) = crate::store::refuse_target(&args.dir, &global.out) {
        report(&sources, &[diag]);
        return Outcome::Failure;
    }
    // The schemas go into the exported folder only when the repository keeps none elsewhere.
    let with_schemas = crate::schema::export_with_schemas(&global.regions, &args.dir);
    let files = builtin::files_with_schemas(if with_schemas {
        crate::schema::schema_files(&crate::load::builtin_template_set())
    } else {
        Vec::new()
    });
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
    if !with_schemas {
        let schemas = display(&crate::schema::repo_dir(&global.regions, &args.dir));
        crate::outln!(
            "{}",
            tr!(
                "the editor schemas stay in {schemas}/ (`rakeplan schema --write` keeps them current)",
                "editorien skeemat pysyvät kansiossa {schemas}/ (`rakeplan schema --write` pitää ne ajan tasalla)",
                "redigerarnas scheman stannar i {schemas}/ (`rakeplan schema --write` håller dem aktuella)"
            )
        );
    }
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

fn show(global: &Global, slug: Option<&str>) -> Outcome {
    let (sources, tset) = match load_template_or_report(global) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let county = slug.map(|s| global.regions.join(s));
    if let Some(dir) = county.as_ref().filter(|d| !d.is_dir()) {
        let shown = display(dir);
        let diag = Diagnostic::error_at_path(
            dir,
            tr!(
                "there is no county folder \"{shown}\"",
                "alueen kansiota \"{shown}\" ei ole",
                "mappen \"{shown}\" för området finns inte"
            ),
        );
        report(&sources, &[diag]);
        return Outcome::Failure;
    }
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
    for used in builtin::used_files(&global.template, county.as_deref()) {
        crate::outln!(
            "  {:<32} {} ({})",
            used.path,
            used.from,
            used.origin.words()
        );
    }
    if slug.is_none() {
        let own = builtin::counties_with_own_files(&global.regions);
        if !own.is_empty() {
            let list = own.join(", ");
            crate::outln!(
                "{}",
                tr!(
                    "counties with files of their own in regions/<slug>/templates/: {list} (see `rakeplan template show <slug>`)",
                    "alueet, joilla on omia tiedostoja kansiossa regions/<alue>/templates/: {list} (katso `rakeplan template show <alue>`)",
                    "områden med egna filer i regions/<område>/templates/: {list} (se `rakeplan template show <område>`)"
                )
            );
        }
    }
    Outcome::Ok
}
