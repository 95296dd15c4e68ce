//! An event of the annual reporting cycle (vuosikello): a month or a range of months, what
//! is done, by whom and for whom. A range may run over the turn of the year ("12-1").

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::text::Text;

/// An event of the annual reporting cycle.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CycleEvent {
    /// Key for following the event across versions (made from the activity when not written).
    pub id: String,
    /// First month, 1-12.
    pub month_from: u8,
    /// Last month, 1-12: the same as the first for one month, smaller for a range over the
    /// turn of the year (12 → 1).
    pub month_to: u8,
    /// What is done.
    pub activity: Text,
    /// Who is responsible.
    pub owner: Option<Text>,
    /// Who receives the result.
    pub audience: Option<Text>,
    /// Where the item is written.
    #[serde(skip_serializing)]
    pub span: Option<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "event",
    what: ["a reporting-cycle event", "vuosikellon tapahtuma"],
    list: [
        "the list of cycle events",
        "vuosikellon tapahtumien luettelo",
    ],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, jolla tapahtuma tunnistetaan versiosta toiseen (vapaaehtoinen)",
            "V1",
        ),
        FieldSpec::new(
            "month",
            V::Months,
            "month",
            "Kuukausi tai kuukausiväli: numero (3), nimi (maaliskuu) tai väli lainausmerkeissä \
             (\"1-2\", \"joulu-tammikuu\"); väli voi jatkua vuodenvaihteen yli (\"12-1\")",
            "\"1-2\"",
        )
        .shown(Show::Column(2)),
        FieldSpec::new(
            "activity",
            V::Text,
            "activity",
            "Mitä tehdään",
            "Vuosiraportin kokoaminen",
        )
        .shown(Show::Column(5)),
        FieldSpec::new("owner", V::Text, "owner", "Vastuutaho", "Työryhmä").shown(Show::Column(3)),
        FieldSpec::new(
            "audience",
            V::Text,
            "audience",
            "Kenelle tulos menee",
            "Johtoryhmä",
        )
        .shown(Show::Column(3)),
    ],
    needs: &["month"],
    title: "activity",
};

super::item_impl!(CycleEvent);
