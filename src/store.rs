//! The revision store: `output/<slug>/<version>/` with plan.pdf, plan.html, plan.json and
//! manifest.json. This module alone decides where bytes go. Every file is written to a
//! temporary name and renamed into place, so a failed build never leaves half a file; an
//! approved version's folder is never overwritten with different content.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::render::Artifact;

/// What a version folder holds and where it came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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
    pub inputs: BTreeMap<String, String>,
    /// sha256 of every output file, by name.
    pub outputs: BTreeMap<String, String>,
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
            StoreError::Frozen { slug, version, dir } => crate::tr!(
                "version {version} of \"{slug}\" is approved and already stored with different content in \"{dir}\"",
                "suunnitelman \"{slug}\" versio {version} on hyväksytty ja tallennettu jo \
                 toisenlaisella sisällöllä kansioon \"{dir}\""
            ),
            StoreError::Io { path, source } => crate::tr!(
                "cannot write \"{path}\": {source}",
                "tiedostoon \"{path}\" ei voi kirjoittaa: {source}"
            ),
        }
    }
}

/// Hex sha256 of bytes.
pub fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The folder of a version.
pub fn version_dir(out: &Path, slug: &str, version: &str) -> PathBuf {
    out.join(slug).join(version)
}

/// The folder of the county's current draft (draft or proposed status). Drafts are rebuilt
/// freely and are not part of the county's record (git-ignored).
pub fn draft_dir(out: &Path, slug: &str) -> PathBuf {
    out.join(slug).join(DRAFT_DIR)
}

/// Name of the draft folder inside a county's store.
pub const DRAFT_DIR: &str = "draft";

/// Whether a status is kept as a frozen record (approved or superseded).
fn is_record(status: &str) -> bool {
    crate::model::Status::parse(status).is_some_and(crate::model::Status::is_final)
}

/// Reads a stored manifest, if any.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    let bytes = std::fs::read(dir.join("manifest.json")).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The folder a manifest's version is stored in: the version folder for a record, the
/// draft folder otherwise.
pub fn target_dir(out: &Path, manifest: &Manifest) -> PathBuf {
    if is_record(&manifest.status) {
        version_dir(out, &manifest.slug, &manifest.version)
    } else {
        draft_dir(out, &manifest.slug)
    }
}

fn region_inputs(m: &Manifest) -> Vec<(&String, &String)> {
    let prefix = format!("regions/{}/", m.slug);
    m.inputs
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .collect()
}

/// Whether the store already holds exactly what building `manifest`'s inputs would give, so
/// rendering can be skipped: the same inputs (for an approved record, the same county files)
/// and every stored output intact. Returns the folder when so.
pub fn already_stored(out: &Path, manifest: &Manifest) -> Option<PathBuf> {
    let dir = target_dir(out, manifest);
    let old = read_manifest(&dir)?;
    let same_inputs = old.inputs == manifest.inputs
        || (is_record(&old.status) && region_inputs(&old) == region_inputs(manifest));
    let intact = !old.outputs.is_empty()
        && old.outputs.iter().all(|(name, hash)| {
            std::fs::read(dir.join(name)).is_ok_and(|bytes| sha256(&bytes) == *hash)
        });
    (same_inputs && old.status == manifest.status && old.version == manifest.version && intact)
        .then_some(dir)
}

/// Outcome of storing a version.
#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    /// Files were written (new or changed).
    Written,
    /// The folder already held exactly these files.
    Unchanged,
}

/// Stores `artifacts` plus the manifest in the version folder. An approved version already
/// stored with a different `plan.json` is refused and left as it was.
pub fn store_revision(
    out: &Path,
    manifest: &mut Manifest,
    artifacts: &[Artifact],
) -> Result<(PathBuf, Stored), StoreError> {
    let dir = target_dir(out, manifest);
    manifest.outputs = artifacts
        .iter()
        .map(|a| (a.name.clone(), sha256(&a.bytes)))
        .collect();
    if let Some(old) = read_manifest(&dir) {
        let frozen = is_record(&old.status);
        // Same content: the county's own files are byte for byte the same (whatever rakeplan
        // or the template now make of them), or they normalise to the same plan.json.
        let same_content = old.status == manifest.status
            && (region_inputs(&old) == region_inputs(manifest)
                || old.outputs.get("plan.json") == manifest.outputs.get("plan.json"));
        if old == *manifest && files_match(&dir, artifacts) {
            return Ok((dir, Stored::Unchanged));
        }
        // An approved version is the record the bodies handled: same content keeps the stored
        // files as they are, even if rakeplan or the template would now render them anew.
        if frozen && same_content {
            return Ok((dir, Stored::Unchanged));
        }
        if frozen && !same_content {
            return Err(StoreError::Frozen {
                slug: manifest.slug.clone(),
                version: manifest.version.clone(),
                dir: crate::load::display(&dir),
            });
        }
    }
    std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
        path: crate::load::display(&dir),
        source,
    })?;
    let mut manifest_bytes = serde_json::to_vec_pretty(manifest).expect("manifests serialise");
    manifest_bytes.push(b'\n');
    // The manifest goes last: a folder whose manifest matches its files is complete.
    for artifact in artifacts {
        write_atomic(&dir.join(&artifact.name), &artifact.bytes)?;
    }
    write_atomic(&dir.join("manifest.json"), &manifest_bytes)?;
    // A draft folder is rebuilt freely: files of an earlier draft that this build did not
    // make (a redline no longer asked for) would mislead, so they go.
    if !is_record(&manifest.status) {
        remove_strays(&dir, manifest);
    }
    Ok((dir, Stored::Written))
}

fn remove_strays(dir: &Path, manifest: &Manifest) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file()
            && name != "manifest.json"
            && !manifest.outputs.contains_key(&name)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn files_match(dir: &Path, artifacts: &[Artifact]) -> bool {
    artifacts
        .iter()
        .all(|a| std::fs::read(dir.join(&a.name)).is_ok_and(|b| b == a.bytes))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let err = |source| StoreError::Io {
        path: crate::load::display(path),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}
