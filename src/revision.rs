//! The two sides of a comparison: FROM and TO as the user names them (a stored version, the
//! county's YAML now as `worktree`, its YAML at a git ref as `git:REF`, or any county folder)
//! resolved into checked plans. A stored version is read only after it verifies; YAML is
//! loaded and checked like `check` does. Problems are reported in the message language and
//! `Err` means "stop with exit 2".

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::Global;
use crate::cmd::{load_and_check, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::load::TemplateSet;
use crate::model::Plan;
use crate::store;
use crate::tr;

/// The problem was reported to the user: stop with exit 2.
#[derive(Debug, Clone, Copy)]
pub struct Reported;

/// Loads one side. Errors are printed here; `Err` means "stop with exit 2".
pub fn resolve(
    global: &Global,
    slug: &str,
    spec: &str,
    template: &Result<TemplateSet, Vec<Diagnostic>>,
    template_sources: &Sources,
) -> Result<Plan, Reported> {
    let need_template = || -> Result<&TemplateSet, Reported> {
        template.as_ref().map_err(|diags| {
            report(template_sources, diags, global);
            Reported
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
                    Reported
                });
            }
            Ok(None) => {}
            Err(problems) => {
                let diags: Vec<Diagnostic> =
                    problems.iter().map(store::Problem::diagnostic).collect();
                report(&Sources::default(), &diags, global);
                return Err(Reported);
            }
        }
    }
    let folder = Path::new(spec);
    if folder.join("plan.yaml").is_file() {
        let tset = need_template()?;
        return load_folder(global, folder, slug, tset, None);
    }
    if spec.contains('/') || spec.contains(std::path::MAIN_SEPARATOR) || folder.is_dir() {
        crate::errln!(
            "{}",
            tr!(
                "error: \"{spec}\" is not a county folder: it has no plan.yaml",
                "virhe: \"{spec}\" ei ole hyvinvointialueen kansio: siinä ei ole tiedostoa plan.yaml",
                "fel: \"{spec}\" är ingen mapp för ett välfärdsområde: den har ingen plan.yaml"
            )
        );
        crate::errln!(
            "{}",
            tr!(
                "  = hint: point at the folder that holds plan.yaml, region.yaml and sections/",
                "  = vihje: anna kansio, jossa ovat plan.yaml, region.yaml ja sections/",
                "  = tips: ange den mapp som innehåller plan.yaml, region.yaml och sections/"
            )
        );
        return Err(Reported);
    }
    unknown_version(global, slug, spec);
    Err(Reported)
}

/// Says that `spec` names no stored version, and which ones exist.
fn unknown_version(global: &Global, slug: &str, spec: &str) {
    let dir = global.out.join(slug);
    let versions = store::stored_versions(&global.out, slug);
    if versions.is_empty() {
        let shown = crate::fsread::display(&dir);
        crate::errln!(
            "{}",
            tr!(
                "error: there is no stored version \"{spec}\" of \"{slug}\": nothing is stored in \"{shown}\"",
                "virhe: hyvinvointialueelta \"{slug}\" ei ole tallennettua versiota \"{spec}\": \
                 kansiossa \"{shown}\" ei ole mitään",
                "fel: välfärdsområdet \"{slug}\" har ingen sparad version \"{spec}\": ingenting är sparat i \"{shown}\""
            )
        );
        crate::errln!(
            "{}",
            tr!(
                "  = hint: build it first with `rakeplan build {slug}`, or compare `worktree`, `git:REF` or a county folder",
                "  = vihje: rakenna se ensin komennolla `rakeplan build {slug}` tai vertaa \
                 `worktree`, `git:REF` tai hyvinvointialueen kansio",
                "  = tips: bygg den först med `rakeplan build {slug}`, eller jämför `worktree`, `git:REF` eller ett välfärdsområdes mapp"
            )
        );
    } else {
        let (shown, known) = (crate::fsread::display(&dir), versions.join(", "));
        crate::errln!(
            "{}",
            tr!(
                "error: there is no stored version \"{spec}\" of \"{slug}\" in \"{shown}\"",
                "virhe: hyvinvointialueelta \"{slug}\" ei ole tallennettua versiota \"{spec}\" \
                 kansiossa \"{shown}\"",
                "fel: välfärdsområdet \"{slug}\" har ingen sparad version \"{spec}\" i \"{shown}\""
            )
        );
        crate::errln!(
            "{}",
            tr!(
                "  = hint: the stored versions are {known}; FROM and TO may also be `worktree`, `git:REF` or a county folder",
                "  = vihje: tallennetut versiot ovat {known}; vertailla voi myös `worktree`, \
                 `git:REF` tai hyvinvointialueen kansio",
                "  = tips: de sparade versionerna är {known}; FROM och TO kan också vara `worktree`, `git:REF` eller ett välfärdsområdes mapp"
            )
        );
    }
}

/// The county's YAML as it is now, loaded and checked like `check` does.
fn load_worktree(global: &Global, slug: &str, spec: &str) -> Result<Plan, Reported> {
    let loaded = match load_and_check(global, &[slug.to_owned()]) {
        Ok(l) => l,
        Err((sources, diags)) => {
            report(&sources, &diags, global);
            return Err(Reported);
        }
    };
    let Some(region) = loaded.regions.into_iter().next() else {
        return Err(Reported);
    };
    if region.has_errors() {
        let errors: Vec<Diagnostic> = region
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        report(&loaded.sources, &errors, global);
        crate::errln!(
            "{}",
            tr!(
                "error: cannot compare {spec}: the plan of \"{slug}\" has errors (see above)",
                "virhe: versiota {spec} ei voi verrata: hyvinvointialueen \"{slug}\" \
                 suunnitelmassa on virheitä (ks. yllä)",
                "fel: {spec} kan inte jämföras: planen för \"{slug}\" har fel (se ovan)"
            )
        );
        return Err(Reported);
    }
    region.plan.ok_or(Reported)
}

/// A county folder anywhere, loaded and checked. `shown_as` renames the folder in messages
/// (a temporary copy of a git ref is shown as `git:REF:regions/<slug>`).
fn load_folder(
    global: &Global,
    dir: &Path,
    slug: &str,
    tset: &TemplateSet,
    shown_as: Option<&str>,
) -> Result<Plan, Reported> {
    let mut sources = Sources::default();
    let (plan, diagnostics) = crate::cmd::check_county(dir, slug, tset, &mut sources);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    let name = shown_as
        .map(str::to_owned)
        .unwrap_or_else(|| crate::fsread::display(dir));
    match plan {
        Some(plan) if errors.is_empty() => Ok(plan),
        _ => {
            let mut text = sources.render(&errors, crate::cmd::use_color(global.color));
            if let Some(shown) = shown_as {
                text = text.replace(&crate::fsread::display(dir), shown);
            }
            crate::errout!("{text}");
            crate::errln!(
                "{}",
                tr!(
                    "error: cannot compare \"{name}\": its plan has errors (see above)",
                    "virhe: kohdetta \"{name}\" ei voi verrata: sen suunnitelmassa on virheitä \
                     (ks. yllä)",
                    "fel: \"{name}\" kan inte jämföras: dess plan har fel (se ovan)"
                )
            );
            Err(Reported)
        }
    }
}

/// The county's YAML at a git commit, branch or tag: every file of `regions/<slug>/` at that
/// ref is copied out of git into a temporary folder and loaded from there.
fn load_git(
    global: &Global,
    slug: &str,
    reference: &str,
    tset: &TemplateSet,
) -> Result<Plan, Reported> {
    let regions = &global.regions;
    // A ref is handed to git as an argument: one that looks like an option is refused.
    if reference.starts_with('-') || reference.is_empty() {
        crate::errln!(
            "{}",
            tr!(
                "error: \"{reference}\" is not a git commit, branch or tag",
                "virhe: \"{reference}\" ei ole gitin muutos, haara tai tunniste",
                "fel: \"{reference}\" är ingen git-incheckning, gren eller tagg"
            )
        );
        crate::errln!(
            "{}",
            tr!(
                "  = hint: write git:REF with REF such as a tag (kainuu-1.0) or a commit",
                "  = vihje: kirjoita git:REF, jossa REF on esimerkiksi tunniste (kainuu-1.0) tai muutos",
                "  = tips: skriv git:REF, där REF är till exempel en tagg (kainuu-1.0) eller en incheckning"
            )
        );
        return Err(Reported);
    }
    let git = |dir: &Path, args: &[&str]| -> Result<Vec<u8>, String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|err| {
                tr!(
                    "cannot run git: {err}",
                    "gitiä ei voi ajaa: {err}",
                    "det går inte att köra git: {err}"
                )
            })?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
        }
    };
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).trim_end().to_owned();
    let fail = |message: String, hint: &str| {
        crate::errln!(
            "{}",
            tr!("error: {message}", "virhe: {message}", "fel: {message}")
        );
        crate::errln!(
            "{}",
            tr!("  = hint: {hint}", "  = vihje: {hint}", "  = tips: {hint}")
        );
    };
    let top = match git(regions, &["rev-parse", "--show-toplevel"]) {
        Ok(out) => PathBuf::from(text(out)),
        Err(err) => {
            let shown = crate::fsread::display(regions);
            fail(
                tr!(
                    "cannot read git:{reference}: \"{shown}\" is not in a git repository ({err})",
                    "kohdetta git:{reference} ei voi lukea: \"{shown}\" ei ole git-säilössä ({err})",
                    "git:{reference} kan inte läsas: \"{shown}\" ligger inte i ett git-arkiv ({err})"
                ),
                &tr!(
                    "run rakeplan inside the repository, or compare a stored version or a folder",
                    "aja rakeplan säilön sisällä tai vertaa tallennettua versiota tai kansiota",
                    "kör rakeplan inne i arkivet, eller jämför en sparad version eller en mapp"
                ),
            );
            return Err(Reported);
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
                "gitissä ei ole muutosta, haaraa tai tunnistetta \"{reference}\"{detail}",
                "git känner inte till någon incheckning, gren eller tagg \"{reference}\"{detail}"
            ),
            &tr!(
                "`git log --oneline` and `git tag` list what exists",
                "`git log --oneline` ja `git tag` luettelevat olemassa olevat",
                "`git log --oneline` och `git tag` listar vad som finns"
            ),
        );
        return Err(Reported);
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
                    "kansiota \"{county}\" ei voi luetella kohdassa git:{reference}: {err}",
                    "det går inte att lista \"{county}\" vid git:{reference}: {err}"
                ),
                &tr!(
                    "check the ref with `git log --oneline`",
                    "tarkista viittaus komennolla `git log --oneline`",
                    "kontrollera referensen med `git log --oneline`"
                ),
            );
            return Err(Reported);
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
                 tiedostoa \"{county}plan.yaml\")",
                "git:{reference} har inget välfärdsområde \"{slug}\" (där finns ingen \"{county}plan.yaml\")"
            ),
            &tr!(
                "was the county added later? compare a later commit, a stored version or a folder",
                "lisättiinkö hyvinvointialue myöhemmin? vertaa myöhempää muutosta, tallennettua \
                 versiota tai kansiota",
                "lades välfärdsområdet till senare? jämför en senare incheckning, en sparad version eller en mapp"
            ),
        );
        return Err(Reported);
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
                        "tiedostoa \"{file}\" ei voi lukea kohdassa git:{reference}: {err}",
                        "det går inte att läsa \"{file}\" vid git:{reference}: {err}"
                    ),
                    &tr!(
                        "check the ref with `git log --oneline`",
                        "tarkista viittaus komennolla `git log --oneline`",
                        "kontrollera referensen med `git log --oneline`"
                    ),
                );
                return Err(Reported);
            }
        };
        let target = dir.join(&file[county.len()..]);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, blob));
        if let Err(err) = written {
            let shown = crate::fsread::display(&target);
            crate::errln!(
                "{}",
                tr!(
                    "error: cannot write a temporary copy \"{shown}\": {err}",
                    "virhe: väliaikaista kopiota \"{shown}\" ei voi kirjoittaa: {err}",
                    "fel: det går inte att skriva en tillfällig kopia \"{shown}\": {err}"
                )
            );
            return Err(Reported);
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
