//! An indicator (mittari): what is measured, from where, its baseline and target (each with
//! the year it refers to, shown as "41 (2024)") and how often it is followed.

use serde::{Deserialize, Serialize};

use super::{FieldSpec, Kind, Show, ValueKind as V};
use crate::diagnostic::Span;
use crate::text::Text;

/// An indicator.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Indicator {
    /// Key, referred to by actions and shown in the table.
    pub id: String,
    /// Name.
    pub name: Text,
    /// What is measured and how.
    pub definition: Option<Text>,
    /// Data source.
    pub source: Option<Text>,
    /// Starting level.
    pub baseline: Option<Text>,
    /// The year the starting level is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_year: Option<i64>,
    /// Target level.
    pub target: Option<Text>,
    /// The year the target should be reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_year: Option<i64>,
    /// How often it is followed.
    pub frequency: Option<Text>,
    /// Where the item is written.
    #[serde(skip_serializing)]
    pub span: Option<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "indicator",
    what: ["an indicator", "mittari"],
    list: ["the list of indicators", "mittariluettelo"],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, esimerkiksi I1; toimenpiteet viittaavat mittariin sillä, ja se \
             näkyy taulukossa",
            "I1",
        )
        .shown(Show::Code),
        FieldSpec::new(
            "name",
            V::Text,
            "indicator",
            "Mittarin nimi",
            "Sosiaalisen raportoinnin ilmoitusten määrä",
        )
        .shown(Show::Column(3)),
        FieldSpec::new(
            "definition",
            V::Text,
            "definition",
            "Mitä mitataan ja miten",
            "Lomakkeelle kirjattujen ilmoitusten määrä kalenterivuodessa",
        )
        .shown(Show::Column(4)),
        FieldSpec::new(
            "source",
            V::Text,
            "source",
            "Tietolähde",
            "Raportointilomake",
        )
        .shown(Show::Column(3)),
        FieldSpec::new(
            "baseline",
            V::Text,
            "baseline",
            "Lähtötaso, esimerkiksi 41 tai 40 %",
            "\"41\"",
        )
        .shown(Show::Column(2)),
        FieldSpec::new(
            "baseline_year",
            V::Year,
            "baseline_year",
            "Vuosi, jolta lähtötaso on; näytetään muodossa 41 (2024)",
            "2024",
        )
        .shown(Show::After("baseline")),
        FieldSpec::new(
            "target",
            V::Text,
            "target",
            "Tavoitetaso, esimerkiksi 80 tai vähintään 75 %",
            "\"80\"",
        )
        .shown(Show::Column(2)),
        FieldSpec::new(
            "target_year",
            V::Year,
            "target_year",
            "Vuosi, johon mennessä tavoite saavutetaan",
            "2028",
        )
        .shown(Show::After("target")),
        FieldSpec::new(
            "frequency",
            V::Text,
            "frequency",
            "Kuinka usein mittaria seurataan, esimerkiksi vuosittain",
            "vuosittain",
        )
        .shown(Show::Column(2)),
    ],
    needs: &[],
    title: "name",
};

super::item_impl!(Indicator);
