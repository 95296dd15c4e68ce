//! A focus area (painopistealue): a name, a goal, a description and its actions. The
//! document draws it as a numbered subsection rather than a table row.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Item, Kind, ValueKind as V};
use crate::diagnostic::Span;
use crate::items::Action;
use crate::text::Text;

/// A focus area with its goal and actions.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FocusArea {
    /// Key, also in the subsection's anchor.
    #[serde(default)]
    pub id: String,
    /// Name, e.g. "Tietotyö".
    #[serde(default)]
    pub name: Text,
    /// Goal.
    #[serde(default)]
    pub goal: Option<Text>,
    /// Description in Markdown.
    #[serde(default)]
    pub description: Option<Text>,
    /// Actions.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Where the item is written.
    #[serde(default, skip_serializing)]
    pub span: Option<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "area",
    what: ["a focus area", "painopistealue"],
    list: ["the list of focus areas", "painopistealueiden luettelo"],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, esimerkiksi T1 tai tietotyo; näkyy osion ankkurissa",
            "T1",
        ),
        FieldSpec::new(
            "name",
            V::Text,
            "name",
            "Painopistealueen nimi, esimerkiksi Tietotyö",
            "Tietotyö",
        ),
        FieldSpec::new(
            "goal",
            V::Text,
            "goal",
            "Painopistealueen tavoite valtuustokaudelle",
            "Sosiaalisen raportoinnin tieto on osa tiedolla johtamista",
        ),
        FieldSpec::new(
            "description",
            V::Markdown,
            "description",
            "Kuvaus (Markdown)",
            "Painopistealueen kuvaus",
        ),
        FieldSpec::new(
            "actions",
            V::Items(super::action::KIND),
            "actions",
            "Toimenpiteet: mitä tehdään, kuka vastaa, milloin ja mihin mittareihin toimenpide \
             vaikuttaa",
            "",
        ),
    ],
    needs: &[],
    title: "name",
};

impl Item for FocusArea {
    const KIND: &'static Kind = KIND;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }
}
