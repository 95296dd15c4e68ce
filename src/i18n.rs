//! The language of rakeplan's own messages (diagnostics, hints, summary lines): English,
//! Finnish or Swedish, chosen once per process by `--lang` or from the environment. This module owns the
//! choice and the [`tr!`](crate::tr) macro that picks a message by it. It does not translate
//! plan content (that is `document`'s languages) nor the texts of libraries (YAML parser,
//! typst, the operating system), which stay as those libraries write them.

use std::sync::atomic::{AtomicU8, Ordering};

/// A language rakeplan's messages can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Finnish (suomi).
    Fi,
    /// Swedish (svenska).
    Sv,
}

/// The process-wide message language; English until [`set_lang`] says otherwise.
static LANG: AtomicU8 = AtomicU8::new(Lang::En as u8);

/// Sets the language of every message from now on (the binary does this first thing).
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The current message language.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        x if x == Lang::Fi as u8 => Lang::Fi,
        x if x == Lang::Sv as u8 => Lang::Sv,
        _ => Lang::En,
    }
}

/// Whether messages are in Finnish.
pub fn is_fi() -> bool {
    lang() == Lang::Fi
}

/// Whether messages are in Swedish.
pub fn is_sv() -> bool {
    lang() == Lang::Sv
}

/// The language the environment asks for: the first set, non-empty one of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` (the POSIX order); Finnish when it starts with `fi`, else English.
pub fn detect() -> Lang {
    detect_from(|name| std::env::var(name).ok())
}

/// [`detect`] with the environment given as a lookup (for tests).
pub fn detect_from(var: impl Fn(&str) -> Option<String>) -> Lang {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|value| !value.is_empty());
    match value {
        Some(v) if v.to_ascii_lowercase().starts_with("fi") => Lang::Fi,
        Some(v) if v.to_ascii_lowercase().starts_with("sv") => Lang::Sv,
        _ => Lang::En,
    }
}

/// Formats the English, Finnish or Swedish message, whichever language is chosen:
/// `tr!("unknown key \"{key}\"", "tuntematon avain \"{key}\"", "okänd nyckel \"{key}\"")`.
/// Every literal takes the same arguments (named captures from the call site, or
/// positional/named arguments after them), and each must use every argument given explicitly,
/// as with `format!`. A call with only the English and Finnish literals shows English to a
/// Swedish reader (being translated).
#[macro_export]
macro_rules! tr {
    ($en:literal, $fi:literal, $sv:literal $(,)?) => {
        match $crate::i18n::lang() {
            $crate::i18n::Lang::Fi => ::std::format!($fi),
            $crate::i18n::Lang::Sv => ::std::format!($sv),
            $crate::i18n::Lang::En => ::std::format!($en),
        }
    };
    ($en:literal, $fi:literal, $sv:literal, $($arg:tt)+) => {
        match $crate::i18n::lang() {
            $crate::i18n::Lang::Fi => ::std::format!($fi, $($arg)+),
            $crate::i18n::Lang::Sv => ::std::format!($sv, $($arg)+),
            $crate::i18n::Lang::En => ::std::format!($en, $($arg)+),
        }
    };
    ($en:literal, $fi:literal $(,)?) => {
        if $crate::i18n::is_fi() {
            ::std::format!($fi)
        } else {
            ::std::format!($en)
        }
    };
    ($en:literal, $fi:literal, $($arg:tt)+) => {
        if $crate::i18n::is_fi() {
            ::std::format!($fi, $($arg)+)
        } else {
            ::std::format!($en, $($arg)+)
        }
    };
}

/// Finnish count agreement: `1 virhe` but `2 virhettä` (and `0 virhettä`).
pub fn count_fi(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_finnish_from_the_first_set_variable() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(detect_from(env(&[("LANG", "fi_FI.UTF-8")])), Lang::Fi);
        assert_eq!(detect_from(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(detect_from(env(&[])), Lang::En);
        assert_eq!(
            detect_from(env(&[("LC_MESSAGES", "en_GB.UTF-8"), ("LANG", "fi_FI")])),
            Lang::En
        );
        assert_eq!(
            detect_from(env(&[("LC_ALL", "fi"), ("LC_MESSAGES", "en_US")])),
            Lang::Fi
        );
        // An empty variable does not count as set.
        assert_eq!(
            detect_from(env(&[("LC_ALL", ""), ("LANG", "fi_FI.UTF-8")])),
            Lang::Fi
        );
    }

    #[test]
    fn tr_formats_the_english_message_by_default() {
        // Unit tests share the process: they never switch the language, so other tests'
        // English assertions hold. The Finnish side is tested through the binary.
        let key = "statsu";
        assert_eq!(
            crate::tr!("unknown key \"{key}\"", "tuntematon avain \"{key}\""),
            "unknown key \"statsu\""
        );
        assert_eq!(crate::tr!("{} of {}", "{1}: {0}", "{0} av {1}", 1, 2), "1 of 2");
        assert_eq!(crate::tr!("plain", "suomeksi"), "plain");
        assert_eq!(count_fi(1, "virhe", "virhettä"), "1 virhe");
        assert_eq!(count_fi(0, "virhe", "virhettä"), "0 virhettä");
    }
}
