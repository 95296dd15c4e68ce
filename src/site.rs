//! The intranet site, built from the revision store: a front page of every county, a page
//! per county with its version history, every stored version as an HTML page with its PDF
//! and a "what changed" page against the version before it, and `current/` for the version
//! in force. Addresses are stable (`<slug>/<version>/`, section anchors are template ids),
//! links are relative and nothing is loaded from elsewhere. Returns files; writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Value, json};
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::document::{Part, build_document};
use crate::load::TemplateSet;
use crate::model::{Plan, Status};
use crate::redline::NavLink;
use crate::render::TemplateDirs;
use crate::render::html::render_html_in_site;
use crate::store::{self, DRAFT_DIR, Manifest};
use crate::template::SiteSettings;

/// A version folder read from the store.
#[derive(Debug, Clone)]
pub struct StoredVersion {
    /// Folder name: the version, or `draft`.
    pub dir: String,
    /// Its manifest.
    pub manifest: Manifest,
    /// Its normalised plan (`plan.json`).
    pub plan: Plan,
    /// The PDFs by file name (`plan.pdf`, `plan.sv.pdf`).
    pub pdfs: BTreeMap<String, Vec<u8>>,
    /// The HTML pages as stored, by file name (`plan.html`, `plan.sv.html`): the site
    /// serves them beside its own page, and tells whether its page still looks like them.
    pub htmls: BTreeMap<String, Vec<u8>>,
}

/// One county's part of the store.
#[derive(Debug, Clone)]
pub struct CountyStore {
    /// Folder name.
    pub slug: String,
    /// Approved (and superseded) versions, oldest first.
    pub records: Vec<StoredVersion>,
    /// The current draft, if any.
    pub draft: Option<StoredVersion>,
}

/// A file of the site.
#[derive(Debug, Clone)]
pub struct SiteFile {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// The languages the site is published in: every language a county publishes in, Finnish
/// (the national template's first language) first, the others in the order the counties
/// name them. The first is the site's main language: its pages have no suffix.
pub fn site_languages(counties: &[CountyStore]) -> Vec<String> {
    let mut langs: Vec<String> = vec!["fi".to_owned()];
    for county in counties {
        if let Some(v) = county.draft.as_ref().or(county.records.last()) {
            for l in &v.plan.region.languages {
                if !langs.contains(l) {
                    langs.push(l.clone());
                }
            }
        }
    }
    langs
}

/// Builds every page of the site: the front page and the search in every site language,
/// each county's pages in every language it publishes in.
pub fn build_site(
    counties: &[CountyStore],
    tset: &TemplateSet,
    settings: &SiteSettings,
    regions: &Path,
) -> Result<Vec<SiteFile>, Diagnostic> {
    let mut files = Vec::new();
    let stores = counties;
    let langs = site_languages(counties);
    let mut summaries: Vec<IndexMap<String, CountySummary>> = Vec::new();
    let mut index: BTreeMap<String, Vec<IndexEntry>> = BTreeMap::new();
    let national = TemplateDirs {
        region: None,
        national: tset.dir.join("templates"),
    };
    for county in counties {
        let dirs = TemplateDirs::for_county(&tset.dir, regions, &county.slug);
        summaries.push(county_files(
            county, tset, &dirs, &langs, &mut files, &mut index,
        )?);
    }
    let css = national.find("style.css")?.text;
    let page = national.find("site-index.html.tera")?;
    let search = national.find("site-search.html.tera")?;
    let statement = national.find("site-accessibility.html.tera")?;
    let compare = national.find("site-compare.html.tera")?;
    let in_force: Vec<&Plan> = counties
        .iter()
        .filter_map(|c| c.records.last().map(|v| &v.plan))
        .collect();
    for lang in &langs {
        let suffix = crate::render::suffix(lang, &langs[0]);
        let labels = tset.labels.resolve(lang);
        // Every county on the front page of every language: in this language where the
        // county publishes in it, else in its own main language, so marked.
        let counties: Vec<&CountySummary> = summaries
            .iter()
            .filter_map(|by_lang| by_lang.get(lang).or_else(|| by_lang.values().next()))
            .collect();
        let mut context = Context::new();
        context.insert("lang", lang);
        context.insert("labels", &labels);
        context.insert("css", &css);
        context.insert("counties", &counties);
        context.insert("suffix", &suffix);
        context.insert(
            "languages",
            &switch(tset, &langs, lang, |l| {
                format!("index{}.html", crate::render::suffix(l, &langs[0]))
            }),
        );
        context.insert(
            "generator",
            &format!("rakeplan {}", env!("CARGO_PKG_VERSION")),
        );
        // The offline search: an index of the plans in force in this language, loaded as a
        // script so that it works from file:// too, and a page that searches it.
        let mut script = b"window.RAKEPLAN_INDEX = ".to_vec();
        let entries = index.get(lang).map(Vec::as_slice).unwrap_or_default();
        script.extend(serde_json::to_vec(entries).expect("index entries serialise"));
        script.extend(b";\n");
        files.push(SiteFile {
            path: format!("search-index{suffix}.js"),
            bytes: script,
        });
        context.insert(
            "search_words",
            &json!({ "one": labels["search_hit_one"], "many": labels["search_hit_many"] }),
        );
        context.insert(
            "languages",
            &switch(tset, &langs, lang, |l| {
                format!("search{}.html", crate::render::suffix(l, &langs[0]))
            }),
        );
        context.insert("footer", &footer("", &suffix, &labels));
        files.push(SiteFile {
            path: format!("search{suffix}.html"),
            bytes: render_tera(&search.origin, &search.text, &context)?.into_bytes(),
        });
        context.insert(
            "languages",
            &switch(tset, &langs, lang, |l| {
                format!("index{}.html", crate::render::suffix(l, &langs[0]))
            }),
        );
        context.insert("footer", &footer("", &suffix, &labels));
        files.push(SiteFile {
            path: format!("index{suffix}.html"),
            bytes: render_tera(&page.origin, &page.text, &context)?.into_bytes(),
        });
        // The accessibility statement, in this language.
        context.insert(
            "languages",
            &switch(tset, &langs, lang, |l| {
                format!("accessibility{}.html", crate::render::suffix(l, &langs[0]))
            }),
        );
        // The national view: the plans in force side by side.
        context.insert(
            "languages",
            &switch(tset, &langs, lang, |l| {
                format!("compare{}.html", crate::render::suffix(l, &langs[0]))
            }),
        );
        let comparison = crate::compare::comparison(&in_force, lang, &labels, &tset.template);
        let columns = &comparison.columns;
        let months: Vec<Value> = (1..=12)
            .map(|m| {
                json!({
                    "name": crate::text::upper_first(labels.get(&format!("month_{m}")).map_or("", String::as_str)),
                    "cells": columns.iter().map(|c| json!({"text": c.months[m - 1], "lang": c.lang})).collect::<Vec<_>>(),
                })
            })
            .collect();
        context.insert("columns", columns);
        context.insert("shared", &comparison.shared);
        context.insert("groups", &comparison.groups);
        context.insert("facts", &comparison.facts);
        context.insert("months", &months);
        files.push(SiteFile {
            path: format!("compare{suffix}.html"),
            bytes: render_tera(&compare.origin, &compare.text, &context)?.into_bytes(),
        });
        context.insert(
            "languages",
            &switch(tset, &langs, lang, |l| {
                format!("accessibility{}.html", crate::render::suffix(l, &langs[0]))
            }),
        );
        accessibility_context(&mut context, stores, tset, settings, regions, lang);
        files.push(SiteFile {
            path: format!("accessibility{suffix}.html"),
            bytes: render_tera(&statement.origin, &statement.text, &context)?.into_bytes(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The links at the foot of every page: the accessibility statement and its feedback
/// channel, from a page `prefix` below the site's root, in the language of `suffix`.
fn footer(prefix: &str, suffix: &str, labels: &BTreeMap<String, String>) -> Vec<Value> {
    let href = format!("{prefix}accessibility{suffix}.html");
    vec![
        json!({"href": href, "text": labels.get("a11y_statement")}),
        json!({"href": format!("{href}#feedback"), "text": labels.get("a11y_feedback")}),
    ]
}

/// What the accessibility statement in `lang` says beyond its fixed words: who publishes,
/// what is known not to be accessible (the settings' list, and each county's own templates,
/// which rakeplan's checks do not cover), when and how it was assessed, where feedback goes
/// and the supervisory authority.
fn accessibility_context(
    context: &mut Context,
    counties: &[CountyStore],
    tset: &TemplateSet,
    settings: &SiteSettings,
    regions: &Path,
    lang: &str,
) {
    fn latest(c: &CountyStore) -> Option<&Plan> {
        c.records.last().or(c.draft.as_ref()).map(|v| &v.plan)
    }
    let names: Vec<String> = counties
        .iter()
        .filter_map(latest)
        .map(|p| p.region.name.get(lang, p.region.main_lang()).to_owned())
        .collect();
    let organisation = match &settings.organisation {
        Some(name) if !name.get(lang, "fi").trim().is_empty() => name.get(lang, "fi").to_owned(),
        _ => names.join(", "),
    };
    let labels = tset.labels.resolve(lang);
    let mut not_accessible: Vec<String> = settings
        .accessibility
        .not_accessible
        .iter()
        .map(|t| t.get(lang, "fi").to_owned())
        .collect();
    for county in counties {
        let dirs = TemplateDirs::for_county(&tset.dir, regions, &county.slug);
        let own_layout = dirs.region.as_ref().is_some_and(|dir| {
            std::fs::read_dir(dir).is_ok_and(|entries| {
                entries.flatten().any(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.ends_with(".tera") || name.ends_with(".typ") || name.ends_with(".css")
                })
            })
        });
        if own_layout && let Some(plan) = latest(county) {
            let name = plan.region.name.get(lang, plan.region.main_lang());
            not_accessible.push(
                labels
                    .get("a11y_override")
                    .map_or(String::new(), |l| l.replace("{county}", name)),
            );
        }
    }
    let newest = counties
        .iter()
        .flat_map(|c| c.records.iter().chain(c.draft.iter()))
        .map(|v| v.plan.meta.date)
        .max();
    let assessed = crate::date::Date::parse_iso(&settings.accessibility.assessed)
        .or(newest)
        .map(crate::date::Date::local)
        .unwrap_or_default();
    let assessor = (settings.accessibility.method == "external")
        .then(|| settings.accessibility.assessor.clone())
        .filter(|a| !a.trim().is_empty());
    let authority = &settings.authority;
    context.insert("organisation", &organisation);
    context.insert("not_accessible", &not_accessible);
    context.insert("assessed", &assessed);
    context.insert("made", &assessed);
    context.insert("assessor", &assessor);
    context.insert("feedback", &settings.feedback);
    context.insert(
        "authority",
        &json!({
            "name": authority.name.as_ref().map(|n| n.get(lang, "fi").to_owned()).unwrap_or_default(),
            "url": authority.url,
            "email": authority.email,
            "phone": authority.phone,
        }),
    );
}

/// A link to a page in another language, named in that language ("På svenska").
#[derive(Serialize)]
struct LanguageLink {
    lang: String,
    href: String,
    text: String,
}

/// The language switch of a page in `lang`: the same page in each other language of
/// `langs`, at `href(lang)`.
fn switch(
    tset: &TemplateSet,
    langs: &[String],
    lang: &str,
    href: impl Fn(&str) -> String,
) -> Vec<LanguageLink> {
    langs
        .iter()
        .filter(|l| *l != lang)
        .map(|l| LanguageLink {
            lang: l.clone(),
            href: href(l),
            text: tset
                .labels
                .resolve(l)
                .get("in_language")
                .cloned()
                .unwrap_or_else(|| l.clone()),
        })
        .collect()
}

fn render_tera(origin: &str, text: &str, context: &Context) -> Result<String, Diagnostic> {
    let mut tera = crate::render::html::new_tera();
    let fail = |e: tera::Error| {
        let message = crate::render::html::error_chain(&e);
        Diagnostic::error_at_path(
            Path::new(origin),
            format!("the site template failed: {message}"),
        )
    };
    tera.add_raw_template("page.html.tera", text)
        .map_err(fail)?;
    tera.render("page.html.tera", context).map_err(fail)
}

#[derive(Serialize, Clone)]
struct CountySummary {
    slug: String,
    name: String,
    /// The language of this summary (the county's main language where it does not publish
    /// in the page's).
    lang: String,
    /// The county page's file in this language (`index.html`, `index.sv.html`).
    page: String,
    /// The suffix of this language's files in the county's folders (`""`, `".sv"`).
    suffix: String,
    current: Option<VersionSummary>,
    draft: Option<VersionSummary>,
}

#[derive(Serialize, Clone)]
struct VersionSummary {
    version: String,
    dir: String,
    status_label: String,
    date: String,
    approvals: Vec<String>,
    latest_handling: Option<String>,
    summary: String,
    changes: bool,
    /// This version's page, PDF and what-changed files in the summary's language.
    page: String,
    pdf: String,
    changes_page: String,
    changes_pdf: String,
    /// The PDF's pages and size in the summary's language ("24 s., 610 kt").
    pdf_facts: String,
}

/// A version's line of the history in `lang` (its decisions and change-log summary in that
/// language where written in it).
fn summarize(
    v: &StoredVersion,
    status: Status,
    labels: &BTreeMap<String, String>,
    lang: &str,
    changes: bool,
) -> VersionSummary {
    let main = v.plan.region.main_lang().to_owned();
    let approvals: Vec<String> = v
        .plan
        .meta
        .approvals
        .iter()
        .map(|a| a.line(lang, &main, labels))
        .collect();
    let summary = v
        .plan
        .meta
        .changelog
        .iter()
        .find(|c| c.version == v.plan.meta.version)
        .map(|c| c.summary.get(lang, &main).to_owned())
        .unwrap_or_default();
    VersionSummary {
        version: v.plan.meta.version.clone(),
        dir: v.dir.clone(),
        status_label: labels.get(status.as_str()).cloned().unwrap_or_default(),
        date: v.plan.meta.date.local(),
        latest_handling: approvals.last().cloned(),
        approvals,
        summary,
        changes,
        page: "index.html".to_owned(),
        pdf: "plan.pdf".to_owned(),
        changes_page: "changes.html".to_owned(),
        changes_pdf: "changes.pdf".to_owned(),
        pdf_facts: String::new(),
    }
}

/// A PDF's pages and size for its link, in the reader's language: "24 s., 610 kt" (a
/// kilobyte of 1000 bytes), or only the size when the page count cannot be read.
fn pdf_facts(bytes: &[u8], labels: &BTreeMap<String, String>) -> String {
    let size = bytes.len().div_ceil(1000).to_string();
    let pages = pdf_page_count(bytes).map(|n| n.to_string());
    let (key, fallback) = match pages {
        Some(_) => ("pdf_facts", "{pages} s., {size} kt"),
        None => ("pdf_size", "{size} kt"),
    };
    let text = labels.get(key).map(String::as_str).unwrap_or(fallback);
    crate::redline::fill(
        text,
        &[("pages", pages.as_deref().unwrap_or("")), ("size", &size)],
    )
}

/// The page count of a PDF from its page tree's root (`/Type/Pages/Count 24`), which typst
/// writes uncompressed.
fn pdf_page_count(bytes: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(bytes);
    text.match_indices("/Pages")
        .filter_map(|(i, _)| {
            let rest = &text[i + "/Pages".len()..];
            let rest = rest.trim_start().strip_prefix("/Count")?.trim_start();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .max()
}

/// One searchable section of a plan in force.
#[derive(Serialize)]
struct IndexEntry {
    county: String,
    section: String,
    url: String,
    text: String,
    text_lower: String,
}

/// The visible text of section parts, for the search index.
fn parts_text(parts: &[Part], out: &mut String) {
    for part in parts {
        match part {
            Part::Markdown { blocks, .. } => out.push_str(&crate::markdown::plain_text(blocks)),
            Part::Table(t) => {
                out.push_str(&t.caption);
                out.push('\n');
                for row in &t.rows {
                    let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                    out.push_str(&cells.join(" · "));
                    out.push('\n');
                }
            }
            // The picture's words are its table's, which the index already holds.
            Part::Wheel(w) => {
                out.push_str(&w.caption);
                out.push('\n');
            }
            // The charts' numbers are the table's; their results and the rule are words.
            Part::Charts(c) => {
                out.push_str(&format!("{}\n{}\n{}\n", c.summary, c.rule, c.table.caption));
                for row in &c.table.rows {
                    let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                    out.push_str(&cells.join(" · "));
                    out.push('\n');
                }
            }
            Part::Facts { caption, rows } => {
                out.push_str(caption);
                out.push('\n');
                for [k, v] in rows {
                    out.push_str(&format!("{k}: {v}\n"));
                }
            }
            Part::Subsection {
                number,
                title,
                parts,
                ..
            } => {
                out.push_str(&format!("{number} {title}\n"));
                parts_text(parts, out);
            }
        }
    }
}

fn county_files(
    county: &CountyStore,
    tset: &TemplateSet,
    dirs: &TemplateDirs,
    site_langs: &[String],
    files: &mut Vec<SiteFile>,
    index: &mut BTreeMap<String, Vec<IndexEntry>>,
) -> Result<IndexMap<String, CountySummary>, Diagnostic> {
    let slug = &county.slug;
    let current = county.records.last();
    let pages = version_pages(county);
    let newest = county.draft.as_ref().or(current);
    let main = newest
        .map(|v| v.plan.region.main_lang().to_owned())
        .unwrap_or_else(|| "fi".into());
    let langs: Vec<String> = newest
        .map(|v| v.plan.region.languages.clone())
        .unwrap_or_else(|| vec![main.clone()]);
    let all_labels = dirs.labels(&tset.labels)?;
    let cx = CountyCx {
        slug,
        tset,
        dirs,
        main: &main,
        site_main: &site_langs[0],
        all_labels: &all_labels,
        pages: &pages,
        current,
        records: &county.records,
    };
    let mut history: BTreeMap<String, Vec<VersionSummary>> = BTreeMap::new();
    for (version, status, previous) in &pages {
        for (lang, line) in cx.version_files(version, *status, *previous, &langs, files, index)? {
            history.entry(lang).or_default().push(line);
        }
    }
    // `current/` mirrors the version in force, page for page.
    if let Some(cur) = current {
        let prefix = format!("{slug}/{}/", cur.dir);
        let copies: Vec<SiteFile> = files
            .iter()
            .filter_map(|f| {
                f.path.strip_prefix(&prefix).map(|rest| SiteFile {
                    path: format!("{slug}/current/{rest}"),
                    bytes: f.bytes.clone(),
                })
            })
            .collect();
        files.extend(copies);
    }
    // The county's main language first: the front page of a language the county does not
    // publish in shows it in its main language.
    let mut ordered = langs.clone();
    ordered.sort_by_key(|l| *l != main);
    let mut out = IndexMap::new();
    for lang in &ordered {
        let name = newest
            .map(|v| v.plan.region.name.get(lang, &main).to_owned())
            .unwrap_or_else(|| slug.clone());
        let history = history.remove(lang).unwrap_or_default();
        let current_summary = current.and_then(|_| history.get(county.records.len() - 1).cloned());
        let suffix = cx.suffix(lang);
        files.push(cx.county_page(lang, &langs, &name, &history, &current_summary)?);
        out.insert(
            lang.clone(),
            CountySummary {
                slug: slug.clone(),
                name,
                lang: lang.clone(),
                page: format!("index{suffix}.html"),
                suffix,
                current: current_summary,
                draft: county.draft.as_ref().and_then(|_| history.last().cloned()),
            },
        );
    }
    Ok(out)
}

/// Every page of a county: (stored version, status shown, the version before it). The
/// newest approved version is in force, the older ones superseded; the draft comes last.
fn version_pages(county: &CountyStore) -> Vec<(&StoredVersion, Status, Option<&StoredVersion>)> {
    let mut pages = Vec::new();
    for (i, record) in county.records.iter().enumerate() {
        let status = if i + 1 == county.records.len() {
            Status::Approved
        } else {
            Status::Superseded
        };
        pages.push((record, status, i.checked_sub(1).map(|p| &county.records[p])));
    }
    if let Some(draft) = &county.draft {
        pages.push((draft, draft.plan.meta.status, county.records.last()));
    }
    pages
}

/// What every page of one county shares.
struct CountyCx<'a> {
    slug: &'a str,
    tset: &'a TemplateSet,
    dirs: &'a TemplateDirs,
    /// The county's main language.
    main: &'a str,
    /// The site's main language (the front page without a suffix).
    site_main: &'a str,
    /// National labels with the county's own laid over them.
    all_labels: &'a crate::template::Labels,
    /// Every page of the county: (stored version, status shown, the version before it).
    pages: &'a [(&'a StoredVersion, Status, Option<&'a StoredVersion>)],
    /// The version in force.
    current: Option<&'a StoredVersion>,
    /// Every approved version, oldest first (their own decisions fill the change history).
    records: &'a [StoredVersion],
}

impl CountyCx<'_> {
    /// The files of one version: a page per language, its PDFs, and "what changed" against
    /// `previous` (HTML and PDF). Returns its line of the version history.
    fn version_files(
        &self,
        version: &StoredVersion,
        status: Status,
        previous: Option<&StoredVersion>,
        langs: &[String],
        files: &mut Vec<SiteFile>,
        index: &mut BTreeMap<String, Vec<IndexEntry>>,
    ) -> Result<Vec<(String, VersionSummary)>, Diagnostic> {
        let mut plan = version.plan.clone();
        plan.meta.status = status;
        plan.history = self
            .records
            .iter()
            .filter(|r| {
                let v = |s: &str| crate::names::Version::parse(s);
                matches!((v(&r.plan.meta.version), v(&plan.meta.version)), (Some(a), Some(b)) if a < b)
            })
            .map(|r| crate::model::Handled {
                version: r.plan.meta.version.clone(),
                approvals: r.plan.meta.approvals.clone(),
            })
            .collect();
        let base = format!("{}/{}", self.slug, version.dir);
        let changes = match previous {
            Some(prev) => Some(self.changes(prev, version)?),
            None => None,
        };
        for lang in &plan.region.languages {
            let page =
                self.language_page(&plan, version, status, lang, changes.is_some(), index)?;
            let suffix = self.suffix(lang);
            files.push(SiteFile {
                path: format!("{base}/index{suffix}.html"),
                bytes: page,
            });
        }
        for (name, bytes) in version.pdfs.iter().chain(&version.htmls) {
            files.push(SiteFile {
                path: format!("{base}/{name}"),
                bytes: bytes.clone(),
            });
        }
        for artifact in changes.iter().flatten() {
            files.push(SiteFile {
                path: format!("{base}/{}", artifact.name),
                bytes: artifact.bytes.clone(),
            });
        }
        // Its line of the history in each of the county's languages, linking to its files
        // in that language where it has them.
        let mut lines = Vec::new();
        for lang in langs {
            let labels = self.all_labels.resolve(lang);
            let mut line = summarize(version, status, &labels, lang, changes.is_some());
            let own = plan.region.languages.contains(lang);
            let suffix = if own {
                self.suffix(lang)
            } else {
                String::new()
            };
            line.page = format!("index{suffix}.html");
            line.pdf = if version.pdfs.contains_key(&format!("plan{suffix}.pdf")) {
                format!("plan{suffix}.pdf")
            } else {
                "plan.pdf".to_owned()
            };
            line.changes_page = format!("changes{suffix}.html");
            line.changes_pdf = format!("changes{suffix}.pdf");
            line.pdf_facts = version
                .pdfs
                .get(&line.pdf)
                .map(|b| pdf_facts(b, &labels))
                .unwrap_or_default();
            lines.push((lang.clone(), line));
        }
        Ok(lines)
    }

    /// The version switcher of a page in `lang`: (folder, "1.1 (voimassa)").
    fn switcher(&self, lang: &str) -> Vec<(String, String)> {
        let labels = self.all_labels.resolve(lang);
        self.pages
            .iter()
            .map(|(v, status, _)| {
                let state = match status {
                    Status::Approved => labels["in_force"].clone(),
                    other => labels[other.as_str()].to_lowercase(),
                };
                (v.dir.clone(), format!("{} ({state})", v.plan.meta.version))
            })
            .collect()
    }

    /// `""` for the site's main language, `".sv"` for another (the front page's files).
    fn site_suffix(&self, lang: &str) -> String {
        crate::render::suffix(lang, self.site_main)
    }

    /// `""` for the main language, `".sv"` for another.
    fn suffix(&self, lang: &str) -> String {
        crate::render::suffix(lang, self.main)
    }

    /// What changed from `prev` to `version`: the redline HTML and PDF in every language
    /// (`changes.html`, `changes.sv.pdf`).
    fn changes(
        &self,
        prev: &StoredVersion,
        version: &StoredVersion,
    ) -> Result<Vec<crate::render::Artifact>, Diagnostic> {
        // The breadcrumb of the version's own page, with this page at its end.
        let nav = |lang: &str, labels: &BTreeMap<String, String>| {
            let main = version.plan.region.main_lang();
            let label = |key: &str| labels.get(key).cloned().unwrap_or_default();
            vec![
                NavLink {
                    href: format!("../../index{}.html", self.site_suffix(lang)),
                    text: label("site_title"),
                },
                NavLink {
                    href: format!("../index{}.html", self.suffix(lang)),
                    text: version.plan.region.short_name.get(lang, main).to_owned(),
                },
                NavLink {
                    href: format!("index{}.html", self.suffix(lang)),
                    text: format!("{} {}", label("version"), version.plan.meta.version),
                },
            ]
        };
        crate::render::redlines(
            &prev.plan,
            &version.plan,
            &self.tset.template,
            self.all_labels,
            self.dirs,
            "changes",
            &nav,
        )
        .map_err(|mut diags| diags.remove(0))
    }

    /// The HTML page of `plan` in `lang`, with the site's navigation; the version in force
    /// also goes into the search index.
    fn language_page(
        &self,
        plan: &Plan,
        version: &StoredVersion,
        status: Status,
        lang: &str,
        has_changes: bool,
        index: &mut BTreeMap<String, Vec<IndexEntry>>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let suffix = self.suffix(lang);
        let page_labels = self.all_labels.resolve(lang);
        let doc = build_document(plan, &self.tset.template, &page_labels, lang);
        let banner = match (status, self.current) {
            (Status::Superseded, Some(cur)) => Some(fill(
                &page_labels["old_version_banner"],
                &version.plan.meta.version,
                &cur.plan.meta.version,
            )),
            (Status::Draft | Status::Proposed, Some(cur)) => Some(fill(
                &page_labels["draft_site_banner"],
                &version.plan.meta.version,
                &cur.plan.meta.version,
            )),
            // A county's first draft: nothing is in force yet, and there is no `current/`.
            (Status::Draft | Status::Proposed, None) => Some(fill(
                &page_labels["draft_site_banner_first"],
                &version.plan.meta.version,
                "",
            )),
            _ => None,
        };
        // A draft's banner is marked as the draft's (the page shows no second one).
        let banner_kind = match status {
            Status::Draft | Status::Proposed => "draft",
            _ => "old",
        };
        let other = plan.region.languages.iter().find(|l| *l != lang).map(|l| {
            let href = if l == self.main {
                "index.html".to_owned()
            } else {
                format!("index.{l}.html")
            };
            (l.clone(), href)
        });
        let pdf_name = format!("plan{suffix}.pdf");
        let pdf_href = if version.pdfs.contains_key(&pdf_name) {
            pdf_name.clone()
        } else {
            "plan.pdf".to_owned()
        };
        // An approved (or superseded) version is a record: the page says which PDF is it,
        // links the stored HTML, and says when its own layout is newer than the record's.
        let record = matches!(status, Status::Approved | Status::Superseded).then(|| {
            let html_name = format!("plan{suffix}.html");
            let stored = version.htmls.get(&html_name);
            json!({
                "pdf": pdf_href,
                "html": stored.map(|_| html_name.clone()),
                "same_layout": stored.is_some_and(|bytes| self.same_layout(version, plan, lang, &html_name, bytes)),
            })
        });
        let site = json!({
            "footer": footer("../../", &self.site_suffix(lang), &page_labels),
            "home": format!("../../index{}.html", self.site_suffix(lang)),
            "county_page": format!("../index{suffix}.html"),
            "banner": banner,
            "banner_kind": banner_kind,
            "record": record,
            "current_href": self.current.map(|_| format!("../current/index{suffix}.html")),
            "versions": self.switcher(lang).iter().map(|(dir, label)| json!({
                "label": label,
                "href": format!("../{dir}/index{suffix}.html"),
                "this": *dir == version.dir,
            })).collect::<Vec<_>>(),
            "pdf_facts": version.pdfs.get(&pdf_href).map(|b| pdf_facts(b, &page_labels)),
            "pdf_href": pdf_href,
            "changes_href": has_changes.then(|| format!("changes{suffix}.html")),
            "changes_pdf_href": has_changes.then(|| format!("changes{suffix}.pdf")),
            "other_language": other.as_ref().map(|(l, _)| l.clone()),
            "other_language_href": other.as_ref().map(|(_, h)| h.clone()),
        });
        // The version in force goes into the search index of each of its languages.
        if status == Status::Approved {
            index_sections(
                &doc,
                self.slug,
                &suffix,
                index.entry(lang.to_owned()).or_default(),
            );
        }
        Ok(render_html_in_site(&doc, self.dirs, "index.html", Some(&site))?.bytes)
    }

    /// Whether `version`'s page in `lang`, laid out now without the site's navigation, is
    /// byte for byte the HTML stored with it (`stored`, named `name`): when not, the layout
    /// (logo, labels, template) has changed since the record was made. `shown` is the plan
    /// as the site shows it (its change history filled from the store, as build fills it).
    fn same_layout(
        &self,
        version: &StoredVersion,
        shown: &Plan,
        lang: &str,
        name: &str,
        stored: &[u8],
    ) -> bool {
        let mut plan = version.plan.clone();
        plan.history = shown.history.clone();
        let labels = self.all_labels.resolve(lang);
        let doc = build_document(&plan, &self.tset.template, &labels, lang);
        crate::render::html::render_html(&doc, self.dirs, name)
            .is_ok_and(|page| page.bytes == stored)
    }

    /// The county's own page in `lang`: the version in force and the version history.
    fn county_page(
        &self,
        lang: &str,
        langs: &[String],
        name: &str,
        history: &[VersionSummary],
        current: &Option<VersionSummary>,
    ) -> Result<SiteFile, Diagnostic> {
        let mut newest_first = history.to_vec();
        newest_first.reverse();
        let css = self.dirs.find("style.css")?.text;
        let page = self.dirs.find("site-county.html.tera")?;
        let labels = self.all_labels.resolve(lang);
        let suffix = self.suffix(lang);
        let mut context = Context::new();
        context.insert("lang", lang);
        context.insert("labels", &labels);
        context.insert("css", &css);
        context.insert("name", name);
        context.insert("versions", &newest_first);
        context.insert("current", current);
        context.insert("home", &format!("../index{}.html", self.site_suffix(lang)));
        context.insert("footer", &footer("../", &self.site_suffix(lang), &labels));
        context.insert(
            "languages",
            &switch(self.tset, langs, lang, |l| {
                format!("index{}.html", self.suffix(l))
            }),
        );
        context.insert(
            "generator",
            &format!("rakeplan {}", env!("CARGO_PKG_VERSION")),
        );
        Ok(SiteFile {
            path: format!("{}/index{suffix}.html", self.slug),
            bytes: render_tera(&page.origin, &page.text, &context)?.into_bytes(),
        })
    }
}

/// The sections of the version in force, as entries of the site's search index.
fn index_sections(
    doc: &crate::document::Document,
    slug: &str,
    suffix: &str,
    index: &mut Vec<IndexEntry>,
) {
    for section in &doc.sections {
        let mut text = String::new();
        parts_text(&section.parts, &mut text);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        index.push(IndexEntry {
            county: doc.county.clone(),
            section: format!("{} {}", section.number, section.title),
            url: format!("{slug}/current/index{suffix}.html#{}", section.id),
            text_lower: text.to_lowercase(),
            text,
        });
    }
}

/// Fills `{version}` and `{current}` in a label.
fn fill(template: &str, version: &str, current: &str) -> String {
    template
        .replace("{version}", version)
        .replace("{current}", current)
}

/// Reads every county of the store, each version verified against its manifest. Any
/// problem (a damaged record, a stray folder, a name that cannot be a county's) refuses the
/// publish: the intranet shows the record exactly or not at all.
pub fn read_store(out: &Path) -> Result<Vec<CountyStore>, Vec<Diagnostic>> {
    let (slugs, mut problems) =
        store::list_store(out).map_err(|err| vec![crate::store::store_unreadable(out, &err)])?;
    let mut counties = Vec::new();
    for slug in slugs {
        let listing = store::list_county(out, &slug);
        problems.extend(listing.problems.iter().cloned());
        let mut records = Vec::new();
        let mut draft = None;
        let dirs = listing
            .versions
            .iter()
            .map(|(_, d)| d)
            .chain(listing.draft.iter());
        for dir in dirs {
            let stored = store::verify(dir, &slug).and_then(|record| {
                let plan = record.plan().map_err(|p| vec![p])?;
                Ok(stored_version(record, plan))
            });
            match stored {
                Ok(v) if v.dir == DRAFT_DIR => draft = Some(v),
                Ok(v) => records.push(v),
                Err(found) => problems.extend(found),
            }
        }
        // A draft of a version approved since (the planner's machine keeps the git-ignored
        // draft folder) is never published beside the version in force.
        let newest = records
            .iter()
            .filter_map(|r: &StoredVersion| crate::names::Version::parse(&r.plan.meta.version))
            .max();
        if draft.as_ref().is_some_and(|d: &StoredVersion| {
            crate::names::Version::parse(&d.plan.meta.version)
                .zip(newest.as_ref())
                .is_some_and(|(d, n)| d <= *n)
        }) {
            draft = None;
        }
        // An approved version a stored manifest or change log names must be there too.
        let stored: Vec<&StoredVersion> = records.iter().chain(draft.iter()).collect();
        let manifests: Vec<&store::Manifest> = stored.iter().map(|v| &v.manifest).collect();
        let plans: Vec<(String, &Plan)> = stored
            .iter()
            .map(|v| {
                let path = out.join(&slug).join(&v.dir).join("plan.json");
                (crate::fsread::display(&path), &v.plan)
            })
            .collect();
        let tracked = store::git_versions(out, &slug);
        problems.extend(store::missing_versions(
            out, &slug, &listing, &manifests, &plans, tracked,
        ));
        problems.extend(store::git_changed(out, &slug));
        if !records.is_empty() || draft.is_some() {
            counties.push(CountyStore {
                slug,
                records,
                draft,
            });
        }
    }
    if problems.is_empty() {
        Ok(counties)
    } else {
        Err(problems.iter().map(store::Problem::diagnostic).collect())
    }
}

fn stored_version(record: store::Record, plan: Plan) -> StoredVersion {
    let dir = record
        .dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    // The editions only: an approval packet stored beside them (`redline-1.0.pdf`) is
    // for the bodies that decide; the site makes its own what-changed pages.
    let edition = |name: &str, ext: &str| name.starts_with("plan.") && name.ends_with(ext);
    let (pdfs, rest): (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) = record
        .files
        .into_iter()
        .partition(|(name, _)| edition(name, ".pdf"));
    let htmls = rest
        .into_iter()
        .filter(|(n, _)| edition(n, ".html"))
        .collect();
    StoredVersion {
        dir,
        manifest: record.manifest,
        plan,
        pdfs,
        htmls,
    }
}
