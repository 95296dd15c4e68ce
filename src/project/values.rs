//! `values import`: measured values from a file into a county's indicators. Each row is
//! matched to the indicator whose national `code` (or own `id`) it names; the section files
//! are edited in place ([`crate::values::write`]) and the county checked again with the
//! edits before anything is written. All or nothing: one bad row, one unknown indicator or
//! one approved version and no file changes. An approved version is a record: its values
//! change in the next version, never in place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Project;
use crate::diagnostic::{Diagnostic, FileIdx, Problems};
use crate::tr;
use crate::values::read::{Row, Select, Shape};
use crate::values::write::{Refusal, Update};

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The region whose rows to read, in a file of many (`--region`).
    pub region: Option<String>,
    /// Say what would change and write nothing.
    pub dry_run: bool,
}

/// One value added or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The indicator's id.
    pub indicator: String,
    /// The year.
    pub year: i64,
    /// The value it had, when it had one.
    pub before: Option<f64>,
    /// The value it has now.
    pub after: f64,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Values added or changed, by indicator in plan order, then year.
    pub changes: Vec<Change>,
    /// Values the file gives that the plan already has.
    pub unchanged: usize,
    /// Rows or cells without a value.
    pub empty: usize,
    /// Rows of other regions or genders.
    pub other: usize,
    /// The region whose rows were read (a file with a region column).
    pub region: Option<String>,
    /// The encoding the file was read in, when not UTF-8.
    pub encoding: Option<&'static str>,
    /// Whether the file had a column per year.
    pub wide: bool,
    /// The section files changed (or that would change, on a dry run), as displayed.
    pub files: Vec<String>,
}

/// Why nothing was imported.
pub enum NotImported {
    /// The file or the plan is not right (bad rows, unknown indicators, an approved
    /// version, errors in the plan): the planner's to fix. Exit 1.
    Plan(Problems),
    /// The file cannot be read or a section file written. Exit 2.
    Stop(Problems),
}

/// The largest value file read: a Sotkanet download of every municipality and year.
const MAX_VALUE_FILE_BYTES: u64 = 64 * 1024 * 1024;

impl Project {
    /// Imports the values of `file` into county `slug`'s indicators.
    pub fn import_values(
        &self,
        slug: &str,
        file: &Path,
        options: &ImportOptions,
    ) -> Result<Imported, NotImported> {
        let shown = crate::fsread::display(file);
        let bytes = crate::fsread::read_file(file, MAX_VALUE_FILE_BYTES).map_err(|err| {
            let reason = err.reason();
            NotImported::Stop(
                Diagnostic::error(
                    None,
                    tr!(
                        "cannot read \"{shown}\": {reason}",
                        "tiedostoa \"{shown}\" ei voi lukea: {reason}",
                        "det går inte att läsa \"{shown}\": {reason}"
                    ),
                )
                .into(),
            )
        })?;
        let loaded = self.load(&[slug.to_owned()]).map_err(NotImported::Stop)?;
        let mut sources = loaded.sources;
        let region = &loaded.regions[0];
        let Some(plan) = region.plan.as_ref().filter(|_| !region.has_errors()) else {
            let mut diagnostics = region.diagnostics.clone();
            diagnostics.push(Diagnostic::error(
                None,
                tr!(
                    "fix the errors above first; values are imported into a whole plan",
                    "korjaa ensin yllä luetellut virheet; arvot tuodaan ehjään suunnitelmaan",
                    "rätta först felen ovan; värden importeras till en hel plan"
                ),
            ));
            return Err(NotImported::Plan(Problems {
                sources,
                diagnostics,
            }));
        };
        if plan.meta.status.is_final() {
            let version = &plan.meta.version;
            return Err(NotImported::Plan(
                Diagnostic::error(
                    None,
                    tr!(
                        "version {version} of \"{slug}\" is approved: it is a record, and its values stay as they were decided",
                        "hyvinvointialueen \"{slug}\" versio {version} on hyväksytty: se on pysyvä asiakirja, ja sen arvot pysyvät sellaisina kuin niistä päätettiin",
                        "version {version} av \"{slug}\" är godkänd: den är en bestående handling, och dess värden förblir som de beslutades"
                    ),
                )
                .with_hint(tr!(
                    "start the next version with `rakeplan next {slug}` and import the values into it",
                    "aloita seuraava versio komennolla `rakeplan next {slug}` ja tuo arvot siihen",
                    "påbörja nästa version med `rakeplan next {slug}` och importera värdena till den"
                ))
                .into(),
            ));
        }
        let mut county_names: Vec<String> = plan
            .region
            .name
            .all()
            .into_iter()
            .chain(plan.region.short_name.all())
            .map(str::to_owned)
            .collect();
        county_names.push(slug.to_owned());
        let select = Select {
            region: options.region.clone(),
            county_names,
        };
        let (read, mut diagnostics) =
            crate::values::read::read(&mut sources, &shown, &bytes, &select);
        let matched = match_rows(plan, &read.rows, &mut diagnostics);
        if !diagnostics.is_empty() {
            diagnostics.push(nothing_written());
            return Err(NotImported::Plan(Problems {
                sources,
                diagnostics,
            }));
        }
        // What changes, indicator by indicator (in plan order).
        let mut changes = Vec::new();
        let mut unchanged = 0;
        let mut updates: BTreeMap<FileIdx, Vec<Update>> = BTreeMap::new();
        for indicator in plan.indicators() {
            let Some(new) = matched.get(indicator.id.as_str()) else {
                continue;
            };
            let mut values = indicator.values.clone();
            let before = changes.len();
            for (year, (value, _)) in new {
                match indicator.values.get(year) {
                    Some(old) if old == value => unchanged += 1,
                    old => changes.push(Change {
                        indicator: indicator.id.clone(),
                        year: *year,
                        before: old.copied(),
                        after: *value,
                    }),
                }
                values.insert(*year, *value);
            }
            if changes.len() > before
                && let Some(span) = &indicator.span
            {
                updates.entry(span.file).or_default().push(Update {
                    at: span.range.start,
                    values,
                });
            }
        }
        let mut edited: Vec<(FileIdx, String)> = Vec::new();
        for (file, updates) in &updates {
            let name = sources.name(*file).to_owned();
            let text = sources.text(*file);
            let root =
                crate::yaml::parse(&sources, *file).map_err(|d| NotImported::Stop(d.into()))?;
            match crate::values::write::apply(text, &root, updates) {
                Ok(new) => edited.push((*file, new)),
                Err(refusal) => return Err(NotImported::Stop(cannot_edit(&name, &refusal).into())),
            }
        }
        // The county checked again with the edits, before any is written.
        let paths: Vec<(PathBuf, String)> = edited
            .iter()
            .map(|(file, text)| (self.path_of(slug, sources.name(*file)), text.clone()))
            .collect();
        let overlay: crate::load::Overlay = paths
            .iter()
            .filter_map(|(p, t)| Some((std::path::absolute(p).ok()?, t.clone())))
            .collect();
        let again =
            crate::load::with_overlay(std::rc::Rc::new(overlay), || self.load(&[slug.to_owned()]));
        match again {
            Ok(again) if again.regions[0].has_errors() => {
                let mut diagnostics = again.regions[0].diagnostics.clone();
                diagnostics.push(nothing_written());
                return Err(NotImported::Plan(Problems {
                    sources: again.sources,
                    diagnostics,
                }));
            }
            Ok(_) => {}
            Err(problems) => return Err(NotImported::Stop(problems)),
        }
        let files: Vec<String> = paths
            .iter()
            .map(|(p, _)| crate::fsread::display(p))
            .collect();
        if !options.dry_run {
            for (path, text) in &paths {
                crate::store::refuse_target(path, &self.out)
                    .map_err(|d| NotImported::Stop(d.into()))?;
                crate::fswrite::write_file(path, text.as_bytes()).map_err(|err| {
                    let shown = crate::fsread::display(path);
                    NotImported::Stop(
                        Diagnostic::error(
                            None,
                            tr!(
                                "cannot write \"{shown}\": {err}",
                                "tiedostoon \"{shown}\" ei voi kirjoittaa: {err}",
                                "det går inte att skriva \"{shown}\": {err}"
                            ),
                        )
                        .into(),
                    )
                })?;
            }
        }
        Ok(Imported {
            changes,
            unchanged,
            empty: read.empty,
            other: read.other,
            region: read.region,
            encoding: read.encoding,
            wide: read.shape == Shape::Wide,
            files,
        })
    }

    /// The path of a county file registered in the sources as `name`.
    fn path_of(&self, slug: &str, name: &str) -> PathBuf {
        let dir = self.regions.join(slug);
        walkdir::WalkDir::new(&dir)
            .max_depth(2)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .find(|p| crate::fsread::display(p) == name)
            .unwrap_or_else(|| PathBuf::from(name))
    }
}

/// Each row's indicator id, with the value per year and the line it is on; problems (no
/// such indicator, two indicators with the code, a year given twice) into `diagnostics`.
fn match_rows<'p>(
    plan: &'p crate::model::Plan,
    rows: &[Row],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<&'p str, BTreeMap<i64, (f64, usize)>> {
    let mut out: BTreeMap<&str, BTreeMap<i64, (f64, usize)>> = BTreeMap::new();
    let same_code = |code: &str, wanted: &str| {
        let (a, b) = (code.split_once(':'), wanted.split_once(':'));
        match (a, b) {
            (Some((sa, ia)), Some((sb, ib))) => sa.eq_ignore_ascii_case(sb) && ia == ib,
            _ => false,
        }
    };
    for row in rows {
        let line = row.line;
        let wanted = row.indicator.as_str();
        let found: Vec<&crate::model::Indicator> = plan
            .indicators()
            .filter(|i| i.id == wanted || i.code.as_deref().is_some_and(|c| same_code(c, wanted)))
            .collect();
        let indicator = match found.as_slice() {
            [one] => one,
            [] => {
                let hint = if wanted.contains(':') {
                    tr!(
                        "give the indicator it measures `code: \"{wanted}\"` in the monitoring section, or leave the row out",
                        "anna mittarille, jota rivi koskee, `code: \"{wanted}\"` seurantaa käsittelevässä luvussa, tai jätä rivi pois",
                        "ge indikatorn som raden gäller `code: \"{wanted}\"` i kapitlet om uppföljning, eller ta bort raden"
                    )
                } else {
                    let ids: Vec<&str> = plan.indicators().map(|i| i.id.as_str()).collect();
                    let near = crate::yaml::suggest(wanted, &ids)
                        .map(|best| format!("{} ", crate::yaml::did_you_mean(best)))
                        .unwrap_or_default();
                    let ids = ids.join(", ");
                    tr!(
                        "{near}the plan's indicators: {ids}",
                        "{near}suunnitelman mittarit: {ids}",
                        "{near}planens indikatorer: {ids}"
                    )
                };
                diagnostics.push(
                    Diagnostic::error(
                        Some(row.span.clone()),
                        tr!(
                            "line {line}: no indicator of the plan has the code or id \"{wanted}\"",
                            "rivi {line}: suunnitelman yhdelläkään mittarilla ei ole koodia tai tunnusta \"{wanted}\"",
                            "rad {line}: ingen indikator i planen har koden eller id:t \"{wanted}\""
                        ),
                    )
                    .with_hint(hint),
                );
                continue;
            }
            many => {
                let ids = many
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                diagnostics.push(Diagnostic::error(
                    Some(row.span.clone()),
                    tr!(
                        "line {line}: several indicators have the code \"{wanted}\": {ids}; the value cannot go to one of them",
                        "rivi {line}: usealla mittarilla on koodi \"{wanted}\": {ids}; arvoa ei voi viedä yhdelle niistä",
                        "rad {line}: flera indikatorer har koden \"{wanted}\": {ids}; värdet kan inte föras till en av dem"
                    ),
                ));
                continue;
            }
        };
        let years = out.entry(indicator.id.as_str()).or_default();
        match years.get(&row.year) {
            Some((value, first)) if *value != row.value => {
                let (year, id) = (row.year, &indicator.id);
                diagnostics.push(Diagnostic::error(
                    Some(row.span.clone()),
                    tr!(
                        "line {line}: {id} has a value for {year} already on line {first}, a different one",
                        "rivi {line}: mittarilla {id} on vuodelle {year} jo eri arvo rivillä {first}",
                        "rad {line}: {id} har redan ett annat värde för {year} på rad {first}"
                    ),
                ));
            }
            Some(_) => {}
            None => {
                years.insert(row.year, (row.value, line));
            }
        }
    }
    out
}

fn nothing_written() -> Diagnostic {
    Diagnostic::error(
        None,
        tr!(
            "nothing was written: fix or leave out the rows above and import again",
            "mitään ei kirjoitettu: korjaa tai poista yllä mainitut rivit ja tuo arvot uudelleen",
            "ingenting skrevs: rätta eller ta bort raderna ovan och importera igen"
        ),
    )
}

fn cannot_edit(name: &str, refusal: &Refusal) -> Diagnostic {
    let what = match refusal {
        Refusal::Layout(key) if !key.is_empty() => key.clone(),
        _ => "values".to_owned(),
    };
    Diagnostic::error(
        None,
        tr!(
            "cannot edit \"{name}\" safely (its `{what}` is written in a way the import does not change); nothing was changed",
            "tiedostoa \"{name}\" ei voi muokata turvallisesti (sen kohta `{what}` on kirjoitettu tavalla, jota tuonti ei muuta); mitään ei muutettu",
            "det går inte att redigera \"{name}\" säkert (dess `{what}` är skrivet på ett sätt som importen inte ändrar); inget ändrades"
        ),
    )
    .with_hint(tr!(
        "write the indicator's values as `values: {{2024: 41, 2025: 58}}` and import again",
        "kirjoita mittarin arvot muotoon `values: {{2024: 41, 2025: 58}}` ja tuo ne uudelleen",
        "skriv indikatorns värden som `values: {{2024: 41, 2025: 58}}` och importera igen"
    ))
}
