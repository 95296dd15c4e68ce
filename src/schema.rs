//! JSON Schema for the plan files, generated from the template and the item kinds' field
//! tables so it can never drift from them: one schema per file kind (region.yaml, plan.yaml,
//! each section file) and a bundle. Editors use it (through yaml-language-server) for
//! completion in template order, one clean hover per key (the label as title, the guidance
//! as description), messages for patterns and choices, and snippets for new list items, all
//! in one language (Finnish, Swedish or English: a county's main language). Pure: builds
//! JSON values, writes nothing.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::i18n::Lang;
use crate::items::{FieldSpec, Kind, Rules, ValueKind, is_required};
use crate::model::Status;
use crate::template::{FieldDef, FieldKind, Labels, SectionDef, Template};
use crate::text::Text;
use crate::tr;

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The key that records the order of an object schema's `properties` (JSON objects have no
/// order of their own here); [`to_pretty`] writes the properties in it and leaves it out.
pub const ORDER: &str = "x-order";

/// What the schemas are made from.
pub struct SchemaInput<'a> {
    /// The template.
    pub template: &'a Template,
    /// Labels (the captions in `lang` are the hover titles).
    pub labels: &'a Labels,
    /// The language of hovers and messages: a county's main language.
    pub lang: Lang,
}

/// The one folder of a repository's editor schemas, which every writer (`schema --write`,
/// `init`, `new`, `template export`) and every `$schema` line use: `schema/` beside the
/// regions folder when it is there (a county's repository made by `init`), else
/// `<template>/schema/` when that is there (rakeplan's own repository), else `schema/` beside
/// the regions folder. Exporting the template later does not move it.
pub fn repo_dir(regions: &Path, template: &Path) -> PathBuf {
    let beside = regions.parent().unwrap_or(Path::new("")).join("schema");
    if beside.is_dir() {
        return beside;
    }
    let in_template = template.join("schema");
    if in_template.is_dir() {
        return in_template;
    }
    beside
}

/// A second schema folder the repository does not use (`<template>/schema/` beside a used
/// `schema/`, left by an older `template export`): editors pointed at it read stale schemas.
pub fn unused_dir(regions: &Path, template: &Path) -> Option<PathBuf> {
    let used = repo_dir(regions, template);
    let in_template = template.join("schema");
    (in_template != used && in_template.is_dir()).then_some(in_template)
}

/// Whether `template export` into `dir` writes the schemas there too: only when the
/// repository keeps them nowhere else (then `dir/schema/` becomes their one folder).
pub fn export_with_schemas(regions: &Path, dir: &Path) -> bool {
    let used = repo_dir(regions, dir);
    used == dir.join("schema") || !used.is_dir()
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
        "region" => region_schema(input),
        "plan" => plan_schema(input),
        id => section_schema(input, input.template.section(id)?),
    };
    let id = format!("urn:rakeplan:schema:{}{target}", id_prefix(input.lang));
    let mut schema = json!({ "$schema": DRAFT, "$id": id });
    if let (Some(a), Value::Object(b)) = (schema.as_object_mut(), body) {
        a.extend(b);
    }
    Some(schema)
}

/// What tells a language's schema ids apart: nothing for Finnish (the first schemas'),
/// `sv:` for Swedish, `en:` for English.
fn id_prefix(lang: Lang) -> &'static str {
    lang.pick("en:", "", "sv:")
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
        "$id": format!("urn:rakeplan:schema:{}plan-files", id_prefix(input.lang)),
        "title": "rakeplan: plan files (region.yaml, plan.yaml, sections/*.yaml)",
        "anyOf": kinds,
    })
}

/// A text of the template in the schema's language (Finnish where it has none).
fn local(text: &Text, lang: Lang) -> String {
    text.get(lang.code(), "fi").to_owned()
}

/// Caption of a `labels.yaml` key in the schema's language, capitalised.
fn caption(labels: &Labels, key: &str, lang: Lang) -> String {
    crate::text::upper_first(
        &labels
            .0
            .get(key)
            .map(|t| local(t, lang))
            .unwrap_or_else(|| key.to_owned()),
    )
}

/// `value` with a hover: its title and its description (plain and Markdown).
fn described(mut value: Value, title: &str, description: &str) -> Value {
    value["title"] = json!(title);
    value["description"] = json!(description);
    value["markdownDescription"] = json!(description);
    value
}

/// The Markdown a text field takes, as its hover says it.
fn markdown_hint(lang: Lang) -> &'static str {
    lang.pick(
        "\n\nMarkdown: an empty line starts a new paragraph; `- ` starts a list line and `1. ` \
         a numbered one; `**bold**`, `*italics*`, `[link text](https://...)` and tables \
         `| a | b |`. Text of several lines starts with `|` on the key's line.",
        "\n\nMarkdown: tyhjä rivi aloittaa uuden kappaleen; `- ` aloittaa \
         luettelon rivin ja `1. ` numeroidun; `**lihavointi**`, `*kursiivi*`, \
         `[linkin teksti](https://...)` ja taulukot `| a | b |`. Usean rivin teksti alkaa \
         avaimen rivillä merkillä `|`.",
        "\n\nMarkdown: en tom rad börjar ett nytt stycke; `- ` börjar en rad i en punktlista \
         och `1. ` en numrerad; `**fetstil**`, `*kursiv*`, `[länkens text](https://...)` och \
         tabeller `| a | b |`. Text på flera rader börjar med `|` på nyckelns rad.",
    )
}

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

fn language_code_message(lang: Lang) -> &'static str {
    lang.pick(
        "A language code, such as fi or sv",
        "Kielikoodi, esimerkiksi fi tai sv",
        "En språkkod, till exempel sv eller fi",
    )
}

fn text_value(lang: Lang) -> Value {
    json!({
        "type": ["string", "number", "object"],
        "errorMessage": lang.pick(
            "Text goes here: as it is or by language (fi: ..., sv: ...)",
            "Tähän kirjoitetaan tekstiä: sellaisenaan tai kielittäin (fi: ..., sv: ...)",
            "Här skrivs text: som den är eller per språk (sv: ..., fi: ...)",
        ),
        "propertyNames": {
            "pattern": "^[a-z]{2,3}$",
            "patternErrorMessage": language_code_message(lang)
        },
        "additionalProperties": { "type": "string" },
        "minProperties": 1
    })
}

fn id_value(lang: Lang) -> Value {
    json!({
        "type": "string",
        "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*$",
        "patternErrorMessage": lang.pick(
            "An id holds only letters a–z and A–Z, digits and the marks - and _, such as A1 or knowledge-1",
            "Tunnuksessa saa olla vain kirjaimia a–z ja A–Z, numeroita sekä merkit - ja _, esimerkiksi A1 tai tietotyo-1",
            "Ett id får bara ha bokstäverna a–z och A–Z, siffror och tecknen - och _, till exempel A1 eller kunskap-1",
        ),
        "errorMessage": lang.pick(
            "An id is a short text, such as A1 or knowledge-1",
            "Tunnus on lyhyt teksti, esimerkiksi A1 tai tietotyo-1",
            "Ett id är en kort text, till exempel A1 eller kunskap-1",
        )
    })
}

fn date_value(lang: Lang) -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "patternErrorMessage": lang.pick(
            "A date as YYYY-MM-DD, such as 2025-05-20",
            "Päivämäärä muodossa VVVV-KK-PP, esimerkiksi 2025-05-20",
            "Ett datum i formen ÅÅÅÅ-MM-DD, till exempel 2025-05-20",
        )
    })
}

fn version_value(lang: Lang) -> Value {
    json!({
        "type": ["string", "number"],
        "pattern": "^[0-9]+(\\.[0-9]+)*$",
        "patternErrorMessage": lang.pick(
            "A version number in quotes, such as \"1.0\" or \"2.1\"",
            "Versionumero lainausmerkeissä, esimerkiksi \"1.0\" tai \"2.1\"",
            "Ett versionsnummer inom citattecken, till exempel \"1.0\" eller \"2.1\"",
        )
    })
}

/// A year a measured value may be from, 2000-2100, as a key.
const YEAR_KEY: &str = "^(20[0-9][0-9]|2100)$";

fn number_value(lang: Lang) -> Value {
    json!({
        "type": "number",
        "errorMessage": lang.pick(
            "A number only, without quotes or a unit, decimals with a point: 41 or 41.5",
            "Pelkkä luku ilman lainausmerkkejä ja yksikköä, desimaalit pisteellä: 41 tai 41.5",
            "Bara ett tal utan citattecken och enhet, decimaler med punkt: 41 eller 41.5",
        )
    })
}

fn boolean_value(lang: Lang) -> Value {
    json!({
        "type": "boolean",
        "errorMessage": lang.pick(
            "Write true or false",
            "Kirjoita true (kyllä) tai false (ei)",
            "Skriv true (ja) eller false (nej)",
        )
    })
}

fn year_value(lang: Lang) -> Value {
    json!({
        "type": "integer",
        "minimum": 1900,
        "maximum": 2200,
        "errorMessage": lang.pick(
            "A year with four digits, such as 2024",
            "Vuosi neljällä numerolla, esimerkiksi 2024",
            "Ett år med fyra siffror, till exempel 2024",
        )
    })
}

/// The schema of one value kind (without its hover).
fn value_schema(input: &SchemaInput, kind: ValueKind) -> Value {
    let lang = input.lang;
    match kind {
        ValueKind::Id => id_value(lang),
        ValueKind::Text | ValueKind::Markdown => text_value(lang),
        ValueKind::Flag => boolean_value(lang),
        ValueKind::Months => json!({
            "type": ["integer", "string"],
            "minimum": 1,
            "maximum": 12,
            "pattern": "^\\s*([0-9]{1,2}|[A-Za-zÅÄÖåäö.]{3,})\\s*([-–]\\s*([0-9]{1,2}|[A-Za-zÅÄÖåäö.]{3,})\\s*)?$",
            "patternErrorMessage": lang.pick(
                "A month as a number (3) or a name (March), or a range in quotes: \"1-2\", \"12-1\"",
                "Kuukausi numerona (3) tai nimenä (maaliskuu), tai väli lainausmerkeissä: \"1-2\", \"joulu-tammikuu\"",
                "En månad som nummer (3) eller namn (mars), eller ett intervall inom citattecken: \"1-2\", \"12-1\"",
            ),
            "errorMessage": lang.pick(
                "A month as a number 1–12 (3) or a name (March), or one range in quotes: \"10-11\"; not a list",
                "Kuukausi numerona 1–12 (3) tai nimenä (maaliskuu), tai yksi väli lainausmerkeissä: \"10-11\"; ei luetteloa",
                "En månad som nummer 1–12 (3) eller namn (mars), eller ett intervall inom citattecken: \"10-11\"; ingen lista",
            )
        }),
        ValueKind::Year => year_value(lang),
        ValueKind::Number => number_value(lang),
        ValueKind::Yearly => json!({
            "type": "object",
            "propertyNames": {
                "pattern": YEAR_KEY,
                "patternErrorMessage": lang.pick(
                    "A year with four digits from 2000 to 2100, such as 2024",
                    "Vuosi neljällä numerolla väliltä 2000–2100, esimerkiksi 2024",
                    "Ett år med fyra siffror mellan 2000 och 2100, till exempel 2024",
                )
            },
            // Editors read a key written as a number (2024) past `propertyNames`; the
            // pattern of `patternProperties` still holds it.
            "patternProperties": { YEAR_KEY: number_value(lang) },
            "additionalProperties": false,
            "errorMessage": lang.pick(
                "Years and their numbers, such as {2024: 41, 2025: 77}",
                "Vuodet ja niiden luvut, esimerkiksi {2024: 41, 2025: 77}",
                "År och deras tal, till exempel {2024: 41, 2025: 77}",
            )
        }),
        ValueKind::Refs => json!({ "type": "array", "items": id_value(lang) }),
        ValueKind::Date => date_value(lang),
        ValueKind::Version => version_value(lang),
        ValueKind::Str => json!({ "type": ["string", "number"] }),
        ValueKind::Decision => {
            let kinds = &input.template.decisions;
            let name = |k: &crate::template::DecisionKind| k.name.get(lang.code(), "fi").to_owned();
            json!({
                "enum": kinds.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
                "errorMessage": format!(
                    "{} {}",
                    lang.pick("Use", "Käytä arvoa", "Använd"),
                    kinds
                        .iter()
                        .map(|k| format!("{} ({})", k.id, name(k)))
                        .collect::<Vec<_>>()
                        .join(lang.pick(" or ", " tai ", " eller "))
                ),
                "enumDescriptions": kinds.iter().map(name).collect::<Vec<_>>(),
                "markdownEnumDescriptions": kinds.iter().map(name).collect::<Vec<_>>(),
            })
        }
        ValueKind::Choice(choices) => json!({
            "enum": choices.iter().map(|c| c.value).collect::<Vec<_>>(),
            "errorMessage": format!(
                "{} {}",
                lang.pick("Use", "Käytä arvoa", "Använd"),
                choices
                    .iter()
                    .map(|c| format!("{} ({})", c.value, c.meaning(lang)))
                    .collect::<Vec<_>>()
                    .join(lang.pick(" or ", " tai ", " eller "))
            ),
            "enumDescriptions": choices.iter().map(|c| c.meaning(lang)).collect::<Vec<_>>(),
            "markdownEnumDescriptions": choices.iter().map(|c| c.meaning(lang)).collect::<Vec<_>>(),
        }),
        ValueKind::Items(kind) => list_schema(input, kind),
    }
}

fn field_schema(input: &SchemaInput, spec: &FieldSpec) -> Value {
    let mut help = spec.help_in(input.lang).to_owned();
    if matches!(spec.kind, ValueKind::Markdown) {
        help.push_str(markdown_hint(input.lang));
    }
    described(
        value_schema(input, spec.kind),
        &caption(input.labels, spec.label, input.lang),
        &help,
    )
}

/// `record:`, the records metadata: every field optional here (what the template requires
/// may come from region.yaml or plan.yaml, so `check` looks at the two together).
fn record_schema(input: &SchemaInput) -> Value {
    let kind = crate::items::kind("record").expect("a kind");
    let properties = kind
        .fields
        .iter()
        .map(|f| (f.key.to_owned(), field_schema(input, f)))
        .collect();
    object(properties, Vec::new())
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
    item["defaultSnippets"] = json!([snippet(kind, rules, input.lang)]);
    json!({ "type": "array", "items": item })
}

/// A snippet for a new item: its required fields (and its id), with examples to overwrite.
fn snippet(kind: &Kind, rules: &Rules, lang: Lang) -> Value {
    let mut body = Map::new();
    let mut n = 0;
    for f in kind.fields {
        let example = f.example_in(lang);
        if !(f.key == "id" || is_required(rules, kind, f.key)) || example.is_empty() {
            continue;
        }
        n += 1;
        let example = example.trim_matches('"').replace('$', "\\$");
        let value = match f.kind {
            ValueKind::Flag | ValueKind::Year | ValueKind::Number => {
                json!(format!("^${{{n}:{example}}}"))
            }
            ValueKind::Refs => json!([format!("${{{n}:I1}}")]),
            _ => json!(format!("${{{n}:{example}}}")),
        };
        body.insert(f.key.to_owned(), value);
    }
    let what = lang.pick(kind.what[0], kind.what[1], kind.what[2]);
    let (label, description) = match lang {
        Lang::Fi => (
            format!("Uusi {what}"),
            format!("Uusi {what} esimerkkiarvoin, jotka korvataan"),
        ),
        Lang::Sv => (
            format!("Ny: {what}"),
            format!("Ny: {what}, med exempelvärden att ersätta"),
        ),
        Lang::En => (
            format!("New: {what}"),
            format!("New: {what}, with example values to replace"),
        ),
    };
    json!({
        "label": label,
        "description": description,
        "body": body,
    })
}

fn region_schema(input: &SchemaInput) -> Value {
    let lang = input.lang;
    let p = |k: &str, v: Value, title: &str, d: &str| (k.to_owned(), described(v, title, d));
    let t = |en: &'static str, fi: &'static str, sv: &'static str| lang.pick(en, fi, sv);
    let props = vec![
        p(
            "name",
            text_value(lang),
            t("Name", "Nimi", "Namn"),
            t(
                "The county's official name, such as Kainuun hyvinvointialue",
                "Hyvinvointialueen virallinen nimi, esimerkiksi Kainuun hyvinvointialue",
                "Välfärdsområdets officiella namn, till exempel Österbottens välfärdsområde",
            ),
        ),
        p(
            "short_name",
            text_value(lang),
            t("Short name", "Lyhyt nimi", "Kort namn"),
            t(
                "A short name for page headers and the site, such as Kainuu",
                "Lyhyt nimi ylätunnisteisiin ja sivustolle, esimerkiksi Kainuu",
                "Ett kort namn för sidhuvuden och webbplatsen, till exempel Österbotten",
            ),
        ),
        p(
            "languages",
            json!({ "type": "array", "items": { "type": "string", "pattern": "^[a-z]{2,3}$", "patternErrorMessage": language_code_message(lang) }, "minItems": 1 }),
            t("Languages", "Kielet", "Språk"),
            t(
                "The county's languages; the first is the main language, such as [fi] or [fi, sv]",
                "Alueen kielet; ensimmäinen on pääkieli, esimerkiksi [fi] tai [fi, sv]",
                "Områdets språk; det första är huvudspråket, till exempel [sv, fi] eller [fi, sv]",
            ),
        ),
        p(
            "population",
            json!({ "type": "integer", "minimum": 0, "errorMessage": t(
                "The population in digits without spaces, such as 70000",
                "Asukasluku numeroina ilman välilyöntejä, esimerkiksi 70000",
                "Invånarantalet i siffror utan mellanslag, till exempel 70000",
            ) }),
            t("Population", "Asukasluku", "Invånarantal"),
            t(
                "The population in digits without spaces, such as 70000",
                "Asukasluku numeroina ilman välilyöntejä, esimerkiksi 70000",
                "Invånarantalet i siffror utan mellanslag, till exempel 70000",
            ),
        ),
        p(
            "population_year",
            year_value(lang),
            t(
                "Year of the population",
                "Asukasluvun vuosi",
                "Invånarantalets år",
            ),
            t(
                "The year of the population (shown as 70 000 (2024)); optional",
                "Vuosi, jolta asukasluku on (näytetään muodossa 70 000 (2024)); vapaaehtoinen",
                "Året som invånarantalet gäller (visas som 70 000 (2024)); frivilligt",
            ),
        ),
        p(
            "municipalities",
            json!({ "type": "array", "items": text_value(lang) }),
            t("Municipalities", "Kunnat", "Kommuner"),
            t(
                "The county's municipalities; in a bilingual county {fi: Kokkola, sv: Karleby}",
                "Alueen kunnat; kaksikielisellä alueella {fi: Kokkola, sv: Karleby}",
                "Områdets kommuner; i ett tvåspråkigt område {sv: Karleby, fi: Kokkola}",
            ),
        ),
        p(
            "centre_of_expertise",
            text_value(lang),
            t(
                "Centre of expertise",
                "Sosiaalialan osaamiskeskus",
                "Kompetenscentrum inom det sociala området",
            ),
            t(
                "The county's social welfare centre of expertise",
                "Alueen sosiaalialan osaamiskeskus",
                "Områdets kompetenscentrum inom det sociala området",
            ),
        ),
        p(
            "example",
            boolean_value(lang),
            t("Example data", "Esimerkkiaineisto", "Exempeldata"),
            t(
                "true when the content is invented example data (marked on every output)",
                "true, jos sisältö on keksittyä esimerkkiaineistoa (merkitään jokaiseen tulosteeseen)",
                "true om innehållet är påhittade exempeldata (markeras på varje utskrift)",
            ),
        ),
        p(
            "record",
            record_schema(input),
            t(
                "Records metadata",
                "Asiakirjan tiedot",
                "Handlingens uppgifter",
            ),
            t(
                "The defaults for every version: publicity class, personal data, retention and its grounds, TOS task class",
                "Oletukset kaikille versioille: julkisuusluokka, henkilötiedot, säilytysaika ja sen peruste, TOS-tehtäväluokka",
                "Standardvärden för alla versioner: offentlighetsklass, personuppgifter, förvaringstid och dess grund, uppgiftsklass",
            ),
        ),
    ];
    let mut s = object(props, vec!["name"]);
    s["title"] = json!(t(
        "region.yaml: the county's basic facts",
        "region.yaml: hyvinvointialueen perustiedot",
        "region.yaml: välfärdsområdets grunduppgifter",
    ));
    s
}

fn plan_schema(input: &SchemaInput) -> Value {
    let lang = input.lang;
    let p = |k: &str, v: Value, title: &str, d: &str| (k.to_owned(), described(v, title, d));
    let t = |en: &'static str, fi: &'static str, sv: &'static str| lang.pick(en, fi, sv);
    let meanings = match lang {
        Lang::En => ["draft", "proposed", "approved", "superseded"],
        Lang::Fi => ["luonnos", "ehdotus", "hyväksytty", "korvattu"],
        Lang::Sv => ["utkast", "förslag", "godkänd", "ersatt"],
    };
    let statuses = json!({
        "enum": Status::NAMES,
        "errorMessage": t(
            "The status is draft, proposed, approved or superseded",
            "Tila on draft (luonnos), proposed (ehdotus), approved (hyväksytty) tai superseded (korvattu)",
            "Status är draft (utkast), proposed (förslag), approved (godkänd) eller superseded (ersatt)",
        ),
        "enumDescriptions": meanings,
        "markdownEnumDescriptions": meanings,
    });
    let validity = object(
        vec![
            p(
                "from",
                date_value(lang),
                t("From", "Alkaen", "Från"),
                t(
                    "The first day of validity",
                    "Ensimmäinen voimassaolopäivä",
                    "Första giltighetsdagen",
                ),
            ),
            p(
                "until",
                date_value(lang),
                t("Until", "Päättyen", "Till"),
                t(
                    "The last day of validity",
                    "Viimeinen voimassaolopäivä",
                    "Sista giltighetsdagen",
                ),
            ),
        ],
        vec!["from"],
    );
    let list = |kind| list_schema(input, kind);
    let props = vec![
        p(
            "title",
            text_value(lang),
            t("Title", "Otsikko", "Rubrik"),
            t(
                "An own title, when the template's does not fit",
                "Oma otsikko, jos mallipohjan otsikko ei sovi",
                "En egen rubrik, om planmallens rubrik inte passar",
            ),
        ),
        p(
            "version",
            version_value(lang),
            t("Version", "Versio", "Version"),
            t(
                "The version number in quotes, such as \"1.1\"",
                "Versionumero lainausmerkeissä, esimerkiksi \"1.1\"",
                "Versionsnumret inom citattecken, till exempel \"1.1\"",
            ),
        ),
        p(
            "status",
            statuses,
            t("Status", "Tila", "Status"),
            t(
                "draft, proposed, approved or superseded",
                "draft = luonnos, proposed = ehdotus, approved = hyväksytty, superseded = korvattu",
                "draft = utkast, proposed = förslag, approved = godkänd, superseded = ersatt",
            ),
        ),
        p(
            "date",
            date_value(lang),
            t("Date", "Päivämäärä", "Datum"),
            t(
                "The date of this version (YYYY-MM-DD)",
                "Tämän version päivämäärä (VVVV-KK-PP)",
                "Den här versionens datum (ÅÅÅÅ-MM-DD)",
            ),
        ),
        p(
            "validity",
            validity,
            t("Validity", "Voimassaolo", "Giltighet"),
            t(
                "Validity, usually the council term; without it, the council term the date falls in",
                "Voimassaolo, yleensä valtuustokausi; ilman tätä valtuustokausi, jolle päivämäärä osuu",
                "Giltighet, vanligen fullmäktigeperioden; utan den den fullmäktigeperiod som datumet faller inom",
            ),
        ),
        p(
            "approvals",
            list(crate::items::kind("approval").expect("a kind")),
            t("Approvals", "Käsittely", "Behandling"),
            t(
                "Handling by the bodies, in order",
                "Käsittely toimielimissä järjestyksessä",
                "Behandlingen i organen i tur och ordning",
            ),
        ),
        p(
            "changelog",
            list(crate::items::kind("change").expect("a kind")),
            t("Change history", "Muutoshistoria", "Ändringshistorik"),
            t(
                "The versions and what changed in them",
                "Versiot ja mitä niissä muuttui",
                "Versionerna och vad som ändrades i dem",
            ),
        ),
        p(
            "record",
            record_schema(input),
            t(
                "Records metadata",
                "Asiakirjan tiedot",
                "Handlingens uppgifter",
            ),
            t(
                "This version as a record: publicity class, personal data, retention and its grounds, TOS task class, identifier (what region.yaml's `record:` does not give)",
                "Tämä versio asiakirjana: julkisuusluokka, henkilötiedot, säilytysaika ja sen peruste, TOS-tehtäväluokka, tunniste (mitä region.yaml ei anna kohdassa `record`)",
                "Den här versionen som handling: offentlighetsklass, personuppgifter, förvaringstid och dess grund, uppgiftsklass, identifierare (det som `record:` i region.yaml inte ger)",
            ),
        ),
    ];
    let mut s = object(props, vec!["version", "status", "date"]);
    s["title"] = json!(t(
        "plan.yaml: the plan's version, status and decisions",
        "plan.yaml: suunnitelman versio, tila ja käsittely",
        "plan.yaml: planens version, status och behandling",
    ));
    s
}

fn section_schema(input: &SchemaInput, section: &SectionDef) -> Value {
    let lang = input.lang;
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
        local(&section.title, lang),
        section.id
    ));
    s["description"] = json!(local(&section.guidance, lang));
    s["markdownDescription"] = json!(local(&section.guidance, lang));
    s
}

fn section_field(input: &SchemaInput, field: &FieldDef) -> Value {
    let lang = input.lang;
    let title = local(&field.label, lang);
    let guidance = field.guidance.as_ref().map(|g| local(g, lang));
    let (value, help) = match field.kind {
        FieldKind::Markdown => (
            text_value(lang),
            format!(
                "{}{}",
                guidance.as_deref().unwrap_or(lang.pick(
                    "The section's text",
                    "Luvun teksti",
                    "Kapitlets text"
                )),
                markdown_hint(lang)
            ),
        ),
        FieldKind::Facts => {
            let keys: Vec<&str> = field.entries.iter().map(|e| e.id.as_str()).collect();
            let shape = match lang {
                Lang::En => format!("Keys, each on its own line: {}.", keys.join(", ")),
                Lang::Fi => format!("Avaimet, kukin omalla rivillään: {}.", keys.join(", ")),
                Lang::Sv => format!("Nycklar, var och en på en egen rad: {}.", keys.join(", ")),
            };
            let help = match guidance {
                Some(g) => format!("{g}\n\n{shape}"),
                None => shape,
            };
            (facts_schema(input, field), help)
        }
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
            let (fields, required) = (kind.keys().join(", "), required.join(", "));
            let shape = match lang {
                Lang::En => format!(
                    "A list: each item starts on a line with `- `. Fields: {fields}. Required: {required}."
                ),
                Lang::Fi => format!(
                    "Luettelo: jokainen kohta alkaa rivillä `- `. Kentät: {fields}. Pakolliset: {required}."
                ),
                Lang::Sv => format!(
                    "En lista: varje punkt börjar på en rad med `- `. Fält: {fields}. Obligatoriska: {required}."
                ),
            };
            let help = match guidance {
                Some(g) => format!("{g}\n\n{shape}"),
                None => shape,
            };
            (list_schema(input, kind), help)
        }
    };
    described(value, &title, &help)
}

/// A `facts` field: the template's entries, each by its type, with its caption and
/// guidance as the editor's hover.
fn facts_schema(input: &SchemaInput, field: &FieldDef) -> Value {
    use crate::template::EntryKind;
    let lang = input.lang;
    let properties = field
        .entries
        .iter()
        .map(|e| {
            let value = match e.kind {
                EntryKind::Text => text_value(lang),
                EntryKind::List => json!({
                    "anyOf": [text_value(lang), { "type": "array", "items": text_value(lang) }]
                }),
                EntryKind::Year => value_schema(input, ValueKind::Year),
                EntryKind::Number => value_schema(input, ValueKind::Number),
                EntryKind::Counts => json!({
                    "type": "array",
                    "items": object(
                        vec![
                            ("area".to_owned(), text_value(lang)),
                            ("values".to_owned(), value_schema(input, ValueKind::Yearly)),
                        ],
                        vec!["area"],
                    ),
                }),
            };
            let title = local(&e.label, lang);
            let help = e
                .guidance
                .as_ref()
                .map_or_else(|| title.clone(), |g| local(g, lang));
            (e.id.clone(), described(value, &title, &help))
        })
        .collect();
    object(properties, Vec::new())
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

/// The folder, inside the schema folder, of the schemas in `lang`: Finnish ones at the top
/// (where the first schemas were), `sv/` and `en/` for the others.
pub fn lang_dir(lang: Lang) -> &'static str {
    lang.pick("en/", "", "sv/")
}

/// One schema per file kind and the bundle for every file, in every language (see
/// [`lang_dir`]), as (file path inside the schema folder, JSON text).
pub fn schema_files(tset: &crate::load::TemplateSet) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = Vec::new();
    for lang in [Lang::Fi, Lang::Sv, Lang::En] {
        let input = SchemaInput {
            template: &tset.template,
            labels: &tset.labels,
            lang,
        };
        let dir = lang_dir(lang);
        all.extend(targets(&tset.template).iter().map(|t| {
            (
                format!("{dir}{t}.schema.json"),
                to_pretty(&schema_for(&input, t).expect("known")),
            )
        }));
        all.push((
            format!("{dir}plan-files.schema.json"),
            to_pretty(&bundle(&input)),
        ));
    }
    all
}

/// Writes `files` into `dir` (created when missing), each atomically; the message in the
/// language of messages on failure.
pub fn write_schemas(dir: &std::path::Path, files: &[(String, String)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|err| {
        tr!(
            "cannot create the folder: {err}",
            "kansiota ei voi luoda: {err}",
            "det går inte att skapa mappen: {err}"
        )
    })?;
    for (name, text) in files {
        if let Some(parent) = dir.join(name).parent() {
            std::fs::create_dir_all(parent).map_err(|err| {
                tr!(
                    "cannot create the folder: {err}",
                    "kansiota ei voi luoda: {err}",
                    "det går inte att skapa mappen: {err}"
                )
            })?;
        }
        crate::fswrite::write_file(&dir.join(name), text.as_bytes()).map_err(|err| {
            let shown = crate::fsread::display(&dir.join(name));
            tr!(
                "cannot write \"{shown}\": {err}",
                "tiedostoa \"{shown}\" ei voi kirjoittaa: {err}",
                "det går inte att skriva \"{shown}\": {err}"
            )
        })?;
    }
    Ok(())
}
