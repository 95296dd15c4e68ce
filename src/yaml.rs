//! YAML into a tree that remembers where every node came from, and the small toolkit that
//! turns such a tree into typed values while collecting *every* problem as a [`Diagnostic`].
//! Parsing is serde-saphyr's; this module adds spans, unknown-key checks with "did you
//! mean", and type errors phrased for planners. It does no file I/O.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{MessageFormatter, Spanned};

use crate::diagnostic::{Diagnostic, FileIdx, Sources, Span};
use crate::i18n::is_fi;
use crate::text::Text;
use crate::tr;

/// A text written by language: each language's string and where it is written.
pub type LocalizedSpans = std::collections::BTreeMap<crate::text::Lang, (String, Span)>;

/// The word that marks text still to be written in a Finnish scaffold; `check` warns
/// wherever it (or another language's, see [`PLACEHOLDERS`]) remains.
pub const PLACEHOLDER: &str = "TÄYDENNÄ";

/// The placeholder of every scaffold language: Finnish, Swedish, English.
pub const PLACEHOLDERS: [&str; 3] = [PLACEHOLDER, "FYLL I", "FILL IN"];

/// The placeholder a scaffold in `lang` writes.
pub fn placeholder_in(lang: crate::i18n::Lang) -> &'static str {
    match lang {
        crate::i18n::Lang::Fi => PLACEHOLDERS[0],
        crate::i18n::Lang::Sv => PLACEHOLDERS[1],
        crate::i18n::Lang::En => PLACEHOLDERS[2],
    }
}

/// Where the first placeholder of any language lies in `text`, and which it is.
fn find_placeholder(text: &str) -> Option<(usize, &'static str)> {
    PLACEHOLDERS
        .iter()
        .filter_map(|p| text.find(p).map(|i| (i, *p)))
        .min()
}

/// A YAML node with its place in the source.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where the node is.
    pub span: Span,
    /// What it holds.
    pub value: Value,
}

/// The value of a YAML node.
#[derive(Debug, Clone)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its place.
#[derive(Debug, Clone)]
pub struct Key {
    /// The key as written.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

impl Value {
    /// How the kind of value is called in messages.
    pub fn kind_name(&self) -> &'static str {
        if crate::i18n::is_sv() {
            return match self {
                Value::Null => "ett tomt värde",
                Value::Bool(_) => "ett sanningsvärde (true/false)",
                Value::Int(_) | Value::Float(_) => "ett tal",
                Value::Str(_) => "text",
                Value::Seq(_) => "en lista",
                Value::Map(_) => "nycklar och värden (nyckel: värde)",
            };
        }
        match (self, is_fi()) {
            (Value::Null, false) => "nothing",
            (Value::Bool(_), false) => "true/false",
            (Value::Int(_) | Value::Float(_), false) => "a number",
            (Value::Str(_), false) => "text",
            (Value::Seq(_), false) => "a list",
            (Value::Map(_), false) => "a mapping (key: value)",
            (Value::Null, true) => "tyhjä arvo",
            (Value::Bool(_), true) => "totuusarvo (true/false)",
            (Value::Int(_) | Value::Float(_), true) => "luku",
            (Value::Str(_), true) => "tekstiä",
            (Value::Seq(_), true) => "luettelo",
            (Value::Map(_), true) => "avaimia ja arvoja (avain: arvo)",
        }
    }
}

/// Parses `text` (registered as `file`) into a [`Node`] tree.
pub fn parse(sources: &Sources, file: FileIdx) -> Result<Node, Diagnostic> {
    let text = sources.text(file);
    if text.trim().is_empty() {
        return Ok(Node {
            span: Span { file, range: 0..0 },
            value: Value::Null,
        });
    }
    match serde_saphyr::from_str::<Spanned<RawNode>>(text) {
        Ok(raw) => Ok(convert(raw, file, text)),
        Err(err) => Err(syntax_error(&err, file, text)),
    }
}

fn alias_hint() -> String {
    tr!(
        "the file repeats anchors (&name) and aliases (*name) too many times; \
         write the content out instead of using aliases",
        "tiedostossa toistetaan ankkureita (&nimi) ja viittauksia (*nimi) liian monta \
         kertaa; kirjoita sisältö auki viittausten sijaan",
        "filen upprepar ankare (&namn) och alias (*namn) för många gånger; skriv ut innehållet i stället för att använda alias"
    )
}

fn syntax_error(err: &serde_saphyr::Error, file: FileIdx, text: &str) -> Diagnostic {
    let message = serde_saphyr::DefaultMessageFormatter
        .format_message(err)
        .into_owned();
    let span = err.location().map(|loc| Span {
        file,
        range: location_range(&loc, text),
    });
    let lower = message.to_lowercase();
    if lower.contains("budget") {
        return budget_error(span, &message, text);
    }
    if lower.contains("found a tab") || lower.contains("tab character") {
        return tab_error(span, file, text);
    }
    if let Some(at) = lower.find("duplicate mapping key:") {
        // The parser names the key before its advice ("..., set DuplicateKeyPolicy ...").
        let rest = message
            .get(at + "duplicate mapping key:".len()..)
            .unwrap_or("");
        let key = rest.split(',').next().unwrap_or("").trim();
        return Diagnostic::error(
            span,
            tr!(
                "the key \"{key}\" appears a second time here",
                "avain \"{key}\" on tässä toiseen kertaan",
"nyckeln \"{key}\" förekommer här en andra gång"
            ),
        )
        .with_hint(tr!(
            "each key may appear only once in a mapping; remove or rename one",
            "sama avain saa esiintyä samalla tasolla vain kerran; poista toinen tai nimeä se \
             uudelleen",
"samma nyckel får förekomma bara en gång på samma nivå; ta bort den ena eller byt namn på den"
        ));
    }
    let (english, finnish, swedish) = if lower.contains("mapping values are not allowed") {
        (
            "a colon and a space (': ') stand where a text was expected".to_owned(),
            "tekstissä on kaksoispiste ja välilyönti (': ') kohdassa, jossa YAML ei niitä salli",
            "texten har ett kolon och ett mellanslag (': ') där YAML inte tillåter dem",
        )
    } else if lower.contains("did not find expected key")
        || lower.contains("simple key expected")
        || lower.contains("did not find expected '-'")
    {
        (
            "the indentation (or a colon) is off here".to_owned(),
            "sisennys (tai kaksoispiste) on tässä väärin",
            "indraget (eller ett kolon) är fel här",
        )
    } else {
        (
            format!("this is not valid YAML: {message}"),
            // The parser speaks English only: in Finnish and Swedish its words are left out.
            "tiedosto ei ole kelvollista YAMLia tässä kohdassa",
            "filen är inte giltig YAML på det här stället",
        )
    };
    let message = crate::i18n::pick(english, finnish.to_owned(), swedish.to_owned());
    let diag = Diagnostic::error(span, message);
    if lower.contains("alias") || lower.contains("anchor") {
        return diag.with_hint(alias_hint());
    }
    diag.with_hint(tr!(
        "check quotes, colons and indentation near this line; text containing ': ' or \
         starting with a special character needs quotes, and longer text can use `|`",
        "tarkista lainausmerkit, kaksoispisteet ja sisennykset tämän rivin lähellä; \
         teksti, jossa on ': ' tai joka alkaa erikoismerkillä, kirjoitetaan \
         lainausmerkkeihin, ja pidemmän tekstin voi aloittaa merkillä `|`",
"kontrollera citattecken, kolon och indrag nära den här raden; text som innehåller ': ' eller börjar med ett specialtecken behöver citattecken, och längre text kan använda `|`"
    ))
}

/// The parser's limits (nodes, aliases, depth) stop hostile files before they can exhaust
/// memory or the stack; say which limit in words a planner understands.
fn budget_error(span: Option<Span>, message: &str, text: &str) -> Diagnostic {
    // Too many nodes in a file that uses anchors is an alias bomb: within the file size
    // limit, plain content cannot reach the node budget.
    let aliases = message.contains("Alias")
        || message.contains("Anchor")
        || (text.contains('&') && text.contains('*'));
    if message.contains("Depth") {
        Diagnostic::error(
            span,
            tr!(
                "this file nests lists and mappings too deeply (more than 64 levels)",
                "tiedostossa on sisäkkäisiä luetteloita ja avaimia liian monta tasoa \
                 (yli 64)",
                "den här filen har listor och nycklar kapslade i för många nivåer (över 64)"
            ),
        )
        .with_hint(tr!(
            "a plan needs only a few levels: check the indentation",
            "suunnitelmassa tarvitaan vain muutama taso: tarkista sisennykset",
            "en plan behöver bara några nivåer: kontrollera indragen"
        ))
    } else if !aliases {
        Diagnostic::error(
            span,
            tr!(
                "this file has too many items for one plan (over 250 000 lists, keys and values)",
                "tiedostossa on liikaa kohtia yhteen suunnitelmaan (yli 250 000 luetteloa, \
                 avainta ja arvoa)",
"den här filen har för många punkter för en plan (över 250 000 listor, nycklar och värden)"
            ),
        )
        .with_hint(tr!(
            "split the content or remove what does not belong in the plan",
            "jaa sisältö tai poista se, mikä ei kuulu suunnitelmaan",
"dela upp innehållet eller ta bort det som inte hör till planen"
        ))
    } else {
        Diagnostic::error(
            span,
            tr!(
                "this file grows too large when read (its aliases repeat content hundreds of \
                 thousands of times), so rakeplan refuses it",
                "tiedosto kasvaisi luettaessa liian suureksi (sen viittaukset toistavat sisältöä \
                 satoja tuhansia kertoja), joten rakeplan ei lue sitä",
"filen blir för stor när den läses (dess alias upprepar innehållet hundratusentals gånger), så rakeplan läser den inte"
            ),
        )
        .with_hint(alias_hint())
    }
}

/// A tab in the indentation. The parser reports it where the value before it began (often
/// the line above), so the tab itself is looked up from there.
fn tab_error(span: Option<Span>, file: FileIdx, text: &str) -> Diagnostic {
    let from = span.as_ref().map_or(0, |s| s.range.start.min(text.len()));
    let line_start = text[..from].rfind('\n').map_or(0, |i| i + 1);
    let tab = text[line_start..]
        .find('\t')
        .map(|i| line_start + i)
        .or_else(|| text.find('\t'));
    let span = match tab {
        Some(at) => Some(Span {
            file,
            range: at..at + 1,
        }),
        None => span,
    };
    Diagnostic::error(
        span,
        tr!(
            "a tab character: YAML indents with spaces only",
            "sarkainmerkki (tab): YAMLissa sisennetään vain välilyönneillä",
            "ett tabbtecken: YAML dras in bara med mellanslag"
        ),
    )
    .with_hint(tr!(
        "replace the tab with spaces (two per level of indentation)",
        "korvaa sarkain välilyönneillä (kaksi välilyöntiä sisennystasoa kohden)",
        "ersätt tabben med mellanslag (två per indragsnivå)"
    ))
}

fn location_range(loc: &serde_saphyr::Location, text: &str) -> std::ops::Range<usize> {
    let span = loc.span();
    if let Some(start) = span.byte_offset() {
        let start = start as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        return start.min(text.len())..(start + len).min(text.len());
    }
    // Fall back to line and column.
    let line = loc.line().max(1) as usize;
    let col = loc.column().max(1) as usize;
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let byte_col = l
                .char_indices()
                .nth(col - 1)
                .map(|(b, _)| b)
                .unwrap_or(l.len());
            return offset + byte_col..offset + byte_col;
        }
        offset += l.len();
    }
    text.len()..text.len()
}

/// Intermediate node straight from serde, before spans are resolved to a file.
enum RawNode {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<String>, Spanned<RawNode>)>),
}

fn convert(raw: Spanned<RawNode>, file: FileIdx, text: &str) -> Node {
    let span = Span {
        file,
        range: location_range(&raw.referenced, text),
    };
    let value = match raw.value {
        RawNode::Null => Value::Null,
        RawNode::Bool(b) => Value::Bool(b),
        RawNode::Int(i) => Value::Int(i),
        RawNode::Float(f) => Value::Float(f),
        RawNode::Str(s) => Value::Str(s),
        RawNode::Seq(items) => {
            Value::Seq(items.into_iter().map(|n| convert(n, file, text)).collect())
        }
        RawNode::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Key {
                        span: Span {
                            file,
                            range: location_range(&k.referenced, text),
                        },
                        name: k.value,
                    };
                    (key, convert(v, file, text))
                })
                .collect(),
        ),
    };
    Node { span, value }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
        Ok(i64::try_from(v)
            .map(RawNode::Int)
            .unwrap_or(RawNode::Float(v as f64)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode::Float(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode::Float(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<RawNode, E> {
        Err(E::custom(tr!(
            "binary data is not supported",
            "binääridataa ei voi käyttää",
            "binärdata stöds inte"
        )))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<ScalarKey>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            let key = Spanned {
                value: key.value.0,
                referenced: key.referenced,
                defined: key.defined,
            };
            entries.push((key, value));
        }
        Ok(RawNode::Map(entries))
    }
}

/// A mapping key: any scalar, kept as text.
struct ScalarKey(String);

impl<'de> Deserialize<'de> for ScalarKey {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match RawNode::deserialize(deserializer)? {
            RawNode::Str(s) => Ok(ScalarKey(s)),
            RawNode::Int(i) => Ok(ScalarKey(i.to_string())),
            RawNode::Float(f) => Ok(ScalarKey(f.to_string())),
            RawNode::Bool(b) => Ok(ScalarKey(b.to_string())),
            RawNode::Null => Ok(ScalarKey("null".into())),
            _ => Err(de::Error::custom(tr!(
                "a key must be a simple word, not a list or mapping",
                "avaimen pitää olla yksinkertainen sana, ei luettelo eikä avain–arvo-rakenne",
                "en nyckel ska vara ett enkelt ord, inte en lista eller en struktur med nycklar och värden"
            ))),
        }
    }
}

/// Collects diagnostics while typed values are read out of [`Node`]s.
pub struct Decoder<'a> {
    /// Source texts, to recover how a scalar was written.
    pub sources: &'a Sources,
    /// Everything found so far.
    pub diagnostics: Vec<Diagnostic>,
    /// Where scaffold placeholders remain, by file: the first place, its word and how many.
    placeholders: std::collections::BTreeMap<FileIdx, (Span, &'static str, usize)>,
    /// Every text written by language, with where each language's version is.
    pub localized: Vec<LocalizedSpans>,
}

/// The entries of a mapping, checked against the keys it may hold.
pub struct Fields<'n> {
    entries: Vec<(&'n Key, &'n Node)>,
    /// The allowed keys that an unknown key was taken for (its "did you mean"): one slip,
    /// one diagnostic, so such a key is not reported missing as well.
    misspelt: Vec<String>,
    /// The mapping node itself (for "missing field" errors).
    pub node: &'n Node,
}

impl<'n> Fields<'n> {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| *v)
    }

    /// The keys present, in source order.
    pub fn keys(&self) -> impl Iterator<Item = &'n Key> + '_ {
        self.entries.iter().map(|(k, _)| *k)
    }
}

impl<'a> Decoder<'a> {
    /// A decoder reading from `sources`.
    pub fn new(sources: &'a Sources) -> Self {
        Self {
            sources,
            diagnostics: Vec::new(),
            placeholders: Default::default(),
            localized: Vec::new(),
        }
    }

    /// Notes a scaffold placeholder inside `span`, narrowed to the placeholder word.
    fn placeholder(&mut self, span: &Span) {
        let text = self.sources.text(span.file);
        let (start, marker) = text
            .get(span.range.clone())
            .and_then(find_placeholder)
            .map(|(i, marker)| (span.range.start + i, marker))
            .unwrap_or((span.range.start, PLACEHOLDER));
        let exact = Span {
            file: span.file,
            range: start..start + marker.len(),
        };
        self.placeholders
            .entry(span.file)
            .or_insert((exact, marker, 0))
            .2 += 1;
    }

    /// Every diagnostic, with one warning per file that still holds placeholders.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (_, (span, placeholder, count)) in std::mem::take(&mut self.placeholders) {
            let message = if count == 1 {
                tr!(
                    "this file still holds a scaffold placeholder",
                    "tiedostossa on vielä täydennettävä kohta",
                    "filen innehåller fortfarande ett ställe att fylla i"
                )
            } else {
                tr!(
                    "this file still holds {count} scaffold placeholders (the first is marked)",
                    "tiedostossa on vielä {count} täydennettävää kohtaa (ensimmäinen on merkitty)",
                    "filen innehåller fortfarande {count} ställen att fylla i (det första är markerat)"
                )
            };
            self.diagnostics
                .push(Diagnostic::warning(Some(span), message).with_hint(tr!(
                    "replace each {placeholder} text with the plan's own content",
                    "korvaa jokainen {placeholder}-kohta suunnitelman omalla tekstillä",
                    "ersätt varje {placeholder}-ställe med planens egen text"
                )));
        }
        self.diagnostics
    }

    /// How many errors have been recorded so far.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Records an error.
    pub fn error(&mut self, span: &Span, message: impl Into<String>, hint: impl Into<String>) {
        let hint = hint.into();
        let mut diag = Diagnostic::error(Some(span.clone()), message);
        if !hint.is_empty() {
            diag = diag.with_hint(hint);
        }
        self.diagnostics.push(diag);
    }

    /// Reads a mapping whose keys must be among `allowed`; reports unknown keys (with a
    /// "did you mean") and a value of the wrong kind. `what` names the thing in messages.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        allowed: &[&str],
        what: &str,
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            if matches!(node.value, Value::Null) {
                return Some(Fields {
                    entries: vec![],
                    misspelt: vec![],
                    node,
                });
            }
            let (kind, keys) = (node.value.kind_name(), allowed.join(", "));
            self.error(
                &node.span,
                tr!(
                    "{what} should be a mapping of keys and values, but this is {kind}",
                    "{what}: tähän kirjoitetaan avaimia ja arvoja, mutta tässä on {kind}",
                    "{what}: här skrivs nycklar och värden, men här står {kind}"
                ),
                tr!(
                    "write it as `key: value` lines; allowed keys: {keys}",
                    "kirjoita rivit muodossa `avain: arvo`; sallitut avaimet: {keys}",
                    "skriv rader i formen `nyckel: värde`; tillåtna nycklar: {keys}"
                ),
            );
            return None;
        };
        let mut kept = Vec::new();
        let mut misspelt = Vec::new();
        for (key, value) in entries {
            if allowed.contains(&key.name.as_str()) {
                kept.push((key, value));
            } else {
                let hint = match suggest(&key.name, allowed) {
                    Some(best) => {
                        misspelt.push(best.to_owned());
                        did_you_mean(best)
                    }
                    None => {
                        let keys = allowed.join(", ");
                        tr!(
                            "the keys allowed here are: {keys}",
                            "tässä sallitut avaimet ovat: {keys}",
                            "de nycklar som är tillåtna här är: {keys}"
                        )
                    }
                };
                let name = &key.name;
                let message = if crate::i18n::is_sv() {
                    if what.ends_with(".yaml") {
                        format!("okänd nyckel \"{name}\" i filen {what}")
                    } else {
                        format!("okänd nyckel \"{name}\" ({what})")
                    }
                } else if !is_fi() {
                    format!("unknown key \"{name}\" in {what}")
                } else if what.ends_with(".yaml") {
                    format!("tuntematon avain \"{name}\" tiedostossa {what}")
                } else {
                    format!("tuntematon avain \"{name}\" ({what})")
                };
                self.error(&key.span, message, hint);
            }
        }
        Some(Fields {
            entries: kept,
            misspelt,
            node,
        })
    }

    /// Reports that `key` is missing from `fields`.
    pub fn missing(&mut self, fields: &Fields<'_>, key: &str, what: &str, hint: &str) {
        if fields.misspelt.iter().any(|m| m == key) {
            // Already reported at the misspelt key, with "did you mean".
            return;
        }
        let span = fields.node.span.clone();
        let span = Span {
            file: span.file,
            range: span.range.start..span.range.start,
        };
        self.error(
            &span,
            tr!(
                "{what} is missing the required key \"{key}\"",
                "{what}: puuttuu pakollinen avain \"{key}\"",
                "{what}: den obligatoriska nyckeln \"{key}\" saknas"
            ),
            hint,
        );
    }

    /// A text value (a string, or a map by language). Numbers are taken as written.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<Text> {
        match &node.value {
            Value::Map(entries) => {
                let mut map = std::collections::BTreeMap::new();
                let mut spans = std::collections::BTreeMap::new();
                for (key, value) in entries {
                    if !is_lang_code(&key.name) {
                        let name = &key.name;
                        self.error(
                            &key.span,
                            tr!(
                                "\"{name}\" is not a language code in {what}",
                                "\"{name}\" ei ole kielikoodi ({what})",
"\"{name}\" är ingen språkkod ({what})"
                            ),
                            tr!(
                                "a text is either plain text or a map by language, such as `fi: ...` and `sv: ...`",
                                "teksti kirjoitetaan joko sellaisenaan tai kielittäin, esimerkiksi `fi: ...` ja `sv: ...`",
"en text skrivs antingen som den är eller per språk, till exempel `sv: ...` och `fi: ...`"
                            ),
                        );
                        continue;
                    }
                    if let Some(s) = self.string(value, what) {
                        spans.insert(key.name.clone(), (s.clone(), key.span.clone()));
                        map.insert(key.name.clone(), s);
                    }
                }
                self.localized.push(spans);
                Some(Text::Localized(map))
            }
            _ => self.string(node, what).map(Text::Plain),
        }
    }

    /// A plain string; numbers and booleans are taken exactly as written in the file.
    pub fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => {
                if find_placeholder(s).is_some() {
                    self.placeholder(&node.span);
                }
                Some(s.clone())
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(self.raw(node)),
            other => {
                let kind = other.kind_name();
                self.error(
                    &node.span,
                    tr!(
                        "{what} should be text, but this is {kind}",
                        "{what}: tähän kirjoitetaan tekstiä, mutta tässä on {kind}",
"{what}: här skrivs text, men här står {kind}"
                    ),
                    tr!(
                        "write the text after the colon; use `|` on the key's line for several lines",
                        "kirjoita teksti kaksoispisteen perään; usean rivin tekstiä varten kirjoita \
                         avaimen riville `|`",
"skriv texten efter kolonet; för flera rader, skriv `|` på nyckelns rad"
                    ),
                );
                None
            }
        }
    }

    /// The scalar exactly as written in the file, without quotes.
    pub fn raw(&self, node: &Node) -> String {
        let text = self.sources.text(node.span.file);
        let raw = text.get(node.span.range.clone()).unwrap_or("").trim();
        raw.trim_matches(|c| c == '"' || c == '\'').to_owned()
    }

    /// A true/false value.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.error(
                    &node.span,
                    tr!(
                        "{what} should be true or false",
                        "{what}: arvon pitää olla true (kyllä) tai false (ei)",
                        "{what}: värdet ska vara true (ja) eller false (nej)"
                    ),
                    tr!(
                        "write `true` or `false`",
                        "kirjoita `true` tai `false`",
                        "skriv `true` eller `false`"
                    ),
                );
                None
            }
        }
    }

    /// A whole number.
    pub fn integer(&mut self, node: &Node, what: &str) -> Option<i64> {
        match node.value {
            Value::Int(i) => Some(i),
            _ => {
                let kind = node.value.kind_name();
                self.error(
                    &node.span,
                    tr!(
                        "{what} should be a whole number, but this is {kind}",
                        "{what}: arvon pitää olla kokonaisluku, mutta tässä on {kind}",
"{what}: värdet ska vara ett heltal, men här står {kind}"
                    ),
                    tr!(
                        "write digits only, without spaces or units, such as 70000",
                        "kirjoita pelkät numerot ilman välilyöntejä ja yksikköjä, esimerkiksi 70000",
"skriv bara siffror utan mellanslag och enheter, till exempel 70000"
                    ),
                );
                None
            }
        }
    }

    /// The items of a list (a missing value counts as an empty list).
    pub fn list<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            Value::Null => Some(&[]),
            other => {
                let kind = other.kind_name();
                self.error(
                    &node.span,
                    tr!(
                        "{what} should be a list, but this is {kind}",
                        "{what}: tähän kirjoitetaan luettelo, mutta tässä on {kind}",
                        "{what}: här skrivs en lista, men här står {kind}"
                    ),
                    tr!(
                        "write each item on its own line starting with `- `",
                        "kirjoita jokainen kohta omalle rivilleen, alkuun `- `",
                        "skriv varje punkt på en egen rad som börjar med `- `"
                    ),
                );
                None
            }
        }
    }

    /// A list of strings.
    pub fn strings(&mut self, node: &Node, what: &str) -> Vec<(String, Span)> {
        let Some(items) = self.list(node, what) else {
            return vec![];
        };
        items
            .iter()
            .filter_map(|n| self.string(n, what).map(|s| (s, n.span.clone())))
            .collect()
    }
}

/// Where a node's text ends: the end of its last descendant (a list's own span may stop at
/// its first item).
pub fn extent(node: &Node) -> usize {
    let children = match &node.value {
        Value::Seq(items) => items.iter().map(extent).max(),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| extent(v).max(k.span.range.end))
            .max(),
        _ => None,
    };
    children.unwrap_or(0).max(node.span.range.end)
}

/// Whether two parsed YAML nodes say the same (their places aside).
pub fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka.name == kb.name && same(va, vb))
        }
        _ => false,
    }
}

/// Where a flow collection that `pos` is inside of, or right after the end of, closes: the
/// position after its `}` or `]` (and any that close around it), else `pos`.
pub fn after_closing(text: &str, pos: usize) -> usize {
    let mut end = pos;
    let bytes = text.as_bytes();
    let mut i = pos;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'}' | b']' => {
                i += 1;
                end = i;
            }
            _ => break,
        }
    }
    end
}

/// The "did you mean" hint for a near miss.
pub fn did_you_mean(best: &str) -> String {
    tr!(
        "did you mean \"{best}\"?",
        "tarkoititko \"{best}\"?",
        "menade du \"{best}\"?"
    )
}

/// The closest allowed key to a misspelt one, if it is close enough to be a typo.
pub fn suggest<'k>(word: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&word.to_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn is_lang_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Sources, Result<Node, Diagnostic>) {
        let mut sources = Sources::default();
        let file = sources.add("t.yaml", text);
        let node = parse(&sources, file);
        (sources, node)
    }

    #[test]
    fn keeps_key_positions() {
        let (sources, node) = parse_str("a: 1\nversion: 1.0\n");
        let node = node.unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        assert_eq!(sources.line_col(0, entries[1].0.span.range.start), (2, 1));
        let decoder = Decoder::new(&sources);
        assert_eq!(decoder.raw(&entries[1].1), "1.0");
    }

    #[test]
    fn suggests_near_misses() {
        assert_eq!(suggest("statsu", &["status", "version"]), Some("status"));
        assert_eq!(suggest("zzzzzz", &["status", "version"]), None);
    }

    #[test]
    fn refuses_alias_bombs() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n\
                    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n\
                    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n\
                    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
        let (_, node) = parse_str(bomb);
        assert!(node.is_err());
    }
}
