//! Publishing: the static intranet site, built from the revision store (every version
//! verified) and swapped in whole beside the old one, so a failed publish leaves the
//! previous site as it was. Only a folder rakeplan published is ever replaced, and never
//! one that holds the counties' YAML, the template or the store.

use std::path::{Path, PathBuf};

use super::Project;
use crate::diagnostic::{Diagnostic, Problems};
use crate::fsread::display;
use crate::site::{SiteFile, build_site};
use crate::tr;

/// The file that marks a folder as a site rakeplan published (and may replace).
pub const SITE_MARKER: &str = ".rakeplan-site";

/// A site published.
pub struct Published {
    /// How many counties it shows.
    pub counties: usize,
    /// How many pages.
    pub pages: usize,
    /// How many files in all.
    pub files: usize,
}

/// Why no site was published.
pub enum NotPublished {
    /// The store fails verification: the intranet shows the record exactly or not at all.
    Unverified(Problems),
    /// Anything else.
    Stop(Problems),
}

impl Project {
    /// Publishes the site into `site` (the caller holds the store's lock).
    pub fn publish(&self, site: &Path) -> Result<Published, NotPublished> {
        let stop = |p: Problems| NotPublished::Stop(p);
        let (sources, tset) = self.template_set().map_err(stop)?;
        self.check_target(site)
            .map_err(|d| stop(Problems::one(sources, d)))?;
        recover_interrupted(site);
        let counties = match crate::site::read_store(&self.out) {
            Ok(c) if !c.is_empty() => c,
            Ok(_) => {
                let diag = Diagnostic::error_at_path(
                    &self.out,
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
                return Err(stop(diag.into()));
            }
            Err(diags) => return Err(NotPublished::Unverified(diags.into())),
        };
        let mut settings_sources = crate::diagnostic::Sources::default();
        let settings = crate::load::load_site_settings(&self.template, &mut settings_sources)
            .map_err(|d| stop(Problems::one(settings_sources, d)))?;
        let files =
            build_site(&counties, &tset, &settings, &self.regions).map_err(|d| stop(d.into()))?;
        swap_in(site, &files).map_err(|err| {
            stop(
                Diagnostic::error_at_path(
                    site,
                    tr!(
                        "cannot write the site: {err}",
                        "sivustoa ei voi kirjoittaa: {err}",
                        "det går inte att skriva webbplatsen: {err}"
                    ),
                )
                .into(),
            )
        })?;
        Ok(Published {
            counties: counties.len(),
            pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
            files: files.len(),
        })
    }

    /// `publish` replaces its target whole, so it may only ever replace a site it wrote: the
    /// target must be new, empty or marked as rakeplan's, and must not hold, or lie inside, the
    /// counties' YAML, the template or the store.
    fn check_target(&self, site: &Path) -> Result<(), Diagnostic> {
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
        let target = crate::fsread::resolve(site);
        let out = crate::fsread::resolve(&self.out);
        let default_site = out.join("site");
        let guarded = [
            (
                crate::fsread::resolve(&self.regions),
                tr!(
                    "the counties' YAML",
                    "hyvinvointialueiden YAML-tiedostot",
                    "välfärdsområdenas YAML-filer"
                ),
            ),
            (
                crate::fsread::resolve(&self.template),
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
            if ours && is_dir && (is_our_site(&entry.path()) || barely_begun(&entry.path())) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Whether a staging folder of ours was killed before its marker was in: it holds nothing,
/// or only the temporary file the marker was being written as (nobody else's data).
fn barely_begun(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().all(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(crate::fswrite::TEMP_PREFIX)
                && e.file_type().is_ok_and(|t| t.is_file())
        })
    })
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

/// Writes the files into a staging folder beside `site` (with the marker), then swaps it in:
/// atomically where the platform can, so a site is there at every moment.
fn swap_in(site: &Path, files: &[SiteFile]) -> std::io::Result<()> {
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
