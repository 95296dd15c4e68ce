//! An action of a focus area: what is done, by whom, when, and which indicators it moves.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Item, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::text::Text;

/// An action of a focus area.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Action {
    /// Key, shown in the table so texts can refer to it.
    #[serde(default)]
    pub id: String,
    /// What is done.
    #[serde(default)]
    pub action: Text,
    /// Who is responsible.
    #[serde(default)]
    pub owner: Option<Text>,
    /// When.
    #[serde(default)]
    pub schedule: Option<Text>,
    /// Ids of the indicators the action moves.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Where the item is written.
    #[serde(default, skip_serializing)]
    pub span: Option<Span>,
    /// Where each indicator reference is written.
    #[serde(default, skip_serializing)]
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

impl Item for Action {
    const KIND: &'static Kind = KIND;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }
}
