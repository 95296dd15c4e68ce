//! A focus area (painopistealue): a name, a goal, a description and its actions. The
//! document draws it as a numbered subsection rather than a table row.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, ValueKind as V};
use crate::diagnostic::Span;
use crate::items::Action;
use crate::text::Text;

/// A focus area with its goal and actions.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FocusArea {
    /// Key, also in the subsection's anchor.
    pub id: String,
    /// Name, e.g. "Tietotyö".
    pub name: Text,
    /// Goal.
    pub goal: Option<Text>,
    /// Description in Markdown.
    pub description: Option<Text>,
    /// Actions.
    pub actions: Vec<Action>,
    /// Where the item is written.
    #[serde(skip_serializing)]
    pub span: Option<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "area",
    what: ["a focus area", "painopistealue", "ett fokusområde"],
    list: [
        "the list of focus areas",
        "painopistealueiden luettelo",
        "förteckningen över fokusområden",
    ],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, esimerkiksi T1 tai tietotyo; näkyy osion ankkurissa",
            "T1",
        )
        .sv(
            "Kort id, till exempel T1 eller kunskap; syns i avsnittets ankare",
            "T1",
        )
        .en(
            "A short id such as T1 or knowledge; used in the section's anchor",
            "T1",
        ),
        FieldSpec::new(
            "name",
            V::Text,
            "name",
            "Painopistealueen nimi, esimerkiksi Tietotyö",
            "Tietotyö",
        )
        .sv(
            "Fokusområdets namn, till exempel Kunskapsarbete",
            "Kunskapsarbete",
        )
        .en(
            "The focus area's name, such as Knowledge work",
            "Knowledge work",
        ),
        FieldSpec::new(
            "goal",
            V::Text,
            "goal",
            "Painopistealueen tavoite valtuustokaudelle",
            "Sosiaalisen raportoinnin tieto on osa tiedolla johtamista",
        )
        .sv(
            "Fokusområdets mål för fullmäktigeperioden",
            "Kunskapen från den sociala rapporteringen är en del av kunskapsbaserad ledning",
        )
        .en(
            "The focus area's goal for the council term",
            "Knowledge from social reporting is part of knowledge-based management",
        ),
        FieldSpec::new(
            "description",
            V::Markdown,
            "description",
            "Kuvaus (Markdown)",
            "Painopistealueen kuvaus",
        )
        .sv("Beskrivning (Markdown)", "Beskrivning av fokusområdet")
        .en("Description (Markdown)", "Description of the focus area"),
        FieldSpec::new(
            "actions",
            V::Items(super::action::KIND),
            "actions",
            "Toimenpiteet: mitä tehdään, kuka vastaa, milloin ja mihin mittareihin toimenpide \
             vaikuttaa",
            "",
        )
        .sv(
            "Åtgärder: vad som görs, vem som ansvarar, när och vilka indikatorer åtgärden påverkar",
            "",
        )
        .en(
            "Actions: what is done, by whom, when, and which indicators the action moves",
            "",
        ),
    ],
    needs: &[],
    title: "name",
};

super::item_impl!(FocusArea);
