//! `rakeplan schema [TARGET] [--write DIR]`: print the JSON Schema generated from the template
//! (the bundle for every plan file, or one file kind), or write one schema per file kind.

use crate::cli::{Global, SchemaArgs};
use crate::cmd::{Outcome, load_template_or_report, report};
use crate::diagnostic::Diagnostic;
use crate::load;
use crate::schema::{SchemaInput, bundle, schema_for, targets, to_pretty};
use crate::store::write_atomic;
use crate::tr;

/// Runs the command.
pub fn run(global: &Global, args: &SchemaArgs) -> Outcome {
    let (sources, tset) = match load_template_or_report(global) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let template = &tset.template;
    let input = SchemaInput {
        template,
        labels: &tset.labels,
    };
    let pretty = to_pretty;
    if let Some(dir) = &args.write {
        let mut all: Vec<(String, String)> = targets(template)
            .iter()
            .map(|t| {
                (
                    format!("{t}.schema.json"),
                    pretty(&schema_for(&input, t).expect("known")),
                )
            })
            .collect();
        all.push(("plan-files.schema.json".into(), pretty(&bundle(&input))));
        if let Err(err) = std::fs::create_dir_all(dir) {
            report(
                &sources,
                &[Diagnostic::error_at_path(
                    dir,
                    tr!(
                        "cannot create the folder: {err}",
                        "kansiota ei voi luoda: {err}"
                    ),
                )],
                global,
            );
            return Outcome::Failure;
        }
        for (name, text) in &all {
            if let Err(err) = write_atomic(&dir.join(name), text.as_bytes()) {
                eprintln!("{}", tr!("error: {}", "virhe: {}", err.message()));
                return Outcome::Failure;
            }
        }
        let (count, shown) = (all.len(), load::display(dir));
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
        None => bundle(&input),
        Some(t) => match schema_for(&input, t) {
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
