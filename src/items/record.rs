//! The plan as a record of a public authority (plan.yaml, `record:`; defaults in
//! region.yaml, `record:`): its publicity class, whether it holds personal data, its
//! retention period and the grounds for it, the task class of the county's records
//! management plan (TOS) and the county's own record identifier. What the public-sector
//! metadata models (JHS 191, the National Archives' minimum archival metadata) ask of every
//! record; written into each stored version's `record.json` and manifest.

use serde::{Deserialize, Serialize};

use super::{Choice, FieldSpec, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;

/// Records metadata of one version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordInfo {
    /// Publicity class: `public`, `partly-secret` or `secret`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicity: Option<String>,
    /// Whether the record holds personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_data: Option<bool>,
    /// Retention period: `permanent`, or a number of years ("10 v").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<String>,
    /// The grounds for the retention period (the National Archives' decision, a law, the
    /// county's records management plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_grounds: Option<String>,
    /// The task class of the county's records management plan (TOS), e.g. "05.01.02".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_class: Option<String>,
    /// The county's own identifier of the record (in its case management system).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// Where it is written.
    #[serde(default, skip_serializing)]
    pub span: Option<Span>,
}

impl RecordInfo {
    /// These values, each missing one taken from `defaults` (the county's, in region.yaml).
    pub fn over(&self, defaults: &RecordInfo) -> RecordInfo {
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        RecordInfo {
            publicity: pick(&self.publicity, &defaults.publicity),
            personal_data: self.personal_data.or(defaults.personal_data),
            retention: pick(&self.retention, &defaults.retention),
            retention_grounds: pick(&self.retention_grounds, &defaults.retention_grounds),
            task_class: pick(&self.task_class, &defaults.task_class),
            identifier: pick(&self.identifier, &defaults.identifier),
            span: self.span.clone().or_else(|| defaults.span.clone()),
        }
    }

    /// Whether nothing is said.
    pub fn is_empty(&self) -> bool {
        *self
            == RecordInfo {
                span: self.span.clone(),
                ..RecordInfo::default()
            }
    }
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "record",
    what: [
        "the records metadata",
        "asiakirjan tiedot",
        "handlingens uppgifter",
    ],
    list: [
        "the records metadata",
        "asiakirjan tiedot",
        "handlingens uppgifter",
    ],
    fields: &[
        FieldSpec::new(
            "publicity",
            V::Choice(&[
                Choice {
                    value: "public",
                    fi: "julkinen",
                    sv: "offentlig",
                    en: "public",
                },
                Choice {
                    value: "partly-secret",
                    fi: "osittain salassa pidettävä",
                    sv: "delvis sekretessbelagd",
                    en: "partly secret",
                },
                Choice {
                    value: "secret",
                    fi: "salassa pidettävä",
                    sv: "sekretessbelagd",
                    en: "secret",
                },
            ]),
            "record_publicity",
            "Julkisuusluokka: public (julkinen), partly-secret (osittain salassa pidettävä) tai \
             secret (salassa pidettävä)",
            "public",
        )
        .sv(
            "Offentlighetsklass: public (offentlig), partly-secret (delvis sekretessbelagd) eller \
             secret (sekretessbelagd)",
            "public",
        )
        .en(
            "Publicity class: public, partly-secret or secret",
            "public",
        )
        .shown(Show::Column(2)),
        FieldSpec::new(
            "personal_data",
            V::Flag,
            "record_personal_data",
            "Sisältääkö asiakirja henkilötietoja (true tai false)",
            "false",
        )
        .sv("Innehåller handlingen personuppgifter (true eller false)", "false")
        .en("Whether the record holds personal data (true or false)", "false")
        .shown(Show::Column(1)),
        FieldSpec::new(
            "retention",
            V::Str,
            "record_retention",
            "Säilytysaika: permanent (pysyvä) tai vuosina, esimerkiksi \"10 v\"",
            "permanent",
        )
        .sv(
            "Förvaringstid: permanent (varaktigt) eller i år, till exempel \"10 år\"",
            "permanent",
        )
        .en(
            "Retention period: permanent, or in years, such as \"10 y\"",
            "permanent",
        )
        .shown(Show::Column(1)),
        FieldSpec::new(
            "retention_grounds",
            V::Str,
            "record_retention_grounds",
            "Säilytysajan peruste, esimerkiksi arkistolaitoksen päätös tai tiedonohjaussuunnitelma",
            "\"Tiedonohjaussuunnitelma\"",
        )
        .sv(
            "Grund för förvaringstiden, till exempel Arkivverkets beslut eller informationsstyrningsplanen",
            "\"Informationsstyrningsplan\"",
        )
        .en(
            "Grounds for the retention period, such as a National Archives decision or the records management plan",
            "\"Records management plan\"",
        )
        .shown(Show::Column(3)),
        FieldSpec::new(
            "task_class",
            V::Str,
            "record_task_class",
            "Tiedonohjaussuunnitelman (TOS) tehtäväluokka, esimerkiksi \"05.01.02\"",
            "\"05.01.02\"",
        )
        .sv(
            "Uppgiftsklass i informationsstyrningsplanen, till exempel \"05.01.02\"",
            "\"05.01.02\"",
        )
        .en(
            "Task class in the records management plan (TOS), such as \"05.01.02\"",
            "\"05.01.02\"",
        )
        .shown(Show::Column(1)),
        FieldSpec::new(
            "identifier",
            V::Str,
            "record_identifier",
            "Hyvinvointialueen oma asiakirjan tunniste asianhallinnassa",
            "\"KAIDno-2025-88\"",
        )
        .sv(
            "Välfärdsområdets egen identifierare för handlingen i ärendehanteringen",
            "\"KAIDno-2025-88\"",
        )
        .en(
            "The county's own identifier of the record in its case management",
            "\"KAIDno-2025-88\"",
        )
        .shown(Show::Column(2)),
    ],
    needs: &[],
    title: "identifier",
};

super::item_impl!(RecordInfo, |r| r.identifier.clone().unwrap_or_default());
