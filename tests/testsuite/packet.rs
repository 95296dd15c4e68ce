//! The approval packet is exact: items of two lists that share ids (a working group and a
//! steering group both numbered J1, J2, …) are each named from their own list in every
//! format; the redline PDF announces insertions and deletions to assistive technology; the
//! summary says what a body needs; a draft of a version approved since is never published.

use std::path::Path;

use crate::support::{Workspace, pdf_text};

const WG: &str = "regions/testi/sections/working-group.yaml";
const SG: &str = "regions/testi/sections/governance.yaml";

/// Renumbers the items of the list under `key:` in `rel` as J1, J2, … (as the scaffold
/// suggests for both member lists).
fn renumber(ws: &Workspace, rel: &str, key: &str) {
    let text = std::fs::read_to_string(ws.path(rel)).unwrap();
    let mut out = Vec::new();
    let (mut inside, mut n) = (false, 0);
    for line in text.lines() {
        if line == format!("{key}:") {
            inside = true;
        } else if !line.starts_with(' ') && !line.is_empty() {
            inside = false;
        }
        if inside && line.starts_with("  - id: ") {
            n += 1;
            out.push(format!("  - id: J{n}"));
        } else {
            out.push(line.to_owned());
        }
    }
    assert!(n >= 6, "{rel}: only {n} items under {key}");
    ws.write(rel, &(out.join("\n") + "\n"));
}

/// The role written for item `id` in `rel` (the list under `key:`).
fn role(ws: &Workspace, rel: &str, key: &str, id: &str) -> String {
    let text = std::fs::read_to_string(ws.path(rel)).unwrap();
    let list = &text[text.find(&format!("\n{key}:\n")).unwrap()..];
    let item = &list[list.find(&format!("  - id: {id}\n")).unwrap()..];
    let line = item.lines().find(|l| l.starts_with("    role: ")).unwrap();
    line["    role: ".len()..].to_owned()
}

/// Removes item `id` (its lines up to the next item or the end of the list) from `rel`.
fn remove_item(ws: &Workspace, rel: &str, key: &str, id: &str) {
    let text = std::fs::read_to_string(ws.path(rel)).unwrap();
    let list_at = text.find(&format!("\n{key}:\n")).unwrap();
    let start = list_at + text[list_at..].find(&format!("  - id: {id}\n")).unwrap();
    let rest = &text[start + 1..];
    let end = rest
        .find("\n  - id: ")
        .map(|e| start + 1 + e + 1)
        .unwrap_or(text.len());
    ws.write(rel, &format!("{}{}", &text[..start], &text[end..]));
}

/// Keski-Suomi copied as `testi`, both member lists numbered J1…, approved as 1.0 and
/// started as draft 1.1, then working-group J5 removed and steering-group J6's role edited.
/// Returns (removed role, other list's J5 role, edited role, other list's J6 role).
fn shared_ids_county(ws: &Workspace) -> (String, String, String, String) {
    ws.copy_region("keski-suomi", "testi");
    renumber(ws, WG, "members");
    renumber(ws, SG, "steering_group");
    ws.run(&["check", "testi"]).expect(0);
    ws.approve_then_next("testi");
    let removed = role(ws, WG, "members", "J5");
    let other_j5 = role(ws, SG, "steering_group", "J5");
    let edited = role(ws, SG, "steering_group", "J6");
    let other_j6 = role(ws, WG, "members", "J6");
    assert_ne!(removed, other_j5);
    assert_ne!(edited, other_j6);
    remove_item(ws, WG, "members", "J5");
    ws.edit(
        SG,
        &format!("    role: {edited}\n"),
        &format!("    role: {edited} ja tietojohtaminen\n"),
    );
    ws.run(&["check", "testi"]).expect(0);
    (removed, other_j5, edited, other_j6)
}

/// `text` names each change from its own list and never with the other list's role.
fn names_from_own_list(what: &str, text: &str, roles: &(String, String, String, String)) {
    let (removed, other_j5, edited, other_j6) = roles;
    let text = crate::support::collapse(text);
    assert!(
        text.contains(removed.as_str()),
        "{what}: no {removed:?}\n{text}"
    );
    assert!(
        text.contains(edited.as_str()),
        "{what}: no {edited:?}\n{text}"
    );
    // The unchanged items of the other lists are not part of any change.
    for wrong in [other_j5, other_j6] {
        assert!(
            !text.contains(wrong.as_str()),
            "{what}: names {wrong:?}\n{text}"
        );
    }
}

#[test]
fn items_sharing_ids_are_named_from_their_own_list_in_every_format() {
    let ws = Workspace::with_examples();
    let roles = shared_ids_county(&ws);
    for format in ["text", "json", "html"] {
        let run = ws
            .run(&["diff", "testi", "1.0", "worktree", "--format", format])
            .expect(1);
        names_from_own_list(format, &run.stdout, &roles);
    }
    // The text diff titles each change with its own list's role.
    let text = ws
        .run(&["diff", "testi", "1.0", "worktree"])
        .expect(1)
        .stdout;
    assert!(
        text.contains(&format!("› {} (J5)", roles.0)),
        "removal not titled with the working group's J5\n{text}"
    );
    ws.run(&[
        "diff",
        "testi",
        "1.0",
        "worktree",
        "--format",
        "pdf",
        "-o",
        "muutokset.pdf",
    ])
    .expect(1);
    names_from_own_list("pdf", &pdf_text(&ws.path("muutokset.pdf")), &roles);
    // The approval packet and the site's what-changed page.
    ws.run(&["build", "testi", "--redline-against", "1.0"])
        .expect(0);
    let draft = ws.path("output/testi/draft");
    names_from_own_list(
        "packet pdf",
        &pdf_text(&draft.join("redline-1.0.pdf")),
        &roles,
    );
    let html = std::fs::read_to_string(draft.join("redline-1.0.html")).unwrap();
    names_from_own_list("packet html", &html, &roles);
    ws.run(&["publish"]).expect(0);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(ws.path("output/site/testi")) {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().starts_with("changes")
            && entry.path().extension().is_some_and(|e| e == "html")
        {
            pages += 1;
            let page = std::fs::read_to_string(entry.path()).unwrap();
            names_from_own_list(&entry.path().display().to_string(), &page, &roles);
        }
    }
    assert!(pages > 0, "no what-changed page published");
}

#[test]
fn a_reference_to_an_indicator_id_two_lists_share_is_refused_never_misnamed() {
    let ws = Workspace::with_examples();
    // A second indicator list (a section of the county's own template) with an id the
    // monitoring section's list also has, and which actions refer to.
    let template = std::fs::read_to_string(ws.path("plan-template/template.yaml")).unwrap();
    let extra = "\n  - id: lisamittarit\n    number: 14\n    title: {fi: Lisämittarit, sv: Extra indikatorer, en: Extra indicators}\n    required: false\n    guidance: {fi: Alueen omat mittarit., sv: Områdets egna indikatorer.}\n    fields:\n      - id: indicators\n        kind: indicators\n        required: true\n        label: {fi: Mittarit, sv: Indikatorer, en: Indicators}\n";
    ws.write("plan-template/template.yaml", &format!("{template}{extra}"));
    ws.write(
        "regions/keski-suomi/sections/lisamittarit.yaml",
        "indicators:\n  - id: raportit-maara\n    name: Toinen mittari samalla tunnisteella\n",
    );
    let run = ws.run(&["check", "keski-suomi"]).expect(1);
    assert!(
        run.stderr
            .contains("refers to the indicator \"raportit-maara\", but two lists have")
            && run
                .stderr
                .contains("sections/lisamittarit.yaml: indicators")
            && run.stderr.contains("focus-areas.yaml"),
        "{}",
        run.stderr
    );
    // Two lists with the same ids and no reference between them are fine.
    ws.write(
        "regions/keski-suomi/sections/lisamittarit.yaml",
        "indicators:\n  - id: mittari-1\n    name: Oma mittari\n",
    );
    ws.run(&["check", "keski-suomi"]).expect(0);
}

/// The text of the structure tree of a PDF (`pdfinfo -struct-text`).
fn struct_text(path: &Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_redline_pdf_announces_insertions_and_deletions_in_its_language() {
    let ws = Workspace::with_examples();
    ws.approve_then_next("keski-pohjanmaa");
    ws.edit(
        "regions/keski-pohjanmaa/sections/monitoring.yaml",
        "    baseline: 15 %\n",
        "    baseline: 17 %\n",
    );
    for (lang, words) in [
        (
            "fi",
            [
                "poisto alkaa",
                "15",
                "poisto päättyy",
                "lisäys alkaa",
                "17",
                "lisäys päättyy",
            ],
        ),
        (
            "sv",
            [
                "borttagning börjar",
                "15",
                "borttagning slutar",
                "tillägg börjar",
                "17",
                "tillägg slutar",
            ],
        ),
    ] {
        let out = format!("muutokset.{lang}.pdf");
        ws.run(&[
            "diff",
            "keski-pohjanmaa",
            "1.0",
            "worktree",
            "--format",
            "pdf",
            "--doc-lang",
            lang,
            "-o",
            &out,
        ])
        .expect(1);
        // Read aloud in order: the deletion announced, then the insertion, as in the HTML.
        // The words as read aloud: attribute lines and span names left out.
        let tree: String = struct_text(&ws.path(&out))
            .lines()
            .filter(|l| !l.trim_start().starts_with('/'))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("Span (inline):", " ")
            .replace('"', " ");
        let tree = crate::support::collapse(&tree);
        let change = tree
            .find(&format!("{} 15", words[0]))
            .unwrap_or_else(|| panic!("{lang}: the deletion of 15 is not announced\n{tree}"));
        let mut at = change;
        for w in words {
            at += tree[at..]
                .find(w)
                .unwrap_or_else(|| panic!("{lang}: {w:?} missing after {at}\n{}", &tree[change..]));
        }
    }
}

#[test]
fn a_draft_not_handled_yet_says_so_and_keeps_removals_named() {
    let ws = Workspace::with_examples();
    let roles = shared_ids_county(&ws);
    let text = ws
        .run(&["diff", "testi", "1.0", "worktree"])
        .expect(1)
        .stdout;
    // Not the older version's decisions struck out: "ei vielä käsitelty" (the document's
    // language), and the decisions shown as the older version's.
    let handling = text
        .lines()
        .find(|l| l.trim_start().starts_with("Käsittely:"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        handling.contains("ei vielä käsitelty (versio 1.0: "),
        "{handling}"
    );
    assert!(!handling.contains("[-"), "{handling}");
    // The newer side is not "luonnos 1.1, luonnos".
    assert!(text.contains("Uusi versio: luonnos 1.1, "), "{text}");
    assert!(!text.contains("luonnos 1.1, luonnos"), "{text}");
    // Only the changes: the removal is named, its text not repeated.
    let only = ws
        .run(&["diff", "testi", "1.0", "worktree", "--only-changes"])
        .expect(1)
        .stdout;
    assert!(only.contains(&format!("› {} (J5)", roles.0)), "{only}");
    let changes = &only[only.find("\n== ").unwrap_or(0)..];
    assert!(!changes.contains("[-"), "{only}");
    // The same version on both sides, unchanged, is not "edited".
    let same = ws.run(&["diff", "testi", "1.0", "1.0"]).expect(0).stdout;
    assert!(!same.contains("muokattu"), "{same}");
}

#[test]
fn a_draft_of_a_version_approved_since_is_retired_and_never_published() {
    let ws = Workspace::with_examples();
    ws.copy_region("keski-suomi", "testi");
    ws.approve_then_next("testi");
    ws.run(&["build", "testi"]).expect(0);
    assert!(ws.path("output/testi/draft/plan.pdf").is_file());
    // The planner's copy of the draft folder, put back later.
    let kept = ws.path("kept-draft");
    std::fs::create_dir_all(&kept).unwrap();
    for entry in std::fs::read_dir(ws.path("output/testi/draft")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), kept.join(entry.file_name())).unwrap();
    }
    // 1.1 approved, as a planner does, then built and published.
    let plan = std::fs::read_to_string(ws.path("regions/testi/plan.yaml")).unwrap();
    let approved = plan
        .replacen("status: draft", "status: approved", 1)
        .replacen(
            "approvals: []",
            "approvals:\n  - body: Aluehallitus\n    date: 2026-12-01\n    decision: approved",
            1,
        );
    let today = plan
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .unwrap()
        .to_owned();
    let approved = approved.replacen("    date: 2026-12-01\n", &format!("    date: {today}\n"), 1);
    ws.write("regions/testi/plan.yaml", &approved);
    // The draft folder of 1.1 is still there, as on the planner's machine; publish first
    // must not show it beside 1.1 even before build retires it.
    let built = ws.run(&["build", "testi"]);
    assert_eq!(built.code, 0, "{}{}", built.stdout, built.stderr);
    assert!(
        built.stdout.contains("retired: testi draft 1.1"),
        "{}",
        built.stdout
    );
    assert!(!ws.path("output/testi/draft").exists());
    ws.run(&["publish"]).expect(0);
    let page = std::fs::read_to_string(ws.path("output/site/testi/index.html")).unwrap();
    assert!(!page.contains("draft/"), "{page}");
    // The stale draft folder of 1.1 put back (a planner's older copy): publish leaves it out.
    let stale = ws.path("output/testi/draft");
    std::fs::create_dir_all(&stale).unwrap();
    for entry in std::fs::read_dir(&kept).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), stale.join(entry.file_name())).unwrap();
    }
    ws.run(&["publish"]).expect(0);
    let page = std::fs::read_to_string(ws.path("output/site/testi/index.html")).unwrap();
    assert!(!page.contains("draft/"), "{page}");
    assert!(!ws.path("output/site/testi/draft").exists());
}
