//! Versions own their approvals: a draft carries no decisions, an approved version needs an
//! approving body, no decision predates its version, the change history names the current
//! version; `next` starts a new version from a stored approved one without hand edits.

use crate::support::{Workspace, pdf_text};

const PLAN: &str = "regions/keski-suomi/plan.yaml";

#[test]
fn a_draft_that_kept_the_approved_versions_decisions_is_an_error_at_the_first() {
    let ws = Workspace::with_examples();
    ws.edit(
        PLAN,
        "version: \"1.0\"\nstatus: approved\ndate: 2025-03-14",
        "version: \"1.1\"\nstatus: draft\ndate: 2026-01-10",
    );
    let run = ws.run(&["check", "keski-suomi"]).expect(1);
    assert!(
        run.stderr
            .contains("version 1.1 is a draft, so it carries no decisions"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("plan.yaml:8:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("write `approvals: []`"),
        "{}",
        run.stderr
    );
    // The change history lacks 1.1: a warning for a draft.
    assert!(
        run.stderr.contains("warning: the change history"),
        "{}",
        run.stderr
    );
    let fi = ws.run(&["--lang", "fi", "check", "keski-suomi"]).expect(1);
    assert!(
        fi.stderr
            .contains("on luonnos, joten sillä ei ole päätöksiä"),
        "{}",
        fi.stderr
    );
}

#[test]
fn decisions_must_fit_the_version_they_are_about() {
    let ws = Workspace::with_examples();
    // Approved, but every body only took note.
    let plan = std::fs::read_to_string(ws.path(PLAN)).unwrap();
    std::fs::write(
        ws.path(PLAN),
        plan.replace("decision: approved", "decision: noted"),
    )
    .unwrap();
    let run = ws.run(&["check", "keski-suomi"]).expect(1);
    assert!(
        run.stderr
            .contains("marked approved, but no body's decision approves it"),
        "{}",
        run.stderr
    );
    // Proposed, with a decision older than the version itself.
    std::fs::write(
        ws.path(PLAN),
        plan.replace("status: approved", "status: proposed")
            .replace("date: 2025-03-14\nvalidity", "date: 2025-04-01\nvalidity"),
    )
    .unwrap();
    let run = ws.run(&["check", "keski-suomi"]).expect(1);
    assert!(
        run.stderr
            .contains("predates version 1.0 (dated 2025-04-01)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Sote-johtoryhmä"), "{}", run.stderr);
    // Proposed without a change-log entry: a warning.
    std::fs::write(
        ws.path(PLAN),
        plan.replace("status: approved", "status: proposed")
            .replace(
                "  - version: \"1.0\"\n    date: 2025-03-14",
                "  - version: \"0.9\"\n    date: 2025-03-14",
            ),
    )
    .unwrap();
    let run = ws.run(&["check", "keski-suomi"]).expect(0);
    assert!(
        run.stderr.contains(
            "warning: the change history (`changelog:` in plan.yaml) has no entry for version 1.0"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn next_starts_a_draft_from_the_stored_approved_version() {
    let ws = Workspace::with_examples();
    let before = std::fs::read_to_string(ws.path(PLAN)).unwrap();
    // The record first.
    let run = ws.run(&["next", "keski-suomi"]).expect(1);
    assert!(
        run.stderr.contains("is not in the store yet"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(ws.path(PLAN)).unwrap(), before);
    ws.run(&["build", "keski-suomi"]).expect(0);
    // The county folder may be named with a leading `./`.
    ws.run(&["--regions", "./regions", "next", "keski-suomi"])
        .expect(0);
    let after = std::fs::read_to_string(ws.path(PLAN)).unwrap();
    assert!(
        after.contains("version: \"1.1\"\nstatus: draft\n"),
        "{after}"
    );
    assert!(
        after.contains("approvals: []\n") && !after.contains("§ 41"),
        "{after}"
    );
    assert!(after.contains("  - version: \"1.1\"\n"), "{after}");
    assert!(
        after.starts_with("# yaml-language-server: $schema=")
            && after.contains("\n# Esimerkkiaineisto"),
        "comments stay"
    );
    // It checks (a placeholder to fill in) and builds; the draft's cover claims no decision.
    let check = ws.run(&["check", "keski-suomi"]).expect(0);
    assert!(check.stderr.contains("TÄYDENNÄ"), "{}", check.stderr);
    ws.run(&["build", "keski-suomi", "--redline-against", "1.0"])
        .expect(0);
    // The cover and the handling table claim no decision; 1.0's handling appears only in
    // the change history's row for 1.0, from its record.
    let pdf = ws.path("output/keski-suomi/draft/plan.pdf");
    let page = |n: &str| {
        let out = std::process::Command::new("pdftotext")
            .args(["-f", n, "-l", n, pdf.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let cover = page("1");
    assert!(
        !cover.contains("§ 41") && !cover.contains("Hyväksytty"),
        "the draft's cover shows 1.0's handling:\n{cover}"
    );
    let text = pdf_text(&pdf);
    let handling = &text[text.rfind("Hyväksyminen ja voimassaolo").unwrap()..];
    let (table, history) = handling.split_once("Muutoshistoria").unwrap();
    assert!(!table.contains("§ 41"), "{table}");
    assert!(history.contains("§ 41"), "{history}");
    assert!(
        ws.path("output/keski-suomi/draft/redline-1.0.pdf")
            .is_file()
    );
    // A draft is not started again.
    let again = ws.run(&["next", "keski-suomi"]).expect(1);
    assert!(
        again.stderr.contains("is still a draft"),
        "{}",
        again.stderr
    );
    // The approved record is untouched.
    ws.run(&["verify"]).expect(0);
}

/// A version in handling that lists a decision taken on the approved version before it is
/// told so at the decision's line; the change history shows each version's own decisions,
/// the earlier ones from their records.
#[test]
fn each_version_shows_its_own_decisions_from_its_record() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    ws.run(&["next", "keski-suomi"]).expect(0);
    let plan = std::fs::read_to_string(ws.path(PLAN)).unwrap();
    let carried = plan
        .replace("status: draft", "status: proposed")
        .replace(
            "approvals: []\n",
            "approvals:\n  - body: {fi: Sote-johtoryhmä, sv: Social- och hälsovårdens ledningsgrupp}\n    date: 2025-03-25\n    minute: \"§ 41\"\n    decision: approved\n",
        );
    // Dated before the decision, so only the record tells where the decision belongs.
    let dated = regex_date(&carried, "2025-03-01");
    std::fs::write(ws.path(PLAN), &dated).unwrap();
    let run = ws.run(&["check", "keski-suomi"]).expect(1);
    assert!(
        run.stderr.contains(
            "the decision of \"Sote-johtoryhmä\" on 2025-03-25 was taken on version 1.0 (its record holds it), not on version 1.1"
        ),
        "{}",
        run.stderr
    );
    let line = dated
        .lines()
        .position(|l| l.contains("body: {fi: Sote-johtoryhmä"))
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!("plan.yaml:{line}:")),
        "{}",
        run.stderr
    );
    // Its own decision instead: it checks, and the change history shows 1.0's handling
    // from the record beside 1.1's own.
    let own = carried.replace(
        "date: 2025-03-25\n    minute: \"§ 41\"",
        "date: 2026-02-03\n    minute: \"§ 12\"",
    );
    std::fs::write(ws.path(PLAN), regex_date(&own, "2026-01-20")).unwrap();
    ws.run(&["check", "keski-suomi"]).expect(0);
    ws.run(&["build", "keski-suomi"]).expect(0);
    let text = pdf_text(&ws.path("output/keski-suomi/draft/plan.pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Sote-johtoryhmä 25.3.2025 § 41: hyväksytty",
        "Sote-johtoryhmä 3.2.2026 § 12: hyväksytty",
    ] {
        assert!(flat.contains(want), "{want:?} missing in\n{text}");
    }
    // "10.6.2025 § 42" is held together by no-break spaces.
    let html = std::fs::read_to_string(ws.path("output/keski-suomi/draft/plan.html"))
        .unwrap()
        .replace('\u{a0}', " ");
    assert!(html.contains("Aluevaltuusto 10.6.2025 § 42: merkitty tiedoksi"));
}

/// The plan with its version `date:` (the first top-level `date:` line) set to `date`.
fn regex_date(plan: &str, date: &str) -> String {
    let mut done = false;
    plan.lines()
        .map(|l| {
            if !done && l.starts_with("date: ") {
                done = true;
                format!("date: {date}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
