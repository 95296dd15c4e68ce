//! JSON Schema for the plan files, generated from the template so it can never drift from
//! it: one schema per file kind (region.yaml, plan.yaml, each section file) and a bundle.
//! Editors use it (through yaml-language-server) for completion, hover help in Finnish and
//! inline errors. Pure: builds JSON values, writes nothing.

use serde_json::{Map, Value, json};

use crate::model::Status;
use crate::template::{FieldDef, FieldKind, SectionDef, Template};
use crate::text::Text;

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The kinds of file a schema describes: `region`, `plan` and one per section id.
pub fn targets(template: &Template) -> Vec<String> {
    let mut out = vec!["region".to_owned(), "plan".to_owned()];
    out.extend(template.sections.iter().map(|s| s.id.clone()));
    out
}

/// The schema of one file kind, or `None` for an unknown target.
pub fn schema_for(template: &Template, target: &str) -> Option<Value> {
    let body = match target {
        "region" => region_schema(),
        "plan" => plan_schema(),
        id => section_schema(template.section(id)?),
    };
    let mut schema = json!({ "$schema": DRAFT, "$id": format!("urn:rakeplan:schema:{target}") });
    merge(&mut schema, body);
    schema["$defs"] = defs();
    Some(schema)
}

/// One schema for every plan file: a file is valid when it matches one of the kinds.
pub fn bundle(template: &Template) -> Value {
    let kinds: Vec<Value> = targets(template)
        .iter()
        .map(|t| {
            let mut s = schema_for(template, t).expect("targets are known");
            let obj = s.as_object_mut().expect("schemas are objects");
            obj.remove("$schema");
            obj.remove("$id");
            obj.remove("$defs");
            s
        })
        .collect();
    json!({
        "$schema": DRAFT,
        "$id": "urn:rakeplan:schema:plan-files",
        "title": "rakeplan: plan files (region.yaml, plan.yaml, sections/*.yaml)",
        "anyOf": kinds,
        "$defs": defs(),
    })
}

fn merge(into: &mut Value, from: Value) {
    if let (Some(a), Value::Object(b)) = (into.as_object_mut(), from) {
        a.extend(b);
    }
}

fn fi(text: &Text) -> String {
    text.get("fi", "fi").to_owned()
}

fn described(mut value: Value, description: &str) -> Value {
    value["description"] = json!(description);
    value["markdownDescription"] = json!(description);
    value
}

fn text_ref(description: &str) -> Value {
    described(json!({ "$ref": "#/$defs/text" }), description)
}

fn object(properties: Map<String, Value>, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn props(entries: Vec<(&str, Value)>) -> Map<String, Value> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

fn defs() -> Value {
    json!({
        "text": {
            "description": "Teksti: joko pelkkä merkkijono alueen pääkielellä tai kielittäin, esim. fi: ... ja sv: ...",
            "anyOf": [
                { "type": "string" },
                { "type": "number" },
                {
                    "type": "object",
                    "propertyNames": { "pattern": "^[a-z]{2,3}$" },
                    "additionalProperties": { "type": "string" },
                    "minProperties": 1
                }
            ]
        },
        "date": {
            "description": "Päivämäärä muodossa VVVV-KK-PP, esim. 2025-05-20",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        },
        "id": {
            "description": "Lyhyt tunnus: pieniä kirjaimia a-z, numeroita ja viivoja, esim. tietotyo-1",
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9-]*$"
        },
        "version": {
            "description": "Versionumero lainausmerkeissä, esim. \"1.0\"",
            "anyOf": [
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)*$" },
                { "type": "number" }
            ]
        },
        "month": {
            "description": "Kuukausi numerona (3) tai välinä lainausmerkeissä (\"1-2\")",
            "anyOf": [
                { "type": "integer", "minimum": 1, "maximum": 12 },
                { "type": "string", "pattern": "^\\s*(1[0-2]|[1-9])\\s*([-–]\\s*(1[0-2]|[1-9])\\s*)?$" }
            ]
        },
    })
}

fn region_schema() -> Value {
    let p = props(vec![
        (
            "name",
            text_ref("Hyvinvointialueen virallinen nimi, esim. Kainuun hyvinvointialue"),
        ),
        ("short_name", text_ref("Lyhyt nimi, esim. Kainuu")),
        (
            "languages",
            described(
                json!({ "type": "array", "items": { "type": "string", "pattern": "^[a-z]{2,3}$" }, "minItems": 1 }),
                "Alueen kielet; ensimmäinen on pääkieli, esim. [fi] tai [fi, sv]",
            ),
        ),
        (
            "population",
            described(json!({ "type": "integer", "minimum": 0 }), "Asukasluku"),
        ),
        (
            "population_year",
            described(json!({ "type": "integer" }), "Vuosi, jolta asukasluku on"),
        ),
        (
            "municipalities",
            described(
                json!({ "type": "array", "items": { "$ref": "#/$defs/text" } }),
                "Alueen kunnat",
            ),
        ),
        (
            "centre_of_expertise",
            text_ref("Sosiaalialan osaamiskeskus"),
        ),
        (
            "example",
            described(
                json!({ "type": "boolean" }),
                "true, jos sisältö on esimerkkiaineistoa",
            ),
        ),
    ]);
    let mut s = object(p, &["name"]);
    s["title"] = json!("region.yaml: hyvinvointialueen perustiedot");
    s
}

fn plan_schema() -> Value {
    let approval = object(
        props(vec![
            (
                "body",
                text_ref("Toimielin, esim. {fi: Aluehallitus, sv: Välfärdsområdesstyrelsen}"),
            ),
            (
                "date",
                described(json!({ "$ref": "#/$defs/date" }), "Kokouspäivä"),
            ),
            (
                "minute",
                described(json!({ "type": "string" }), "Pykälä, esim. \"§ 69\""),
            ),
            (
                "decision",
                described(
                    json!({ "enum": ["approved", "noted"] }),
                    "approved = hyväksytty, noted = merkitty tiedoksi",
                ),
            ),
        ]),
        &["body", "date", "decision"],
    );
    let change = object(
        props(vec![
            ("version", json!({ "$ref": "#/$defs/version" })),
            ("date", json!({ "$ref": "#/$defs/date" })),
            ("summary", text_ref("Mitä versiossa muuttui")),
        ]),
        &["version", "date", "summary"],
    );
    let p = props(vec![
        (
            "title",
            text_ref("Oma otsikko, jos mallipohjan otsikko ei sovi"),
        ),
        (
            "version",
            described(
                json!({ "$ref": "#/$defs/version" }),
                "Versionumero lainausmerkeissä, esim. \"1.1\"",
            ),
        ),
        (
            "status",
            described(
                json!({ "enum": Status::NAMES }),
                "draft = luonnos, proposed = ehdotus, approved = hyväksytty, superseded = korvattu",
            ),
        ),
        (
            "date",
            described(
                json!({ "$ref": "#/$defs/date" }),
                "Tämän version päivämäärä",
            ),
        ),
        (
            "validity",
            described(
                object(
                    props(vec![
                        ("from", json!({ "$ref": "#/$defs/date" })),
                        ("until", json!({ "$ref": "#/$defs/date" })),
                    ]),
                    &["from"],
                ),
                "Voimassaolo, yleensä valtuustokausi",
            ),
        ),
        (
            "approvals",
            described(
                json!({ "type": "array", "items": approval }),
                "Käsittely toimielimissä",
            ),
        ),
        (
            "changelog",
            described(
                json!({ "type": "array", "items": change }),
                "Muutoshistoria",
            ),
        ),
    ]);
    let mut s = object(p, &["version", "status", "date"]);
    s["title"] = json!("plan.yaml: suunnitelman versio, tila ja käsittely");
    s
}

fn section_schema(section: &SectionDef) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in section.fields.iter().filter(|f| f.in_section_file()) {
        properties.insert(field.id.clone(), field_schema(field));
        if field.required {
            required.push(field.id.as_str());
        }
    }
    let mut s = object(properties, &required);
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

fn item(properties: Vec<(&str, Value)>, required: &[&str]) -> Value {
    json!({ "type": "array", "items": object(props(properties), required) })
}

fn field_schema(field: &FieldDef) -> Value {
    let label = fi(&field.label);
    let description = match &field.guidance {
        Some(g) => format!("{label}: {}", fi(g)),
        None => label,
    };
    let id = || json!({ "$ref": "#/$defs/id" });
    let t = text_ref;
    let value = match field.kind {
        FieldKind::Markdown => {
            t("Teksti (Markdown: kappaleet, luettelot, **lihavointi**, linkit, taulukot)")
        }
        FieldKind::Members => item(
            vec![
                ("id", id()),
                ("role", t("Tehtävänimike (ei henkilön nimeä)")),
                ("unit", t("Yksikkö tai palvelualue")),
                (
                    "chair",
                    described(json!({ "type": "boolean" }), "true puheenjohtajalle"),
                ),
                ("note", t("Rooli ryhmässä, esim. sihteeri")),
            ],
            &["role", "unit"],
        ),
        FieldKind::Cycle => item(
            vec![
                ("id", id()),
                ("month", json!({ "$ref": "#/$defs/month" })),
                ("activity", t("Mitä tehdään")),
                ("owner", t("Vastuutaho")),
                ("audience", t("Kenelle tulos menee")),
            ],
            &["month", "activity", "owner"],
        ),
        FieldKind::FocusAreas => {
            let action = object(
                props(vec![
                    ("id", id()),
                    ("action", t("Toimenpide")),
                    ("owner", t("Vastuutaho")),
                    ("schedule", t("Aikataulu")),
                    (
                        "indicators",
                        described(
                            json!({ "type": "array", "items": { "$ref": "#/$defs/id" } }),
                            "Mittarien tunnukset seurantaluvusta (monitoring.yaml)",
                        ),
                    ),
                ]),
                &["id", "action", "owner", "schedule"],
            );
            item(
                vec![
                    ("id", id()),
                    ("name", t("Painopistealueen nimi")),
                    ("goal", t("Tavoite")),
                    ("description", t("Kuvaus (Markdown)")),
                    ("actions", json!({ "type": "array", "items": action })),
                ],
                &["id", "name", "goal", "actions"],
            )
        }
        FieldKind::Indicators => item(
            vec![
                ("id", id()),
                ("name", t("Mittarin nimi")),
                ("definition", t("Mitä mitataan ja miten")),
                ("source", t("Tietolähde")),
                ("baseline", t("Lähtötaso")),
                ("target", t("Tavoitetaso")),
                ("frequency", t("Seurantatiheys")),
            ],
            &["id", "name", "definition"],
        ),
        FieldKind::Partners => item(
            vec![
                ("id", id()),
                ("name", t("Yhteistyötaho")),
                ("type", t("Tyyppi, esim. kunta tai järjestö")),
                ("cooperation", t("Yhteistyön sisältö")),
            ],
            &["name", "cooperation"],
        ),
        FieldKind::Municipalities | FieldKind::Approvals | FieldKind::Changelog => json!({}),
    };
    described(value, &description)
}
