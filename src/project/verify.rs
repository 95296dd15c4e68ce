//! Verifying the store: every stored version against its manifest, like `git fsck`, and
//! every approved version the counties' change logs or git name present.

use std::path::Path;

use super::Project;
use crate::diagnostic::{Diagnostic, Sources};
use crate::store;
use crate::tr;

/// What verifying the store found.
#[derive(Default)]
pub struct Verified {
    /// The counties looked at, each with how many versions verified whole (counties with
    /// problems too).
    pub counties: Vec<(String, usize)>,
    /// How many counties were looked at.
    pub looked_at: usize,
    /// Every problem, in the order found.
    pub problems: Vec<Diagnostic>,
}

impl Verified {
    /// How many versions verified in all.
    pub fn versions(&self) -> usize {
        self.counties.iter().map(|(_, n)| n).sum()
    }
}

impl Project {
    /// Verifies the named counties' records (all the store holds when none is named);
    /// `Err` when the store cannot be read at all.
    pub fn verify(&self, slugs: &[String]) -> Result<Verified, Diagnostic> {
        let out = &self.out;
        let mut verified = Verified::default();
        // The counties' working plans, where they can be read: an approved version their
        // change logs name must be in the store.
        let working = self.working_plans();
        let slugs = if slugs.is_empty() {
            let mut slugs = store_counties(out, &mut verified.problems)?;
            // A county whose folder is gone while git still tracks its records.
            for (slug, _) in &working {
                if !slugs.contains(slug) && !store::git_versions(out, slug).is_empty() {
                    slugs.push(slug.clone());
                }
            }
            slugs.sort();
            slugs
        } else {
            slugs.to_vec()
        };
        verified.looked_at = slugs.len();
        for slug in &slugs {
            let problems = &mut verified.problems;
            if !crate::names::is_county_name(slug) {
                problems.push(super::bad_county_name(&out.join(slug), slug));
                continue;
            }
            let county = out.join(slug);
            let linked =
                std::fs::symlink_metadata(&county).is_ok_and(|m| m.file_type().is_symlink());
            let working = working.iter().find(|(s, _)| s == slug).map(|(_, p)| p);
            if !linked && !county.is_dir() && !store::git_versions(out, slug).is_empty() {
                let (_, found) = store::verify_county(out, slug, working);
                problems.extend(found.iter().map(store::Problem::diagnostic));
                continue;
            }
            if !linked && !county.is_dir() {
                let diag = Diagnostic::error_at_path(
                    &out.join(slug),
                    tr!(
                        "nothing is stored for \"{slug}\"",
                        "hyvinvointialueelle \"{slug}\" ei ole tallennettu mitään",
                        "ingenting har sparats för \"{slug}\""
                    ),
                )
                .with_hint(tr!(
                    "build it with `rakeplan build {slug}`, or check the name",
                    "rakenna se komennolla `rakeplan build {slug}` tai tarkista nimi",
                    "bygg den med `rakeplan build {slug}` eller kontrollera namnet"
                ));
                problems.push(diag);
                continue;
            }
            let (checked, found) = store::verify_county(out, slug, working);
            if found.is_empty() {
                verified.counties.push((slug.clone(), checked));
            }
            problems.extend(found.iter().map(store::Problem::diagnostic));
        }
        Ok(verified)
    }

    /// The plans of the counties in the regions folder that load (their errors are `check`'s
    /// business, not the store's), by folder name.
    fn working_plans(&self) -> Vec<(String, crate::model::Plan)> {
        let mut sources = Sources::default();
        let Ok(tset) = crate::load::load_template(&self.template, &mut sources) else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(&self.regions) else {
            return Vec::new();
        };
        let mut plans = Vec::new();
        for entry in entries.flatten() {
            let slug = entry.file_name().to_string_lossy().into_owned();
            if !crate::names::is_county_name(&slug) || !entry.file_type().is_ok_and(|t| t.is_dir())
            {
                continue;
            }
            let loaded = crate::load::load_plan(&entry.path(), &slug, &tset, &mut sources);
            if let Some(plan) = loaded.plan.filter(|_| loaded.complete) {
                plans.push((slug, plan));
            }
        }
        plans
    }
}

/// The county folders of the store; anything else there that does not belong is a problem.
fn store_counties(out: &Path, problems: &mut Vec<Diagnostic>) -> Result<Vec<String>, Diagnostic> {
    let (slugs, found) =
        store::list_store(out).map_err(|err| crate::store::store_unreadable(out, &err))?;
    problems.extend(found.iter().map(store::Problem::diagnostic));
    Ok(slugs)
}
