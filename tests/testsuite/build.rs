//! `rakeplan build` on the example counties: every county builds, and the PDF and HTML hold
//! what an approval body and intranet readers expect.

use crate::support::{
    Workspace, collapse, pdf_fonts, pdf_info, pdf_lines, pdf_pages, pdf_text, pdf_words,
};

/// County, the folder its worktree builds into (a version, or `draft`), how `build` names
/// the version, the county's name and its main language (that of `plan.pdf` and `plan.html`).
const COUNTIES: [(&str, &str, &str, &str, &str); 4] = [
    (
        "kainuu",
        "draft",
        "1.2 (draft)",
        "Kainuun hyvinvointialue",
        "fi",
    ),
    (
        "keski-pohjanmaa",
        "draft",
        "1.1 (draft)",
        "Keski-Pohjanmaan hyvinvointialue",
        "fi",
    ),
    (
        "keski-suomi",
        "1.0",
        "1.0 (approved)",
        "Keski-Suomen hyvinvointialue",
        "fi",
    ),
    (
        "pohjanmaa",
        "draft",
        "1.1 (draft)",
        "Österbottens välfärdsområde",
        "sv",
    ),
];

/// The template's title and section titles in one language, read from the template so the
/// test follows it.
fn titles(lang: &str) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(crate::support::repo().join("plan-template/template.yaml"))
        .unwrap();
    let template: rakeplan::template::Template = serde_saphyr::from_str(&text).unwrap();
    let sections = template
        .sections
        .iter()
        .map(|s| s.title.get(lang, lang).to_owned())
        .collect();
    (template.title.get(lang, lang).to_owned(), sections)
}

/// The words of the table of contents and of "page" in a plan of `lang`.
fn toc_and_page(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "sv" => ("Innehållsförteckning", "sida"),
        _ => ("Sisällysluettelo", "sivu"),
    }
}

#[test]
fn builds_every_example_county_into_the_store() {
    let ws = Workspace::with_examples();
    let run = ws.run(&["build"]).expect(0);
    for (slug, version, shown, county, lang) in COUNTIES {
        let (plan_title, section_titles) = titles(lang);
        let (toc, page) = toc_and_page(lang);
        assert!(
            run.stdout.contains(&format!("{slug} {shown}")),
            "{}",
            run.stdout
        );
        let dir = ws.path(&format!("output/{slug}/{version}"));
        for file in ["plan.pdf", "plan.html", "plan.json", "manifest.json"] {
            assert!(dir.join(file).is_file(), "{slug}: {file} missing");
        }

        let pdf = dir.join("plan.pdf");
        let text = pdf_text(&pdf);
        // On the cover itself (the first page), not merely somewhere in the file.
        let cover = crate::support::collapse(&crate::support::poppler(
            "pdftotext",
            &["-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"],
        ));
        assert!(
            cover.contains(county),
            "{slug}: county name missing from the cover"
        );
        assert!(
            text.contains(&collapse(&plan_title)),
            "{slug}: title missing"
        );
        assert!(text.contains(toc), "{slug}: table of contents missing");
        assert!(
            text.contains(&format!("{page} 2 / {}", pdf_pages(&pdf))),
            "{slug}: page X / Y missing"
        );
        for title in &section_titles {
            assert!(
                text.contains(&collapse(title)),
                "{slug}: section \"{title}\" missing from the PDF"
            );
        }

        let info = pdf_info(&pdf);
        assert!(
            info.contains("Title:") && info.contains(county),
            "{slug}: {info}"
        );
        assert!(
            info.contains(&format!("Author:          {county}")),
            "{slug}: {info}"
        );
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{slug}: {info}"
        );
        let pages = pdf_pages(&pdf);
        // Kainuu's 26 include six indicator charts.
        assert!((15..=30).contains(&pages), "{slug}: {pages} pages");

        let fonts = pdf_fonts(&pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "{slug}: font not embedded: {row}");
        }

        let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
        assert!(
            html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")),
            "{slug}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{slug}: one h1");
        assert!(html.contains("<main id=\"content\">"));
        assert!(html.contains(county));
        for title in &section_titles {
            assert!(
                html.contains(title),
                "{slug}: section \"{title}\" missing from the HTML"
            );
        }
        assert!(html.contains("<caption id=") && html.contains("<th scope=\"col\">"));
        for external in ["<script", "<link", "src=\"http", "@import", "url("] {
            assert!(
                !html.contains(external),
                "{slug}: HTML loads something: {external}"
            );
        }
    }
}

#[test]
fn bilingual_county_gets_a_swedish_edition() {
    let ws = Workspace::with_examples();
    // The example is translated throughout: a passage written only in Finnish.
    ws.write(
        "regions/keski-pohjanmaa/sections/approval.yaml",
        "text: |\n  Vain suomeksi kirjoitettu kappale.\n",
    );
    ws.run(&["build", "keski-pohjanmaa"]).expect(0);
    let dir = ws.path("output/keski-pohjanmaa/draft");
    let text = pdf_text(&dir.join("plan.sv.pdf"));
    assert!(text.contains("Genomförandeplan för strukturellt socialt arbete"));
    assert!(text.contains("Innehållsförteckning"));
    assert!(text.contains("Mellersta Österbottens välfärdsområde"));
    let html = std::fs::read_to_string(dir.join("plan.sv.html")).unwrap();
    assert!(html.contains("<html lang=\"sv\">"));
    // Passages written only in Finnish are marked as Finnish inside the Swedish page.
    assert!(
        html.contains("<div lang=\"fi\">"),
        "Finnish passages are not marked"
    );
    assert!(
        html.contains("<td lang=\"fi\">") || html.contains("<th scope=\"row\" lang=\"fi\">"),
        "Finnish table cells are not marked"
    );
    // Numbers, years and percentages ("15 %", "2026–2027") are no language's: not tagged.
    for tagged in html.split("lang=\"fi\">").skip(1) {
        let text = &tagged[..tagged.find('<').unwrap_or(tagged.len())];
        assert!(
            text.trim().is_empty() || text.chars().any(char::is_alphabetic),
            "{text:?} is tagged as Finnish"
        );
    }
    let fi = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert!(
        !fi.contains("<div lang="),
        "the Finnish edition marks nothing"
    );
}

#[test]
fn builds_are_reproducible_byte_for_byte() {
    let first = Workspace::with_examples();
    first.run(&["build"]).expect(0);
    let second = Workspace::with_examples();
    second.run(&["build"]).expect(0);
    assert_eq!(first.output_hashes(), second.output_hashes());
    // Rebuilding in place changes nothing and says so.
    let again = first.run(&["build"]).expect(0);
    assert!(
        again.stdout.contains("unchanged: keski-suomi 1.0"),
        "{}",
        again.stdout
    );
}

#[test]
fn approved_version_is_never_overwritten_with_other_content() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let before = ws.output_hashes();
    let path = ws.path("regions/keski-suomi/sections/goals.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("text: |", "text: |\n  Lisätty virke.\n", 1),
    )
    .unwrap();
    let run = ws.run(&["build", "keski-suomi"]).expect(1);
    assert!(
        run.stderr.contains("`rakeplan next keski-suomi`"),
        "{}",
        run.stderr
    );
    assert_eq!(before, ws.output_hashes());
    // The hint works: the edit goes into the next version, the record stays.
    ws.run(&["next", "keski-suomi"]).expect(0);
    ws.run(&["build", "keski-suomi"]).expect(0);
    let draft = std::fs::read_to_string(ws.path("output/keski-suomi/draft/plan.html")).unwrap();
    assert!(draft.contains("Lisätty virke."));
    ws.run(&["verify", "keski-suomi"]).expect(0);
}

#[test]
fn draft_is_marked_on_every_page_and_in_the_html() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "kainuu"]).expect(0);
    let dir = ws.path("output/kainuu/draft");
    let pdf = dir.join("plan.pdf");
    let pages = pdf_pages(&pdf);
    for page in 1..=pages {
        let out = std::process::Command::new("pdftotext")
            .args([
                "-raw",
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                pdf.to_str().unwrap(),
                "-",
            ])
            .output()
            .unwrap();
        let text: String = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect();
        assert!(text.contains("LUONNOS"), "page {page} has no draft mark");
    }
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert!(html.contains("class=\"banner banner-draft\""));
    assert!(html.contains("LUONNOS"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["status"], "draft");
    assert_eq!(manifest["version"], "1.2");
}

/// Table columns are at least as wide as their longest word: a month range in the
/// reporting cycle and an action's id (shown in monospace) stay on one line, also in tables
/// whose longest words do not all fit, where the columns of running text give up the room.
#[test]
fn short_table_cells_are_never_broken() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "kainuu"]).expect(0);
    let lines = pdf_lines(&ws.path("output/kainuu/draft/plan.pdf"));
    for whole in [
        "tammikuu–helmikuu",
        "huhtikuu–toukokuu",
        "tt-seurantataulukko",
        "tt-hyvinvointikertomus",
    ] {
        assert!(
            lines.iter().any(|l| l == whole),
            "{whole} is broken across lines:\n{}",
            lines
                .iter()
                .filter(|l| whole.starts_with(l.trim_end_matches('-')) && !l.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Nothing a county council reads runs off the page or over other text: in every example
/// PDF, in every language, no word ends past the right margin (punctuation and hyphens may
/// hang into it by a hair, as typst sets them) and no two words of a line overlap, as table
/// headers did when their columns were squeezed below the headers' width.
#[test]
fn no_word_runs_past_the_margin_or_over_another() {
    let ws = Workspace::with_examples();
    ws.run(&["build"]).expect(0);
    let pdfs: Vec<_> = walkdir::WalkDir::new(ws.path("output"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("plan") && name.ends_with(".pdf")
        })
        .collect();
    assert!(pdfs.len() >= 4, "{pdfs:?}");
    // The draft mark, drawn large and turned, reads as single letters.
    let mark = |w: &str| w.len() <= 7 && w.chars().all(|c| "LUONSTKA".contains(c));
    for pdf in &pdfs {
        let words: Vec<_> = pdf_words(pdf)
            .into_iter()
            .filter(|w| !mark(&w.text))
            .collect();
        let margin = 2.4 / 2.54 * 72.0;
        for w in &words {
            assert!(
                w.x1 <= w.page_width - margin + 3.0,
                "{}: \"{}\" on page {} runs past the margin ({:.1} pt)",
                pdf.display(),
                w.text,
                w.page,
                w.x1 - (w.page_width - margin)
            );
        }
        let mut lines: std::collections::BTreeMap<(usize, i64), Vec<&crate::support::Word>> =
            Default::default();
        for w in &words {
            lines
                .entry((w.page, w.y0.round() as i64))
                .or_default()
                .push(w);
        }
        for line in lines.values_mut() {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            for pair in line.windows(2) {
                assert!(
                    pair[0].x1 <= pair[1].x0 + 0.5,
                    "{}: \"{}\" and \"{}\" overlap on page {}",
                    pdf.display(),
                    pair[0].text,
                    pair[1].text,
                    pair[0].page
                );
            }
        }
    }
}

#[test]
fn county_logo_goes_on_the_cover_and_into_the_page() {
    let ws = Workspace::with_examples();
    ws.write(
        "regions/keski-suomi/templates/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"60\" height=\"60\"><rect width=\"60\" height=\"60\" fill=\"#1d4f73\"/></svg>",
    );
    ws.run(&["build", "keski-suomi"]).expect(0);
    let dir = ws.path("output/keski-suomi/1.0");
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert!(
        html.contains("<img class=\"logo\" src=\"data:image/svg+xml;base64,"),
        "logo missing"
    );
    assert!(html.contains("alt=\"Keski-Suomen hyvinvointialue\""));
    // The tagged PDF carries the logo as a figure with its alternative text.
    let tags = std::process::Command::new("pdfinfo")
        .args(["-struct-text", dir.join("plan.pdf").to_str().unwrap()])
        .output()
        .unwrap();
    let tags = String::from_utf8_lossy(&tags.stdout);
    assert!(tags.contains("Figure"), "no figure in the structure tree");
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"regions/keski-suomi/templates/logo.svg\""),
        "{manifest}"
    );
}

#[test]
fn county_labels_replace_the_national_ones_key_by_key() {
    let ws = Workspace::with_examples();
    ws.write(
        "regions/keski-suomi/templates/labels.yaml",
        "contents: {fi: Sisältö, sv: Innehåll}\n",
    );
    ws.run(&["build", "keski-suomi"]).expect(0);
    let text = pdf_text(&ws.path("output/keski-suomi/1.0/plan.pdf"));
    assert!(
        text.contains("Sisältö") && !text.contains("Sisällysluettelo"),
        "label not replaced"
    );
    assert!(text.contains("Versio"), "other labels stay national");

    ws.write(
        "regions/keski-suomi/templates/labels.yaml",
        "contents: {fi: Sisältö\n",
    );
    std::fs::remove_dir_all(ws.path("output")).unwrap();
    let run = ws.run(&["build", "keski-suomi"]).expect(2);
    assert!(
        run.stderr
            .contains("regions/keski-suomi/templates/labels.yaml:"),
        "{}",
        run.stderr
    );
    assert!(!ws.path("output/keski-suomi").exists());
}

#[test]
fn watch_rebuilds_when_a_file_changes() {
    use std::time::{Duration, Instant};
    let ws = Workspace::with_examples();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rakeplan"))
        .args(["watch", "kainuu", "--max-builds", "2"])
        .current_dir(&ws.root)
        .env("LANG", "C")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let manifest = ws.path("output/kainuu/draft/manifest.json");
    let deadline = Instant::now() + Duration::from_secs(120);
    while !manifest.exists() {
        assert!(Instant::now() < deadline, "the first build did not finish");
        std::thread::sleep(Duration::from_millis(100));
    }
    let goals = ws.path("regions/kainuu/sections/goals.yaml");
    let text = std::fs::read_to_string(&goals).unwrap();
    std::fs::write(
        &goals,
        text.replacen(
            "Strategian keskeinen lupaus",
            "Strategian tärkein lupaus",
            1,
        ),
    )
    .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("watch did not rebuild after the edit");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        pdf_text(&ws.path("output/kainuu/draft/plan.pdf")).contains("Strategian tärkein lupaus")
    );
}
