//! Hovers: on a key, the template's caption and guidance for it in the county's main
//! language; on an indicator reference, that indicator's name and definition; on a month,
//! its name; on a fixed value (a status, a decision), what it means.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};
use serde_json::Value;

use super::Server;
use super::analysis::{County, offset_at, range_at, uri_to_path};
use super::context::{self, Cursor};
use crate::i18n::Lang;

/// Month names by language, January first.
pub const MONTHS: [[&str; 12]; 3] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ],
    [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
];

/// The name of month `n` (1-12) in `lang`.
pub fn month_name(n: u8, lang: Lang) -> &'static str {
    let i = usize::from(n.clamp(1, 12) - 1);
    lang.pick(MONTHS[0][i], MONTHS[1][i], MONTHS[2][i])
}

/// What the server knows at a position: the file kind, its schema and the cursor.
pub(crate) struct Spot {
    pub county: County,
    pub target: String,
    pub lang: Lang,
    pub schema: Value,
    pub cursor: Cursor,
    pub text: String,
    pub tset: std::rc::Rc<crate::load::TemplateSet>,
    pub languages: Vec<String>,
}

impl Server {
    /// The spot at a position of a plan file.
    pub(crate) fn spot(&mut self, uri: &lsp_types::Uri, pos: lsp_types::Position) -> Option<Spot> {
        let path = uri_to_path(uri)?;
        let county = County::of(&path)?;
        let target = context::target(&path)?;
        let text = self.text(&path)?;
        let lang = self
            .main_language(&county)
            .and_then(|l| Lang::from_code(&l))
            .unwrap_or(Lang::Fi);
        let tset = self.template(&county)?;
        let schema = context::schema(&tset, &target, lang)?;
        let offset = offset_at(&text, pos, self.encoding());
        let cursor = context::cursor(&text, offset);
        let languages = self.languages(&county);
        Some(Spot {
            languages,
            county,
            target,
            lang,
            schema,
            cursor,
            text,
            tset,
        })
    }
}

/// The hover at a position.
pub fn hover(server: &mut Server, p: HoverParams) -> Option<Hover> {
    let at = p.text_document_position_params;
    let spot = server.spot(&at.text_document.uri, at.position)?;
    let c = &spot.cursor;
    let enc = server.encoding();
    let (markdown, range) = if c.in_value && !c.on_key {
        let (word, range) = c.word.clone()?;
        let key = match &c.key {
            Some((k, _)) => k.clone(),
            None => c.path.last()?.clone(),
        };
        let path: &[String] = if c.key.is_some() {
            &c.path
        } else {
            &c.path[..c.path.len() - 1]
        };
        let text = value_hover(server, &spot, path, &key, &word)
            .or_else(|| key_hover(&spot, path, &key))?;
        (text, range)
    } else {
        let (key, range) = c.key.clone()?;
        (key_hover(&spot, &c.path, &key)?, range)
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(range_at(&spot.text, range, enc)),
    })
}

/// The caption and guidance of `key` in the mapping at `path`.
fn key_hover(spot: &Spot, path: &[String], key: &str) -> Option<String> {
    if let Some(node) = context::schema_at(&spot.schema, path)
        && let Some(prop) = node.get("properties").and_then(|p| p.get(key))
    {
        let title = prop.get("title").and_then(Value::as_str).unwrap_or(key);
        let description = prop
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        return Some(format!("**{title}** (`{key}`)\n\n{description}"));
    }
    // A language key of a text by language.
    let lang = Lang::from_code(key)?;
    let name = spot.lang.pick(
        lang.pick("English", "Finnish", "Swedish"),
        lang.pick("englanti", "suomi", "ruotsi"),
        lang.pick("engelska", "finska", "svenska"),
    );
    Some(format!("`{key}`: {name}"))
}

/// What a value means: an indicator's name and definition, a month's name, a fixed value's
/// meaning.
fn value_hover(
    server: &mut Server,
    spot: &Spot,
    path: &[String],
    key: &str,
    word: &str,
) -> Option<String> {
    use crate::items::ValueKind as V;
    let field = context::field_at(&spot.tset, &spot.target, path, key);
    match field.map(|f| f.kind) {
        Some(V::Refs) => {
            let found = server
                .indicators(&spot.county)
                .into_iter()
                .find(|d| d.id == word)?;
            let mut out = format!("**{}** (`{}`)", found.name, found.id);
            if let Some(def) = found.definition {
                out.push_str(&format!("\n\n{def}"));
            }
            Some(out)
        }
        Some(V::Months) => {
            let names: Vec<String> = word
                .split(['-', '–'])
                .filter_map(crate::items::decode::parse_month)
                .map(|n| month_name(n, spot.lang).to_owned())
                .collect();
            match names.as_slice() {
                [one] => Some(one.clone()),
                [from, to] => Some(format!("{from} – {to}")),
                _ => None,
            }
        }
        _ => {
            let node = context::schema_at(&spot.schema, path)?;
            let prop = node.get("properties")?.get(key)?;
            let values = prop.get("enum")?.as_array()?;
            let i = values.iter().position(|v| v.as_str() == Some(word))?;
            let meaning = prop.get("enumDescriptions")?.get(i)?.as_str()?;
            Some(format!("`{word}`: {meaning}"))
        }
    }
}
