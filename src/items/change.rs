//! One line of the change history (plan.yaml, `changelog:`): a version, its date and what
//! changed.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, Show, ValueKind as V};
use crate::date::Date;
use crate::diagnostic::Span;
use crate::text::Text;

/// One line of the change history.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeEntry {
    /// The version the line describes.
    pub version: String,
    /// When.
    pub date: Date,
    /// What changed.
    pub summary: Text,
    /// Where the item is written.
    #[serde(default, skip_serializing)]
    pub span: Option<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "change",
    what: [
        "a changelog entry",
        "muutoshistorian merkintä",
        "en rad i ändringshistoriken",
    ],
    list: ["the change history", "muutoshistoria", "ändringshistoriken"],
    fields: &[
        FieldSpec::new(
            "version",
            V::Version,
            "version",
            "Versionumero lainausmerkeissä, esimerkiksi \"1.1\"",
            "\"1.1\"",
        )
        .sv(
            "Versionsnummer inom citattecken, till exempel \"1.1\"",
            "\"1.1\"",
        )
        .en("Version number in quotes, such as \"1.1\"", "\"1.1\"")
        .shown(Show::Column(1)),
        FieldSpec::new(
            "date",
            V::Date,
            "date",
            "Päivämäärä (VVVV-KK-PP)",
            "2025-05-20",
        )
        .sv("Datum (ÅÅÅÅ-MM-DD)", "2025-05-20")
        .en("Date (YYYY-MM-DD)", "2025-05-20")
        .shown(Show::Column(2)),
        FieldSpec::new(
            "summary",
            V::Text,
            "summary",
            "Mitä versiossa muuttui",
            "Päivitetty vuosikello ja mittarit",
        )
        .sv(
            "Vad som ändrades i versionen",
            "Årsklockan och indikatorerna uppdaterade",
        )
        .en(
            "What changed in the version",
            "Reporting cycle and indicators updated",
        )
        .shown(Show::Column(7)),
    ],
    needs: &["version", "date", "summary"],
    title: "version",
};

super::item_impl!(ChangeEntry, |c| c.version.clone());
