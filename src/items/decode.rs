//! Reading items out of YAML nodes by their field table: unknown keys, missing fields (as the
//! template requires them), values of the wrong kind, ids, dates, months and years, each
//! reported at its line while the rest of the file is still read. The result is the item's
//! serde shape, turned into its struct by serde, so the table and the struct cannot drift.

use serde_json::{Map, Value, json};

use super::{Item, Kind, Rules, ValueKind, is_required};
use crate::date::Date;
use crate::diagnostic::Span;
use crate::names::{is_valid_id, slugify, suggest_id};
use crate::tr;
use crate::yaml::{self, Decoder, Node};

/// The items of a list field. `None` when the list itself could not be read; items with
/// errors are left out (their errors are reported).
pub fn decode_list<T: Item>(d: &mut Decoder, node: &Node, rules: &Rules) -> Option<Vec<T>> {
    let list = d.list(node, T::KIND.list_what())?;
    Some(
        list.iter()
            .enumerate()
            .filter_map(|(i, n)| decode_item(d, n, i, rules))
            .collect(),
    )
}

/// One item, or `None` when it has errors (reported).
pub fn decode_item<T: Item>(
    d: &mut Decoder,
    node: &Node,
    index: usize,
    rules: &Rules,
) -> Option<T> {
    let map = decode_map(d, node, index, T::KIND, rules)?;
    match serde_json::from_value(Value::Object(map)) {
        Ok(item) => Some(item),
        // The table and the struct disagree: a bug in rakeplan, not in the plan.
        Err(err) => {
            let what = T::KIND.what();
            d.error(
                &node.span,
                format!("internal error: {what} could not be read: {err}"),
                "",
            );
            None
        }
    }
}

fn decode_map(
    d: &mut Decoder,
    node: &Node,
    index: usize,
    kind: &Kind,
    rules: &Rules,
) -> Option<Map<String, Value>> {
    let what = kind.what();
    let f = d.fields(node, &kind.keys(), what)?;
    let mut map = Map::new();
    let mut whole = true;
    for spec in kind.fields {
        let present = f
            .get(spec.key)
            .filter(|n| !matches!(n.value, yaml::Value::Null));
        match present {
            Some(n) => whole &= value(d, n, spec.key, spec.kind, what, rules, &mut map),
            None if is_required(rules, kind, spec.key) => {
                let key = spec.key;
                let example = spec.example.lines().next().unwrap_or("...");
                let hint = if matches!(spec.kind, ValueKind::Items(_)) {
                    tr!(
                        "add `{key}:` with at least one item",
                        "lisää `{key}:` ja sen alle vähintään yksi kohta",
                        "lägg till `{key}:` och minst en punkt under den"
                    )
                } else {
                    tr!(
                        "add a line such as `{key}: {example}`",
                        "lisää rivi, esimerkiksi `{key}: {example}`",
                        "lägg till en rad, till exempel `{key}: {example}`"
                    )
                };
                d.missing(&f, key, what, &hint);
                whole = false;
            }
            None => {}
        }
    }
    if !map.contains_key("id") && kind.field("id").is_some() {
        // No id written: one made from the item's name follows it between versions.
        let made = match map.get(kind.title) {
            Some(Value::String(s)) => slugify(s),
            Some(Value::Object(by_lang)) => by_lang
                .get("fi")
                .or_else(|| by_lang.values().next())
                .and_then(Value::as_str)
                .map(slugify)
                .unwrap_or_else(|| format!("{}-{}", kind.name, index + 1)),
            _ => format!("{}-{}", kind.name, index + 1),
        };
        map.insert("id".into(), Value::String(made));
    }
    map.insert("span".into(), json!(node.span));
    whole.then_some(map)
}

/// Reads one field's value into `map`; false when it has an error (reported).
fn value(
    d: &mut Decoder,
    n: &Node,
    key: &str,
    kind: ValueKind,
    what: &str,
    rules: &Rules,
    map: &mut Map<String, Value>,
) -> bool {
    let named = tr!(
        "\"{key}\" of {what}",
        "\"{key}\" ({what})",
        "\"{key}\" ({what})"
    );
    let v = match kind {
        ValueKind::Id => d
            .string(n, &named)
            .filter(|id| check_id(d, n, id, what))
            .map(Value::String),
        ValueKind::Text | ValueKind::Markdown => d.text(n, &named).map(|t| json!(t)),
        ValueKind::Flag => d.boolean(n, &named).map(Value::Bool),
        ValueKind::Str => d.string(n, &named).map(Value::String),
        ValueKind::Decision => d.string(n, &named).and_then(|s| {
            let known: Vec<&str> = rules
                .values()
                .flat_map(|r| r.decisions.iter().map(String::as_str))
                .collect();
            if known.is_empty() || known.contains(&s.as_str()) {
                return Some(Value::String(s));
            }
            let listed = known.join(", ");
            let hint = match crate::yaml::suggest(&s, &known) {
                Some(best) => crate::yaml::did_you_mean(best),
                None => tr!(
                    "the decisions the template knows are {listed}; a county adds its own \
                     under `decisions:` in plan-template/template.yaml",
                    "suunnitelmapohjan tuntemat päätökset ovat {listed}; hyvinvointialue voi \
                     lisätä omansa kohtaan `decisions:` tiedostossa plan-template/template.yaml",
                    "de beslut som planmallen känner till är {listed}; ett välfärdsområde \
                     lägger till egna under `decisions:` i plan-template/template.yaml"
                ),
            };
            d.error(
                &n.span,
                tr!(
                    "\"{s}\" is not a decision the template knows",
                    "\"{s}\" ei ole suunnitelmapohjan tuntema päätös",
                    "\"{s}\" är inget beslut som planmallen känner till"
                ),
                hint,
            );
            None
        }),
        ValueKind::Year => year(d, n, &named).map(|y| json!(y)),
        ValueKind::Number => number(d, n, &named).map(|x| json!(x)),
        ValueKind::Yearly => yearly(d, n, &named).map(|by_year| {
            Value::Object(
                by_year
                    .into_iter()
                    .map(|(y, x)| (y.to_string(), json!(x)))
                    .collect(),
            )
        }),
        ValueKind::Date => date(d, n, &named).map(|date| json!(date)),
        ValueKind::Version => d
            .string(n, &named)
            .filter(|v| check_version(d, n, v))
            .map(Value::String),
        ValueKind::Choice(choices) => d.string(n, &named).and_then(|s| {
            if choices.iter().any(|c| c.value == s) {
                return Some(Value::String(s));
            }
            let listed: Vec<String> = choices
                .iter()
                .map(|c| format!("`{}` ({})", c.value, c.meaning(crate::i18n::lang())))
                .collect();
            let listed = listed.join(crate::i18n::pick(" or ", " tai ", " eller "));
            d.error(
                &n.span,
                tr!(
                    "{named}: unknown value \"{s}\"",
                    "{named}: tuntematon arvo \"{s}\"",
                    "{named}: okänt värde \"{s}\""
                ),
                tr!("use {listed}", "käytä arvoa {listed}", "använd {listed}"),
            );
            None
        }),
        ValueKind::Months => {
            let Some((from, to)) = months(d, n) else {
                return false;
            };
            map.insert(format!("{key}_from"), json!(from));
            map.insert(format!("{key}_to"), json!(to));
            return true;
        }
        ValueKind::Refs => {
            let refs = d.strings(n, &named);
            let spans: Vec<&Span> = refs.iter().map(|(_, s)| s).collect();
            map.insert(format!("{key}_spans"), json!(spans));
            Some(json!(refs.iter().map(|(r, _)| r).collect::<Vec<_>>()))
        }
        ValueKind::Items(inner) => d.list(n, inner.list_what()).map(|list| {
            let items: Vec<Value> = list
                .iter()
                .enumerate()
                .filter_map(|(i, item)| decode_map(d, item, i, inner, rules))
                .map(Value::Object)
                .collect();
            Value::Array(items)
        }),
    };
    match v {
        Some(v) => {
            map.insert(key.to_owned(), v);
            true
        }
        None => false,
    }
}

fn check_id(d: &mut Decoder, n: &Node, id: &str, what: &str) -> bool {
    if is_valid_id(id) {
        return true;
    }
    let example = suggest_id(id);
    d.error(
        &n.span,
        tr!(
            "id \"{id}\" of {what} may hold only letters a-z and A-Z, digits, '-' and '_'",
            "{what}: tunnisteessa \"{id}\" saa olla vain kirjaimia a–z ja A–Z, numeroita sekä \
             merkit '-' ja '_'",
"{what}: id \"{id}\" får bara innehålla bokstäverna a–z och A–Z, siffror samt tecknen '-' och '_'"
        ),
        tr!("for example \"{example}\"", "esimerkiksi \"{example}\"",
"till exempel \"{example}\""),
    );
    false
}

/// A date field `YYYY-MM-DD`; an impossible date is an error naming `what`.
pub fn date(d: &mut Decoder, node: &Node, what: &str) -> Option<Date> {
    let raw = d.string(node, what)?;
    let date = Date::parse_iso(&raw);
    if date.is_none() {
        d.error(
            &node.span,
            tr!(
                "{what} \"{raw}\" is not a real date",
                "{what} \"{raw}\" ei ole oikea päivämäärä",
                "{what} \"{raw}\" är inget riktigt datum"
            ),
            tr!(
                "write the date as YYYY-MM-DD, for example 2025-05-20",
                "kirjoita päivämäärä muodossa VVVV-KK-PP, esimerkiksi 2025-05-20",
                "skriv datumet i formen ÅÅÅÅ-MM-DD, till exempel 2025-05-20"
            ),
        );
    }
    date
}

/// Whether `version` is a version number written as rakeplan writes it ("1.0", "2.1",
/// no leading zeros); if not, reports it at `node`.
pub fn check_version(d: &mut Decoder, node: &Node, version: &str) -> bool {
    if let Some(parsed) = crate::names::Version::parse(version)
        && !crate::names::Version::is_canonical(version)
    {
        d.error(
            &node.span,
            tr!(
                "version \"{version}\" has leading zeros; it is the same version as \"{parsed}\"",
                "versiossa \"{version}\" on etunollia; se on sama versio kuin \"{parsed}\"",
"versionen \"{version}\" har inledande nollor; den är samma version som \"{parsed}\""
            ),
            tr!(
                "write it as \"{parsed}\"",
                "kirjoita se muodossa \"{parsed}\"",
"skriv den som \"{parsed}\""
            ),
        );
        return false;
    }
    let ok = crate::names::Version::parse(version).is_some();
    if !ok {
        d.error(
            &node.span,
            tr!(
                "version \"{version}\" is not a version number",
                "versio \"{version}\" ei ole versionumero",
"versionen \"{version}\" är inget versionsnummer"
            ),
            tr!(
                "write numbers separated by dots, in quotes, such as \"1.0\" or \"2.1\"",
                "kirjoita numerot pisteillä erotettuina lainausmerkkeihin, esimerkiksi \"1.0\" \
                 tai \"2.1\"",
"skriv siffror åtskilda av punkter, inom citattecken, till exempel \"1.0\" eller \"2.1\""
            ),
        );
    }
    ok
}

pub(crate) fn year(d: &mut Decoder, n: &Node, what: &str) -> Option<i64> {
    let year = match n.value {
        yaml::Value::Int(y) => Some(y),
        yaml::Value::Str(ref s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|y| (1900..=2200).contains(y));
    if year.is_none() {
        let raw = d.raw(n);
        d.error(
            &n.span,
            tr!(
                "{what}: \"{raw}\" is not a year",
                "{what}: \"{raw}\" ei ole vuosiluku",
                "{what}: \"{raw}\" är inget årtal"
            ),
            tr!(
                "write the year with four digits, such as 2024",
                "kirjoita vuosi neljällä numerolla, esimerkiksi 2024",
                "skriv året med fyra siffror, till exempel 2024"
            ),
        );
    }
    year
}

/// Years a measured value may be from.
const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;

/// A finite number, whole or decimal; text, "41 %" and "41,5" are errors with a hint.
pub(crate) fn number(d: &mut Decoder, n: &Node, what: &str) -> Option<f64> {
    let x = match n.value {
        yaml::Value::Int(i) => i as f64,
        yaml::Value::Float(x) if x.is_finite() => x,
        _ => {
            let raw = d.raw(n);
            let decimal_comma = raw.split_once(',').is_some_and(|(a, b)| {
                a.trim().parse::<f64>().is_ok() && b.trim().chars().all(|c| c.is_ascii_digit())
            });
            let hint = if decimal_comma {
                let fixed = raw.replacen(',', ".", 1).replace(' ', "");
                tr!(
                    "write decimals with a point and without quotes: {fixed}",
                    "kirjoita desimaalit pisteellä ja ilman lainausmerkkejä: {fixed}",
                    "skriv decimaler med punkt och utan citattecken: {fixed}"
                )
            } else {
                tr!(
                    "write the number only, without quotes, units or words, such as 41 or 41.5; \
                     the unit belongs in the baseline, target or definition text",
                    "kirjoita pelkkä luku ilman lainausmerkkejä, yksikköä tai sanoja, esimerkiksi \
                     41 tai 41.5; yksikkö kuuluu lähtötason, tavoitteen tai määritelmän tekstiin",
                    "skriv bara talet, utan citattecken, enheter eller ord, till exempel 41 eller 41.5; enheten hör till texten om utgångsläge, mål eller definition"
                )
            };
            d.error(
                &n.span,
                tr!(
                    "{what}: \"{raw}\" is not a number",
                    "{what}: \"{raw}\" ei ole luku",
                    "{what}: \"{raw}\" är inget tal"
                ),
                hint,
            );
            return None;
        }
    };
    if x.abs() > crate::numbers::MAX_NUMBER {
        let raw = d.raw(n);
        d.error(
            &n.span,
            tr!(
                "{what}: {raw} is too large a number to chart; at most 10^15                  (1 000 000 000 000 000) either way",
                "{what}: {raw} on liian suuri luku kaavioon; enintään 10^15                  (1 000 000 000 000 000) kumpaan suuntaan tahansa",
                "{what}: {raw} är ett för stort tal för ett diagram; högst 10^15                  (1 000 000 000 000 000) åt båda hållen"
            ),
            tr!(
                "check the number: a unit (thousands, millions) belongs in the definition text",
                "tarkista luku: yksikkö (tuhansia, miljoonia) kuuluu määritelmän tekstiin",
                "kontrollera talet: en enhet (tusental, miljoner) hör till definitionens text"
            ),
        );
        return None;
    }
    Some(x)
}

/// Numbers by year, `{2024: 41, 2025: 77}` or one `2024: 41` per line: every bad year,
/// number or repeated year is reported at its own line.
pub(crate) fn yearly(
    d: &mut Decoder,
    n: &Node,
    what: &str,
) -> Option<std::collections::BTreeMap<i64, f64>> {
    let yaml::Value::Map(entries) = &n.value else {
        let kind = n.value.kind_name();
        d.error(
            &n.span,
            tr!(
                "{what} should be years with their numbers, but this is {kind}",
                "{what}: arvon pitää olla vuosia ja niiden lukuja, mutta tässä on {kind}",
"{what}: värdet ska vara år med sina tal, men här står {kind}"
            ),
            tr!(
                "write `values: {{2024: 41, 2025: 77}}`, or each year on its own line under \
                 `values:` as `2024: 41`",
                "kirjoita `values: {{2024: 41, 2025: 77}}` tai kukin vuosi omalle rivilleen \
                 `values:`-rivin alle muodossa `2024: 41`",
"skriv `values: {{2024: 41, 2025: 77}}` eller varje år på en egen rad under `values:` som `2024: 41`"
            ),
        );
        return None;
    };
    let mut out = std::collections::BTreeMap::new();
    let mut whole = true;
    for (key, value) in entries {
        let name = key.name.trim();
        let Some(year) = name.parse::<i64>().ok().filter(|y| YEARS.contains(y)) else {
            // `{2024: 41,5}`: the comma of a decimal ended the value and "5" became a year.
            let decimal_comma = matches!(value.value, yaml::Value::Null)
                && !name.is_empty()
                && name.len() < 4
                && name.chars().all(|c| c.is_ascii_digit());
            let hint = if decimal_comma {
                tr!(
                    "a comma separates the years; write decimals with a point, such as \
                     `2024: 41.5`",
                    "pilkku erottaa vuodet toisistaan; kirjoita desimaalit pisteellä, \
                     esimerkiksi `2024: 41.5`",
                    "ett kommatecken skiljer åren åt; skriv decimaler med punkt, till exempel `2024: 41.5`"
                )
            } else {
                tr!(
                    "write the year with four digits before the colon, such as `2024: 41`",
                    "kirjoita vuosi neljällä numerolla ennen kaksoispistettä, esimerkiksi \
                     `2024: 41`",
                    "skriv året med fyra siffror före kolonet, till exempel `2024: 41`"
                )
            };
            d.error(
                &key.span,
                tr!(
                    "{what}: \"{name}\" is not a year from 2000 to 2100",
                    "{what}: \"{name}\" ei ole vuosiluku väliltä 2000–2100",
                    "{what}: \"{name}\" är inget årtal mellan 2000 och 2100"
                ),
                hint,
            );
            whole = false;
            continue;
        };
        let at = tr!(
            "{what}, year {year}",
            "{what}, vuosi {year}",
            "{what}, år {year}"
        );
        let Some(x) = number(d, value, &at) else {
            whole = false;
            continue;
        };
        if out.insert(year, x).is_some() {
            d.error(
                &key.span,
                tr!(
                    "{what}: the year {year} is given twice",
                    "{what}: vuosi {year} on annettu kahdesti",
                    "{what}: året {year} anges två gånger"
                ),
                tr!(
                    "keep one value for {year}; the other may belong to another year",
                    "jätä vuodelle {year} yksi arvo; toinen kuuluu ehkä toiselle vuodelle",
                    "behåll ett värde för {year}; det andra hör kanske till ett annat år"
                ),
            );
            whole = false;
        }
    }
    whole.then_some(out)
}

/// Finnish and Swedish month names; a Finnish name may be cut before "kuu" ("tammi").
const MONTH_NAMES: [[&str; 2]; 12] = [
    ["tammikuu", "januari"],
    ["helmikuu", "februari"],
    ["maaliskuu", "mars"],
    ["huhtikuu", "april"],
    ["toukokuu", "maj"],
    ["kesäkuu", "juni"],
    ["heinäkuu", "juli"],
    ["elokuu", "augusti"],
    ["syyskuu", "september"],
    ["lokakuu", "oktober"],
    ["marraskuu", "november"],
    ["joulukuu", "december"],
];

/// One month: a number 1-12 or a name.
pub fn parse_month(s: &str) -> Option<u8> {
    let s = s.trim().trim_end_matches('.').to_lowercase();
    if let Ok(n) = s.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    MONTH_NAMES
        .iter()
        .position(|[fi, sv]| {
            let stem = fi.strip_suffix("kuu").unwrap_or(fi);
            // "tammikuu", "januari", "tammi", and cut forms such as "tammik".
            s == *sv || (s.starts_with(stem) && fi.starts_with(s.as_str()))
        })
        .map(|i| i as u8 + 1)
}

fn months(d: &mut Decoder, node: &Node) -> Option<(u8, u8)> {
    if let yaml::Value::Seq(items) = &node.value {
        let listed: Vec<String> = items.iter().map(|i| d.raw(i)).collect();
        let range = format!(
            "\"{}-{}\"",
            listed.first().map(String::as_str).unwrap_or("1"),
            listed.last().map(String::as_str).unwrap_or("2")
        );
        d.error(
            &node.span,
            tr!(
                "\"month\" is one month or one range, not a list",
                "\"month\": kuukausi on yksi kuukausi tai yksi väli, ei luettelo",
"\"month\": en månad eller ett intervall, inte en lista"
            ),
            tr!(
                "write a range in quotes: `month: {range}`; for months apart, write an event for each",
                "kirjoita väli lainausmerkeissä: `month: {range}`; erillisille kuukausille \
                 kirjoita kullekin oma tapahtumansa",
"skriv ett intervall inom citattecken: `month: {range}`; skriv en egen händelse för varje månad som inte ligger i följd"
            ),
        );
        return None;
    }
    let raw = d.string(node, "\"month\"")?;
    let parsed = match raw.split_once(['-', '–', '—']) {
        Some((a, b)) => {
            // "joulu–tammikuu": the first name may be cut before "kuu".
            parse_month(a).zip(parse_month(b))
        }
        None => parse_month(&raw).map(|m| (m, m)),
    };
    if parsed.is_none() {
        d.error(
            &node.span,
            tr!(
                "month \"{raw}\" is not a month or a range of months",
                "kuukausi \"{raw}\" ei ole kuukausi eikä kuukausiväli",
"månaden \"{raw}\" är ingen månad och inget månadsintervall"
            ),
            tr!(
                "write a month number 1-12 or a name (March, maaliskuu), or a range in quotes \
                 such as \"1-2\" or \"12-1\" (December to January)",
                "kirjoita kuukauden numero 1–12 tai nimi (maaliskuu) tai väli lainausmerkeissä, \
                 esimerkiksi \"1-2\" tai \"joulu-tammikuu\" (väli voi jatkua vuodenvaihteen yli)",
"skriv månadens nummer 1–12 eller namn (mars) eller ett intervall inom citattecken, till exempel \"1-2\" eller \"12-1\" (december till januari)"
            ),
        );
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_number_and_name() {
        assert_eq!(parse_month("3"), Some(3));
        assert_eq!(parse_month("maaliskuu"), Some(3));
        assert_eq!(parse_month("Joulu"), Some(12));
        assert_eq!(parse_month("tammi"), Some(1));
        assert_eq!(parse_month("januari"), Some(1));
        assert_eq!(parse_month("13"), None);
        assert_eq!(parse_month("kuu"), None);
    }
}
