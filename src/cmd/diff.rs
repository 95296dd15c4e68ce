//! `rakeplan diff SLUG FROM TO`: compares two versions ([`crate::project::compare`]) and
//! writes the redline as text, JSON, a redline HTML page or a redline PDF, to standard output
//! or atomically to a file. A PDF never goes to a terminal. Exit 0 when the plans are the
//! same, 1 when they differ, 2 on any error.

use std::io::{IsTerminal, Write};

use crate::cli::{DiffArgs, DiffFormat, Global};
use crate::cmd::{Outcome, fail, say};
use crate::diagnostic::Diagnostic;
use crate::{store, tr};

/// Runs the comparison.
pub fn run(global: &Global, args: &DiffArgs) -> Outcome {
    if let Some(path) = &args.output
        && let Err(diag) = store::refuse_target(path, &global.out)
    {
        say(diag);
        return Outcome::Failure;
    }
    if !crate::names::is_county_name(&args.slug) {
        say(crate::project::bad_county_name(
            &global.regions.join(&args.slug),
            &args.slug,
        ));
        return Outcome::Failure;
    }
    if args.format == DiffFormat::Pdf && args.output.is_none() && std::io::stdout().is_terminal() {
        let diag = Diagnostic::error(
            None,
            tr!(
                "a PDF is not shown on the terminal",
                "PDF-tiedostoa ei tulosteta päätteelle",
                "en PDF-fil visas inte i terminalen"
            ),
        )
        .with_hint(tr!(
            "add `-o muutokset.pdf` to write it to a file",
            "lisää `-o muutokset.pdf`, niin se kirjoitetaan tiedostoon",
            "lägg till `-o andringar.pdf` så skrivs den till en fil"
        ));
        say(diag);
        return Outcome::Failure;
    }
    let project = crate::cmd::project(global);
    let lang = args.doc_lang.as_deref();
    let compared = match project.compare(&args.slug, &args.from, &args.to, lang, args.only_changes)
    {
        Ok(c) => c,
        Err(problems) => return fail(&problems),
    };
    let (doc, set) = (&compared.doc, &compared.set);
    // Colour only on the way to a terminal (or when asked), never into a file.
    let color = args.output.is_none() && crate::console::color(std::io::stdout().is_terminal());
    let date = compared.new.meta.date;
    let body = match crate::render::redline_bytes(doc, args.format, &compared.dirs, date, color) {
        Ok(body) => body,
        Err(diags) => return fail(&diags.into()),
    };
    let (from, to) = (&doc.from.name, &doc.to.name);
    let same = tr!(
        "no differences between {from} and {to}",
        "ei eroja: {from} ja {to} ovat sisällöltään samat",
        "inga skillnader: {from} och {to} har samma innehåll"
    );
    match &args.output {
        Some(path) => {
            let shown = crate::fsread::display(path);
            if let Err(err) = store::write_atomic(path, &body) {
                let message = tr!(
                    "cannot write \"{shown}\": {err}",
                    "tiedostoa \"{shown}\" ei voi kirjoittaa: {err}",
                    "det går inte att skriva \"{shown}\": {err}"
                );
                say(Diagnostic::error(None, message));
                return Outcome::Failure;
            }
            if doc.same && set.is_empty() {
                crate::errln!("{same}");
            } else {
                let n: usize = doc.groups.iter().map(|g| g.changes.len()).sum();
                let counted = crate::i18n::count(
                    n,
                    ["change", "muutos", "ändring"],
                    ["changes", "muutosta", "ändringar"],
                );
                crate::errln!("{counted} → {shown}");
            }
        }
        None => {
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = std::io::stdout().lock().write_all(&body);
            if set.is_empty() && args.format != DiffFormat::Text {
                crate::errln!("{same}");
            }
        }
    }
    if set.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Problems
    }
}
