//! Reading a county's YAML from disk into a typed [`Plan`], and the template from
//! `plan-template/`. Every file is registered in [`Sources`] so that any later complaint can
//! name its line. Problems are collected, never thrown at the first one. Cross-checks that
//! span files (references, duplicates, dates) are `validate`'s job, not this module's.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, FileIdx, Sources, Span};
use crate::fsread;
use crate::fsread::display;
use crate::i18n::is_fi;
use crate::items::decode::{check_version, date as date_field, decode_item, decode_list};
use crate::items::{Item, RecordInfo, Rules};
use crate::model::{
    ChangeEntry, Date, Field, FieldValue, Plan, PlanMeta, Region, Section, Status, Validity,
};
use crate::template::{FieldDef, FieldKind, Labels, Template, check_template, parse_yaml};
use crate::text::Text;
use crate::tr;
use crate::yaml::{self, Decoder, Fields, Node, did_you_mean};

/// Where the national template lives and what it holds.
pub struct TemplateSet {
    /// The folder (`plan-template/`).
    pub dir: PathBuf,
    /// Section definitions.
    pub template: Template,
    /// Output labels.
    pub labels: Labels,
}

/// Reads `template.yaml` and `labels.yaml`, each from `dir` when it is there and otherwise
/// the copy built into rakeplan ([`crate::builtin`]); a local `labels.yaml` is laid over the
/// built-in labels key by key.
pub fn load_template(dir: &Path, sources: &mut Sources) -> Result<TemplateSet, Vec<Diagnostic>> {
    let template_file = read_layered(dir, "template.yaml", sources).map_err(|d| vec![d])?;
    let mut template: Template = parse_yaml(sources, template_file).map_err(|d| vec![d])?;
    // A decision is checked where it is written, against the template's kinds.
    template
        .items
        .entry("approval".to_owned())
        .or_default()
        .decisions = template.decisions.iter().map(|k| k.id.clone()).collect();
    let diags = check_template(&template, template_file);
    if !diags.is_empty() {
        return Err(diags);
    }
    let labels_file = read_layered(dir, "labels.yaml", sources).map_err(|d| vec![d])?;
    let local: Labels = parse_yaml(sources, labels_file).map_err(|d| vec![d])?;
    // A repository's own labels.yaml lies over the built-in one key by key: a label added to
    // rakeplan since the file was exported is never shown as its raw key.
    let mut labels = builtin_template_set().labels.merged(Some(&local));
    // The template's decision kinds name themselves in every language; a label of that
    // name (`decision_<id>`) may still say it otherwise.
    for kind in &template.decisions {
        labels
            .0
            .entry(format!("decision_{}", kind.id))
            .or_insert_with(|| kind.name.clone());
    }
    Ok(TemplateSet {
        dir: dir.to_owned(),
        template,
        labels,
    })
}

/// The site's settings (`site.yaml`), from `dir` when the repository has the file, otherwise
/// the built-in copy.
pub fn load_site_settings(
    dir: &Path,
    sources: &mut Sources,
) -> Result<crate::template::SiteSettings, Diagnostic> {
    let file = read_layered(dir, "site.yaml", sources)?;
    parse_yaml(sources, file)
}

/// The built-in template alone (sections and labels), whatever folder the repository has.
/// The tests load it through [`read_layered`], so it parses.
pub fn builtin_template_set() -> TemplateSet {
    let parse = |name: &str| crate::builtin::file(name).expect("the template is built in");
    TemplateSet {
        dir: std::path::PathBuf::from(crate::builtin::DEFAULT_DIR),
        template: serde_saphyr::from_str(parse("template.yaml"))
            .expect("the built-in template.yaml parses"),
        labels: serde_saphyr::from_str(parse("labels.yaml"))
            .expect("the built-in labels.yaml parses"),
    }
}

/// Reads the template file `name` (`template.yaml`, `labels.yaml`) into `sources`: from `dir`
/// when the file is there, otherwise the built-in copy (registered as `built-in:<name>`).
/// A folder named otherwise than [`DEFAULT_DIR`] that does not exist at all is an error,
/// not a silent fall-back: it was given with `--template` and is a typing mistake.
pub fn read_layered(dir: &Path, name: &str, sources: &mut Sources) -> Result<FileIdx, Diagnostic> {
    let path = dir.join(name);
    if std::fs::symlink_metadata(&path).is_ok() {
        return read_source(&path, dir, sources);
    }
    if std::fs::symlink_metadata(dir).is_err()
        && dir.file_name() != Some(std::ffi::OsStr::new(crate::builtin::DEFAULT_DIR))
    {
        let shown = display(dir);
        return Err(Diagnostic::error_at_path(
            dir,
            tr!(
                "the template folder \"{shown}\" does not exist",
                "suunnitelmapohjan kansiota \"{shown}\" ei ole",
                "mappen för planmallen \"{shown}\" finns inte"
            ),
        )
        .with_hint(tr!(
            "leave out --template to use the national template built into rakeplan",
            "jätä --template pois, niin käytetään rakeplaniin sisältyvää kansallista pohjaa",
            "utelämna --template för att använda den nationella planmall som ingår i rakeplan"
        )));
    }
    let text =
        crate::builtin::file(name).expect("template.yaml, labels.yaml and site.yaml are built in");
    Ok(sources.add(
        format!("{}{name}", crate::builtin::ORIGIN_PREFIX),
        text.to_owned(),
    ))
}

/// Texts of files an editor holds unsaved, by absolute path: while [`with_overlay`] runs,
/// reading a county reads these instead of the files on disk (the language server's view).
pub type Overlay = std::collections::HashMap<PathBuf, String>;

thread_local! {
    static OVERLAY: std::cell::RefCell<Option<std::rc::Rc<Overlay>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` with `overlay` laid over the files it reads on this thread (see [`Overlay`]);
/// everything else reads the disk as always.
pub fn with_overlay<R>(overlay: std::rc::Rc<Overlay>, f: impl FnOnce() -> R) -> R {
    let before = OVERLAY.with(|o| o.replace(Some(overlay)));
    let result = f();
    OVERLAY.with(|o| *o.borrow_mut() = before);
    result
}

/// The unsaved text of `path`, when an overlay holds it.
fn overlaid(path: &Path) -> Option<String> {
    OVERLAY.with(|o| {
        let o = o.borrow();
        let overlay = o.as_ref()?;
        let abs = std::path::absolute(path).ok()?;
        overlay.get(&abs).cloned()
    })
}

/// Files of `dir` that exist only in the overlay (new, not yet saved).
fn overlaid_in(dir: &Path) -> Vec<PathBuf> {
    OVERLAY.with(|o| {
        let o = o.borrow();
        let (Some(overlay), Ok(abs)) = (o.as_ref(), std::path::absolute(dir)) else {
            return Vec::new();
        };
        overlay
            .keys()
            .filter(|p| p.parent() == Some(abs.as_path()) && !p.exists())
            .filter_map(|p| p.file_name().map(|name| dir.join(name)))
            .collect()
    })
}

/// Reads a text file into `sources`: a regular file inside `root` (links may not lead out of
/// it) of at most [`fsread::MAX_YAML_BYTES`]. A file that is not UTF-8 is an error at the
/// line and column of its first stray character.
pub fn read_source(path: &Path, root: &Path, sources: &mut Sources) -> Result<FileIdx, Diagnostic> {
    let name = display(path);
    if let Some(text) = overlaid(path).filter(|t| t.len() as u64 <= fsread::MAX_YAML_BYTES) {
        return Ok(sources.add(name, text));
    }
    let bytes = fsread::read_inside(path, root, fsread::MAX_YAML_BYTES).map_err(|err| {
        let reason = err.reason();
        let diag = Diagnostic::error_at_path(
            path,
            tr!(
                "cannot read \"{name}\": {reason}",
                "tiedostoa \"{name}\" ei voi lukea: {reason}",
"det går inte att läsa \"{name}\": {reason}"
            ),
        );
        if err.is_not_found() {
            diag.with_hint(tr!(
                "check the folder name, or create the file (`rakeplan new` scaffolds a county)",
                "tarkista kansion nimi tai luo tiedosto (`rakeplan new` luo uudelle \
                 hyvinvointialueelle valmiin pohjan)",
"kontrollera mappens namn eller skapa filen (`rakeplan new` skapar en färdig stomme för ett nytt välfärdsområde)"
            ))
        } else if let Some(hint) = err.hint() {
            diag.with_hint(hint)
        } else {
            diag
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|err| not_utf8(path, err.as_bytes()))?;
    Ok(sources.add(display(path), text))
}

/// Why `bytes` (the file at `path`) are not UTF-8, pointing at the first character that is
/// not, at its line and column. The text around it is shown with the stray bytes read as
/// Latin-1, which is what a file saved as "ANSI" (Windows-1252) or ISO-8859-1 holds: a
/// Finnish "ä" (byte E4) then shows as "ä" and the planner sees which word it is.
pub(crate) fn not_utf8(path: &Path, bytes: &[u8]) -> Diagnostic {
    let name = display(path);
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if utf16 {
        return Diagnostic::error_at_path(
            path,
            tr!(
                "\"{name}\" is saved as UTF-16 (\"Unicode\" in Notepad), not as UTF-8 text",
                "tiedosto \"{name}\" on tallennettu UTF-16-muodossa (Muistiossa \"Unicode\"), \
                 ei UTF-8-tekstinä",
                "\"{name}\" är sparad som UTF-16 (\"Unicode\" i Anteckningar), inte som UTF-8-text"
            ),
        )
        .with_hint(save_as_utf8());
    }
    let mut shown = String::with_capacity(bytes.len());
    let mut first_bad = None;
    let mut latin1_letters = true;
    for chunk in bytes.utf8_chunks() {
        shown.push_str(chunk.valid());
        for &b in chunk.invalid() {
            first_bad.get_or_insert(shown.len());
            // Latin-1 letters (ä E4, ö F6, å E5, Ä C4, Ö D6, Å C5, é E9 …) and symbols.
            latin1_letters &= b >= 0xA0;
            shown.push(if b >= 0xA0 {
                char::from(b)
            } else {
                char::REPLACEMENT_CHARACTER
            });
        }
    }
    let at = first_bad.unwrap_or(0);
    let end = at + shown[at..].chars().next().map_or(0, char::len_utf8);
    let (line, column) = {
        let before = &shown[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    };
    let diag = Diagnostic::error(
        None,
        tr!(
            "\"{name}\" is not UTF-8 text: line {line}, column {column} holds a character \
             saved in another encoding",
            "tiedosto \"{name}\" ei ole UTF-8-tekstiä: rivin {line} sarakkeessa {column} on \
             merkki, joka on tallennettu toisella merkistöllä",
"\"{name}\" är inte UTF-8-text: rad {line}, kolumn {column} har ett tecken som sparats med en annan teckenkodning"
        ),
    )
    .in_own_source(&name, &shown, at..end);
    let diag = if latin1_letters {
        diag.with_hint(tr!(
            "the file looks saved as Latin-1 or Windows-1252 (\"ANSI\" in Notepad), where ä, ö \
             and å are single bytes; it is shown above as read that way",
            "tiedosto näyttää olevan tallennettu Latin-1- tai Windows-1252-merkistöllä \
             (Muistiossa \"ANSI\"), jossa ä, ö ja å ovat yksittäisiä tavuja; se näkyy yllä \
             niin luettuna",
"filen ser ut att vara sparad som Latin-1 eller Windows-1252 (\"ANSI\" i Anteckningar), där ä, ö och å är enskilda byte; den visas ovan så som den då läses"
        ))
    } else {
        diag
    };
    diag.with_hint(save_as_utf8())
}

fn save_as_utf8() -> String {
    tr!(
        "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8; in Notepad \
         \"Save as\" → Encoding: UTF-8)",
        "tallenna tiedosto editorissa UTF-8-merkistöllä (esimerkiksi \"Tallenna \
         merkistökoodauksella\" → UTF-8; Muistiossa \"Tallenna nimellä\" → Koodaus: UTF-8)",
        "spara filen som UTF-8 i din editor (\"Spara med kodning\" → UTF-8; i Anteckningar \"Spara som\" → Kodning: UTF-8)"
    )
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => tr!("no such file", "tiedostoa ei ole", "filen finns inte"),
        std::io::ErrorKind::PermissionDenied => {
            tr!("permission denied", "ei käyttöoikeutta", "åtkomst nekad")
        }
        // The operating system's own wording, in its own language.
        _ => err.to_string(),
    }
}

/// A key named in a message: bare in English ("version should be text"), quoted in Finnish
/// and Swedish, where it stands before a colon (`"version": tähän kirjoitetaan tekstiä`).
fn key(name: &str) -> String {
    if crate::i18n::lang() != crate::i18n::Lang::En {
        format!("\"{name}\"")
    } else {
        name.to_owned()
    }
}

/// The result of loading one county: the plan if it could be read at all, and every problem.
pub struct Loaded {
    /// The plan as far as it could be read.
    pub plan: Option<Plan>,
    /// Whether region.yaml and plan.yaml were read; if not, `plan` holds stand-ins and
    /// serves only to check the sections.
    pub complete: bool,
    /// Sections whose file could not be read whole (a syntax error, an item left out for its
    /// errors): checks that rely on their content, such as references, skip them rather than
    /// report what is only a consequence.
    pub incomplete: Vec<String>,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// The section files of a county, parsed.
struct SectionFiles {
    /// Section id and its YAML.
    nodes: Vec<(String, Node)>,
    /// Sections whose file exists but could not be parsed (already reported).
    unreadable: Vec<String>,
}

/// Reads `regions/<slug>/` against the template.
pub fn load_plan(
    region_dir: &Path,
    slug: &str,
    tset: &TemplateSet,
    sources: &mut Sources,
) -> Loaded {
    let mut diags = Vec::new();
    let first_file = sources.len();
    let mut reader = Reader {
        root: region_dir,
        cells: 0,
    };
    let region_node = reader.read(&region_dir.join("region.yaml"), sources, &mut diags);
    let plan_node = reader.read(&region_dir.join("plan.yaml"), sources, &mut diags);
    let sections_dir = region_dir.join("sections");
    let files = read_sections(&sections_dir, tset, sources, &mut diags, &mut reader);

    let mut decoder = Decoder::new(sources);
    let region = region_node.and_then(|n| decode_region(&mut decoder, &n));
    let region_texts = decoder.localized.len();
    let rules = &tset.template.items;
    let meta = plan_node.and_then(|n| decode_meta(&mut decoder, &n, rules));
    let mut sections = Vec::new();
    let mut incomplete = files.unreadable.clone();
    for def in &tset.template.sections {
        match files.nodes.iter().find(|(id, _)| *id == def.id) {
            Some((_, node)) => {
                let errors_before = decoder.error_count();
                if let Some(section) = decode_section(&mut decoder, def, node, rules) {
                    sections.push(section);
                }
                if decoder.error_count() > errors_before {
                    incomplete.push(def.id.clone());
                }
            }
            None if def.required && !files.unreadable.contains(&def.id) => {
                incomplete.push(def.id.clone());
                decoder
                    .diagnostics
                    .push(missing_section(&sections_dir, def));
            }
            None => {}
        }
    }
    let localized = std::mem::take(&mut decoder.localized);
    diags.extend(decoder.finish());
    // When region.yaml or plan.yaml could not be read, the sections are still checked
    // against each other (with stand-in metadata), so one run reports every problem.
    diags.extend(plan_limits(region_dir, sources, first_file, reader.cells));
    let mut meta = meta;
    if let (Some(region), Some(meta)) = (&region, &mut meta) {
        meta.record = meta.record.over(&region.record);
        diags.extend(check_record(
            &meta.record,
            rules,
            &region_dir.join("plan.yaml"),
        ));
    }
    let complete = region.is_some() && meta.is_some();
    let plan = Plan {
        slug: slug.to_owned(),
        region: region.unwrap_or_else(|| stand_in_region(slug)),
        meta: meta.unwrap_or_else(stand_in_meta),
        sections,
        localized,
        region_texts,
        stale: Vec::new(),
        history: Vec::new(),
    };
    Loaded {
        plan: Some(plan),
        complete,
        incomplete,
        diagnostics: diags,
    }
}

/// A region standing in for a region.yaml that could not be read.
fn stand_in_region(slug: &str) -> Region {
    Region {
        name: Text::from(slug),
        short_name: Text::from(slug),
        languages: vec!["fi".into()],
        population: None,
        population_year: None,
        municipalities: vec![],
        centre_of_expertise: None,
        example: false,
        record: RecordInfo::default(),
    }
}

/// Metadata standing in for a plan.yaml that could not be read.
fn stand_in_meta() -> PlanMeta {
    PlanMeta {
        title: None,
        version: "0".into(),
        status: Status::Draft,
        date: Date {
            year: 1970,
            month: 1,
            day: 1,
        },
        validity: None,
        approvals: vec![],
        changelog: vec![],
        record: RecordInfo::default(),
    }
}

/// Limits on the whole plan (the files `first_file..` of `sources`, `cells` table cells), so
/// what check accepts, build can lay out in time and memory.
fn plan_limits(
    region_dir: &Path,
    sources: &Sources,
    first_file: usize,
    cells: usize,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let total: usize = (first_file..sources.len())
        .map(|f| sources.text(f).len())
        .sum();
    if total as u64 > fsread::MAX_PLAN_BYTES {
        let (size, limit) = (total.div_ceil(1024), fsread::MAX_PLAN_BYTES / 1024);
        diags.push(
            Diagnostic::error_at_path(
                region_dir,
                tr!(
                    "the county's files are {size} KB together; a plan may be at most {limit} KB",
                    "hyvinvointialueen tiedostojen yhteiskoko on {size} kt; suunnitelma saa olla \
                     enintään {limit} kt",
"välfärdsområdets filer är sammanlagt {size} kB; en plan får vara högst {limit} kB"
                ),
            )
            .with_hint(tr!(
                "a 20-page plan is about 60 KB: move material that does not belong in the plan \
                 to appendices outside it",
                "20-sivuinen suunnitelma on noin 60 kt: siirrä aineisto, joka ei kuulu \
                 suunnitelmaan, sen ulkopuolisiin liitteisiin",
"en plan på 20 sidor är cirka 60 kB: flytta material som inte hör till planen till bilagor utanför den"
            )),
        );
    }
    if cells > crate::limits::MAX_PLAN_TABLE_CELLS {
        let (n, limit) = (cells, crate::limits::MAX_PLAN_TABLE_CELLS);
        diags.push(
            Diagnostic::error_at_path(
                region_dir,
                tr!(
                    "the plan's tables have {n} cells together; a plan may have at most {limit}",
                    "suunnitelman taulukoissa on yhteensä {n} solua; suunnitelmassa saa olla \
                     enintään {limit}",
"planens tabeller har sammanlagt {n} celler; en plan får ha högst {limit}"
                ),
            )
            .with_hint(tr!(
                "keep long tables (lists of Markdown tables, long member or indicator lists) in \
                 appendices outside the plan",
                "pidä pitkät taulukot (Markdown-taulukot, pitkät jäsen- tai mittariluettelot) \
                 suunnitelman ulkopuolisissa liitteissä",
"ha långa tabeller (Markdown-tabeller, långa medlems- eller indikatorlistor) i bilagor utanför planen"
            )),
        );
    }
    diags
}

/// Reads the YAML files of one county, counting the table cells they add to the plan.
struct Reader<'r> {
    /// The county's folder: nothing outside it is read.
    root: &'r Path,
    /// Table cells so far (see [`crate::limits::MAX_PLAN_TABLE_CELLS`]).
    cells: usize,
}

impl Reader<'_> {
    /// Reads and parses one file; problems go to `diags`, and so does whatever `build`
    /// could not lay out (reported here, at its line).
    fn read(
        &mut self,
        path: &Path,
        sources: &mut Sources,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Node> {
        let file = read_source(path, self.root, sources)
            .map_err(|d| diags.push(d))
            .ok()?;
        let node = yaml::parse(sources, file).map_err(|d| diags.push(d)).ok()?;
        let report = crate::limits::check_file(&node, sources, &crate::fonts::font_covers);
        diags.extend(report.diagnostics);
        self.cells += report.table_cells;
        Some(node)
    }
}

/// Reads every `sections/*.yaml` the template knows; a file it does not know is an error
/// with a "did you mean".
fn read_sections(
    sections_dir: &Path,
    tset: &TemplateSet,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
    reader: &mut Reader,
) -> SectionFiles {
    let mut files = SectionFiles {
        nodes: Vec::new(),
        unreadable: Vec::new(),
    };
    let known: Vec<&str> = tset
        .template
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let entries = match std::fs::read_dir(sections_dir) {
        Ok(entries) => entries,
        Err(err) => {
            let (dir, reason) = (display(sections_dir), io_reason(&err));
            diags.push(Diagnostic::error_at_path(
                sections_dir,
                tr!(
                    "cannot read the folder \"{dir}\": {reason}",
                    "kansiota \"{dir}\" ei voi lukea: {reason}",
                    "det går inte att läsa mappen \"{dir}\": {reason}"
                ),
            ));
            return files;
        }
    };
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.extend(overlaid_in(sections_dir));
    names.sort();
    for path in names {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("");
        if !(ext == "yaml" || ext == "yml") {
            continue;
        }
        if !known.contains(&stem) {
            diags.push(unknown_section(&path, stem, &known));
            continue;
        }
        match reader.read(&path, sources, diags) {
            Some(node) => files.nodes.push((stem.to_owned(), node)),
            // Already reported; not "missing" as well.
            None => files.unreadable.push(stem.to_owned()),
        }
    }
    files
}

fn unknown_section(path: &Path, stem: &str, known: &[&str]) -> Diagnostic {
    let hint = match yaml::suggest(stem, known) {
        Some(best) => tr!(
            "did you mean \"{best}.yaml\"? rename the file",
            "tarkoititko \"{best}.yaml\"? nimeä tiedosto uudelleen",
            "menade du \"{best}.yaml\"? byt namn på filen"
        ),
        None => {
            let sections = known.join(", ");
            tr!(
                "the template's sections are: {sections}",
                "suunnitelmapohjan luvut ovat: {sections}",
                "planmallens kapitel är: {sections}"
            )
        }
    };
    let file = display(path);
    Diagnostic::error_at_path(
        path,
        tr!(
            "the template has no section \"{stem}\" (file \"{file}\")",
            "suunnitelmapohjassa ei ole lukua \"{stem}\" (tiedosto \"{file}\")",
            "planmallen har inget kapitel \"{stem}\" (filen \"{file}\")"
        ),
    )
    .with_hint(hint)
}

fn missing_section(sections_dir: &Path, def: &crate::template::SectionDef) -> Diagnostic {
    let (id, title) = (
        &def.id,
        def.title.get(crate::i18n::pick("fi", "fi", "sv"), "fi"),
    );
    Diagnostic::error_at_path(
        &sections_dir.join(format!("{id}.yaml")),
        tr!(
            "the required section \"{id}\" ({title}) is missing",
            "pakollinen luku \"{id}\" ({title}) puuttuu",
            "det obligatoriska kapitlet \"{id}\" ({title}) saknas"
        ),
    )
    .with_hint(tr!(
        "create sections/{id}.yaml; `rakeplan new` shows what it should hold",
        "luo tiedosto sections/{id}.yaml; `rakeplan new` näyttää, mitä siihen \
         kirjoitetaan",
        "skapa sections/{id}.yaml; `rakeplan new` visar vad den ska innehålla"
    ))
}

fn required_text(d: &mut Decoder, f: &Fields, key: &str, what: &str) -> Option<Text> {
    match f.get(key) {
        Some(n) => d.text(
            n,
            &tr!(
                "\"{key}\" of {what}",
                "\"{key}\" ({what})",
                "\"{key}\" ({what})"
            ),
        ),
        None => {
            d.missing(
                f,
                key,
                what,
                &tr!(
                    "add a line `{key}: ...`",
                    "lisää rivi `{key}: ...`",
                    "lägg till en rad `{key}: ...`"
                ),
            );
            None
        }
    }
}

fn optional_text(d: &mut Decoder, f: &Fields, key: &str, what: &str) -> Option<Text> {
    f.get(key)
        .filter(|n| !matches!(n.value, yaml::Value::Null))
        .and_then(|n| {
            d.text(
                n,
                &tr!(
                    "\"{key}\" of {what}",
                    "\"{key}\" ({what})",
                    "\"{key}\" ({what})"
                ),
            )
        })
}

fn decode_region(d: &mut Decoder, node: &Node) -> Option<Region> {
    const KEYS: [&str; 9] = [
        "name",
        "short_name",
        "languages",
        "population",
        "population_year",
        "municipalities",
        "centre_of_expertise",
        "example",
        "record",
    ];
    let f = d.fields(node, &KEYS, "region.yaml")?;
    let name = required_text(d, &f, "name", "region.yaml");
    let short_name = optional_text(d, &f, "short_name", "region.yaml");
    let languages: Vec<String> = match f.get("languages") {
        Some(n) => d
            .strings(n, &key("languages"))
            .into_iter()
            .filter(|(code, span)| check_language(d, code, span))
            .map(|(s, _)| s)
            .collect(),
        None => vec!["fi".into()],
    };
    let population = f
        .get("population")
        .and_then(|n| d.integer(n, &key("population")));
    let population_year = f
        .get("population_year")
        .and_then(|n| d.integer(n, &key("population_year")));
    let municipalities = match f.get("municipalities") {
        Some(n) => d
            .list(n, &key("municipalities"))
            .unwrap_or(&[])
            .iter()
            .filter_map(|m| d.text(m, &tr!("a municipality", "kunta", "en kommun")))
            .collect(),
        None => vec![],
    };
    let centre = optional_text(d, &f, "centre_of_expertise", "region.yaml");
    let example = f
        .get("example")
        .and_then(|n| d.boolean(n, &key("example")))
        .unwrap_or(false);
    let name = name?;
    Some(Region {
        short_name: short_name.unwrap_or_else(|| name.clone()),
        name,
        languages: if languages.is_empty() {
            vec!["fi".into()]
        } else {
            languages
        },
        population,
        population_year,
        municipalities,
        centre_of_expertise: centre,
        example,
        record: record_info(d, &f),
    })
}

/// `record:`, the records metadata (in region.yaml: the county's defaults). Which fields
/// must be there is checked once the two are laid together ([`check_record`]).
fn record_info(d: &mut Decoder, f: &Fields) -> RecordInfo {
    f.get("record")
        .and_then(|n| decode_item::<RecordInfo>(d, n, 0, &Rules::default()))
        .unwrap_or_default()
}

/// The records metadata the template requires (`items: record: {required: [...]}`), looked
/// for in plan.yaml and the county's defaults in region.yaml.
fn check_record(record: &RecordInfo, rules: &Rules, plan_yaml: &Path) -> Vec<Diagnostic> {
    let kind = <RecordInfo as crate::items::Item>::KIND;
    let json = serde_json::to_value(record).unwrap_or_default();
    kind.fields
        .iter()
        .filter(|f| crate::items::is_required(rules, kind, f.key))
        .filter(|f| json.get(f.key).is_none_or(serde_json::Value::is_null))
        .map(|f| {
            let (key, example) = (f.key, f.example_in(crate::i18n::lang()));
            Diagnostic::error_at_path(
                plan_yaml,
                tr!(
                    "the records metadata lacks \"{key}\", which the template requires",
                    "asiakirjan tiedoista puuttuu suunnitelmapohjan vaatima \"{key}\"",
                    "handlingens uppgifter saknar \"{key}\", som planmallen kräver"
                ),
            )
            .with_hint(tr!(
                "add `{key}: {example}` under `record:` in plan.yaml, or in region.yaml for every version",
                "lisää `{key}: {example}` kohtaan `record:` tiedostossa plan.yaml tai \
                 region.yaml (kaikille versioille)",
                "lägg till `{key}: {example}` under `record:` i plan.yaml, eller i region.yaml för alla versioner"
            ))
        })
        .collect()
}

fn decode_meta(d: &mut Decoder, node: &Node, rules: &Rules) -> Option<PlanMeta> {
    const KEYS: [&str; 8] = [
        "title",
        "version",
        "status",
        "date",
        "validity",
        "approvals",
        "changelog",
        "record",
    ];
    let f = d.fields(node, &KEYS, "plan.yaml")?;
    let title = optional_text(d, &f, "title", "plan.yaml");
    let version = meta_version(d, &f);
    let status = meta_status(d, &f);
    let date = meta_date(d, &f);
    let validity = meta_validity(d, &f);
    let approvals = meta_list(d, &f, "approvals", rules);
    let changelog: Vec<ChangeEntry> = meta_list(d, &f, "changelog", rules);
    let record = record_info(d, &f);
    let date = date?;
    // Without `validity` a plan is in force for the council term of its date.
    let validity = validity.or_else(|| {
        let (from, until) = crate::model::council_term(date);
        Some(Validity {
            from,
            until: Some(until),
        })
    });
    Some(PlanMeta {
        title,
        version: version?,
        status: status?,
        date,
        validity,
        approvals,
        changelog,
        record,
    })
}

/// `version:`, a version number.
fn meta_version(d: &mut Decoder, f: &Fields) -> Option<String> {
    match f.get("version") {
        Some(n) => d
            .string(n, &key("version"))
            .filter(|v| check_version(d, n, v)),
        None => {
            d.missing(
                f,
                "version",
                "plan.yaml",
                &tr!(
                    "add a line such as `version: \"1.0\"`",
                    "lisää rivi, esimerkiksi `version: \"1.0\"`",
                    "lägg till en rad, till exempel `version: \"1.0\"`"
                ),
            );
            None
        }
    }
}

/// `status:`, one of draft, proposed, approved, superseded.
fn meta_status(d: &mut Decoder, f: &Fields) -> Option<Status> {
    match f.get("status") {
        Some(n) => d.string(n, &key("status")).and_then(|s| {
            let status = Status::parse(&s);
            if status.is_none() {
                let hint = match yaml::suggest(&s, &Status::NAMES) {
                    Some(best) => did_you_mean(best),
                    None => {
                        let names = Status::NAMES.join(", ");
                        tr!(
                            "use one of: {names}",
                            "käytä jotakin näistä: {names}",
                            "använd en av: {names}"
                        )
                    }
                };
                d.error(
                    &n.span,
                    tr!(
                        "unknown status \"{s}\"",
                        "tuntematon tila \"{s}\"",
                        "okänd status \"{s}\""
                    ),
                    hint,
                );
            }
            status
        }),
        None => {
            d.missing(
                f,
                "status",
                "plan.yaml",
                &tr!(
                    "add `status: draft` (or proposed, approved, superseded)",
                    "lisää `status: draft` (luonnos); muut tilat ovat proposed (ehdotus), \
                     approved (hyväksytty) ja superseded (korvattu)",
"lägg till `status: draft` (utkast); övriga är proposed (förslag), approved (godkänd) och superseded (ersatt)"
                ),
            );
            None
        }
    }
}

/// `date:`, the date of this version.
fn meta_date(d: &mut Decoder, f: &Fields) -> Option<Date> {
    match f.get("date") {
        Some(n) => date_field(
            d,
            n,
            &tr!(
                "the plan's date",
                "suunnitelman päivämäärä",
                "planens datum"
            ),
        ),
        None => {
            d.missing(
                f,
                "date",
                "plan.yaml",
                &tr!(
                    "add the date of this version, such as `date: 2025-05-20`",
                    "lisää tämän version päivämäärä, esimerkiksi `date: 2025-05-20`",
                    "lägg till den här versionens datum, till exempel `date: 2025-05-20`"
                ),
            );
            None
        }
    }
}

/// `validity:` with its first and last day (the last after the first).
fn meta_validity(d: &mut Decoder, f: &Fields) -> Option<Validity> {
    let n = f.get("validity")?;
    let validity = key("validity");
    let vf = d.fields(n, &["from", "until"], &validity)?;
    let from = match vf.get("from") {
        Some(n) => date_field(
            d,
            n,
            &tr!(
                "validity's first day",
                "voimassaolon ensimmäinen päivä",
                "giltighetens första dag"
            ),
        ),
        None => {
            d.missing(
                &vf,
                "from",
                &validity,
                &tr!(
                    "add `from: YYYY-MM-DD`",
                    "lisää alkupäivä: `from: VVVV-KK-PP`",
                    "lägg till `from: ÅÅÅÅ-MM-DD`"
                ),
            );
            None
        }
    }?;
    let until = vf.get("until").and_then(|n| {
        date_field(
            d,
            n,
            &tr!(
                "validity's last day",
                "voimassaolon viimeinen päivä",
                "giltighetens sista dag"
            ),
        )
    });
    if let (Some(until), Some(n)) = (until, vf.get("until"))
        && until < from
    {
        d.error(
            &n.span,
            tr!(
                "the validity ends before it starts",
                "voimassaolo päättyy ennen kuin se alkaa",
                "giltigheten upphör innan den börjar"
            ),
            tr!(
                "check the dates of `from` and `until`",
                "tarkista päivämäärät `from` ja `until`",
                "kontrollera datumen `from` och `until`"
            ),
        );
    }
    Some(Validity { from, until })
}

/// A list of plan.yaml (approvals, changelog), empty when absent or unreadable.
fn meta_list<T: Item>(d: &mut Decoder, f: &Fields, key: &str, rules: &Rules) -> Vec<T> {
    f.get(key)
        .and_then(|n| decode_list(d, n, rules))
        .unwrap_or_default()
}

/// A language code names files (`plan.sv.pdf`) and labels: only the template's languages.
fn check_language(d: &mut Decoder, code: &str, span: &crate::diagnostic::Span) -> bool {
    if crate::names::is_language(code) {
        return true;
    }
    let known = crate::names::LANGUAGES.join(", ");
    d.error(
        span,
        tr!(
            "\"{code}\" is not a language rakeplan makes editions in",
            "\"{code}\" ei ole kieli, jolla rakeplan tekee painoksia",
            "\"{code}\" är inget språk som rakeplan gör utgåvor på"
        ),
        tr!(
            "use the language codes {known} (fi = Finnish, sv = Swedish, en = English), or another language's ISO 639 code in lowercase letters, such as se (Northern Sámi), smn (Inari Sámi) or sms (Skolt Sámi)",
            "käytä kielikoodeja {known} (fi = suomi, sv = ruotsi, en = englanti) tai muun kielen ISO 639 -koodia pienin kirjaimin, esimerkiksi se (pohjoissaame), smn (inarinsaame) tai sms (koltansaame)",
            "använd språkkoderna {known} (fi = finska, sv = svenska, en = engelska) eller ett annat språks ISO 639-kod med små bokstäver, till exempel se (nordsamiska), smn (enaresamiska) eller sms (skoltsamiska)"
        ),
    );
    false
}

fn decode_section(
    d: &mut Decoder,
    def: &crate::template::SectionDef,
    node: &Node,
    rules: &Rules,
) -> Option<Section> {
    let file_fields: Vec<&FieldDef> = def.fields.iter().filter(|f| f.in_section_file()).collect();
    let allowed: Vec<&str> = file_fields.iter().map(|f| f.id.as_str()).collect();
    let id = &def.id;
    let what = tr!("section \"{id}\"", "luku \"{id}\"", "kapitlet \"{id}\"");
    let f = d.fields(node, &allowed, &what)?;
    if f.keys().next().is_none() && !def.required {
        // The whole file is empty (or only comments): point at its first line, not at
        // where the parser stopped.
        let start = Span {
            file: node.span.file,
            range: 0..0,
        };
        d.diagnostics.push(
            Diagnostic::warning(
                Some(start),
                tr!(
                    "the optional {what} is empty",
                    "valinnainen {what} on tyhjä",
                    "det frivilliga {what} är tomt"
                ),
            )
            .with_hint(tr!(
                "write its content, or delete the file to leave the section out",
                "kirjoita luvun sisältö, tai poista tiedosto, jos luku jätetään pois",
                "skriv kapitlets innehåll, eller radera filen för att lämna kapitlet utanför"
            )),
        );
        return None;
    }
    let mut fields = Vec::new();
    for fdef in file_fields {
        let Some(value_node) = f
            .get(&fdef.id)
            .filter(|n| !matches!(n.value, yaml::Value::Null))
        else {
            if fdef.required {
                let field = &fdef.id;
                let hint = if is_fi() {
                    let label = fdef.label.get("fi", "fi").to_lowercase();
                    format!("lisää `{field}:` ja sen perään {label}")
                } else if crate::i18n::is_sv() {
                    let label = fdef.label.get("sv", "fi").to_lowercase();
                    format!("lägg till `{field}:` följt av {label}")
                } else {
                    let label = fdef.label.get("en", "en").to_lowercase();
                    format!("add `{field}:` with the {label}")
                };
                d.missing(&f, field, &what, &hint);
            }
            continue;
        };
        let value = match fdef.kind {
            FieldKind::Markdown => d
                .text(value_node, &format!("\"{}\"", fdef.id))
                .map(FieldValue::Markdown),
            FieldKind::Members => decode_list(d, value_node, rules).map(FieldValue::Members),
            FieldKind::Cycle => decode_list(d, value_node, rules).map(FieldValue::Cycle),
            FieldKind::FocusAreas => decode_list(d, value_node, rules).map(FieldValue::FocusAreas),
            FieldKind::Indicators => decode_list(d, value_node, rules).map(FieldValue::Indicators),
            FieldKind::Partners => decode_list(d, value_node, rules).map(FieldValue::Partners),
            FieldKind::Facts => {
                crate::facts::decode(d, value_node, &fdef.id, &fdef.entries).map(FieldValue::Facts)
            }
            FieldKind::Municipalities | FieldKind::Approvals | FieldKind::Changelog => None,
        };
        if let Some(value) = value {
            fields.push(Field {
                id: fdef.id.clone(),
                value,
                span: Some(value_node.span.clone()),
            });
        }
    }
    Some(Section {
        id: def.id.clone(),
        fields,
        span: Some(node.span.clone()),
    })
}

/// The county folders under `regions_dir` (those holding a `plan.yaml`), sorted.
pub fn list_regions(regions_dir: &Path) -> std::io::Result<Vec<String>> {
    let mut slugs: Vec<String> = std::fs::read_dir(regions_dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("plan.yaml").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    slugs.sort();
    Ok(slugs)
}
