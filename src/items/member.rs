//! A member of the steering group or the working group: a role, never a person.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::text::Text;

/// A member of a group.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Member {
    /// Key for following the member across versions (made from the role when not written).
    pub id: String,
    /// Job title or role.
    pub role: Text,
    /// Unit or service area.
    pub unit: Option<Text>,
    /// Whether this member chairs the group.
    pub chair: bool,
    /// A note such as "sihteeri".
    pub note: Option<Text>,
    /// Where the item is written.
    #[serde(skip_serializing)]
    pub span: Option<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "member",
    what: ["a member", "jäsen"],
    list: ["the list of members", "jäsenluettelo"],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, jolla jäsen tunnistetaan versiosta toiseen (vapaaehtoinen; \
             muuten tehtävänimikkeestä)",
            "J1",
        ),
        FieldSpec::new(
            "role",
            V::Text,
            "role",
            "Tehtävänimike tai rooli, ei henkilön nimeä",
            "Johtava sosiaalityöntekijä",
        )
        .shown(Show::Column(4)),
        FieldSpec::new(
            "unit",
            V::Text,
            "unit",
            "Yksikkö tai palvelualue",
            "Perhe- ja sosiaalipalvelut",
        )
        .shown(Show::Column(4)),
        FieldSpec::new(
            "chair",
            V::Flag,
            "chair",
            "true, jos jäsen on ryhmän puheenjohtaja",
            "true",
        )
        .shown(Show::Before("note")),
        FieldSpec::new(
            "note",
            V::Text,
            "member_note",
            "Rooli ryhmässä, esimerkiksi sihteeri",
            "sihteeri",
        )
        .shown(Show::Column(2)),
    ],
    needs: &[],
    title: "role",
};

super::item_impl!(Member);
