//! The project: a repository's template set, its counties (`--regions`) and its revision
//! store (`--out`), and the pipeline over them as library calls (like zola's `Site` and
//! mdBook's `MDBook`): load and check, with what the store adds (earlier decisions, languages
//! in step, records edited since) → documents → render → store ([`build`]); the two sides of
//! a comparison ([`Project::resolve`]). Commands, `serve`, `watch`, the language server and
//! the tests all stand on it; nothing here prints.

pub mod build;
pub mod compare;
pub mod init;
pub mod new;
pub mod next;
pub mod publish;
pub mod values;
pub mod verify;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Problems, Sources};
use crate::load::{self, TemplateSet};
use crate::model::Plan;
use crate::revision::Side;
use crate::validate::validate;

/// A repository's folders: where the counties, the template and the store are.
#[derive(Debug, Clone)]
pub struct Project {
    /// Folder holding one folder per county (`regions/`).
    pub regions: PathBuf,
    /// The repository's template folder (`plan-template/`), which may be missing.
    pub template: PathBuf,
    /// The revision store (`output/`).
    pub out: PathBuf,
}

/// What loading the selected counties gave.
pub struct Loaded {
    /// Every source text read, for printing diagnostics.
    pub sources: Sources,
    /// The template.
    pub template: TemplateSet,
    /// Per county: slug, plan (when it loaded) and its diagnostics.
    pub regions: Vec<RegionResult>,
}

/// One county's load-and-check result.
pub struct RegionResult {
    /// Folder name.
    pub slug: String,
    /// The plan, when it could be read.
    pub plan: Option<Plan>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

impl RegionResult {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error) || self.plan.is_none()
    }
}

impl Project {
    /// The project over these folders.
    pub fn new(
        regions: impl Into<PathBuf>,
        template: impl Into<PathBuf>,
        out: impl Into<PathBuf>,
    ) -> Self {
        Project {
            regions: regions.into(),
            template: template.into(),
            out: out.into(),
        }
    }

    /// The national template, layered over the built-in copy, with the sources read.
    pub fn template_set(&self) -> Result<(Sources, TemplateSet), Problems> {
        let mut sources = Sources::default();
        match load::load_template(&self.template, &mut sources) {
            Ok(t) => Ok((sources, t)),
            Err(diagnostics) => Err(Problems {
                sources,
                diagnostics,
            }),
        }
    }

    /// Loads and checks the named counties (all when `slugs` is empty). `Err` holds problems
    /// that stop everything: an unreadable template or a county that does not exist.
    pub fn load(&self, slugs: &[String]) -> Result<Loaded, Problems> {
        let mut sources = Sources::default();
        let template = match load::load_template(&self.template, &mut sources) {
            Ok(t) => t,
            Err(diagnostics) => {
                return Err(Problems {
                    sources,
                    diagnostics,
                });
            }
        };
        let slugs = if slugs.is_empty() {
            match load::list_regions(&self.regions) {
                Ok(all) if !all.is_empty() => all,
                Ok(_) => {
                    let diag = Diagnostic::error_at_path(
                        &self.regions,
                        crate::tr!(
                            "no county folders with a plan.yaml here",
                            "täällä ei ole yhtään hyvinvointialueen kansiota, jossa on plan.yaml",
    "här finns ingen mapp för ett välfärdsområde med en plan.yaml"
                        ),
                    )
                    .with_hint(crate::tr!(
                        "create one with `rakeplan new <slug> --name \"...\"`, or point --regions at the folder",
                        "luo hyvinvointialue komennolla `rakeplan new <kansio> --name \"...\"` tai \
                         anna kansio valitsimella --regions",
    "skapa ett välfärdsområde med `rakeplan new <mapp> --name \"...\"` eller ange mappen med --regions"
                    ));
                    return Err(Problems::one(sources, diag));
                }
                Err(err) => {
                    let dir = crate::fsread::display(&self.regions);
                    let diag = Diagnostic::error_at_path(
                        &self.regions,
                        crate::tr!(
                            "cannot read the regions folder \"{dir}\": {err}",
                            "hyvinvointialueiden kansiota \"{dir}\" ei voi lukea: {err}",
    "det går inte att läsa välfärdsområdenas mapp \"{dir}\": {err}"
                        ),
                    )
                    .with_hint(crate::tr!(
                        "run rakeplan where the regions/ folder is, or pass --regions DIR",
                        "aja rakeplan kansiossa, jossa regions/-kansio on, tai anna kansio \
                         valitsimella --regions",
    "kör rakeplan i den mapp där mappen regions/ finns, eller ange mappen med --regions"
                    ));
                    return Err(Problems::one(sources, diag));
                }
            }
        } else {
            slugs.to_vec()
        };
        let mut regions = Vec::new();
        for slug in slugs {
            let dir = self.regions.join(&slug);
            // A county is a folder name, never a path, and it becomes part of links on the
            // site: nothing may be read or written elsewhere, and no name may run as code.
            if !crate::names::is_county_name(&slug)
                && std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir())
            {
                return Err(Problems::one(sources, bad_county_name(&dir, &slug)));
            }
            let is_folder = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
            if !crate::names::is_county_name(&slug)
                || !is_folder
                || (!dir.join("plan.yaml").is_file() && !dir.join("region.yaml").is_file())
            {
                let known = load::list_regions(&self.regions).unwrap_or_default();
                let refs: Vec<&str> = known.iter().map(String::as_str).collect();
                let hint = match crate::yaml::suggest(&slug, &refs) {
                    Some(best) => crate::yaml::did_you_mean(best),
                    None if refs.is_empty() => crate::tr!(
                        "no counties exist yet; `rakeplan new` scaffolds one",
                        "hyvinvointialueita ei ole vielä; `rakeplan new` luo uuden",
                        "det finns inga välfärdsområden ännu; `rakeplan new` skapar ett"
                    ),
                    None => {
                        let counties = refs.join(", ");
                        crate::tr!(
                            "the counties are: {counties}",
                            "hyvinvointialueet ovat: {counties}",
                            "välfärdsområdena är: {counties}"
                        )
                    }
                };
                let diag = Diagnostic::error_at_path(
                    &dir,
                    crate::tr!(
                        "there is no county \"{slug}\"",
                        "hyvinvointialuetta \"{slug}\" ei ole",
                        "välfärdsområdet \"{slug}\" finns inte"
                    ),
                )
                .with_hint(hint);
                return Err(Problems::one(sources, diag));
            }
            let (mut plan, mut diagnostics) = check_county(&dir, &slug, &template, &mut sources);
            if let Some(plan) = &mut plan {
                diagnostics.extend(languages_in_step(&self.out, plan));
                // Each earlier version's decisions, from its own record: for the change history,
                // and to tell decisions carried over from an earlier version.
                plan.history =
                    crate::store::handled_before(&self.out, &plan.slug, &plan.meta.version);
                let plan_yaml = dir.join("plan.yaml");
                diagnostics.extend(crate::lifecycle::carried_over(
                    &plan.meta,
                    &plan.history,
                    &plan_yaml,
                ));
            }
            regions.push(RegionResult {
                slug,
                plan,
                diagnostics,
            });
        }
        Ok(Loaded {
            sources,
            template,
            regions,
        })
    }

    /// A warning for each approved (or superseded) county whose files no longer give the
    /// version stored as its record: `build` refuses to change a record, so `check` and `serve`
    /// say so, with the way forward, before anyone asks for a build. By county folder name.
    pub fn edited_records(&self, loaded: &Loaded) -> Vec<(String, Diagnostic)> {
        let mut out = Vec::new();
        for plan in loaded.regions.iter().filter_map(|r| r.plan.as_ref()) {
            if !plan.meta.status.is_final() {
                continue;
            }
            let manifest =
                build::manifest_for(plan, &loaded.template, &self.regions, &loaded.sources);
            let json = build::plan_json(plan);
            let Err(crate::store::StoreError::Frozen { dir, .. }) =
                crate::store::decide(&self.out, &manifest, &json)
            else {
                continue;
            };
            let (slug, version) = (&plan.slug, &plan.meta.version);
            let diag = Diagnostic::warning(
            None,
            crate::tr!(
                "version {version} is approved and stored in \"{dir}\", and the files have \
                 changed since: `build` will not change the record",
                "versio {version} on hyväksytty ja tallennettu kansioon \"{dir}\", ja \
                 tiedostoja on muutettu sen jälkeen: `build` ei muuta tallennetta",
"version {version} är godkänd och sparad i \"{dir}\", och filerna har ändrats sedan dess: `build` ändrar inte den sparade handlingen"
            ),
        )
        .with_hint(crate::tr!(
            "to go on with the edits, start the next version with `rakeplan next {slug}`; to \
             keep the record as it is, undo them (`git restore regions/{slug}`)",
            "jatka muutoksia aloittamalla seuraava versio komennolla `rakeplan next {slug}`; \
             jos tallenne pidetään ennallaan, peru muutokset (`git restore regions/{slug}`)",
"för att fortsätta med ändringarna, börja nästa version med `rakeplan next {slug}`; för att behålla den sparade handlingen som den är, ångra dem (`git restore regions/{slug}`)"
        ));
            let diag = Diagnostic {
                path: Some(self.regions.join(slug).join("plan.yaml")),
                ..diag
            };
            out.push((slug.clone(), diag));
        }
        out
    }

    /// The main language of a county (the first of `languages:` in its region.yaml), read
    /// leniently; `None` when it cannot be read.
    pub fn main_language(&self, slug: &str) -> Option<String> {
        main_language(&self.regions, slug)
    }
}

/// The error for a folder under `regions/` whose name cannot be a county's.
pub fn bad_county_name(dir: &std::path::Path, slug: &str) -> Diagnostic {
    let example = crate::names::slugify(slug);
    let example = if crate::names::is_county_name(&example) {
        example
    } else {
        "pohjois-savo".to_owned()
    };
    let reserved = crate::names::RESERVED_NAMES.join(", ");
    Diagnostic::error_at_path(
        dir,
        crate::tr!(
            "\"{slug}\" cannot be a county folder name",
            "\"{slug}\" ei kelpaa hyvinvointialueen kansion nimeksi",
"\"{slug}\" duger inte som namn på ett välfärdsområdes mapp"
        ),
    )
    .with_hint(crate::tr!(
        "rename the folder using lowercase letters a-z, digits and '-' (for example \"{example}\"); \
         the names {reserved} are taken by the store, and con, nul, aux, prn, com1-9 and lpt1-9 \
         by Windows",
        "nimeä kansio uudelleen pienillä kirjaimilla a-z, numeroilla ja merkillä '-' \
         (esimerkiksi \"{example}\"); nimet {reserved} ovat versiovaraston käytössä ja con, \
         nul, aux, prn, com1-9 ja lpt1-9 Windowsin",
"byt namn på mappen med små bokstäver a-z, siffror och '-' (till exempel \"{example}\"); \
         namnen {reserved} används av versionsarkivet och con, nul, aux, prn, com1-9 och lpt1-9 \
         av Windows"
    ))
}

/// Loads and checks the county in `dir`: every diagnostic, and the plan when region.yaml and
/// plan.yaml could be read (it may still have errors among the diagnostics).
pub fn check_county(
    dir: &std::path::Path,
    slug: &str,
    template: &TemplateSet,
    sources: &mut Sources,
) -> (Option<Plan>, Vec<Diagnostic>) {
    let loaded = load::load_plan(dir, slug, template, sources);
    let mut diagnostics = loaded.diagnostics;
    // The county's layout files, logo and labels: read now, so that a link out of the
    // folder or a special file is reported by `check`, not first by `build`.
    let regions = dir.parent().unwrap_or(std::path::Path::new("."));
    if let Err(problems) =
        crate::render::TemplateDirs::for_county(&template.dir, regions, slug).assets()
    {
        diagnostics.extend(problems);
    }
    if let Some(plan) = &loaded.plan {
        diagnostics.extend(labels_in_every_language(dir, slug, template, plan));
        diagnostics.extend(validate(
            plan,
            &template.template,
            loaded.complete,
            &loaded.incomplete,
        ));
        if loaded.complete {
            diagnostics.extend(crate::lifecycle::check(
                &plan.meta,
                &template.template,
                &dir.join("plan.yaml"),
            ));
            diagnostics.extend(crate::bilingual::translations(plan));
        }
    }
    (loaded.plan.filter(|_| loaded.complete), diagnostics)
}

/// A warning for each language of the county the template's labels are not written in (a
/// Sámi language, say): which labels its edition lacks, and where to give them. Until they
/// are given, the edition shows them in the county's main language.
fn labels_in_every_language(
    dir: &Path,
    slug: &str,
    template: &TemplateSet,
    plan: &Plan,
) -> Vec<Diagnostic> {
    // Most counties write only languages the template has: nothing to read then (this runs
    // on every check, the language server's keystrokes included).
    if plan
        .region
        .languages
        .iter()
        .all(|lang| crate::names::has_template_texts(lang))
    {
        return Vec::new();
    }
    let regions = dir.parent().unwrap_or(Path::new("."));
    let dirs = crate::render::TemplateDirs::for_county(&template.dir, regions, slug);
    let Ok(labels) = dirs.labels(&template.labels) else {
        return Vec::new(); // `assets` reports a county labels file that cannot be read
    };
    let own = dir.join("templates").join("labels.yaml");
    plan.region
        .languages
        .iter()
        .filter(|lang| !crate::names::has_template_texts(lang))
        .filter_map(|lang| {
            let shown = crate::fsread::display(&own);
            let missing: Vec<&str> = labels
                .0
                .iter()
                .filter(|(_, text)| match text {
                    crate::text::Text::Localized(by) => !by.contains_key(lang.as_str()),
                    crate::text::Text::Plain(_) => false,
                })
                .map(|(key, _)| key.as_str())
                .collect();
            if missing.is_empty() {
                return None;
            }
            // A language that is neither the template's nor a Sámi one and has no label of
            // its own is taken for a slip (`sw` for `sv`), not published label-less.
            let sami = crate::names::SAMI_LANGUAGES.contains(&lang.as_str());
            if !sami && missing.len() == labels.0.len() {
                let hint = match crate::yaml::suggest(lang, &crate::names::LANGUAGES) {
                    Some(best) => crate::yaml::did_you_mean(best),
                    None => crate::tr!(
                        "to publish in \"{lang}\", give its labels in \"{shown}\" first",
                        "jos suunnitelma julkaistaan kielellä \"{lang}\", anna ensin sen nimiöt tiedostossa \"{shown}\"",
                        "för att publicera på \"{lang}\", ange först dess etiketter i \"{shown}\""
                    ),
                };
                let diag = Diagnostic::error(
                    None,
                    crate::tr!(
                        "the county's language \"{lang}\" has no labels at all",
                        "alueen kielelle \"{lang}\" ei ole yhtään nimiötä",
                        "områdets språk \"{lang}\" har inga etiketter alls"
                    ),
                )
                .with_hint(hint);
                return Some(Diagnostic {
                    path: Some(dir.join("region.yaml")),
                    ..diag
                });
            }
            let (n, some) = (missing.len(), missing[..missing.len().min(5)].join(", "));
            let name = crate::bilingual::language_name(lang);
            let first = missing[0];
            let warning = Diagnostic::warning(
                    None,
                    crate::tr!(
                        "the {name} edition ({lang}) has no words for {n} of the labels ({some}, …): it shows them in the county's main language",
                        "{name} painos ({lang}) ei sisällä {n} nimiötä ({some}, …): se näyttää ne alueen pääkielellä",
                        "utgåvan på {name} ({lang}) saknar {n} etiketter ({some}, …): den visar dem på områdets huvudspråk"
                    ),
                )
                .with_hint(crate::tr!(
                    "give them in \"{shown}\", key by key, e.g. `{first}: {{{lang}: ...}}`; `rakeplan template export` writes every label to copy from; the section titles come from the template",
                    "anna ne tiedostossa \"{shown}\" avain kerrallaan, esimerkiksi `{first}: {{{lang}: ...}}`; `rakeplan template export` kirjoittaa kaikki nimiöt mallipohjaksi; lukujen otsikot tulevat suunnitelmapohjasta",
                    "ange dem i \"{shown}\" nyckel för nyckel, till exempel `{first}: {{{lang}: ...}}`; `rakeplan template export` skriver alla etiketter att kopiera från; kapitelrubrikerna kommer från planmallen"
                ));
            Some(Diagnostic {
                path: Some(own.clone()),
                ..warning
            })
        })
        .collect()
}

/// Warnings for texts of `plan` whose languages moved apart since the county's last approved
/// version in the store (see [`crate::bilingual`]); the stale texts are noted in the plan so
/// its editions can mark them.
fn languages_in_step(out: &std::path::Path, plan: &mut Plan) -> Vec<Diagnostic> {
    if plan.region.languages.len() < 2 {
        return Vec::new();
    }
    let Some(current) = crate::names::Version::parse(&plan.meta.version) else {
        return Vec::new();
    };
    let listing = crate::store::list_county(out, &plan.slug);
    for (version, dir) in listing.versions.iter().rev() {
        if *version >= current {
            continue;
        }
        let Ok(old) = crate::store::verify(dir, &plan.slug).map(|r| r.plan()) else {
            continue;
        };
        let Ok(old) = old else { continue };
        if !old.meta.status.is_final() {
            continue;
        }
        let stale = crate::bilingual::stale_texts(&old, plan);
        plan.stale = stale
            .iter()
            .map(|s| (s.lang.clone(), s.text.clone()))
            .collect();
        return crate::bilingual::warnings(&stale, &old.meta.version);
    }
    Vec::new()
}

/// The first of `languages:` in a county's region.yaml, read leniently (whatever else the
/// file holds, right or wrong, is `check`'s business).
pub fn main_language(regions: &Path, slug: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Languages {
        #[serde(default)]
        languages: Vec<String>,
    }
    if !crate::names::is_county_name(slug) {
        return None;
    }
    let path = regions.join(slug).join("region.yaml");
    let bytes = crate::fsread::read_inside(&path, regions, 64 * 1024).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let region: Languages = serde_saphyr::from_str(&text).ok()?;
    region.languages.into_iter().next()
}

impl Project {
    /// One side of a comparison of `slug`, loaded and checked: a stored version (after it
    /// verifies), the county's YAML now (checked as `check` does, with what the store
    /// adds), at a git ref, or any county folder. A side whose plan has errors is refused
    /// with them.
    pub fn resolve(&self, slug: &str, side: &Side) -> Result<Plan, Problems> {
        let spec = side.to_string();
        let folder = match side {
            Side::Worktree => return self.worktree(slug, &spec),
            Side::Git(reference) => {
                let copy = crate::revision::git_copy(&self.regions, slug, reference)?;
                let (_, tset) = self.template_set()?;
                let from = crate::fsread::display(&copy.dir);
                return load_folder(&copy.dir, slug, &tset, &copy.shown)
                    .map_err(|p| p.renamed(&from, &copy.shown));
            }
            Side::Version(version, _) => {
                if let Some(plan) = crate::revision::stored(&self.out, slug, version)? {
                    return Ok(plan);
                }
                PathBuf::from(&spec)
            }
            Side::Folder(path) => path.clone(),
        };
        if folder.join("plan.yaml").is_file() {
            let (_, tset) = self.template_set()?;
            return load_folder(&folder, slug, &tset, &crate::fsread::display(&folder));
        }
        if spec.contains('/') || spec.contains(std::path::MAIN_SEPARATOR) || folder.is_dir() {
            return Err(crate::revision::not_a_county_folder(&spec).into());
        }
        Err(crate::revision::unknown_version(&self.out, slug, &spec).into())
    }

    /// The county's YAML as it is now, loaded and checked like `check` does.
    fn worktree(&self, slug: &str, spec: &str) -> Result<Plan, Problems> {
        let loaded = self.load(&[slug.to_owned()])?;
        let Some(region) = loaded.regions.into_iter().next() else {
            return Err(Problems::default());
        };
        if !region.has_errors()
            && let Some(plan) = region.plan
        {
            return Ok(plan);
        }
        let mut diagnostics: Vec<Diagnostic> = region
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        diagnostics.push(Diagnostic::error(
            None,
            crate::tr!(
                "cannot compare {spec}: the plan of \"{slug}\" has errors (see above)",
                "versiota {spec} ei voi verrata: hyvinvointialueen \"{slug}\" suunnitelmassa \
                 on virheitä (ks. yllä)",
                "{spec} kan inte jämföras: planen för \"{slug}\" har fel (se ovan)"
            ),
        ));
        Err(Problems {
            sources: loaded.sources,
            diagnostics,
        })
    }
}

/// A county folder anywhere, loaded and checked; `name` is how messages call it.
fn load_folder(dir: &Path, slug: &str, tset: &TemplateSet, name: &str) -> Result<Plan, Problems> {
    let mut sources = Sources::default();
    let (plan, diagnostics) = check_county(dir, slug, tset, &mut sources);
    let mut errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    match plan {
        Some(plan) if errors.is_empty() => Ok(plan),
        _ => {
            errors.push(Diagnostic::error(
                None,
                crate::tr!(
                    "cannot compare \"{name}\": its plan has errors (see above)",
                    "kohdetta \"{name}\" ei voi verrata: sen suunnitelmassa on virheitä \
                     (ks. yllä)",
                    "\"{name}\" kan inte jämföras: dess plan har fel (se ovan)"
                ),
            ));
            Err(Problems {
                sources,
                diagnostics: errors,
            })
        }
    }
}
