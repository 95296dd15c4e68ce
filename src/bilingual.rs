//! Bilingual editions in step: a text written by language whose version in one language
//! changed since the last approved version while its twin in another language did not is
//! probably out of date ("ruotsinkielinen teksti on päivittämättä"). Found with the
//! structural diff, so it works for any pair of the county's languages and for every text,
//! in sections, items and plan metadata alike. Pure: the caller finds the approved plan.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Span};
use crate::diff::{ChangeKind, diff_plans, new_text, old_text};
use crate::model::Plan;
use crate::text::Lang;

/// A text whose version in `lang` was left as it was while other languages changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    /// The language left behind.
    pub lang: Lang,
    /// The languages that changed.
    pub changed: Vec<Lang>,
    /// The text in `lang`, as it stands.
    pub text: String,
    /// Where the text in `lang` is written.
    pub span: Option<Span>,
}

/// Texts of `current` whose languages moved apart since `approved`.
pub fn stale_texts(approved: &Plan, current: &Plan) -> Vec<Stale> {
    let langs = &current.region.languages;
    if langs.len() < 2 {
        return Vec::new();
    }
    let set = diff_plans(approved, current, "approved", "current");
    let mut out = Vec::new();
    for change in set.groups.iter().flat_map(|g| &g.changes) {
        if !matches!(change.kind, ChangeKind::Changed | ChangeKind::Moved) {
            continue;
        }
        let attrs: BTreeSet<&str> = change.edits.iter().map(|e| e.attr.as_str()).collect();
        for attr in attrs {
            let edits: Vec<_> = change.edits.iter().filter(|e| e.attr == attr).collect();
            // Edits without languages cover every language: nothing was left behind.
            if edits.iter().any(|e| e.langs.is_empty()) {
                continue;
            }
            let changed: Vec<Lang> = edits.iter().flat_map(|e| e.langs.clone()).collect();
            let Some(first) = edits.first() else {
                continue;
            };
            let (lang, text) = (&first.langs[0], new_text(&first.segments));
            // Where the changed text is written tells where its twins are.
            let Some(twins) = current
                .localized
                .iter()
                .find(|t| t.get(lang).is_some_and(|(s, _)| *s == text))
            else {
                continue;
            };
            // What the changed language said before, written the same in the language left
            // as it was: the text was shown untranslated (a plain text, or one identical in
            // both), and a translation was added. Nothing was left behind.
            let before = squash(&old_text(&first.segments));
            for behind in langs.iter().filter(|l| !changed.contains(l)) {
                if let Some((text, span)) = twins.get(behind) {
                    if squash(text) == before {
                        continue;
                    }
                    out.push(Stale {
                        lang: behind.clone(),
                        changed: changed.clone(),
                        text: text.clone(),
                        span: Some(span.clone()),
                    });
                }
            }
        }
    }
    out
}

/// The words of a text, whitespace collapsed, for comparing texts as written.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Swedish" / "ruotsinkielinen" / "svenska" for a language code.
fn adjective(lang: &str) -> String {
    use crate::i18n::Lang;
    match (lang, crate::i18n::lang()) {
        ("fi", Lang::En) => "Finnish".into(),
        ("sv", Lang::En) => "Swedish".into(),
        ("en", Lang::En) => "English".into(),
        ("fi", Lang::Fi) => "suomenkielinen".into(),
        ("sv", Lang::Fi) => "ruotsinkielinen".into(),
        ("en", Lang::Fi) => "englanninkielinen".into(),
        ("fi", Lang::Sv) => "finska".into(),
        ("sv", Lang::Sv) => "svenska".into(),
        ("en", Lang::Sv) => "engelska".into(),
        (other, Lang::En) => format!("\"{other}\""),
        (other, Lang::Fi) => format!("kielellä \"{other}\" kirjoitettu"),
        (other, Lang::Sv) => format!("på språket \"{other}\" skrivna"),
    }
}

/// A warning for each stale text, at its line.
pub fn warnings(stale: &[Stale], approved_version: &str) -> Vec<Diagnostic> {
    stale
        .iter()
        .map(|s| {
            let behind = adjective(&s.lang);
            let changed: Vec<String> = s.changed.iter().map(|l| adjective(l)).collect();
            let changed = changed.join(", ");
            let v = approved_version;
            Diagnostic::warning(
                s.span.clone(),
                crate::tr!(
                    "the {behind} text has not been updated: the {changed} text changed since the approved version {v}",
                    "{behind} teksti on päivittämättä: {changed} teksti on muuttunut hyväksytyn \
                     version {v} jälkeen",
"den {behind} texten har inte uppdaterats: den {changed} texten har ändrats sedan den godkända versionen {v}"
                ),
            )
            .with_hint(crate::tr!(
                "update it to say the same; until then the {behind} edition marks the passage",
                "päivitä se vastaamaan muutosta; siihen asti {behind} painos merkitsee kohdan",
"uppdatera den så att den säger detsamma; tills dess markerar den {behind} utgåvan stycket"
            ))
        })
        .collect()
}
