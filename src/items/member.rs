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
    what: ["a member", "jäsen", "en medlem"],
    list: ["the list of members", "jäsenluettelo", "medlemsförteckningen"],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, jolla jäsen tunnistetaan versiosta toiseen (vapaaehtoinen; \
             muuten tehtävänimikkeestä)",
            "J1",
        )
.sv("Kort id som känner igen medlemmen från version till version (frivilligt; annars av befattningen)", "J1")
.en("A short id that follows the member from version to version (optional; else made from the role)", "J1"),
        FieldSpec::new(
            "role",
            V::Text,
            "role",
            "Tehtävänimike tai rooli, ei henkilön nimeä",
            "Johtava sosiaalityöntekijä",
        )
.sv("Befattning eller roll, inte personens namn", "Ledande socialarbetare")
.en("Job title or role, never a person's name", "Lead social worker")
        .shown(Show::Column(4)),
        FieldSpec::new(
            "unit",
            V::Text,
            "unit",
            "Yksikkö tai palvelualue",
            "Perhe- ja sosiaalipalvelut",
        )
.sv("Enhet eller tjänsteområde", "Familje- och socialtjänster")
.en("Unit or service area", "Family and social services")
        .shown(Show::Column(4)),
        FieldSpec::new(
            "chair",
            V::Flag,
            "chair",
            "true, jos jäsen on ryhmän puheenjohtaja",
            "true",
        )
.sv("true, om medlemmen är gruppens ordförande", "true")
.en("true when the member chairs the group", "true")
        .shown(Show::Before("note")),
        FieldSpec::new(
            "note",
            V::Text,
            "member_note",
            "Rooli ryhmässä, esimerkiksi sihteeri",
            "sihteeri",
        )
.sv("Roll i gruppen, till exempel sekreterare", "sekreterare")
.en("Role in the group, such as secretary", "secretary")
        .shown(Show::Column(2)),
    ],
    needs: &[],
    title: "role",
};

super::item_impl!(Member);
