//! One handling of the plan by a decision-making body (plan.yaml, `approvals:`): the body,
//! the meeting date, the minute reference and the decision.

use serde::{Deserialize, Serialize};

use super::{Choice, FieldSpec, Kind, Show, ValueKind as V};
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
    /// What the body decided.
    pub decision: Decision,
    /// Where the item is written.
    #[serde(default, skip_serializing)]
    pub span: Option<Span>,
}

/// What a body decided about the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Hyväksytty / godkänd.
    Approved,
    /// Merkitty tiedoksi / antecknad för kännedom.
    Noted,
}

impl Approval {
    /// The handling as one line: "Aluehallitus 19.5.2025 § 142: merkitty tiedoksi", the body
    /// in `lang` (else `main`), the decision in words from `labels`.
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
        let decision = labels
            .get(self.decision.as_str())
            .map_or(self.decision.as_str(), String::as_str)
            .to_lowercase();
        format!(
            "{} {}{minute}: {decision}",
            self.body.get(lang, main),
            self.date.local()
        )
    }
}

impl Decision {
    /// The YAML spelling, also the label key.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::Noted => "noted",
        }
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
            "decision",
            V::Choice(&[
                Choice {
                    value: "approved",
                    fi: "hyväksytty",
                    sv: "godkänd",
                    en: "approved",
                },
                Choice {
                    value: "noted",
                    fi: "merkitty tiedoksi",
                    sv: "antecknad för kännedom",
                    en: "noted",
                },
            ]),
            "decision",
            "Päätös: approved (hyväksytty) tai noted (merkitty tiedoksi)",
            "approved",
        )
        .sv(
            "Beslut: approved (godkänd) eller noted (antecknad för kännedom)",
            "approved",
        )
        .en("Decision: approved or noted", "approved")
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
