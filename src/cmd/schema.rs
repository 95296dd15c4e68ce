//! `rakeplan schema [TARGET] [--write [DIR]]`: print the JSON Schema generated from the template
//! (the bundle for every plan file, or one file kind), or write one schema per file kind.

use crate::cli::{Global, SchemaArgs};
use crate::cmd::{Outcome, load_template_or_report, report};
use crate::diagnostic::Diagnostic;
use crate::load;
use crate::schema::{bundle, schema_for, targets};
use crate::store::write_atomic;
use crate::tr;

/// Runs the command.
pub fn run(global: &Global, args: &SchemaArgs) -> Outcome {
    let (sources, tset) = match load_template_or_report(global) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let template = &tset.template;
    if let Some(dir) = &args.write {
        let dir = dir.clone().unwrap_or_else(|| default_dir(global));
        let all = schema_files(template);
        if let Err(message) = write_schemas(&dir, &all) {
            report(
                &sources,
                &[Diagnostic::error_at_path(&dir, message)],
                global,
            );
            return Outcome::Failure;
        }
        let (count, shown) = (all.len(), load::display(&dir));
        println!(
            "{}",
            tr!(
                "wrote {count} schemas to {shown}/",
                "kirjoitettu {count} skeemaa kansioon {shown}/"
            )
        );
        return Outcome::Ok;
    }
    let value = match &args.target {
        None => bundle(template),
        Some(t) => match schema_for(template, t) {
            Some(v) => v,
            None => {
                let kinds = targets(template).join(", ");
                let diag = Diagnostic::error(
                    None,
                    tr!(
                        "there is no file kind \"{t}\"",
                        "tiedostotyyppiä \"{t}\" ei ole"
                    ),
                )
                .with_hint(tr!(
                    "choose one of: {kinds}",
                    "valitse jokin näistä: {kinds}"
                ));
                report(&sources, &[diag], global);
                return Outcome::Failure;
            }
        },
    };
    print!("{}", pretty(&value));
    Outcome::Ok
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("schemas serialise");
    s.push('\n');
    s
}

/// Where the editor schemas live, so that the `$schema` lines `new` writes find them: the
/// template folder's `schema/` when the repository has a template folder (as this one does),
/// otherwise `schema/` beside the regions folder (a county's repository made by `init`).
pub fn default_dir(global: &Global) -> std::path::PathBuf {
    if global.template.is_dir() {
        global.template.join("schema")
    } else {
        global
            .regions
            .parent()
            .unwrap_or(std::path::Path::new(""))
            .join("schema")
    }
}

/// One schema per file kind and the bundle for every file, as (file name, JSON text).
pub fn schema_files(template: &crate::template::Template) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = targets(template)
        .iter()
        .map(|t| {
            (
                format!("{t}.schema.json"),
                pretty(&schema_for(template, t).expect("known")),
            )
        })
        .collect();
    all.push(("plan-files.schema.json".into(), pretty(&bundle(template))));
    all
}

/// Writes `files` into `dir` (created when missing), each atomically; the message in the
/// language of messages on failure.
pub fn write_schemas(dir: &std::path::Path, files: &[(String, String)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|err| {
        tr!(
            "cannot create the folder: {err}",
            "kansiota ei voi luoda: {err}"
        )
    })?;
    for (name, text) in files {
        write_atomic(&dir.join(name), text.as_bytes()).map_err(|err| err.message())?;
    }
    Ok(())
}
