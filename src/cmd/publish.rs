//! `rakeplan publish`: read the revision store and write the static intranet site into
//! `<out>/site/` (or `--site DIR`). The new site is built beside the old one and swapped in
//! with renames, so a failed publish leaves the previous site as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::{Global, PublishArgs};
use crate::cmd::{Outcome, load_template_or_report, report};
use crate::diagnostic::Diagnostic;
use crate::load::display;
use crate::model::Plan;
use crate::site::{CountyStore, StoredVersion, build_site, version_key};
use crate::store::{DRAFT_DIR, read_manifest};
use crate::tr;

/// Runs the publish.
pub fn run(global: &Global, args: &PublishArgs) -> Outcome {
    let (sources, tset) = match load_template_or_report(global) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let site_dir = args.site.clone().unwrap_or_else(|| global.out.join("site"));
    let counties = match read_store(&global.out, &site_dir) {
        Ok(c) if !c.is_empty() => c,
        Ok(_) => {
            let diag = Diagnostic::error_at_path(
                &global.out,
                tr!(
                    "the revision store holds no built plans",
                    "versiovarastossa ei ole rakennettuja suunnitelmia"
                ),
            )
            .with_hint(tr!(
                "run `rakeplan build` first",
                "aja ensin `rakeplan build`"
            ));
            report(&sources, &[diag], global);
            return Outcome::Failure;
        }
        Err(diag) => {
            report(&sources, &[diag], global);
            return Outcome::Failure;
        }
    };
    let files = match build_site(&counties, &tset, &global.regions) {
        Ok(f) => f,
        Err(diag) => {
            report(&sources, &[diag], global);
            eprintln!(
                "{}",
                tr!(
                    "error: the site was not published; the previous site is untouched",
                    "virhe: sivustoa ei julkaistu; edellinen sivusto on ennallaan"
                )
            );
            return Outcome::Failure;
        }
    };
    if let Err(err) = swap_in(&site_dir, &files) {
        let diag = Diagnostic::error_at_path(
            &site_dir,
            tr!(
                "cannot write the site: {err}",
                "sivustoa ei voi kirjoittaa: {err}"
            ),
        );
        report(&sources, &[diag], global);
        return Outcome::Failure;
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    println!(
        "published {} counties, {pages} pages, {} files → {}/index.html",
        counties.len(),
        files.len(),
        display(&site_dir)
    );
    Outcome::Ok
}

/// Reads every county folder of the store (a folder whose subfolders hold manifest.json).
fn read_store(out: &Path, site_dir: &Path) -> Result<Vec<CountyStore>, Diagnostic> {
    let entries = std::fs::read_dir(out).map_err(|err| {
        Diagnostic::error_at_path(out, {
            let shown = display(out);
            tr!(
                "cannot read the revision store \"{shown}\": {err}",
                "versiovarastoa \"{shown}\" ei voi lukea: {err}"
            )
        })
        .with_hint(tr!(
            "run `rakeplan build` first, or pass --out DIR",
            "aja ensin `rakeplan build` tai anna versiovaraston kansio valitsimella --out"
        ))
    })?;
    let mut slugs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    slugs.sort();
    let mut counties = Vec::new();
    for dir in slugs {
        if same_path(&dir, site_dir) {
            continue;
        }
        let Some(slug) = dir.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        let mut records = Vec::new();
        let mut draft = None;
        let mut versions: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        versions.sort();
        for vdir in versions {
            let Some(manifest) = read_manifest(&vdir) else {
                continue;
            };
            let plan_path = vdir.join("plan.json");
            let plan: Plan = std::fs::read(&plan_path)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .ok_or_else(|| {
                    Diagnostic::error_at_path(
                        &plan_path,
                        format!("\"{}\" is missing or unreadable", display(&plan_path)),
                    )
                    .with_hint(tr!(
                        "rebuild this version with `rakeplan build`",
                        "rakenna tämä versio uudelleen komennolla `rakeplan build`"
                    ))
                })?;
            let mut pdfs = BTreeMap::new();
            for name in manifest.outputs.keys().filter(|n| n.ends_with(".pdf")) {
                let path = vdir.join(name);
                let bytes = std::fs::read(&path).map_err(|err| {
                    Diagnostic::error_at_path(&path, {
                        let shown = display(&path);
                        tr!(
                            "cannot read \"{shown}\": {err}",
                            "tiedostoa \"{shown}\" ei voi lukea: {err}"
                        )
                    })
                })?;
                pdfs.insert(name.clone(), bytes);
            }
            let dir_name = vdir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            let stored = StoredVersion {
                dir: dir_name.clone(),
                manifest,
                plan,
                pdfs,
            };
            if dir_name == DRAFT_DIR {
                draft = Some(stored);
            } else {
                records.push(stored);
            }
        }
        if records.is_empty() && draft.is_none() {
            continue;
        }
        records.sort_by_key(|r| version_key(&r.manifest.version));
        counties.push(CountyStore {
            slug,
            records,
            draft,
        });
    }
    Ok(counties)
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Writes the files into a fresh folder beside `site`, then swaps it in.
fn swap_in(site: &Path, files: &[crate::site::SiteFile]) -> std::io::Result<()> {
    let parent = site
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = site.file_name().and_then(|n| n.to_str()).unwrap_or("site");
    let fresh = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    let written = (|| {
        for file in files {
            let path = fresh.join(&file.path);
            std::fs::create_dir_all(path.parent().expect("site files live in a folder"))?;
            std::fs::write(path, &file.bytes)?;
        }
        Ok(())
    })();
    if let Err(err) = written {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(err);
    }
    if site.exists() {
        std::fs::rename(site, &old)?;
    }
    if let Err(err) = std::fs::rename(&fresh, site) {
        // Put the previous site back.
        let _ = std::fs::rename(&old, site);
        return Err(err);
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}
