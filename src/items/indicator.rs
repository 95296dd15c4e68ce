//! An indicator (mittari): what is measured, from where, its baseline and target (each with
//! the year it refers to, shown as "41 (2024)"), how often it is followed, and the values
//! measured year by year (`values: {2024: 41, 2025: 77}`), which the monitoring section
//! shows in a follow-up table and a chart beside the indicator table (not in it) and follows
//! up by the template's rule (`crate::followup`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Choice, FieldSpec, Kind, Show, ValueKind as V};
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
    /// The national indicator it is, as `system:id` (`sotkanet:3078`): counties' indicators
    /// with the same code are compared side by side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
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
    /// The baseline as a number, when the first number of `baseline` is not it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_value: Option<f64>,
    /// The target as a number, when the first number of `target` is not it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_value: Option<f64>,
    /// `higher` or `lower`: which way is better, for a target that keeps the baseline level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// Measured values by year.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<i64, f64>,
    /// Where the item is written.
    #[serde(skip_serializing)]
    pub span: Option<Span>,
}

/// The field table.
pub(super) const KIND: &Kind = &Kind {
    name: "indicator",
    what: ["an indicator", "mittari", "en indikator"],
    list: ["the list of indicators", "mittariluettelo", "indikatorförteckningen"],
    fields: &[
        FieldSpec::new(
            "id",
            V::Id,
            "id",
            "Lyhyt tunnus, esimerkiksi I1; toimenpiteet viittaavat mittariin sillä, ja se \
             näkyy taulukossa",
            "I1",
        )
.sv("Kort id, till exempel I1; åtgärderna hänvisar till indikatorn med det, och det syns i tabellen", "I1")
.en("A short id such as I1; actions refer to the indicator by it, and it is shown in the table", "I1")
        .shown(Show::Code),
        FieldSpec::new(
            "name",
            V::Text,
            "indicator",
            "Mittarin nimi",
            "Sosiaalisen raportoinnin ilmoitusten määrä",
        )
.sv("Indikatorns namn", "Antal anmälningar i den sociala rapporteringen")
.en("The indicator's name", "Number of social reporting notifications")
        .shown(Show::Column(3)),
        FieldSpec::new(
            "definition",
            V::Text,
            "definition",
            "Mitä mitataan ja miten",
            "Lomakkeelle kirjattujen ilmoitusten määrä kalenterivuodessa",
        )
.sv("Vad som mäts och hur", "Antal anmälningar som registrerats på blanketten under ett kalenderår")
.en("What is measured and how", "Notifications recorded on the form in a calendar year")
        .shown(Show::Column(4)),
        FieldSpec::new(
            "source",
            V::Text,
            "source",
            "Tietolähde",
            "Raportointilomake",
        )
.sv("Datakälla", "Rapporteringsblanketten")
.en("Data source", "The reporting form")
        .shown(Show::Column(3)),
        FieldSpec::new(
            "baseline",
            V::Text,
            "baseline",
            "Lähtötaso, esimerkiksi 41 tai 40 %",
            "\"41\"",
        )
.sv("Utgångsläge, till exempel 41 eller 40 %", "\"41\"")
.en("Baseline, such as 41 or 40 %", "\"41\"")
        .shown(Show::Column(2)),
        FieldSpec::new(
            "baseline_year",
            V::Year,
            "baseline_year",
            "Vuosi, jolta lähtötaso on; näytetään muodossa 41 (2024)",
            "2024",
        )
.sv("Året som utgångsläget gäller; visas som 41 (2024)", "2024")
.en("The year of the baseline; shown as 41 (2024)", "2024")
        .shown(Show::After("baseline")),
        FieldSpec::new(
            "baseline_value",
            V::Number,
            "baseline_value",
            "Lähtötaso lukuna kaaviota ja seurantaa varten, jos lähtötason ensimmäinen luku ei \
             ole se (esimerkiksi lähtötaso \"vähintään 2 havaintoa\" → 2 luetaan itse)",
            "41",
        )
.sv("Utgångsläget som tal för diagrammet och uppföljningen, om det första talet i utgångsläget inte är det (till exempel utgångsläge \"minst 2 observationer\" → 2 läses av sig själv)", "41")
.en("The baseline as a number for the chart and monitoring, when the baseline's first number is not it (a baseline \"at least 2 observations\" → 2 is read by itself)", "41"),
        FieldSpec::new(
            "target",
            V::Text,
            "target",
            "Tavoitetaso, esimerkiksi 80 tai vähintään 75 %",
            "\"80\"",
        )
.sv("Målnivå, till exempel 80 eller minst 75 %", "\"80\"")
.en("Target level, such as 80 or at least 75 %", "\"80\"")
        .shown(Show::Column(2)),
        FieldSpec::new(
            "target_year",
            V::Year,
            "target_year",
            "Vuosi, johon mennessä tavoite saavutetaan",
            "2028",
        )
.sv("Året då målet ska vara nått", "2028")
.en("The year by which the target is reached", "2028")
        .shown(Show::After("target")),
        FieldSpec::new(
            "target_value",
            V::Number,
            "target_value",
            "Tavoitetaso lukuna kaaviota ja seurantaa varten, jos tavoitteen ensimmäinen luku ei \
             ole se (esimerkiksi tavoite \"8/8 vuodesta 2026\" → 8 luetaan itse)",
            "80",
        )
.sv("Målnivån som tal för diagrammet och uppföljningen, om det första talet i målet inte är det (till exempel målet \"8/8 från 2026\" → 8 läses av sig själv)", "80")
.en("The target as a number for the chart and monitoring, when the target's first number is not it (a target \"8/8 from 2026\" → 8 is read by itself)", "80"),
        FieldSpec::new(
            "direction",
            V::Choice(DIRECTIONS),
            "direction",
            "Kumpi suunta on parempi, jos tavoite on sama kuin lähtötaso; muuten suunta luetaan \
             lähtötasosta ja tavoitteesta",
            "higher",
        )
.sv("Vilket håll som är bättre, om målet är detsamma som utgångsläget; annars läses riktningen av utgångsläget och målet", "higher")
.en("Which way is better when the target equals the baseline; otherwise the direction is read from the baseline and the target", "higher"),
        FieldSpec::new(
            "code",
            V::Str,
            "indicator_code",
            "Kansallisen indikaattorin tunnus muodossa järjestelmä:tunnus, esimerkiksi \
             \"sotkanet:3078\"; saman tunnuksen mittareita verrataan alueiden kesken",
            "\"sotkanet:3078\"",
        )
.sv("Den nationella indikatorns kod i formen system:id, till exempel \"sotkanet:3078\"; indikatorer med samma kod jämförs mellan områdena", "\"sotkanet:3078\"")
.en("The national indicator's code as system:id, such as \"sotkanet:3078\"; indicators with the same code are compared across counties", "\"sotkanet:3078\"")
        .shown(Show::Column(1)),
        FieldSpec::new(
            "frequency",
            V::Text,
            "frequency",
            "Kuinka usein mittaria seurataan, esimerkiksi vuosittain",
            "vuosittain",
        )
.sv("Hur ofta indikatorn följs upp, till exempel årligen", "årligen")
.en("How often the indicator is followed, such as yearly", "yearly")
        .shown(Show::Column(2)),
        FieldSpec::new(
            "values",
            V::Yearly,
            "values",
            "Mitatut arvot vuosittain, vuosi: luku, esimerkiksi {2024: 41, 2025: 77}; \
             desimaalit pisteellä (41.5)",
            "{2024: 41, 2025: 77}",
        )
.sv("Uppmätta värden per år, år: tal, till exempel {2024: 41, 2025: 77}; decimaler med punkt (41.5)", "{2024: 41, 2025: 77}")
.en("Measured values by year, year: number, such as {2024: 41, 2025: 77}; decimals with a point (41.5)", "{2024: 41, 2025: 77}"),
    ],
    needs: &[],
    title: "name",
};

const DIRECTIONS: &[Choice] = &[
    Choice {
        value: "higher",
        fi: "suurempi arvo on parempi",
        sv: "ett högre värde är bättre",
        en: "a higher value is better",
    },
    Choice {
        value: "lower",
        fi: "pienempi arvo on parempi",
        sv: "ett lägre värde är bättre",
        en: "a lower value is better",
    },
];

super::item_impl!(Indicator);
