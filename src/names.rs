//! Names that become file names, folder names or parts of links: county folder names,
//! language codes and version numbers. They are checked here, once, wherever they enter
//! (YAML, the command line, listings of `regions/` and of the store), so that no later step
//! has to wonder whether `javascript:…`, `../..` or `<b>` can reach a path or an `href`.
//! Versions compare by value: `1.1`, `01.1` and `1.1.0` are one version. Item ids (`A1`,
//! `tietotyo-1`) keep the case the planner writes; keys made from texts are lowercase.

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

/// The languages of the template's own labels and texts: an edition in any of these needs
/// nothing more.
pub const LANGUAGES: [&str; 3] = ["fi", "sv", "en"];

/// The Sámi languages of Finland (Northern, Inari and Skolt Sámi): editions in them take
/// their labels from the county's own `labels.yaml`.
pub const SAMI_LANGUAGES: [&str; 3] = ["se", "smn", "sms"];

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

/// The two-letter codes of ISO 639-1: the primary subtags of BCP 47 a county may publish in.
const ISO_639_1: [&str; 184] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Three-letter codes (ISO 639-3) of languages spoken in Finland that have no two-letter one:
/// Inari, Skolt, Southern and Lule Sámi, Finnish Kalo Romani, Karelian, Meänkieli, Kven, and
/// Finnish and Finland-Swedish Sign Language.
const ISO_639_3: [&str; 10] = [
    "smn", "sms", "sma", "smj", "rmf", "krl", "fit", "fkv", "fse", "fss",
];

/// Whether `code` is a language rakeplan makes editions in: fi, sv, en, or any other
/// language by its ISO 639 code, the primary subtag of BCP 47 (`se`, `smn`, `sms`, `ru`). A
/// typing slip such as `fn` is no language: it is refused, not published. The code names
/// files (`plan.se.pdf`) and addresses, so nothing else is taken.
pub fn is_language(code: &str) -> bool {
    LANGUAGES.contains(&code) || ISO_639_1.contains(&code) || ISO_639_3.contains(&code)
}

/// `""` for a plan's main language, `".sv"` for another: `plan{suffix}.pdf`.
pub fn suffix(lang: &str, main: &str) -> String {
    if lang == main {
        String::new()
    } else {
        format!(".{lang}")
    }
}

/// Whether the template's labels and texts are written in `code`.
pub fn has_template_texts(code: &str) -> bool {
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

    /// The next minor version: "1.1" → "1.2", "2" → "2.1".
    pub fn next_minor(&self) -> Version {
        let mut parts = self.parts.clone();
        if parts.len() < 2 {
            parts.push(0);
        }
        if let Some(last) = parts.last_mut() {
            *last += 1;
        }
        Version { parts }
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

/// Whether `name` can be a county folder or a template section id: lowercase ASCII letters,
/// digits and `-`, not starting with `-`.
pub fn is_valid_slug(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
}

/// Whether `id` is a valid item id: ASCII letters (either case, kept as written), digits,
/// `-` and `_`, starting with a letter or digit. `A1`, `I1`, `tietotyo-1` are ids.
pub fn is_valid_id(id: &str) -> bool {
    id.len() <= 64
        && id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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

/// An id suggestion for a rejected one: its letters and digits kept (case too), everything
/// else folded to `-`.
pub fn suggest_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        let c = match c {
            'ä' | 'å' => 'a',
            'Ä' | 'Å' => 'A',
            'ö' => 'o',
            'Ö' => 'O',
            c => c,
        };
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "A1".into() } else { out }
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
        assert_eq!(v("1.1").next_minor().to_string(), "1.2");
        assert_eq!(v("2").next_minor().to_string(), "2.1");
        assert_eq!(v("1.9").next_minor().to_string(), "1.10");
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

    #[test]
    fn ids_keep_case_slugs_do_not() {
        assert!(is_valid_id("A1") && is_valid_id("I1") && is_valid_id("tietotyo-1"));
        assert!(!is_valid_id("-a") && !is_valid_id("a b") && !is_valid_id("ä1"));
        assert!(is_valid_slug("keski-suomi") && !is_valid_slug("Kainuu"));
        assert_eq!(suggest_id("Mittari 1"), "Mittari-1");
        assert_eq!(slugify("Sosiaalityön johtaja"), "sosiaalityon-johtaja");
    }
}
