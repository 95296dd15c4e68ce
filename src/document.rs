//! The document as both renderers see it: one language, every text resolved, Markdown parsed
//! into blocks, structured content laid out as captioned tables, numbers and dates formatted.
//! Built from a validated [`Plan`] and the template; serialised to JSON for typst and handed
//! to tera for HTML. Decides *what* is shown, never *how*. No I/O.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::Span;
use crate::items::view::{Val, view};
use crate::items::{FieldSpec, FocusArea, Indicator, Item, Show, ValueKind};
use crate::markdown::{self, Block, Inline};
use crate::model::{FieldValue, Plan, Section};
use crate::template::{FieldDef, FieldKind, SectionDef, Template};
use crate::text::Text;

/// One language edition of a plan, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Language of this edition.
    pub lang: String,
    /// The county's languages.
    pub languages: Vec<String>,
    /// Plan title.
    pub title: String,
    /// County's official name.
    pub county: String,
    /// County's short name.
    pub county_short: String,
    /// Folder name of the county.
    pub slug: String,
    /// Version number.
    pub version: String,
    /// Status key (draft, proposed, approved, superseded).
    pub status: String,
    /// Status in this language.
    pub status_label: String,
    /// Whether a draft mark is shown (anything not approved or superseded).
    pub draft: bool,
    /// Date of the version, local format.
    pub date: String,
    /// Date of the version, ISO format.
    pub date_iso: String,
    /// Validity period, local format.
    pub validity: Option<String>,
    /// Whether the content is example data.
    pub example: bool,
    /// PDF keywords.
    pub keywords: Vec<String>,
    /// Labels in this language.
    pub labels: BTreeMap<String, String>,
    /// Sections in order.
    pub sections: Vec<DocSection>,
    /// Tool name and version.
    pub generator: String,
    /// Handling by decision-making bodies, for the cover.
    pub approvals: Vec<DocApproval>,
    /// Names the plan knows (its county, municipalities, decision-making bodies), in this
    /// edition's language: the PDF never hyphenates them.
    pub names: Vec<String>,
}

/// One handling of the plan, formatted for the cover.
#[derive(Debug, Clone, Serialize)]
pub struct DocApproval {
    /// The body.
    pub body: String,
    /// Meeting date, local format.
    pub date: String,
    /// Minute reference.
    pub minute: String,
    /// The matter's case number (asianumero), or empty.
    pub case: String,
    /// Decision in this language.
    pub decision: String,
}

/// A numbered section.
#[derive(Debug, Clone, Serialize)]
pub struct DocSection {
    /// Template id; the HTML anchor.
    pub id: String,
    /// "1", "2", ...
    pub number: String,
    /// Title in this language.
    pub title: String,
    /// Content.
    pub parts: Vec<Part>,
    /// Where the section is written, when read from YAML in this run (never serialised).
    #[serde(skip)]
    pub origin: Option<Span>,
}

/// Where a Markdown text is written: within which stretch of a file, and the first line
/// of each of its blocks as written, so that each can be found there (the preview links each
/// paragraph to its line). Never serialised.
#[derive(Debug, Clone)]
pub struct TextOrigin {
    /// The YAML value holding the text (a map by language holds every language's).
    pub within: Span,
    /// The first line of each block, in the order of the blocks.
    pub lines: Vec<String>,
}

/// A piece of section content.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Part {
    /// Markdown blocks.
    Markdown {
        /// The blocks.
        blocks: Vec<Block>,
        /// The language of the text when it differs from the edition's (a Finnish passage
        /// in the Swedish edition), so pages can mark it for screen readers and hyphenation.
        lang: Option<String>,
        /// Whether the text was left as it was while its version in another language changed
        /// since the last approved version: the page marks it as not yet updated.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        stale: bool,
        /// Whether the text is written by language but not in the edition's: the page shows
        /// it in another language, marked as not yet translated.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        untranslated: bool,
        /// Where the text is written (never serialised).
        #[serde(skip)]
        origin: Option<TextOrigin>,
    },
    /// A captioned table.
    Table(DocTable),
    /// The reporting cycle drawn as a wheel (vuosikello), shown before its table.
    Wheel(DocWheel),
    /// The follow-up of indicators with measured values: how many are on track, by which
    /// rule, a table of their numbers and a chart of each, shown after the indicator table.
    Charts(DocCharts),
    /// Label-value pairs.
    Facts {
        /// Caption.
        caption: String,
        /// Pairs.
        rows: Vec<[String; 2]>,
    },
    /// A numbered subsection (a focus area).
    Subsection {
        /// Anchor: section id, dash, item id.
        id: String,
        /// "8.1".
        number: String,
        /// Title.
        title: String,
        /// Content.
        parts: Vec<Part>,
        /// Where the focus area is written (never serialised).
        #[serde(skip)]
        origin: Option<Span>,
    },
}

/// A table with a caption and header row.
#[derive(Debug, Clone, Serialize)]
pub struct DocTable {
    /// Anchor.
    pub id: String,
    /// Running table number.
    pub number: u32,
    /// Caption without the number.
    pub caption: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Relative column widths (fractions).
    pub widths: Vec<u32>,
    /// Rows of plain-text cells.
    pub rows: Vec<Vec<Cell>>,
    /// Whether rows carry numbers (1, 2, ...) that a picture refers to.
    pub numbered: bool,
    /// Where each row's item is written, when read from YAML in this run (never serialised).
    #[serde(skip)]
    pub row_origins: Vec<Option<Span>>,
}

/// A picture of the reporting cycle: an SVG both editions show, with its words.
#[derive(Debug, Clone, Serialize)]
pub struct DocWheel {
    /// Anchor.
    pub id: String,
    /// Running figure number.
    pub number: u32,
    /// Caption without the number.
    pub caption: String,
    /// The picture, an SVG document with its own title and description.
    pub svg: String,
    /// Alternative text: the events by number and months.
    pub alt: String,
    /// Anchor of the table that holds the same events in words.
    pub table_id: String,
    /// Number of that table.
    pub table_number: u32,
}

/// The follow-up of the indicators that record measured values.
#[derive(Debug, Clone, Serialize)]
pub struct DocCharts {
    /// "Seuranta-arvio": the rule's results counted ("2 tavoitteessa, 1 jäljessä").
    pub summary: String,
    /// The rule in words.
    pub rule: String,
    /// The numbers every chart draws, with the rule's result: the charts' equivalent.
    pub table: DocTable,
    /// A chart per indicator with values, in table order.
    pub charts: Vec<DocChart>,
}

/// One indicator's chart.
#[derive(Debug, Clone, Serialize)]
pub struct DocChart {
    /// Anchor.
    pub id: String,
    /// Running figure number.
    pub number: u32,
    /// Caption without the number: the indicator's name.
    pub caption: String,
    /// The language of the name when it differs from the edition's.
    pub lang: Option<String>,
    /// The rule's result in words ("Tavoitteessa").
    pub status: String,
    /// The result's key: `reached`, `on_track`, `behind` or `unknown`.
    pub status_key: String,
    /// What the result rests on ("viimeisin 77 (2025), tavoitepolulla 64").
    pub detail: String,
    /// The picture, an SVG document with its own title and description.
    pub svg: String,
    /// Alternative text: every number of the chart in words.
    pub alt: String,
    /// Anchor of the table that holds the same numbers.
    pub table_id: String,
    /// Number of that table.
    pub table_number: u32,
}

/// A table cell: plain text, with its language when it differs from the edition's.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The text.
    pub text: String,
    /// Language of the text when not the edition's (a Finnish cell in the Swedish edition).
    pub lang: Option<String>,
    /// Whether the text is a code (an id the plan's texts refer to), set in a code font.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub code: bool,
    /// Whether the text was left as it was while its version in another language changed
    /// since the last approved version: the page marks it as not yet updated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stale: bool,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell {
            text,
            lang: None,
            code: false,
            stale: false,
        }
    }
}

struct Ctx<'a> {
    lang: &'a str,
    /// The template's on-track rule.
    rule: &'a crate::followup::Rule,
    stale: &'a [(String, String)],
    main: &'a str,
    labels: &'a BTreeMap<String, String>,
    tables: u32,
    figures: u32,
}

impl Ctx<'_> {
    fn t(&self, text: &Text) -> String {
        text.get(self.lang, self.main).to_owned()
    }
    /// The language of `text` as shown, when it is not the edition's language.
    fn other_lang(&self, text: &Text) -> Option<String> {
        let used = text.lang_of(self.lang, self.main);
        // Numbers, years and percentages ("15 %", "2026–2027") read the same in every
        // language: there is no language to tag.
        let words = text
            .get(self.lang, self.main)
            .chars()
            .any(char::is_alphabetic);
        (used != self.lang && words).then(|| used.to_owned())
    }
    /// A Markdown text as a part, marked with its language when it differs. Its headings
    /// form an outline without gaps; a table captioned by a bold line written just above it
    /// (which then goes) is numbered with the other tables, one without stays unnumbered and
    /// uncaptioned; a paragraph of bold text alone followed by more text is a subheading.
    /// `within` is where the text is written, if known.
    fn markdown(&mut self, text: &Text, within: Option<&Span>) -> Part {
        let shown = self.t(text);
        let (mut blocks, starts) = markdown::parse_with_starts(&shown);
        let mut lines: Vec<String> = starts
            .iter()
            .map(|&at| {
                let line = shown.get(at..).unwrap_or("");
                line.split('\n').next().unwrap_or("").trim().to_owned()
            })
            .collect();
        markdown::outline_headings(&mut blocks);
        self.number_tables(&mut blocks, &mut lines);
        bold_subheadings(&mut blocks);
        Part::Markdown {
            blocks,
            lang: self.other_lang(text),
            stale: self.is_stale(text),
            untranslated: matches!(text, Text::Localized(m) if !m.contains_key(self.lang)),
            origin: within.map(|w| TextOrigin {
                within: w.clone(),
                lines,
            }),
        }
    }
    /// Numbers the captioned tables of `blocks`; `lines` (each block's first line) follows
    /// the blocks, a caption's line going to its table.
    fn number_tables(&mut self, blocks: &mut Vec<Block>, lines: &mut Vec<String>) {
        let mut i = 0;
        while i < blocks.len() {
            if let Block::Table { .. } = &blocks[i] {
                let title = match i.checked_sub(1).map(|p| &blocks[p]) {
                    Some(Block::Paragraph { inlines }) => match inlines.as_slice() {
                        [Inline::Strong { children }] => {
                            Some(markdown::plain_text(&[Block::Paragraph {
                                inlines: children.clone(),
                            }]))
                        }
                        _ => None,
                    },
                    _ => None,
                };
                let Some(title) = title else {
                    // No caption of its own: the section's title would name two different
                    // tables alike, so the table goes without caption and number.
                    i += 1;
                    continue;
                };
                blocks.remove(i - 1);
                if i < lines.len() {
                    lines.remove(i);
                }
                i -= 1;
                self.tables += 1;
                let word = self.label("table");
                if let Block::Table {
                    number,
                    caption: c,
                    supplement,
                    ..
                } = &mut blocks[i]
                {
                    *number = Some(self.tables);
                    *c = Some(title.trim().trim_end_matches(':').trim().to_owned());
                    *supplement = Some(word);
                }
            }
            i += 1;
        }
    }
    /// A table cell of `text`, marked with its language when it differs.
    fn c(&self, text: &Text) -> Cell {
        Cell {
            text: self.t(text),
            lang: self.other_lang(text),
            code: false,
            stale: self.is_stale(text),
        }
    }
    /// Whether `text`, as this edition shows it, was left behind by its twins.
    fn is_stale(&self, text: &Text) -> bool {
        let shown = self.t(text);
        matches!(text, Text::Localized(_))
            && self
                .stale
                .iter()
                .any(|(lang, t)| lang == self.lang && *t == shown)
    }
    /// A decision in words, as a heading or cell shows it ("Hyväksytty", "Lausunto annettu"):
    /// the label of that name, else the template's decision kind, else its id.
    fn decision(&self, id: &str) -> String {
        match self.labels.get(id) {
            Some(label) => label.clone(),
            None => crate::text::upper_first(
                self.labels
                    .get(&format!("decision_{id}"))
                    .map_or(id, String::as_str),
            ),
        }
    }
    fn label(&self, key: &str) -> String {
        self.labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }
    /// A numbered table of `items`, its columns and cells from their kind's field table.
    fn item_table<T: Item>(
        &mut self,
        id: String,
        caption: String,
        items: &[T],
        refs: &BTreeMap<&str, String>,
    ) -> Part {
        let columns: Vec<&FieldSpec> = T::KIND
            .fields
            .iter()
            .filter(|f| matches!(f.show, Show::Column(_) | Show::Code))
            .collect();
        let rows = items
            .iter()
            .map(|item| {
                let vals = view(item);
                columns
                    .iter()
                    .map(|col| self.cell(col, &vals, refs))
                    .collect()
            })
            .collect();
        self.tables += 1;
        let mut table = DocTable {
            id,
            number: self.tables,
            caption,
            columns: columns.iter().map(|c| self.label(c.label)).collect(),
            widths: columns
                .iter()
                .map(|c| match c.show {
                    Show::Column(w) => w,
                    // A code column is narrow, but its caption ("Tunnus") stays whole.
                    _ => 2,
                })
                .collect(),
            rows,
            numbered: false,
            row_origins: items.iter().map(|i| i.span().cloned()).collect(),
        };
        drop_empty_columns(&mut table);
        Part::Table(table)
    }
    /// The cell of column `col`: its own value, with the fields shown inside it (a chair
    /// before the note, a year after the baseline).
    fn cell(
        &self,
        col: &FieldSpec,
        vals: &[(&FieldSpec, Val)],
        refs: &BTreeMap<&str, String>,
    ) -> Cell {
        let own = vals.iter().find(|(f, _)| f.key == col.key).map(|(_, v)| v);
        let mut cell = match own {
            Some(Val::Text(t)) => self.c(t),
            Some(v) => self.value_text(col.kind, v, refs).into(),
            None => String::new().into(),
        };
        cell.code = col.show == Show::Code;
        let mut before = Vec::new();
        for (f, v) in vals {
            match (f.show, v) {
                (Show::Before(to), Val::Flag(true)) if to == col.key => {
                    before.push(self.label(f.label))
                }
                (Show::After(to), v) if to == col.key && !v.is_missing() => {
                    let after = self.value_text(f.kind, v, refs);
                    cell.text = format!("{} ({after})", cell.text).trim_start().to_owned();
                }
                _ => {}
            }
        }
        if !before.is_empty() {
            before.extend((!cell.text.is_empty()).then(|| cell.text.clone()));
            cell.text = before.join(", ");
        }
        cell
    }
    /// A value as table text in this edition.
    fn value_text(&self, kind: ValueKind, v: &Val, refs: &BTreeMap<&str, String>) -> String {
        match v {
            Val::Missing | Val::Items => String::new(),
            Val::Text(t) => self.t(t),
            Val::Flag(b) => if *b { "✓" } else { "" }.to_owned(),
            Val::Months(from, to) => self.months(*from, *to),
            Val::Year(y) => y.to_string(),
            Val::Date(d) => d.local(),
            Val::Refs(ids) => ids
                .iter()
                .map(|id| refs.get(id.as_str()).cloned().unwrap_or_else(|| id.clone()))
                .collect::<Vec<_>>()
                .join("; "),
            Val::Str(s) if matches!(kind, ValueKind::Choice(_)) => self.label(s),
            Val::Str(s) if matches!(kind, ValueKind::Decision) => self.decision(s),
            Val::Str(s) => s.clone(),
        }
    }
    fn months(&self, from: u8, to: u8) -> String {
        let m = |n: u8| self.label(&format!("month_{n}"));
        if from == to {
            m(from)
        } else {
            format!("{}–{}", m(from), m(to))
        }
    }
}

/// Builds the `lang` edition of `plan`.
pub fn build_document(
    plan: &Plan,
    template: &Template,
    labels: &BTreeMap<String, String>,
    lang: &str,
) -> Document {
    let main = plan.region.main_lang();
    let mut cx = Ctx {
        lang,
        rule: &template.follow_up,
        stale: &plan.stale,
        main,
        labels,
        tables: 0,
        figures: 0,
    };
    let title = plan
        .meta
        .title
        .as_ref()
        .unwrap_or(&template.title)
        .get(lang, main)
        .to_owned();
    let county = cx.t(&plan.region.name);
    let mut names: Vec<String> = [&plan.region.name, &plan.region.short_name]
        .into_iter()
        .chain(&plan.region.municipalities)
        .chain(plan.meta.approvals.iter().map(|a| &a.body))
        .map(|t| cx.t(t))
        .filter(|n| !n.trim().is_empty())
        .collect();
    names.sort();
    names.dedup();
    let mut sections = Vec::new();
    for def in &template.sections {
        let section = plan.section(&def.id);
        if section.is_none() && def.fields.iter().all(|f| f.in_section_file()) {
            continue;
        }
        let mut parts = Vec::new();
        for fdef in &def.fields {
            field_parts(&mut cx, plan, def, fdef, section, &mut parts);
        }
        sections.push(DocSection {
            id: def.id.clone(),
            number: def.number.to_string(),
            title: cx.t(&def.title),
            parts,
            origin: section.and_then(|s| s.span.clone()),
        });
    }
    let status = plan.meta.status.as_str();
    Document {
        lang: lang.to_owned(),
        languages: plan.region.languages.clone(),
        keywords: [
            title.clone(),
            county.clone(),
            cx.t(&Text::from("rakenteellinen sosiaalityö")),
            format!("{} {}", cx.label("version"), plan.meta.version),
        ]
        .into_iter()
        .chain(record_keywords(&cx, &plan.meta.record))
        .collect(),
        title,
        county,
        county_short: cx.t(&plan.region.short_name),
        slug: plan.slug.clone(),
        version: plan.meta.version.clone(),
        status: status.to_owned(),
        status_label: cx.label(status),
        draft: !plan.meta.status.is_final(),
        date: plan.meta.date.local(),
        date_iso: plan.meta.date.to_string(),
        validity: plan.meta.validity.as_ref().map(|v| match v.until {
            Some(until) => format!("{}–{}", v.from.local(), until.local()),
            None => format!("{}–", v.from.local()),
        }),
        example: plan.region.example,
        labels: labels.clone(),
        sections,
        generator: format!("rakeplan {}", env!("CARGO_PKG_VERSION")),
        approvals: plan
            .meta
            .approvals
            .iter()
            .map(|a| DocApproval {
                body: cx.t(&a.body),
                date: a.date.local(),
                minute: a.minute.clone().unwrap_or_default(),
                case: a.case.clone().unwrap_or_default(),
                decision: cx.decision(a.decision.as_str()),
            })
            .collect(),
        names,
    }
}

/// Leaves out the columns no row fills (an unused "Määritelmä"): they would say nothing and
/// take the room of the columns beside them. A table keeps at least its first column.
fn drop_empty_columns(table: &mut DocTable) {
    if table.rows.is_empty() {
        return;
    }
    let keep: Vec<bool> = (0..table.columns.len())
        .map(|i| {
            i == 0
                || table
                    .rows
                    .iter()
                    .any(|r| r.get(i).is_some_and(|c| !c.text.trim().is_empty()))
        })
        .collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    let kept = |v: &mut Vec<_>| {
        let mut i = 0;
        v.retain(|_| {
            i += 1;
            keep.get(i - 1).copied().unwrap_or(true)
        });
    };
    kept(&mut table.columns);
    let mut widths = std::mem::take(&mut table.widths);
    let mut i = 0;
    widths.retain(|_| {
        i += 1;
        keep.get(i - 1).copied().unwrap_or(true)
    });
    table.widths = widths;
    for row in &mut table.rows {
        let mut i = 0;
        row.retain(|_| {
            i += 1;
            keep.get(i - 1).copied().unwrap_or(true)
        });
    }
}

/// A paragraph of bold text alone, followed by more content, reads as a subheading: it
/// becomes one (a level under the heading before it), so it is tagged and navigable as a
/// heading in the PDF and the HTML. A bold line right above a table is that table's caption
/// and has been taken by then; a bold last paragraph stays a paragraph.
pub fn bold_subheadings(blocks: &mut [Block]) {
    let mut above = 0u8;
    for i in 0..blocks.len() {
        let followed = blocks
            .get(i + 1)
            .is_some_and(|b| !matches!(b, Block::Heading { .. }));
        match &blocks[i] {
            Block::Heading { level, .. } => above = *level,
            Block::Paragraph { inlines } if followed => {
                let words: Vec<&Inline> = inlines
                    .iter()
                    .filter(|x| !matches!(x, Inline::Text { text } if text.trim().is_empty()))
                    .collect();
                if let [Inline::Strong { children }] = words.as_slice() {
                    let mut children = children.clone();
                    if let Some(Inline::Text { text }) = children.last_mut() {
                        *text = text.trim_end().trim_end_matches(':').trim_end().to_owned();
                    }
                    if markdown::plain_text(&[Block::Paragraph {
                        inlines: children.clone(),
                    }])
                    .trim()
                    .is_empty()
                    {
                        continue;
                    }
                    blocks[i] = Block::Heading {
                        level: (above + 1).min(6),
                        inlines: children,
                    };
                }
            }
            _ => {}
        }
    }
}

/// The version as a record, for the PDF's keywords (its XMP `pdf:Keywords`): each field
/// given, as "Julkisuusluokka: julkinen", in the edition's language.
fn record_keywords(cx: &Ctx, record: &crate::model::RecordInfo) -> Vec<String> {
    let lang = crate::i18n::Lang::from_code(cx.lang).unwrap_or_default();
    let publicity = record.publicity.as_deref().map(|p| {
        crate::items::kind("record")
            .and_then(|k| k.field("publicity"))
            .and_then(|f| match f.kind {
                crate::items::ValueKind::Choice(choices) => choices
                    .iter()
                    .find(|c| c.value == p)
                    .map(|c| c.meaning(lang)),
                _ => None,
            })
            .unwrap_or(p)
            .to_owned()
    });
    let personal = record.personal_data.map(|yes| {
        cx.label(if yes { "redline_yes" } else { "redline_no" })
            .to_lowercase()
    });
    [
        ("record_identifier", record.identifier.clone()),
        ("record_publicity", publicity),
        ("record_personal_data", personal),
        (
            "record_retention",
            record.retention.as_deref().map(|r| match r {
                "permanent" => lang.pick("permanent", "pysyvä", "varaktig").to_owned(),
                other => other.to_owned(),
            }),
        ),
        ("record_retention_grounds", record.retention_grounds.clone()),
        ("record_task_class", record.task_class.clone()),
    ]
    .into_iter()
    .filter_map(|(label, value)| Some(format!("{}: {}", cx.label(label), value?)))
    .collect()
}

fn paragraph(text: String) -> Part {
    Part::Markdown {
        blocks: vec![Block::Paragraph {
            inlines: vec![Inline::Text { text }],
        }],
        lang: None,
        stale: false,
        untranslated: false,
        origin: None,
    }
}

fn region_facts(cx: &Ctx, plan: &Plan, caption: String) -> Part {
    let r = &plan.region;
    let mut rows = Vec::new();
    let names: Vec<String> = r
        .municipalities
        .iter()
        .map(|m| {
            let here = m.get(cx.lang, cx.main);
            let others: Vec<&str> = r
                .languages
                .iter()
                .filter(|l| l.as_str() != cx.lang)
                .map(|l| m.get(l, cx.main))
                .filter(|o| *o != here)
                .collect();
            if others.is_empty() {
                here.to_owned()
            } else {
                format!("{here} ({})", others.join(", "))
            }
        })
        .collect();
    if !names.is_empty() {
        // The box is titled with the field's label; the row says what it counts.
        rows.push([
            format!("{} ({})", cx.label("municipalities"), names.len()),
            names.join(", "),
        ]);
    }
    if let Some(pop) = r.population {
        let year = r
            .population_year
            .map(|y| format!(" ({y})"))
            .unwrap_or_default();
        rows.push([
            cx.label("population"),
            format!("{}{year}", crate::numbers::group_digits(pop)),
        ]);
    }
    let langs: Vec<String> = r
        .languages
        .iter()
        .map(|l| cx.label(&format!("lang_{l}")))
        .collect();
    rows.push([cx.label("languages"), langs.join(", ")]);
    if let Some(centre) = &r.centre_of_expertise {
        rows.push([cx.label("centre_of_expertise"), cx.t(centre)]);
    }
    Part::Facts { caption, rows }
}

/// The change history's last column: how each version was handled, from that version's own
/// record in the store (the current version from plan.yaml), so no version shows another's
/// decisions. A version neither stored nor current shows a dash.
fn handling_column(cx: &Ctx, plan: &Plan, table: &mut DocTable) {
    table.columns.push(cx.label("approvals"));
    table.widths.push(4);
    for (row, entry) in table.rows.iter_mut().zip(&plan.meta.changelog) {
        let approvals = if crate::names::same_version(&entry.version, &plan.meta.version) {
            Some(&plan.meta.approvals)
        } else {
            plan.history
                .iter()
                .find(|h| crate::names::same_version(&h.version, &entry.version))
                .map(|h| &h.approvals)
        };
        let text = match approvals {
            Some(list) if !list.is_empty() => list
                .iter()
                .map(|a| a.line(cx.lang, cx.main, cx.labels))
                .collect::<Vec<_>>()
                .join("; "),
            _ => "–".to_owned(),
        };
        row.push(text.into());
    }
}

/// The parts one field of a section contributes: a text, a table, subsections, facts.
fn field_parts(
    cx: &mut Ctx,
    plan: &Plan,
    def: &SectionDef,
    fdef: &FieldDef,
    section: Option<&Section>,
    parts: &mut Vec<Part>,
) {
    let caption = cx.t(&fdef.label);
    let id = format!("{}-{}", def.id, fdef.id.replace('_', "-"));
    let none = BTreeMap::new();
    let field = section.and_then(|s| s.fields.iter().find(|f| f.id == fdef.id));
    let value = field.map(|f| &f.value);
    match (fdef.kind, value) {
        (FieldKind::Municipalities, _) => parts.push(region_facts(cx, plan, caption)),
        (FieldKind::Approvals, _) if plan.meta.approvals.is_empty() => {
            parts.push(paragraph(cx.label("no_approvals")))
        }
        (FieldKind::Approvals, _) => {
            parts.push(cx.item_table(id, caption, &plan.meta.approvals, &none))
        }
        (FieldKind::Changelog, _) if plan.meta.changelog.is_empty() => {}
        (FieldKind::Changelog, _) => {
            let mut table = cx.item_table(id, caption, &plan.meta.changelog, &none);
            if let Part::Table(t) = &mut table {
                handling_column(cx, plan, t);
            }
            parts.push(table)
        }
        (_, None) => {}
        (_, Some(FieldValue::Markdown(text))) => {
            parts.push(cx.markdown(text, field.and_then(|f| f.span.as_ref())))
        }
        (_, Some(FieldValue::Members(list))) => parts.push(cx.item_table(id, caption, list, &none)),
        (_, Some(FieldValue::Cycle(events))) => {
            // The annual clock reads in calendar order, whatever order the file lists.
            let mut events = events.clone();
            events.sort_by_key(|e| (e.month_from, e.month_to));
            let mut table = cx.item_table(id, caption, &events, &none);
            // The wheel before the table, numbered like its rows.
            if let Part::Table(t) = &mut table {
                t.numbered = true;
                let months = events.iter().map(|e| (e.month_from, e.month_to));
                parts.push(wheel_part(cx, t, months));
            }
            parts.push(table);
        }
        (_, Some(FieldValue::FocusAreas(areas))) => {
            let names = indicator_names(cx, plan);
            for (i, area) in areas.iter().enumerate() {
                parts.push(area_part(cx, def, &id, i, area, &names));
            }
        }
        (_, Some(FieldValue::Indicators(list))) => {
            parts.push(cx.item_table(id.clone(), caption, list, &none));
            parts.extend(follow_up(cx, &id, list));
        }
        (_, Some(FieldValue::Partners(list))) => {
            parts.push(cx.item_table(id, caption, list, &none))
        }
        (_, Some(FieldValue::Facts(facts))) => {
            parts.extend(facts_parts(cx, fdef, &id, caption, facts))
        }
    }
}

/// A `facts` field: its entries as label-value pairs in the template's order, and each
/// entry of numbers by service area and year as a table of its own.
fn facts_parts(
    cx: &mut Ctx,
    fdef: &FieldDef,
    id: &str,
    caption: String,
    facts: &[crate::facts::Fact],
) -> Vec<Part> {
    use crate::facts::FactValue;
    let label = |cx: &Ctx, fact: &crate::facts::Fact| {
        fdef.entries
            .iter()
            .find(|e| e.id == fact.id)
            .map_or_else(|| fact.id.clone(), |e| cx.t(&e.label))
    };
    let rows: Vec<[String; 2]> = facts
        .iter()
        .filter(|f| !matches!(f.value, FactValue::Counts(_)))
        .map(|f| [label(cx, f), f.value.words(cx.lang, cx.main)])
        .collect();
    let mut parts = Vec::new();
    if !rows.is_empty() {
        parts.push(Part::Facts { caption, rows });
    }
    for fact in facts {
        let FactValue::Counts(areas) = &fact.value else {
            continue;
        };
        let years: std::collections::BTreeSet<i64> = areas
            .iter()
            .flat_map(|a| a.values.keys().copied())
            .collect();
        let mut columns = vec![cx.label("unit")];
        columns.extend(years.iter().map(i64::to_string));
        let rows = areas
            .iter()
            .map(|a| {
                let mut row: Vec<Cell> = vec![cx.t(&a.area).into()];
                row.extend(years.iter().map(|y| {
                    Cell::from(
                        a.values
                            .get(y)
                            .map_or("–".to_owned(), |v| crate::numbers::format_number(*v)),
                    )
                }));
                row
            })
            .collect();
        cx.tables += 1;
        parts.push(Part::Table(DocTable {
            id: format!("{id}-{}", fact.id.replace('_', "-")),
            number: cx.tables,
            caption: label(cx, fact),
            widths: std::iter::once(4).chain(years.iter().map(|_| 1)).collect(),
            columns,
            rows,
            numbered: false,
            row_origins: Vec::new(),
        }));
    }
    parts
}

/// A focus area as a numbered subsection: goal, description and a table of its actions.
fn area_part(
    cx: &mut Ctx,
    def: &SectionDef,
    table_id: &str,
    index: usize,
    area: &FocusArea,
    names: &BTreeMap<&str, String>,
) -> Part {
    let mut sub = Vec::new();
    if let Some(goal) = &area.goal {
        sub.push(Part::Markdown {
            blocks: vec![Block::Paragraph {
                inlines: vec![
                    Inline::Strong {
                        children: vec![Inline::Text {
                            text: format!("{}: ", cx.label("goal")),
                        }],
                    },
                    Inline::Text { text: cx.t(goal) },
                ],
            }],
            lang: cx.other_lang(goal),
            stale: false,
            untranslated: false,
            origin: area.span.as_ref().map(|within| TextOrigin {
                within: within.clone(),
                lines: vec![cx.t(goal).lines().next().unwrap_or("").trim().to_owned()],
            }),
        });
    }
    if let Some(desc) = &area.description {
        sub.push(cx.markdown(desc, area.span.as_ref()));
    }
    let title = cx.t(&area.name);
    let table_caption = format!("{}: {}", cx.label("actions"), title);
    sub.push(cx.item_table(
        format!("{table_id}-{}-actions", area.id),
        table_caption,
        &area.actions,
        names,
    ));
    Part::Subsection {
        id: format!("{}-{}", def.id, area.id),
        number: format!("{}.{}", def.number, index + 1),
        title,
        parts: sub,
        origin: area.span.clone(),
    }
}

/// The vuosikello of a cycle table: event `n` is row `n` of `table` (whose number it takes,
/// so the picture comes before the table but after the table is counted).
fn wheel_part(cx: &mut Ctx, table: &DocTable, months: impl Iterator<Item = (u8, u8)>) -> Part {
    use crate::figures::wheel::{WheelEvent, WheelText, wheel_svg};
    cx.figures += 1;
    let events: Vec<WheelEvent> = months
        .enumerate()
        .map(|(i, (from, to))| WheelEvent {
            number: i as u32 + 1,
            from,
            to,
        })
        .collect();
    let short = |m: u8| {
        let key = format!("month_short_{m}");
        if cx.labels.contains_key(&key) {
            cx.label(&key)
        } else {
            cx.label(&format!("month_{m}"))
        }
    };
    let listed: Vec<String> = events
        .iter()
        .map(|e| format!("{} {}", e.number, cx.months(e.from, e.to)))
        .collect();
    let alt = format!(
        "{}: {} {}. {} ({} {}): {}.",
        cx.label("wheel"),
        events.len(),
        cx.label("wheel_events"),
        cx.label("wheel_same_as_table"),
        cx.label("table"),
        table.number,
        listed.join("; ")
    );
    let caption = cx.label("wheel_caption");
    let id = format!("{}-wheel", table.id);
    let svg = wheel_svg(
        &events,
        &WheelText {
            months: (1..=12).map(short).collect(),
            centre: cx.label("wheel"),
            title: caption.clone(),
            desc: alt.clone(),
            id: id.clone(),
        },
    );
    Part::Wheel(DocWheel {
        id,
        number: cx.figures,
        caption,
        svg,
        alt,
        table_id: table.id.clone(),
        table_number: table.number,
    })
}

/// The follow-up of the `indicators` that record measured values: the rule's results
/// counted, the rule in words, a table of the numbers each chart draws (baseline, values,
/// target, result) and a chart of each. `None` when no indicator records values.
fn follow_up(cx: &mut Ctx, table_id: &str, indicators: &[Indicator]) -> Option<Part> {
    use crate::figures::chart::{ChartText, chart_svg};
    use crate::followup::{Assessment, Series, assess, series};
    use crate::numbers::format_number;
    let followed: Vec<(&Indicator, Series)> = indicators
        .iter()
        .filter_map(|i| series(i, cx.rule, cx.main).map(|s| (i, s)))
        .collect();
    if followed.is_empty() {
        return None;
    }
    let n = |x: f64, s: &Series| {
        format!(
            "{}{}",
            format_number(x),
            if s.percent { "\u{a0}%" } else { "" }
        )
    };
    let at = |x: f64, year: Option<i64>, s: &Series| match year {
        Some(y) => format!("{} ({y})", n(x, s)),
        None => n(x, s),
    };
    cx.tables += 1;
    let mut table = DocTable {
        id: format!("{table_id}-follow-up"),
        number: cx.tables,
        caption: cx.label("follow_up_table"),
        columns: [
            "id",
            "indicator",
            "baseline",
            "values",
            "target",
            "follow_up",
        ]
        .iter()
        .map(|k| cx.label(k))
        .collect(),
        widths: vec![2, 4, 2, 3, 2, 3],
        rows: Vec::new(),
        numbered: false,
        row_origins: followed.iter().map(|(i, _)| i.span.clone()).collect(),
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut charts = Vec::new();
    for (indicator, s) in &followed {
        let result = assess(s, cx.rule);
        let status = cx.label(result.label());
        let detail = match &result {
            Assessment::Unknown { missing } => cx.label(missing.label()),
            Assessment::Reached { latest } => format!(
                "{} {} ({})",
                cx.label("follow_up_latest"),
                n(latest.value, s),
                latest.year
            ),
            Assessment::OnTrack { latest, expected } | Assessment::Behind { latest, expected } => {
                format!(
                    "{} {} ({}), {} {}",
                    cx.label("follow_up_latest"),
                    n(latest.value, s),
                    latest.year,
                    cx.label("follow_up_expected"),
                    // The path's value to a tenth: "48,8", not "48,75".
                    n((expected * 10.0).round() / 10.0, s)
                )
            }
        };
        *counts.entry(result.label()).or_default() += 1;
        let name = cx.t(&indicator.name);
        let measured: Vec<String> = s
            .values
            .iter()
            .map(|p| format!("{}: {}", p.year, n(p.value, s)))
            .collect();
        let baseline = s
            .baseline_value
            .map(|b| at(b, indicator.baseline_year, s))
            .unwrap_or_default();
        let target = s
            .target_value
            .map(|t| at(t, indicator.target_year, s))
            .unwrap_or_default();
        let mut id_cell = Cell::from(indicator.id.clone());
        id_cell.code = true;
        let mut name_cell = cx.c(&indicator.name);
        name_cell.stale = false;
        table.rows.push(vec![
            id_cell,
            name_cell,
            baseline.clone().into(),
            measured.join("; ").into(),
            target.clone().into(),
            format!("{status}: {detail}").into(),
        ]);
        cx.figures += 1;
        let chart_id = format!("{table_id}-{}-chart", indicator.id);
        let mut said = Vec::new();
        if !baseline.is_empty() {
            said.push(format!("{} {baseline}", cx.label("baseline")));
        }
        said.push(format!("{} {}", cx.label("values"), measured.join(", ")));
        if !target.is_empty() {
            said.push(format!("{} {target}", cx.label("target")));
        }
        let alt = format!(
            "{}: {name}. {}. {status}: {detail}. {} ({} {}).",
            cx.label("chart"),
            said.join("; "),
            cx.label("wheel_same_as_table"),
            cx.label("table").to_lowercase(),
            table.number
        );
        let svg = chart_svg(
            s,
            &ChartText {
                title: format!("{}: {name}", cx.label("chart")),
                desc: alt.clone(),
                id: chart_id.clone(),
                measured: cx.label("chart_measured"),
                baseline: cx.label("baseline"),
                target: cx.label("chart_target"),
                path: cx.label("chart_path"),
            },
        );
        charts.push(DocChart {
            id: chart_id,
            number: cx.figures,
            caption: name,
            lang: cx.other_lang(&indicator.name),
            status,
            status_key: result.label().trim_start_matches("follow_up_").to_owned(),
            detail,
            svg,
            alt,
            table_id: table.id.clone(),
            table_number: table.number,
        });
    }
    let summary: Vec<String> = [
        "follow_up_reached",
        "follow_up_on_track",
        "follow_up_behind",
        "follow_up_unknown",
    ]
    .iter()
    .filter_map(|k| counts.get(k).map(|c| format!("{} {c}", cx.label(k))))
    .collect();
    let share = format_number(cx.rule.on_track_share * 100.0);
    Some(Part::Charts(DocCharts {
        summary: format!("{}: {}", cx.label("follow_up_summary"), summary.join(", ")),
        rule: cx
            .label("follow_up_rule")
            .replace("{share} %", &format!("{share}\u{a0}%"))
            .replace("{share}", &share),
        table,
        charts,
    }))
}

/// The names references to indicators show, by id. An id that two indicator lists share is
/// left out: a reference to it shows the id, never another list's indicator's name.
fn indicator_names<'p>(cx: &Ctx, plan: &'p Plan) -> BTreeMap<&'p str, String> {
    crate::model::indicators_by_id(plan)
        .into_iter()
        .filter_map(|(id, found)| match found.as_slice() {
            [one] => Some((id, cx.t(&one.name))),
            _ => None,
        })
        .collect()
}
