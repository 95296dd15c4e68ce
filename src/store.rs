//! The revision store: `output/<slug>/<version>/` with plan.pdf, plan.html, plan.json and
//! manifest.json, and `output/<slug>/draft/`. This module alone decides where bytes go and
//! what a stored version is worth:
//!
//! - every read of a stored version verifies every file against its manifest (sha256) and
//!   hands out the verified bytes, so what is published or compared is what was checked;
//! - a version folder is staged beside its place and renamed in, so it appears whole or
//!   not at all ([`crate::fswrite`]);
//! - an approved version is never overwritten, and nothing is written over a damaged one.
//!
//! Callers hold the store's lock ([`crate::lock`]) while they write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::fsread;
use crate::fsread::display;
use crate::fswrite;
use crate::model::Plan;
use crate::names::Version;
use crate::render::Artifact;
use crate::tr;

/// What a version folder holds and where it came from. Read strictly: an unknown key or a
/// key given twice makes it damaged (nothing a later reader might trust can hide in it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// rakeplan name and version.
    pub tool: String,
    /// National template version.
    pub template_version: String,
    /// County folder name.
    pub slug: String,
    /// Plan version.
    pub version: String,
    /// Plan status.
    pub status: String,
    /// Plan date (ISO).
    pub date: String,
    /// sha256 of every input file, by path relative to the repository.
    #[serde(deserialize_with = "unique_map")]
    pub inputs: BTreeMap<String, String>,
    /// sha256 of every output file, by name.
    #[serde(deserialize_with = "unique_map")]
    pub outputs: BTreeMap<String, String>,
    /// The version as a record (publicity, personal data, retention, task class,
    /// identifier), when the plan says; the same as `record.json` beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<crate::model::RecordInfo>,
}

/// A JSON object of strings whose keys are each given once (serde would keep the last).
fn unique_map<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of names and sha256 sums")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "the key \"{key}\" is given twice"
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique)
}

/// Name of the draft folder inside a county's store.
pub const DRAFT_DIR: &str = "draft";

/// Name of the manifest in a version folder.
pub const MANIFEST: &str = "manifest.json";

/// A stored version that passed verification, with the bytes that were verified.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its folder.
    pub dir: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// Every file the manifest lists, by name, exactly as verified.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Record {
    /// The normalised plan (`plan.json`) of this version.
    pub fn plan(&self) -> Result<Plan, Problem> {
        let path = self.dir.join("plan.json");
        let bytes = self.files.get("plan.json").ok_or_else(|| Problem {
            path: path.clone(),
            kind: ProblemKind::Missing,
        })?;
        let plan: Plan = serde_json::from_slice(bytes).map_err(|err| Problem {
            path: path.clone(),
            kind: ProblemKind::Invalid(err.to_string()),
        })?;
        // plan.json names files and links (languages, the county): it must agree with the
        // folder it lies in and use only names rakeplan writes.
        if plan.slug != self.manifest.slug
            || !crate::names::same_version(&plan.meta.version, &self.manifest.version)
        {
            return Err(Problem {
                path,
                kind: ProblemKind::Misfiled(format!("{} {}", plan.slug, plan.meta.version)),
            });
        }
        if let Some(bad) = plan
            .region
            .languages
            .iter()
            .find(|l| !crate::names::is_language(l))
        {
            return Err(Problem {
                path,
                kind: ProblemKind::Invalid(format!("unknown language \"{bad}\"")),
            });
        }
        Ok(plan)
    }

    /// Whether this is an approved (or superseded) version, the county's record.
    pub fn is_record(&self) -> bool {
        is_record(&self.manifest.status)
    }
}

/// Something wrong with a stored version.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The file or folder.
    pub path: PathBuf,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What can be wrong with a stored version.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// The folder has no manifest.json.
    ManifestMissing,
    /// manifest.json cannot be read as a manifest (truncated, edited).
    ManifestDamaged(String),
    /// A file the manifest lists is gone.
    Missing,
    /// A file's content is not what the manifest recorded.
    Changed,
    /// A file cannot be read (a link, a special file, too large, permissions).
    Unreadable(String),
    /// A file or folder the manifest does not list.
    Unlisted,
    /// The manifest or plan belongs elsewhere (another county or version): what it says.
    Misfiled(String),
    /// Two folders hold the same version (`1.1` and `01.1`).
    Duplicate(String),
    /// The content is not what rakeplan writes.
    Invalid(String),
    /// A folder in the store whose name cannot be a county's.
    BadName,
    /// A county or version folder that is a symbolic link (its content lies elsewhere).
    Link,
    /// A version that is approved, by what the string names, but not stored.
    NotStored(String),
    /// An output the version's languages need, which the manifest does not list.
    Required(String),
    /// A manifest field that disagrees with plan.json: the field, the manifest's value and
    /// plan.json's.
    Disagrees(String, String, String),
    /// A record's file that differs from (or is gone from) what git has committed.
    Uncommitted,
}

impl Problem {
    /// The problem as a diagnostic naming the path, with what to do about it.
    pub fn diagnostic(&self) -> Diagnostic {
        let path = display(&self.path);
        let message = match &self.kind {
            ProblemKind::ManifestMissing => tr!(
                "\"{path}\" is missing: the files beside it cannot be verified",
                "\"{path}\" puuttuu, joten sen vieressä olevia tiedostoja ei voi todentaa",
                "\"{path}\" saknas, så filerna bredvid den kan inte verifieras"
            ),
            ProblemKind::ManifestDamaged(detail) => tr!(
                "\"{path}\" is damaged ({detail}): the files beside it cannot be verified",
                "\"{path}\" on vioittunut ({detail}), joten sen vieressä olevia tiedostoja ei \
                 voi todentaa",
                "\"{path}\" är skadad ({detail}), så filerna bredvid den kan inte verifieras"
            ),
            ProblemKind::Missing => tr!(
                "\"{path}\" is missing, although the manifest lists it",
                "\"{path}\" puuttuu, vaikka se on luettelossa manifest.json",
                "\"{path}\" saknas, fast manifest.json listar den"
            ),
            ProblemKind::Changed => tr!(
                "\"{path}\" has changed since it was stored (its sha256 differs from manifest.json)",
                "\"{path}\" on muuttunut tallennuksen jälkeen (sen sha256 ei vastaa \
                 tiedostoa manifest.json)",
                "\"{path}\" har ändrats sedan den sparades (dess sha256 skiljer sig från manifest.json)"
            ),
            ProblemKind::Unreadable(reason) => tr!(
                "\"{path}\" cannot be read: {reason}",
                "tiedostoa \"{path}\" ei voi lukea: {reason}",
                "det går inte att läsa \"{path}\": {reason}"
            ),
            ProblemKind::Unlisted => tr!(
                "\"{path}\" is not part of the stored version (manifest.json does not list it)",
                "\"{path}\" ei kuulu tallennettuun versioon (sitä ei ole luettelossa \
                 manifest.json)",
                "\"{path}\" hör inte till den sparade versionen (manifest.json listar den inte)"
            ),
            ProblemKind::Misfiled(what) => tr!(
                "\"{path}\" belongs to {what}, not to the folder it lies in",
                "\"{path}\" kuuluu versioon {what} eikä kansioon, jossa se on",
                "\"{path}\" hör till {what}, inte till mappen den ligger i"
            ),
            ProblemKind::Duplicate(other) => tr!(
                "\"{path}\" holds the same version as \"{other}\"",
                "\"{path}\" sisältää saman version kuin \"{other}\"",
                "\"{path}\" innehåller samma version som \"{other}\""
            ),
            ProblemKind::Invalid(detail) => tr!(
                "\"{path}\" is not what rakeplan writes: {detail}",
                "\"{path}\" ei ole rakeplanin kirjoittama: {detail}",
                "\"{path}\" är inte skriven av rakeplan: {detail}"
            ),
            ProblemKind::BadName => tr!(
                "\"{path}\" cannot be a county folder (names are lowercase a-z, digits and '-')",
                "\"{path}\" ei voi olla hyvinvointialueen kansio (nimessä saa olla vain pieniä \
                 kirjaimia a-z, numeroita ja merkkiä '-')",
                "\"{path}\" kan inte vara ett välfärdsområdes mapp (namnen har små bokstäver a-z, siffror och '-')"
            ),
            ProblemKind::Link => tr!(
                "\"{path}\" is a symbolic link: a stored version lies in the store itself, never \
                 behind a link",
                "\"{path}\" on symbolinen linkki: tallennettu versio on versiovarastossa itsessään, \
                 ei koskaan linkin takana",
                "\"{path}\" är en symbolisk länk: en sparad version ligger i själva \
                 versionsarkivet, aldrig bakom en länk"
            ),
            ProblemKind::NotStored(by) => tr!(
                "\"{path}\" is missing: {by} names this version as approved",
                "\"{path}\" puuttuu: {by} mainitsee tämän version hyväksyttynä",
                "\"{path}\" saknas: {by} nämner denna version som godkänd"
            ),
            ProblemKind::Required(lang) => tr!(
                "\"{path}\" is missing: the version is published in \"{lang}\", and manifest.json \
                 does not list this edition",
                "\"{path}\" puuttuu: versio julkaistaan kielellä \"{lang}\", eikä manifest.json \
                 luettele tätä laitosta",
                "\"{path}\" saknas: versionen ges ut på \"{lang}\", och manifest.json listar inte \
                 denna utgåva"
            ),
            ProblemKind::Uncommitted => tr!(
                "\"{path}\" differs from the approved version git has committed (HEAD); a \
                 record never changes",
                "\"{path}\" poikkeaa gitiin tallennetusta (HEAD) hyväksytystä versiosta; \
                 pysyvä asiakirja ei muutu koskaan",
                "\"{path}\" skiljer sig från den godkända version som git har sparat (HEAD); \
                 en arkivhandling ändras aldrig"
            ),
            ProblemKind::Disagrees(field, manifest, plan) => tr!(
                "\"{path}\" says {field} \"{manifest}\", but the plan.json beside it says \"{plan}\"",
                "\"{path}\" ilmoittaa kentän {field} arvoksi \"{manifest}\", mutta sen vieressä \
                 oleva plan.json ilmoittaa \"{plan}\"",
                "\"{path}\" anger {field} \"{manifest}\", men plan.json bredvid anger \"{plan}\""
            ),
        };
        let folder = self
            .path
            .parent()
            .map(|p| format!("{}/", display(p)))
            .unwrap_or_default();
        let hint = match self.kind {
            ProblemKind::BadName => tr!(
                "move it out of the store; only rakeplan writes there",
                "siirrä se pois versiovarastosta; sinne kirjoittaa vain rakeplan",
                "flytta ut den ur versionsarkivet; bara rakeplan skriver där"
            ),
            ProblemKind::Unlisted => tr!(
                "move it out of the store; a stored version holds only what its manifest lists",
                "siirrä se pois versiovarastosta; tallennetussa versiossa on vain sen \
                 luettelossa manifest.json mainitut tiedostot",
                "flytta ut den ur versionsarkivet; en sparad version innehåller bara det som dess manifest.json listar"
            ),
            ProblemKind::Link => tr!(
                "put the version's own folder in its place (restore it from git: `git checkout \
                 -- {folder}`); only rakeplan writes in the store",
                "palauta paikalleen version oma kansio (gitistä: `git checkout -- {folder}`); \
                 versiovarastoon kirjoittaa vain rakeplan",
                "lägg versionens egen mapp på dess plats (återställ den från git: `git checkout \
                 -- {folder}`); bara rakeplan skriver i versionsarkivet"
            ),
            ProblemKind::Duplicate(_) => tr!(
                "keep the folder named as rakeplan names the version and move the other away",
                "säilytä kansio, joka on nimetty kuten rakeplan nimeää version, ja siirrä \
                 toinen pois",
                "behåll mappen som är namngiven så som rakeplan namnger versionen och flytta undan den andra"
            ),
            _ => tr!(
                "the stored version is the county's record: restore it from git \
                 (`git checkout -- {folder}`); a draft can be rebuilt with `rakeplan build`",
                "tallennettu versio on hyvinvointialueen pysyvä asiakirja: palauta se gitistä \
                 (`git checkout -- {folder}`); luonnoksen voi rakentaa uudelleen komennolla \
                 `rakeplan build`",
                "den sparade versionen är välfärdsområdets bestående handling: återställ den från git (`git checkout -- {folder}`); ett utkast kan byggas om med `rakeplan build`"
            ),
        };
        Diagnostic::error_at_path(&self.path, message).with_hint(hint)
    }
}

/// Why the store refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The version is approved and stored with other content.
    #[error(
        "version {version} of \"{slug}\" is approved and already stored with different content in \"{dir}\""
    )]
    Frozen {
        /// County.
        slug: String,
        /// Version.
        version: String,
        /// Folder.
        dir: String,
    },
    /// The stored version fails verification; nothing was written.
    #[error("the stored version in \"{}\" fails verification", dir.display())]
    Damaged {
        /// The folder.
        dir: PathBuf,
        /// What is wrong.
        problems: Vec<Problem>,
    },
    /// A file could not be written.
    #[error("cannot write \"{path}\": {source}")]
    Io {
        /// The file.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
}

impl StoreError {
    /// The error phrased in the language of messages ([`crate::i18n`]); `Display` stays
    /// English for library callers. The operating system's reason is its own wording.
    pub fn message(&self) -> String {
        match self {
            StoreError::Frozen { slug, version, dir } => tr!(
                "version {version} of \"{slug}\" is approved and already stored with different content in \"{dir}\"",
                "suunnitelman \"{slug}\" versio {version} on hyväksytty ja tallennettu jo \
                 toisenlaisella sisällöllä kansioon \"{dir}\"",
                "version {version} av \"{slug}\" är godkänd och redan sparad med annat innehåll i \"{dir}\""
            ),
            StoreError::Damaged { dir, .. } => {
                let dir = display(dir);
                tr!(
                    "the stored version in \"{dir}\" fails verification, so nothing was written",
                    "kansion \"{dir}\" tallennettua versiota ei voi todentaa, joten mitään ei \
                     kirjoitettu",
                    "den sparade versionen i \"{dir}\" kan inte verifieras, så ingenting skrevs"
                )
            }
            StoreError::Io { path, source } => tr!(
                "cannot write \"{path}\": {source}",
                "tiedostoon \"{path}\" ei voi kirjoittaa: {source}",
                "det går inte att skriva \"{path}\": {source}"
            ),
        }
    }
}

pub use crate::digest::sha256;

/// Whether a status is kept as a frozen record (approved or superseded).
fn is_record(status: &str) -> bool {
    crate::model::Status::parse(status).is_some_and(crate::model::Status::is_final)
}

/// Whether `name` can be a file of a version folder: a plain name rakeplan writes.
fn is_output_name(name: &str) -> bool {
    !name.is_empty()
        && name != MANIFEST
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// The county folders of the store `out`, sorted; folders whose names cannot be a county's
/// are problems. The site folder, dot-names and plain files (README.md) are not counties.
pub fn list_store(out: &Path) -> std::io::Result<(Vec<String>, Vec<Problem>)> {
    let mut slugs = Vec::new();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(out)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if name == "site" || name.starts_with('.') {
            continue;
        }
        if !is_dir && !is_link {
            continue;
        }
        if is_link && !crate::names::is_county_name(&name) {
            problems.push(Problem {
                path: entry.path(),
                kind: ProblemKind::Link,
            });
            continue;
        }
        // A county folder behind a link is listed: `list_county` refuses it by name, rather
        // than it being verified from wherever the link leads, or passed over.
        if crate::names::is_county_name(&name) {
            slugs.push(name);
        } else {
            problems.push(Problem {
                path: entry.path(),
                kind: ProblemKind::BadName,
            });
        }
    }
    slugs.sort();
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((slugs, problems))
}

/// What a county's store folder holds.
#[derive(Debug, Default)]
pub struct Listing {
    /// Version folders, in version order.
    pub versions: Vec<(Version, PathBuf)>,
    /// The draft folder, if any.
    pub draft: Option<PathBuf>,
    /// Folders and files that do not belong.
    pub problems: Vec<Problem>,
}

/// Lists `<out>/<slug>/`: version folders (named as rakeplan names versions), the draft,
/// and whatever else lies there as problems. Temporary names are skipped.
pub fn list_county(out: &Path, slug: &str) -> Listing {
    let dir = out.join(slug);
    let mut listing = Listing::default();
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        listing.problems.push(Problem {
            path: dir,
            kind: ProblemKind::Link,
        });
        return listing;
    }
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return listing;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            listing.problems.push(Problem {
                path,
                kind: ProblemKind::Unlisted,
            });
            continue;
        };
        if fswrite::is_temp_name(name) || name == ".gitignore" || name == ".gitkeep" {
            continue;
        }
        let meta = std::fs::symlink_metadata(&path);
        if meta.as_ref().is_ok_and(|m| m.file_type().is_symlink()) {
            listing.problems.push(Problem {
                path,
                kind: ProblemKind::Link,
            });
            continue;
        }
        let is_dir = meta.is_ok_and(|m| m.is_dir());
        if is_dir && name == DRAFT_DIR {
            listing.draft = Some(path);
            continue;
        }
        match Version::parse(name).filter(|_| is_dir) {
            Some(version) => {
                if let Some((_, other)) = listing.versions.iter().find(|(v, _)| *v == version) {
                    let (first, second) = if Version::is_canonical(name) {
                        (path.clone(), other.clone())
                    } else {
                        (other.clone(), path.clone())
                    };
                    listing.problems.push(Problem {
                        path: second,
                        kind: ProblemKind::Duplicate(display(&first)),
                    });
                    continue;
                }
                listing.versions.push((version, path));
            }
            None => listing.problems.push(Problem {
                path,
                kind: ProblemKind::Unlisted,
            }),
        }
    }
    listing.versions.sort_by(|a, b| a.0.cmp(&b.0));
    listing
}

/// Reads and verifies the version folder `dir` of county `slug`: the manifest must be whole
/// and name this county and this folder, and every file must be there, regular, with the
/// recorded sha256, and nothing else may lie beside them. Returns the verified record or
/// every problem found.
pub fn verify(dir: &Path, slug: &str) -> Result<Record, Vec<Problem>> {
    let problem = |path: PathBuf, kind| vec![Problem { path, kind }];
    let manifest_path = dir.join(MANIFEST);
    let bytes = match fsread::read_stored(&manifest_path, fsread::MAX_YAML_BYTES) {
        Ok(b) => b,
        Err(err) if err.is_not_found() => {
            return Err(problem(manifest_path, ProblemKind::ManifestMissing));
        }
        Err(err) => {
            return Err(problem(
                manifest_path,
                ProblemKind::Unreadable(err.reason()),
            ));
        }
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|err| {
        problem(
            manifest_path.clone(),
            ProblemKind::ManifestDamaged(err.to_string()),
        )
    })?;
    let mut problems = Vec::new();
    let folder = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let in_place = if folder == DRAFT_DIR {
        !is_record(&manifest.status)
    } else {
        is_record(&manifest.status) && manifest.version == folder
    };
    if manifest.slug != slug || !in_place {
        problems.push(Problem {
            path: manifest_path.clone(),
            kind: ProblemKind::Misfiled(format!(
                "{} {} ({})",
                manifest.slug, manifest.version, manifest.status
            )),
        });
    }
    if !manifest.outputs.contains_key("plan.json") {
        problems.push(Problem {
            path: dir.join("plan.json"),
            kind: ProblemKind::Missing,
        });
    }
    let mut files = BTreeMap::new();
    for (name, hash) in &manifest.outputs {
        let path = dir.join(name);
        if !is_output_name(name) {
            problems.push(Problem {
                path: manifest_path.clone(),
                kind: ProblemKind::Invalid(format!("it lists the file name \"{name}\"")),
            });
            continue;
        }
        match fsread::read_stored(&path, fsread::MAX_STORED_BYTES) {
            Ok(bytes) if sha256(&bytes) == *hash => {
                files.insert(name.clone(), bytes);
            }
            Ok(_) => problems.push(Problem {
                path,
                kind: ProblemKind::Changed,
            }),
            Err(err) if err.is_not_found() => problems.push(Problem {
                path,
                kind: ProblemKind::Missing,
            }),
            Err(err) => problems.push(Problem {
                path,
                kind: ProblemKind::Unreadable(err.reason()),
            }),
        }
    }
    problems.extend(manifest_shape(&manifest_path, &manifest, slug));
    if let Some(json) = files.get("plan.json") {
        problems.extend(agrees_with_plan(dir, &manifest, json));
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut extra: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name != MANIFEST
                    && !manifest.outputs.contains_key(&name)
                    && !fswrite::is_temp_name(&name)
            })
            .map(|e| e.path())
            .collect();
        extra.sort();
        problems.extend(extra.into_iter().map(|path| Problem {
            path,
            kind: ProblemKind::Unlisted,
        }));
    }
    if problems.is_empty() {
        Ok(Record {
            dir: dir.to_owned(),
            manifest,
            files,
        })
    } else {
        Err(problems)
    }
}

/// What is wrong with the shape of a manifest's own fields: the tool that wrote it, the
/// names of its inputs (the county's files, the template's, built-in ones, earlier
/// records) and its sums (sha256, 64 hex digits).
fn manifest_shape(path: &Path, manifest: &Manifest, slug: &str) -> Vec<Problem> {
    let invalid = |detail: String| Problem {
        path: path.to_owned(),
        kind: ProblemKind::Invalid(detail),
    };
    let is_sum =
        |h: &String| h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let county = format!("regions/{slug}/");
    let mut found = Vec::new();
    if !manifest.tool.starts_with("rakeplan ") {
        found.push(invalid(format!("the tool \"{}\"", manifest.tool)));
    }
    for (name, sum) in &manifest.inputs {
        let known = name.starts_with(&county)
            || name.starts_with("plan-template/")
            || name.starts_with(crate::builtin::ORIGIN_PREFIX)
            || name
                .strip_prefix("record:")
                .and_then(Version::parse)
                .is_some();
        if !known || name.contains("..") {
            found.push(invalid(format!("the input \"{name}\"")));
        } else if !is_sum(sum) {
            found.push(invalid(format!("the sum of the input \"{name}\"")));
        }
    }
    if !manifest.inputs.contains_key(&format!("{county}plan.yaml")) {
        found.push(invalid(format!("no input \"{county}plan.yaml\"")));
    }
    for (name, sum) in &manifest.outputs {
        if !is_sum(sum) {
            found.push(invalid(format!("the sum of the file \"{name}\"")));
        }
    }
    found
}

/// What a version's manifest says that its (verified) plan.json contradicts, and the
/// editions its languages need that the manifest does not list.
fn agrees_with_plan(dir: &Path, manifest: &Manifest, json: &[u8]) -> Vec<Problem> {
    let manifest_path = dir.join(MANIFEST);
    let plan: Plan = match serde_json::from_slice(json) {
        Ok(plan) => plan,
        Err(err) => {
            return vec![Problem {
                path: dir.join("plan.json"),
                kind: ProblemKind::Invalid(err.to_string()),
            }];
        }
    };
    let mut found = Vec::new();
    let mut differs = |field: &str, ours: &str, theirs: &str| {
        found.push(Problem {
            path: manifest_path.clone(),
            kind: ProblemKind::Disagrees(field.to_owned(), ours.to_owned(), theirs.to_owned()),
        })
    };
    if manifest.slug != plan.slug {
        differs("slug", &manifest.slug, &plan.slug);
    }
    if !crate::names::same_version(&manifest.version, &plan.meta.version) {
        differs("version", &manifest.version, &plan.meta.version);
    }
    if manifest.status != plan.meta.status.as_str() {
        differs("status", &manifest.status, plan.meta.status.as_str());
    }
    if manifest.date != plan.meta.date.to_string() {
        differs("date", &manifest.date, &plan.meta.date.to_string());
    }
    let main = plan.region.main_lang();
    for lang in &plan.region.languages {
        if !crate::names::is_language(lang) {
            continue;
        }
        for ext in ["pdf", "html"] {
            let name = format!("plan{}.{ext}", crate::render::suffix(lang, main));
            if !manifest.outputs.contains_key(&name) {
                found.push(Problem {
                    path: dir.join(name),
                    kind: ProblemKind::Required(lang.clone()),
                });
            }
        }
    }
    found
}

/// The files of `slug`'s approved versions that differ from what git has committed (an
/// edited manifest, a file deleted with its manifest line): empty where there is no git,
/// no repository or nothing committed.
pub fn git_changed(out: &Path, slug: &str) -> Vec<Problem> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(out)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| o.stdout)
    };
    // Changed or deleted only: a version built and staged but not yet committed is new.
    let Some(listed) = git(&[
        "diff",
        "--name-only",
        "--no-renames",
        "--diff-filter=MD",
        "-z",
        "HEAD",
        "--",
        ".",
    ]) else {
        return Vec::new();
    };
    // `git diff` names paths from the repository's top: keep those under `out/slug/<v>/`.
    let top = git(&["rev-parse", "--show-toplevel"])
        .and_then(|t| String::from_utf8(t).ok())
        .map(|t| PathBuf::from(t.trim_end()));
    let (Some(top), Ok(county)) = (top, out.join(slug).canonicalize()) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for path in listed.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let Ok(path) = std::str::from_utf8(path) else {
            continue;
        };
        let full = top.join(path);
        let Ok(rel) = full.strip_prefix(&county) else {
            continue;
        };
        let version = rel.components().next().and_then(|c| c.as_os_str().to_str());
        if version.and_then(Version::parse).is_some() && rel.components().count() == 2 {
            found.push(Problem {
                path: out.join(slug).join(rel),
                kind: ProblemKind::Uncommitted,
            });
        }
    }
    found
}

/// The approved versions of `slug` whose manifest git tracks (the store committed, as a
/// county keeps it): each named by "git". Empty where there is no git or no repository.
pub fn git_versions(out: &Path, slug: &str) -> Vec<(Version, String)> {
    let listed = std::process::Command::new("git")
        .arg("-C")
        .arg(out)
        .args(["ls-files", "-z", "--"])
        .arg(slug)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    let Some(listed) = listed.ok().filter(|o| o.status.success()) else {
        return Vec::new();
    };
    let mut found: Vec<(Version, String)> = Vec::new();
    for path in listed.stdout.split(|b| *b == 0) {
        let Ok(path) = std::str::from_utf8(path) else {
            continue;
        };
        let parts: Vec<&str> = path.split('/').collect();
        if let [_, version, MANIFEST] = parts.as_slice()
            && let Some(v) = Version::parse(version)
            && !found.iter().any(|(f, _)| *f == v)
        {
            found.push((v, "git".to_owned()));
        }
    }
    found
}

/// The approved versions of `slug` that something names but the store does not hold, each
/// a problem at the folder it should be: every earlier record a stored manifest was built
/// on (`record:<version>` among its inputs), and every version a change log names from the
/// county's first stored record on, below its plan's own version (earlier ones were
/// approved before the county kept its record with rakeplan). `plans` are the stored plans
/// and the working plan, each with what to call it in a message; `named`
/// are versions something else names (git, [`git_versions`]).
pub fn missing_versions(
    out: &Path,
    slug: &str,
    listing: &Listing,
    manifests: &[&Manifest],
    plans: &[(String, &Plan)],
    named: Vec<(Version, String)>,
) -> Vec<Problem> {
    let stored: Vec<&Version> = listing.versions.iter().map(|(v, _)| v).collect();
    let first = stored.iter().min().copied();
    let mut expected: BTreeMap<Version, String> = named.into_iter().collect();
    for manifest in manifests {
        for v in manifest
            .inputs
            .keys()
            .filter_map(|k| k.strip_prefix("record:"))
            .filter_map(Version::parse)
        {
            let by = display(&out.join(slug).join(&manifest.version).join(MANIFEST));
            expected.entry(v).or_insert(by);
        }
    }
    for (by, plan) in plans {
        let Some(current) = Version::parse(&plan.meta.version) else {
            continue;
        };
        let Some(first) = first else { continue };
        for v in plan
            .meta
            .changelog
            .iter()
            .filter_map(|c| Version::parse(&c.version))
            .filter(|v| v >= first && *v < current)
        {
            expected.entry(v).or_insert_with(|| by.clone());
        }
    }
    expected
        .into_iter()
        .filter(|(v, _)| !stored.contains(&v))
        .map(|(v, by)| Problem {
            path: out.join(slug).join(v.to_string()),
            kind: ProblemKind::NotStored(by),
        })
        .collect()
}

/// The stored version of `slug` equal to `version` (by value: 1.1 finds `1.1/`), verified.
/// `Ok(None)` when there is none.
pub fn find_version(
    out: &Path,
    slug: &str,
    version: &Version,
) -> Result<Option<Record>, Vec<Problem>> {
    let listing = list_county(out, slug);
    let Some((_, dir)) = listing.versions.iter().find(|(v, _)| v == version) else {
        return Ok(None);
    };
    let duplicates: Vec<Problem> = listing
        .problems
        .into_iter()
        .filter(|p| matches!(p.kind, ProblemKind::Duplicate(_)))
        .filter(|p| {
            p.path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(Version::parse)
                .is_some_and(|v| v == *version)
        })
        .collect();
    if !duplicates.is_empty() {
        return Err(duplicates);
    }
    verify(dir, slug).map(Some)
}

/// The versions stored for `slug`, in version order, as written in their folder names.
pub fn stored_versions(out: &Path, slug: &str) -> Vec<String> {
    list_county(out, slug)
        .versions
        .iter()
        .filter_map(|(_, dir)| dir.file_name()?.to_str().map(str::to_owned))
        .collect()
}

/// Verifies everything stored for `slug`: every version folder, the draft, and anything
/// else lying in the county's folder. Returns the problems (none when all is well) and how
/// many versions were checked.
///
/// `working` is the county's working plan, when it could be read: an approved version its
/// change log, a stored one or git names must be stored ([`missing_versions`]).
pub fn verify_county(out: &Path, slug: &str, working: Option<&Plan>) -> (usize, Vec<Problem>) {
    let listing = list_county(out, slug);
    let mut problems = listing.problems.clone();
    if problems.iter().any(|p| p.path == out.join(slug)) {
        // The county folder itself is a link: nothing in it is the store's.
        return (0, problems);
    }
    let mut checked = 0;
    let mut records = Vec::new();
    for dir in listing
        .versions
        .iter()
        .map(|(_, d)| d)
        .chain(listing.draft.iter())
    {
        checked += 1;
        match verify(dir, slug).and_then(|r| {
            let plan = r.plan().map_err(|p| vec![p])?;
            Ok((r, plan))
        }) {
            Ok(record) => records.push(record),
            Err(found) => problems.extend(found),
        }
    }
    let manifests: Vec<&Manifest> = records.iter().map(|(r, _)| &r.manifest).collect();
    let mut plans: Vec<(String, &Plan)> = records
        .iter()
        .map(|(r, plan)| (display(&r.dir.join("plan.json")), plan))
        .collect();
    if let Some(plan) = working {
        plans.push((format!("regions/{slug}/plan.yaml"), plan));
    }
    let tracked = git_versions(out, slug);
    problems.extend(missing_versions(
        out, slug, &listing, &manifests, &plans, tracked,
    ));
    problems.extend(git_changed(out, slug));
    (checked, problems)
}

/// Removes what killed runs left in `<out>/<slug>/` and its version folders (temporary
/// names only). Call while holding the lock.
pub fn sweep_county(out: &Path, slug: &str) {
    let dir = out.join(slug);
    fswrite::sweep(&dir);
    let listing = list_county(out, slug);
    for dir in listing
        .versions
        .iter()
        .map(|(_, d)| d)
        .chain(listing.draft.iter())
    {
        fswrite::sweep(dir);
    }
}

/// Whether the draft `draft` (of a county whose newest stored record is `newest`) is stale:
/// its version is not newer than a version already approved, so what it shows is no longer
/// a draft of anything (the version it drafted was approved, or a later one was).
pub fn draft_is_stale(draft: &Record, newest: Option<&Version>) -> bool {
    match (Version::parse(&draft.manifest.version), newest) {
        (Some(draft), Some(newest)) => draft <= *newest,
        _ => false,
    }
}

/// Retires county `slug`'s draft folder when it is stale (see [`draft_is_stale`]): renamed
/// aside, then removed, so that no reader is shown an unapproved text beside the version in
/// force. A draft that does not verify is left for `verify` to name. Returns the retired
/// draft's version. Call while holding the lock.
pub fn retire_stale_draft(out: &Path, slug: &str) -> std::io::Result<Option<String>> {
    let listing = list_county(out, slug);
    let Some(dir) = listing.draft else {
        return Ok(None);
    };
    let Ok(draft) = verify(&dir, slug) else {
        return Ok(None);
    };
    if !draft_is_stale(&draft, listing.versions.last().map(|(v, _)| v)) {
        return Ok(None);
    }
    let aside = fswrite::temp_path(&out.join(slug), "retired");
    fswrite::rename(&dir, &aside)?;
    std::fs::remove_dir_all(&aside)?;
    Ok(Some(draft.manifest.version))
}

/// How every stored version of county `slug` older than `version` was handled, oldest
/// first, each from its own record: its `plan.json`, read only when it has the sha256 its
/// manifest records (the PDFs are not hashed: this runs on every preview rebuild). A record
/// that does not check out is left out (`verify` and `build` name it).
pub fn handled_before(out: &Path, slug: &str, version: &str) -> Vec<crate::model::Handled> {
    let Some(current) = Version::parse(version) else {
        return Vec::new();
    };
    let read = |dir: &Path| -> Option<Plan> {
        let bytes = fsread::read_stored(&dir.join(MANIFEST), fsread::MAX_YAML_BYTES).ok()?;
        let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
        let json = fsread::read_stored(&dir.join("plan.json"), fsread::MAX_STORED_BYTES).ok()?;
        if manifest.slug != slug || manifest.outputs.get("plan.json") != Some(&sha256(&json)) {
            return None;
        }
        let record = Record {
            dir: dir.to_owned(),
            manifest,
            files: BTreeMap::from([("plan.json".to_owned(), json)]),
        };
        record.is_record().then(|| record.plan().ok())?
    };
    list_county(out, slug)
        .versions
        .iter()
        .filter(|(v, _)| *v < current)
        .filter_map(|(_, dir)| read(dir))
        .map(|plan| crate::model::Handled {
            version: plan.meta.version,
            approvals: plan.meta.approvals,
        })
        .collect()
}

/// Decides, before anything is rendered, whether the store already holds what building
/// `manifest` would give (`plan_json`: the normalised plan). An approved version stored with
/// other content is [`StoreError::Frozen`]; one that fails verification is
/// [`StoreError::Damaged`]: in both cases nothing may be written. Returns the folder when
/// the build can be skipped.
pub fn decide(
    out: &Path,
    manifest: &Manifest,
    plan_json: &[u8],
) -> Result<Option<PathBuf>, StoreError> {
    if is_record(&manifest.status) {
        let version = Version::parse(&manifest.version).ok_or_else(|| StoreError::Io {
            path: display(&out.join(&manifest.slug)),
            source: std::io::Error::other(format!("\"{}\" is not a version", manifest.version)),
        })?;
        let Some(old) = find_version(out, &manifest.slug, &version).map_err(|problems| {
            StoreError::Damaged {
                dir: out.join(&manifest.slug).join(&manifest.version),
                problems,
            }
        })?
        else {
            return Ok(None);
        };
        // Same content: the county's own files are byte for byte the same (whatever rakeplan
        // or the template now make of them), or they normalise to the same plan.json. The
        // stored files stay as they are: they are what the bodies handled.
        let same_content = old.manifest.status == manifest.status
            && (region_inputs(&old.manifest) == region_inputs(manifest)
                || old.manifest.outputs.get("plan.json") == Some(&sha256(plan_json)));
        return if same_content {
            Ok(Some(old.dir))
        } else {
            Err(StoreError::Frozen {
                slug: manifest.slug.clone(),
                version: manifest.version.clone(),
                dir: display(&old.dir),
            })
        };
    }
    let dir = out.join(&manifest.slug).join(DRAFT_DIR);
    // A draft is rebuilt whenever it is not exactly this build, intact.
    Ok(verify(&dir, &manifest.slug).ok().and_then(|old| {
        (old.manifest.inputs == manifest.inputs
            && old.manifest.status == manifest.status
            && old.manifest.version == manifest.version)
            .then_some(old.dir)
    }))
}

fn region_inputs(m: &Manifest) -> Vec<(&String, &String)> {
    let prefix = format!("regions/{}/", m.slug);
    m.inputs
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .collect()
}

/// Stores `artifacts` plus the manifest as the version folder: staged beside it, then
/// renamed in (a draft is exchanged with the old draft). Call [`decide`] first, under the
/// same lock: an approved version's folder is never replaced, whatever happens.
pub fn store_revision(
    out: &Path,
    manifest: &mut Manifest,
    artifacts: &[Artifact],
) -> Result<PathBuf, StoreError> {
    let county = out.join(&manifest.slug);
    let record = is_record(&manifest.status);
    let dir = county.join(if record {
        manifest.version.as_str()
    } else {
        DRAFT_DIR
    });
    let io = |path: &Path| {
        let path = display(path);
        move |source| StoreError::Io { path, source }
    };
    if record && std::fs::symlink_metadata(&dir).is_ok() {
        return Err(StoreError::Frozen {
            slug: manifest.slug.clone(),
            version: manifest.version.clone(),
            dir: display(&dir),
        });
    }
    manifest.outputs = artifacts
        .iter()
        .map(|a| (a.name.clone(), sha256(&a.bytes)))
        .collect();
    std::fs::create_dir_all(&county).map_err(io(&county))?;
    let stage = fswrite::temp_path(&county, "stage");
    let written = (|| {
        for artifact in artifacts {
            debug_assert!(is_output_name(&artifact.name), "{}", artifact.name);
            fswrite::write_staged(&stage.join(&artifact.name), &artifact.bytes)?;
        }
        fswrite::crash_point("staged-files");
        let mut manifest_bytes = serde_json::to_vec_pretty(manifest).expect("manifests serialise");
        manifest_bytes.push(b'\n');
        fswrite::write_staged(&stage.join(MANIFEST), &manifest_bytes)?;
        fswrite::crash_point("staged-manifest");
        fswrite::replace_dir(&stage, &dir)
    })();
    if let Err(err) = written {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(io(&dir)(err));
    }
    Ok(dir)
}

/// Writes one file atomically (temporary name, then rename), for files outside version
/// folders (schemas, `diff -o`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    fswrite::write_file(path, bytes).map_err(|source| StoreError::Io {
        path: display(path),
        source,
    })
}

impl StoreError {
    /// What to tell the user: why the store refused, with what to do.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let first = Diagnostic::error(None, self.message());
        match self {
            StoreError::Frozen { slug, .. } => vec![first.with_hint(tr!(
                "an approved version is the county's record and is never changed; start the \
                 next version with `rakeplan next {slug}` (it raises the version, marks it a \
                 draft, clears the decisions and adds a change-history line); your edits stay \
                 and go into the new version",
                "hyväksytty versio on hyvinvointialueen pysyvä asiakirja, eikä sitä muuteta; \
                 aloita seuraava versio komennolla `rakeplan next {slug}` (se nostaa \
                 versionumeron, merkitsee version luonnokseksi, tyhjentää käsittelyt ja lisää \
                 muutoshistoriaan rivin); muutoksesi säilyvät ja tulevat uuteen versioon",
                "en godkänd version är välfärdsområdets bestående handling och ändras aldrig; \
                 börja nästa version med `rakeplan next {slug}` (den höjer versionsnumret, \
                 markerar versionen som utkast, tömmer behandlingarna och lägger till en rad i \
                 ändringshistoriken); dina ändringar finns kvar och följer med till den nya \
                 versionen"
            ))],
            StoreError::Damaged { problems, .. } => std::iter::once(first)
                .chain(problems.iter().map(Problem::diagnostic))
                .collect(),
            StoreError::Io { .. } => vec![first],
        }
    }
}

/// The error for a revision store that cannot be listed.
pub fn store_unreadable(out: &std::path::Path, err: &std::io::Error) -> Diagnostic {
    let shown = display(out);
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

/// Only `build` writes into the revision store (and `publish` its site there): any other
/// command that writes refuses a target that is, or lies inside, the store `global.out`,
/// however it is spelt (through links, `..`). A folder that holds the store (a repository
/// `init` fills) is no target in it: what is written there goes beside the store.
pub fn refuse_target(target: &std::path::Path, out: &std::path::Path) -> Result<(), Diagnostic> {
    let store = crate::fsread::resolve(out);
    let resolved = crate::fsread::resolve(target);
    if !resolved.starts_with(&store) {
        return Ok(());
    }
    let (shown, out) = (crate::fsread::display(target), crate::fsread::display(out));
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
