//! The national template built into the binary, and the layered lookup of its files. A
//! county's repository needs no copy of the template: each file is taken from a local
//! `plan-template/` folder when the repository has it there, otherwise from the copy
//! compiled in here (the lookup zola and mdBook use for themes). A county's own
//! `regions/<slug>/templates/` comes before both for layout files (see
//! [`crate::render::TemplateDirs`]). Built-in files are trusted; files on disk are read
//! through [`crate::load::read_source`] and [`crate::fsread`] like every other input.

use std::path::{Path, PathBuf};

/// How a built-in file is named in messages and manifests: `built-in:template.yaml`.
pub const ORIGIN_PREFIX: &str = "built-in:";

/// The template folder rakeplan looks in when `--template` is not given. It may be missing:
/// then every file comes from the built-in copy.
pub const DEFAULT_DIR: &str = "plan-template";

/// Every file of the built-in template, by its path inside the template folder (with `/`).
/// The JSON Schemas are not stored: they are generated from `template.yaml`.
pub const FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("../plan-template/README.md")),
    (
        "template.yaml",
        include_str!("../plan-template/template.yaml"),
    ),
    ("labels.yaml", include_str!("../plan-template/labels.yaml")),
    ("site.yaml", include_str!("../plan-template/site.yaml")),
    (
        "templates/plan.typ",
        include_str!("../plan-template/templates/plan.typ"),
    ),
    (
        "templates/plan.html.tera",
        include_str!("../plan-template/templates/plan.html.tera"),
    ),
    (
        "templates/style.css",
        include_str!("../plan-template/templates/style.css"),
    ),
    (
        "templates/redline.typ",
        include_str!("../plan-template/templates/redline.typ"),
    ),
    (
        "templates/redline.html.tera",
        include_str!("../plan-template/templates/redline.html.tera"),
    ),
    (
        "templates/site-index.html.tera",
        include_str!("../plan-template/templates/site-index.html.tera"),
    ),
    (
        "templates/site-search.html.tera",
        include_str!("../plan-template/templates/site-search.html.tera"),
    ),
    (
        "templates/site-county.html.tera",
        include_str!("../plan-template/templates/site-county.html.tera"),
    ),
    (
        "templates/site-compare.html.tera",
        include_str!("../plan-template/templates/site-compare.html.tera"),
    ),
    (
        "templates/site-accessibility.html.tera",
        include_str!("../plan-template/templates/site-accessibility.html.tera"),
    ),
    (
        "templates/serve-index.html.tera",
        include_str!("../plan-template/templates/serve-index.html.tera"),
    ),
    (
        "templates/serve-errors.html.tera",
        include_str!("../plan-template/templates/serve-errors.html.tera"),
    ),
    (
        "templates/serve-pending.html.tera",
        include_str!("../plan-template/templates/serve-pending.html.tera"),
    ),
    (
        "templates/serve-bar.html.tera",
        include_str!("../plan-template/templates/serve-bar.html.tera"),
    ),
    (
        "templates/serve-reload.js",
        include_str!("../plan-template/templates/serve-reload.js"),
    ),
];

/// The built-in text of `path` (relative to the template folder, `/`-separated).
pub fn file(path: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// The built-in layout files (those under `templates/`), by file name.
pub fn layout_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES
        .iter()
        .filter_map(|(p, text)| p.strip_prefix("templates/").map(|name| (name, *text)))
}

/// The version of the built-in template (`version:` in its template.yaml), e.g. `2025.1`.
pub fn version() -> &'static str {
    let text = file("template.yaml").expect("the template is built in");
    text.lines()
        .find_map(|line| line.strip_prefix("version:"))
        .map(|v| v.trim().trim_matches('"'))
        .expect("the built-in template.yaml has a version line")
}

/// What [`export`] did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// Written (it was not there).
    Written(PathBuf),
    /// Already there with the same content.
    Same(PathBuf),
    /// There with other content: left alone (or overwritten with `force`).
    Differs(PathBuf),
}

/// The files of an [`export`] left alone because they differ, as shown in messages.
pub fn differing(done: &[Exported]) -> Vec<String> {
    done.iter()
        .filter_map(|s| match s {
            Exported::Differs(p) => Some(crate::fsread::display(p)),
            _ => None,
        })
        .collect()
}

/// How many files an [`export`] wrote.
pub fn written(done: &[Exported]) -> usize {
    done.iter()
        .filter(|s| matches!(s, Exported::Written(_)))
        .count()
}

/// The built-in template's files plus the JSON Schemas generated from it, by path inside the
/// template folder.
pub fn files_with_schemas(schemas: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = FILES
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect();
    all.extend(schemas.into_iter().map(|(n, t)| (format!("schema/{n}"), t)));
    all
}

/// Writes `files` (paths with `/`) under `dir`. A file already there with other content is
/// left alone and reported as [`Exported::Differs`] unless `force` is set; nothing is
/// written at all when any file differs and `force` is not set.
pub fn export(
    dir: &Path,
    files: &[(String, String)],
    force: bool,
) -> std::io::Result<Vec<Exported>> {
    let mut plan = Vec::new();
    for (rel, text) in files {
        let path = join_slashed(dir, rel);
        // Nothing is written through a link inside `dir`: it could lead anywhere.
        let mut inside = dir.to_owned();
        for part in rel.split('/').filter(|p| !p.is_empty()) {
            inside.push(part);
            if std::fs::symlink_metadata(&inside).is_ok_and(|m| m.file_type().is_symlink()) {
                let shown = crate::fsread::display(&inside);
                return Err(std::io::Error::other(crate::tr!(
                    "\"{shown}\" is a symbolic link; nothing is written through it",
                    "\"{shown}\" on symbolinen linkki; sen kautta ei kirjoiteta mitään",
                    "\"{shown}\" är en symbolisk länk; inget skrivs genom den"
                )));
            }
        }
        let state = match std::fs::read(&path) {
            Ok(old) if old == text.as_bytes() => Exported::Same(path),
            Ok(_) => Exported::Differs(path),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Exported::Written(path),
            Err(err) => return Err(err),
        };
        plan.push((state, text));
    }
    let blocked = plan.iter().any(|(s, _)| matches!(s, Exported::Differs(_)));
    if blocked && !force {
        return Ok(plan.into_iter().map(|(s, _)| s).collect());
    }
    for (state, text) in &plan {
        if let Exported::Written(path) | Exported::Differs(path) = state {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            crate::fswrite::write_file(path, text.as_bytes())?;
        }
    }
    Ok(plan
        .into_iter()
        .map(|(s, _)| match s {
            Exported::Differs(p) => Exported::Written(p),
            other => other,
        })
        .collect())
}

/// Where a file of the template comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The county's own `regions/<slug>/templates/`.
    County,
    /// The repository's template folder (`plan-template/`).
    Repository,
    /// The copy built into rakeplan.
    BuiltIn,
}

impl Origin {
    /// The origin in words, in the language of messages.
    pub fn words(self) -> String {
        match self {
            Origin::County => crate::tr!("county's own", "alueen oma", "områdets egen"),
            Origin::Repository => crate::tr!("repository", "repositorio", "arkivet"),
            Origin::BuiltIn => crate::tr!("built in", "sisäänrakennettu", "inbyggd"),
        }
    }
}

/// One file a build uses: its path inside the template (`templates/plan.typ`), where it is
/// read from (a path, or `built-in:<path>`), and the kind of that place.
#[derive(Debug, Clone)]
pub struct UsedFile {
    /// Path inside the template folder, with `/`.
    pub path: String,
    /// Where it is read from, as shown.
    pub from: String,
    /// The kind of place.
    pub origin: Origin,
}

/// Every template file a build uses, with where it is read from: `template.yaml`,
/// `labels.yaml` and the layout files from the repository's template folder `template` or
/// the built-in copy; with `county` (its folder `regions/<slug>`), also the county's own
/// `templates/` files, which come first for layout files and are laid over the labels
/// (its `labels.yaml` is listed as a second line), and its logo and other files there.
pub fn used_files(template: &Path, county: Option<&Path>) -> Vec<UsedFile> {
    let county_dir = county
        .map(|c| c.join("templates"))
        .filter(|d| std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir()));
    let exists = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    let mut out = Vec::new();
    for (path, _) in FILES {
        if county.is_some() && *path == "README.md" {
            continue; // not read by a build
        }
        let own = path
            .strip_prefix("templates/")
            .zip(county_dir.as_ref())
            .map(|(name, dir)| dir.join(name))
            .filter(|p| exists(p));
        let on_disk = join_slashed(template, path);
        let (from, origin) = match own {
            Some(p) => (crate::fsread::display(&p), Origin::County),
            None if exists(&on_disk) => (crate::fsread::display(&on_disk), Origin::Repository),
            None => (format!("{ORIGIN_PREFIX}{path}"), Origin::BuiltIn),
        };
        out.push(UsedFile {
            path: (*path).to_owned(),
            from,
            origin,
        });
    }
    // The county's other files: its labels (laid over the national ones), its logo, and
    // whatever its layout files read (pictures, typst files).
    let mut extra: Vec<(String, PathBuf, Origin)> = Vec::new();
    for (dir, origin) in county_dir
        .iter()
        .map(|d| (d.clone(), Origin::County))
        .chain(std::iter::once((
            template.join("templates"),
            Origin::Repository,
        )))
    {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let rel = if origin == Origin::County && name == "labels.yaml" {
                "labels.yaml".to_owned()
            } else {
                format!("templates/{name}")
            };
            let listed = origin == Origin::Repository && file(&rel).is_some();
            let shadowed = out
                .iter()
                .any(|u| u.path == rel && u.origin == Origin::County)
                || extra.iter().any(|(r, _, _)| *r == rel);
            if !listed && !shadowed {
                extra.push((rel, dir.join(&name), origin));
            }
        }
    }
    out.extend(extra.into_iter().map(|(path, p, origin)| UsedFile {
        path,
        from: crate::fsread::display(&p),
        origin,
    }));
    out
}

/// The counties under `regions` that have a `templates/` folder of their own, by folder name.
pub fn counties_with_own_files(regions: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(regions)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| std::fs::symlink_metadata(e.path().join("templates")).is_ok_and(|m| m.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// `dir` joined with a `/`-separated relative path, one component at a time, so the result
/// uses the platform's separator (`plan-template\templates\plan.typ` on Windows).
pub fn join_slashed(dir: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .filter(|part| !part.is_empty())
        .fold(dir.to_owned(), |acc, part| acc.join(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_file_of_the_repository_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan-template/templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = format!("templates/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(
                file(&path).is_some(),
                "{path} is not built in; add it to FILES"
            );
        }
    }

    #[test]
    fn the_version_is_read_from_template_yaml() {
        assert!(
            version().chars().next().unwrap().is_ascii_digit(),
            "{}",
            version()
        );
    }

    #[test]
    fn slashed_paths_use_the_platform_separator() {
        let joined = join_slashed(Path::new("out"), "templates/plan.typ");
        assert_eq!(
            joined,
            Path::new("out").join("templates").join("plan.typ"),
            "one component at a time"
        );
    }

    #[test]
    fn export_leaves_changed_files_alone_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            ("a.yaml".to_owned(), "a\n".to_owned()),
            ("templates/b.typ".to_owned(), "b\n".to_owned()),
        ];
        let first = export(dir.path(), &files, false).unwrap();
        assert!(first.iter().all(|s| matches!(s, Exported::Written(_))));
        std::fs::write(dir.path().join("a.yaml"), "mine\n").unwrap();
        let second = export(dir.path(), &files, false).unwrap();
        assert!(matches!(second[0], Exported::Differs(_)));
        assert!(matches!(second[1], Exported::Same(_)));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.yaml")).unwrap(),
            "mine\n"
        );
        export(dir.path(), &files, true).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.yaml")).unwrap(),
            "a\n"
        );
    }
}
