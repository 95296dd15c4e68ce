//! Whole outputs a user reads, as snapshots (insta): `check`'s messages for a planner's
//! typical slips, the text and JSON redlines, and the command line's help. A change to any
//! of them shows as a diff to review (`cargo insta review`, or INSTA_UPDATE=always), not as
//! a substring that still happens to match. The temporary folder is redacted, as mdBook
//! does, so the snapshots hold on every machine.

use crate::support::Workspace;

/// Output with the workspace's temporary folder written as `[WS]`.
fn redact(ws: &Workspace, text: &str) -> String {
    text.replace(&ws.root.display().to_string(), "[WS]")
}

#[test]
fn check_messages_for_a_planners_slips() {
    let ws = Workspace::with_examples();
    // An impossible date, a decimal comma, a misspelt key, a tab, a reference to an
    // indicator that does not exist.
    ws.edit(
        "regions/kainuu/plan.yaml",
        "status: draft\ndate: 2026-10-20",
        "status: draft\ndate: 2026-13-20",
    );
    ws.edit(
        "regions/kainuu/sections/focus-areas.yaml",
        "indicators: [raportit-maara, raportoivat-yksikot]",
        "indicators: [raportit-maara, raportoivat-yksikko]",
    );
    ws.edit(
        "regions/kainuu/sections/focus-areas.yaml",
        "  - id: tietotyo\n    name: Tietotyö",
        "  - id: tietotyo\n    nmae: Tietotyö",
    );
    ws.write(
        "regions/kainuu/sections/introduction.yaml",
        "text: |\n  Johdanto.\n\tsisennys sarkaimella\n",
    );
    let run = ws.run(&["check", "kainuu"]).expect(1);
    insta::assert_snapshot!("check_en", redact(&ws, &run.stderr));
    let run = ws.run(&["--lang", "fi", "check", "kainuu"]).expect(1);
    insta::assert_snapshot!("check_fi", redact(&ws, &run.stderr));
}

#[test]
fn redlines_as_text_and_json() {
    let ws = Workspace::with_examples();
    std::fs::create_dir_all(ws.path("output")).unwrap();
    // The stored records of the examples, as the repository keeps them.
    let store = crate::support::repo().join("output/kainuu");
    for version in ["1.0", "1.1"] {
        let to = ws.path(&format!("output/kainuu/{version}"));
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(store.join(version)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    let text = ws.run(&["diff", "kainuu", "1.0", "1.1"]).expect(1);
    insta::assert_snapshot!("redline_text", redact(&ws, &text.stdout));
    let json = ws
        .run(&["diff", "kainuu", "1.0", "1.1", "--format", "json"])
        .expect(1);
    insta::assert_snapshot!("redline_json", redact(&ws, &json.stdout));
}

#[test]
fn the_command_lines_help() {
    let ws = Workspace::empty();
    let mut all = String::new();
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["diff", "--help"],
        &["next", "--help"],
    ] {
        let run = ws.run(args).expect(0);
        all.push_str(&format!("$ rakeplan {}\n{}\n", args.join(" "), run.stdout));
    }
    insta::assert_snapshot!("help", all);
}
