//! Translations are complete or visibly not: in a county with languages [fi, sv], a text key
//! that is no language is an error with a "did you mean"; a text missing one of the county's
//! languages is a warning in a draft, shown in the edition in another language and marked,
//! and an error once the version is proposed.

use crate::support::{Workspace, pdf_text};

const COMMUNICATION: &str = "regions/keski-pohjanmaa/sections/communication.yaml";

/// Keski-Pohjanmaa's communication text written in Swedish only.
fn swedish_only(ws: &Workspace) {
    let text = std::fs::read_to_string(ws.path(COMMUNICATION)).unwrap();
    let (fi, sv) = (text.find("  fi: |").unwrap(), text.find("  sv: |").unwrap());
    assert!(fi < sv);
    ws.write(COMMUNICATION, &format!("{}{}", &text[..fi], &text[sv..]));
}

#[test]
fn a_misspelt_language_key_is_an_error_with_a_suggestion() {
    let ws = Workspace::with_examples();
    ws.edit(COMMUNICATION, "  fi: |", "  fn: |");
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(1);
    assert!(
        run.stderr
            .contains("\"fn\" is not one of the county's languages (fi, sv)")
            && run.stderr.contains("did you mean \"fi\"?")
            && run.stderr.contains("communication.yaml:4:3"),
        "{}",
        run.stderr
    );
    // In Finnish too.
    let run = ws
        .run(&["--lang", "fi", "check", "keski-pohjanmaa"])
        .expect(1);
    assert!(
        run.stderr.contains("\"fn\" ei ole alueen kieliä (fi, sv)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_text_missing_a_language_is_a_warning_in_a_draft_and_marked_in_its_edition() {
    let ws = Workspace::with_examples();
    swedish_only(&ws);
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(0);
    assert!(
        run.stderr
            .contains("warning: this text has no Finnish version (`fi:`)"),
        "{}",
        run.stderr
    );
    ws.run(&["build", "keski-pohjanmaa"]).expect(0);
    let draft = ws.path("output/keski-pohjanmaa/draft");
    // The Finnish edition shows the Swedish text marked, tagged as Swedish.
    let pdf = crate::support::collapse(&pdf_text(&draft.join("plan.pdf")));
    assert!(
        pdf.contains("Tätä tekstiä ei ole vielä käännetty tälle kielelle"),
        "{pdf}"
    );
    let html = std::fs::read_to_string(draft.join("plan.html")).unwrap();
    let note = html
        .find("Tätä tekstiä ei ole vielä käännetty")
        .expect("the Finnish page marks the untranslated text");
    assert!(html[note..].contains("<div lang=\"sv\">"), "{html}");
    // The Swedish edition has its own text and no mark.
    let sv = std::fs::read_to_string(draft.join("plan.sv.html")).unwrap();
    assert!(!sv.contains("har ännu inte översatts"), "{sv}");
}

#[test]
fn a_proposed_version_must_be_translated_whole() {
    let ws = Workspace::with_examples();
    swedish_only(&ws);
    ws.edit(
        "regions/keski-pohjanmaa/plan.yaml",
        "status: draft",
        "status: proposed",
    );
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(1);
    assert!(
        run.stderr
            .contains("error: this text has no Finnish version (`fi:`)"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_site_is_published_in_every_language_its_counties_write() {
    let ws = Workspace::with_examples();
    std::fs::create_dir_all(ws.path("output")).unwrap();
    for entry in walkdir::WalkDir::new(crate::support::repo().join("output")) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(crate::support::repo())
            .unwrap()
            .to_owned();
        if rel.starts_with("output/site") || rel.to_string_lossy().contains("/draft") {
            continue;
        }
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(ws.path(&rel.to_string_lossy())).unwrap();
        } else {
            std::fs::copy(entry.path(), ws.path(&rel.to_string_lossy())).unwrap();
        }
    }
    ws.run(&["build"]).expect(0);
    ws.run(&["publish"]).expect(0);
    let read = |rel: &str| std::fs::read_to_string(ws.path(&format!("output/site/{rel}"))).unwrap();
    // The Swedish front page: Swedish words, every county, Swedish names where they have
    // them, links to the Swedish pages of the counties that publish in Swedish.
    let front = read("index.sv.html");
    assert!(front.contains("<html lang=\"sv\""), "{front}");
    assert!(front.contains("Genomförandeplaner för strukturellt socialt arbete"));
    assert!(
        front.contains("href=\"keski-pohjanmaa/index.sv.html\""),
        "{front}"
    );
    assert!(front.contains("href=\"pohjanmaa/index.html\""), "{front}");
    assert!(front.contains("href=\"index.html\" lang=\"fi\""), "{front}");
    assert!(!front.contains("Voimassa oleva versio"), "{front}");
    // The Swedish search index holds the Swedish editions.
    let index = read("search-index.sv.js");
    assert!(index.to_lowercase().contains("årsklocka"), "no årsklocka");
    assert!(read("search.sv.html").contains("search-index.sv.js"));
    // Pages of a Swedish edition lead back to the Swedish front page and county page, and
    // the version switch speaks Swedish.
    let page = read("pohjanmaa/1.0/index.html");
    assert!(
        page.contains("../../index.sv.html") || page.contains("..&#x2F;..&#x2F;index.sv.html"),
        "{page}"
    );
    assert!(
        !page.contains("(voimassa)") && !page.contains("(luonnos)"),
        "{page}"
    );
    let county = read("pohjanmaa/index.html");
    assert!(county.contains("<html lang=\"sv\""), "{county}");
    assert!(!county.contains("Versiohistoria"), "{county}");
    // Its Finnish county page exists and speaks Finnish.
    let fi = read("pohjanmaa/index.fi.html");
    assert!(
        fi.contains("<html lang=\"fi\"") && fi.contains("Versiohistoria"),
        "{fi}"
    );
}

#[test]
fn a_label_missing_from_a_local_labels_file_comes_from_the_built_in_one() {
    let ws = Workspace::with_examples();
    // A repository's labels.yaml exported before `redline_not_handled` existed.
    let labels = std::fs::read_to_string(ws.path("plan-template/labels.yaml")).unwrap();
    let older: String = labels
        .lines()
        .filter(|l| !l.starts_with("redline_not_handled:"))
        .map(|l| format!("{l}\n"))
        .collect();
    ws.write("plan-template/labels.yaml", &older);
    ws.approve_then_next("keski-suomi");
    let text = ws
        .run(&["diff", "keski-suomi", "1.0", "worktree"])
        .expect(1)
        .stdout;
    assert!(text.contains("ei vielä käsitelty"), "{text}");
    assert!(!text.contains("redline_not_handled"), "{text}");
}

#[test]
fn a_county_publishes_a_sami_edition_with_its_own_labels() {
    let ws = Workspace::with_examples();
    ws.edit(
        "regions/keski-pohjanmaa/region.yaml",
        "languages: [fi, sv]",
        "languages: [fi, se]",
    );
    let approval = "regions/keski-pohjanmaa/sections/approval.yaml";
    ws.edit(
        approval,
        "text:\n  fi: |",
        "text:\n  se: |\n    Plána lea dohkkehuvvon. Bustávat: ŋ ŧ đ ǩ ǥ ʒ ǯ Ŋ Ŧ Đ Ǩ Ǧ Ʒ Ǯ.\n  fi: |",
    );
    // Which labels the Sámi edition lacks, and where to give them.
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(0);
    assert!(
        run.stderr
            .contains("the Northern Sámi edition (se) has no words for"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("regions/keski-pohjanmaa/templates/labels.yaml"),
        "{}",
        run.stderr
    );
    ws.write(
        "regions/keski-pohjanmaa/templates/labels.yaml",
        "contents: {se: Sisdoallu}\nversion: {se: Veršuvdna}\n",
    );
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(0);
    let before = run
        .stderr
        .lines()
        .find(|l| l.contains("has no words for"))
        .unwrap()
        .to_owned();
    assert!(!before.contains("contents,"), "{before}");
    ws.run(&["build", "keski-pohjanmaa"]).expect(0);
    let dir = ws.path("output/keski-pohjanmaa/draft");
    let pdf = pdf_text(&dir.join("plan.se.pdf"));
    // Every Sámi letter is printed (the embedded fonts have them), the labels given are used.
    assert!(pdf.contains("ŋ ŧ đ ǩ ǥ ʒ ǯ Ŋ Ŧ Đ Ǩ Ǧ Ʒ Ǯ"), "Sámi letters");
    assert!(pdf.contains("Veršuvdna"), "the county's Sámi label");
    let html = std::fs::read_to_string(dir.join("plan.se.html")).unwrap();
    assert!(html.contains("<html lang=\"se\""), "the page's language");
    // Another language is taken once the county gives its labels; without any, it is taken
    // for a slip.
    ws.edit(
        "regions/keski-pohjanmaa/region.yaml",
        "languages: [fi, se]",
        "languages: [fi, se, ru]",
    );
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(1);
    assert!(
        run.stderr
            .contains("the county's language \"ru\" has no labels at all"),
        "{}",
        run.stderr
    );
    ws.write(
        "regions/keski-pohjanmaa/templates/labels.yaml",
        "contents: {se: Sisdoallu, ru: Содержание}\nversion: {se: Veršuvdna, ru: Версия}\n",
    );
    ws.run(&["check", "keski-pohjanmaa"]).expect(0);
    ws.edit(
        "regions/keski-pohjanmaa/region.yaml",
        "languages: [fi, se, ru]",
        "languages: [fi, se]",
    );
    // A language code that could be no file name is refused.
    ws.edit(
        "regions/keski-pohjanmaa/region.yaml",
        "languages: [fi, se]",
        "languages: [fi, \"../se\"]",
    );
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(1);
    assert!(run.stderr.contains("se (Northern Sámi)"), "{}", run.stderr);
}
