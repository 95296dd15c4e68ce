//! `verify` knows what should be in the store (issue 21): a county or version folder behind
//! a link, an approved version the change log or git names that is gone, an edition the
//! version's languages need that the manifest no longer lists, a manifest that contradicts
//! its plan.json, repeats or adds keys, or is nested deep: each an error naming the path,
//! for `verify`, `build` and `publish` alike.

use std::path::Path;

use crate::support::{Workspace, repo};

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The examples with the repository's store (Kainuu 1.0 and 1.1, Keski-Pohjanmaa 1.0,
/// Keski-Suomi 1.0), committed to git as a county keeps it.
fn with_store() -> Workspace {
    let ws = Workspace::with_examples();
    copy_tree(&repo().join("output"), &ws.path("output"));
    ws.git(&["init", "-q"]);
    ws.git(&["add", "-A"]);
    ws.git(&["commit", "-qm", "store"]);
    ws.run(&["verify"]).expect(0);
    ws
}

/// Runs verify, publish and (for `slug`) build: each must refuse, naming `says`.
fn all_refuse(ws: &Workspace, slug: &str, says: &[&str]) {
    for args in [
        vec!["verify"],
        vec!["verify", slug],
        vec!["publish"],
        vec!["build", slug],
    ] {
        let run = ws.run(&args);
        assert_ne!(
            run.code, 0,
            "{args:?} passed:\n{}{}",
            run.stdout, run.stderr
        );
        if args[0] == "publish" {
            assert!(!ws.path("output/site").exists(), "a site was published");
            continue;
        }
        for s in says {
            assert!(
                run.stderr.contains(s),
                "{args:?} does not say {s:?}:\n{}",
                run.stderr
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_county_or_version_folder_behind_a_link_is_refused() {
    let ws = with_store();
    let elsewhere = ws.path("elsewhere");
    std::fs::rename(ws.path("output/keski-suomi"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, ws.path("output/keski-suomi")).unwrap();
    all_refuse(
        &ws,
        "keski-suomi",
        &["\"output/keski-suomi\" is a symbolic link"],
    );

    let ws = with_store();
    let elsewhere = ws.path("elsewhere");
    std::fs::rename(ws.path("output/kainuu/1.0"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, ws.path("output/kainuu/1.0")).unwrap();
    all_refuse(&ws, "kainuu", &["\"output/kainuu/1.0\" is a symbolic link"]);
}

#[test]
fn an_approved_version_that_is_gone_is_named() {
    // The oldest record: git tracked it.
    let ws = with_store();
    std::fs::remove_dir_all(ws.path("output/kainuu/1.0")).unwrap();
    all_refuse(&ws, "kainuu", &["\"output/kainuu/1.0\" is missing"]);

    // The only record of an approved plan, the county folder and all: git tracked it.
    let ws = with_store();
    std::fs::remove_dir_all(ws.path("output/keski-suomi")).unwrap();
    for args in [vec!["verify"], vec!["verify", "keski-suomi"]] {
        let verify = ws.run(&args).expect(1);
        assert!(
            verify
                .stderr
                .contains("\"output/keski-suomi/1.0\" is missing: git names this version"),
            "{}",
            verify.stderr
        );
    }

    // A version between two records, named by the later one's change log; no git.
    let ws = Workspace::with_examples();
    copy_tree(&repo().join("output"), &ws.path("output"));
    ws.run(&["build", "kainuu"]).expect(0);
    std::fs::remove_dir_all(ws.path("output/kainuu/1.1")).unwrap();
    let verify = ws.run(&["verify", "kainuu"]).expect(1);
    assert!(
        verify.stderr.contains("\"output/kainuu/1.1\" is missing"),
        "{}",
        verify.stderr
    );
}

#[test]
fn an_edition_the_languages_need_is_required() {
    let ws = with_store();
    let dir = ws.path("output/keski-pohjanmaa/1.0");
    let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let mut manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    manifest["outputs"]
        .as_object_mut()
        .unwrap()
        .remove("plan.sv.pdf");
    let kept = serde_json::to_string_pretty(&manifest).unwrap();
    std::fs::write(dir.join("manifest.json"), kept).unwrap();
    std::fs::remove_file(dir.join("plan.sv.pdf")).unwrap();
    all_refuse(
        &ws,
        "keski-pohjanmaa",
        &[
            "\"output/keski-pohjanmaa/1.0/plan.sv.pdf\" is missing: the version is published in \"sv\"",
        ],
    );
}

#[test]
fn a_manifest_that_contradicts_its_plan_or_itself_is_refused() {
    let manifest = "output/kainuu/1.1/manifest.json";
    let cases: [(&str, &str, &str); 6] = [
        (
            "\"status\": \"approved\"",
            "\"status\": \"superseded\"",
            "says status \"superseded\"",
        ),
        (
            "\"date\": \"2025-03-31\"",
            "\"date\": \"2025-04-01\"",
            "says date \"2025-04-01\"",
        ),
        (
            "\"tool\": \"rakeplan 0.1.0\"",
            "\"tool\": \"käsin\"",
            "the tool \"käsin\"",
        ),
        (
            "\"outputs\": {",
            "\"outputs\": {\n    \"plan.pdf\": \"00\",",
            "\"plan.pdf\" is given twice",
        ),
        (
            "\"inputs\": {",
            "\"inputs\": {\n    \"../../etc/passwd\": \"00\",",
            "the input \"../../etc/passwd\"",
        ),
        ("\"tool\"", "\"x\": 1, \"tool\"", "unknown field `x`"),
    ];
    for (from, to, says) in cases {
        let ws = with_store();
        ws.edit(manifest, from, to);
        all_refuse(&ws, "kainuu", &[says, "output/kainuu/1.1/manifest.json"]);
    }
    // 100 000 levels of JSON under an unknown key: refused, no stack overflow.
    let ws = with_store();
    let deep = format!(
        "\"x\": {}{}, \"tool\"",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    ws.edit(manifest, "\"tool\"", &deep);
    all_refuse(
        &ws,
        "kainuu",
        &["output/kainuu/1.1/manifest.json\" is damaged"],
    );
    // A manifest past the size a manifest can have.
    let ws = with_store();
    let big = format!("\"tool\": \"rakeplan 0.1.0{}\"", " ".repeat(600_000));
    ws.edit(manifest, "\"tool\": \"rakeplan 0.1.0\"", &big);
    all_refuse(&ws, "kainuu", &["output/kainuu/1.1/manifest.json"]);
}

#[test]
fn an_edited_input_sum_or_a_file_deleted_with_its_line_differs_from_git() {
    // An input's sum edited to another well-formed sum: only git can tell.
    let ws = with_store();
    let manifest = "output/kainuu/1.1/manifest.json";
    let text = std::fs::read_to_string(ws.path(manifest)).unwrap();
    let sum = text
        .split("\"regions/kainuu/plan.yaml\": \"")
        .nth(1)
        .unwrap()[..64]
        .to_owned();
    ws.edit(manifest, &sum, &"0".repeat(64));
    all_refuse(
        &ws,
        "kainuu",
        &[
            "\"output/kainuu/1.1/manifest.json\" differs from the approved version git has committed",
        ],
    );
}
