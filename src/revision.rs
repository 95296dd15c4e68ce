//! The two sides of a comparison as typed values: FROM and TO as the user names them (a
//! stored version, the county's YAML now as `worktree`, its YAML at a git ref as `git:REF`,
//! or any county folder), parsed once by the command line into a [`Side`]. Here: reading a
//! stored version (only after it verifies) and copying a county out of git; loading YAML
//! sides is the project's ([`crate::project::Project::resolve`]). Nothing here prints:
//! problems come back as diagnostics.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::names::Version;
use crate::store;
use crate::tr;

/// One side of a comparison, as the user wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Side {
    /// The county's YAML as it is now (`worktree`).
    Worktree,
    /// The county's YAML at a git commit, branch or tag (`git:REF`).
    Git(String),
    /// A stored version (`1.0`); a county folder of that name when none is stored.
    Version(Version, String),
    /// A county folder anywhere (`../vanha/kainuu`).
    Folder(PathBuf),
}

impl std::str::FromStr for Side {
    type Err = std::convert::Infallible;

    /// Every text is a side: what it names is found out when it is resolved.
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        Ok(if spec == "worktree" {
            Side::Worktree
        } else if let Some(reference) = spec.strip_prefix("git:") {
            Side::Git(reference.to_owned())
        } else if let Some(version) = Version::parse(spec) {
            Side::Version(version, spec.to_owned())
        } else {
            Side::Folder(PathBuf::from(spec))
        })
    }
}

impl std::fmt::Display for Side {
    /// The side as the user wrote it (how the comparison names it).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Side::Worktree => f.write_str("worktree"),
            Side::Git(reference) => write!(f, "git:{reference}"),
            Side::Version(_, spec) => f.write_str(spec),
            Side::Folder(path) => f.write_str(&path.to_string_lossy()),
        }
    }
}

/// The stored version `version` of `slug`, read only after it verifies; `Ok(None)` when it
/// is not stored.
pub fn stored(out: &Path, slug: &str, version: &Version) -> Result<Option<Plan>, Vec<Diagnostic>> {
    match store::find_version(out, slug, version) {
        Ok(Some(record)) => record.plan().map(Some).map_err(|p| vec![p.diagnostic()]),
        Ok(None) => Ok(None),
        Err(problems) => Err(problems.iter().map(store::Problem::diagnostic).collect()),
    }
}

/// A side that names a folder without a plan.yaml.
pub fn not_a_county_folder(spec: &str) -> Diagnostic {
    Diagnostic::error(
        None,
        tr!(
            "\"{spec}\" is not a county folder: it has no plan.yaml",
            "\"{spec}\" ei ole hyvinvointialueen kansio: siinä ei ole tiedostoa plan.yaml",
            "\"{spec}\" är ingen mapp för ett välfärdsområde: den har ingen plan.yaml"
        ),
    )
    .with_hint(tr!(
        "point at the folder that holds plan.yaml, region.yaml and sections/",
        "anna kansio, jossa ovat plan.yaml, region.yaml ja sections/",
        "ange den mapp som innehåller plan.yaml, region.yaml och sections/"
    ))
}

/// That `spec` names no stored version of `slug`, and which ones exist.
pub fn unknown_version(out: &Path, slug: &str, spec: &str) -> Diagnostic {
    let dir = out.join(slug);
    let shown = crate::fsread::display(&dir);
    let versions = store::stored_versions(out, slug);
    if versions.is_empty() {
        Diagnostic::error(
            None,
            tr!(
                "there is no stored version \"{spec}\" of \"{slug}\": nothing is stored in \"{shown}\"",
                "hyvinvointialueelta \"{slug}\" ei ole tallennettua versiota \"{spec}\": \
                 kansiossa \"{shown}\" ei ole mitään",
                "välfärdsområdet \"{slug}\" har ingen sparad version \"{spec}\": ingenting är sparat i \"{shown}\""
            ),
        )
        .with_hint(tr!(
            "build it first with `rakeplan build {slug}`, or compare `worktree`, `git:REF` or a county folder",
            "rakenna se ensin komennolla `rakeplan build {slug}` tai vertaa `worktree`, \
             `git:REF` tai hyvinvointialueen kansio",
            "bygg den först med `rakeplan build {slug}`, eller jämför `worktree`, `git:REF` eller ett välfärdsområdes mapp"
        ))
    } else {
        let known = versions.join(", ");
        Diagnostic::error(
            None,
            tr!(
                "there is no stored version \"{spec}\" of \"{slug}\" in \"{shown}\"",
                "hyvinvointialueelta \"{slug}\" ei ole tallennettua versiota \"{spec}\" \
                 kansiossa \"{shown}\"",
                "välfärdsområdet \"{slug}\" har ingen sparad version \"{spec}\" i \"{shown}\""
            ),
        )
        .with_hint(tr!(
            "the stored versions are {known}; FROM and TO may also be `worktree`, `git:REF` or a county folder",
            "tallennetut versiot ovat {known}; vertailla voi myös `worktree`, `git:REF` tai \
             hyvinvointialueen kansio",
            "de sparade versionerna är {known}; FROM och TO kan också vara `worktree`, `git:REF` eller ett välfärdsområdes mapp"
        ))
    }
}

/// A county's files at a git ref, copied out of git into a temporary folder that goes when
/// this is dropped.
pub struct GitCopy {
    /// Holds the copy.
    _tmp: tempfile::TempDir,
    /// The county folder in the copy.
    pub dir: PathBuf,
    /// How messages name it: `git:REF:regions/<slug>`.
    pub shown: String,
}

/// Copies every file of `<regions>/<slug>/` at git ref `reference` into a temporary folder.
pub fn git_copy(regions: &Path, slug: &str, reference: &str) -> Result<GitCopy, Diagnostic> {
    let fail = |message: String, hint: String| Diagnostic::error(None, message).with_hint(hint);
    // A ref is handed to git as an argument: one that looks like an option is refused.
    if reference.starts_with('-') || reference.is_empty() {
        return Err(fail(
            tr!(
                "\"{reference}\" is not a git commit, branch or tag",
                "\"{reference}\" ei ole gitin muutos, haara tai tunniste",
                "\"{reference}\" är ingen git-incheckning, gren eller tagg"
            ),
            tr!(
                "write git:REF with REF such as a tag (kainuu-1.0) or a commit",
                "kirjoita git:REF, jossa REF on esimerkiksi tunniste (kainuu-1.0) tai muutos",
                "skriv git:REF, där REF är till exempel en tagg (kainuu-1.0) eller en incheckning"
            ),
        ));
    }
    let check_ref = || {
        tr!(
            "check the ref with `git log --oneline`",
            "tarkista viittaus komennolla `git log --oneline`",
            "kontrollera referensen med `git log --oneline`"
        )
    };
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).trim_end().to_owned();
    let top = match git(regions, &["rev-parse", "--show-toplevel"]) {
        Ok(out) => PathBuf::from(text(out)),
        Err(err) => {
            let shown = crate::fsread::display(regions);
            return Err(fail(
                tr!(
                    "cannot read git:{reference}: \"{shown}\" is not in a git repository ({err})",
                    "kohdetta git:{reference} ei voi lukea: \"{shown}\" ei ole git-säilössä ({err})",
                    "git:{reference} kan inte läsas: \"{shown}\" ligger inte i ett git-arkiv ({err})"
                ),
                tr!(
                    "run rakeplan inside the repository, or compare a stored version or a folder",
                    "aja rakeplan säilön sisällä tai vertaa tallennettua versiota tai kansiota",
                    "kör rakeplan inne i arkivet, eller jämför en sparad version eller en mapp"
                ),
            ));
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
        return Err(fail(
            tr!(
                "git knows no commit, branch or tag \"{reference}\"{detail}",
                "gitissä ei ole muutosta, haaraa tai tunnistetta \"{reference}\"{detail}",
                "git känner inte till någon incheckning, gren eller tagg \"{reference}\"{detail}"
            ),
            tr!(
                "`git log --oneline` and `git tag` list what exists",
                "`git log --oneline` ja `git tag` luettelevat olemassa olevat",
                "`git log --oneline` och `git tag` listar vad som finns"
            ),
        ));
    }
    let listing = git(
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
    )
    .map_err(|err| {
        fail(
            tr!(
                "cannot list \"{county}\" at git:{reference}: {err}",
                "kansiota \"{county}\" ei voi luetella kohdassa git:{reference}: {err}",
                "det går inte att lista \"{county}\" vid git:{reference}: {err}"
            ),
            check_ref(),
        )
    })?;
    let files: Vec<String> = listing
        .split(|b| *b == 0)
        .filter(|f| !f.is_empty())
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    if !files.iter().any(|f| f == &format!("{county}plan.yaml")) {
        return Err(fail(
            tr!(
                "git:{reference} has no county \"{slug}\" (no \"{county}plan.yaml\" there)",
                "kohdassa git:{reference} ei ole hyvinvointialuetta \"{slug}\" (siellä ei ole \
                 tiedostoa \"{county}plan.yaml\")",
                "git:{reference} har inget välfärdsområde \"{slug}\" (där finns ingen \"{county}plan.yaml\")"
            ),
            tr!(
                "was the county added later? compare a later commit, a stored version or a folder",
                "lisättiinkö hyvinvointialue myöhemmin? vertaa myöhempää muutosta, tallennettua \
                 versiota tai kansiota",
                "lades välfärdsområdet till senare? jämför en senare incheckning, en sparad version eller en mapp"
            ),
        ));
    }
    let cannot_write = |path: &Path, err: std::io::Error| {
        let shown = crate::fsread::display(path);
        Diagnostic::error(
            None,
            tr!(
                "cannot write a temporary copy \"{shown}\": {err}",
                "väliaikaista kopiota \"{shown}\" ei voi kirjoittaa: {err}",
                "det går inte att skriva en tillfällig kopia \"{shown}\": {err}"
            ),
        )
    };
    let tmp = tempfile::Builder::new()
        .prefix("rakeplan-diff-")
        .tempdir()
        .map_err(|err| cannot_write(&std::env::temp_dir(), err))?;
    let dir = tmp.path().join(slug);
    for file in &files {
        let blob =
            git(&top, &["cat-file", "blob", &format!("{reference}:{file}")]).map_err(|err| {
                fail(
                    tr!(
                        "cannot read \"{file}\" at git:{reference}: {err}",
                        "tiedostoa \"{file}\" ei voi lukea kohdassa git:{reference}: {err}",
                        "det går inte att läsa \"{file}\" vid git:{reference}: {err}"
                    ),
                    check_ref(),
                )
            })?;
        let target = dir.join(&file[county.len()..]);
        target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, blob))
            .map_err(|err| cannot_write(&target, err))?;
    }
    Ok(GitCopy {
        _tmp: tmp,
        dir,
        shown: format!("git:{reference}:{}", county.trim_end_matches('/')),
    })
}

/// Runs git in `dir`: its standard output, or its complaint.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
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
}
