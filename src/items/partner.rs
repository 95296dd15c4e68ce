//! A cooperation partner: a municipality, an NGO, a network, the centre of expertise.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::text::Text;

/// A cooperation partner.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Partner {
    /// Key (made from the name when not written).
    pub id: String,
    /// Name of the organisation or network.
    pub name: Text,
    /// Kind of partner (municipality, NGO, ...).
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// What the cooperation is.
    pub cooperation: Option<Text>,
    /// Where the item is written.
    #[serde(skip_serializing)]
    pub span: Option<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "partner",
    what: ["a partner", "yhteistyökumppani", "en samarbetspart"],
    list: [
        "the list of partners",
        "yhteistyökumppanien luettelo",
        "förteckningen över samarbetsparter",
    ],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus (vapaaehtoinen; muuten nimestä)",
            "K1",
        )
        .sv("Kort id (frivilligt; annars av namnet)", "K1")
        .en("A short id (optional; else made from the name)", "K1"),
        FieldSpec::new(
            "name",
            V::Text,
            "partner",
            "Yhteistyötahon nimi",
            "Alueen kunnat",
        )
        .sv("Samarbetspartens namn", "Områdets kommuner")
        .en("The partner's name", "The county's municipalities")
        .shown(Show::Column(3)),
        FieldSpec::new(
            "type",
            V::Text,
            "partner_type",
            "Tyyppi, esimerkiksi kunta, järjestö tai verkosto",
            "kunta",
        )
        .sv(
            "Typ, till exempel kommun, organisation eller nätverk",
            "kommun",
        )
        .en(
            "Type, such as municipality, organisation or network",
            "municipality",
        )
        .shown(Show::Column(2)),
        FieldSpec::new(
            "cooperation",
            V::Text,
            "cooperation",
            "Mitä yhteistyö on",
            "Hyvinvointikertomuksen valmistelu",
        )
        .sv("Vad samarbetet är", "Beredning av välfärdsberättelsen")
        .en("What the cooperation is", "Preparing the wellbeing report")
        .shown(Show::Column(6)),
    ],
    needs: &[],
    title: "name",
};

super::item_impl!(Partner);
