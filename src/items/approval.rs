//! One handling of the plan by a decision-making body (plan.yaml, `approvals:`): the body,
//! the meeting date, the minute reference and the decision.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, Show, ValueKind as V};
use crate::date::Date;
use crate::diagnostic::Span;
use crate::text::Text;

/// One handling of the plan by a decision-making body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Approval {
    /// The body (management team, committee, county executive, council ...).
    pub body: Text,
    /// Date of the meeting.
    pub date: Date,
    /// Minute reference, e.g. "§ 69".
    #[serde(default)]
    pub minute: Option<String>,
    /// The matter's case number in the county's case management (asianumero,
    /// diaarinumero), e.g. "KAIDno-2022-1871".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// What the body decided.
    pub decision: Decision,
    /// Where the item is written.
    #[serde(default, skip_serializing)]
    pub span: Option<Span>,
}

/// What a body decided about the plan: one of the template's decision kinds
/// (`decisions:` in template.yaml: approved, noted, a statement given, returned for
/// preparation, or a county's own), by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Decision(pub String);

impl Approval {
    /// The handling as one line: "Aluehallitus 19.5.2025 § 142 (KAIDno-2025-88): merkitty
    /// tiedoksi", the body in `lang` (else `main`), the decision in words from `labels` (the
    /// template's decision kinds are there as `decision_<id>`).
    pub fn line(
        &self,
        lang: &str,
        main: &str,
        labels: &std::collections::BTreeMap<String, String>,
    ) -> String {
        let minute = self
            .minute
            .as_deref()
            .map(|m| format!(" {m}"))
            .unwrap_or_default();
        let id = self.decision.as_str();
        let decision = labels
            .get(&format!("decision_{id}"))
            .or_else(|| labels.get(id))
            .map_or(id, String::as_str)
            .to_lowercase();
        let case = self
            .case
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        format!(
            "{} {}{minute}{case}: {decision}",
            self.body.get(lang, main),
            self.date.local()
        )
    }
}

impl Decision {
    /// The YAML spelling, the decision kind's id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "approval",
    what: ["an approval", "käsittely", "en behandling"],
    list: [
        "the list of approvals",
        "käsittelyjen luettelo",
        "förteckningen över behandlingar",
    ],
    fields: &[
        FieldSpec::new(
            "body",
            V::Text,
            "body",
            "Toimielin, esimerkiksi {fi: Aluehallitus, sv: Välfärdsområdesstyrelsen}",
            "Aluehallitus",
        )
        .sv(
            "Organ, till exempel {sv: Välfärdsområdesstyrelsen, fi: Aluehallitus}",
            "Välfärdsområdesstyrelsen",
        )
        .en(
            "The body, such as {fi: Aluehallitus, sv: Välfärdsområdesstyrelsen}",
            "County executive board",
        )
        .shown(Show::Column(5)),
        FieldSpec::new(
            "date",
            V::Date,
            "date",
            "Kokouspäivä (VVVV-KK-PP)",
            "2025-05-20",
        )
        .sv("Mötesdatum (ÅÅÅÅ-MM-DD)", "2025-05-20")
        .en("Date of the meeting (YYYY-MM-DD)", "2025-05-20")
        .shown(Show::Column(2)),
        FieldSpec::new(
            "minute",
            V::Str,
            "minute",
            "Pykälä, esimerkiksi \"§ 69\"",
            "\"§ 69\"",
        )
        .sv("Paragraf, till exempel \"§ 69\"", "\"§ 69\"")
        .en("Minute, such as \"§ 69\"", "\"§ 69\"")
        .shown(Show::Column(2)),
        FieldSpec::new(
            "case",
            V::Str,
            "case",
            "Asianumero (diaarinumero), esimerkiksi \"KAIDno-2025-88\"",
            "\"KAIDno-2025-88\"",
        )
        .sv(
            "Diarienummer, till exempel \"KAIDno-2025-88\"",
            "\"KAIDno-2025-88\"",
        )
        .en(
            "Case number in the case register, such as \"KAIDno-2025-88\"",
            "\"KAIDno-2025-88\"",
        )
        .shown(Show::Column(2)),
        FieldSpec::new(
            "decision",
            V::Decision,
            "decision",
            "Päätös: approved (hyväksytty), noted (merkitty tiedoksi), statement (lausunto \
             annettu) tai returned (palautettu valmisteluun)",
            "approved",
        )
        .sv(
            "Beslut: approved (godkänd), noted (antecknad för kännedom), statement (utlåtande \
             givet) eller returned (återremitterad för beredning)",
            "approved",
        )
        .en(
            "Decision: approved, noted, statement (a statement given) or returned (for \
             further preparation)",
            "approved",
        )
        .shown(Show::Column(3)),
    ],
    needs: &["body", "date", "decision"],
    title: "body",
};

// Approvals have no id: the body (in Finnish, else as written) and the date; the date also
// tells two handlings by one body apart in labels.
super::item_impl!(
    Approval,
    |a| format!("{} {}", a.body.get("fi", "fi"), a.date),
    {
        fn label_extra(&self) -> Option<String> {
            Some(self.date.local())
        }
    }
);
