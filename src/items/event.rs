//! An event of the annual reporting cycle (vuosikello): a month or a range of months, what
//! is done, by whom and for whom. A range may run over the turn of the year ("12-1").

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Item, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::text::Text;

/// An event of the annual reporting cycle.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CycleEvent {
    /// Key for following the event across versions (made from the activity when not written).
    #[serde(default)]
    pub id: String,
    /// First month, 1-12.
    #[serde(default)]
    pub month_from: u8,
    /// Last month, 1-12: the same as the first for one month, smaller for a range over the
    /// turn of the year (12 → 1).
    #[serde(default)]
    pub month_to: u8,
    /// What is done.
    #[serde(default)]
    pub activity: Text,
    /// Who is responsible.
    #[serde(default)]
    pub owner: Option<Text>,
    /// Who receives the result.
    #[serde(default)]
    pub audience: Option<Text>,
    /// Where the item is written.
    #[serde(default, skip_serializing)]
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

impl Item for CycleEvent {
    const KIND: &'static Kind = KIND;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }
}
