//! One writer at a time: `build`, `publish` and `watch` hold an exclusive lock on the
//! revision store (`<out>/.rakeplan.lock`) while they write. A second process waits and says
//! for whom, or with `--no-wait` stops at once. The operating system releases the lock when
//! the holder exits, however it exits, so a killed run never leaves the store locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock file's name inside the store.
pub const LOCK_FILE: &str = ".rakeplan.lock";

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds it and waiting was not wanted.
    #[error("another rakeplan ({holder}) is writing to \"{}\"", store.display())]
    Busy {
        /// The store.
        store: PathBuf,
        /// Who holds it, as far as known ("process 1234").
        holder: String,
    },
    /// The lock file could not be created or locked.
    #[error("cannot lock \"{}\": {source}", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

impl LockError {
    /// The error in the language of messages.
    pub fn message(&self) -> String {
        match self {
            LockError::Busy { store, holder } => {
                let store = crate::fsread::display(store);
                crate::tr!(
                    "another rakeplan ({holder}) is writing to \"{store}\"",
                    "toinen rakeplan ({holder}) kirjoittaa parhaillaan kansioon \"{store}\"",
                    "en annan rakeplan ({holder}) skriver till \"{store}\""
                )
            }
            LockError::Io { path, source } => {
                let path = crate::fsread::display(path);
                crate::tr!(
                    "cannot lock \"{path}\": {source}",
                    "tiedostoa \"{path}\" ei voi lukita: {source}",
                    "det går inte att låsa \"{path}\": {source}"
                )
            }
        }
    }
}

impl StoreLock {
    /// Takes the lock of the store `out` (creating the folder if needed). When another
    /// process holds it: with `wait`, says so on stderr and waits; without, returns `Busy`.
    pub fn acquire(out: &Path, wait: bool) -> Result<StoreLock, LockError> {
        let path = out.join(LOCK_FILE);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(out).map_err(io)?;
        // The lock file is written to: a link planted in its place must not redirect that
        // write to another file.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
            return Err(io(std::io::Error::other(
                "it is not a regular file (a link or a folder); remove it",
            )));
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = holder(&mut file);
                if !wait {
                    return Err(LockError::Busy {
                        store: out.to_owned(),
                        holder,
                    });
                }
                let store = crate::fsread::display(out);
                crate::errln!(
                    "{}",
                    crate::tr!(
                        "waiting: another rakeplan ({holder}) is writing to \"{store}\"; \
                         it continues when that one is done (Ctrl-C stops)",
                        "odotetaan: toinen rakeplan ({holder}) kirjoittaa kansioon \"{store}\"; \
                         jatketaan, kun se on valmis (Ctrl-C keskeyttää)",
                        "väntar: en annan rakeplan ({holder}) skriver till \"{store}\"; fortsätter när den är klar (Ctrl-C avbryter)"
                    )
                );
                file.lock().map_err(io)?;
            }
            Err(TryLockError::Error(err)) => return Err(io(err)),
        }
        // Who holds it, for the message of the next one to come.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = writeln!(file, "process {}", std::process::id());
        Ok(StoreLock { _file: file })
    }
}

fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind();
    let _ = file.take(100).read_to_string(&mut text);
    let text = text.trim();
    if text.starts_with("process ") && text[8..].bytes().all(|b| b.is_ascii_digit()) {
        text.to_owned()
    } else {
        crate::tr!("another process", "toinen prosessi", "en annan process")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_lock_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep me").unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&victim, out.join(LOCK_FILE)).unwrap();
        assert!(StoreLock::acquire(&out, false).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    }

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = StoreLock::acquire(dir.path(), false).unwrap();
        let err = StoreLock::acquire(dir.path(), false).unwrap_err();
        assert!(
            matches!(&err, LockError::Busy { holder, .. } if holder.starts_with("process ")),
            "{err:?}"
        );
        drop(first);
        StoreLock::acquire(dir.path(), false).unwrap();
    }
}
