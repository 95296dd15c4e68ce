//! Reading the files a county, the template or the revision store supplies, and nothing
//! else: only regular files, only inside the folder they belong to, and only up to a size
//! limit. A symbolic link that leaves its folder (`logo.png -> /proc/self/environ`), a FIFO
//! that would hang the reader, a device such as `/dev/zero` that never ends, and a file too
//! large to be a plan are errors naming the path. Every read of planner-supplied bytes goes
//! through here; this module does no parsing.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest YAML file rakeplan reads (a section, region.yaml, plan.yaml, labels.yaml).
/// A whole 20-page plan is about 60 KB; this leaves room for a very long section.
pub const MAX_YAML_BYTES: u64 = 512 * 1024;

/// The most a county's YAML files may hold together: about 250 pages, built in a few
/// seconds and a few hundred MB (a 1 MB plan measured 3.4 s and 280 MB).
pub const MAX_PLAN_BYTES: u64 = 1024 * 1024;

/// The largest layout, image or other template file (a county logo, a typst or tera file).
pub const MAX_ASSET_BYTES: u64 = 8 * 1024 * 1024;

/// The largest file read back from the revision store (a stored PDF, HTML page or JSON).
pub const MAX_STORED_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused or failed (not found, permission denied, ...).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A symbolic link (the file itself or a folder on its way) points outside the folder.
    #[error("it is a link to \"{}\", outside \"{}\"", target.display(), root.display())]
    Outside {
        /// Where the link leads.
        target: PathBuf,
        /// The folder it had to stay in.
        root: PathBuf,
    },
    /// A link, where links are not accepted at all (the revision store).
    #[error("it is a symbolic link; the record holds only regular files")]
    Link,
    /// Not a regular file: a folder, FIFO, socket or device.
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    /// Larger than the limit.
    #[error("it is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// Its size (or at least this many bytes were read).
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl ReadError {
    /// Whether the file simply does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }

    /// The reason in the language of messages, for "cannot read X: <reason>".
    pub fn reason(&self) -> String {
        use crate::tr;
        match self {
            ReadError::Io(err) => match err.kind() {
                std::io::ErrorKind::NotFound => {
                    tr!("no such file", "tiedostoa ei ole", "filen finns inte")
                }
                std::io::ErrorKind::PermissionDenied => {
                    tr!("permission denied", "ei käyttöoikeutta", "åtkomst nekad")
                }
                // The operating system's own wording, in its own language.
                _ => err.to_string(),
            },
            ReadError::Outside { target, root } => {
                let (target, root) = (target.display(), root.display());
                tr!(
                    "it is a link to \"{target}\", outside \"{root}\"",
                    "se on linkki kohteeseen \"{target}\", joka on kansion \"{root}\" ulkopuolella",
                    "den är en länk till \"{target}\", utanför \"{root}\""
                )
            }
            ReadError::Link => tr!(
                "it is a symbolic link; the record holds only regular files",
                "se on symbolinen linkki; tallenteessa saa olla vain tavallisia tiedostoja",
                "den är en symbolisk länk; den sparade handlingen får bara innehålla vanliga filer"
            ),
            ReadError::NotRegular(kind) => {
                let fi = match *kind {
                    "a folder" => "kansio",
                    "a FIFO (named pipe)" => "nimetty putki (FIFO)",
                    "a socket" => "pistoke (socket)",
                    "a device" => "laite",
                    _ => "erikoistiedosto",
                };
                let sv = match *kind {
                    "a folder" => "en mapp",
                    "a FIFO (named pipe)" => "en namngiven pipe (FIFO)",
                    "a socket" => "en socket",
                    "a device" => "en enhet",
                    _ => "en specialfil",
                };
                tr!(
                    "it is {kind}, not a regular file",
                    "se on {fi} eikä tavallinen tiedosto",
                    "den är {sv}, inte en vanlig fil"
                )
            }
            ReadError::TooLarge { size, limit } => {
                let (size, limit) = (kib(*size), kib(*limit));
                tr!(
                    "it is {size} KB; the limit is {limit} KB",
                    "sen koko on {size} kt; enimmäiskoko on {limit} kt",
                    "den är {size} kB; gränsen är {limit} kB"
                )
            }
        }
    }

    /// What the planner can do about it.
    pub fn hint(&self) -> Option<String> {
        use crate::tr;
        match self {
            ReadError::Io(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            ReadError::Io(_) => None,
            ReadError::Outside { .. } | ReadError::Link => Some(tr!(
                "replace the link with a copy of the file itself",
                "korvaa linkki itse tiedoston kopiolla",
                "ersätt länken med en kopia av själva filen"
            )),
            ReadError::NotRegular(_) => Some(tr!(
                "remove it, or put an ordinary file of that name in its place",
                "poista se tai korvaa se samannimisellä tavallisella tiedostolla",
                "ta bort den eller sätt en vanlig fil med samma namn i dess ställe"
            )),
            ReadError::TooLarge { .. } => Some(tr!(
                "split the text into shorter sections or remove what does not belong in the \
                 plan; the limits are listed in plan-template/README.md",
                "jaa teksti lyhyempiin osiin tai poista se, mikä ei kuulu suunnitelmaan; \
                 rajat luetellaan tiedostossa plan-template/README.md",
                "dela upp texten i kortare avsnitt eller ta bort det som inte hör till planen; gränserna anges i plan-template/README.md"
            )),
        }
    }
}

fn kib(bytes: u64) -> u64 {
    bytes.div_ceil(1024)
}

/// Reads `path`, which must be a regular file whose real location (after following every
/// link on the way) lies inside `root`, and at most `limit` bytes long.
pub fn read_inside(path: &Path, root: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let real = std::fs::canonicalize(path)?;
    let root_real = std::fs::canonicalize(root)?;
    if !real.starts_with(&root_real) {
        return Err(ReadError::Outside {
            target: real,
            root: root.to_owned(),
        });
    }
    read_regular(&real, limit)
}

/// Reads a file a command is given (links followed): a regular file, at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_regular(path, limit)
}

/// Reads a file of the revision store: a regular file, never a link, at most `limit` bytes.
pub fn read_stored(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(ReadError::Link);
    }
    read_regular(path, limit)
}

fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Look before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = open_nonblocking(path)?;
    // The file may have been swapped between the look and the open.
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular(kind_of(&opened)));
    }
    // Some regular files (in /proc) report size 0 and then produce bytes: read one past the
    // limit to notice.
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: a FIFO put in place after the check opens at once instead of hanging.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let ft = meta.file_type();
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    "a special file"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_inside_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "x: 1\n").unwrap();
        let bytes = read_inside(&dir.path().join("a.yaml"), dir.path(), 100).unwrap();
        assert_eq!(bytes, b"x: 1\n");
    }

    #[test]
    fn refuses_a_file_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "x".repeat(101)).unwrap();
        let err = read_inside(&dir.path().join("a.yaml"), dir.path(), 100).unwrap_err();
        assert!(matches!(
            err,
            ReadError::TooLarge {
                size: 101,
                limit: 100
            }
        ));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_out_of_the_folder_and_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("county");
        std::fs::create_dir(&inner).unwrap();
        std::fs::write(dir.path().join("secret"), "token").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), inner.join("logo.png")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", inner.join("zero.yaml")).unwrap();
        std::os::unix::fs::symlink("/proc/self/environ", inner.join("env")).unwrap();
        std::fs::write(inner.join("real.yaml"), "a").unwrap();
        std::os::unix::fs::symlink("real.yaml", inner.join("alias.yaml")).unwrap();
        let err = read_inside(&inner.join("logo.png"), &inner, 100).unwrap_err();
        assert!(matches!(err, ReadError::Outside { .. }), "{err:?}");
        let err = read_inside(&inner.join("zero.yaml"), &inner, 100).unwrap_err();
        assert!(matches!(err, ReadError::Outside { .. }), "{err:?}");
        let err = read_inside(&inner.join("env"), &inner, 100).unwrap_err();
        assert!(matches!(err, ReadError::Outside { .. }), "{err:?}");
        // A link that stays inside is followed.
        assert_eq!(
            read_inside(&inner.join("alias.yaml"), &inner, 100).unwrap(),
            b"a"
        );
        // The store takes no links at all.
        assert!(matches!(
            read_stored(&inner.join("alias.yaml"), 100),
            Err(ReadError::Link)
        ));
        // Devices and /proc files, read directly, are refused without hanging or filling memory.
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular("a device"))
        ));
        assert!(matches!(
            read_regular(Path::new("/proc/self/environ"), 4),
            Err(ReadError::TooLarge { .. })
        ));
    }
}

#[cfg(test)]
mod display_tests {
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
