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
use crate::site::{CountyStore, StoredVersion, build_site};
use crate::store::{self, DRAFT_DIR};
use crate::tr;

/// The file that marks a folder as a site rakeplan published (and may replace).
pub const SITE_MARKER: &str = ".rakeplan-site";

/// Runs the publish.
pub fn run(global: &Global, args: &PublishArgs) -> Outcome {
    let (sources, tset) = match load_template_or_report(global) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let site_dir = args.site.clone().unwrap_or_else(|| global.out.join("site"));
    if let Err(diag) = check_target(&site_dir, global) {
        report(&sources, &[diag], global);
        return Outcome::Failure;
    }
    let _lock = match crate::cmd::lock_store(global) {
        Ok(lock) => lock,
        Err(outcome) => return outcome,
    };
    recover_interrupted(&site_dir);
    let counties = match read_store(&global.out) {
        Ok(c) if !c.is_empty() => c,
        Ok(_) => {
            let diag = Diagnostic::error_at_path(
                &global.out,
                tr!(
                    "the revision store holds no built plans",
                    "versiovarastossa ei ole rakennettuja suunnitelmia",
                    "versionsarkivet innehåller inga byggda planer"
                ),
            )
            .with_hint(tr!(
                "run `rakeplan build` first",
                "aja ensin `rakeplan build`",
                "kör `rakeplan build` först"
            ));
            report(&sources, &[diag], global);
            return Outcome::Failure;
        }
        Err(diags) => {
            report(&sources, &diags, global);
            crate::errln!(
                "{}",
                tr!(
                    "error: the site was not published: the store fails verification \
                     (`rakeplan verify` lists every problem); the previous site is untouched",
                    "virhe: sivustoa ei julkaistu, koska versiovarastoa ei voi todentaa \
                     (`rakeplan verify` luettelee ongelmat); edellinen sivusto on ennallaan",
                    "fel: webbplatsen publicerades inte, eftersom versionsarkivet inte kan verifieras (`rakeplan verify` listar alla problem); den tidigare webbplatsen är orörd"
                )
            );
            return Outcome::Problems;
        }
    };
    let spinner = crate::cmd::spinner(&tr!("publishing", "julkaistaan", "publicerar"));
    let built = build_site(&counties, &tset, &global.regions);
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    let files = match built {
        Ok(f) => f,
        Err(diag) => {
            report(&sources, &[diag], global);
            crate::errln!(
                "{}",
                tr!(
                    "error: the site was not published; the previous site is untouched",
                    "virhe: sivustoa ei julkaistu; edellinen sivusto on ennallaan",
                    "fel: webbplatsen publicerades inte; den tidigare webbplatsen är orörd"
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
                "sivustoa ei voi kirjoittaa: {err}",
                "det går inte att skriva webbplatsen: {err}"
            ),
        );
        report(&sources, &[diag], global);
        return Outcome::Failure;
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let (n, site) = (counties.len(), display(&site_dir));
    crate::outln!(
        "{}",
        tr!(
            "published {n} counties, {pages} pages, {} files → {site}/index.html",
            "julkaistu {n} hyvinvointialuetta, {pages} sivua, {} tiedostoa → {site}/index.html",
            "publicerade {n} välfärdsområden, {pages} sidor, {} filer → {site}/index.html",
            files.len()
        )
    );
    Outcome::Ok
}

/// `publish` replaces its target whole, so it may only ever replace a site it wrote: the
/// target must be new, empty or marked as rakeplan's, and must not hold, or lie inside, the
/// counties' YAML, the template or the store.
fn check_target(site: &Path, global: &Global) -> Result<(), Diagnostic> {
    let shown = display(site);
    let refuse = |message: String| {
        Diagnostic::error_at_path(site, message).with_hint(tr!(
            "publish into a new or empty folder, or into one an earlier `rakeplan publish` wrote \
             (the default is <out>/site)",
            "julkaise uuteen tai tyhjään kansioon tai kansioon, johon `rakeplan publish` on \
             julkaissut aiemmin (oletus on <out>/site)",
"publicera i en ny eller tom mapp, eller i en mapp som `rakeplan publish` har skrivit tidigare (standard är <out>/site)"
        ))
    };
    if let Ok(meta) = std::fs::symlink_metadata(site) {
        if meta.file_type().is_symlink() {
            return Err(refuse(tr!(
                "\"{shown}\" is a symbolic link; publish replaces the folder itself",
                "\"{shown}\" on symbolinen linkki; julkaisu korvaa itse kansion",
                "\"{shown}\" är en symbolisk länk; publiceringen ersätter själva mappen"
            )));
        }
        if !meta.is_dir() {
            return Err(refuse(tr!(
                "\"{shown}\" is a file, not a folder",
                "\"{shown}\" on tiedosto eikä kansio",
                "\"{shown}\" är en fil, inte en mapp"
            )));
        }
    }
    let target = crate::cmd::resolve(site);
    let out = crate::cmd::resolve(&global.out);
    let default_site = out.join("site");
    let guarded = [
        (
            crate::cmd::resolve(&global.regions),
            tr!(
                "the counties' YAML",
                "hyvinvointialueiden YAML-tiedostot",
                "välfärdsområdenas YAML-filer"
            ),
        ),
        (
            crate::cmd::resolve(&global.template),
            tr!(
                "the national template",
                "kansallisen suunnitelmapohjan",
                "den nationella planmallen"
            ),
        ),
        (
            out.clone(),
            tr!("the revision store", "versiovaraston", "versionsarkivet"),
        ),
    ];
    for (dir, what) in &guarded {
        let inside_store_site = *dir == out && target == default_site;
        if dir.starts_with(&target) || (target.starts_with(dir) && !inside_store_site) {
            return Err(refuse(tr!(
                "\"{shown}\" holds or lies inside {what}; publishing there would replace them",
                "\"{shown}\" sisältää {what} tai on sen sisällä; julkaisu korvaisi ne",
                "\"{shown}\" innehåller {what} eller ligger inuti den; en publicering där skulle ersätta dem"
            )));
        }
    }
    let entries = std::fs::read_dir(site).map(|e| e.count()).unwrap_or(0);
    if entries > 0 && !is_our_site(site) {
        return Err(refuse(tr!(
            "\"{shown}\" is not empty and is not a site rakeplan published (it has no {SITE_MARKER})",
            "\"{shown}\" ei ole tyhjä eikä rakeplanin julkaisema sivusto (siinä ei ole \
             tiedostoa {SITE_MARKER})",
            "\"{shown}\" är inte tom och är ingen webbplats som rakeplan har publicerat (filen {SITE_MARKER} saknas)"
        )));
    }
    Ok(())
}

/// Whether `dir` is a site rakeplan wrote: it holds the marker file (a generator tag in a
/// page proves nothing: anyone can write one).
fn is_our_site(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(SITE_MARKER)).is_ok_and(|m| m.is_file())
}

/// Cleans up after a publish that was killed: a site moved aside but not replaced is put
/// back, and staging folders are removed. Call while holding the lock.
fn recover_interrupted(site: &Path) {
    let parent = parent_of(site);
    if std::fs::symlink_metadata(site).is_err()
        && let Some(aside) = newest_aside(parent)
    {
        let _ = crate::fswrite::rename(&aside, site);
    }
    // The site's parent may be a web server's document root holding others' files: only a
    // folder publish itself staged or set aside (its temporary name, and the marker it
    // writes first into each) is removed there, never whatever else carries a temporary
    // look (`.backup.tmp`).
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = [SITE_STAGE, SITE_ASIDE]
                .iter()
                .any(|what| name.starts_with(&format!("{}{what}-", crate::fswrite::TEMP_PREFIX)));
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if ours && is_dir && is_our_site(&entry.path()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// What publish calls the folder it stages a new site in, and the one an old site is set
/// aside as (by [`crate::fswrite::replace_dir`]): parts of their temporary names.
const SITE_STAGE: &str = "site";
const SITE_ASIDE: &str = "old";

/// A site moved aside by an interrupted swap on a platform without atomic exchange.
fn newest_aside(parent: &Path) -> Option<PathBuf> {
    let mut asides: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(parent)
        .ok()?
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{}old-", crate::fswrite::TEMP_PREFIX))
        })
        .filter(|e| is_our_site(&e.path()))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    asides.sort();
    asides.pop().map(|(_, p)| p)
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Reads every county of the store, each version verified against its manifest. Any
/// problem (a damaged record, a stray folder, a name that cannot be a county's) refuses the
/// publish: the intranet shows the record exactly or not at all.
fn read_store(out: &Path) -> Result<Vec<CountyStore>, Vec<Diagnostic>> {
    let (slugs, mut problems) =
        store::list_store(out).map_err(|err| vec![crate::cmd::store_unreadable(out, &err)])?;
    let mut counties = Vec::new();
    for slug in slugs {
        let listing = store::list_county(out, &slug);
        problems.extend(listing.problems.iter().cloned());
        let mut records = Vec::new();
        let mut draft = None;
        let dirs = listing
            .versions
            .iter()
            .map(|(_, d)| d)
            .chain(listing.draft.iter());
        for dir in dirs {
            let stored = store::verify(dir, &slug).and_then(|record| {
                let plan = record.plan().map_err(|p| vec![p])?;
                Ok(stored_version(record, plan))
            });
            match stored {
                Ok(v) if v.dir == DRAFT_DIR => draft = Some(v),
                Ok(v) => records.push(v),
                Err(found) => problems.extend(found),
            }
        }
        // A draft of a version approved since (the planner's machine keeps the git-ignored
        // draft folder) is never published beside the version in force.
        let newest = records
            .iter()
            .filter_map(|r: &StoredVersion| crate::names::Version::parse(&r.plan.meta.version))
            .max();
        if draft.as_ref().is_some_and(|d: &StoredVersion| {
            crate::names::Version::parse(&d.plan.meta.version)
                .zip(newest.as_ref())
                .is_some_and(|(d, n)| d <= *n)
        }) {
            draft = None;
        }
        // An approved version a stored manifest or change log names must be there too.
        let stored: Vec<&StoredVersion> = records.iter().chain(draft.iter()).collect();
        let manifests: Vec<&store::Manifest> = stored.iter().map(|v| &v.manifest).collect();
        let plans: Vec<(String, &Plan)> = stored
            .iter()
            .map(|v| {
                let path = out.join(&slug).join(&v.dir).join("plan.json");
                (crate::load::display(&path), &v.plan)
            })
            .collect();
        let tracked = store::git_versions(out, &slug);
        problems.extend(store::missing_versions(
            out, &slug, &listing, &manifests, &plans, tracked,
        ));
        problems.extend(store::git_changed(out, &slug));
        if !records.is_empty() || draft.is_some() {
            counties.push(CountyStore {
                slug,
                records,
                draft,
            });
        }
    }
    if problems.is_empty() {
        Ok(counties)
    } else {
        Err(problems.iter().map(store::Problem::diagnostic).collect())
    }
}

fn stored_version(record: store::Record, plan: Plan) -> StoredVersion {
    let dir = record
        .dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    // The editions only: an approval packet stored beside them (`redline-1.0.pdf`) is
    // for the bodies that decide; the site makes its own what-changed pages.
    let edition = |name: &str, ext: &str| name.starts_with("plan.") && name.ends_with(ext);
    let (pdfs, rest): (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) = record
        .files
        .into_iter()
        .partition(|(name, _)| edition(name, ".pdf"));
    let htmls = rest
        .into_iter()
        .filter(|(n, _)| edition(n, ".html"))
        .collect();
    StoredVersion {
        dir,
        manifest: record.manifest,
        plan,
        pdfs,
        htmls,
    }
}

/// Writes the files into a staging folder beside `site` (with the marker), then swaps it in:
/// atomically where the platform can, so a site is there at every moment.
fn swap_in(site: &Path, files: &[crate::site::SiteFile]) -> std::io::Result<()> {
    let parent = parent_of(site);
    std::fs::create_dir_all(parent)?;
    let fresh = crate::fswrite::temp_path(parent, SITE_STAGE);
    let written = (|| {
        // The marker first: a staging folder left by a killed run is known as ours by it.
        crate::fswrite::write_staged(
            &fresh.join(SITE_MARKER),
            b"This folder is a site published by rakeplan; `rakeplan publish` replaces it whole.\n",
        )?;
        for file in files {
            crate::fswrite::write_staged(&fresh.join(&file.path), &file.bytes)?;
        }
        crate::fswrite::crash_point("site-staged");
        crate::fswrite::replace_dir(&fresh, site)
    })();
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&fresh);
    }
    written
}
