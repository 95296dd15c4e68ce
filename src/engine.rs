//! What `watch` and `serve` share: file-system events instead of polling, and a rebuild
//! that keeps everything warm. The watcher (the `notify` crate: inotify, FSEvents,
//! ReadDirectoryChangesW) wakes on the first change under the counties' and the template's
//! folders and waits until writes settle, so an editor's save in several steps is one
//! rebuild. Fonts, the typst library and typst's memoised layout stay in the process
//! between rebuilds ([`crate::render::pdf`]), so an edit recompiles only what it touched.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long writes must be quiet before a rebuild starts. Editors save in a few quick steps
/// (write a temporary file, rename it) within a few ms; 15 ms covers them and stays far below what a
/// person notices.
pub const SETTLE: Duration = Duration::from_millis(15);

/// Watches folders for changes that matter to a plan.
pub struct ChangeWatcher {
    rx: Receiver<notify::Result<notify::Event>>,
    _watcher: RecommendedWatcher,
}

impl ChangeWatcher {
    /// Watches every folder in `roots` (recursively); folders that do not exist are skipped.
    pub fn new(roots: &[PathBuf]) -> notify::Result<ChangeWatcher> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })?;
        for root in roots.iter().filter(|r| r.is_dir()) {
            watcher.watch(root, RecursiveMode::Recursive)?;
        }
        Ok(ChangeWatcher {
            rx,
            _watcher: watcher,
        })
    }

    /// Blocks until a relevant file changes, then until changes have been quiet for
    /// `settle`. Returns the changed paths; empty when the watcher stopped.
    pub fn wait(&self, settle: Duration) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        // The first relevant change.
        loop {
            match self.rx.recv() {
                Ok(event) => {
                    collect(event, &mut changed);
                    if !changed.is_empty() {
                        break;
                    }
                }
                Err(_) => return changed,
            }
        }
        // Then whatever follows closely.
        loop {
            match self.rx.recv_timeout(settle) {
                Ok(event) => collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        changed.sort();
        changed.dedup();
        changed
    }
}

fn collect(event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
    let Ok(event) = event else { return };
    if event.kind.is_access() {
        return;
    }
    changed.extend(event.paths.into_iter().filter(|p| matters(p)));
}

/// Whether a change to `path` can change a plan: not an editor's swap or backup file, not
/// one of rakeplan's own temporary names.
pub fn matters(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !(name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with("#")
        || crate::fswrite::is_temp_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_do_not_count() {
        assert!(matters(Path::new("regions/kainuu/sections/goals.yaml")));
        for name in [
            ".goals.yaml.swp",
            "goals.yaml~",
            "#goals.yaml#",
            ".rakeplan-tmp-x",
        ] {
            assert!(
                !matters(&Path::new("regions/kainuu/sections").join(name)),
                "{name}"
            );
        }
    }

    #[test]
    fn a_write_wakes_the_watcher_once_it_settles() {
        let dir = tempfile::tempdir().unwrap();
        let watcher = ChangeWatcher::new(&[dir.path().to_owned()]).unwrap();
        let path = dir.path().join("goals.yaml");
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            std::fs::write(&path, "a").unwrap();
            std::fs::write(&path, "ab").unwrap();
        });
        let changed = watcher.wait(SETTLE);
        writer.join().unwrap();
        assert!(
            changed.iter().any(|p| p.ends_with("goals.yaml")),
            "{changed:?}"
        );
    }
}
