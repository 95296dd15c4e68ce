//! Reading a county's YAML from disk into a typed [`Plan`], and the template from
//! `plan-template/`. Every file is registered in [`Sources`] so that any later complaint can
//! name its line. Problems are collected, never thrown at the first one. Cross-checks that
//! span files (references, duplicates, dates) are `validate`'s job, not this module's.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, FileIdx, Sources};
use crate::fsread;
use crate::i18n::is_fi;
use crate::model::{
    Action, Approval, ChangeEntry, CycleEvent, Date, Decision, Field, FieldValue, FocusArea,
    Indicator, Member, Partner, Plan, PlanMeta, Region, Section, Status, Validity,
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
/// the copy built into rakeplan ([`crate::builtin`]).
pub fn load_template(dir: &Path, sources: &mut Sources) -> Result<TemplateSet, Vec<Diagnostic>> {
    let template_file =
        crate::builtin::read_layered(dir, "template.yaml", sources).map_err(|d| vec![d])?;
    let template: Template = parse_yaml(sources, template_file).map_err(|d| vec![d])?;
    let diags = check_template(&template, template_file);
    if !diags.is_empty() {
        return Err(diags);
    }
    let labels_file =
        crate::builtin::read_layered(dir, "labels.yaml", sources).map_err(|d| vec![d])?;
    let labels: Labels = parse_yaml(sources, labels_file).map_err(|d| vec![d])?;
    Ok(TemplateSet {
        dir: dir.to_owned(),
        template,
        labels,
    })
}

/// Reads a text file into `sources`: a regular file inside `root` (links may not lead out of
/// it) of at most [`fsread::MAX_YAML_BYTES`]. A file that is not UTF-8 is an error naming the
/// byte.
pub fn read_source(path: &Path, root: &Path, sources: &mut Sources) -> Result<FileIdx, Diagnostic> {
    let name = display(path);
    let bytes = fsread::read_inside(path, root, fsread::MAX_YAML_BYTES).map_err(|err| {
        let reason = err.reason();
        let diag = Diagnostic::error_at_path(
            path,
            tr!(
                "cannot read \"{name}\": {reason}",
                "tiedostoa \"{name}\" ei voi lukea: {reason}"
            ),
        );
        if err.is_not_found() {
            diag.with_hint(tr!(
                "check the folder name, or create the file (`rakeplan new` scaffolds a county)",
                "tarkista kansion nimi tai luo tiedosto (`rakeplan new` luo uudelle \
                 hyvinvointialueelle valmiin pohjan)"
            ))
        } else if let Some(hint) = err.hint() {
            diag.with_hint(hint)
        } else {
            diag
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        Diagnostic::error_at_path(
            path,
            tr!(
                "\"{name}\" is not valid UTF-8 text (first bad byte at offset {offset})",
                "tiedosto \"{name}\" ei ole UTF-8-muotoista tekstiä (ensimmäinen virheellinen \
                 tavu kohdassa {offset})"
            ),
        )
        .with_hint(tr!(
            "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)",
            "tallenna tiedosto editorissa UTF-8-merkistöllä (esimerkiksi \"Tallenna \
             merkistökoodauksella\" → UTF-8)"
        ))
    })?;
    Ok(sources.add(display(path), text))
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => tr!("no such file", "tiedostoa ei ole"),
        std::io::ErrorKind::PermissionDenied => tr!("permission denied", "ei käyttöoikeutta"),
        // The operating system's own wording, in its own language.
        _ => err.to_string(),
    }
}

/// A key named in a message: bare in English ("version should be text"), quoted in Finnish,
/// where it stands before a colon (`"version": tähän kirjoitetaan tekstiä`).
fn key(name: &str) -> String {
    if is_fi() {
        format!("\"{name}\"")
    } else {
        name.to_owned()
    }
}

/// A path as planners see it: relative, without a leading `./`, with `/` between folders on
/// every platform (Windows accepts it), so that messages, manifest keys and the prefixes
/// compared against them are the same everywhere.
pub fn display(path: &Path) -> String {
    let s = slashed(&path.to_string_lossy(), std::path::MAIN_SEPARATOR);
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// `text` (a path) with the platform's folder separator `sep` written as `/`. On Unix a `\`
/// is part of a file name and stays.
fn slashed(text: &str, sep: char) -> String {
    if sep == '/' {
        text.to_owned()
    } else {
        text.replace(sep, "/")
    }
}

/// Whether `id` is a valid key: lowercase ASCII letters, digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// The result of loading one county: the plan if it could be read at all, and every problem.
pub struct Loaded {
    /// The plan as far as it could be read.
    pub plan: Option<Plan>,
    /// Whether region.yaml and plan.yaml were read; if not, `plan` holds stand-ins and
    /// serves only to check the sections.
    pub complete: bool,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
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
    let cells = std::cell::Cell::new(0usize);
    let read = |name: &Path, sources: &mut Sources, diags: &mut Vec<Diagnostic>| -> Option<Node> {
        let file = read_source(name, region_dir, sources)
            .map_err(|d| diags.push(d))
            .ok()?;
        let node = yaml::parse(sources, file).map_err(|d| diags.push(d)).ok()?;
        // What build cannot lay out is reported here, at its line.
        let report = crate::limits::check_file(&node, sources, &crate::render::pdf::font_covers);
        diags.extend(report.diagnostics);
        cells.set(cells.get() + report.table_cells);
        Some(node)
    };
    let region_node = read(&region_dir.join("region.yaml"), sources, &mut diags);
    let plan_node = read(&region_dir.join("plan.yaml"), sources, &mut diags);

    let sections_dir = region_dir.join("sections");
    let mut section_nodes = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    let known: Vec<&str> = tset
        .template
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    match std::fs::read_dir(&sections_dir) {
        Ok(entries) => {
            let mut names: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
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
                    let hint = match yaml::suggest(stem, &known) {
                        Some(best) => tr!(
                            "did you mean \"{best}.yaml\"? rename the file",
                            "tarkoititko \"{best}.yaml\"? nimeä tiedosto uudelleen"
                        ),
                        None => {
                            let sections = known.join(", ");
                            tr!(
                                "the template's sections are: {sections}",
                                "suunnitelmapohjan luvut ovat: {sections}"
                            )
                        }
                    };
                    let file = display(&path);
                    diags.push(
                        Diagnostic::error_at_path(
                            &path,
                            tr!(
                                "the template has no section \"{stem}\" (file \"{file}\")",
                                "suunnitelmapohjassa ei ole lukua \"{stem}\" (tiedosto \"{file}\")"
                            ),
                        )
                        .with_hint(hint),
                    );
                    continue;
                }
                match read(&path, sources, &mut diags) {
                    Some(node) => section_nodes.push((stem.to_owned(), node)),
                    // Already reported; not "missing" as well.
                    None => unreadable.push(stem.to_owned()),
                }
            }
        }
        Err(err) => {
            let (dir, reason) = (display(&sections_dir), io_reason(&err));
            diags.push(Diagnostic::error_at_path(
                &sections_dir,
                tr!(
                    "cannot read the folder \"{dir}\": {reason}",
                    "kansiota \"{dir}\" ei voi lukea: {reason}"
                ),
            ))
        }
    }

    let mut decoder = Decoder::new(sources);
    let region = region_node.and_then(|n| decode_region(&mut decoder, &n));
    let meta = plan_node.and_then(|n| decode_meta(&mut decoder, &n));
    let mut sections = Vec::new();
    for def in &tset.template.sections {
        match section_nodes.iter().find(|(id, _)| *id == def.id) {
            Some((_, node)) => {
                if let Some(section) = decode_section(&mut decoder, def, node) {
                    sections.push(section);
                }
            }
            None if def.required && !unreadable.contains(&def.id) => {
                let (id, title) = (&def.id, def.title.get("fi", "fi"));
                decoder.diagnostics.push(
                    Diagnostic::error_at_path(
                        &sections_dir.join(format!("{id}.yaml")),
                        tr!(
                            "the required section \"{id}\" ({title}) is missing",
                            "pakollinen luku \"{id}\" ({title}) puuttuu"
                        ),
                    )
                    .with_hint(tr!(
                        "create sections/{id}.yaml; `rakeplan new` shows what it should hold",
                        "luo tiedosto sections/{id}.yaml; `rakeplan new` näyttää, mitä siihen \
                         kirjoitetaan"
                    )),
                )
            }
            None => {}
        }
    }
    diags.extend(decoder.finish());
    // When region.yaml or plan.yaml could not be read, the sections are still checked
    // against each other (with stand-in metadata), so one run reports every problem.
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
                     enintään {limit} kt"
                ),
            )
            .with_hint(tr!(
                "a 20-page plan is about 60 KB: move material that does not belong in the plan \
                 to appendices outside it",
                "20-sivuinen suunnitelma on noin 60 kt: siirrä aineisto, joka ei kuulu \
                 suunnitelmaan, sen ulkopuolisiin liitteisiin"
            )),
        );
    }
    if cells.get() > crate::limits::MAX_PLAN_TABLE_CELLS {
        let (n, limit) = (cells.get(), crate::limits::MAX_PLAN_TABLE_CELLS);
        diags.push(
            Diagnostic::error_at_path(
                region_dir,
                tr!(
                    "the plan's tables have {n} cells together; a plan may have at most {limit}",
                    "suunnitelman taulukoissa on yhteensä {n} solua; suunnitelmassa saa olla \
                     enintään {limit}"
                ),
            )
            .with_hint(tr!(
                "keep long tables (lists of Markdown tables, long member or indicator lists) in \
                 appendices outside the plan",
                "pidä pitkät taulukot (Markdown-taulukot, pitkät jäsen- tai mittariluettelot) \
                 suunnitelman ulkopuolisissa liitteissä"
            )),
        );
    }
    let complete = region.is_some() && meta.is_some();
    let plan = Plan {
        slug: slug.to_owned(),
        region: region.unwrap_or_else(|| Region {
            name: Text::from(slug),
            short_name: Text::from(slug),
            languages: vec!["fi".into()],
            population: None,
            population_year: None,
            municipalities: vec![],
            centre_of_expertise: None,
            example: false,
        }),
        meta: meta.unwrap_or_else(|| PlanMeta {
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
        }),
        sections,
    };
    Loaded {
        plan: Some(plan),
        complete,
        diagnostics: diags,
    }
}

fn required_text(d: &mut Decoder, f: &Fields, key: &str, what: &str) -> Option<Text> {
    match f.get(key) {
        Some(n) => d.text(n, &tr!("\"{key}\" of {what}", "\"{key}\" ({what})")),
        None => {
            d.missing(
                f,
                key,
                what,
                &tr!("add a line `{key}: ...`", "lisää rivi `{key}: ...`"),
            );
            None
        }
    }
}

fn optional_text(d: &mut Decoder, f: &Fields, key: &str, what: &str) -> Option<Text> {
    f.get(key)
        .filter(|n| !matches!(n.value, yaml::Value::Null))
        .and_then(|n| d.text(n, &tr!("\"{key}\" of {what}", "\"{key}\" ({what})")))
}

fn date_field(d: &mut Decoder, node: &Node, what: &str) -> Option<Date> {
    let raw = d.string(node, what)?;
    let date = Date::parse_iso(&raw);
    if date.is_none() {
        d.error(
            &node.span,
            tr!(
                "{what} \"{raw}\" is not a real date",
                "{what} \"{raw}\" ei ole oikea päivämäärä"
            ),
            tr!(
                "write the date as YYYY-MM-DD, for example 2025-05-20",
                "kirjoita päivämäärä muodossa VVVV-KK-PP, esimerkiksi 2025-05-20"
            ),
        );
    }
    date
}

fn decode_region(d: &mut Decoder, node: &Node) -> Option<Region> {
    const KEYS: [&str; 8] = [
        "name",
        "short_name",
        "languages",
        "population",
        "population_year",
        "municipalities",
        "centre_of_expertise",
        "example",
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
            .filter_map(|m| d.text(m, &tr!("a municipality", "kunta")))
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
    })
}

fn decode_meta(d: &mut Decoder, node: &Node) -> Option<PlanMeta> {
    const KEYS: [&str; 7] = [
        "title",
        "version",
        "status",
        "date",
        "validity",
        "approvals",
        "changelog",
    ];
    let f = d.fields(node, &KEYS, "plan.yaml")?;
    let title = optional_text(d, &f, "title", "plan.yaml");
    let version = match f.get("version") {
        Some(n) => d
            .string(n, &key("version"))
            .filter(|v| check_version(d, n, v)),
        None => {
            d.missing(
                &f,
                "version",
                "plan.yaml",
                &tr!(
                    "add a line such as `version: \"1.0\"`",
                    "lisää rivi, esimerkiksi `version: \"1.0\"`"
                ),
            );
            None
        }
    };
    let status = match f.get("status") {
        Some(n) => d.string(n, &key("status")).and_then(|s| {
            let status = Status::parse(&s);
            if status.is_none() {
                let hint = match yaml::suggest(&s, &Status::NAMES) {
                    Some(best) => did_you_mean(best),
                    None => {
                        let names = Status::NAMES.join(", ");
                        tr!("use one of: {names}", "käytä jotakin näistä: {names}")
                    }
                };
                d.error(
                    &n.span,
                    tr!("unknown status \"{s}\"", "tuntematon tila \"{s}\""),
                    hint,
                );
            }
            status
        }),
        None => {
            d.missing(
                &f,
                "status",
                "plan.yaml",
                &tr!(
                    "add `status: draft` (or proposed, approved, superseded)",
                    "lisää `status: draft` (luonnos); muut tilat ovat proposed (ehdotus), \
                     approved (hyväksytty) ja superseded (korvattu)"
                ),
            );
            None
        }
    };
    let date = match f.get("date") {
        Some(n) => date_field(d, n, &tr!("the plan's date", "suunnitelman päivämäärä")),
        None => {
            d.missing(
                &f,
                "date",
                "plan.yaml",
                &tr!(
                    "add the date of this version, such as `date: 2025-05-20`",
                    "lisää tämän version päivämäärä, esimerkiksi `date: 2025-05-20`"
                ),
            );
            None
        }
    };
    let validity = f.get("validity").and_then(|n| {
        let validity = key("validity");
        let vf = d.fields(n, &["from", "until"], &validity)?;
        let from = match vf.get("from") {
            Some(n) => date_field(
                d,
                n,
                &tr!("validity's first day", "voimassaolon ensimmäinen päivä"),
            ),
            None => {
                d.missing(
                    &vf,
                    "from",
                    &validity,
                    &tr!(
                        "add `from: YYYY-MM-DD`",
                        "lisää alkupäivä: `from: VVVV-KK-PP`"
                    ),
                );
                None
            }
        }?;
        let until = vf.get("until").and_then(|n| {
            date_field(
                d,
                n,
                &tr!("validity's last day", "voimassaolon viimeinen päivä"),
            )
        });
        if let (Some(until), Some(n)) = (until, vf.get("until"))
            && until < from
        {
            d.error(
                &n.span,
                tr!(
                    "the validity ends before it starts",
                    "voimassaolo päättyy ennen kuin se alkaa"
                ),
                tr!(
                    "check the dates of `from` and `until`",
                    "tarkista päivämäärät `from` ja `until`"
                ),
            );
        }
        Some(Validity { from, until })
    });
    let approvals = f
        .get("approvals")
        .and_then(|n| d.list(n, &key("approvals")))
        .unwrap_or(&[])
        .iter()
        .filter_map(|n| decode_approval(d, n))
        .collect();
    let changelog = f
        .get("changelog")
        .and_then(|n| d.list(n, &key("changelog")))
        .unwrap_or(&[])
        .iter()
        .filter_map(|n| {
            let what = &tr!("a changelog entry", "muutoshistorian merkintä");
            let ef = d.fields(n, &["version", "date", "summary"], what)?;
            let version = match ef.get("version") {
                Some(v) => d.string(v, &key("version")),
                None => {
                    d.missing(
                        &ef,
                        "version",
                        what,
                        &tr!("add `version: \"1.0\"`", "lisää `version: \"1.0\"`"),
                    );
                    None
                }
            };
            let date = match ef.get("date") {
                Some(v) => date_field(
                    d,
                    v,
                    &tr!("the changelog date", "muutoshistorian päivämäärä"),
                ),
                None => {
                    d.missing(
                        &ef,
                        "date",
                        what,
                        &tr!("add `date: YYYY-MM-DD`", "lisää `date: VVVV-KK-PP`"),
                    );
                    None
                }
            };
            let summary = required_text(d, &ef, "summary", what);
            Some(ChangeEntry {
                version: version?,
                date: date?,
                summary: summary?,
            })
        })
        .collect();
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
    })
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
            "\"{code}\" ei ole kieli, jolla rakeplan tekee painoksia"
        ),
        tr!(
            "use the language codes {known} (fi = Finnish, sv = Swedish, en = English)",
            "käytä kielikoodeja {known} (fi = suomi, sv = ruotsi, en = englanti)"
        ),
    );
    false
}

fn check_version(d: &mut Decoder, node: &Node, version: &str) -> bool {
    if let Some(parsed) = crate::names::Version::parse(version)
        && !crate::names::Version::is_canonical(version)
    {
        d.error(
            &node.span,
            tr!(
                "version \"{version}\" has leading zeros; it is the same version as \"{parsed}\"",
                "versiossa \"{version}\" on etunollia; se on sama versio kuin \"{parsed}\""
            ),
            tr!(
                "write it as \"{parsed}\"",
                "kirjoita se muodossa \"{parsed}\""
            ),
        );
        return false;
    }
    let ok = crate::names::Version::parse(version).is_some();
    if !ok {
        d.error(
            &node.span,
            tr!(
                "version \"{version}\" is not a version number",
                "versio \"{version}\" ei ole versionumero"
            ),
            tr!(
                "write numbers separated by dots, in quotes, such as \"1.0\" or \"2.1\"",
                "kirjoita numerot pisteillä erotettuina lainausmerkkeihin, esimerkiksi \"1.0\" \
                 tai \"2.1\""
            ),
        );
    }
    ok
}

fn decode_approval(d: &mut Decoder, node: &Node) -> Option<Approval> {
    let what = &tr!("an approval", "hyväksyntä");
    let f = d.fields(node, &["body", "date", "minute", "decision"], what)?;
    let body = required_text(d, &f, "body", what);
    let date = match f.get("date") {
        Some(n) => date_field(d, n, &tr!("the approval date", "hyväksynnän päivämäärä")),
        None => {
            d.missing(
                &f,
                "date",
                what,
                &tr!(
                    "add the meeting date, `date: YYYY-MM-DD`",
                    "lisää kokouksen päivämäärä: `date: VVVV-KK-PP`"
                ),
            );
            None
        }
    };
    let minute = f.get("minute").and_then(|n| d.string(n, &key("minute")));
    let decision = match f.get("decision") {
        Some(n) => d
            .string(n, &key("decision"))
            .and_then(|s| match s.as_str() {
                "approved" => Some(Decision::Approved),
                "noted" => Some(Decision::Noted),
                _ => {
                    d.error(
                        &n.span,
                        tr!("unknown decision \"{s}\"", "tuntematon päätös \"{s}\""),
                        tr!(
                            "use `approved` (hyväksytty) or `noted` (merkitty tiedoksi)",
                            "käytä arvoa `approved` (hyväksytty) tai `noted` (merkitty tiedoksi)"
                        ),
                    );
                    None
                }
            }),
        None => {
            d.missing(
                &f,
                "decision",
                what,
                &tr!(
                    "add `decision: approved` or `decision: noted`",
                    "lisää `decision: approved` (hyväksytty) tai `decision: noted` (merkitty \
                     tiedoksi)"
                ),
            );
            None
        }
    };
    Some(Approval {
        body: body?,
        date: date?,
        minute,
        decision: decision?,
        span: Some(node.span.clone()),
    })
}

fn decode_section(
    d: &mut Decoder,
    def: &crate::template::SectionDef,
    node: &Node,
) -> Option<Section> {
    let file_fields: Vec<&FieldDef> = def.fields.iter().filter(|f| f.in_section_file()).collect();
    let allowed: Vec<&str> = file_fields.iter().map(|f| f.id.as_str()).collect();
    let id = &def.id;
    let what = tr!("section \"{id}\"", "luku \"{id}\"");
    let f = d.fields(node, &allowed, &what)?;
    if f.keys().next().is_none() && !def.required {
        d.diagnostics.push(
            Diagnostic::warning(
                Some(node.span.clone()),
                tr!(
                    "the optional {what} is empty",
                    "valinnainen {what} on tyhjä"
                ),
            )
            .with_hint(tr!(
                "write its content, or delete the file to leave the section out",
                "kirjoita luvun sisältö, tai poista tiedosto, jos luku jätetään pois"
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
            FieldKind::Members => items(
                d,
                value_node,
                &tr!("the list of members", "jäsenluettelo"),
                decode_member,
            )
            .map(FieldValue::Members),
            FieldKind::Cycle => items(
                d,
                value_node,
                &tr!(
                    "the list of cycle events",
                    "vuosikellon tapahtumien luettelo"
                ),
                decode_event,
            )
            .map(FieldValue::Cycle),
            FieldKind::FocusAreas => items(
                d,
                value_node,
                &tr!("the list of focus areas", "painopistealueiden luettelo"),
                decode_area,
            )
            .map(FieldValue::FocusAreas),
            FieldKind::Indicators => items(
                d,
                value_node,
                &tr!("the list of indicators", "mittariluettelo"),
                decode_indicator,
            )
            .map(FieldValue::Indicators),
            FieldKind::Partners => items(
                d,
                value_node,
                &tr!("the list of partners", "yhteistyökumppanien luettelo"),
                decode_partner,
            )
            .map(FieldValue::Partners),
            FieldKind::Municipalities | FieldKind::Approvals | FieldKind::Changelog => None,
        };
        if let Some(value) = value {
            fields.push(Field {
                id: fdef.id.clone(),
                value,
            });
        }
    }
    Some(Section {
        id: def.id.clone(),
        fields,
    })
}

/// The items of a list field; `what` names the list in messages ("the list of members").
fn items<T>(
    d: &mut Decoder,
    node: &Node,
    what: &str,
    decode: fn(&mut Decoder, &Node, usize) -> Option<T>,
) -> Option<Vec<T>> {
    let list = d.list(node, what)?;
    Some(
        list.iter()
            .enumerate()
            .filter_map(|(i, n)| decode(d, n, i))
            .collect(),
    )
}

/// An item's key: the `id` written, or one derived from a text (for optional ids).
fn item_id(d: &mut Decoder, f: &Fields, fallback: Option<&Text>, what: &str) -> Option<String> {
    match f.get("id") {
        Some(n) => {
            let id = d.string(n, &key("id"))?;
            if !is_valid_id(&id) {
                let example = slugify(&id);
                d.error(
                    &n.span,
                    tr!(
                        "id \"{id}\" of {what} may hold only lowercase letters a-z, digits and '-'",
                        "{what}: tunnisteessa \"{id}\" saa olla vain pieniä kirjaimia a-z, \
                         numeroita ja merkkiä '-'"
                    ),
                    tr!("for example \"{example}\"", "esimerkiksi \"{example}\""),
                );
                return None;
            }
            Some(id)
        }
        None => match fallback {
            Some(text) => Some(slugify(text.get("fi", "fi"))),
            None => {
                d.missing(
                    f,
                    "id",
                    what,
                    &tr!(
                        "add a short key such as `id: tietotyo-1`",
                        "lisää lyhyt tunniste, esimerkiksi `id: tietotyo-1`"
                    ),
                );
                None
            }
        },
    }
}

/// A key made from a text: lowercase ASCII, Finnish letters folded (ä → a, ö → o, å → a).
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ó' | 'ø' => 'o',
            'é' | 'è' | 'ê' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "item".into() } else { out }
}

fn decode_member(d: &mut Decoder, node: &Node, _: usize) -> Option<Member> {
    let what = &tr!("a member", "jäsen");
    let f = d.fields(node, &["id", "role", "unit", "chair", "note"], what)?;
    let role = required_text(d, &f, "role", what);
    let unit = required_text(d, &f, "unit", what);
    let chair = f
        .get("chair")
        .and_then(|n| d.boolean(n, &key("chair")))
        .unwrap_or(false);
    let note = optional_text(d, &f, "note", what);
    let id = item_id(d, &f, role.as_ref(), what);
    Some(Member {
        id: id?,
        role: role?,
        unit: unit?,
        chair,
        note,
        span: Some(node.span.clone()),
    })
}

fn decode_event(d: &mut Decoder, node: &Node, _: usize) -> Option<CycleEvent> {
    let what = &tr!("a reporting-cycle event", "vuosikellon tapahtuma");
    let f = d.fields(
        node,
        &["id", "month", "activity", "owner", "audience"],
        what,
    )?;
    let months = match f.get("month") {
        Some(n) => parse_months(d, n),
        None => {
            d.missing(
                &f,
                "month",
                what,
                &tr!(
                    "add `month: 3` or a range such as `month: \"1-2\"`",
                    "lisää `month: 3` tai kuukausiväli, esimerkiksi `month: \"1-2\"`"
                ),
            );
            None
        }
    };
    let activity = required_text(d, &f, "activity", what);
    let owner = required_text(d, &f, "owner", what);
    let audience = optional_text(d, &f, "audience", what);
    let id = item_id(d, &f, activity.as_ref(), what);
    let (month_from, month_to) = months?;
    Some(CycleEvent {
        id: id?,
        month_from,
        month_to,
        activity: activity?,
        owner: owner?,
        audience,
        span: Some(node.span.clone()),
    })
}

fn parse_months(d: &mut Decoder, node: &Node) -> Option<(u8, u8)> {
    let raw = d.string(node, &key("month"))?;
    let parse = |s: &str| s.trim().parse::<u8>().ok().filter(|m| (1..=12).contains(m));
    let parsed = match raw.split_once(['-', '–']) {
        Some((a, b)) => parse(a).zip(parse(b)).filter(|(a, b)| a <= b),
        None => parse(&raw).map(|m| (m, m)),
    };
    if parsed.is_none() {
        d.error(
            &node.span,
            tr!(
                "month \"{raw}\" is not a month or a range of months",
                "kuukausi \"{raw}\" ei ole kuukausi eikä kuukausiväli"
            ),
            tr!(
                "write a month number 1-12, or a range in quotes such as \"1-2\" (January-February)",
                "kirjoita kuukauden numero 1–12 tai väli lainausmerkeissä, esimerkiksi \"1-2\" \
                 (tammi–helmikuu)"
            ),
        );
    }
    parsed
}

fn decode_area(d: &mut Decoder, node: &Node, _: usize) -> Option<FocusArea> {
    let what = &tr!("a focus area", "painopistealue");
    let f = d.fields(
        node,
        &["id", "name", "goal", "description", "actions"],
        what,
    )?;
    let id = item_id(d, &f, None, what);
    let name = required_text(d, &f, "name", what);
    let goal = required_text(d, &f, "goal", what);
    let description = optional_text(d, &f, "description", what);
    let actions = match f.get("actions") {
        Some(n) => items(
            d,
            n,
            &tr!("the list of actions", "toimenpideluettelo"),
            decode_action,
        )
        .unwrap_or_default(),
        None => {
            d.missing(
                &f,
                "actions",
                what,
                &tr!(
                    "add `actions:` with at least one action",
                    "lisää `actions:` ja sen alle vähintään yksi toimenpide"
                ),
            );
            vec![]
        }
    };
    Some(FocusArea {
        id: id?,
        name: name?,
        goal: goal?,
        description,
        actions,
        span: Some(node.span.clone()),
    })
}

fn decode_action(d: &mut Decoder, node: &Node, _: usize) -> Option<Action> {
    let what = &tr!("an action", "toimenpide");
    let f = d.fields(
        node,
        &["id", "action", "owner", "schedule", "indicators"],
        what,
    )?;
    let id = item_id(d, &f, None, what);
    let action = required_text(d, &f, "action", what);
    let owner = required_text(d, &f, "owner", what);
    let schedule = required_text(d, &f, "schedule", what);
    let refs = f
        .get("indicators")
        .map(|n| d.strings(n, &key("indicators")))
        .unwrap_or_default();
    let (indicators, indicator_spans) = refs.into_iter().unzip();
    Some(Action {
        id: id?,
        action: action?,
        owner: owner?,
        schedule: schedule?,
        indicators,
        span: Some(node.span.clone()),
        indicator_spans,
    })
}

fn decode_indicator(d: &mut Decoder, node: &Node, _: usize) -> Option<Indicator> {
    let what = &tr!("an indicator", "mittari");
    let keys = [
        "id",
        "name",
        "definition",
        "source",
        "baseline",
        "target",
        "frequency",
    ];
    let f = d.fields(node, &keys, what)?;
    let id = item_id(d, &f, None, what);
    let name = required_text(d, &f, "name", what);
    let definition = required_text(d, &f, "definition", what);
    Some(Indicator {
        id: id?,
        name: name?,
        definition: definition?,
        source: optional_text(d, &f, "source", what),
        baseline: optional_text(d, &f, "baseline", what),
        target: optional_text(d, &f, "target", what),
        frequency: optional_text(d, &f, "frequency", what),
        span: Some(node.span.clone()),
    })
}

fn decode_partner(d: &mut Decoder, node: &Node, _: usize) -> Option<Partner> {
    let what = &tr!("a partner", "yhteistyökumppani");
    let f = d.fields(node, &["id", "name", "type", "cooperation"], what)?;
    let name = required_text(d, &f, "name", what);
    let kind = optional_text(d, &f, "type", what);
    let cooperation = required_text(d, &f, "cooperation", what);
    let id = item_id(d, &f, name.as_ref(), what);
    Some(Partner {
        id: id?,
        name: name?,
        kind,
        cooperation: cooperation?,
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

#[cfg(test)]
mod path_tests {
    use super::*;

    #[test]
    fn windows_paths_are_shown_with_forward_slashes() {
        // What `display` does on Windows, tested here on any platform.
        assert_eq!(
            slashed(r"regions\kainuu\sections\goals.yaml", '\\'),
            "regions/kainuu/sections/goals.yaml"
        );
        assert_eq!(
            slashed(r"a\b", '/'),
            r"a\b",
            "on Unix a backslash is a name character"
        );
        assert_eq!(
            display(&Path::new(".").join("regions").join("kainuu")),
            "regions/kainuu"
        );
    }
}
