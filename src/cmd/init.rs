//! `rakeplan init [DIR]`: make a county's plan repository that needs no copy of rakeplan's:
//! `regions/`, `output/` with its README, `.gitignore`, `.gitattributes`, VS Code settings,
//! the JSON Schemas where the `$schema` lines of `new` point, and CI files that install a
//! pinned rakeplan; optionally the first county (through `new`) and `git init`. The files
//! themselves live in `county-repo/` of rakeplan's repository and are built in. Existing
//! files with other content are never overwritten.

use std::path::Path;

use crate::builtin;
use crate::cli::{Global, InitArgs, NewArgs};
use crate::cmd::{Outcome, report};
use crate::diagnostic::{Diagnostic, Sources};
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

/// Runs the command.
pub fn run(global: &Global, args: &InitArgs) -> Outcome {
    let sources = Sources::default();
    let fail = |diag: Diagnostic| {
        report(&sources, &[diag]);
        Outcome::Failure
    };
    let dir = &args.dir;
    if let Err(diag) = crate::store::refuse_target(dir, &global.out) {
        return fail(diag);
    }
    // The repository's own folders, as the other commands will see them from inside it.
    let inside = Global {
        regions: dir.join("regions"),
        template: dir.join(builtin::DEFAULT_DIR),
        out: dir.join("output"),
        ..global.clone()
    };
    let template = if inside.template.is_dir() {
        let mut sources = Sources::default();
        match crate::load::load_template(&inside.template, &mut sources) {
            Ok(t) => t,
            Err(diags) => {
                report(&sources, &diags);
                return Outcome::Failure;
            }
        }
    } else {
        crate::load::builtin_template_set()
    };
    let languages = crate::cmd::new::languages(&args.languages);
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
    let schema_dir = crate::cmd::schema::default_dir(&inside);
    let schema_rel = schema_dir.strip_prefix(dir).unwrap_or(&schema_dir);
    let schema_rel = display(schema_rel);
    // VS Code maps the counties' files to the schemas in the main language.
    let editor_schemas = format!("{schema_rel}/{}", crate::cmd::schema::lang_dir(lang));
    let editor_schemas = editor_schemas.trim_end_matches('/');
    files.extend(
        crate::cmd::schema::schema_files(&template)
            .into_iter()
            .map(|(name, text)| (format!("{schema_rel}/{name}"), text)),
    );
    // VS Code: the YAML extension recommended, every plan file mapped to its schema.
    files.extend(
        crate::scaffold::editor_files(&template.template, editor_schemas, "regions/*/")
            .into_iter()
            .map(|f| (f.path, f.text)),
    );
    // Where the county gets rakeplan, in the README and both CI files.
    let mut refilled = 0;
    let files = match args
        .rakeplan_url
        .as_deref()
        .map(crate::scaffold::install_url)
    {
        None => files,
        Some(Err(message)) => return fail(Diagnostic::error(None, message)),
        Some(Ok(url)) => {
            let filled = crate::scaffold::with_install_url(&files, &url);
            refilled =
                crate::scaffold::fill_install_url_in_place(dir, &files, &filled).unwrap_or(0);
            filled
        }
    };
    let done = match builtin::export(dir, &files, false)
        .and_then(|done| std::fs::create_dir_all(&inside.regions).map(|()| done))
    {
        Ok(done) => done,
        Err(err) => {
            let shown = display(dir);
            return fail(Diagnostic::error_at_path(
                dir,
                tr!(
                    "cannot create the repository in \"{shown}\": {err}",
                    "repositoriota ei voi luoda kansioon \"{shown}\": {err}",
                    "det går inte att skapa arkivet i mappen \"{shown}\": {err}"
                ),
            ));
        }
    };
    let differ = builtin::differing(&done);
    if !differ.is_empty() {
        let list = differ.join(", ");
        return fail(
            Diagnostic::error_at_path(
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
            )),
        );
    }
    let written = builtin::written(&done) + refilled;
    let shown = display(dir);
    if written == 0 {
        crate::outln!(
            "{}",
            tr!(
                "the plan repository in {shown}/ has every file init writes; nothing written",
                "suunnitelmarepositoriossa {shown}/ on jo kaikki init-komennon tiedostot; mitään ei kirjoitettu",
                "planarkivet i {shown}/ har redan alla filer som init skriver; ingenting skrevs"
            )
        );
    } else {
        crate::outln!(
            "{}",
            tr!(
                "initialised a plan repository in {shown}/ ({written} files written, national template {} built in)",
                "suunnitelmarepositorio luotu kansioon {shown}/ ({written} tiedostoa kirjoitettu, \
             kansallinen suunnitelmapohja {} sisältyy rakeplaniin)",
                "ett planarkiv har skapats i {shown}/ ({written} filer skrivna, den nationella planmallen {} ingår i rakeplan)",
                builtin::version()
            )
        );
    }
    if args.rakeplan_url.is_none() && written > 0 {
        let placeholder = crate::scaffold::INSTALL_URL_PLACEHOLDER;
        crate::outln!(
            "{}",
            tr!(
                "the README and the CI files name {placeholder} as where rakeplan is installed from: run init again with --rakeplan-url URL, or replace it there",
                "README ja CI-tiedostot nimeävät rakeplanin asennusosoitteeksi {placeholder}: aja init uudelleen valitsimella --rakeplan-url OSOITE tai korvaa se niissä",
                "README och CI-filerna anger {placeholder} som adressen rakeplan installeras från: kör init igen med --rakeplan-url ADRESS, eller ersätt den där"
            )
        );
    }
    git_init(dir);
    if let Some(slug) = args
        .county
        .as_ref()
        .filter(|s| inside.regions.join(s).is_dir())
    {
        let shown = display(&inside.regions.join(slug));
        crate::outln!(
            "{}",
            tr!(
                "{shown}/ is there already; left as it is",
                "{shown}/ on jo olemassa; jätetty ennalleen",
                "{shown}/ finns redan; lämnad som den är"
            )
        );
    } else if let (Some(slug), Some(name)) = (&args.county, &args.name) {
        let new = NewArgs {
            slug: slug.clone(),
            name: name.clone(),
            languages: languages.clone(),
        };
        let outcome = crate::cmd::new::run(&inside, &new);
        if outcome != Outcome::Ok {
            return outcome;
        }
    } else {
        let cd = if dir == Path::new(".") {
            String::new()
        } else {
            format!("cd {shown} && ")
        };
        crate::outln!(
            "{}",
            tr!(
                "next: {cd}rakeplan new <slug> --name \"...\"",
                "seuraavaksi: {cd}rakeplan new <kansio> --name \"...\"",
                "nästa steg: {cd}rakeplan new <mapp> --name \"...\""
            )
        );
    }
    Outcome::Ok
}

/// Makes `dir` a git repository when it is not inside one and git is installed; says so
/// when it cannot (rakeplan works without git, except `diff git:REF`).
fn git_init(dir: &Path) {
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
        return;
    }
    if git(&["init", "--quiet", "--initial-branch=main"]) || git(&["init", "--quiet"]) {
        crate::outln!(
            "{}",
            tr!(
                "created a git repository",
                "git-repositorio luotu",
                "ett git-arkiv har skapats"
            )
        );
    } else {
        crate::outln!(
            "{}",
            tr!(
                "git is not installed: run `git init` there later (`diff git:REF` needs it)",
                "gitiä ei ole asennettu: aja myöhemmin `git init` (`diff git:REF` tarvitsee sitä)",
                "git är inte installerat: kör `git init` där senare (`diff git:REF` behöver det)"
            )
        );
    }
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
