//! The intranet site, built from the revision store: a front page of every county, a page
//! per county with its version history, every stored version as an HTML page with its PDF
//! and a "what changed" page against the version before it, and `current/` for the version
//! in force. Addresses are stable (`<slug>/<version>/`, section anchors are template ids),
//! links are relative and nothing is loaded from elsewhere. Returns files; writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::json;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::document::{Part, build_document};
use crate::load::TemplateSet;
use crate::model::{Plan, Status};
use crate::redline::NavLink;
use crate::render::TemplateDirs;
use crate::render::html::render_html_in_site;
use crate::store::Manifest;

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

/// Builds every page of the site.
pub fn build_site(
    counties: &[CountyStore],
    tset: &TemplateSet,
    regions: &Path,
) -> Result<Vec<SiteFile>, Diagnostic> {
    let mut files = Vec::new();
    let mut summaries = Vec::new();
    let mut index = Vec::new();
    let labels = tset.labels.resolve("fi");
    let national = TemplateDirs {
        region: None,
        national: tset.dir.join("templates"),
    };
    for county in counties {
        let dirs = TemplateDirs::for_county(&tset.dir, regions, &county.slug);
        summaries.push(county_files(county, tset, &dirs, &mut files, &mut index)?);
    }
    let css = national.find("style.css")?.text;
    let page = national.find("site-index.html.tera")?;
    let mut context = Context::new();
    context.insert("lang", "fi");
    context.insert("labels", &labels);
    context.insert("css", &css);
    context.insert("counties", &summaries);
    context.insert(
        "generator",
        &format!("rakeplan {}", env!("CARGO_PKG_VERSION")),
    );
    // The offline search: an index of the plans in force, loaded as a script so that it
    // works from file:// too, and a page that searches it.
    let mut script = b"window.RAKEPLAN_INDEX = ".to_vec();
    script.extend(serde_json::to_vec(&index).expect("index entries serialise"));
    script.extend(b";\n");
    files.push(SiteFile {
        path: "search-index.js".into(),
        bytes: script,
    });
    let search = national.find("site-search.html.tera")?;
    context.insert(
        "search_words",
        &json!({ "one": labels["search_hit_one"], "many": labels["search_hit_many"] }),
    );
    files.push(SiteFile {
        path: "search.html".into(),
        bytes: render_tera(&search.origin, &search.text, &context)?.into_bytes(),
    });
    files.push(SiteFile {
        path: "index.html".into(),
        bytes: render_tera(&page.origin, &page.text, &context)?.into_bytes(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
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

#[derive(Serialize)]
struct CountySummary {
    slug: String,
    name: String,
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
}

fn summarize(
    v: &StoredVersion,
    status: Status,
    labels: &BTreeMap<String, String>,
    changes: bool,
) -> VersionSummary {
    let main = v.plan.region.main_lang().to_owned();
    let approvals: Vec<String> = v
        .plan
        .meta
        .approvals
        .iter()
        .map(|a| a.line(&main, &main, labels))
        .collect();
    let summary = v
        .plan
        .meta
        .changelog
        .iter()
        .find(|c| c.version == v.plan.meta.version)
        .map(|c| c.summary.get(&main, &main).to_owned())
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
    }
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
    files: &mut Vec<SiteFile>,
    index: &mut Vec<IndexEntry>,
) -> Result<CountySummary, Diagnostic> {
    let slug = &county.slug;
    let current = county.records.last();
    let pages = version_pages(county);
    let main = county
        .draft
        .as_ref()
        .or(current)
        .map(|v| v.plan.region.main_lang().to_owned())
        .unwrap_or_else(|| "fi".into());
    let all_labels = dirs.labels(&tset.labels)?;
    let labels = all_labels.resolve(&main);
    let switcher: Vec<(String, String)> = pages
        .iter()
        .map(|(v, status, _)| {
            let state = match status {
                Status::Approved => labels["in_force"].clone(),
                other => labels[other.as_str()].to_lowercase(),
            };
            (v.dir.clone(), format!("{} ({state})", v.plan.meta.version))
        })
        .collect();
    let cx = CountyCx {
        slug,
        tset,
        dirs,
        main: &main,
        all_labels: &all_labels,
        labels: &labels,
        switcher: &switcher,
        current,
        records: &county.records,
    };
    let mut history = Vec::new();
    for (version, status, previous) in &pages {
        history.push(cx.version_files(version, *status, *previous, files, index)?);
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
    let name = county
        .draft
        .as_ref()
        .or(current)
        .map(|v| v.plan.region.name.get(&main, &main).to_owned())
        .unwrap_or_else(|| slug.clone());
    let current_summary = current.map(|_| history[county.records.len() - 1].clone());
    files.push(cx.county_page(&name, &history, &current_summary)?);
    Ok(CountySummary {
        slug: slug.clone(),
        name,
        current: current_summary,
        draft: county
            .draft
            .as_ref()
            .map(|_| history.last().cloned().expect("the draft has a summary")),
    })
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
    /// National labels with the county's own laid over them.
    all_labels: &'a crate::template::Labels,
    /// Those labels in the main language.
    labels: &'a BTreeMap<String, String>,
    /// The version switcher: (folder, "1.1 (voimassa)").
    switcher: &'a [(String, String)],
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
        files: &mut Vec<SiteFile>,
        index: &mut Vec<IndexEntry>,
    ) -> Result<VersionSummary, Diagnostic> {
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
        for (name, bytes) in &version.pdfs {
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
        Ok(summarize(version, status, self.labels, changes.is_some()))
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
                    href: "../../index.html".to_owned(),
                    text: label("site_title"),
                },
                NavLink {
                    href: "../index.html".to_owned(),
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
        index: &mut Vec<IndexEntry>,
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
        let site = json!({
            "home": "../../index.html",
            "county_page": "../index.html",
            "banner": banner,
            "current_href": self.current.map(|_| "../current/index.html"),
            "versions": self.switcher.iter().map(|(dir, label)| json!({
                "label": label,
                "href": format!("../{dir}/index{suffix}.html"),
                "this": *dir == version.dir,
            })).collect::<Vec<_>>(),
            "pdf_href": pdf_href,
            "changes_href": has_changes.then(|| format!("changes{suffix}.html")),
            "changes_pdf_href": has_changes.then(|| format!("changes{suffix}.pdf")),
            "other_language": other.as_ref().map(|(l, _)| l.clone()),
            "other_language_href": other.as_ref().map(|(_, h)| h.clone()),
        });
        if status == Status::Approved && lang == self.main {
            index_sections(&doc, self.slug, index);
        }
        Ok(render_html_in_site(&doc, self.dirs, "index.html", Some(&site))?.bytes)
    }

    /// The county's own page: the version in force and the version history.
    fn county_page(
        &self,
        name: &str,
        history: &[VersionSummary],
        current: &Option<VersionSummary>,
    ) -> Result<SiteFile, Diagnostic> {
        let mut newest_first = history.to_vec();
        newest_first.reverse();
        let css = self.dirs.find("style.css")?.text;
        let page = self.dirs.find("site-county.html.tera")?;
        let mut context = Context::new();
        context.insert("lang", self.main);
        context.insert("labels", self.labels);
        context.insert("css", &css);
        context.insert("name", name);
        context.insert("versions", &newest_first);
        context.insert("current", current);
        context.insert(
            "generator",
            &format!("rakeplan {}", env!("CARGO_PKG_VERSION")),
        );
        Ok(SiteFile {
            path: format!("{}/index.html", self.slug),
            bytes: render_tera(&page.origin, &page.text, &context)?.into_bytes(),
        })
    }
}

/// The sections of the version in force, as entries of the site's search index.
fn index_sections(doc: &crate::document::Document, slug: &str, index: &mut Vec<IndexEntry>) {
    for section in &doc.sections {
        let mut text = String::new();
        parts_text(&section.parts, &mut text);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        index.push(IndexEntry {
            county: doc.county.clone(),
            section: format!("{} {}", section.number, section.title),
            url: format!("{slug}/current/index.html#{}", section.id),
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
