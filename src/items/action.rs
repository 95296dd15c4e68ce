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
    what: ["an action", "toimenpide"],
    list: ["the list of actions", "toimenpideluettelo"],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, esimerkiksi A1; näkyy taulukossa, joten tekstissä voi viitata siihen",
            "A1",
        )
        .shown(Show::Code),
        FieldSpec::new(
            "action",
            V::Text,
            "action",
            "Mitä tehdään",
            "Raportointilomake otetaan käyttöön kaikissa yksiköissä",
        )
        .shown(Show::Column(5)),
        FieldSpec::new("owner", V::Text, "owner", "Vastuutaho", "Työryhmä").shown(Show::Column(3)),
        FieldSpec::new(
            "schedule",
            V::Text,
            "schedule",
            "Aikataulu, esimerkiksi 2026 tai syksy 2026",
            "2026",
        )
        .shown(Show::Column(2)),
        FieldSpec::new(
            "indicators",
            V::Refs,
            "indicators",
            "Mittarien tunnukset seurantaluvusta (sections/monitoring.yaml), joihin toimenpide \
             vaikuttaa",
            "[I1]",
        )
        .shown(Show::Column(3)),
    ],
    needs: &[],
    title: "action",
};

super::item_impl!(Action);
