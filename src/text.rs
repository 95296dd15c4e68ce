//! Localised text: every label and content value is either one string in the county's main
//! language or a map by language. This module owns the type and its fallback rules; it does
//! no I/O and knows nothing of YAML.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A language code as written in the data (`fi`, `sv`, `en`, `se`, ...).
pub type Lang = String;

/// A text that may exist in several languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    /// One string in the county's main language.
    Plain(String),
    /// Strings by language code, sorted so output is deterministic.
    Localized(BTreeMap<Lang, String>),
}

impl Text {
    /// The text in `lang`, else in `main` (the county's main language), else Finnish, else
    /// any language present, else the empty string.
    pub fn get<'a>(&'a self, lang: &str, main: &str) -> &'a str {
        match self {
            Text::Plain(s) => s,
            Text::Localized(map) => map
                .get(lang)
                .or_else(|| map.get(main))
                .or_else(|| map.get("fi"))
                .or_else(|| map.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    /// The language the text shown for `lang` is actually written in (see [`Text::get`]).
    pub fn lang_of<'a>(&'a self, lang: &'a str, main: &'a str) -> &'a str {
        match self {
            Text::Plain(_) => main,
            Text::Localized(map) => [lang, main, "fi"]
                .into_iter()
                .find(|l| map.contains_key(*l))
                .or_else(|| map.keys().next().map(String::as_str))
                .unwrap_or(main),
        }
    }

    /// Every string the text holds, in a stable order.
    pub fn all(&self) -> Vec<&str> {
        match self {
            Text::Plain(s) => vec![s.as_str()],
            Text::Localized(map) => map.values().map(String::as_str).collect(),
        }
    }

    /// Whether every string is empty or whitespace.
    pub fn is_blank(&self) -> bool {
        self.all().iter().all(|s| s.trim().is_empty())
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_owned())
    }
}

/// `s` with its first letter in upper case ("Hyväksytty" from "hyväksytty").
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `s` with its first letter in lower case ("hyväksytty" from "Hyväksytty").
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_main_language() {
        let mut map = BTreeMap::new();
        map.insert("fi".to_owned(), "Kajaani".to_owned());
        let text = Text::Localized(map);
        assert_eq!(text.get("sv", "fi"), "Kajaani");
        assert_ne!(
            text.lang_of("sv", "fi"),
            "sv",
            "Swedish falls back to Finnish"
        );
        assert_eq!(text.lang_of("fi", "fi"), "fi");
    }
}
