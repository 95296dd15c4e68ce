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

/// Every text written by language, checked against the county's languages (`languages:` in
/// region.yaml): a key that is neither one of them nor a language rakeplan knows (`fn`) is an
/// error with a "did you mean"; a text
/// that lacks one of them is a warning in a draft (its edition shows the fallback, marked)
/// and an error once the version is proposed or approved. A plain string is the same in
/// every language (a name, a number) and is not checked here.
pub fn translations(plan: &Plan) -> Vec<Diagnostic> {
    let langs = &plan.region.languages;
    let strict = plan.meta.status != crate::model::Status::Draft;
    let known: Vec<&str> = langs.iter().map(String::as_str).collect();
    let list = known.join(", ");
    let mut out = Vec::new();
    for (i, spans) in plan.localized.iter().enumerate() {
        // A text may also be given in another language rakeplan knows (a Finnish county's
        // Swedish names of its bodies): only a key that is no language is a slip.
        let names = i < plan.region_texts;
        for (key, (_, span)) in spans {
            if langs.contains(key) || crate::names::is_language(key) {
                continue;
            }
            let hint = match crate::yaml::suggest(key, &known) {
                Some(best) => crate::yaml::did_you_mean(best),
                None => crate::tr!(
                    "write the text in the county's languages ({list}), or add the language to `languages:` in region.yaml",
                    "kirjoita teksti alueen kielillä ({list}) tai lisää kieli kohtaan `languages:` tiedostossa region.yaml",
                    "skriv texten på områdets språk ({list}) eller lägg till språket i `languages:` i region.yaml"
                ),
            };
            out.push(
                Diagnostic::error(
                    Some(span.clone()),
                    crate::tr!(
                        "\"{key}\" is not one of the county's languages ({list})",
                        "\"{key}\" ei ole alueen kieliä ({list})",
                        "\"{key}\" är inte ett av områdets språk ({list})"
                    ),
                )
                .with_hint(hint),
            );
        }
        // Only a text written in at least one of the county's languages can be missing one.
        let Some((_, first)) = spans
            .iter()
            .find(|(k, _)| langs.contains(k))
            .map(|(_, v)| v)
        else {
            continue;
        };
        for lang in langs.iter().filter(|l| !spans.contains_key(*l) && !names) {
            let name = language_name(lang);
            let message = crate::tr!(
                "this text has no {name} version (`{lang}:`)",
                "tästä tekstistä puuttuu {name} versio (`{lang}:`)",
                "den här texten saknar en version på {name} (`{lang}:`)"
            );
            let diagnostic = if strict {
                Diagnostic::error(Some(first.clone()), message)
            } else {
                Diagnostic::warning(Some(first.clone()), message)
            };
            out.push(diagnostic.with_hint(crate::tr!(
                "add `{lang}: ...` beside the other languages; until then the {lang} edition shows the text in another language, marked",
                "lisää `{lang}: ...` muiden kielten rinnalle; siihen asti painos ({lang}) näyttää tekstin toisella kielellä merkittynä",
                "lägg till `{lang}: ...` bredvid de andra språken; tills dess visar utgåvan ({lang}) texten på ett annat språk, markerad"
            )));
        }
    }
    out
}

/// A language's name in the message language, for "no Swedish version".
pub(crate) fn language_name(lang: &str) -> String {
    match lang {
        "fi" | "sv" | "en" | "se" | "smn" | "sms" => {}
        other => return format!("\"{other}\""),
    }
    match crate::i18n::lang() {
        crate::i18n::Lang::Fi => match lang {
            "fi" => "suomenkielinen",
            "sv" => "ruotsinkielinen",
            "en" => "englanninkielinen",
            "se" => "pohjoissaamenkielinen",
            "smn" => "inarinsaamenkielinen",
            _ => "koltansaamenkielinen",
        },
        crate::i18n::Lang::Sv => match lang {
            "fi" => "finska",
            "sv" => "svenska",
            "en" => "engelska",
            "se" => "nordsamiska",
            "smn" => "enaresamiska",
            _ => "skoltsamiska",
        },
        crate::i18n::Lang::En => match lang {
            "fi" => "Finnish",
            "sv" => "Swedish",
            "en" => "English",
            "se" => "Northern Sámi",
            "smn" => "Inari Sámi",
            _ => "Skolt Sámi",
        },
    }
    .to_owned()
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
