//! Indicators and the actions that refer to them, read from a county's (unsaved) section
//! files: go to definition, find references, and the outline of a file (sections, items by
//! name).

use std::ops::Range;
use std::path::{Path, PathBuf};

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Location, ReferenceParams, SymbolKind,
};

use super::Server;
use super::analysis::{County, offset_at, path_to_uri, range_at, uri_to_path};
use crate::diagnostic::Sources;
use crate::template::FieldKind;
use crate::yaml::{Node, Value};

/// An indicator as written in the monitoring section.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    /// Its id.
    pub id: String,
    /// Its name in the county's main language.
    pub name: String,
    /// Its definition in the county's main language.
    pub definition: Option<String>,
    /// The file.
    pub path: PathBuf,
    /// Where its id is written.
    pub range: Range<usize>,
}

/// A reference from an action to an indicator.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The indicator id referred to.
    pub id: String,
    /// The file.
    pub path: PathBuf,
    /// Where the reference is written.
    pub range: Range<usize>,
}

/// A parsed file of the county.
fn parse(text: &str, name: &str) -> Option<Node> {
    let mut sources = Sources::default();
    let file = sources.add(name, text);
    crate::yaml::parse(&sources, file).ok()
}

fn entries(node: &Node) -> &[(crate::yaml::Key, Node)] {
    match &node.value {
        Value::Map(entries) => entries,
        _ => &[],
    }
}

fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    entries(node)
        .iter()
        .find(|(k, _)| k.name == key)
        .map(|(_, v)| v)
}

fn list(node: Option<&Node>) -> &[Node] {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items,
        _ => &[],
    }
}

/// A scalar as text.
fn scalar(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// A text in `lang` (a plain text, or the language's entry of a text by language).
pub(crate) fn text_in(node: &Node, lang: &str) -> Option<String> {
    match &node.value {
        Value::Map(_) => get(node, lang)
            .or_else(|| entries(node).first().map(|(_, v)| v))
            .and_then(scalar),
        _ => scalar(node),
    }
}

impl Server {
    /// The section files of `county` whose template field has `kind`, with that field's id.
    fn sections_with(&mut self, county: &County, kind: FieldKind) -> Vec<(PathBuf, String)> {
        let Some(tset) = self.template(county) else {
            return Vec::new();
        };
        tset.template
            .sections
            .iter()
            .filter_map(|s| {
                let field = s.fields.iter().find(|f| f.kind == kind)?;
                Some((
                    county.dir.join("sections").join(format!("{}.yaml", s.id)),
                    field.id.clone(),
                ))
            })
            .collect()
    }

    /// Every indicator of the county.
    pub(crate) fn indicators(&mut self, county: &County) -> Vec<IndicatorDef> {
        let lang = self
            .main_language(county)
            .unwrap_or_else(|| "fi".to_owned());
        let mut out = Vec::new();
        for (path, field) in self.sections_with(county, FieldKind::Indicators) {
            let Some(root) = self.text(&path).and_then(|t| parse(&t, "indicators")) else {
                continue;
            };
            for item in list(get(&root, &field)) {
                let Some(id_node) = get(item, "id") else {
                    continue;
                };
                let Some(id) = scalar(id_node) else { continue };
                out.push(IndicatorDef {
                    id,
                    name: get(item, "name")
                        .and_then(|n| text_in(n, &lang))
                        .unwrap_or_default(),
                    definition: get(item, "definition").and_then(|n| text_in(n, &lang)),
                    path: path.clone(),
                    range: id_node.span.range.clone(),
                });
            }
        }
        out
    }

    /// Every reference from an action to an indicator in the county.
    pub(crate) fn references_in(&mut self, county: &County) -> Vec<Reference> {
        let mut out = Vec::new();
        for (path, field) in self.sections_with(county, FieldKind::FocusAreas) {
            let Some(root) = self.text(&path).and_then(|t| parse(&t, "areas")) else {
                continue;
            };
            for area in list(get(&root, &field)) {
                for action in list(get(area, "actions")) {
                    for r in list(get(action, "indicators")) {
                        if let Some(id) = scalar(r) {
                            out.push(Reference {
                                id,
                                path: path.clone(),
                                range: r.span.range.clone(),
                            });
                        }
                    }
                }
            }
        }
        out
    }

    fn location(&self, path: &Path, range: Range<usize>) -> Location {
        let text = self.text(path).unwrap_or_default();
        Location {
            uri: path_to_uri(path),
            range: range_at(&text, range, self.encoding()),
        }
    }

    /// The indicator id under a position: on an indicator's id or an action's reference.
    fn indicator_under(
        &mut self,
        uri: &lsp_types::Uri,
        pos: lsp_types::Position,
    ) -> Option<(County, String)> {
        let path = uri_to_path(uri)?;
        let county = County::of(&path)?;
        let text = self.text(&path)?;
        let offset = offset_at(&text, pos, self.encoding());
        let hit = |r: &Range<usize>| r.start <= offset && offset <= r.end;
        let in_ref = self
            .references_in(&county)
            .into_iter()
            .find(|r| r.path == path && hit(&r.range))
            .map(|r| r.id);
        let id = in_ref.or_else(|| {
            self.indicators(&county)
                .into_iter()
                .find(|d| d.path == path && hit(&d.range))
                .map(|d| d.id)
        })?;
        Some((county, id))
    }
}

/// Go to definition: from an action's indicator reference to the indicator.
pub fn definition(server: &mut Server, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let at = p.text_document_position_params;
    let (county, id) = server.indicator_under(&at.text_document.uri, at.position)?;
    let found: Vec<Location> = server
        .indicators(&county)
        .into_iter()
        .filter(|d| d.id == id)
        .map(|d| server.location(&d.path, d.range))
        .collect();
    (!found.is_empty()).then_some(GotoDefinitionResponse::Array(found))
}

/// Find references: every action that refers to the indicator under the cursor (and the
/// indicator itself when asked to include the declaration).
pub fn references(server: &mut Server, p: ReferenceParams) -> Option<Vec<Location>> {
    let at = p.text_document_position;
    let (county, id) = server.indicator_under(&at.text_document.uri, at.position)?;
    let mut out = Vec::new();
    if p.context.include_declaration {
        for d in server
            .indicators(&county)
            .into_iter()
            .filter(|d| d.id == id)
        {
            out.push(server.location(&d.path, d.range));
        }
    }
    for r in server
        .references_in(&county)
        .into_iter()
        .filter(|r| r.id == id)
    {
        out.push(server.location(&r.path, r.range));
    }
    Some(out)
}

/// The outline of a file: its top-level keys (a section's fields, titled by the template)
/// and, under list fields, the items by id and name.
pub fn document_symbols(
    server: &mut Server,
    p: DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let path = uri_to_path(&p.text_document.uri)?;
    let text = server.text(&path)?;
    let lang = County::of(&path)
        .and_then(|c| server.main_language(&c))
        .unwrap_or_else(|| "fi".to_owned());
    let root = parse(&text, "outline")?;
    let enc = server.encoding();
    // Each key titled by the template, in the county's main language.
    let tset = County::of(&path).and_then(|c| server.template(&c));
    let schema = match (tset, super::context::target(&path)) {
        (Some(tset), Some(target)) => {
            let code = crate::i18n::Lang::from_code(&lang).unwrap_or(crate::i18n::Lang::Fi);
            super::context::schema(&tset, &target, code)
        }
        _ => None,
    };
    let mut symbols = Vec::new();
    for (key, value) in entries(&root) {
        let detail = schema
            .as_ref()
            .and_then(|s| s.get("properties")?.get(&key.name)?.get("title")?.as_str())
            .map(str::to_owned);
        let children: Vec<DocumentSymbol> = list(Some(value))
            .iter()
            .filter(|item| matches!(item.value, Value::Map(_)))
            .map(|item| {
                let id = get(item, "id").and_then(scalar);
                let title = ["name", "action", "role", "body", "activity", "summary"]
                    .iter()
                    .find_map(|k| get(item, k).and_then(|n| text_in(n, &lang)));
                let name = match (id, title) {
                    (Some(id), Some(t)) => format!("{id}: {}", first_line(&t)),
                    (Some(id), None) => id,
                    (None, Some(t)) => first_line(&t),
                    (None, None) => "-".to_owned(),
                };
                item_symbol(name, &text, item, enc)
            })
            .collect();
        let end = value.span.range.end.max(key.span.range.end);
        #[allow(deprecated)]
        symbols.push(DocumentSymbol {
            name: key.name.clone(),
            detail,
            kind: if children.is_empty() {
                SymbolKind::FIELD
            } else {
                SymbolKind::ARRAY
            },
            tags: None,
            deprecated: None,
            range: range_at(&text, key.span.range.start..end, enc),
            selection_range: range_at(&text, key.span.range.clone(), enc),
            children: (!children.is_empty()).then_some(children),
        });
    }
    Some(DocumentSymbolResponse::Nested(symbols))
}

fn item_symbol(
    name: String,
    text: &str,
    item: &Node,
    enc: super::analysis::Encoding,
) -> DocumentSymbol {
    let range = range_at(text, item.span.range.clone(), enc);
    let children: Vec<DocumentSymbol> = entries(item)
        .iter()
        .filter(|(_, v)| matches!(&v.value, Value::Seq(items) if items.iter().any(|i| matches!(i.value, Value::Map(_)))))
        .flat_map(|(_, v)| {
            list(Some(v)).iter().map(|inner| {
                let id = get(inner, "id").and_then(scalar).unwrap_or_else(|| "-".into());
                item_symbol(id, text, inner, enc)
            })
        })
        .collect();
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail: None,
        kind: SymbolKind::OBJECT,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: (!children.is_empty()).then_some(children),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 60 {
        let cut: String = line.chars().take(60).collect();
        format!("{cut}…")
    } else {
        line.to_owned()
    }
}
