//! `next` edits the node it means (issues 20 and 21): anchors and aliases, flow-style
//! approvals and change logs, `{sv: .., fi: ..}` summaries, comments and CRLF line ends are
//! edited correctly or refused with the reason, never rewriting history, the rest of the
//! file byte for byte; `check` refuses a change log that names a version twice or one to
//! come; what a killed `next` left is swept.

use crate::support::Workspace;

const PLAN: &str = "regions/keski-suomi/plan.yaml";
const FIRST_ENTRY: &str = "  - version: \"1.0\"
    date: 2025-03-14
    summary: >-
      Ensimmäinen versio. Hyväksytty sote-johtoryhmässä ja rakenteellisen sosiaalityön
      ohjausryhmässä; merkitty tiedoksi hyvinvoinnin ja terveyden lautakunnassa,
      aluehallituksessa ja aluevaltuustossa.";

/// Keski-Suomi approved and stored as 1.0, its plan.yaml then laid out by `layout`.
fn approved(layout: impl Fn(&str) -> String) -> (Workspace, String) {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let text = std::fs::read_to_string(ws.path(PLAN)).unwrap();
    let laid = layout(&text);
    std::fs::write(ws.path(PLAN), &laid).unwrap();
    (ws, laid)
}

/// The lines of `after` that `before` does not have, and those it lost.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.split_inclusive('\n').collect();
    let a: Vec<&str> = after.split_inclusive('\n').collect();
    let added = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| l.to_string())
        .collect();
    let lost = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|l| l.to_string())
        .collect();
    (added, lost)
}

#[test]
fn anchors_that_history_repeats_are_refused_with_the_reason() {
    let (ws, laid) = approved(|t| {
        t.replacen("version: \"1.0\"\nstatus", "version: &v \"1.0\"\nstatus", 1)
            .replacen("  - version: \"1.0\"", "  - version: *v", 1)
    });
    let run = ws.run(&["next", "keski-suomi"]).expect(2);
    assert!(
        run.stderr.contains("`version` is an anchor (&)"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(ws.path(PLAN)).unwrap(), laid);
    // An anchor nothing repeats is edited like any value.
    let (ws, _) = approved(|t| t.replacen("status: approved", "status: &s approved", 1));
    ws.run(&["next", "keski-suomi"]).expect(0);
    let after = std::fs::read_to_string(ws.path(PLAN)).unwrap();
    assert!(after.contains("status: &s draft"), "{after}");
}

#[test]
fn flow_style_and_crlf_are_edited_and_the_rest_stays_byte_for_byte() {
    let (ws, laid) = approved(|t| {
        let start = t.find("approvals:").unwrap();
        let head = &t[..start];
        format!(
            "{head}approvals: [{{body: Sote, date: 2025-03-25, decision: approved}},\n  \
             {{body: Ohjaus, date: 2025-04-08, decision: approved}}]  # päätökset\n\
             changelog: [{{version: \"1.0\", date: 2025-03-14, summary: Eka}}]  # loppu\n"
        )
        .replace('\n', "\r\n")
    });
    ws.run(&["next", "keski-suomi"]).expect(0);
    let after = std::fs::read_to_string(ws.path(PLAN)).unwrap();
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "every line end stays CRLF"
    );
    let (added, lost) = changed_lines(&laid, &after);
    // version, status, date, approvals' two lines and the change log's one line.
    assert_eq!(lost.len(), 6, "{lost:?}");
    assert!(
        added.contains(&"approvals: []  # päätökset\r\n".to_owned()),
        "{added:?}"
    );
    assert!(
        after.contains(
            "changelog: [{version: \"1.0\", date: 2025-03-14, summary: Eka}, {version: \"1.1\""
        ),
        "{after}"
    );
    let check = ws.run(&["check", "keski-suomi"]);
    assert!(!check.stderr.contains("error"), "{}", check.stderr);
}

#[test]
fn a_summary_in_two_languages_is_edited_after_its_comment() {
    // Issue 20.4: the layout the README shows.
    let two = "  - version: \"1.0\"\n    date: 2025-03-14\n    summary: {sv: Första versionen.,\n      \
               fi: Ensimmäinen versio.}  # kommentti";
    let (ws, laid) = approved(|t| t.replacen(FIRST_ENTRY, two, 1));
    ws.run(&["next", "keski-suomi"]).expect(0);
    let after = std::fs::read_to_string(ws.path(PLAN)).unwrap();
    assert!(
        after.contains(&format!("{two}\n  - version: \"1.1\"\n")),
        "{after}"
    );
    // The change log as it was, comment and all, then the new entry; above it only the
    // version, status, date and approvals changed.
    let history = &laid[laid.find("changelog:").unwrap()..];
    assert!(after.contains(history.trim_end()), "{after}");
    let (_, lost) = changed_lines(&laid, &after);
    assert_eq!(lost.len(), 3 + 21, "{lost:?}");
}

#[test]
fn check_refuses_a_version_twice_or_one_to_come_in_the_change_log() {
    let ws = Workspace::with_examples();
    let twice = format!(
        "{FIRST_ENTRY}\n  - version: \"1.0\"\n    date: 2025-03-15\n    summary: Uudelleen."
    );
    ws.edit(PLAN, FIRST_ENTRY, &twice);
    let check = ws.run(&["check", "keski-suomi"]).expect(1);
    assert!(
        check.stderr.contains("names version 1.0 twice"),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("plan.yaml:35:"), "{}", check.stderr);

    let ws = Workspace::with_examples();
    let ahead =
        format!("{FIRST_ENTRY}\n  - version: \"2.0\"\n    date: 2025-03-15\n    summary: Tuleva.");
    ws.edit(PLAN, FIRST_ENTRY, &ahead);
    let check = ws.run(&["check", "keski-suomi"]).expect(1);
    assert!(
        check
            .stderr
            .contains("names version 2.0, above the plan's version 1.0"),
        "{}",
        check.stderr
    );
}

#[test]
fn what_a_killed_next_left_is_swept_and_nothing_else() {
    let (ws, _) = approved(|t| t.to_owned());
    // A finished process's id: what a killed `next` leaves carries one.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let county = ws.path("regions/keski-suomi");
    let left = county.join(format!(".rakeplan-tmp-file-{dead}-0-1"));
    let live = county.join(format!(".rakeplan-tmp-file-{}-0-1", std::process::id()));
    for (path, text) in [(&left, "version: \"1.0\""), (&live, "x")] {
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(county.join(".muistiinpanot.tmp"), "oma").unwrap();
    ws.run(&["next", "keski-suomi"]).expect(0);
    assert!(!left.exists(), "the dead writer's copy stays");
    assert!(live.exists(), "a live writer's file was removed");
    assert!(county.join(".muistiinpanot.tmp").exists());
}
