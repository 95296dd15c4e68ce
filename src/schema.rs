//! JSON Schema for the plan files, generated from the template and the item kinds' field
//! tables so it can never drift from them: one schema per file kind (region.yaml, plan.yaml,
//! each section file) and a bundle. Editors use it (through yaml-language-server) for
//! completion in template order, one clean Finnish hover per key (the label as title, the
//! guidance as description), Finnish messages for patterns and choices, and snippets for new
//! list items. Pure: builds JSON values, writes nothing.

use serde_json::{Map, Value, json};

use crate::items::{FieldSpec, Kind, Rules, ValueKind, is_required};
use crate::model::Status;
use crate::template::{FieldDef, FieldKind, Labels, SectionDef, Template};
use crate::text::Text;

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The key that records the order of an object schema's `properties` (JSON objects have no
/// order of their own here); [`to_pretty`] writes the properties in it and leaves it out.
pub const ORDER: &str = "x-order";

/// What the schemas are made from.
pub struct SchemaInput<'a> {
    /// The template.
    pub template: &'a Template,
    /// Labels (Finnish captions are the hover titles).
    pub labels: &'a Labels,
}

/// The kinds of file a schema describes: `region`, `plan` and one per section id.
pub fn targets(template: &Template) -> Vec<String> {
    let mut out = vec!["region".to_owned(), "plan".to_owned()];
    out.extend(template.sections.iter().map(|s| s.id.clone()));
    out
}

/// The schema of one file kind, or `None` for an unknown target.
pub fn schema_for(input: &SchemaInput, target: &str) -> Option<Value> {
    let body = match target {
        "region" => region_schema(),
        "plan" => plan_schema(input),
        id => section_schema(input, input.template.section(id)?),
    };
    let mut schema = json!({ "$schema": DRAFT, "$id": format!("urn:rakeplan:schema:{target}") });
    if let (Some(a), Value::Object(b)) = (schema.as_object_mut(), body) {
        a.extend(b);
    }
    Some(schema)
}

/// One schema for every plan file: a file is valid when it matches one of the kinds.
pub fn bundle(input: &SchemaInput) -> Value {
    let kinds: Vec<Value> = targets(input.template)
        .iter()
        .map(|t| {
            let mut s = schema_for(input, t).expect("targets are known");
            let obj = s.as_object_mut().expect("schemas are objects");
            obj.remove("$schema");
            obj.remove("$id");
            s
        })
        .collect();
    json!({
        "$schema": DRAFT,
        "$id": "urn:rakeplan:schema:plan-files",
        "title": "rakeplan: plan files (region.yaml, plan.yaml, sections/*.yaml)",
        "anyOf": kinds,
    })
}

fn fi(text: &Text) -> String {
    text.get("fi", "fi").to_owned()
}

/// Finnish caption of a `labels.yaml` key, capitalised.
fn caption(labels: &Labels, key: &str) -> String {
    crate::text::upper_first(&labels.0.get(key).map(fi).unwrap_or_else(|| key.to_owned()))
}

/// `value` with a hover: its title and its description (plain and Markdown).
fn described(mut value: Value, title: &str, description: &str) -> Value {
    value["title"] = json!(title);
    value["description"] = json!(description);
    value["markdownDescription"] = json!(description);
    value
}

const MARKDOWN_HINT: &str = "\n\nMarkdown: tyhjä rivi aloittaa uuden kappaleen; `- ` aloittaa \
     luettelon rivin ja `1. ` numeroidun; `**lihavointi**`, `*kursiivi*`, \
     `[linkin teksti](https://...)` ja taulukot `| a | b |`. Usean rivin teksti alkaa \
     avaimen rivillä merkillä `|`.";

/// An object schema with properties in the given order.
fn object(properties: Vec<(String, Value)>, required: Vec<&str>) -> Value {
    let order: Vec<&str> = properties.iter().map(|(k, _)| k.as_str()).collect();
    let order = json!(order);
    json!({
        "type": "object",
        "properties": properties.into_iter().collect::<Map<String, Value>>(),
        "required": required,
        "additionalProperties": false,
        ORDER: order,
    })
}

fn text_value() -> Value {
    json!({
        "type": ["string", "number", "object"],
        "errorMessage": "Tähän kirjoitetaan tekstiä: sellaisenaan tai kielittäin (fi: ..., sv: ...)",
        "propertyNames": {
            "pattern": "^[a-z]{2,3}$",
            "patternErrorMessage": "Kielikoodi, esimerkiksi fi tai sv"
        },
        "additionalProperties": { "type": "string" },
        "minProperties": 1
    })
}

fn id_value() -> Value {
    json!({
        "type": "string",
        "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*$",
        "patternErrorMessage": "Tunnuksessa saa olla vain kirjaimia a–z ja A–Z, numeroita sekä merkit - ja _, esimerkiksi A1 tai tietotyo-1",
        "errorMessage": "Tunnus on lyhyt teksti, esimerkiksi A1 tai tietotyo-1"
    })
}

fn date_value() -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "patternErrorMessage": "Päivämäärä muodossa VVVV-KK-PP, esimerkiksi 2025-05-20"
    })
}

fn version_value() -> Value {
    json!({
        "type": ["string", "number"],
        "pattern": "^[0-9]+(\\.[0-9]+)*$",
        "patternErrorMessage": "Versionumero lainausmerkeissä, esimerkiksi \"1.0\" tai \"2.1\""
    })
}

/// A year a measured value may be from, 2000-2100, as a key.
const YEAR_KEY: &str = "^(20[0-9][0-9]|2100)$";

fn number_value() -> Value {
    json!({
        "type": "number",
        "errorMessage": "Pelkkä luku ilman lainausmerkkejä ja yksikköä, desimaalit pisteellä: 41 tai 41.5"
    })
}

/// The schema of one value kind (without its hover).
fn value_schema(input: &SchemaInput, kind: ValueKind) -> Value {
    match kind {
        ValueKind::Id => id_value(),
        ValueKind::Text | ValueKind::Markdown => text_value(),
        ValueKind::Flag => {
            json!({ "type": "boolean", "errorMessage": "Kirjoita true (kyllä) tai false (ei)" })
        }
        ValueKind::Months => json!({
            "type": ["integer", "string"],
            "minimum": 1,
            "maximum": 12,
            "pattern": "^\\s*([0-9]{1,2}|[A-Za-zÅÄÖåäö.]{3,})\\s*([-–]\\s*([0-9]{1,2}|[A-Za-zÅÄÖåäö.]{3,})\\s*)?$",
            "patternErrorMessage": "Kuukausi numerona (3) tai nimenä (maaliskuu), tai väli lainausmerkeissä: \"1-2\", \"joulu-tammikuu\"",
            "errorMessage": "Kuukausi numerona 1–12 (3) tai nimenä (maaliskuu), tai yksi väli lainausmerkeissä: \"10-11\"; ei luetteloa"
        }),
        ValueKind::Year => {
            json!({ "type": "integer", "minimum": 1900, "maximum": 2200, "errorMessage": "Vuosi neljällä numerolla, esimerkiksi 2024" })
        }
        ValueKind::Number => number_value(),
        ValueKind::Yearly => json!({
            "type": "object",
            "propertyNames": {
                "pattern": YEAR_KEY,
                "patternErrorMessage": "Vuosi neljällä numerolla väliltä 2000–2100, esimerkiksi 2024"
            },
            // Editors read a key written as a number (2024) past `propertyNames`; the
            // pattern of `patternProperties` still holds it.
            "patternProperties": { YEAR_KEY: number_value() },
            "additionalProperties": false,
            "errorMessage": "Vuodet ja niiden luvut, esimerkiksi {2024: 41, 2025: 77}"
        }),
        ValueKind::Refs => json!({ "type": "array", "items": id_value() }),
        ValueKind::Date => date_value(),
        ValueKind::Version => version_value(),
        ValueKind::Str => json!({ "type": ["string", "number"] }),
        ValueKind::Choice(choices) => json!({
            "enum": choices.iter().map(|c| c.value).collect::<Vec<_>>(),
            "errorMessage": format!(
                "Käytä arvoa {}",
                choices
                    .iter()
                    .map(|c| format!("{} ({})", c.value, c.fi))
                    .collect::<Vec<_>>()
                    .join(" tai ")
            ),
            "enumDescriptions": choices.iter().map(|c| c.fi).collect::<Vec<_>>(),
            "markdownEnumDescriptions": choices.iter().map(|c| c.fi).collect::<Vec<_>>(),
        }),
        ValueKind::Items(kind) => list_schema(input, kind),
    }
}

fn field_schema(input: &SchemaInput, spec: &FieldSpec) -> Value {
    let mut help = spec.help.to_owned();
    if matches!(spec.kind, ValueKind::Markdown) {
        help.push_str(MARKDOWN_HINT);
    }
    described(
        value_schema(input, spec.kind),
        &caption(input.labels, spec.label),
        &help,
    )
}

/// An array of items of `kind`, with a snippet for a new item.
fn list_schema(input: &SchemaInput, kind: &Kind) -> Value {
    let rules: &Rules = &input.template.items;
    let properties = kind
        .fields
        .iter()
        .map(|f| (f.key.to_owned(), field_schema(input, f)))
        .collect();
    let required: Vec<&str> = kind
        .fields
        .iter()
        .filter(|f| is_required(rules, kind, f.key))
        .map(|f| f.key)
        .collect();
    let mut item = object(properties, required);
    item["defaultSnippets"] = json!([snippet(kind, rules)]);
    json!({ "type": "array", "items": item })
}

/// A snippet for a new item: its required fields (and its id), with examples to overwrite.
fn snippet(kind: &Kind, rules: &Rules) -> Value {
    let mut body = Map::new();
    let mut n = 0;
    for f in kind.fields {
        if !(f.key == "id" || is_required(rules, kind, f.key)) || f.example.is_empty() {
            continue;
        }
        n += 1;
        let example = f.example.trim_matches('"').replace('$', "\\$");
        let value = match f.kind {
            ValueKind::Flag | ValueKind::Year | ValueKind::Number => {
                json!(format!("^${{{n}:{example}}}"))
            }
            ValueKind::Refs => json!([format!("${{{n}:I1}}")]),
            _ => json!(format!("${{{n}:{example}}}")),
        };
        body.insert(f.key.to_owned(), value);
    }
    let what = kind.what[1];
    json!({
        "label": format!("Uusi {what}"),
        "description": format!("Uusi {what} esimerkkiarvoin, jotka korvataan"),
        "body": body,
    })
}

fn region_schema() -> Value {
    let p = |k: &str, v: Value, title: &str, d: &str| (k.to_owned(), described(v, title, d));
    let props = vec![
        p(
            "name",
            text_value(),
            "Nimi",
            "Hyvinvointialueen virallinen nimi, esimerkiksi Kainuun hyvinvointialue",
        ),
        p(
            "short_name",
            text_value(),
            "Lyhyt nimi",
            "Lyhyt nimi ylätunnisteisiin ja sivustolle, esimerkiksi Kainuu",
        ),
        p(
            "languages",
            json!({ "type": "array", "items": { "type": "string", "pattern": "^[a-z]{2,3}$", "patternErrorMessage": "Kielikoodi, esimerkiksi fi tai sv" }, "minItems": 1 }),
            "Kielet",
            "Alueen kielet; ensimmäinen on pääkieli, esimerkiksi [fi] tai [fi, sv]",
        ),
        p(
            "population",
            json!({ "type": "integer", "minimum": 0, "errorMessage": "Asukasluku numeroina ilman välilyöntejä, esimerkiksi 70000" }),
            "Asukasluku",
            "Asukasluku numeroina ilman välilyöntejä, esimerkiksi 70000",
        ),
        p(
            "population_year",
            json!({ "type": "integer", "minimum": 1900, "maximum": 2200, "errorMessage": "Vuosi neljällä numerolla, esimerkiksi 2024" }),
            "Asukasluvun vuosi",
            "Vuosi, jolta asukasluku on (näytetään muodossa 70 000 (2024)); vapaaehtoinen",
        ),
        p(
            "municipalities",
            json!({ "type": "array", "items": text_value() }),
            "Kunnat",
            "Alueen kunnat; kaksikielisellä alueella {fi: Kokkola, sv: Karleby}",
        ),
        p(
            "centre_of_expertise",
            text_value(),
            "Sosiaalialan osaamiskeskus",
            "Alueen sosiaalialan osaamiskeskus",
        ),
        p(
            "example",
            json!({ "type": "boolean", "errorMessage": "Kirjoita true (kyllä) tai false (ei)" }),
            "Esimerkkiaineisto",
            "true, jos sisältö on keksittyä esimerkkiaineistoa (merkitään jokaiseen tulosteeseen)",
        ),
    ];
    let mut s = object(props, vec!["name"]);
    s["title"] = json!("region.yaml: hyvinvointialueen perustiedot");
    s
}

fn plan_schema(input: &SchemaInput) -> Value {
    let p = |k: &str, v: Value, title: &str, d: &str| (k.to_owned(), described(v, title, d));
    let statuses = json!({
        "enum": Status::NAMES,
        "errorMessage": "Tila on draft (luonnos), proposed (ehdotus), approved (hyväksytty) tai superseded (korvattu)",
        "enumDescriptions": ["luonnos", "ehdotus", "hyväksytty", "korvattu"],
        "markdownEnumDescriptions": ["luonnos", "ehdotus", "hyväksytty", "korvattu"],
    });
    let validity = object(
        vec![
            p(
                "from",
                date_value(),
                "Alkaen",
                "Ensimmäinen voimassaolopäivä",
            ),
            p(
                "until",
                date_value(),
                "Päättyen",
                "Viimeinen voimassaolopäivä",
            ),
        ],
        vec!["from"],
    );
    let list = |kind| list_schema(input, kind);
    let props = vec![
        p(
            "title",
            text_value(),
            "Otsikko",
            "Oma otsikko, jos mallipohjan otsikko ei sovi",
        ),
        p(
            "version",
            version_value(),
            "Versio",
            "Versionumero lainausmerkeissä, esimerkiksi \"1.1\"",
        ),
        p(
            "status",
            statuses,
            "Tila",
            "draft = luonnos, proposed = ehdotus, approved = hyväksytty, superseded = korvattu",
        ),
        p(
            "date",
            date_value(),
            "Päivämäärä",
            "Tämän version päivämäärä (VVVV-KK-PP)",
        ),
        p(
            "validity",
            validity,
            "Voimassaolo",
            "Voimassaolo, yleensä valtuustokausi; ilman tätä valtuustokausi, jolle päivämäärä osuu",
        ),
        p(
            "approvals",
            list(crate::items::kind("approval").expect("a kind")),
            "Käsittely",
            "Käsittely toimielimissä järjestyksessä",
        ),
        p(
            "changelog",
            list(crate::items::kind("change").expect("a kind")),
            "Muutoshistoria",
            "Versiot ja mitä niissä muuttui",
        ),
    ];
    let mut s = object(props, vec!["version", "status", "date"]);
    s["title"] = json!("plan.yaml: suunnitelman versio, tila ja käsittely");
    s
}

fn section_schema(input: &SchemaInput, section: &SectionDef) -> Value {
    let mut properties = Vec::new();
    let mut required = Vec::new();
    for field in section.fields.iter().filter(|f| f.in_section_file()) {
        properties.push((field.id.clone(), section_field(input, field)));
        if field.required {
            required.push(field.id.as_str());
        }
    }
    let mut s = object(properties, required);
    s["title"] = json!(format!(
        "{} {} (sections/{}.yaml)",
        section.number,
        fi(&section.title),
        section.id
    ));
    s["description"] = json!(fi(&section.guidance));
    s["markdownDescription"] = json!(fi(&section.guidance));
    s
}

fn section_field(input: &SchemaInput, field: &FieldDef) -> Value {
    let title = fi(&field.label);
    let guidance = field.guidance.as_ref().map(fi);
    let (value, help) = match field.kind {
        FieldKind::Markdown => (
            text_value(),
            format!(
                "{}{MARKDOWN_HINT}",
                guidance.as_deref().unwrap_or("Luvun teksti")
            ),
        ),
        other => {
            let kind = other
                .item_kind()
                .expect("section file fields are texts or lists");
            let required: Vec<&str> = kind
                .fields
                .iter()
                .filter(|f| is_required(&input.template.items, kind, f.key))
                .map(|f| f.key)
                .collect();
            let shape = format!(
                "Luettelo: jokainen kohta alkaa rivillä `- `. Kentät: {}. Pakolliset: {}.",
                kind.keys().join(", "),
                required.join(", ")
            );
            let help = match guidance {
                Some(g) => format!("{g}\n\n{shape}"),
                None => shape,
            };
            (list_schema(input, kind), help)
        }
    };
    described(value, &title, &help)
}

/// JSON text of `v`, indented by two spaces, with each object's `properties` in the order its
/// [`ORDER`] lists (the key itself is left out).
pub fn to_pretty(v: &Value) -> String {
    let mut out = String::new();
    write_value(v, 0, &mut out);
    out.push('\n');
    out
}

fn write_value(v: &Value, depth: usize, out: &mut String) {
    match v {
        Value::Object(map) => {
            let order: Vec<&str> = map
                .get(ORDER)
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let entries: Vec<(&String, &Value)> = map.iter().filter(|(k, _)| *k != ORDER).collect();
            write_object(&entries, &order, depth, out);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&"  ".repeat(depth + 1));
                write_value(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(depth));
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// An object's entries; its `properties` (when `order` is given) in that order.
fn write_object(entries: &[(&String, &Value)], order: &[&str], depth: usize, out: &mut String) {
    if entries.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push_str("{\n");
    for (i, (key, value)) in entries.iter().enumerate() {
        out.push_str(&"  ".repeat(depth + 1));
        out.push_str(&Value::String((*key).clone()).to_string());
        out.push_str(": ");
        match value {
            Value::Object(props) if key.as_str() == "properties" && !order.is_empty() => {
                let mut sorted: Vec<(&String, &Value)> = props.iter().collect();
                sorted
                    .sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
                write_object(&sorted, &[], depth + 1, out);
            }
            value => write_value(value, depth + 1, out),
        }
        out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
    }
    out.push_str(&"  ".repeat(depth));
    out.push('}');
}
