//! `rakeplan new SLUG --name "..."`: scaffold a county from the template. Refuses to touch
//! an existing folder; writes into a temporary folder first and renames it into place, so a
//! failure leaves nothing half made.

use std::path::{Component, Path, PathBuf};

use crate::cli::{Global, NewArgs};
use crate::cmd::{Outcome, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::load::{self, display, is_valid_id};
use crate::model::Date;
use crate::scaffold::{ScaffoldInput, scaffold};

/// Runs the scaffold.
pub fn run(global: &Global, args: &NewArgs) -> Outcome {
    let mut sources = Sources::default();
    let fail = |sources: &Sources, diag: Diagnostic| {
        report(sources, &[diag], global);
        Outcome::Failure
    };
    if !is_valid_id(&args.slug) {
        return fail(
            &sources,
            Diagnostic::error(
                None,
                format!("\"{}\" cannot be a county folder name", args.slug),
            )
            .with_hint(format!(
                "use lowercase letters a-z, digits and '-', for example \"{}\"",
                load::slugify(&args.slug)
            )),
        );
    }
    let tset = match load::load_template(&global.template, &mut sources) {
        Ok(t) => t,
        Err(diags) => {
            report(&sources, &diags, global);
            return Outcome::Failure;
        }
    };
    let dir = global.regions.join(&args.slug);
    if dir.exists() {
        return fail(
            &sources,
            Diagnostic::error_at_path(
                &dir,
                format!("the folder \"{}\" already exists", display(&dir)),
            )
            .with_hint("choose another name, or edit the existing county"),
        );
    }
    let schema_dir = relative(&dir, &global.template.join("schema"));
    let files = scaffold(&ScaffoldInput {
        template: &tset.template,
        name: &args.name,
        today: today(),
        schema_dir: &schema_dir,
    });
    let tmp = global
        .regions
        .join(format!(".{}.new-{}", args.slug, std::process::id()));
    let written = (|| -> std::io::Result<()> {
        for file in &files {
            let path = tmp.join(&file.path);
            std::fs::create_dir_all(path.parent().expect("scaffold paths have a parent"))?;
            std::fs::write(path, &file.text)?;
        }
        std::fs::rename(&tmp, &dir)
    })();
    if let Err(err) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return fail(
            &sources,
            Diagnostic::error_at_path(&dir, format!("cannot create \"{}\": {err}", display(&dir))),
        );
    }
    println!("created {}/ with {} files", display(&dir), files.len());
    println!(
        "next: fill in the {} placeholders, then run `rakeplan check {}`",
        crate::scaffold::PLACEHOLDER,
        args.slug
    );
    Outcome::Ok
}

/// Today's date, or the date of SOURCE_DATE_EPOCH when it is set (reproducible scaffolds).
fn today() -> Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    Date::from_unix(secs)
}

/// The path from folder `from` to `to`, with `/` separators (for the schema line).
fn relative(from: &Path, to: &Path) -> String {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_owned()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        out
    };
    let (from, to) = (abs(from), abs(to));
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.components().count() - common;
    let mut parts: Vec<String> = vec!["..".to_owned(); ups];
    parts.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}
