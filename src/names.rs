//! Names that become file names, folder names or parts of links: county folder names,
//! language codes and version numbers. They are checked here, once, wherever they enter
//! (YAML, the command line, listings of `regions/` and of the store), so that no later step
//! has to wonder whether `javascript:…`, `../..` or `<b>` can reach a path or an `href`.
//! Versions compare by value: `1.1`, `01.1` and `1.1.0` are one version.

use std::cmp::Ordering;
use std::fmt;

/// The longest county folder name.
pub const MAX_COUNTY_NAME: usize = 64;

/// Folder names a county may not take because the store uses them (`output/site/`).
pub const RESERVED_NAMES: [&str; 2] = ["site", "draft"];

/// Names Windows keeps for devices: a folder `con` or `nul` cannot be made or checked out
/// there, so no county takes them on any platform (the repository must work on every one).
pub const WINDOWS_DEVICE_NAMES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Languages an edition can be made in: the languages of the template's labels.
pub const LANGUAGES: [&str; 3] = ["fi", "sv", "en"];

/// Whether `name` can be a county folder name: 1–64 lowercase ASCII letters, digits and
/// `-`, starting with a letter or digit, not a name the store reserves and not a Windows
/// device name.
pub fn is_county_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_COUNTY_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !RESERVED_NAMES.contains(&name)
        && !WINDOWS_DEVICE_NAMES.contains(&name)
}

/// Whether `code` is a language rakeplan makes editions in.
pub fn is_language(code: &str) -> bool {
    LANGUAGES.contains(&code)
}

/// A plan version: numbers separated by dots, compared by value.
#[derive(Debug, Clone)]
pub struct Version {
    parts: Vec<u64>,
}

/// Most digits in one part of a version (keeps every part well inside `u64`).
const MAX_PART_DIGITS: usize = 9;
/// Most parts in a version ("1.2.3.4").
const MAX_PARTS: usize = 4;

impl Version {
    /// Parses "1", "1.0", "2.13"; `None` for anything else (letters, empty parts, signs,
    /// spaces, more than four parts or more than nine digits in a part).
    pub fn parse(text: &str) -> Option<Version> {
        let parts: Vec<u64> = text
            .split('.')
            .map(|p| {
                (!p.is_empty()
                    && p.len() <= MAX_PART_DIGITS
                    && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
            })
            .collect::<Option<_>>()?;
        (parts.len() <= MAX_PARTS).then_some(Version { parts })
    }

    /// Whether `text` is written the way rakeplan writes it: no leading zeros ("01.1").
    pub fn is_canonical(text: &str) -> bool {
        Version::parse(text).is_some_and(|v| v.to_string() == text)
    }

    /// The parts without trailing zeros: what equality and order look at.
    fn key(&self) -> &[u64] {
        let end = self
            .parts
            .iter()
            .rposition(|&p| p != 0)
            .map_or(0, |i| i + 1);
        &self.parts[..end]
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(other.key())
    }
}

/// Whether two version strings name the same version (both must parse).
pub fn same_version(a: &str, b: &str) -> bool {
    matches!((Version::parse(a), Version::parse(b)), (Some(a), Some(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn county_names_are_plain_folder_names() {
        for good in ["kainuu", "keski-suomi", "a", "pohjois-savo-2"] {
            assert!(is_county_name(good), "{good}");
        }
        for bad in [
            "",
            "javascript:void(0)",
            "../etc",
            "Kainuu",
            "-x",
            "a b",
            "site",
            "draft",
            "con",
            "nul",
            "lpt1",
            "ä",
            ".hidden",
            &"a".repeat(65),
        ] {
            assert!(!is_county_name(bad), "{bad}");
        }
    }

    #[test]
    fn versions_compare_by_value() {
        let v = |s| Version::parse(s).unwrap();
        assert_eq!(v("1.1"), v("01.1"));
        assert_eq!(v("1.1"), v("1.1.0"));
        assert!(v("1.10") > v("1.9"));
        assert!(v("2") > v("1.99"));
        assert_eq!(v("01.1").to_string(), "1.1");
        assert!(same_version("1.0", "1"));
        assert!(!Version::is_canonical("01.1"));
        assert!(Version::is_canonical("1.0"));
        for bad in [
            "",
            "1.",
            ".1",
            "1..2",
            "v1",
            "-1",
            "1.2.3.4.5",
            "1 .2",
            "/etc",
            "1234567890",
        ] {
            assert!(Version::parse(bad).is_none(), "{bad}");
        }
    }
}
