//! Starting the next version of a county's plan from the approved one, so that a planner
//! never edits the life cycle by hand: plan.yaml gets the new version number, `status:
//! draft`, today's date, no decisions (they stay in the approved version's record) and a
//! change-log entry to fill in; comments and everything else in the file stay as they were.
//! Refused unless the approved version is safely in the store: the record comes first.

use std::ops::Range;

use super::Project;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Problems, Sources};
use crate::names::Version;
use crate::store;
use crate::tr;
use crate::yaml::{Node, Value};

/// Why no next version was started.
pub enum NotStarted {
    /// The plan is not ready (errors, still a draft, its record not stored): the
    /// planner's to fix.
    Plan(Problems),
    /// Anything else: a wrong option, a file that cannot be edited safely or written.
    Stop(Problems),
}

/// A next version started.
pub struct Started {
    /// The approved version it starts from.
    pub from: String,
    /// The new version.
    pub next: Version,
}

impl Project {
    /// Starts the next version of `slug` (`version`, else the next minor one) dated `today`,
    /// editing its plan.yaml in place.
    pub fn start_next(
        &self,
        slug: &str,
        version: Option<&str>,
        today: Date,
    ) -> Result<Started, NotStarted> {
        let stop = |p: Problems| NotStarted::Stop(p);
        let plan_problem = |p: Problems| NotStarted::Plan(p);
        let loaded = self.load(&[slug.to_owned()]).map_err(stop)?;
        let region = &loaded.regions[0];
        let Some(plan) = region.plan.as_ref().filter(|_| !region.has_errors()) else {
            let mut diagnostics = region.diagnostics.clone();
            diagnostics.push(Diagnostic::error(
                None,
                tr!(
                    "fix the errors above first; a new version starts from a whole plan",
                    "korjaa ensin yllä luetellut virheet; uusi versio aloitetaan ehjästä \
                     suunnitelmasta",
                    "rätta först felen ovan; en ny version utgår från en hel plan"
                ),
            ));
            return Err(plan_problem(Problems {
                sources: loaded.sources,
                diagnostics,
            }));
        };
        let current = &plan.meta.version;
        if !plan.meta.status.is_final() {
            let status = plan.meta.status.as_str();
            return Err(plan_problem(
                Diagnostic::error(
                None,
                tr!(
                    "version {current} of \"{slug}\" is still a {status}: carry on editing it",
                    "hyvinvointialueen \"{slug}\" versio {current} on vielä tilassa {status}: \
                     jatka sen muokkaamista",
                    "version {current} av \"{slug}\" har fortfarande status {status}: fortsätt redigera den"
                ),
            )
            .with_hint(tr!(
                "`rakeplan next` starts a new version once the current one is approved",
                "`rakeplan next` aloittaa uuden version, kun nykyinen on hyväksytty",
                "`rakeplan next` börjar en ny version när den nuvarande är godkänd"
            ))
            .into(),
            ));
        }
        let Some(from) = Version::parse(current) else {
            return Err(stop(Problems::default()));
        };
        // The approved version must be in the store, whole, before its YAML moves on.
        match store::find_version(&self.out, slug, &from) {
            Ok(Some(_)) => {}
            Ok(None) => {
                return Err(plan_problem(
                    Diagnostic::error(
                    None,
                    tr!(
                        "approved version {current} of \"{slug}\" is not in the store yet",
                        "hyvinvointialueen \"{slug}\" hyväksyttyä versiota {current} ei ole \
                         vielä versiovarastossa",
                        "den godkända versionen {current} av \"{slug}\" finns ännu inte i versionsarkivet"
                    ),
                )
                .with_hint(tr!(
                    "run `rakeplan build {slug}` first so that it is kept as the record, and commit it",
                    "aja ensin `rakeplan build {slug}`, jotta se säilyy pysyvänä asiakirjana, \
                     ja vie se versionhallintaan",
                    "kör först `rakeplan build {slug}` så att den bevaras som bestående handling, och checka in den i versionshanteringen"
                ))
                .into(),
                ));
            }
            Err(problems) => {
                let diagnostics: Vec<Diagnostic> =
                    problems.iter().map(store::Problem::diagnostic).collect();
                return Err(plan_problem(diagnostics.into()));
            }
        }
        let next = match version {
            Some(v) => Version::parse(v)
                .filter(|n| Version::is_canonical(v) && *n > from)
                .ok_or_else(|| {
                    Diagnostic::error(
                        None,
                        tr!(
                            "--version must be a version number above {current}, such as \"{}\"",
                            "valitsimelle --version annetaan versiota {current} suurempi \
                             versionumero, esimerkiksi \"{}\"",
                            "--version ska vara ett versionsnummer högre än {current}, till exempel \"{}\"",
                            from.next_minor()
                        ),
                    )
                })
                .map_err(|d| stop(d.into()))?,
            None => from.next_minor(),
        };
        let path = self.regions.join(slug).join("plan.yaml");
        store::refuse_target(&path, &self.out).map_err(|d| stop(d.into()))?;
        // What a killed `next` left beside plan.yaml goes first.
        crate::fswrite::sweep_dead(&self.regions.join(slug), "file");
        // Sources are registered under their displayed name (`./regions` reads as `regions`).
        let shown = crate::fsread::display(&path);
        let sources = &loaded.sources;
        let Some(file) = (0..sources.len()).find(|&f| sources.name(f) == shown) else {
            return Err(stop(Problems::default()));
        };
        let text = sources.text(file);
        let Ok(root) = crate::yaml::parse(sources, file) else {
            return Err(stop(Problems::default()));
        };
        // The change-log entry to fill in is written in the county's main language.
        // (English for another main language, as `new` writes it; Finnish if unreadable.)
        let lang = match self.main_language(slug) {
            Some(code) => crate::i18n::Lang::from_code(&code).unwrap_or(crate::i18n::Lang::En),
            None => crate::i18n::Lang::Fi,
        };
        let edited =
            edit(text, &root, &next.to_string(), &today.to_string(), lang).and_then(|edited| {
                // The edit must leave YAML that says the same as before but for the new
                // version: history (the change log's entries, and everything else) unchanged.
                let mut check = Sources::default();
                let edited_file = check.add(shown.clone(), edited.clone());
                let after = crate::yaml::parse(&check, edited_file).map_err(|_| Refusal::Layout)?;
                same_but_new_version(&root, &after, &next.to_string()).map(|()| edited)
            });
        let edited = edited.map_err(|refusal| {
            let reason = refusal.reason();
            Diagnostic::error(
                None,
                tr!(
                    "`next` cannot edit plan.yaml safely: {reason}; nothing was changed",
                    "`next` ei voi muokata tiedostoa plan.yaml turvallisesti: {reason}; mitään \
                     ei muutettu",
                    "`next` kan inte redigera plan.yaml säkert: {reason}; inget ändrades"
                ),
            )
            .with_hint(tr!(
                "set `version: \"{next}\"`, `status: draft`, `approvals: []` and add a change-log entry by hand",
                "kirjoita itse `version: \"{next}\"`, `status: draft`, `approvals: []` ja lisää \
                 muutoshistoriaan merkintä",
                "skriv själv `version: \"{next}\"`, `status: draft`, `approvals: []` och lägg \
                 till en rad i ändringshistoriken"
            ))
        });
        let edited = edited.map_err(|d| stop(d.into()))?;
        let written = crate::fswrite::write_file(&path, edited.as_bytes()).map_err(|err| {
            Diagnostic::error(
                None,
                tr!(
                    "cannot write \"{shown}\": {err}",
                    "tiedostoon \"{shown}\" ei voi kirjoittaa: {err}",
                    "det går inte att skriva \"{shown}\": {err}"
                ),
            )
        });
        written.map_err(|d| stop(d.into()))?;
        Ok(Started {
            from: current.clone(),
            next,
        })
    }
}

/// Why `next` leaves plan.yaml alone.
#[derive(Debug, PartialEq)]
enum Refusal {
    /// A value it changes is anchored (`&v`) and an alias (`*v`) repeats it elsewhere.
    Anchored(String),
    /// The edit would change something besides the new version (history above all).
    Changes(String),
    /// The file's layout defeated the edit.
    Layout,
}

impl Refusal {
    fn reason(&self) -> String {
        match self {
            Refusal::Anchored(key) => tr!(
                "`{key}` is an anchor (&) that an alias (*) repeats elsewhere, so changing it \
                 would change the history too; write the value out in both places",
                "`{key}` on ankkuri (&), jonka alias (*) toistaa muualla, joten sen muuttaminen \
                 muuttaisi myös historiaa; kirjoita arvo auki kumpaankin kohtaan",
                "`{key}` är ett ankare (&) som ett alias (*) upprepar på annat håll, så att ändra \
                 det skulle ändra historiken också; skriv ut värdet på båda ställena"
            ),
            Refusal::Changes(key) => tr!(
                "the edit would also change `{key}`",
                "muokkaus muuttaisi myös kohdan `{key}`",
                "ändringen skulle också ändra `{key}`"
            ),
            Refusal::Layout => tr!(
                "its layout defeats the edit",
                "sen rakenne estää muokkauksen",
                "dess uppställning hindrar ändringen"
            ),
        }
    }
}

/// Checks that `after` (the edited plan.yaml) says what `before` says, except the version
/// `version`, a draft's status and date, no approvals and one more change-log entry.
fn same_but_new_version(before: &Node, after: &Node, version: &str) -> Result<(), Refusal> {
    let (Value::Map(old), Value::Map(new)) = (&before.value, &after.value) else {
        return Err(Refusal::Layout);
    };
    let get = |m: &[(crate::yaml::Key, Node)], k: &str| {
        m.iter()
            .find(|(key, _)| key.name == k)
            .map(|(_, v)| v.clone())
    };
    for (key, value) in old {
        let edited =
            ["version", "status", "date", "approvals", "changelog"].contains(&key.name.as_str());
        match get(new, &key.name) {
            Some(v) if edited || crate::yaml::same(value, &v) => {}
            _ => return Err(Refusal::Changes(key.name.clone())),
        }
    }
    let is_str = |k: &str, want: &str| {
        get(new, k).is_some_and(|v| matches!(&v.value, Value::Str(s) if s == want))
    };
    if !is_str("version", version) || !is_str("status", "draft") {
        return Err(Refusal::Layout);
    }
    let entries = |m: &[(crate::yaml::Key, Node)]| match get(m, "changelog").map(|v| v.value) {
        Some(Value::Seq(items)) => items,
        _ => Vec::new(),
    };
    let (was, now) = (entries(old), entries(new));
    if now.len() != was.len() + 1 || !was.iter().zip(&now).all(|(a, b)| crate::yaml::same(a, b)) {
        return Err(Refusal::Changes("changelog".into()));
    }
    Ok(())
}

/// The name of the anchor on the value at `range` (`version: &v "1.0"`), when an alias
/// repeats it (`*v`) anywhere in `text`.
fn used_anchor(text: &str, key_end: usize, range: &Range<usize>) -> Option<String> {
    let before = text.get(key_end..range.start)?;
    let name: String = before
        .split('&')
        .nth(1)?
        .chars()
        .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
        .collect();
    let alias = format!("*{name}");
    text.match_indices(&alias)
        .any(|(i, _)| {
            let next = text[i + alias.len()..].chars().next();
            next.is_none_or(|c| c.is_whitespace() || ",]}".contains(c))
        })
        .then_some(name)
}

/// plan.yaml's text with the new version started: each change replaces exactly the bytes of
/// the value it changes, so comments and layout elsewhere stay (a change log written as a
/// flow list gets a flow entry; line ends stay as the file has them).
fn edit(
    text: &str,
    root: &Node,
    version: &str,
    today: &str,
    lang: crate::i18n::Lang,
) -> Result<String, Refusal> {
    let Value::Map(entries) = &root.value else {
        return Err(Refusal::Layout);
    };
    let get = |name: &str| entries.iter().find(|(k, _)| k.name == name);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (name, with) in [
        ("version", format!("\"{version}\"")),
        ("status", "draft".to_owned()),
        ("date", today.to_owned()),
    ] {
        if let Some((k, v)) = get(name) {
            if used_anchor(text, k.span.range.end, &v.span.range).is_some() {
                return Err(Refusal::Anchored(name.to_owned()));
            }
            edits.push((v.span.range.clone(), with));
        }
    }
    if let Some((k, v)) = get("approvals") {
        let end = crate::yaml::after_closing(text, crate::yaml::extent(v).max(k.span.range.end));
        let end = text[..end].trim_end().len();
        edits.push((k.span.range.start..end, "approvals: []".into()));
    }
    let what = lang.pick(
        "what changed in this version",
        "mitä tässä versiossa muuttui",
        "vad som ändrades i den här versionen",
    );
    let summary = format!("\"{}: {what}\"", crate::scaffold::placeholder_in(lang));
    let stub = |indent: &str| {
        format!(
            "{indent}- version: \"{version}\"\n{indent}  date: {today}\n{indent}  summary: {summary}"
        )
    };
    match get("changelog") {
        Some((_, v)) if text[v.span.range.clone()].starts_with('[') => {
            // A flow list: one more flow entry before its `]`.
            let close = crate::yaml::after_closing(text, crate::yaml::extent(v));
            let bracket = text[..close].rfind(']').ok_or(Refusal::Layout)?;
            let empty = matches!(&v.value, Value::Seq(items) if items.is_empty());
            let sep = if empty { "" } else { ", " };
            let before = text[..bracket].trim_end().len();
            edits.push((
                before..before,
                format!("{sep}{{version: \"{version}\", date: {today}, summary: {summary}}}"),
            ));
        }
        Some((_, v)) if matches!(&v.value, Value::Seq(items) if !items.is_empty()) => {
            let Value::Seq(items) = &v.value else {
                unreachable!()
            };
            let first = items[0].span.range.start;
            let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = text[line_start..first]
                .chars()
                .take_while(|c| *c == ' ')
                .collect();
            // After the last entry's end, a flow map's `}` included (`summary: {sv: ..}`),
            // and after a comment on its line, which stays with it.
            let end = crate::yaml::after_closing(text, crate::yaml::extent(v));
            let end = text[..end].trim_end().len();
            let line = text[end..].split('\n').next().unwrap_or("");
            let rest = line.trim_start();
            let end = if rest.is_empty() || rest.starts_with('#') {
                end + line.trim_end_matches('\r').len()
            } else {
                end
            };
            edits.push((end..end, format!("\n{}", stub(&indent))));
        }
        Some((k, v)) => {
            let end =
                crate::yaml::after_closing(text, crate::yaml::extent(v).max(k.span.range.end));
            let end = text[..end].trim_end().len();
            edits.push((
                k.span.range.start..end,
                format!("changelog:\n{}", stub("  ")),
            ));
        }
        None => {
            let end = text.trim_end().len();
            edits.push((end..end, format!("\nchangelog:\n{}", stub("  "))));
        }
    }
    // Line ends as the file has them.
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_owned();
    for (range, with) in edits {
        out.replace_range(range, &with.replace('\n', newline));
    }
    if !out.ends_with('\n') {
        out.push_str(newline);
    }
    Ok(out)
}
