//! The language of rakeplan's own messages (diagnostics, hints, summary lines): English,
//! Finnish or Swedish, chosen once per process by `--lang`, the user's locale or the county's
//! main language (see [`choose`]). This module owns the choice and the [`tr!`](crate::tr)
//! macro that picks a message by it. It does not translate
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

impl Lang {
    /// The language of a language code (`fi`, `sv`, `en`), `None` for any other.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Its language code: `en`, `fi` or `sv`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fi => "fi",
            Lang::Sv => "sv",
        }
    }

    /// The text for this language: `Lang::Sv.pick("or", "tai", "eller")` is "eller".
    pub fn pick<T>(self, en: T, fi: T, sv: T) -> T {
        match self {
            Lang::En => en,
            Lang::Fi => fi,
            Lang::Sv => sv,
        }
    }
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

/// The message language a locale names (`sv_FI.UTF-8`, `fi-FI`, `en_GB`, `sv`), or `None`
/// for a locale in a language rakeplan does not speak. `C` and `POSIX` are English: by
/// convention they ask for programs' untranslated messages (`LC_ALL=C rakeplan check`).
pub fn from_locale(locale: &str) -> Option<Lang> {
    let lower = locale.trim().to_ascii_lowercase();
    let language = lower.split(['_', '-', '.', '@']).next().unwrap_or_default();
    match language {
        "fi" => Some(Lang::Fi),
        "sv" => Some(Lang::Sv),
        "en" | "c" | "posix" => Some(Lang::En),
        _ => None,
    }
}

/// The language the user's locale asks for: the first set, non-empty one of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` (the POSIX order) when it names a language rakeplan speaks;
/// else the operating system's UI language (macOS and Windows keep it outside those
/// variables); `None` when neither names fi, sv or en.
pub fn from_environment() -> Option<Lang> {
    locale_from(
        |name| std::env::var(name).ok(),
        || sys_locale::get_locales().collect(),
    )
}

/// [`from_environment`] with the variables and the system's preferred UI languages given as
/// lookups (for tests).
pub fn locale_from(
    var: impl Fn(&str) -> Option<String>,
    system: impl FnOnce() -> Vec<String>,
) -> Option<Lang> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|value| !value.is_empty());
    value
        .and_then(|v| from_locale(&v))
        .or_else(|| system().iter().find_map(|l| from_locale(l)))
}

/// The message language: `--lang` when given, else the user's locale (see
/// [`from_environment`]), else the main language of the county the command works on
/// (`county`, asked only then), else English.
pub fn choose(
    flag: Option<Lang>,
    locale: impl FnOnce() -> Option<Lang>,
    county: impl FnOnce() -> Option<Lang>,
) -> Lang {
    flag.or_else(locale).or_else(county).unwrap_or_default()
}

/// The language the environment asks for, English when it names none (see
/// [`from_environment`]).
pub fn detect() -> Lang {
    from_environment().unwrap_or_default()
}

/// Formats the English, Finnish or Swedish message, whichever language is chosen:
/// `tr!("unknown key \"{key}\"", "tuntematon avain \"{key}\"", "okänd nyckel \"{key}\"")`.
/// Every literal takes the same arguments (named captures from the call site, or
/// positional/named arguments after them), and each must use every argument given explicitly,
/// as with `format!`. All three literals are required, so that no message reaches a Finnish
/// or Swedish reader in English:
///
/// ```compile_fail
/// let text = rakeplan::tr!("only English", "vain suomeksi");
/// ```
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
    ($($rest:tt)*) => {
        ::std::compile_error!(
            "tr! takes three message literals, English, Finnish and Swedish, then the arguments"
        )
    };
}

/// The value for the message language: `pick("or", "tai", "eller")`.
pub fn pick<T>(en: T, fi: T, sv: T) -> T {
    lang().pick(en, fi, sv)
}

/// The message language's code: `en`, `fi` or `sv` (an HTML page's `lang`).
pub fn code() -> &'static str {
    lang().code()
}

/// A count with its noun in the message language, singular for one:
/// `count(2, ["error", "virhe", "fel"], ["errors", "virhettä", "fel"])` is "2 fel" in Swedish.
pub fn count(n: usize, one: [&str; 3], many: [&str; 3]) -> String {
    let word = if n == 1 { one } else { many };
    format!("{n} {}", pick(word[0], word[1], word[2]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lookup over fixed variables.
    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    fn no_system() -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn the_first_set_variable_decides() {
        let got = |pairs| locale_from(env(pairs), no_system);
        assert_eq!(got(&[("LANG", "fi_FI.UTF-8")]), Some(Lang::Fi));
        assert_eq!(got(&[("LANG", "sv_FI.UTF-8")]), Some(Lang::Sv));
        assert_eq!(got(&[("LANG", "sv_SE")]), Some(Lang::Sv));
        assert_eq!(got(&[("LANG", "en_GB.UTF-8")]), Some(Lang::En));
        assert_eq!(
            got(&[("LC_MESSAGES", "en_GB.UTF-8"), ("LANG", "fi_FI")]),
            Some(Lang::En)
        );
        assert_eq!(
            got(&[("LC_ALL", "sv_FI.UTF-8"), ("LC_MESSAGES", "fi_FI")]),
            Some(Lang::Sv)
        );
        // An empty variable does not count as set.
        assert_eq!(
            got(&[("LC_ALL", ""), ("LANG", "fi_FI.UTF-8")]),
            Some(Lang::Fi)
        );
    }

    #[test]
    fn no_chosen_locale_asks_the_system_then_leaves_the_choice_open() {
        let sv = || vec!["sv-FI".to_owned(), "en-US".to_owned()];
        // Windows and macOS: no variables, the UI language decides.
        assert_eq!(locale_from(env(&[]), sv), Some(Lang::Sv));
        // C and POSIX ask for untranslated messages, by convention.
        assert_eq!(locale_from(env(&[("LANG", "C.UTF-8")]), sv), Some(Lang::En));
        assert_eq!(locale_from(env(&[("LC_ALL", "POSIX")]), sv), Some(Lang::En));
        // A language rakeplan does not speak: the next preferred one that it does.
        let de = || vec!["de-DE".to_owned(), "fi-FI".to_owned()];
        assert_eq!(locale_from(env(&[]), de), Some(Lang::Fi));
        assert_eq!(
            locale_from(env(&[("LANG", "de_DE.UTF-8")]), de),
            Some(Lang::Fi)
        );
        // Nothing names one: the county decides.
        assert_eq!(locale_from(env(&[]), no_system), None);
        assert_eq!(
            locale_from(env(&[("LANG", "de_DE.UTF-8")]), no_system),
            None
        );
        // A variable that names a language wins over the system's.
        assert_eq!(locale_from(env(&[("LANG", "fi_FI")]), sv), Some(Lang::Fi));
    }

    #[test]
    fn the_flag_then_the_locale_then_the_county_then_english() {
        let never = || -> Option<Lang> { panic!("not asked when an earlier source answers") };
        assert_eq!(choose(Some(Lang::Sv), never, never), Lang::Sv);
        assert_eq!(choose(None, || Some(Lang::Fi), never), Lang::Fi);
        assert_eq!(choose(None, || None, || Some(Lang::Sv)), Lang::Sv);
        assert_eq!(choose(None, || None, || None), Lang::En);
    }

    #[test]
    fn tr_formats_the_english_message_by_default() {
        // Unit tests share the process: they never switch the language, so other tests'
        // English assertions hold. The Finnish side is tested through the binary.
        let key = "statsu";
        assert_eq!(
            crate::tr!(
                "unknown key \"{key}\"",
                "tuntematon avain \"{key}\"",
                "okänd nyckel \"{key}\""
            ),
            "unknown key \"statsu\""
        );
        assert_eq!(
            crate::tr!("{} of {}", "{1}: {0}", "{0} av {1}", 1, 2),
            "1 of 2"
        );
        assert_eq!(crate::tr!("plain", "suomeksi", "på svenska"), "plain");
        let (one, many) = (["error", "virhe", "fel"], ["errors", "virhettä", "fel"]);
        assert_eq!(count(1, one, many), "1 error");
        assert_eq!(count(0, one, many), "0 errors");
        assert_eq!(Lang::Fi.pick(many[0], many[1], many[2]), "virhettä");
        assert_eq!(Lang::Sv.pick(many[0], many[1], many[2]), "fel");
    }
}
