//! An action of a focus area: what is done, by whom, when, and which indicators it moves.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::text::Text;

/// An action of a focus area.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    /// Key, shown in the table so texts can refer to it.
    pub id: String,
    /// What is done.
    pub action: Text,
    /// Who is responsible.
    pub owner: Option<Text>,
    /// When.
    pub schedule: Option<Text>,
    /// Ids of the indicators the action moves.
    pub indicators: Vec<String>,
    /// Where the item is written.
    #[serde(skip_serializing)]
    pub span: Option<Span>,
    /// Where each indicator reference is written.
    #[serde(skip_serializing)]
    pub indicators_spans: Vec<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "action",
    what: ["an action", "toimenpide", "en åtgärd"],
    list: ["the list of actions", "toimenpideluettelo", "åtgärdsförteckningen"],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, esimerkiksi A1; näkyy taulukossa, joten tekstissä voi viitata siihen",
            "A1",
        )
.sv("Kort id, till exempel A1; syns i tabellen, så att texten kan hänvisa till det", "A1")
.en("A short id such as A1; shown in the table, so texts can refer to it", "A1")
        .shown(Show::Code),
        FieldSpec::new(
            "action",
            V::Text,
            "action",
            "Mitä tehdään",
            "Raportointilomake otetaan käyttöön kaikissa yksiköissä",
        )
.sv("Vad som görs", "Rapporteringsblanketten tas i bruk i alla enheter")
.en("What is done", "The reporting form is taken into use in every unit")
        .shown(Show::Column(5)),
        FieldSpec::new("owner", V::Text, "owner", "Vastuutaho", "Työryhmä")
.sv("Ansvarig", "Arbetsgruppen")
.en("Who is responsible", "The working group").shown(Show::Column(3)),
        FieldSpec::new(
            "schedule",
            V::Text,
            "schedule",
            "Aikataulu, esimerkiksi 2026 tai syksy 2026",
            "2026",
        )
.sv("Tidtabell, till exempel 2026 eller hösten 2026", "2026")
.en("Schedule, such as 2026 or autumn 2026", "2026")
        .shown(Show::Column(2)),
        FieldSpec::new(
            "indicators",
            V::Refs,
            "indicators",
            "Mittarien tunnukset seurantaluvusta (sections/monitoring.yaml), joihin toimenpide \
             vaikuttaa",
            "[I1]",
        )
.sv("Id:n för de indikatorer i uppföljningskapitlet (sections/monitoring.yaml) som åtgärden påverkar", "[I1]")
.en("Ids of the indicators in the monitoring section (sections/monitoring.yaml) the action moves", "[I1]")
        .shown(Show::Column(3)),
    ],
    needs: &[],
    title: "action",
};

super::item_impl!(Action);
