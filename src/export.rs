//! The national dataset: the plans in force of every county (and, when asked, their drafts)
//! as one table per kind of thing, each row keyed by county, version and item id, so that
//! THL and anyone else can compare the counties' plans. The tables are read from the
//! verified store, never from a county's YAML; their columns follow each item kind's field
//! table, so a field added to a kind is exported with no change here. Writers: CSV (plain
//! UTF-8, and a variant Finnish Excel opens as it is), an `.xlsx` workbook with a sheet per
//! table, JSON with its JSON Schema, and a data dictionary in Finnish and English. Same
//! store, same bytes. Writes nothing itself.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::items::{FieldSpec, Item, Kind, ValueKind};
use crate::model::{FieldValue, Plan};
use crate::site::{CountyStore, StoredVersion};

/// The languages whose texts get a column each (`name_fi`, `name_sv`).
pub const TEXT_LANGUAGES: [&str; 2] = ["fi", "sv"];

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing given.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Yes or no.
    Flag(bool),
}

/// A column: its name and what it holds, in Finnish and English.
#[derive(Debug, Clone)]
pub struct Column {
    /// Name, `snake_case`.
    pub name: String,
    /// What it holds, in Finnish.
    pub fi: String,
    /// What it holds, in English.
    pub en: String,
    /// The JSON type of its values: "string", "number" or "boolean".
    pub kind: &'static str,
}

/// One table of the dataset.
#[derive(Debug, Clone)]
pub struct Table {
    /// File and sheet name, e.g. `actions`.
    pub name: &'static str,
    /// What a row is, in Finnish and English.
    pub row: [&'static str; 2],
    /// The columns; the first ones (county, version, ...) key the row.
    pub columns: Vec<Column>,
    /// The rows, in county, version and document order.
    pub rows: Vec<Vec<Cell>>,
}

/// Which versions go in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Each county's draft too, besides the version in force.
    pub drafts: bool,
}

fn column(name: &str, fi: &str, en: &str, kind: &'static str) -> Column {
    Column {
        name: name.to_owned(),
        fi: fi.to_owned(),
        en: en.to_owned(),
        kind,
    }
}

/// The columns that key every row: county and version (and the version's status).
fn key_columns() -> Vec<Column> {
    vec![
        column(
            "county",
            "Hyvinvointialueen tunnus (kansion nimi)",
            "County identifier (folder name)",
            "string",
        ),
        column("version", "Suunnitelman versio", "Plan version", "string"),
        column(
            "status",
            "Version tila: approved (hyväksytty), superseded (korvattu), draft (luonnos), proposed (ehdotus)",
            "Version status: approved, superseded, draft or proposed",
            "string",
        ),
    ]
}

fn key_cells(plan: &Plan) -> Vec<Cell> {
    vec![
        Cell::Text(plan.slug.clone()),
        Cell::Text(plan.meta.version.clone()),
        Cell::Text(plan.meta.status.as_str().to_owned()),
    ]
}

/// The versions that go in: each county's version in force (its newest approved one),
/// and its draft when asked.
fn versions(counties: &[CountyStore], options: Options) -> Vec<&StoredVersion> {
    let mut out = Vec::new();
    for county in counties {
        out.extend(county.records.last());
        if options.drafts {
            out.extend(county.draft.as_ref());
        }
    }
    out
}

/// The dataset of `counties` (read from a verified store).
pub fn dataset(counties: &[CountyStore], options: Options) -> Vec<Table> {
    let stored = versions(counties, options);
    let plans: Vec<&Plan> = stored.iter().map(|v| &v.plan).collect();
    vec![
        counties_table(&stored),
        items_table::<crate::model::Approval>(
            "handlings",
            ["käsittely", "handling"],
            &plans,
            |p| p.meta.approvals.iter().map(|a| (None, a)).collect(),
        ),
        items_table::<crate::model::FocusArea>(
            "focus_areas",
            ["painopistealue", "focus area"],
            &plans,
            |p| listed(p, |v| as_areas(v)),
        ),
        items_table::<crate::model::Action>("actions", ["toimenpide", "action"], &plans, |p| {
            listed(p, as_areas)
                .into_iter()
                .flat_map(|(_, area)| area.actions.iter().map(move |a| (Some(area.id.clone()), a)))
                .collect()
        }),
        items_table::<crate::model::Indicator>(
            "indicators",
            ["mittari", "indicator"],
            &plans,
            |p| listed(p, as_indicators),
        ),
        values_table(&plans),
        items_table::<crate::model::CycleEvent>(
            "reporting_cycle",
            ["vuosikellon tapahtuma", "reporting-cycle event"],
            &plans,
            |p| listed(p, as_cycle),
        ),
        items_table::<crate::model::Member>(
            "group_members",
            ["ryhmän jäsen (rooli)", "group member (role)"],
            &plans,
            |p| listed(p, as_members),
        ),
        items_table::<crate::model::Partner>(
            "partners",
            ["yhteistyökumppani", "partner"],
            &plans,
            |p| listed(p, as_partners),
        ),
        facts_table(&plans),
        fact_counts_table(&plans),
    ]
}

/// Every entry of the plans' `facts` fields, with the section and field it is in.
fn facts_of(plan: &Plan) -> Vec<(&str, &str, &crate::facts::Fact)> {
    plan.sections
        .iter()
        .flat_map(|s| {
            s.fields.iter().flat_map(move |f| match &f.value {
                FieldValue::Facts(facts) => facts
                    .iter()
                    .map(|fact| (s.id.as_str(), f.id.as_str(), fact))
                    .collect(),
                _ => Vec::new(),
            })
        })
        .collect()
}

fn fact_key_columns() -> Vec<Column> {
    let mut columns = key_columns();
    columns.extend([
        column("section", "Luvun tunnus", "Section id", "string"),
        column("field", "Kentän tunnus", "Field id", "string"),
        column(
            "entry",
            "Kohdan tunnus mallipohjassa (esim. since, channels)",
            "The template's entry id (such as since, channels)",
            "string",
        ),
    ]);
    columns
}

/// The cells of [`fact_key_columns`]: county, version, status, section, field and entry.
fn fact_key_cells(plan: &Plan, section: &str, field: &str, fact: &crate::facts::Fact) -> Vec<Cell> {
    let mut row = key_cells(plan);
    row.extend([
        Cell::Text(section.to_owned()),
        Cell::Text(field.to_owned()),
        Cell::Text(fact.id.clone()),
    ]);
    row
}

/// The entries of `facts` fields (social reporting at a glance): one row per entry, in
/// words by language, and as a number where it is one (a year, a number).
fn facts_table(plans: &[&Plan]) -> Table {
    use crate::facts::FactValue;
    let mut columns = fact_key_columns();
    for lang in TEXT_LANGUAGES {
        columns.push(column(
            &format!("value_{lang}"),
            &format!("Arvo tekstinä ({lang}); luettelon kohdat erotettu merkillä \"; \""),
            &format!("The value as text ({lang}); list items separated by \"; \""),
            "string",
        ));
    }
    columns.push(column(
        "number",
        "Arvo lukuna, kun kohta on vuosi tai luku",
        "The value as a number, when the entry is a year or a number",
        "number",
    ));
    let mut rows = Vec::new();
    for plan in plans {
        let main = plan.region.main_lang();
        for (section, field, fact) in facts_of(plan) {
            if matches!(fact.value, FactValue::Counts(_)) {
                continue;
            }
            let mut row = fact_key_cells(plan, section, field, fact);
            for lang in TEXT_LANGUAGES {
                row.push(Cell::Text(fact.value.words(lang, main)));
            }
            row.push(match fact.value {
                FactValue::Year(y) => Cell::Number(y as f64),
                FactValue::Number(x) => Cell::Number(x),
                _ => Cell::Empty,
            });
            rows.push(row);
        }
    }
    Table {
        name: "facts",
        row: [
            "luvun lyhyen tiedon kohta (esim. sosiaalisen raportoinnin aloitusvuosi)",
            "an entry of a section's facts (such as the year social reporting began)",
        ],
        columns,
        rows,
    }
}

/// Numbers by service area and year in `facts` fields (reports received per year by
/// service area): one row per area and year.
fn fact_counts_table(plans: &[&Plan]) -> Table {
    use crate::facts::FactValue;
    let mut columns = fact_key_columns();
    for lang in TEXT_LANGUAGES {
        columns.push(column(
            &format!("area_{lang}"),
            &format!("Palvelualue ({lang})"),
            &format!("Service area ({lang})"),
            "string",
        ));
    }
    columns.extend([
        column("year", "Vuosi", "Year", "number"),
        column("value", "Luku", "Number", "number"),
    ]);
    let mut rows = Vec::new();
    for plan in plans {
        let main = plan.region.main_lang();
        for (section, field, fact) in facts_of(plan) {
            let FactValue::Counts(areas) = &fact.value else {
                continue;
            };
            for area in areas {
                for (year, value) in &area.values {
                    let mut row = fact_key_cells(plan, section, field, fact);
                    for lang in TEXT_LANGUAGES {
                        row.push(Cell::Text(area.area.get(lang, main).to_owned()));
                    }
                    row.extend([Cell::Number(*year as f64), Cell::Number(*value)]);
                    rows.push(row);
                }
            }
        }
    }
    Table {
        name: "fact_counts",
        row: [
            "palvelualueen luku vuodelta (esim. ilmoitukset vuodessa)",
            "a service area's number for a year (such as reports received)",
        ],
        columns,
        rows,
    }
}

fn as_areas(v: &FieldValue) -> Option<&Vec<crate::model::FocusArea>> {
    match v {
        FieldValue::FocusAreas(x) => Some(x),
        _ => None,
    }
}
fn as_indicators(v: &FieldValue) -> Option<&Vec<crate::model::Indicator>> {
    match v {
        FieldValue::Indicators(x) => Some(x),
        _ => None,
    }
}
fn as_cycle(v: &FieldValue) -> Option<&Vec<crate::model::CycleEvent>> {
    match v {
        FieldValue::Cycle(x) => Some(x),
        _ => None,
    }
}
fn as_members(v: &FieldValue) -> Option<&Vec<crate::model::Member>> {
    match v {
        FieldValue::Members(x) => Some(x),
        _ => None,
    }
}
fn as_partners(v: &FieldValue) -> Option<&Vec<crate::model::Partner>> {
    match v {
        FieldValue::Partners(x) => Some(x),
        _ => None,
    }
}

/// Every item of one kind in `plan`, in document order, each with the section it is in.
fn listed<'p, T>(
    plan: &'p Plan,
    pick: impl Fn(&'p FieldValue) -> Option<&'p Vec<T>>,
) -> Vec<(Option<String>, &'p T)> {
    plan.sections
        .iter()
        .flat_map(|s| {
            let pick = &pick;
            s.fields
                .iter()
                .filter_map(move |f| pick(&f.value))
                .flat_map(move |items| items.iter().map(move |i| (Some(s.id.clone()), i)))
        })
        .collect()
}

/// The plans' metadata: one row per county and version.
fn counties_table(stored: &[&StoredVersion]) -> Table {
    let mut columns = key_columns();
    for lang in TEXT_LANGUAGES {
        columns.push(column(
            &format!("name_{lang}"),
            &format!("Hyvinvointialueen nimi ({lang})"),
            &format!("County name ({lang})"),
            "string",
        ));
    }
    columns.extend([
        column(
            "languages",
            "Suunnitelman kielet, pääkieli ensin",
            "The plan's languages, main language first",
            "string",
        ),
        column(
            "date",
            "Version päivämäärä (VVVV-KK-PP)",
            "Date of the version (YYYY-MM-DD)",
            "string",
        ),
        column("valid_from", "Voimassa alkaen", "Valid from", "string"),
        column("valid_until", "Voimassa asti", "Valid until", "string"),
        column("population", "Asukasluku", "Population", "number"),
        column(
            "population_year",
            "Asukasluvun vuosi",
            "Year of the population figure",
            "number",
        ),
        column(
            "last_handling",
            "Viimeisin käsittely (toimielin, päivä, päätös)",
            "Last handling (body, date, decision)",
            "string",
        ),
        column(
            "template_version",
            "Kansallisen pohjan versio",
            "National template version",
            "string",
        ),
    ]);
    let rows = stored
        .iter()
        .map(|v| {
            let p = &v.plan;
            let mut row = key_cells(p);
            for lang in TEXT_LANGUAGES {
                row.push(Cell::Text(
                    p.region.name.get(lang, p.region.main_lang()).to_owned(),
                ));
            }
            let validity = p.meta.validity.as_ref();
            row.extend([
                Cell::Text(p.region.languages.join(" ")),
                Cell::Text(p.meta.date.to_string()),
                validity.map_or(Cell::Empty, |v| Cell::Text(v.from.to_string())),
                validity
                    .and_then(|v| v.until)
                    .map_or(Cell::Empty, |u| Cell::Text(u.to_string())),
                p.region
                    .population
                    .map_or(Cell::Empty, |n| Cell::Number(n as f64)),
                p.region
                    .population_year
                    .map_or(Cell::Empty, |n| Cell::Number(n as f64)),
                p.meta.approvals.last().map_or(Cell::Empty, |a| {
                    Cell::Text(format!(
                        "{} {} {}",
                        a.body.get("fi", p.region.main_lang()),
                        a.date,
                        a.decision.as_str()
                    ))
                }),
                Cell::Text(v.manifest.template_version.clone()),
            ]);
            row
        })
        .collect();
    Table {
        name: "counties",
        row: [
            "hyvinvointialueen suunnitelman versio",
            "a county's plan version",
        ],
        columns,
        rows,
    }
}

/// A table of one item kind: the key columns, `parent` (the section or focus area the item
/// is in) and `n` (its place), then one column per field of the kind's table.
fn items_table<'p, T: Item + 'p>(
    name: &'static str,
    row: [&'static str; 2],
    plans: &[&'p Plan],
    items: impl Fn(&'p Plan) -> Vec<(Option<String>, &'p T)>,
) -> Table {
    let kind: &Kind = T::KIND;
    let mut columns = key_columns();
    columns.push(column(
        "parent",
        "Luku (tai painopistealue), jossa kohta on",
        "The section (or focus area) the item is in",
        "string",
    ));
    columns.push(column(
        "n",
        "Järjestysnumero luettelossa",
        "Place in its list",
        "number",
    ));
    let fields: Vec<&FieldSpec> = kind
        .fields
        .iter()
        .filter(|f| !matches!(f.kind, ValueKind::Items(_) | ValueKind::Yearly))
        .collect();
    for f in &fields {
        columns.extend(field_columns(f));
    }
    let mut rows = Vec::new();
    for plan in plans {
        for (n, (parent, item)) in items(plan).into_iter().enumerate() {
            let json = serde_json::to_value(item).unwrap_or(Value::Null);
            let mut row = key_cells(plan);
            row.push(parent.map_or(Cell::Empty, Cell::Text));
            row.push(Cell::Number((n + 1) as f64));
            for f in &fields {
                row.extend(field_cells(f, &json, plan.region.main_lang()));
            }
            rows.push(row);
        }
    }
    Table {
        name,
        row,
        columns,
        rows,
    }
}

/// The columns of one field: a text a column per language, a month range two.
fn field_columns(f: &FieldSpec) -> Vec<Column> {
    use crate::i18n::Lang;
    let (fi, en) = (f.help_in(Lang::Fi), f.help_in(Lang::En));
    match f.kind {
        ValueKind::Text | ValueKind::Markdown => TEXT_LANGUAGES
            .iter()
            .map(|l| {
                column(
                    &format!("{}_{l}", f.key),
                    &format!("{fi} ({l})"),
                    &format!("{en} ({l})"),
                    "string",
                )
            })
            .collect(),
        ValueKind::Months => vec![
            column(
                &format!("{}_from", f.key),
                &format!("{fi}: ensimmäinen kuukausi (1–12)"),
                &format!("{en}: first month (1-12)"),
                "number",
            ),
            column(
                &format!("{}_to", f.key),
                &format!("{fi}: viimeinen kuukausi (1–12)"),
                &format!("{en}: last month (1-12)"),
                "number",
            ),
        ],
        ValueKind::Number | ValueKind::Year => vec![column(f.key, fi, en, "number")],
        ValueKind::Flag => vec![column(f.key, fi, en, "boolean")],
        _ => vec![column(f.key, fi, en, "string")],
    }
}

/// The cells of one field of an item in its `plan.json` shape.
fn field_cells(f: &FieldSpec, json: &Value, main: &str) -> Vec<Cell> {
    let get = |k: &str| json.get(k).filter(|v| !v.is_null());
    match f.kind {
        ValueKind::Text | ValueKind::Markdown => {
            let text: Option<crate::text::Text> =
                get(f.key).and_then(|v| serde_json::from_value(v.clone()).ok());
            TEXT_LANGUAGES
                .iter()
                .map(|l| match &text {
                    Some(crate::text::Text::Plain(s)) if *l == main => Cell::Text(s.clone()),
                    Some(crate::text::Text::Localized(m)) => {
                        m.get(*l).map_or(Cell::Empty, |s| Cell::Text(s.clone()))
                    }
                    _ => Cell::Empty,
                })
                .collect()
        }
        ValueKind::Months => ["from", "to"]
            .iter()
            .map(|end| {
                get(&format!("{}_{end}", f.key))
                    .and_then(Value::as_f64)
                    .map_or(Cell::Empty, Cell::Number)
            })
            .collect(),
        _ => vec![match get(f.key) {
            None => Cell::Empty,
            Some(Value::Bool(b)) => Cell::Flag(*b),
            Some(Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Number),
            Some(Value::String(s)) => Cell::Text(s.clone()),
            Some(Value::Array(a)) => Cell::Text(
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Some(other) => Cell::Text(other.to_string()),
        }],
    }
}

/// Measured values: one row per indicator and year.
fn values_table(plans: &[&Plan]) -> Table {
    let mut columns = key_columns();
    columns.extend([
        column("indicator", "Mittarin tunnus", "Indicator id", "string"),
        column("year", "Vuosi", "Year", "number"),
        column("value", "Mitattu arvo", "Measured value", "number"),
    ]);
    let mut rows = Vec::new();
    for plan in plans {
        for (_, indicator) in listed(plan, as_indicators) {
            let json = serde_json::to_value(indicator).unwrap_or(Value::Null);
            let values: BTreeMap<String, f64> = json
                .get("values")
                .and_then(|v| serde_json::from_value(v.clone()).ok())
                .unwrap_or_default();
            let mut years: Vec<(i64, f64)> = values
                .iter()
                .filter_map(|(y, v)| Some((y.parse().ok()?, *v)))
                .collect();
            years.sort_by_key(|(y, _)| *y);
            for (year, value) in years {
                let mut row = key_cells(plan);
                row.extend([
                    Cell::Text(indicator.key()),
                    Cell::Number(year as f64),
                    Cell::Number(value),
                ]);
                rows.push(row);
            }
        }
    }
    Table {
        name: "indicator_values",
        row: [
            "mittarin mitattu arvo vuodelta",
            "an indicator's value for a year",
        ],
        columns,
        rows,
    }
}

/// A number as CSV writes it: the shortest form that reads back the same, with `,` as the
/// decimal sign for Finnish Excel when `comma`.
fn number_text(x: f64, comma: bool) -> String {
    let text = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    };
    if comma { text.replace('.', ",") } else { text }
}

/// One table as CSV: RFC 4180 with a header row; `excel` gives the Finnish Excel variant
/// (a byte-order mark, `;` between fields, decimal commas, CRLF line ends, and text that
/// would start a formula led by an apostrophe).
pub fn csv(table: &Table, excel: bool) -> Vec<u8> {
    let sep = if excel { ';' } else { ',' };
    let end = if excel { "\r\n" } else { "\n" };
    let field = |s: &str| {
        // Excel runs a cell that starts like a formula, quoted or not: a planner's text is
        // shown as text there by a leading apostrophe (OWASP's advice for CSV files).
        let s = if excel && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{s}")
        } else {
            s.to_owned()
        };
        if s.contains([sep, '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let mut out = String::new();
    if excel {
        out.push('\u{feff}');
    }
    let header: Vec<String> = table.columns.iter().map(|c| field(&c.name)).collect();
    out.push_str(&header.join(&sep.to_string()));
    out.push_str(end);
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Text(s) => field(s),
                Cell::Number(x) => number_text(*x, excel),
                Cell::Flag(b) => b.to_string(),
            })
            .collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str(end);
    }
    out.into_bytes()
}

/// Every table as one JSON document: `{"format", "tables": {name: [row objects]}}`.
pub fn json(tables: &[Table]) -> Vec<u8> {
    let mut all = Map::new();
    for table in tables {
        let rows: Vec<Value> = table
            .rows
            .iter()
            .map(|row| {
                table
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| {
                        let v = match cell {
                            Cell::Empty => Value::Null,
                            Cell::Text(s) => json!(s),
                            Cell::Number(x) => json!(x),
                            Cell::Flag(b) => json!(b),
                        };
                        (c.name.clone(), v)
                    })
                    .collect::<Map<_, _>>()
                    .into()
            })
            .collect();
        all.insert(table.name.to_owned(), Value::Array(rows));
    }
    let mut bytes = serde_json::to_vec_pretty(&json!({
        "format": "rakeplan-export/1",
        "tables": all,
    }))
    .expect("the dataset serialises");
    bytes.push(b'\n');
    bytes
}

/// The JSON Schema of [`json`]'s document.
pub fn json_schema(tables: &[Table]) -> Vec<u8> {
    let mut props = Map::new();
    for table in tables {
        let columns: Map<String, Value> = table
            .columns
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    json!({"type": [c.kind, "null"], "description": c.en, "title": c.fi}),
                )
            })
            .collect();
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        props.insert(
            table.name.to_owned(),
            json!({
                "type": "array",
                "description": format!("One row per {}", table.row[1]),
                "items": {
                    "type": "object",
                    "properties": columns,
                    "required": names,
                    "additionalProperties": false,
                }
            }),
        );
    }
    let mut bytes = serde_json::to_vec_pretty(&json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "rakeplan national dataset (rakeplan-export/1)",
        "type": "object",
        "required": ["format", "tables"],
        "properties": {
            "format": {"const": "rakeplan-export/1"},
            "tables": {
                "type": "object",
                "properties": props,
                "additionalProperties": false,
            }
        },
        "additionalProperties": false,
    }))
    .expect("the schema serialises");
    bytes.push(b'\n');
    bytes
}

/// The data dictionary: every table and column, in Finnish and English (Markdown).
pub fn dictionary(tables: &[Table]) -> Vec<u8> {
    let mut out = String::from(
        "# Tietosisältö – data dictionary\n\n\
         Rakenteellisen sosiaalityön toteutussuunnitelmat kansallisena aineistona: jokaisen \
         hyvinvointialueen voimassa oleva versio (ja pyydettäessä luonnos) taulukoittain. \
         Rivin avaimena ovat `county`, `version` ja kohdan tunnus.\n\n\
         The implementation plans for structural social work as a national dataset: every \
         county's version in force (and, when asked, its draft), one table per kind of thing. \
         Each row is keyed by `county`, `version` and the item's id.\n\n\
         Files: `<table>.csv` (UTF-8, `,`), `excel/<table>.csv` (Finnish Excel: UTF-8 with a \
         byte-order mark, `;`, decimal comma), `rakeplan-export.json` and its schema \
         `rakeplan-export.schema.json`, and `rakeplan-export.xlsx` (a sheet per table).\n",
    );
    for table in tables {
        out.push_str(&format!(
            "\n## {}\n\nYksi rivi: {}. One row: {}.\n\n| column | fi | en |\n|---|---|---|\n",
            table.name, table.row[0], table.row[1]
        ));
        for c in &table.columns {
            let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                c.name,
                cell(&c.fi),
                cell(&c.en)
            ));
        }
    }
    out.into_bytes()
}

/// The date the dataset is as of: the newest date of the versions it holds (the workbook's
/// creation date, so the bytes repeat).
pub fn as_of(counties: &[CountyStore], options: Options) -> crate::date::Date {
    versions(counties, options)
        .iter()
        .map(|v| v.plan.meta.date)
        .max()
        .unwrap_or(crate::date::Date {
            year: 2025,
            month: 1,
            day: 1,
        })
}

/// Every file of the export, by path relative to the export folder; the workbook is dated
/// `date` ([`as_of`]).
pub fn files(tables: &[Table], date: crate::date::Date) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    for table in tables {
        out.push((format!("{}.csv", table.name), csv(table, false)));
        out.push((format!("excel/{}.csv", table.name), csv(table, true)));
    }
    out.push(("rakeplan-export.json".to_owned(), json(tables)));
    out.push((
        "rakeplan-export.schema.json".to_owned(),
        json_schema(tables),
    ));
    out.push(("DATA-DICTIONARY.md".to_owned(), dictionary(tables)));
    out.push(("rakeplan-export.xlsx".to_owned(), xlsx(tables, date)?));
    Ok(out)
}

/// Every table as one `.xlsx` workbook, a sheet per table with its header row in bold and
/// frozen; numbers are numbers, texts are text (a planner's `=…` is never a formula). The
/// workbook's creation date is `date` (the newest version's), so the same store gives the
/// same bytes.
pub fn xlsx(tables: &[Table], date: crate::date::Date) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(date.year as u16, date.month, date.day)
        .map_err(|e| e.to_string())?;
    book.set_properties(
        &DocProperties::new()
            .set_title("rakeplan national dataset")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(table.name).map_err(|e| e.to_string())?;
        for (c, column) in table.columns.iter().enumerate() {
            let c = c as u16;
            sheet
                .write_string_with_format(0, c, &column.name, &bold)
                .map_err(|e| e.to_string())?;
        }
        sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
        for (r, row) in table.rows.iter().enumerate() {
            let r = (r + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                let written = match cell {
                    Cell::Empty => continue,
                    Cell::Text(s) => sheet.write_string(r, c, s).map(|_| ()),
                    Cell::Number(x) => sheet.write_number(r, c, *x).map(|_| ()),
                    Cell::Flag(b) => sheet.write_boolean(r, c, *b).map(|_| ()),
                };
                written.map_err(|e| e.to_string())?;
            }
        }
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}
