//! `rakeplan build`: check, then render every language edition of each county's plan to PDF
//! and HTML, and store them with plan.json and manifest.json in the revision store. With any
//! error nothing is written. Counties render in parallel.

use std::collections::BTreeMap;
use std::path::Path;

use crate::cli::{BuildArgs, Global};
use crate::cmd::{Outcome, load_and_check, report};
use crate::diagnostic::{Diagnostic, Sources};
use crate::load::TemplateSet;
use crate::model::Plan;
use crate::render::{Artifact, TemplateDirs, editions};
use crate::store::{self, Manifest};
use crate::tr;

/// How building one county ended.
enum Done {
    /// Rendered and stored in this folder.
    Built(std::path::PathBuf),
    /// Not rendered: why.
    NotRendered(Vec<Diagnostic>),
    /// Rendered, but the store refused or failed.
    NotStored(store::StoreError),
}

/// Runs the build.
pub fn run(global: &Global, args: &BuildArgs) -> Outcome {
    let loaded = match load_and_check(global, &args.which.slugs) {
        Ok(l) => l,
        Err((sources, diags)) => {
            report(&sources, &diags, global);
            return Outcome::Failure;
        }
    };
    let mut failed = false;
    for region in &loaded.regions {
        report(&loaded.sources, &region.diagnostics, global);
        if region.has_errors() {
            failed = true;
        }
    }
    if failed {
        crate::errln!(
            "{}",
            tr!(
                "error: nothing was built; fix the errors above and run `rakeplan build` again",
                "virhe: mitään ei rakennettu; korjaa yllä luetellut virheet ja aja \
                 `rakeplan build` uudelleen",
                "fel: ingenting byggdes; rätta felen ovan och kör `rakeplan build` igen"
            )
        );
        return Outcome::Problems;
    }
    if let Some(version) = &args.redline_against
        && crate::names::Version::parse(version).is_none()
    {
        crate::errln!(
            "{}",
            tr!(
                "error: --redline-against takes a stored version such as 1.0, not \"{version}\"",
                "virhe: valitsimelle --redline-against annetaan tallennettu versio, \
                 esimerkiksi 1.0, eikä \"{version}\"",
                "fel: --redline-against tar en sparad version, till exempel 1.0, inte \"{version}\""
            )
        );
        return Outcome::Failure;
    }
    // One writer at a time; held until the end of the run.
    let _lock = match crate::cmd::lock_store(global) {
        Ok(lock) => lock,
        Err(outcome) => return outcome,
    };
    // A version whose inputs are unchanged and whose stored files are intact is not rendered
    // again (an approval packet, when asked for, always is, unless the version is a record).
    let mut outcome = Outcome::Ok;
    // The manifest (hashes of every input) and plan.json are made once: to decide and then
    // to store.
    let mut plans: Vec<(&Plan, Manifest, Vec<u8>)> = Vec::new();
    for plan in loaded.regions.iter().filter_map(|r| r.plan.as_ref()) {
        store::sweep_county(&global.out, &plan.slug);
        // And what a killed `next` left beside plan.yaml.
        crate::fswrite::sweep_dead(&global.regions.join(&plan.slug), "file");
        // Nothing is built on a county's store that fails verification (a draft is simply
        // built again): a county or version folder behind a link, an approved version the
        // change log or git names that is gone, a record that is not what was stored.
        let draft = global.out.join(&plan.slug).join(store::DRAFT_DIR);
        let (_, found) = store::verify_county(&global.out, &plan.slug, Some(plan));
        let hidden: Vec<&store::Problem> = found
            .iter()
            .filter(|p| !p.path.starts_with(&draft))
            .collect();
        if !hidden.is_empty() {
            let diags: Vec<Diagnostic> = hidden.iter().map(|p| p.diagnostic()).collect();
            report(&Sources::default(), &diags, global);
            outcome = Outcome::Problems;
            continue;
        }
        let manifest = manifest_for(plan, &loaded.template, &global.regions, &loaded.sources);
        let json = plan_json(plan);
        match store::decide(&global.out, &manifest, &json) {
            Ok(Some(dir)) if args.redline_against.is_none() || plan.meta.status.is_final() => {
                print_stored(&tr!("unchanged", "ennallaan", "oförändrad"), plan, &dir)
            }
            Ok(_) => plans.push((plan, manifest, json)),
            Err(err) => {
                report_store_error(&err, global);
                outcome = Outcome::Problems;
            }
        }
    }
    // Counties render in parallel; each is stored as soon as it is rendered, so only the
    // counties in flight hold their bytes, and typst's cache keeps only what recent PDFs
    // used (see KEEP_FOR).
    let progress = crate::cmd::progress_bar(plans.len(), &tr!("building", "rakennetaan", "bygger"));
    // A bilingual county makes two PDFs: it starts before the others.
    let editions_of = |(plan, _, _): &(&Plan, Manifest, Vec<u8>)| plan.region.languages.len();
    let said = std::sync::Mutex::new(());
    let done = in_parallel(plans, editions_of, |(plan, mut manifest, json)| {
        let mut rendered = render_all(plan, json, &loaded.template, &global.regions);
        if let (Ok(artifacts), Some(version)) = (&mut rendered, &args.redline_against) {
            match render_packet(plan, &loaded.template, global, version) {
                Ok(mut extra) => artifacts.append(&mut extra),
                Err(diags) => rendered = Err(diags),
            }
        }
        // typst's warnings about the templates, printed with the county's other messages.
        let warnings: Vec<Diagnostic> = rendered
            .iter()
            .flatten()
            .flat_map(|a| a.warnings.iter().cloned())
            .collect();
        let done = match rendered {
            Ok(artifacts) => match store::store_revision(&global.out, &mut manifest, &artifacts) {
                Ok(dir) => Done::Built(dir),
                Err(err) => Done::NotStored(err),
            },
            Err(diags) => Done::NotRendered(diags),
        };
        // Each county is reported as it is done (above the bar on a terminal), so a long
        // run's log shows its progress; one county's lines stay together.
        {
            let _whole = said.lock().unwrap_or_else(|e| e.into_inner());
            let say = || report_done(plan, &done, &warnings, global);
            match &progress {
                Some(bar) => {
                    bar.suspend(say);
                    bar.inc(1);
                }
                None => say(),
            }
        }
        done
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    for done in done {
        match done {
            Done::Built(_) => {}
            Done::NotRendered(_) => outcome = Outcome::Failure,
            Done::NotStored(store::StoreError::Io { .. }) => outcome = Outcome::Failure,
            Done::NotStored(_) if outcome == Outcome::Ok => outcome = Outcome::Problems,
            Done::NotStored(_) => {}
        }
    }
    // A draft of a version that has since been approved (or overtaken) is no draft of
    // anything: it goes, so that no site shows it beside the version in force.
    for plan in loaded.regions.iter().filter_map(|r| r.plan.as_ref()) {
        let slug = &plan.slug;
        match store::retire_stale_draft(&global.out, slug) {
            Ok(Some(version)) => println!(
                "{}",
                tr!(
                    "retired: {slug} draft {version} (version {version} or a later one is approved)",
                    "poistettu: {slug} luonnos {version} (versio {version} tai uudempi on hyväksytty)",
                    "borttaget: {slug} utkast {version} (version {version} eller en senare är godkänd)"
                )
            ),
            Ok(None) => {}
            Err(err) => eprintln!(
                "{}",
                tr!(
                    "warning: the old draft of {slug} could not be removed: {err}",
                    "varoitus: alueen {slug} vanhaa luonnosta ei voitu poistaa: {err}",
                    "varning: det gamla utkastet för {slug} kunde inte tas bort: {err}"
                )
            ),
        }
    }
    outcome
}

/// Prints what became of one county: typst's warnings, then where it was stored or why not.
fn report_done(plan: &Plan, done: &Done, warnings: &[Diagnostic], global: &Global) {
    let empty = Sources::default();
    report(&empty, warnings, global);
    match done {
        Done::Built(dir) => print_stored(&tr!("built", "rakennettu", "byggd"), plan, dir),
        Done::NotRendered(diags) => {
            report(&empty, diags, global);
            let slug = &plan.slug;
            crate::errln!(
                "{}",
                tr!(
                    "error: {slug} was not built; the files stored earlier are untouched",
                    "virhe: suunnitelmaa \"{slug}\" ei rakennettu; aiemmin tallennetut \
                     tiedostot ovat ennallaan",
                    "fel: planen \"{slug}\" byggdes inte; de filer som sparats tidigare är orörda"
                )
            );
        }
        Done::NotStored(err) => report_store_error(err, global),
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

/// Prints why the store refused, with what to do.
fn report_store_error(err: &store::StoreError, global: &Global) {
    crate::errln!(
        "{}",
        tr!("error: {}", "virhe: {}", "fel: {}", err.message())
    );
    match err {
        store::StoreError::Frozen { slug, .. } => crate::errln!(
            "{}",
            tr!(
                "  = hint: an approved version is the county's record and is never changed; \
                 start the next version with `rakeplan next {slug}` (it raises the version, \
                 marks it a draft, clears the decisions and adds a change-history line); \
                 your edits stay and go into the new version",
                "  = vihje: hyväksytty versio on hyvinvointialueen pysyvä asiakirja, eikä \
                 sitä muuteta; aloita seuraava versio komennolla `rakeplan next {slug}` \
                 (se nostaa versionumeron, merkitsee version luonnokseksi, tyhjentää \
                 käsittelyt ja lisää muutoshistoriaan rivin); muutoksesi säilyvät ja \
                 tulevat uuteen versioon",
                "  = tips: en godkänd version är välfärdsområdets bestående handling och ändras aldrig; \
                 börja nästa version med `rakeplan next {slug}` (den höjer versionsnumret, \
                 markerar versionen som utkast, tömmer behandlingarna och lägger till en rad i \
                 ändringshistoriken); dina ändringar finns kvar och följer med till den nya versionen"
            )
        ),
        store::StoreError::Damaged { problems, .. } => {
            let diags: Vec<Diagnostic> = problems.iter().map(store::Problem::diagnostic).collect();
            report(&Sources::default(), &diags, global);
        }
        store::StoreError::Io { .. } => {}
    }
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
    Ok(artifacts)
}

/// Prints one line per stored county: "built: kainuu 1.2 (draft) → output/kainuu/draft/".
fn print_stored(what: &str, plan: &Plan, dir: &Path) {
    crate::outln!(
        "{what}: {} {} ({}) → {}/",
        plan.slug,
        plan.meta.version,
        plan.meta.status.as_str(),
        crate::fsread::display(dir)
    );
}

/// The approval packet's redline against the stored `version`: `redline-<version>.pdf` and
/// `redline-<version>.html`, to lie beside the clean plan in the version folder.
fn render_packet(
    plan: &Plan,
    tset: &TemplateSet,
    global: &Global,
    version: &str,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let out_dir = global.out.join(&plan.slug);
    let wanted = crate::names::Version::parse(version).expect("checked before the build");
    let record = store::find_version(&global.out, &plan.slug, &wanted)
        .map_err(|problems| problems.iter().map(store::Problem::diagnostic).collect::<Vec<_>>())?
        .ok_or_else(|| {
            let known = store::stored_versions(&global.out, &plan.slug).join(", ");
            vec![Diagnostic::error_at_path(
                &out_dir.join(version),
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
    let dirs = template_dirs(plan, tset, &global.regions);
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
pub(crate) fn manifest_for(
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
    }
}
