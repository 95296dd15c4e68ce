//! One module per subcommand, each with `run`. Shared here: finding the counties named on
//! the command line and loading and checking them, which `check` and `build` both do first.

pub mod build;
pub mod check;
pub mod diff;
pub mod init;
pub mod lsp;
pub mod new;
pub mod next;
pub mod publish;
pub mod schema;
pub mod serve;
pub mod template;
pub mod verify;
pub mod watch;

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{ColorChoice, Global};
use crate::diagnostic::{Diagnostic, Sources};
use crate::i18n::Lang;
use crate::load::{self, TemplateSet};
use crate::model::Plan;
use crate::validate::validate;

/// How a command ended, as an exit code: 0 ok, 1 problems in the plans, 2 usage or I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Ok = 0,
    /// The plans have errors (or, for diff, there are differences).
    Problems = 1,
    /// Bad usage or an I/O failure.
    Failure = 2,
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

/// A warning for each approved (or superseded) county whose files no longer give the
/// version stored as its record: `build` refuses to change a record, so `check` and `serve`
/// say so, with the way forward, before anyone asks for a build. By county folder name.
pub fn edited_records(global: &Global, loaded: &Loaded) -> Vec<(String, Diagnostic)> {
    let mut out = Vec::new();
    for plan in loaded.regions.iter().filter_map(|r| r.plan.as_ref()) {
        if !plan.meta.status.is_final() {
            continue;
        }
        let manifest =
            build::manifest_for(plan, &loaded.template, &global.regions, &loaded.sources);
        let json = build::plan_json(plan);
        let Err(crate::store::StoreError::Frozen { dir, .. }) =
            crate::store::decide(&global.out, &manifest, &json)
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
            path: Some(global.regions.join(slug).join("plan.yaml")),
            ..diag
        };
        out.push((slug.clone(), diag));
    }
    out
}

/// Loads and checks the named counties (all when `slugs` is empty). `Err` holds problems
/// that stop everything: an unreadable template or a county that does not exist.
pub fn load_and_check(
    global: &Global,
    slugs: &[String],
) -> Result<Loaded, (Sources, Vec<Diagnostic>)> {
    let mut sources = Sources::default();
    let template = match load::load_template(&global.template, &mut sources) {
        Ok(t) => t,
        Err(diags) => return Err((sources, diags)),
    };
    let slugs = if slugs.is_empty() {
        match load::list_regions(&global.regions) {
            Ok(all) if !all.is_empty() => all,
            Ok(_) => {
                let diag = Diagnostic::error_at_path(
                    &global.regions,
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
                return Err((sources, vec![diag]));
            }
            Err(err) => {
                let dir = load::display(&global.regions);
                let diag = Diagnostic::error_at_path(
                    &global.regions,
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
                return Err((sources, vec![diag]));
            }
        }
    } else {
        slugs.to_vec()
    };
    let mut regions = Vec::new();
    for slug in slugs {
        let dir = global.regions.join(&slug);
        // A county is a folder name, never a path, and it becomes part of links on the
        // site: nothing may be read or written elsewhere, and no name may run as code.
        if !crate::names::is_county_name(&slug)
            && std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir())
        {
            return Err((sources, vec![bad_county_name(&dir, &slug)]));
        }
        let is_folder = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
        if !crate::names::is_county_name(&slug)
            || !is_folder
            || (!dir.join("plan.yaml").is_file() && !dir.join("region.yaml").is_file())
        {
            let known = load::list_regions(&global.regions).unwrap_or_default();
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
            return Err((sources, vec![diag]));
        }
        let (mut plan, mut diagnostics) = check_county(&dir, &slug, &template, &mut sources);
        if let Some(plan) = &mut plan {
            diagnostics.extend(languages_in_step(&global.out, plan));
            // Each earlier version's decisions, from its own record: for the change history,
            // and to tell decisions carried over from an earlier version.
            plan.history =
                crate::store::handled_before(&global.out, &plan.slug, &plan.meta.version);
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
        diagnostics.extend(validate(
            plan,
            &template.template,
            loaded.complete,
            &loaded.incomplete,
        ));
        if loaded.complete {
            diagnostics.extend(crate::lifecycle::check(&plan.meta, &dir.join("plan.yaml")));
            diagnostics.extend(crate::bilingual::translations(plan));
        }
    }
    (loaded.plan.filter(|_| loaded.complete), diagnostics)
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

/// Loads the national template for commands that need nothing else; problems are printed
/// and turned into the exit outcome.
pub fn load_template_or_report(global: &Global) -> Result<(Sources, TemplateSet), Outcome> {
    let mut sources = Sources::default();
    match load::load_template(&global.template, &mut sources) {
        Ok(t) => Ok((sources, t)),
        Err(diags) => {
            report(&sources, &diags, global);
            Err(Outcome::Failure)
        }
    }
}

/// Takes the store's lock for a command that writes ([`crate::lock`]); on failure says why
/// and gives the outcome to return.
pub fn lock_store(global: &Global) -> Result<crate::lock::StoreLock, Outcome> {
    crate::lock::StoreLock::acquire(&global.out, !global.no_wait).map_err(|err| {
        crate::errln!(
            "{}",
            crate::tr!("error: {}", "virhe: {}", "fel: {}", err.message())
        );
        Outcome::Failure
    })
}

/// The error for a revision store that cannot be listed.
pub fn store_unreadable(out: &std::path::Path, err: &std::io::Error) -> Diagnostic {
    let shown = load::display(out);
    Diagnostic::error_at_path(
        out,
        crate::tr!(
            "cannot read the revision store \"{shown}\": {err}",
            "versiovarastoa \"{shown}\" ei voi lukea: {err}",
            "det går inte att läsa versionsarkivet \"{shown}\": {err}"
        ),
    )
    .with_hint(crate::tr!(
        "run `rakeplan build` first, or pass --out DIR",
        "aja ensin `rakeplan build` tai anna versiovaraston kansio valitsimella --out",
        "kör `rakeplan build` först eller ange versionsarkivets mapp med --out"
    ))
}

/// Watches the named counties' folders (all of `--regions` when none is named) and the
/// template for `watch` and `serve`; on failure says why.
pub fn watch_counties(
    global: &Global,
    slugs: &[String],
) -> Result<crate::engine::ChangeWatcher, Outcome> {
    let mut roots: Vec<_> = if slugs.is_empty() {
        vec![global.regions.clone()]
    } else {
        slugs.iter().map(|s| global.regions.join(s)).collect()
    };
    roots.push(global.template.clone());
    crate::engine::ChangeWatcher::new(&roots).map_err(|err| {
        crate::errln!(
            "{}",
            crate::tr!(
                "error: cannot watch the files for changes: {err}",
                "virhe: tiedostojen muutoksia ei voi seurata: {err}",
                "fel: det går inte att bevaka ändringar i filerna: {err}"
            )
        );
        Outcome::Failure
    })
}

/// A progress bar on stderr for `len` steps, when stderr is a terminal and there is more
/// than one step; `None` otherwise (scripts and CI get plain lines instead).
pub fn progress_bar(len: usize, what: &str) -> Option<indicatif::ProgressBar> {
    if len < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let style = indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} {elapsed}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_owned());
    Some(bar)
}

/// A spinner on stderr while one long step runs, when stderr is a terminal.
pub fn spinner(what: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(what.to_owned());
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    Some(bar)
}

/// Whether to colour output on stderr.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
        }
    }
}

/// Prints diagnostics to stderr, errors and warnings in source order.
pub fn report(sources: &Sources, diagnostics: &[Diagnostic], global: &Global) {
    if !diagnostics.is_empty() {
        crate::errout!("{}", sources.render(diagnostics, use_color(global.color)));
    }
}

/// The main language of the county a command works on, for messages when neither `--lang`
/// nor the locale names one: the named counties' (when they share it), `new`'s and `init`'s
/// `--languages`, or else the one every county under `--regions` shares. `None` when that
/// is not fi, sv or en, or cannot be read.
pub fn county_language(global: &Global, command: &crate::cli::Command) -> Option<Lang> {
    use crate::cli::Command as C;
    let slugs: Vec<String> = match command {
        C::Check(a) => a.which.slugs.clone(),
        C::Verify(a) => a.slugs.clone(),
        C::Build(a) => a.which.slugs.clone(),
        C::Watch(a) => a.which.slugs.clone(),
        C::Diff(a) => vec![a.slug.clone()],
        C::Next(a) => vec![a.slug.clone()],
        C::Serve(a) => a.slug.iter().cloned().collect(),
        C::New(a) if !a.languages.is_empty() => return Lang::from_code(&a.languages[0]),
        C::Init(a) => return a.languages.first().and_then(|c| Lang::from_code(c)),
        _ => Vec::new(),
    };
    let slugs = if slugs.is_empty() {
        load::list_regions(&global.regions).ok()?
    } else {
        slugs
    };
    let mut main = slugs
        .iter()
        .map(|slug| main_language(&global.regions, slug));
    let first = main.next()??;
    main.all(|other| other.as_deref() == Some(first.as_str()))
        .then(|| Lang::from_code(&first))
        .flatten()
}

/// The first of `languages:` in a county's region.yaml, read leniently (whatever else the
/// file holds, right or wrong, is `check`'s business).
pub(crate) fn main_language(regions: &Path, slug: &str) -> Option<String> {
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

/// A path made absolute with every existing part resolved (links followed), so that two
/// spellings of one folder compare equal even when the end does not exist yet.
pub fn resolve(path: &std::path::Path) -> std::path::PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest
                .iter()
                .rev()
                .fold(real, |acc: std::path::PathBuf, part| acc.join(part));
        }
        match (
            existing.file_name().map(ToOwned::to_owned),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_owned();
            }
            _ => return abs,
        }
    }
}

/// Only `build` writes into the revision store (and `publish` its site there): any other
/// command that writes refuses a target that is, or lies inside, the store `global.out`,
/// however it is spelt (through links, `..`). A folder that holds the store (a repository
/// `init` fills) is no target in it: what is written there goes beside the store.
pub fn refuse_store_target(target: &std::path::Path, global: &Global) -> Result<(), Diagnostic> {
    let store = resolve(&global.out);
    let resolved = resolve(target);
    if !resolved.starts_with(&store) {
        return Ok(());
    }
    let (shown, out) = (load::display(target), load::display(&global.out));
    Err(Diagnostic::error_at_path(
        target,
        crate::tr!(
            "\"{shown}\" lies in the revision store \"{out}\"; only `rakeplan build` writes there",
            "\"{shown}\" on versiovarastossa \"{out}\"; sinne kirjoittaa vain `rakeplan build`",
            "\"{shown}\" ligger i versionsarkivet \"{out}\"; dit skriver bara `rakeplan build`"
        ),
    )
    .with_hint(crate::tr!(
        "write it somewhere outside the store; approved versions are the county's record",
        "kirjoita se versiovaraston ulkopuolelle; hyväksytyt versiot ovat hyvinvointialueen \
         pysyvä asiakirja",
        "skriv den utanför versionsarkivet; godkända versioner är välfärdsområdets arkivhandling"
    )))
}
