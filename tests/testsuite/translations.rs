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
