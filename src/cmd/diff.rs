//! `rakeplan diff SLUG FROM TO`: finds the two plans (a stored version's `plan.json`, the
//! county's YAML now, its YAML at a git ref, or any county folder), hands them to
//! [`crate::diff`], and prints the change set as text, JSON or a redline HTML page, to
//! standard output or atomically to a file. Exit 0 when the plans are the same, 1 when they
//! differ, 2 on any error. The comparison itself lives in `diff`; the page in
//! `render::redline`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::{ColorChoice, DiffArgs, DiffFormat, Global};
use crate::cmd::{Outcome, load_and_check, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::diff::{self, Change, ChangeSet, Segment};
use crate::load::{self, TemplateSet};
use crate::model::Plan;
use crate::store;
use crate::tr;

/// Runs the comparison.
pub fn run(global: &Global, args: &DiffArgs) -> Outcome {
    if !crate::names::is_county_name(&args.slug) {
        let diag = crate::cmd::bad_county_name(&global.regions.join(&args.slug), &args.slug);
        report(&Sources::default(), &[diag], global);
        return Outcome::Failure;
    }
    if args.format == DiffFormat::Pdf && args.output.is_none() && std::io::stdout().is_terminal() {
        eprintln!(
            "{}",
            tr!(
                "error: a PDF is not shown on the terminal",
                "virhe: PDF-tiedostoa ei tulosteta päätteelle"
            )
        );
        eprintln!(
            "{}",
            tr!(
                "  = hint: add `-o muutokset.pdf` to write it to a file",
                "  = vihje: lisää `-o muutokset.pdf`, niin se kirjoitetaan tiedostoon"
            )
        );
        return Outcome::Failure;
    }
    let mut sources = Sources::default();
    // The template reads YAML sides and names sections; two stored versions need it only for
    // titles, so a broken template is an error only when YAML must be read.
    let template = load::load_template(&global.template, &mut sources);
    let resolve = |spec: &str| resolve_side(global, &args.slug, spec, &template, &sources);
    let Ok(old) = resolve(&args.from) else {
        return Outcome::Failure;
    };
    let Ok(new) = resolve(&args.to) else {
        return Outcome::Failure;
    };
    let mut set = diff::diff_plans(&old, &new, &args.from, &args.to);
    if let Ok(tset) = &template {
        let lang = new.region.main_lang().to_owned();
        diff::annotate(&mut set, &tset.template, &tset.labels.resolve(&lang), &lang);
    }

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match global.color {
        ColorChoice::Always => args.output.is_none(),
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let same = format!(
        "ei eroja / no differences between {} and {}",
        args.from, args.to
    );
    let body: Vec<u8> = match args.format {
        DiffFormat::Text => render_text(&set, color).into_bytes(),
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&set).expect("change sets serialise");
            json.push('\n');
            json.into_bytes()
        }
        DiffFormat::Html => crate::render::redline::render_redline(&set).into_bytes(),
        DiffFormat::Pdf => {
            let Ok(tset) = &template else {
                report(
                    &sources,
                    template.as_ref().err().map(Vec::as_slice).unwrap_or(&[]),
                    global,
                );
                return Outcome::Failure;
            };
            let dirs =
                crate::render::TemplateDirs::for_county(&tset.dir, &global.regions, &args.slug);
            let county = new
                .region
                .name
                .get(new.region.main_lang(), new.region.main_lang())
                .to_owned();
            match crate::render::redline_pdf::render_redline_pdf(
                &set,
                &county,
                &dirs,
                new.meta.date,
                "redline.pdf",
            ) {
                Ok(artifact) => artifact.bytes,
                Err(diags) => {
                    report(&Sources::default(), &diags, global);
                    return Outcome::Failure;
                }
            }
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(err) = store::write_atomic(path, &body) {
                eprintln!("error: {err}");
                return Outcome::Failure;
            }
            if set.is_empty() {
                eprintln!("{same}");
            } else {
                eprintln!("{} muutosta / changes → {}", set.len(), load::display(path));
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = out.write_all(&body);
            if set.is_empty() && args.format != DiffFormat::Text {
                eprintln!("{same}");
            }
        }
    }
    if set.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Problems
    }
}

/// Loads one side. Errors are printed here; `Err` means "stop with exit 2".
fn resolve_side(
    global: &Global,
    slug: &str,
    spec: &str,
    template: &Result<TemplateSet, Vec<Diagnostic>>,
    template_sources: &Sources,
) -> Result<Plan, ()> {
    let need_template = || -> Result<&TemplateSet, ()> {
        template.as_ref().map_err(|diags| {
            report(template_sources, diags, global);
        })
    };
    if spec == "worktree" {
        need_template()?;
        return load_worktree(global, slug, spec);
    }
    if let Some(reference) = spec.strip_prefix("git:") {
        let tset = need_template()?;
        return load_git(global, slug, reference, tset);
    }
    if let Some(version) = crate::names::Version::parse(spec) {
        // A stored version is read only after it verifies against its manifest.
        match store::find_version(&global.out, slug, &version) {
            Ok(Some(record)) => {
                return record.plan().map_err(|p| {
                    report(&Sources::default(), &[p.diagnostic()], global);
                });
            }
            Ok(None) => {}
            Err(problems) => {
                let diags: Vec<Diagnostic> =
                    problems.iter().map(store::Problem::diagnostic).collect();
                report(&Sources::default(), &diags, global);
                return Err(());
            }
        }
    }
    let folder = Path::new(spec);
    if folder.join("plan.yaml").is_file() {
        let tset = need_template()?;
        return load_folder(global, folder, slug, tset, None);
    }
    if spec.contains('/') || spec.contains(std::path::MAIN_SEPARATOR) || folder.is_dir() {
        eprintln!(
            "{}",
            tr!(
                "error: \"{spec}\" is not a county folder: it has no plan.yaml",
                "virhe: \"{spec}\" ei ole hyvinvointialueen kansio: siinä ei ole tiedostoa plan.yaml"
            )
        );
        eprintln!(
            "{}",
            tr!(
                "  = hint: point at the folder that holds plan.yaml, region.yaml and sections/",
                "  = vihje: anna kansio, jossa ovat plan.yaml, region.yaml ja sections/"
            )
        );
        return Err(());
    }
    unknown_version(global, slug, spec);
    Err(())
}

/// Says that `spec` names no stored version, and which ones exist.
fn unknown_version(global: &Global, slug: &str, spec: &str) {
    let dir = global.out.join(slug);
    let versions = store::stored_versions(&global.out, slug);
    if versions.is_empty() {
        let shown = load::display(&dir);
        eprintln!(
            "{}",
            tr!(
                "error: there is no stored version \"{spec}\" of \"{slug}\": nothing is stored in \"{shown}\"",
                "virhe: hyvinvointialueelta \"{slug}\" ei ole tallennettua versiota \"{spec}\": \
                 kansiossa \"{shown}\" ei ole mitään"
            )
        );
        eprintln!(
            "{}",
            tr!(
                "  = hint: build it first with `rakeplan build {slug}`, or compare `worktree`, `git:REF` or a county folder",
                "  = vihje: rakenna se ensin komennolla `rakeplan build {slug}` tai vertaa \
                 `worktree`, `git:REF` tai hyvinvointialueen kansio"
            )
        );
    } else {
        let (shown, known) = (load::display(&dir), versions.join(", "));
        eprintln!(
            "{}",
            tr!(
                "error: there is no stored version \"{spec}\" of \"{slug}\" in \"{shown}\"",
                "virhe: hyvinvointialueelta \"{slug}\" ei ole tallennettua versiota \"{spec}\" \
                 kansiossa \"{shown}\""
            )
        );
        eprintln!(
            "{}",
            tr!(
                "  = hint: the stored versions are {known}; FROM and TO may also be `worktree`, `git:REF` or a county folder",
                "  = vihje: tallennetut versiot ovat {known}; vertailla voi myös `worktree`, \
                 `git:REF` tai hyvinvointialueen kansio"
            )
        );
    }
}

/// The county's YAML as it is now, loaded and checked like `check` does.
fn load_worktree(global: &Global, slug: &str, spec: &str) -> Result<Plan, ()> {
    let loaded = match load_and_check(global, &[slug.to_owned()]) {
        Ok(l) => l,
        Err((sources, diags)) => {
            report(&sources, &diags, global);
            return Err(());
        }
    };
    let Some(region) = loaded.regions.into_iter().next() else {
        return Err(());
    };
    if region.has_errors() {
        let errors: Vec<Diagnostic> = region
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        report(&loaded.sources, &errors, global);
        eprintln!(
            "{}",
            tr!(
                "error: cannot compare {spec}: the plan of \"{slug}\" has errors (see above)",
                "virhe: versiota {spec} ei voi verrata: hyvinvointialueen \"{slug}\" \
                 suunnitelmassa on virheitä (ks. yllä)"
            )
        );
        return Err(());
    }
    region.plan.ok_or(())
}

/// A county folder anywhere, loaded and checked. `shown_as` renames the folder in messages
/// (a temporary copy of a git ref is shown as `git:REF:regions/<slug>`).
fn load_folder(
    global: &Global,
    dir: &Path,
    slug: &str,
    tset: &TemplateSet,
    shown_as: Option<&str>,
) -> Result<Plan, ()> {
    let mut sources = Sources::default();
    let (plan, diagnostics) = super::check_county(dir, slug, tset, &mut sources);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    let name = shown_as
        .map(str::to_owned)
        .unwrap_or_else(|| load::display(dir));
    match plan {
        Some(plan) if errors.is_empty() => Ok(plan),
        _ => {
            let mut text = sources.render(&errors, super::use_color(global.color));
            if let Some(shown) = shown_as {
                text = text.replace(&load::display(dir), shown);
            }
            eprint!("{text}");
            eprintln!(
                "{}",
                tr!(
                    "error: cannot compare \"{name}\": its plan has errors (see above)",
                    "virhe: kohdetta \"{name}\" ei voi verrata: sen suunnitelmassa on virheitä \
                     (ks. yllä)"
                )
            );
            Err(())
        }
    }
}

/// The county's YAML at a git commit, branch or tag: every file of `regions/<slug>/` at that
/// ref is copied out of git into a temporary folder and loaded from there.
fn load_git(global: &Global, slug: &str, reference: &str, tset: &TemplateSet) -> Result<Plan, ()> {
    let regions = &global.regions;
    // A ref is handed to git as an argument: one that looks like an option is refused.
    if reference.starts_with('-') || reference.is_empty() {
        eprintln!("error: \"{reference}\" is not a git commit, branch or tag");
        eprintln!("  = hint: write git:REF with REF such as a tag (kainuu-1.0) or a commit");
        return Err(());
    }
    let git = |dir: &Path, args: &[&str]| -> Result<Vec<u8>, String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|err| format!("cannot run git: {err}"))?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
        }
    };
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).trim_end().to_owned();
    let fail = |message: String, hint: &str| {
        eprintln!("{}", tr!("error: {message}", "virhe: {message}"));
        eprintln!("{}", tr!("  = hint: {hint}", "  = vihje: {hint}"));
    };
    let top = match git(regions, &["rev-parse", "--show-toplevel"]) {
        Ok(out) => PathBuf::from(text(out)),
        Err(err) => {
            let shown = load::display(regions);
            fail(
                tr!(
                    "cannot read git:{reference}: \"{shown}\" is not in a git repository ({err})",
                    "kohdetta git:{reference} ei voi lukea: \"{shown}\" ei ole git-säilössä ({err})"
                ),
                &tr!(
                    "run rakeplan inside the repository, or compare a stored version or a folder",
                    "aja rakeplan säilön sisällä tai vertaa tallennettua versiota tai kansiota"
                ),
            );
            return Err(());
        }
    };
    let prefix = git(regions, &["rev-parse", "--show-prefix"])
        .map(text)
        .unwrap_or_default();
    let county = format!("{prefix}{slug}/");
    let commit = format!("{reference}^{{commit}}");
    if let Err(err) = git(&top, &["rev-parse", "--verify", "--quiet", &commit]) {
        let detail = if err.is_empty() {
            String::new()
        } else {
            format!(" ({err})")
        };
        fail(
            tr!(
                "git knows no commit, branch or tag \"{reference}\"{detail}",
                "gitissä ei ole muutosta, haaraa tai tunnistetta \"{reference}\"{detail}"
            ),
            &tr!(
                "`git log --oneline` and `git tag` list what exists",
                "`git log --oneline` ja `git tag` luettelevat olemassa olevat"
            ),
        );
        return Err(());
    }
    let listing = match git(
        &top,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            reference,
            "--",
            &county,
        ],
    ) {
        Ok(out) => out,
        Err(err) => {
            fail(
                tr!(
                    "cannot list \"{county}\" at git:{reference}: {err}",
                    "kansiota \"{county}\" ei voi luetella kohdassa git:{reference}: {err}"
                ),
                &tr!(
                    "check the ref with `git log --oneline`",
                    "tarkista viittaus komennolla `git log --oneline`"
                ),
            );
            return Err(());
        }
    };
    let files: Vec<String> = listing
        .split(|b| *b == 0)
        .filter(|f| !f.is_empty())
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    if !files.iter().any(|f| f == &format!("{county}plan.yaml")) {
        fail(
            tr!(
                "git:{reference} has no county \"{slug}\" (no \"{county}plan.yaml\" there)",
                "kohdassa git:{reference} ei ole hyvinvointialuetta \"{slug}\" (siellä ei ole \
                 tiedostoa \"{county}plan.yaml\")"
            ),
            &tr!(
                "was the county added later? compare a later commit, a stored version or a folder",
                "lisättiinkö hyvinvointialue myöhemmin? vertaa myöhempää muutosta, tallennettua \
                 versiota tai kansiota"
            ),
        );
        return Err(());
    }
    let tmp = TempDir::new();
    let dir = tmp.path.join(slug);
    for file in &files {
        let blob = match git(&top, &["cat-file", "blob", &format!("{reference}:{file}")]) {
            Ok(bytes) => bytes,
            Err(err) => {
                fail(
                    tr!(
                        "cannot read \"{file}\" at git:{reference}: {err}",
                        "tiedostoa \"{file}\" ei voi lukea kohdassa git:{reference}: {err}"
                    ),
                    &tr!(
                        "check the ref with `git log --oneline`",
                        "tarkista viittaus komennolla `git log --oneline`"
                    ),
                );
                return Err(());
            }
        };
        let target = dir.join(&file[county.len()..]);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, blob));
        if let Err(err) = written {
            eprintln!(
                "error: cannot write a temporary copy \"{}\": {err}",
                load::display(&target)
            );
            return Err(());
        }
    }
    let shown = format!("git:{reference}:{}", county.trim_end_matches('/'));
    load_folder(global, &dir, slug, tset, Some(&shown))
}

/// A temporary folder removed when dropped (the crate has no tempfile dependency outside
/// tests, and one folder is all this needs).
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path =
            std::env::temp_dir().join(format!("rakeplan-diff-{}-{nanos}", std::process::id()));
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// ANSI styles for a terminal; empty strings when plain.
struct Style {
    bold: &'static str,
    red: &'static str,
    green: &'static str,
    dim: &'static str,
    reset: &'static str,
}

impl Style {
    fn new(color: bool) -> Self {
        if color {
            Style {
                bold: "\x1b[1m",
                red: "\x1b[31m",
                green: "\x1b[32m",
                dim: "\x1b[2m",
                reset: "\x1b[0m",
            }
        } else {
            Style {
                bold: "",
                red: "",
                green: "",
                dim: "",
                reset: "",
            }
        }
    }
}

/// Words of unchanged text kept around each change.
const CONTEXT_WORDS: usize = 6;

/// The change set as text: a header, a summary line per changed section, then each change
/// with its word changes as `[-deleted-]{+inserted+}`. The markers are always there, so the
/// text is as clear without colour as with it.
pub fn render_text(set: &ChangeSet, color: bool) -> String {
    let s = Style::new(color);
    let side = |r: &diff::Revision| {
        if r.label == r.version {
            format!("{} ({}, {})", r.version, r.status, r.date)
        } else {
            format!("{} = {} ({}, {})", r.label, r.version, r.status, r.date)
        }
    };
    let mut out = String::new();
    out.push_str(&format!(
        "{}{}: {} → {}{}\n",
        s.bold,
        set.slug,
        side(&set.from),
        side(&set.to),
        s.reset
    ));
    if set.is_empty() {
        out.push_str(&format!(
            "ei eroja / no differences between {} and {}\n",
            set.from.label, set.to.label
        ));
        return out;
    }
    let n = set.len();
    out.push_str(&format!(
        "{n} {} / {n} change{}\n\n",
        if n == 1 { "muutos" } else { "muutosta" },
        if n == 1 { "" } else { "s" }
    ));
    out.push_str("Yhteenveto / summary:\n");
    let width = set
        .groups
        .iter()
        .map(|g| g.heading().chars().count())
        .max()
        .unwrap_or(0);
    for group in &set.groups {
        let heading = group.heading();
        let pad = width - heading.chars().count();
        let whole = match group.state {
            diff::ChangeKind::Added => " (osa lisätty)",
            diff::ChangeKind::Removed => " (osa poistettu)",
            _ => "",
        };
        out.push_str(&format!(
            "  {heading}{}  {}{whole}\n",
            " ".repeat(pad),
            group.counts()
        ));
    }
    for group in &set.groups {
        out.push_str(&format!(
            "\n{}== {} [{}]{}\n",
            s.bold,
            group.heading(),
            group.id,
            s.reset
        ));
        for change in &group.changes {
            write_change(&mut out, change, &set.languages, &s);
        }
    }
    out
}

fn write_change(out: &mut String, change: &Change, all_langs: &[String], s: &Style) {
    let key = change
        .path
        .last()
        .filter(|step| step.shows_key())
        .map(|step| format!(" {}({}){}", s.dim, step.key, s.reset))
        .unwrap_or_default();
    out.push_str(&format!(
        "{}{}{}  {}{key}\n",
        s.bold,
        change.kind_label(),
        s.reset,
        change.title()
    ));
    if let Some(moved) = &change.moved {
        match &moved.from_parent {
            Some(parent) => out.push_str(&format!(
                "    siirretty kohdasta \"{}\" (paikka {}) paikalle {}\n",
                parent.label, moved.from, moved.to
            )),
            None => out.push_str(&format!(
                "    paikalta {} paikalle {}\n",
                moved.from, moved.to
            )),
        }
    }
    // Languages are named only for a multilingual plan and an edit not in all of them.
    let lang_note = |langs: &[String]| {
        if langs.is_empty() || all_langs.len() < 2 {
            String::new()
        } else {
            format!("[{}] ", langs.join(", "))
        }
    };
    let caption = |label: Option<&str>, attr: &str| {
        let label = label.unwrap_or(attr);
        if label.is_empty() {
            String::new()
        } else {
            format!("{label}: ")
        }
    };
    let colour = match change.kind {
        diff::ChangeKind::Added => s.green,
        diff::ChangeKind::Removed => s.red,
        _ => "",
    };
    let (open, close) = match change.kind {
        diff::ChangeKind::Added => ("{+", "+}"),
        _ => ("[-", "-]"),
    };
    for line in &change.content {
        out.push_str(&format!(
            "    {}{}{colour}{open}{}{close}{}\n",
            caption(line.attr_label.as_deref(), &line.attr),
            lang_note(&line.langs),
            flat(&line.text).trim(),
            s.reset
        ));
    }
    for edit in &change.edits {
        out.push_str(&format!(
            "    {}{}{}\n",
            caption(edit.attr_label.as_deref(), &edit.attr),
            lang_note(&edit.langs),
            hunks(&edit.segments, s).join("\n      ")
        ));
    }
}

/// Whitespace collapsed to single spaces; a paragraph break (a blank line) shows as ¶.
fn flat(text: &str) -> String {
    let mut out = String::new();
    // Newlines seen in the current run of whitespace, if in one.
    let mut run: Option<usize> = None;
    let end_run = |out: &mut String, newlines: usize| {
        out.push_str(if newlines >= 2 { " ¶ " } else { " " });
    };
    for c in text.chars() {
        if c.is_whitespace() {
            *run.get_or_insert(0) += usize::from(c == '\n');
            continue;
        }
        if let Some(newlines) = run.take() {
            end_run(&mut out, newlines);
        }
        out.push(c);
    }
    if let Some(newlines) = run {
        end_run(&mut out, newlines);
    }
    out
}

/// The word changes as lines of hunks: each change with a few words of context; long
/// unchanged stretches become "…" and start a new line.
fn hunks(segments: &[Segment], s: &Style) -> Vec<String> {
    // One space between pieces, never two.
    fn space(line: &mut String) {
        if !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
    }
    let mut lines = vec![String::new()];
    let last = segments.len().saturating_sub(1);
    let n = CONTEXT_WORDS;
    for (i, seg) in segments.iter().enumerate() {
        let (text, marked) = match seg {
            Segment::Equal(t) => (flat(t), None),
            Segment::Delete(t) => (flat(t), Some((s.red, "[-", "-]"))),
            Segment::Insert(t) => (flat(t), Some((s.green, "{+", "+}"))),
        };
        let line = lines.last_mut().expect("one line at least");
        if text.starts_with(' ') {
            space(line);
        }
        let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        match marked {
            Some((colour, open, close)) => {
                line.push_str(&format!(
                    "{colour}{open}{}{close}{}",
                    words.join(" "),
                    s.reset
                ));
            }
            None if i == 0 && words.len() > n => {
                line.push_str(&format!("… {}", words[words.len() - n..].join(" ")));
            }
            None if i == last && words.len() > n => {
                line.push_str(&format!("{} …", words[..n].join(" ")));
            }
            None if i > 0 && i < last && words.len() > 2 * n + 2 => {
                line.push_str(&format!("{} …", words[..n].join(" ")));
                lines.push(format!("… {}", words[words.len() - n..].join(" ")));
            }
            None => line.push_str(&words.join(" ")),
        }
        if text.ends_with(' ') {
            space(lines.last_mut().expect("one line at least"));
        }
    }
    for line in &mut lines {
        line.truncate(line.trim_end().len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_keep_spaces_and_cut_long_context() {
        let plain = Style::new(false);
        let segs = vec![
            Segment::Equal("yksi kaksi kolme neljä viisi kuusi seitsemän lupaus on, että ".into()),
            Segment::Insert("jokainen ".into()),
            Segment::Equal("kainuulainen saa.\n\nUusi kappale".into()),
        ];
        assert_eq!(
            hunks(&segs, &plain),
            [
                "… viisi kuusi seitsemän lupaus on, että {+jokainen+} kainuulainen saa. ¶ Uusi kappale"
            ]
        );
        let segs = vec![
            Segment::Delete("a".into()),
            Segment::Insert("b".into()),
            Segment::Equal(" 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 ".into()),
            Segment::Delete("c".into()),
        ];
        assert_eq!(
            hunks(&segs, &plain),
            ["[-a-]{+b+} 1 2 3 4 5 6 …", "… 10 11 12 13 14 15 [-c-]"]
        );
    }
}
