//! Building: each checked county's plan rendered in every language edition (PDF, HTML) and
//! stored with plan.json and manifest.json in the revision store, counties in parallel. A
//! version whose inputs are unchanged is not rendered again; an approved version is never
//! changed. What happens to each county is told to the caller as it happens ([`Event`]),
//! so a command can print it; nothing here prints.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Loaded, Project};
use crate::diagnostic::{Diagnostic, Sources};
use crate::load::TemplateSet;
use crate::model::Plan;
use crate::names::Version;
use crate::render::{Artifact, TemplateDirs, editions};
use crate::store::{self, Manifest};
use crate::tr;

/// What to build besides the plan.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Also the approval packet's redline against this stored version.
    pub redline_against: Option<Version>,
}

/// What became of one county, told as it happens.
pub enum Event<'a> {
    /// Its store fails verification: nothing is built on it.
    Refused(&'a Plan, Vec<Diagnostic>),
    /// Its inputs are unchanged and the stored files intact: not rendered again.
    Unchanged(&'a Plan, PathBuf),
    /// The store refused or failed before rendering.
    NotStored(&'a Plan, store::StoreError),
    /// How many counties are about to be rendered.
    Rendering(usize),
    /// One county rendered (with typst's warnings) and what the store did with it.
    Done(&'a Plan, Done, Vec<Diagnostic>),
    /// A draft of a version approved since was removed.
    Retired(&'a str, String),
    /// Such a draft could not be removed.
    NotRetired(&'a str, std::io::Error),
}

/// How building one county ended.
pub enum Done {
    /// Rendered and stored in this folder.
    Built(PathBuf),
    /// Not rendered: why.
    NotRendered(Vec<Diagnostic>),
    /// Rendered, but the store refused or failed.
    NotStored(store::StoreError),
}

impl Project {
    /// Builds every county of `loaded` that has a plan (the caller checks for errors first):
    /// `on` hears what becomes of each as it happens (from several threads at once, one
    /// call at a time). The caller holds the store's lock.
    pub fn build(&self, loaded: &Loaded, options: &Options, on: &(dyn Fn(Event) + Sync)) {
        // The manifest (hashes of every input) and plan.json are made once: to decide and
        // then to store.
        let mut plans: Vec<(&Plan, Manifest, Vec<u8>)> = Vec::new();
        for plan in loaded.regions.iter().filter_map(|r| r.plan.as_ref()) {
            store::sweep_county(&self.out, &plan.slug);
            // And what a killed `next` left beside plan.yaml.
            crate::fswrite::sweep_dead(&self.regions.join(&plan.slug), "file");
            // Nothing is built on a county's store that fails verification (a draft is
            // simply built again): a county or version folder behind a link, an approved
            // version the change log or git names that is gone, a record that is not what
            // was stored.
            let draft = self.out.join(&plan.slug).join(store::DRAFT_DIR);
            let (_, found) = store::verify_county(&self.out, &plan.slug, Some(plan));
            let hidden: Vec<Diagnostic> = found
                .iter()
                .filter(|p| !p.path.starts_with(&draft))
                .map(store::Problem::diagnostic)
                .collect();
            if !hidden.is_empty() {
                on(Event::Refused(plan, hidden));
                continue;
            }
            let manifest = manifest_for(plan, &loaded.template, &self.regions, &loaded.sources);
            let json = plan_json(plan);
            match store::decide(&self.out, &manifest, &json) {
                Ok(Some(dir))
                    if options.redline_against.is_none() || plan.meta.status.is_final() =>
                {
                    on(Event::Unchanged(plan, dir))
                }
                Ok(_) => plans.push((plan, manifest, json)),
                Err(err) => on(Event::NotStored(plan, err)),
            }
        }
        // Counties render in parallel; each is stored as soon as it is rendered, so only the
        // counties in flight hold their bytes, and typst's cache keeps only what recent PDFs
        // used (see KEEP_FOR).
        on(Event::Rendering(plans.len()));
        // A bilingual county makes two PDFs: it starts before the others.
        let editions_of = |(plan, _, _): &(&Plan, Manifest, Vec<u8>)| plan.region.languages.len();
        let said = std::sync::Mutex::new(());
        in_parallel(plans, editions_of, |(plan, mut manifest, json)| {
            let mut rendered = render_all(plan, json, &loaded.template, &self.regions);
            if let (Ok(artifacts), Some(version)) = (&mut rendered, &options.redline_against) {
                match render_packet(plan, &loaded.template, self, version) {
                    Ok(mut extra) => artifacts.append(&mut extra),
                    Err(diags) => rendered = Err(diags),
                }
            }
            // typst's warnings about the templates, told with the county's other news.
            let warnings: Vec<Diagnostic> = rendered
                .iter()
                .flatten()
                .flat_map(|a| a.warnings.iter().cloned())
                .collect();
            let done = match rendered {
                Ok(artifacts) => {
                    match store::store_revision(&self.out, &mut manifest, &artifacts) {
                        Ok(dir) => Done::Built(dir),
                        Err(err) => Done::NotStored(err),
                    }
                }
                Err(diags) => Done::NotRendered(diags),
            };
            // One county's news stays together.
            let _whole = said.lock().unwrap_or_else(|e| e.into_inner());
            on(Event::Done(plan, done, warnings));
        });
        // A draft of a version that has since been approved (or overtaken) is no draft of
        // anything: it goes, so that no site shows it beside the version in force.
        for plan in loaded.regions.iter().filter_map(|r| r.plan.as_ref()) {
            match store::retire_stale_draft(&self.out, &plan.slug) {
                Ok(Some(version)) => on(Event::Retired(&plan.slug, version)),
                Ok(None) => {}
                Err(err) => on(Event::NotRetired(&plan.slug, err)),
            }
        }
    }
}

/// How many PDFs made since a result in typst's cache was last used it outlives. What every
/// PDF uses (the template's code, fonts' shaping plans, labels and headers) stays; an
/// edition's own layouts go two PDFs later, so memory stays bounded. Clearing the cache
/// outright (`evict(0)`) would also throw away the layouts of the PDF still in flight on the
/// other thread, which then lays itself out again from scratch; and `watch`, which rebuilds
/// through here, would start cold on every edit.
const KEEP_FOR: usize = 2;

/// Runs `work` on every item on as many threads as there are cores, and returns the results
/// in the items' order. The heaviest items (by `weight`) start first, so the run does not
/// end with one long item on one core while the others have nothing left to do. Plain
/// threads rather than rayon's pool: typst parallelises inside a compile with rayon, and a
/// rayon worker waiting inside a compile would steal the next county and start it too, so
/// every county would be in flight (and in memory) at once.
fn in_parallel<T: Send, R: Send>(
    items: Vec<T>,
    weight: impl Fn(&T) -> usize,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut items: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    items.sort_by_key(|(_, item)| std::cmp::Reverse(weight(item)));
    let queue = std::sync::Mutex::new(items.into_iter());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((i, item)) = next else { break };
                    let result = work(item);
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, result));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The normalised plan as stored (`plan.json`): what diffs compare and the site reads.
pub fn plan_json(plan: &Plan) -> Vec<u8> {
    let mut json = serde_json::to_vec_pretty(plan).expect("plans serialise");
    json.push(b'\n');
    json
}

/// Renders every language edition, plus `json` (the plan's [`plan_json`]) as plan.json. The
/// main language gets `plan.pdf` and `plan.html`; others get `plan.<lang>.pdf` and
/// `plan.<lang>.html`.
pub fn render_all(
    plan: &Plan,
    json: Vec<u8>,
    tset: &TemplateSet,
    regions: &Path,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let dirs = template_dirs(plan, tset, regions);
    let mut artifacts = Vec::new();
    for edition in editions(plan, tset, &dirs)? {
        let pdf = edition.pdf(plan, &dirs);
        typst::comemo::evict(KEEP_FOR);
        artifacts.push(pdf?);
        artifacts.push(edition.html(&dirs).map_err(|d| vec![d])?);
    }
    artifacts.push(Artifact::new("plan.json", json));
    artifacts.push(crate::render::record::record_json(
        plan,
        &tset.template.title,
        &artifacts,
    ));
    Ok(artifacts)
}

/// The approval packet's redline against the stored `version`: `redline-<version>.pdf` and
/// `redline-<version>.html`, to lie beside the clean plan in the version folder.
fn render_packet(
    plan: &Plan,
    tset: &TemplateSet,
    project: &Project,
    wanted: &Version,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let version = wanted.to_string();
    let out_dir = project.out.join(&plan.slug);
    let record = store::find_version(&project.out, &plan.slug, wanted)
        .map_err(|problems| problems.iter().map(store::Problem::diagnostic).collect::<Vec<_>>())?
        .ok_or_else(|| {
            let known = store::stored_versions(&project.out, &plan.slug).join(", ");
            vec![Diagnostic::error_at_path(
                &out_dir.join(&version),
                tr!(
                    "there is no stored version {version} of \"{}\" to compare with",
                    "hyvinvointialueelta \"{}\" ei ole tallennettua versiota {version}, johon verrata",
"välfärdsområdet \"{}\" har ingen sparad version {version} att jämföra med",
                    plan.slug
                ),
            )
            .with_hint(if known.is_empty() {
                tr!(
                    "build that version first; nothing is stored in {}",
                    "rakenna se versio ensin; kansiossa {} ei ole tallennettuja versioita",
"bygg den versionen först; i mappen {} finns inga sparade versioner",
                    crate::fsread::display(&out_dir)
                )
            } else {
                tr!(
                    "the stored versions are {known}",
                    "tallennetut versiot ovat {known}",
"de sparade versionerna är {known}"
                )
            })]
        })?;
    let old = record.plan().map_err(|p| vec![p.diagnostic()])?;
    let dirs = template_dirs(plan, tset, &project.regions);
    let base = format!("redline-{version}");
    let labels = dirs.labels(&tset.labels).map_err(|d| vec![d])?;
    crate::render::redlines(
        &old,
        plan,
        &tset.template,
        &labels,
        &dirs,
        &base,
        &|_, _| Vec::new(),
    )
}

/// Where a county's layout templates are looked up.
fn template_dirs(plan: &Plan, tset: &TemplateSet, regions: &Path) -> TemplateDirs {
    TemplateDirs::for_county(&tset.dir, regions, &plan.slug)
}

/// The manifest a build of `plan` would store: the sha256 of every input.
pub fn manifest_for(
    plan: &Plan,
    tset: &TemplateSet,
    regions: &Path,
    sources: &Sources,
) -> Manifest {
    let region_dir = crate::fsread::display(&regions.join(&plan.slug));
    let template_dir = crate::fsread::display(&tset.dir);
    // Inputs are named as in a standard checkout (`regions/<slug>/...`, `plan-template/...`)
    // whatever folders they were read from, so manifests compare across machines.
    let mut inputs = BTreeMap::new();
    for file in 0..sources.len() {
        let name = sources.name(file);
        let key = if let Some(rest) = name.strip_prefix(&format!("{region_dir}/")) {
            format!("regions/{}/{rest}", plan.slug)
        } else if let Some(rest) = name.strip_prefix(&format!("{template_dir}/")) {
            format!("plan-template/{rest}")
        } else if name.starts_with(crate::builtin::ORIGIN_PREFIX) {
            // A template file the repository does not have: the copy built into rakeplan.
            name.to_owned()
        } else {
            continue;
        };
        inputs.insert(key, store::sha256(sources.text(file).as_bytes()));
    }
    // The layout templates, from the county's override, the national folder or built in,
    // and the county's logo and labels.
    let dirs = template_dirs(plan, tset, regions);
    if let Some(dir) = &dirs.region
        && let Ok(bytes) =
            crate::fsread::read_inside(&dir.join("labels.yaml"), dir, crate::fsread::MAX_YAML_BYTES)
    {
        inputs.insert(
            format!("regions/{}/templates/labels.yaml", plan.slug),
            store::sha256(&bytes),
        );
    }
    if let Ok(Some((name, bytes))) = dirs.logo() {
        inputs.insert(
            format!("regions/{}/templates/{name}", plan.slug),
            store::sha256(&bytes),
        );
    }
    for name in crate::render::LAYOUT_FILES {
        if let Ok(found) = dirs.find(name) {
            let key = if found.origin.starts_with("built-in:") {
                found.origin.clone()
            } else if found.origin.starts_with(&format!("{region_dir}/")) {
                format!("regions/{}/templates/{name}", plan.slug)
            } else {
                format!("plan-template/templates/{name}")
            };
            inputs.insert(key, store::sha256(found.text.as_bytes()));
        }
    }
    // The earlier versions' decisions fill the change history: a new record rebuilds the
    // draft even when none of the county's files changed.
    for earlier in &plan.history {
        let approvals = serde_json::to_vec(&earlier.approvals).expect("approvals serialise");
        inputs.insert(
            format!("record:{}", earlier.version),
            store::sha256(&approvals),
        );
    }
    Manifest {
        tool: format!("rakeplan {}", env!("CARGO_PKG_VERSION")),
        template_version: tset.template.version.clone(),
        slug: plan.slug.clone(),
        version: plan.meta.version.clone(),
        status: plan.meta.status.as_str().to_owned(),
        date: plan.meta.date.to_string(),
        inputs,
        outputs: BTreeMap::new(),
        record: Some(plan.meta.record.clone()).filter(|r| !r.is_empty()),
    }
}
