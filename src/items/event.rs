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
    what: ["a reporting-cycle event", "vuosikellon tapahtuma", "en händelse i årsklockan"],
    list: [
        "the list of cycle events",
        "vuosikellon tapahtumien luettelo", "förteckningen över årsklockans händelser"],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, jolla tapahtuma tunnistetaan versiosta toiseen (vapaaehtoinen)",
            "V1",
        )
.sv("Kort id som känner igen händelsen från version till version (frivilligt)", "V1")
.en("A short id that follows the event from version to version (optional)", "V1"),
        FieldSpec::new(
            "month",
            V::Months,
            "month",
            "Kuukausi tai kuukausiväli: numero (3), nimi (maaliskuu) tai väli lainausmerkeissä \
             (\"1-2\", \"joulu-tammikuu\"); väli voi jatkua vuodenvaihteen yli (\"12-1\")",
            "\"1-2\"",
        )
.sv("Månad eller månadsintervall: nummer (3), namn (mars) eller intervall inom citattecken (\"1-2\"); intervallet kan fortsätta över årsskiftet (\"12-1\")", "\"1-2\"")
.en("Month or range of months: a number (3), a name (March) or a range in quotes (\"1-2\"); a range may run over the turn of the year (\"12-1\")", "\"1-2\"")
        .shown(Show::Column(2)),
        FieldSpec::new(
            "activity",
            V::Text,
            "activity",
            "Mitä tehdään",
            "Vuosiraportin kokoaminen",
        )
.sv("Vad som görs", "Årsrapporten sammanställs")
.en("What is done", "Compiling the annual report")
        .shown(Show::Column(5)),
        FieldSpec::new("owner", V::Text, "owner", "Vastuutaho", "Työryhmä")
.sv("Ansvarig", "Arbetsgruppen")
.en("Who is responsible", "The working group").shown(Show::Column(3)),
        FieldSpec::new(
            "audience",
            V::Text,
            "audience",
            "Kenelle tulos menee",
            "Johtoryhmä",
        )
.sv("Vem resultatet går till", "Ledningsgruppen")
.en("Who receives the result", "The management group")
        .shown(Show::Column(3)),
    ],
    needs: &["month"],
    title: "activity",
};

super::item_impl!(CycleEvent);
