//! A county's plan repository that needs no copy of rakeplan's: `regions/`, `output/` with
//! its README, `.gitignore`, `.gitattributes`, VS Code settings, the JSON Schemas where the
//! `$schema` lines of `new` point, and CI files that install a pinned rakeplan, each in the
//! county's main language; and `git init`. The files themselves live in `county-repo/` of
//! rakeplan's repository and are built in. Existing files with other content are never
//! overwritten.

use std::path::Path;

use super::Project;
use crate::builtin;
use crate::diagnostic::{Diagnostic, Problems};
use crate::fsread::display;
use crate::i18n::Lang;
use crate::tr;

/// The files `init` writes as they are, in English (a county gets them in its main language
/// from [`crate::scaffold::repository_files`]), by path in the new repository (with `/`), and their
/// text; the schemas and VS Code's settings are generated from the template.
pub const FILES: &[(&str, &str)] = &[
    (".gitignore", include_str!("../../county-repo/gitignore")),
    (
        ".gitattributes",
        include_str!("../../county-repo/gitattributes"),
    ),
    (
        ".github/workflows/rakeplan.yml",
        include_str!("../../county-repo/github-workflow.yml"),
    ),
    (
        ".gitlab-ci.yml",
        include_str!("../../county-repo/gitlab-ci.yml"),
    ),
];

/// The repository's README and `output/README.md` in each language a county's main language
/// may be: Finnish, Swedish, English (`county-repo/README.md` is the Finnish README, and
/// rakeplan's own `output/README.md` the English note on the store).
pub const READMES: [(Lang, &str, &str); 3] = [
    (
        Lang::Fi,
        include_str!("../../county-repo/README.md"),
        include_str!("../../county-repo/output-README.fi.md"),
    ),
    (
        Lang::Sv,
        include_str!("../../county-repo/README.sv.md"),
        include_str!("../../county-repo/output-README.sv.md"),
    ),
    (
        Lang::En,
        include_str!("../../county-repo/README.en.md"),
        include_str!("../../output/README.md"),
    ),
];

/// What making a repository did.
pub struct Initialised {
    /// Files written (or filled in with the install address).
    pub written: usize,
    /// Whether `git init` made a repository (`Some(false)`: git is not installed; `None`:
    /// the folder was in one already).
    pub git: Option<bool>,
}

impl Project {
    /// Makes the plan repository this project's folders lie in (`dir`: `regions/`,
    /// `plan-template/` and `output/` inside it) for counties written in `languages` (main
    /// first); `rakeplan_url` fills where CI installs rakeplan from.
    pub fn init_repository(
        &self,
        dir: &Path,
        languages: &[String],
        rakeplan_url: Option<&str>,
    ) -> Result<Initialised, Problems> {
        crate::store::refuse_target(dir, &self.out)?;
        let template = if self.template.is_dir() {
            self.template_set()?.1
        } else {
            crate::load::builtin_template_set()
        };
        let lang = Lang::from_code(&languages[0]).unwrap_or_default();
        let (_, readme, store) = READMES
            .iter()
            .find(|(l, _, _)| *l == lang)
            .unwrap_or(&READMES[0]);
        let mut files: Vec<(String, String)> = vec![
            ("README.md".to_owned(), (*readme).to_owned()),
            ("output/README.md".to_owned(), (*store).to_owned()),
        ];
        files.extend(
            crate::scaffold::repository_files(lang)
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned())),
        );
        let schema_dir = crate::schema::repo_dir(&self.regions, &self.template);
        let schema_rel = schema_dir.strip_prefix(dir).unwrap_or(&schema_dir);
        let schema_rel = display(schema_rel);
        // VS Code maps the counties' files to the schemas in the main language.
        let editor_schemas = format!("{schema_rel}/{}", crate::schema::lang_dir(lang));
        let editor_schemas = editor_schemas.trim_end_matches('/');
        files.extend(
            crate::schema::schema_files(&template)
                .into_iter()
                .map(|(name, text)| (format!("{schema_rel}/{name}"), text)),
        );
        // VS Code: the extensions recommended, every plan file mapped to its schema.
        files.extend(
            crate::scaffold::editor_files(&template.template, editor_schemas, "regions/*/")
                .into_iter()
                .map(|f| (f.path, f.text)),
        );
        // Where the county gets rakeplan, in the README and both CI files.
        let mut refilled = 0;
        let files = match rakeplan_url.map(crate::scaffold::install_url) {
            None => files,
            Some(Err(message)) => return Err(Diagnostic::error(None, message).into()),
            Some(Ok(url)) => {
                let filled = crate::scaffold::with_install_url(&files, &url);
                refilled =
                    crate::scaffold::fill_install_url_in_place(dir, &files, &filled).unwrap_or(0);
                filled
            }
        };
        let done = builtin::export(dir, &files, false)
            .and_then(|done| std::fs::create_dir_all(&self.regions).map(|()| done))
            .map_err(|err| {
                let shown = display(dir);
                Diagnostic::error_at_path(
                    dir,
                    tr!(
                        "cannot create the repository in \"{shown}\": {err}",
                        "repositoriota ei voi luoda kansioon \"{shown}\": {err}",
                        "det går inte att skapa arkivet i mappen \"{shown}\": {err}"
                    ),
                )
            })?;
        let differ = builtin::differing(&done);
        if !differ.is_empty() {
            let list = differ.join(", ");
            return Err(Diagnostic::error_at_path(
                dir,
                tr!(
                    "these files exist with other content: {list}; nothing was written",
                    "nämä tiedostot ovat jo olemassa toisenlaisina: {list}; mitään ei kirjoitettu",
                    "de här filerna finns redan med annat innehåll: {list}; ingenting skrevs"
                ),
            )
            .with_hint(tr!(
                "move them aside and run init again, or init into an empty folder and merge by hand",
                "siirrä ne syrjään ja aja init uudelleen, tai luo repositorio tyhjään kansioon ja \
                 yhdistä käsin",
                "flytta undan dem och kör init igen, eller skapa arkivet i en tom mapp och slå ihop för hand"
            ))
            .into());
        }
        Ok(Initialised {
            written: builtin::written(&done) + refilled,
            git: git_init(dir),
        })
    }
}

/// Makes `dir` a git repository when it is not inside one and git is installed: `None` when
/// it is in one already, else whether it could (rakeplan works without git, except
/// `diff git:REF`).
fn git_init(dir: &Path) -> Option<bool> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if git(&["rev-parse", "--is-inside-work-tree"]) {
        return None;
    }
    Some(git(&["init", "--quiet", "--initial-branch=main"]) || git(&["init", "--quiet"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ci_files_install_this_version_of_rakeplan() {
        for (path, text) in FILES.iter().filter(|(p, _)| p.ends_with(".yml")) {
            let pinned = format!("RAKEPLAN_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"));
            assert!(
                text.contains(&pinned),
                "{path} must pin {pinned} (raise it with the crate's version)"
            );
            assert!(!text.contains("cargo run"), "{path} compiles a fork");
        }
    }

    #[test]
    fn this_repository_ignores_what_a_county_repository_ignores() {
        let ours = include_str!("../../.gitignore");
        let county = FILES.iter().find(|(p, _)| *p == ".gitignore").unwrap().1;
        for line in county
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            if line == "/.rakeplan-bin/" {
                continue; // CI's install folder, in county repositories only
            }
            assert!(ours.lines().any(|l| l == line), ".gitignore lacks {line}");
        }
    }
}
