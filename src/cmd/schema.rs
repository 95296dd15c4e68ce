//! `rakeplan schema [TARGET] [--write [DIR]]`: print the JSON Schema generated from the template
//! (the bundle for every plan file, or one file kind), or write one schema per file kind and
//! language (Finnish at the top of DIR, Swedish in `sv/`, English in `en/`).

use crate::cli::{Global, SchemaArgs};
use crate::cmd::{Outcome, load_template_or_report, report};
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::schema::{
    SchemaInput, bundle, schema_files, schema_for, targets, to_pretty, write_schemas,
};
use crate::tr;

/// Runs the command.
pub fn run(global: &Global, args: &SchemaArgs) -> Outcome {
    let (sources, tset) = match load_template_or_report(global) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let template = &tset.template;
    let lang = match args.doc_lang.as_deref() {
        Some(code) => match Lang::from_code(code) {
            Some(lang) => lang,
            None => {
                let diag = Diagnostic::error(
                    None,
                    tr!(
                        "there are schemas in fi, sv and en, not in \"{code}\"",
                        "skeemat ovat kielillä fi, sv ja en, ei kielellä \"{code}\"",
                        "scheman finns på fi, sv och en, inte på \"{code}\""
                    ),
                );
                report(&sources, &[diag]);
                return Outcome::Failure;
            }
        },
        None => shared_language(global).unwrap_or_else(crate::i18n::lang),
    };
    let input = SchemaInput {
        template,
        labels: &tset.labels,
        lang,
    };
    if let Some(dir) = &args.write {
        let dir = dir.clone().unwrap_or_else(|| default_dir(global));
        if let Err(diag) = crate::store::refuse_target(&dir, &global.out) {
            report(&sources, &[diag]);
            return Outcome::Failure;
        }
        let all = schema_files(&tset);
        if let Err(message) = write_schemas(&dir, &all) {
            report(&sources, &[Diagnostic::error_at_path(&dir, message)]);
            return Outcome::Failure;
        }
        let (count, shown) = (all.len(), crate::fsread::display(&dir));
        crate::outln!(
            "{}",
            tr!(
                "wrote {count} schemas to {shown}/",
                "kirjoitettu {count} skeemaa kansioon {shown}/",
                "skrev {count} scheman till {shown}/"
            )
        );
        if let Some(unused) = crate::schema::unused_dir(&global.regions, &global.template) {
            let unused = crate::fsread::display(&unused);
            crate::outln!(
                "{}",
                tr!(
                    "note: {unused}/ is not used (the editors read {shown}/); delete it",
                    "huom: kansiota {unused}/ ei käytetä (editorit lukevat kansiota {shown}/); poista se",
                    "obs: mappen {unused}/ används inte (redigerarna läser {shown}/); radera den"
                )
            );
        }
        return Outcome::Ok;
    }
    let value = match &args.target {
        None => bundle(&input),
        Some(t) => match schema_for(&input, t) {
            Some(v) => v,
            None => {
                let kinds = targets(template).join(", ");
                let diag = Diagnostic::error(
                    None,
                    tr!(
                        "there is no file kind \"{t}\"",
                        "tiedostotyyppiä \"{t}\" ei ole",
                        "filtypen \"{t}\" finns inte"
                    ),
                )
                .with_hint(tr!(
                    "choose one of: {kinds}",
                    "valitse jokin näistä: {kinds}",
                    "välj en av: {kinds}"
                ));
                report(&sources, &[diag]);
                return Outcome::Failure;
            }
        },
    };
    crate::out!("{}", to_pretty(&value));
    Outcome::Ok
}

/// Where the editor schemas live: the repository's one schema folder
/// ([`crate::schema::repo_dir`]), where the `$schema` lines of `new` point.
pub fn default_dir(global: &Global) -> std::path::PathBuf {
    crate::schema::repo_dir(&global.regions, &global.template)
}

/// The main language the counties under `--regions` share, when they share one.
fn shared_language(global: &Global) -> Option<Lang> {
    crate::cmd::county_language(
        global,
        &crate::cmd::Command::Verify(crate::cli::SlugArgs { slugs: Vec::new() }),
    )
}
