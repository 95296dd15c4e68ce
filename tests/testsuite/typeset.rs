//! Typesetting a reader checks (issue 23) and the language of parts (issue 20), on the
//! example counties: bookmarks read "8.1 Tietotyö" (number, space, title); a bold line that
//! serves as a heading is one (HTML `<h3>`/`<h4>`, a PDF bookmark); no table keeps a column
//! no row fills; a Markdown table is captioned by its own bold line or not at all, never by
//! the section's title; the PDF title names the version; captions sit in their table's
//! structure element; no part of a PDF is tagged with a language the county does not write
//! (typst tags code English unless told); the Swedish redline tags Finnish deleted text
//! Finnish, in the PDF and the HTML. `scripts/typeset-measure.py` prints the figures.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{Workspace, pdf_info, repo};

/// A PDF's objects as qpdf's JSON gives them.
struct PdfJson(Value);

impl PdfJson {
    fn read(pdf: &Path) -> Self {
        let out = Command::new("qpdf")
            .args(["--json", "--decode-level=none"])
            .arg(pdf)
            .output()
            .expect("qpdf is installed (scripts/test.sh installs it)");
        PdfJson(serde_json::from_slice(&out.stdout).unwrap())
    }
    fn objects(&self) -> &serde_json::Map<String, Value> {
        self.0["qpdf"][1].as_object().unwrap()
    }
    /// The structure elements, by their object reference ("12 0 R").
    fn elements(&self) -> Vec<(String, &serde_json::Map<String, Value>)> {
        self.objects()
            .iter()
            .filter_map(|(k, v)| {
                let val = v.get("value")?.as_object()?;
                (val.contains_key("/S") && val.contains_key("/P"))
                    .then(|| (k.trim_start_matches("obj:").to_owned(), val))
            })
            .collect()
    }
    /// Every bookmark title, depth first.
    fn bookmarks(&self) -> Vec<String> {
        fn walk(v: &Value, out: &mut Vec<String>) {
            for o in v.as_array().into_iter().flatten() {
                out.push(pdf_string(&o["title"]));
                walk(&o["kids"], out);
            }
        }
        let mut out = Vec::new();
        walk(&self.0["outlines"], &mut out);
        out
    }
}

/// A PDF string as qpdf writes it in JSON: `u:` text, or `b:` hex bytes (UTF-16 with a BOM).
fn pdf_string(v: &Value) -> String {
    let s = v.as_str().unwrap_or_default();
    if let Some(t) = s.strip_prefix("u:") {
        return t.to_owned();
    }
    if let Some(hex) = s.strip_prefix("b:") {
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).unwrap())
            .collect();
        if bytes.starts_with(&[0xfe, 0xff]) {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            return String::from_utf16_lossy(&units);
        }
        return bytes.iter().map(|b| *b as char).collect();
    }
    s.to_owned()
}

/// The languages of every text run tagged in the page content (`/Lang(fi)`), from qpdf's
/// uncompressed rewrite of the file.
fn content_langs(pdf: &Path) -> BTreeSet<String> {
    let out = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    text.split("/Lang")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().strip_prefix('(')?;
            Some(rest[..rest.find(')')?].to_owned())
        })
        .collect()
}

/// The languages a county writes, from its region.yaml (`languages: [fi, sv]`).
fn county_languages(ws: &Workspace, slug: &str) -> BTreeSet<String> {
    let region = std::fs::read_to_string(ws.path(&format!("regions/{slug}/region.yaml"))).unwrap();
    let line = region
        .lines()
        .find(|l| l.starts_with("languages:"))
        .unwrap();
    line.trim_start_matches("languages:")
        .trim()
        .trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|l| l.trim().to_owned())
        .collect()
}

/// Every file under `dir` whose name starts with `plan` and ends with `ext`.
fn plan_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_owned())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("plan") && name.ends_with(ext)
        })
        .collect()
}

/// Whether `title` runs a section number into its words ("3Tavoitteet").
fn runs_in(title: &str) -> bool {
    let number: String = title
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    !number.is_empty()
        && title[number.len()..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace())
}

/// The texts between `open` and `close`, in order.
fn all_between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .map(|rest| &rest[..rest.find(close).unwrap_or(rest.len())])
        .collect()
}

/// The text of an HTML fragment without its tags.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[test]
fn plans_read_as_typeset_documents() {
    let ws = Workspace::with_examples();
    ws.run(&["build"]).expect(0);
    let pdfs = plan_files(&ws.path("output"), ".pdf");
    assert!(pdfs.len() >= 5, "{pdfs:?}");
    for pdf in &pdfs {
        let rel = pdf.strip_prefix(ws.path("output")).unwrap();
        let slug = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let json = PdfJson::read(pdf);

        // Bookmarks: every section and subsection, number and title apart.
        let marks = json.bookmarks();
        assert!(marks.len() >= 13, "{rel:?}: {marks:?}");
        let run_in: Vec<&String> = marks.iter().filter(|t| runs_in(t)).collect();
        assert!(run_in.is_empty(), "{rel:?}: {run_in:?}");
        assert!(
            marks.iter().any(|t| t.starts_with("1 ")),
            "{rel:?}: {marks:?}"
        );

        // The window title tells versions apart.
        let info = pdf_info(pdf);
        let title = info
            .lines()
            .find(|l| l.starts_with("Title:"))
            .unwrap_or_default();
        assert!(
            title.contains("Versio ") || title.contains("Version "),
            "{rel:?}: {title}"
        );

        // Structure: a table's caption inside its Table; a picture's beside its Figure.
        let elements = json.elements();
        let by_ref: std::collections::HashMap<&str, &serde_json::Map<String, Value>> =
            elements.iter().map(|(r, e)| (r.as_str(), *e)).collect();
        let kinds_under = |e: &serde_json::Map<String, Value>| -> Vec<String> {
            let kids = match &e["/K"] {
                Value::Array(a) => a.clone(),
                other => vec![other.clone()],
            };
            kids.iter()
                .filter_map(|k| by_ref.get(k.as_str()?))
                .map(|k| k["/S"].as_str().unwrap_or_default().to_owned())
                .collect()
        };
        for (_, e) in &elements {
            if e["/S"] != "/Caption" {
                continue;
            }
            let parent = by_ref[e["/P"].as_str().unwrap()];
            let ok = parent["/S"] == "/Table" || kinds_under(parent).iter().any(|k| k == "/Figure");
            assert!(ok, "{rel:?}: a caption in {:?}", parent["/S"]);
        }

        // Language of parts: nothing in a language the county does not write.
        let languages = county_languages(&ws, &slug);
        let mut tagged: BTreeSet<String> = elements
            .iter()
            .filter_map(|(_, e)| e.get("/Lang").map(pdf_string))
            .collect();
        tagged.extend(content_langs(pdf));
        for lang in &tagged {
            assert!(
                languages.contains(lang.split('-').next().unwrap()),
                "{rel:?} has a part tagged {lang}; the county writes {languages:?}"
            );
        }
    }

    // Kainuu writes its subheadings as bold lines: they are headings in the HTML and
    // bookmarks in the PDF, and no paragraph is bold text alone before its content.
    let html = std::fs::read_to_string(ws.path("output/kainuu/draft/plan.html")).unwrap();
    assert!(
        html.contains("<h3>Väestö ja aluerakenne</h3>"),
        "the bold line is not a heading"
    );
    let bold_only = all_between(&html, "<p><strong>", "</p>")
        .into_iter()
        .filter(|p| p.ends_with("</strong>") && !p[..p.len() - 9].contains('<'))
        .count();
    assert_eq!(bold_only, 0, "paragraphs of bold text alone are left");
    let marks = PdfJson::read(&ws.path("output/kainuu/draft/plan.pdf")).bookmarks();
    assert!(
        marks.iter().any(|t| t == "Väestö ja aluerakenne"),
        "{marks:?}"
    );

    // The site says how long and how big a PDF is before the reader opens it.
    ws.run(&["publish"]).expect(0);
    let county = std::fs::read_to_string(ws.path("output/site/keski-suomi/index.html")).unwrap();
    let facts = county
        .split("<a href=\"current/plan.pdf\">PDF</a>, ")
        .nth(1)
        .unwrap_or_else(|| panic!("no PDF facts on the county page"));
    let facts = &facts[..facts.find('<').unwrap()];
    assert!(facts.contains(" s., ") && facts.ends_with(" kt"), "{facts}");

    for html_path in plan_files(&ws.path("output"), ".html") {
        let html = std::fs::read_to_string(&html_path).unwrap();
        // A Markdown table is never captioned with its section's title.
        let titles: Vec<String> = all_between(&html, "<h2 id=\"", "</h2>")
            .into_iter()
            .filter_map(|h| h.split("</span>").nth(1).map(|t| t.trim().to_owned()))
            .collect();
        for table in all_between(&html, "<table class=\"md\">", "</table>") {
            if let Some(caption) = all_between(table, "<caption>", "</caption>").first() {
                let caption = strip_tags(caption);
                for t in &titles {
                    assert!(
                        !caption.ends_with(&format!(". {t}")),
                        "{html_path:?}: a Markdown table captioned with its section's title: {caption}"
                    );
                }
            }
        }
        // No plan table keeps a column that no row fills.
        for table in all_between(&html, "<table class=\"plan-table", "</table>") {
            let body = table.split("<tbody>").nth(1).unwrap_or_default();
            let rows: Vec<Vec<String>> = all_between(body, "<tr>", "</tr>")
                .into_iter()
                .map(|r| {
                    r.split("<t")
                        .skip(1)
                        .filter(|c| c.starts_with('d') || c.starts_with('h'))
                        .map(|c| strip_tags(&format!("<t{c}")))
                        .collect()
                })
                .collect();
            let n = rows.iter().map(Vec::len).max().unwrap_or(0);
            for i in 0..n {
                assert!(
                    rows.iter().any(|r| r.get(i).is_some_and(|c| !c.is_empty())),
                    "{html_path:?}: column {i} of a table is empty in every row"
                );
            }
        }
    }
}

#[test]
fn swedish_redline_tags_finnish_text_finnish() {
    let ws = Workspace::with_examples();
    // The stored approved version, as the record keeps it.
    let from = repo().join("output/keski-pohjanmaa");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&from).unwrap();
        if rel.starts_with("draft") {
            continue;
        }
        let to = ws.path("output/keski-pohjanmaa").join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let html = ws.path("redline.sv.html");
    let pdf = ws.path("redline.sv.pdf");
    for (format, out) in [("html", &html), ("pdf", &pdf)] {
        let run = ws.run(&[
            "diff",
            "keski-pohjanmaa",
            "1.0",
            "worktree",
            "--doc-lang",
            "sv",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    }
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<html lang=\"sv\""));
    // Texts written only in Finnish before the Swedish translation came: their deletion is
    // Finnish; the Swedish insertions take the page's language.
    assert!(
        page.contains("<del lang=\"fi\">"),
        "no Finnish deletion tagged"
    );
    assert!(!page.contains("<ins lang=\"fi\">"));
    let langs = content_langs(&pdf);
    assert!(langs.contains("fi"), "{langs:?}");
    assert!(langs.iter().all(|l| l == "fi" || l == "sv"), "{langs:?}");
}
