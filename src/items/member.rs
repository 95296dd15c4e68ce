//! A member of the steering group or the working group: a role, never a person.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Item, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::text::Text;

/// A member of a group.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Member {
    /// Key for following the member across versions (made from the role when not written).
    #[serde(default)]
    pub id: String,
    /// Job title or role.
    #[serde(default)]
    pub role: Text,
    /// Unit or service area.
    #[serde(default)]
    pub unit: Option<Text>,
    /// Whether this member chairs the group.
    #[serde(default)]
    pub chair: bool,
    /// A note such as "sihteeri".
    #[serde(default)]
    pub note: Option<Text>,
    /// Where the item is written.
    #[serde(default, skip_serializing)]
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

impl Item for Member {
    const KIND: &'static Kind = KIND;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }
}
