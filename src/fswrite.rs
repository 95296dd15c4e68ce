//! Writing so that a reader never sees half of anything: files through a temporary name and
//! a rename, folders staged beside their place and renamed (or atomically exchanged) in.
//! Every temporary name starts with [`TEMP_PREFIX`], which `.gitignore` lists and
//! [`sweep`] removes after a run was killed. This module knows nothing of plans.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// The start of every temporary name rakeplan creates (git-ignored, swept on the next run).
pub const TEMP_PREFIX: &str = ".rakeplan-tmp-";

/// A fresh temporary name in `parent` for `what`: unique per process and call.
pub fn temp_path(parent: &Path, what: &str) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    parent.join(format!(
        "{TEMP_PREFIX}{what}-{}-{n}-{nanos}",
        std::process::id()
    ))
}

/// Whether a file or folder name is one of rakeplan's temporary names (including the
/// `.<name>.<pid>.tmp` files of earlier versions).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) || (name.starts_with('.') && name.ends_with(".tmp"))
}

/// Removes rakeplan's temporary files and folders directly inside `dir` (left by a run that
/// was killed). Call only while holding the store's lock. Returns how many were removed.
pub fn sweep(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temp_name(name) {
            continue;
        }
        let path = entry.path();
        let gone = match entry.file_type() {
            Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        if gone.is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes the temporary files for `what` directly inside `dir` that a process no longer
/// running left (a killed `next`): their names carry the writer's process id, so a live
/// writer's file is never touched, and nothing else is (no lock is needed). Where process
/// ids cannot be asked after (not Unix), one left for a day goes.
pub fn sweep_dead(dir: &Path, what: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let prefix = format!("{TEMP_PREFIX}{what}-");
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && !alive(pid, &entry) {
            removed += usize::from(std::fs::remove_file(entry.path()).is_ok());
        }
    }
    removed
}

/// Whether process `pid` (which wrote `entry`) may still be running.
#[cfg(unix)]
fn alive(pid: u32, _entry: &std::fs::DirEntry) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    // SAFETY: kill with signal 0 sends nothing; it only asks whether the process exists.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_pid: u32, entry: &std::fs::DirEntry) -> bool {
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(24 * 3600))
}

/// Writes `bytes` to `path` through a temporary file in the same folder, synced, then renamed.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = temp_path(dir, "file");
    // write_staged closes the file before the rename: Windows renames an open file only by
    // the grace of its sharing flags.
    let result = write_staged(&tmp, bytes).and_then(|()| rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes a file into a staging folder (not yet visible to anyone): plain write and sync.
pub fn write_staged(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the folder `staged` appear at `target`, whole. When `target` does not exist this is
/// one rename. When it does, the two are exchanged atomically where the platform can
/// (Linux `renameat2(RENAME_EXCHANGE)`), so `target` is never missing; elsewhere the old one
/// is moved aside first. The old folder is removed afterwards. Crash tests stop the process
/// between the steps ([`crash_point`]).
pub fn replace_dir(staged: &Path, target: &Path) -> std::io::Result<()> {
    replace_dir_via(staged, target, exchange)
}

/// [`replace_dir`] with the platform's exchange passed in, so that the tests run the path of
/// platforms without one (Windows, macOS) on Linux as well.
fn replace_dir_via(
    staged: &Path,
    target: &Path,
    exchange: impl Fn(&Path, &Path) -> std::io::Result<bool>,
) -> std::io::Result<()> {
    sync_dir(staged);
    if std::fs::symlink_metadata(target).is_err() {
        crash_point("before-rename");
        rename(staged, target)?;
        sync_parent(target);
        return Ok(());
    }
    crash_point("before-exchange");
    if exchange(staged, target)? {
        // `staged` now holds the old folder.
        crash_point("after-exchange");
        sync_parent(target);
        std::fs::remove_dir_all(staged)?;
        return Ok(());
    }
    let parent = target.parent().unwrap_or(Path::new("."));
    let aside = temp_path(parent, "old");
    rename(target, &aside)?;
    crash_point("between-renames");
    if let Err(err) = rename(staged, target) {
        let _ = rename(&aside, target);
        return Err(err);
    }
    sync_parent(target);
    let _ = std::fs::remove_dir_all(&aside);
    Ok(())
}

/// `std::fs::rename`, retried for a moment where the platform reports a file as busy that
/// will be free shortly: on Windows a virus scanner or the search indexer briefly opens every
/// new file, and a rename then fails with "access denied" (cargo and rustup retry for the same
/// reason). Elsewhere one attempt.
pub fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    retry_busy(cfg!(windows), || std::fs::rename(from, to))
}

/// Runs `op`, and when `retry` is set and it fails with [`std::io::ErrorKind::PermissionDenied`]
/// (how Windows reports a sharing violation), again after 10, 20, 40, ... ms, for at most
/// about a second and a half in all. The last error is returned.
fn retry_busy(retry: bool, mut op: impl FnMut() -> std::io::Result<()>) -> std::io::Result<()> {
    let mut wait = std::time::Duration::from_millis(10);
    for _ in 0..7 {
        match op() {
            Err(err) if retry && err.kind() == std::io::ErrorKind::PermissionDenied => {
                std::thread::sleep(wait);
                wait *= 2;
            }
            done => return done,
        }
    }
    op()
}

/// Exchanges two paths atomically; `Ok(false)` where the platform cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call;
    // renameat2 reads them and touches no other memory of ours.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let err = std::io::Error::last_os_error();
    // Old kernels and some file systems do not know the flag: fall back.
    match err.raw_os_error() {
        Some(libc::ENOSYS) | Some(libc::EINVAL) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(err),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Flushes a folder's entries to disk (best effort; not possible on every platform).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        sync_dir(parent);
    }
}

/// Test hook: when the environment variable `RAKEPLAN_CRASH_AT` names this point, the
/// process dies on the spot (as a power cut or `kill -9` would), so tests can check what a
/// crash at each step leaves behind. Costs one environment lookup.
pub fn crash_point(name: &str) {
    if std::env::var_os("RAKEPLAN_CRASH_AT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Swaps a new folder in three times with `replace`; checks each time that the new one is
    /// in place, and at the end that nothing else is left beside it.
    fn swap_three_times(replace: impl Fn(&Path, &Path) -> std::io::Result<()>) {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("draft");
        for round in 0..3 {
            let staged = temp_path(root.path(), "stage");
            write_staged(&staged.join("plan.json"), format!("{round}").as_bytes()).unwrap();
            replace(&staged, &target).unwrap();
            assert_eq!(
                std::fs::read_to_string(target.join("plan.json")).unwrap(),
                round.to_string()
            );
        }
        let names: Vec<String> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["draft"]);
    }

    #[test]
    fn replace_dir_swaps_whole_folders_and_leaves_no_temporary_names() {
        swap_three_times(replace_dir);
    }

    #[test]
    fn replace_dir_works_where_the_platform_cannot_exchange_folders() {
        // Windows and macOS: the old folder is moved aside, the new one renamed in.
        swap_three_times(|staged, target| replace_dir_via(staged, target, |_, _| Ok(false)));
    }

    /// How `retry_busy` ends and how many attempts it makes when the operation fails
    /// `failures` times with `kind`, then succeeds.
    fn attempts(retry: bool, failures: usize, kind: std::io::ErrorKind) -> (bool, usize) {
        let mut made = 0;
        let done = retry_busy(retry, || {
            made += 1;
            if made <= failures {
                Err(std::io::Error::from(kind))
            } else {
                Ok(())
            }
        });
        (done.is_ok(), made)
    }

    #[test]
    fn a_busy_rename_is_retried_where_files_are_briefly_locked() {
        use std::io::ErrorKind::{NotFound, PermissionDenied};
        // What happens on Windows, with a stand-in for a rename that fails three times.
        assert_eq!(attempts(true, 3, PermissionDenied), (true, 4));
        // Other errors, and other platforms, get one attempt.
        assert_eq!(attempts(true, 1, NotFound), (false, 1));
        assert_eq!(attempts(false, 1, PermissionDenied), (false, 1));
        // A file that stays locked is given up on, with the error.
        assert_eq!(attempts(true, 100, PermissionDenied), (false, 8));
    }

    #[test]
    fn sweep_removes_only_temporary_names() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(temp_path(root.path(), "stage")).unwrap();
        std::fs::write(root.path().join(".plan.pdf.123.tmp"), "x").unwrap();
        std::fs::write(root.path().join("plan.pdf"), "x").unwrap();
        std::fs::write(root.path().join(".gitignore"), "x").unwrap();
        assert_eq!(sweep(root.path()), 2);
        assert!(root.path().join("plan.pdf").exists());
        assert!(root.path().join(".gitignore").exists());
    }
}
