//! `rakeplan diff SLUG FROM TO`: resolves the two sides ([`crate::revision`]), compares them
//! ([`crate::diff`]), resolves the change set for one language ([`crate::redline`]) and
//! prints it as text, JSON, a redline HTML page or a redline PDF, to standard output or
//! atomically to a file. A PDF never goes to a terminal. Exit 0 when the plans are the
//! same, 1 when they differ, 2 on any error.

use std::io::{IsTerminal, Write};

use crate::cli::{ColorChoice, DiffArgs, DiffFormat, Global};
use crate::cmd::{Outcome, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::render::TemplateDirs;
use crate::{store, tr};

/// Runs the comparison.
pub fn run(global: &Global, args: &DiffArgs) -> Outcome {
    if let Some(path) = &args.output
        && let Err(diag) = crate::store::refuse_target(path, &global.out)
    {
        report(&Sources::default(), &[diag], global);
        return Outcome::Failure;
    }
    if !crate::names::is_county_name(&args.slug) {
        let diag = crate::project::bad_county_name(&global.regions.join(&args.slug), &args.slug);
        report(&Sources::default(), &[diag], global);
        return Outcome::Failure;
    }
    if args.format == DiffFormat::Pdf && args.output.is_none() && std::io::stdout().is_terminal() {
        crate::errln!(
            "{}",
            tr!(
                "error: a PDF is not shown on the terminal",
                "virhe: PDF-tiedostoa ei tulosteta päätteelle",
                "fel: en PDF-fil visas inte i terminalen"
            )
        );
        crate::errln!(
            "{}",
            tr!(
                "  = hint: add `-o muutokset.pdf` to write it to a file",
                "  = vihje: lisää `-o muutokset.pdf`, niin se kirjoitetaan tiedostoon",
                "  = tips: lägg till `-o andringar.pdf` så skrivs den till en fil"
            )
        );
        return Outcome::Failure;
    }
    let project = crate::cmd::project(global);
    let sides = project
        .resolve(&args.slug, &args.from)
        .and_then(|old| Ok((old, project.resolve(&args.slug, &args.to)?)));
    // The template names sections and fields.
    let (old, new, tset) =
        match sides.and_then(|(old, new)| Ok((old, new, project.template_set()?.1))) {
            Ok(all) => all,
            Err(problems) => return crate::cmd::fail(&problems, global),
        };
    let tset = &tset;
    let lang = match &args.doc_lang {
        None => new.region.main_lang().to_owned(),
        Some(lang) if new.region.languages.contains(lang) => lang.clone(),
        Some(lang) => {
            let known = new.region.languages.join(", ");
            crate::errln!(
                "{}",
                tr!(
                    "error: the plan of \"{}\" is not written in \"{lang}\"",
                    "virhe: hyvinvointialueen \"{}\" suunnitelmaa ei ole kielellä \"{lang}\"",
                    "fel: planen för \"{}\" finns inte på språket \"{lang}\"",
                    args.slug
                )
            );
            crate::errln!(
                "{}",
                tr!(
                    "  = hint: its languages are {known}",
                    "  = vihje: sen kielet ovat {known}",
                    "  = tips: dess språk är {known}"
                )
            );
            return Outcome::Failure;
        }
    };
    let dirs = TemplateDirs::for_county(&tset.dir, &global.regions, &args.slug);
    let labels = match dirs.labels(&tset.labels) {
        Ok(labels) => labels.resolve(&lang),
        Err(diag) => {
            report(&Sources::default(), &[diag], global);
            return Outcome::Failure;
        }
    };
    let set = crate::diff::diff_plans(&old, &new, &args.from.to_string(), &args.to.to_string());
    let options = crate::redline::Options {
        only_changes: args.only_changes,
    };
    let doc = crate::redline::resolve(&set, &old, &new, &tset.template, &labels, &lang, options);

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match global.color {
        ColorChoice::Always => args.output.is_none(),
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let rendered: Result<Vec<u8>, Vec<Diagnostic>> = match args.format {
        DiffFormat::Text => Ok(crate::render::redline_text::render_text(&doc, color).into_bytes()),
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&doc).expect("redlines serialise");
            json.push('\n');
            Ok(json.into_bytes())
        }
        DiffFormat::Html => {
            crate::render::redline::render_redline_html(&doc, &dirs, "redline.html")
                .map(|a| a.bytes)
                .map_err(|d| vec![d])
        }
        DiffFormat::Pdf => crate::render::redline_pdf::render_redline_pdf(
            &doc,
            &dirs,
            new.meta.date,
            "redline.pdf",
        )
        .map(|a| a.bytes),
    };
    let body = match rendered {
        Ok(body) => body,
        Err(diags) => {
            report(&Sources::default(), &diags, global);
            return Outcome::Failure;
        }
    };
    let (from, to) = (&doc.from.name, &doc.to.name);
    let same = tr!(
        "no differences between {from} and {to}",
        "ei eroja: {from} ja {to} ovat sisällöltään samat",
        "inga skillnader: {from} och {to} har samma innehåll"
    );
    match &args.output {
        Some(path) => {
            if let Err(err) = store::write_atomic(path, &body) {
                let shown = crate::fsread::display(path);
                crate::errln!(
                    "{}",
                    tr!(
                        "error: cannot write \"{shown}\": {err}",
                        "virhe: tiedostoa \"{shown}\" ei voi kirjoittaa: {err}",
                        "fel: det går inte att skriva \"{shown}\": {err}"
                    )
                );
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
                let shown = crate::fsread::display(path);
                crate::errln!("{counted} → {shown}");
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = out.write_all(&body);
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
