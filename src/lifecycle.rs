//! A version's life: draft → proposed (in handling) → approved → superseded, and what each
//! stage may carry. A draft carries no decisions (those in plan.yaml belong to the version
//! it was made from); a proposed version carries the decisions taken so far; an approved
//! one at least one body's approval. No decision predates the version it is about, and the
//! change history names the current version. Pure: reads the plan's metadata, returns
//! diagnostics.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{Handled, PlanMeta, Status};
use crate::names::same_version;
use crate::template::Template;
use crate::tr;

/// Every lifecycle problem of `meta`, read from the county's `plan_yaml`.
pub fn check(meta: &PlanMeta, template: &Template, plan_yaml: &Path) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let version = &meta.version;
    let date = meta.date;
    match meta.status {
        Status::Draft => {
            if let Some(first) = meta.approvals.first() {
                let (body, when) = (
                    first.body.get(crate::i18n::pick("fi", "fi", "sv"), "fi"),
                    first.date,
                );
                let n = meta.approvals.len();
                diags.push(
                    Diagnostic::error(
                        first.span.clone(),
                        tr!(
                            "version {version} is a draft, so it carries no decisions, but plan.yaml lists {n} (the first: {body} on {when})",
                            "versio {version} on luonnos, joten sillä ei ole päätöksiä, mutta \
                             tiedostossa plan.yaml on {n} käsittelyä (ensimmäinen: {body} {when})",
"version {version} är ett utkast och har därför inga beslut, men plan.yaml listar {n} (det första: {body} {when})"
                        ),
                    )
                    .with_hint(tr!(
                        "these decisions belong to the version this draft was made from and stay in its \
                         record: write `approvals: []`; add a decision when a body has handled this version",
                        "käsittelyt kuuluvat versioon, josta luonnos tehtiin, ja säilyvät sen \
                         tallenteessa: kirjoita `approvals: []` ja lisää käsittely vasta, kun \
                         toimielin on käsitellyt tämän version",
"behandlingarna hör till den version som utkastet gjordes från och finns kvar i dess sparade handling: skriv `approvals: []` och lägg till en behandling först när ett organ har behandlat den här versionen"
                    )),
                );
            }
        }
        Status::Proposed | Status::Approved | Status::Superseded => {
            for approval in meta.approvals.iter().filter(|a| a.date < date) {
                let (body, when) = (
                    approval.body.get(crate::i18n::pick("fi", "fi", "sv"), "fi"),
                    approval.date,
                );
                diags.push(
                    Diagnostic::error(
                        approval.span.clone(),
                        tr!(
                            "the decision of \"{body}\" on {when} predates version {version} (dated {date}): it was taken on an earlier version",
                            "toimielimen \"{body}\" päätös {when} on tehty ennen versiota \
                             {version} (päivätty {date}), joten se koskee aiempaa versiota",
"organet \"{body}\" fattade sitt beslut {when} före version {version} (daterad {date}), så det gäller en tidigare version"
                        ),
                    )
                    .with_hint(tr!(
                        "remove it (it stays in the earlier version's record), or correct `date` in plan.yaml",
                        "poista se (se säilyy aiemman version tallenteessa) tai korjaa \
                         tiedoston plan.yaml `date`",
"ta bort det (det finns kvar i den tidigare versionens sparade handling) eller rätta `date` i plan.yaml"
                    )),
                );
            }
        }
    }
    if meta.status.is_final()
        && !meta.approvals.iter().any(|a| {
            template
                .decision(a.decision.as_str())
                .is_some_and(|k| k.approves)
        })
    {
        diags.push(
            Diagnostic::error_at_path(
                plan_yaml,
                tr!(
                    "version {version} is marked approved, but no body's decision approves it",
                    "versio {version} on merkitty hyväksytyksi, mutta yksikään toimielin ei ole \
                     hyväksynyt sitä",
"version {version} är markerad som godkänd, men inget organs beslut godkänner den"
                ),
            )
            .with_hint(tr!(
                "add the approving body under `approvals:` with `decision: approved` (a statement or a note does not approve), or set `status: proposed` while it is in handling",
                "lisää hyväksynyt toimielin kohtaan `approvals:` (`decision: approved`) tai \
                 merkitse `status: proposed`, kun versio on vielä käsittelyssä",
"lägg till det godkännande organet under `approvals:` med `decision: approved`, eller ange `status: proposed` medan versionen behandlas"
            )),
        );
    }
    // Each version once in the history, and none that is yet to come.
    let current = crate::names::Version::parse(version);
    for (i, entry) in meta.changelog.iter().enumerate() {
        let at = |d: Diagnostic| match &entry.span {
            Some(span) => Diagnostic {
                span: Some(span.clone()),
                ..d
            },
            None => Diagnostic {
                path: Some(plan_yaml.to_owned()),
                ..d
            },
        };
        let listed = &entry.version;
        if meta.changelog[..i]
            .iter()
            .any(|c| same_version(&c.version, listed))
        {
            diags.push(at(Diagnostic::error(
                None,
                tr!(
                    "the change history names version {listed} twice",
                    "muutoshistoriassa on versio {listed} kahdesti",
                    "ändringshistoriken nämner version {listed} två gånger"
                ),
            )
            .with_hint(tr!(
                "keep one entry per version; write what changed in it in one summary",
                "pidä kustakin versiosta yksi merkintä; kirjoita sen muutokset yhteen yhteenvetoon",
                "behåll en rad per version; skriv vad som ändrades i en sammanfattning"
            ))));
        } else if let (Some(listed_v), Some(current)) =
            (crate::names::Version::parse(listed), current.as_ref())
            && listed_v > *current
        {
            diags.push(at(Diagnostic::error(
                None,
                tr!(
                    "the change history names version {listed}, above the plan's version {version}",
                    "muutoshistoriassa on versio {listed}, joka on suunnitelman versiota {version} \
                     uudempi",
                    "ändringshistoriken nämner version {listed}, högre än planens version {version}"
                ),
            )
            .with_hint(tr!(
                "a version enters the history when it is started (`rakeplan next`): fix the number",
                "versio tulee historiaan, kun se aloitetaan (`rakeplan next`): korjaa numero",
                "en version förs in i historiken när den påbörjas (`rakeplan next`): rätta numret"
            ))));
        }
    }
    if !meta
        .changelog
        .iter()
        .any(|c| same_version(&c.version, version))
    {
        let message = tr!(
            "the change history (`changelog:` in plan.yaml) has no entry for version {version}",
            "muutoshistoriassa (tiedoston plan.yaml `changelog:`) ei ole merkintää versiosta \
             {version}",
            "ändringshistoriken (`changelog:` i plan.yaml) har ingen rad för version {version}"
        );
        let hint = tr!(
            "add `- version: \"{version}\"` with its `date` and a `summary` of what changed",
            "lisää `- version: \"{version}\"` sekä sen `date` ja `summary`, jossa kerrotaan, \
             mitä muuttui",
            "lägg till `- version: \"{version}\"` med dess `date` och en `summary` om vad som ändrades"
        );
        // A warning at every stage: the bodies read the history, but a version is not
        // refused for it.
        let diag = Diagnostic::warning(None, message);
        diags.push(Diagnostic {
            path: Some(plan_yaml.to_owned()),
            ..diag.with_hint(hint)
        });
    }
    diags
}

/// Decisions in plan.yaml that an earlier version's record holds too (the same body on the
/// same day): they were taken on that version and belong to its record, not to this one.
/// A draft's decisions are reported by [`check`] already.
pub fn carried_over(meta: &PlanMeta, history: &[Handled], plan_yaml: &Path) -> Vec<Diagnostic> {
    if meta.status == Status::Draft {
        return Vec::new();
    }
    let version = &meta.version;
    let mut diags = Vec::new();
    for approval in &meta.approvals {
        let body = approval.body.get(crate::i18n::pick("fi", "fi", "sv"), "fi");
        let Some(earlier) = history.iter().find(|h| {
            !same_version(&h.version, version)
                && h.approvals.iter().any(|a| {
                    a.date == approval.date
                        && a.body.get(crate::i18n::pick("fi", "fi", "sv"), "fi") == body
                })
        }) else {
            continue;
        };
        let (when, old) = (approval.date, &earlier.version);
        let mut diag = Diagnostic::error(
            approval.span.clone(),
            tr!(
                "the decision of \"{body}\" on {when} was taken on version {old} (its record holds it), not on version {version}",
                "toimielimen \"{body}\" päätös {when} koskee versiota {old} (se on sen \
                 tallenteessa) eikä versiota {version}",
"organet \"{body}\" fattade sitt beslut {when} om version {old} (det finns i dess sparade handling), inte om version {version}"
            ),
        )
        .with_hint(tr!(
            "remove it from plan.yaml: version {old}'s record keeps it; list only decisions taken on version {version}",
            "poista se tiedostosta plan.yaml: version {old} tallenne säilyttää sen; luettele \
             vain versiosta {version} tehdyt päätökset",
"ta bort det ur plan.yaml: version {old}s sparade handling bevarar det; lista bara beslut om version {version}"
        ));
        if diag.span.is_none() {
            diag.path = Some(plan_yaml.to_owned());
        }
        diags.push(diag);
    }
    diags
}
