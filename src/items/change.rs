//! One line of the change history (plan.yaml, `changelog:`): a version, its date and what
//! changed.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::model::Date;
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
    what: ["a changelog entry", "muutoshistorian merkintä"],
    list: ["the change history", "muutoshistoria"],
    fields: &[
        FieldSpec::new(
            "version",
            V::Version,
            "version",
            "Versionumero lainausmerkeissä, esimerkiksi \"1.1\"",
            "\"1.1\"",
        )
        .shown(Show::Column(1)),
        FieldSpec::new(
            "date",
            V::Date,
            "date",
            "Päivämäärä (VVVV-KK-PP)",
            "2025-05-20",
        )
        .shown(Show::Column(2)),
        FieldSpec::new(
            "summary",
            V::Text,
            "summary",
            "Mitä versiossa muuttui",
            "Päivitetty vuosikello ja mittarit",
        )
        .shown(Show::Column(7)),
    ],
    needs: &["version", "date", "summary"],
    title: "version",
};

super::item_impl!(ChangeEntry, |c| c.version.clone());
