//! The record can be trusted: the store verifies itself, versions appear whole, one writer
//! at a time, `publish` replaces only its own site, nothing outside a county's folder is
//! read, names never become paths or links, and what `check` accepts `build` builds. Each
//! test attacks the way a hostile tester or a careless admin would (issue 9).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{Workspace, pdf_text};

/// A workspace whose store holds keski-suomi's approved 1.0.
fn approved() -> Workspace {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    assert!(ws.path("output/keski-suomi/1.0/manifest.json").is_file());
    ws
}

fn read(ws: &Workspace, rel: &str) -> Vec<u8> {
    std::fs::read(ws.path(rel)).unwrap()
}

/// Every name under `dir` (recursively) that is one of rakeplan's temporary names.
fn leftovers(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".rakeplan-tmp-") || (n.starts_with('.') && n.ends_with(".tmp")))
        .collect()
}

#[test]
fn publish_never_replaces_the_store_the_yaml_or_a_foreign_folder() {
    let ws = approved();
    ws.write("notes/minutes.txt", "kokouksen muistio\n");
    let store = ws.output_hashes();
    for target in [
        "output",
        "regions",
        "plan-template",
        ".",
        "..",
        "output/keski-suomi",
        "output/keski-suomi/1.0",
        "regions/kainuu/sites",
        "notes",
    ] {
        let run = ws.run(&["publish", "--site", target]).expect(2);
        assert!(
            run.stderr.contains("publish into a new or empty folder"),
            "{target}: {}",
            run.stderr
        );
    }
    assert_eq!(ws.output_hashes(), store, "the store changed");
    assert!(ws.path("regions/kainuu/plan.yaml").is_file());
    assert!(ws.path("plan-template/template.yaml").is_file());
    assert!(ws.path("notes/minutes.txt").is_file());
    // A new folder, and then the same folder again (it is ours now), are fine.
    ws.run(&["publish", "--site", "intranet"]).expect(0);
    assert!(ws.path("intranet/.rakeplan-site").is_file());
    ws.run(&["publish", "--site", "intranet"]).expect(0);
    assert!(leftovers(&ws.root).is_empty(), "{:?}", leftovers(&ws.root));
}

#[test]
fn tampered_approved_files_are_named_and_never_overwritten_or_published() {
    type Tamper = fn(&Workspace);
    let cases: [(&str, Tamper, &str); 5] = [
        (
            "plan.json",
            |ws| {
                let p = ws.path("output/keski-suomi/1.0/plan.json");
                let text = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, text.replacen("Keski-Suomen", "Keski-Suomem", 1)).unwrap();
            },
            "has changed since it was stored",
        ),
        (
            "plan.pdf",
            |ws| {
                let p = ws.path("output/keski-suomi/1.0/plan.pdf");
                let mut bytes = std::fs::read(&p).unwrap();
                let mid = bytes.len() / 2;
                bytes[mid] ^= 1;
                std::fs::write(&p, bytes).unwrap();
            },
            "has changed since it was stored",
        ),
        (
            "plan.html",
            |ws| std::fs::remove_file(ws.path("output/keski-suomi/1.0/plan.html")).unwrap(),
            "is missing",
        ),
        (
            "manifest.json",
            |ws| {
                let p = ws.path("output/keski-suomi/1.0/manifest.json");
                let bytes = std::fs::read(&p).unwrap();
                std::fs::write(&p, &bytes[..bytes.len() / 3]).unwrap();
            },
            "is damaged",
        ),
        (
            "extra.pdf",
            |ws| ws.write("output/keski-suomi/1.0/extra.pdf", "%PDF-1.7 väärennös"),
            "is not part of the stored version",
        ),
    ];
    for (file, tamper, says) in cases {
        let ws = approved();
        tamper(&ws);
        let before = ws.output_hashes();
        let verify = ws.run(&["verify"]).expect(1);
        assert!(
            verify
                .stderr
                .contains(&format!("output/keski-suomi/1.0/{file}"))
                && verify.stderr.contains(says),
            "{file}: {}",
            verify.stderr
        );
        assert!(
            verify
                .stderr
                .contains("git checkout -- output/keski-suomi/1.0/")
                || file == "extra.pdf"
        );
        // Unchanged YAML: build must not call it "unchanged".
        let build = ws.run(&["build", "keski-suomi"]).expect(1);
        assert!(build.stderr.contains(file), "{file}: {}", build.stderr);
        assert!(
            !build.stdout.contains("unchanged"),
            "{file}: {}",
            build.stdout
        );
        // Changed YAML: build must not overwrite the record either.
        let intro = ws.path("regions/keski-suomi/sections/introduction.yaml");
        let text = std::fs::read_to_string(&intro).unwrap();
        std::fs::write(
            &intro,
            text.replacen("text: |", "text: |\n  Uusi kappale.\n", 1),
        )
        .unwrap();
        ws.run(&["build", "keski-suomi"]).expect(1);
        assert_eq!(ws.output_hashes(), before, "{file}: the store was written");
        let publish = ws.run(&["publish"]).expect(1);
        assert!(publish.stderr.contains(file), "{file}: {}", publish.stderr);
        assert!(
            !ws.path("output/site").exists(),
            "{file}: a site was published"
        );
        // Finnish too.
        let fi = ws.run(&["--lang", "fi", "verify"]).expect(1);
        assert!(
            fi.stderr.contains("palauta se gitistä") || file == "extra.pdf",
            "{}",
            fi.stderr
        );
    }
}

#[test]
fn verify_passes_on_an_intact_store_and_names_duplicates_and_strays() {
    let ws = approved();
    let ok = ws.run(&["verify"]).expect(0);
    assert!(ok.stdout.contains("ok: keski-suomi"), "{}", ok.stdout);
    // A second folder for the same version, and a folder that is no county.
    copy(
        &ws.path("output/keski-suomi/1.0"),
        &ws.path("output/keski-suomi/01.0"),
    );
    std::fs::create_dir_all(ws.path("output/javascript:alert(1)/1.0")).unwrap();
    let bad = ws.run(&["verify"]).expect(1);
    assert!(
        bad.stderr.contains("01.0\" holds the same version as"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("javascript:alert(1)"), "{}", bad.stderr);
    // Neither may be published.
    ws.run(&["publish"]).expect(1);
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn concurrent_builds_leave_only_records_that_match_their_manifests() {
    for _ in 0..3 {
        let ws = Workspace::with_examples();
        // Two versions of the county's YAML that differ in content, built at the same time.
        copy_tree(&ws.path("regions"), &ws.path("regions2"));
        let intro = ws.path("regions2/keski-suomi/sections/introduction.yaml");
        let text = std::fs::read_to_string(&intro).unwrap();
        std::fs::write(
            &intro,
            text.replacen("text: |", "text: |\n  Toinen sisältö.\n", 1),
        )
        .unwrap();
        let spawn = |regions: &str| {
            Command::new(env!("CARGO_BIN_EXE_rakeplan"))
                .args(["--regions", regions, "build", "keski-suomi"])
                .current_dir(&ws.root)
                .env("LANG", "C")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("regions"), spawn("regions2"));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let codes = [a.status.code(), b.status.code()];
        // One writes the record; the other finds it frozen with other content.
        assert!(
            codes.contains(&Some(0)) && codes.contains(&Some(1)),
            "{codes:?}"
        );
        ws.run(&["verify"]).expect(0);
        let pdf = pdf_text(&ws.path("output/keski-suomi/1.0/plan.pdf"));
        let json = String::from_utf8(read(&ws, "output/keski-suomi/1.0/plan.json")).unwrap();
        assert_eq!(
            pdf.contains("Toinen sisältö."),
            json.contains("Toinen sisältö."),
            "mixed record"
        );
        assert!(leftovers(&ws.path("output")).is_empty());
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_second_writer_waits_or_stops_with_no_wait() {
    let ws = Workspace::with_examples();
    std::fs::create_dir_all(ws.path("output")).unwrap();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(ws.path("output/.rakeplan.lock"))
        .unwrap();
    lock.lock().unwrap();
    let busy = ws.run(&["--no-wait", "build", "kainuu"]).expect(2);
    assert!(busy.stderr.contains("another rakeplan"), "{}", busy.stderr);
    ws.run(&["--no-wait", "publish"]).expect(2);
    let mut waiting = Command::new(env!("CARGO_BIN_EXE_rakeplan"))
        .args(["build", "kainuu"])
        .current_dir(&ws.root)
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(waiting.try_wait().unwrap().is_none(), "it did not wait");
    drop(lock);
    let out = waiting.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("waiting: another rakeplan"));
}

/// Runs rakeplan with `RAKEPLAN_CRASH_AT=point`, which dies there as `kill -9` would.
fn crash(ws: &Workspace, args: &[&str], point: &str) {
    let run = ws.run_with_env(args, &[("RAKEPLAN_CRASH_AT", point)]);
    assert_ne!(
        run.code, 0,
        "{point}: the run did not stop at the crash point"
    );
}

#[test]
fn a_build_killed_at_any_step_leaves_whole_versions_and_the_next_run_cleans_up() {
    for point in ["staged-files", "staged-manifest", "before-rename"] {
        let ws = Workspace::with_examples();
        crash(&ws, &["build", "keski-suomi"], point);
        // Either no version folder or a whole one; never half.
        assert!(!ws.path("output/keski-suomi/1.0").exists(), "{point}");
        ws.run(&["verify"]).expect(0);
        ws.run(&["build", "keski-suomi"]).expect(0);
        ws.run(&["verify"]).expect(0);
        assert!(leftovers(&ws.path("output")).is_empty(), "{point}");
    }
    // A draft that is replaced: the old draft or the new one, whole, at every step.
    for point in ["staged-manifest", "before-exchange", "after-exchange"] {
        let ws = Workspace::with_examples();
        ws.run(&["build", "kainuu"]).expect(0);
        let old = read(&ws, "output/kainuu/draft/plan.json");
        let intro = ws.path("regions/kainuu/sections/introduction.yaml");
        let text = std::fs::read_to_string(&intro).unwrap();
        std::fs::write(&intro, text.replacen("text: |", "text: |\n  Muutos.\n", 1)).unwrap();
        crash(&ws, &["build", "kainuu"], point);
        ws.run(&["verify", "kainuu"]).expect(0);
        let now = read(&ws, "output/kainuu/draft/plan.json");
        assert!(point == "after-exchange" || now == old, "{point}");
        ws.run(&["build", "kainuu"]).expect(0);
        assert!(
            leftovers(&ws.path("output")).is_empty(),
            "{point}: {:?}",
            leftovers(&ws.path("output"))
        );
    }
}

#[test]
fn a_publish_killed_at_any_step_always_leaves_a_site() {
    let ws = approved();
    ws.run(&["publish"]).expect(0);
    let index = read(&ws, "output/site/index.html");
    for point in ["site-staged", "before-exchange", "after-exchange"] {
        crash(&ws, &["publish"], point);
        assert_eq!(
            read(&ws, "output/site/index.html"),
            index,
            "{point}: no site"
        );
        ws.run(&["publish"]).expect(0);
        assert!(
            leftovers(&ws.path("output")).is_empty(),
            "{point}: {:?}",
            leftovers(&ws.path("output"))
        );
    }
}

#[test]
fn sigkill_at_random_moments_never_damages_the_record_or_the_site() {
    let ws = approved();
    ws.run(&["publish"]).expect(0);
    let intro = ws.path("regions/kainuu/sections/introduction.yaml");
    let text = std::fs::read_to_string(&intro).unwrap();
    for (i, delay) in [5u64, 20, 40, 60, 90, 120, 160, 220]
        .into_iter()
        .enumerate()
    {
        std::fs::write(
            &intro,
            text.replacen("text: |", &format!("text: |\n  Muutos {i}.\n"), 1),
        )
        .unwrap();
        for args in [&["build"][..], &["publish"][..]] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_rakeplan"))
                .args(args)
                .current_dir(&ws.root)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(delay));
            let _ = child.kill();
            let _ = child.wait();
            assert!(
                ws.path("output/site/index.html").is_file(),
                "no site after kill at {delay} ms"
            );
            ws.run(&["verify"]).expect(0);
        }
    }
    ws.run(&["build"]).expect(0);
    ws.run(&["publish"]).expect(0);
    assert!(
        leftovers(&ws.path("output")).is_empty(),
        "{:?}",
        leftovers(&ws.path("output"))
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_county_fifos_and_devices_are_refused_by_check() {
    use std::os::unix::fs::symlink;
    let cases: [(&str, &str); 4] = [
        ("regions/kainuu/templates/logo.png", "/proc/self/environ"),
        ("regions/kainuu/templates/secret.txt", "/etc/passwd"),
        ("regions/kainuu/sections/context.yaml", "/dev/zero"),
        ("regions/kainuu/region.yaml", "../keski-suomi/region.yaml"),
    ];
    for (file, target) in cases {
        let ws = Workspace::with_examples();
        let path = ws.path(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        symlink(target, &path).unwrap();
        let check = ws.run(&["check", "kainuu"]).expect(1);
        assert!(
            check.stderr.contains(file) && check.stderr.contains("outside"),
            "{file}: {}",
            check.stderr
        );
        ws.run(&["build", "kainuu"]).expect(1);
        assert!(
            !ws.path("output/kainuu").exists(),
            "{file}: something was built"
        );
    }
    // A FIFO among the sections must not hang check.
    let ws = Workspace::with_examples();
    let fifo = ws.path("regions/kainuu/sections/context.yaml");
    let _ = std::fs::remove_file(&fifo);
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_rakeplan"))
        .args(["check", "kainuu"])
        .current_dir(&ws.root)
        .env("LANG", "C")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut waited = 0;
    while child.try_wait().unwrap().is_none() {
        assert!(waited < 100, "check hangs on a FIFO");
        std::thread::sleep(Duration::from_millis(100));
        waited += 1;
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FIFO"));
}

#[test]
fn templates_cannot_read_the_environment() {
    let ws = Workspace::with_examples();
    let page = std::fs::read_to_string(ws.path("plan-template/templates/plan.html.tera")).unwrap();
    let evil = page.replacen("<body", "{{ get_env(name=\"RAKEPLAN_SECRET\") }}<body", 1);
    ws.write("regions/kainuu/templates/plan.html.tera", &evil);
    let run = ws.run_with_env(
        &["build", "kainuu"],
        &[("RAKEPLAN_SECRET", "tokentoken123")],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("get_env() is not available"),
        "{}",
        run.stderr
    );
    let all = ws.output_hashes();
    for (path, _) in all {
        let bytes = read(&ws, &path);
        assert!(
            !String::from_utf8_lossy(&bytes).contains("tokentoken123"),
            "{path}"
        );
    }
}

#[test]
fn names_that_would_become_paths_or_links_are_refused_everywhere() {
    let ws = Workspace::with_examples();
    ws.copy_region("kainuu", "javascript:void(alert(1))");
    let run = ws.run(&["build"]).expect(2);
    assert!(
        run.stderr.contains("cannot be a county folder name"),
        "{}",
        run.stderr
    );
    assert!(!ws.path("output").join("javascript:void(alert(1))").exists());
    std::fs::remove_dir_all(ws.path("regions/javascript:void(alert(1))")).unwrap();

    let region = ws.path("regions/kainuu/region.yaml");
    let text = std::fs::read_to_string(&region).unwrap();
    std::fs::write(
        &region,
        text.replacen("languages: [fi]", "languages: [fi, \"<b>\"]", 1),
    )
    .unwrap();
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("\"<b>\" is not a language"),
        "{}",
        run.stderr
    );
    std::fs::write(&region, text).unwrap();

    let plan = ws.path("regions/keski-suomi/plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let zeros = text.replacen("version: \"1.0\"", "version: \"01.0\"", 1);
    assert_ne!(zeros, text, "the example's version line changed");
    std::fs::write(&plan, zeros).unwrap();
    let run = ws.run(&["check", "keski-suomi"]).expect(1);
    assert!(
        run.stderr.contains("leading zeros") && run.stderr.contains("\"1.0\""),
        "{}",
        run.stderr
    );
    std::fs::write(&plan, text).unwrap();

    ws.run(&["build", "keski-suomi"]).expect(0);
    let run = ws
        .run(&["build", "kainuu", "--redline-against", "/etc"])
        .expect(2);
    assert!(
        run.stderr
            .contains("--redline-against takes a stored version"),
        "{}",
        run.stderr
    );
    ws.run(&["diff", "../regions", "1.0", "worktree"]).expect(2);
    // Versions compare by value: 1.0.0 finds 1.0.
    ws.run(&["diff", "keski-suomi", "1.0.0", "1.0"]).expect(0);
    ws.run(&["new", "site", "--name", "X"]).expect(2);
}

#[test]
fn check_finds_what_build_cannot_set_at_its_line() {
    let nested_emphasis = format!("{}keskellä{}", "*a ~~b ".repeat(40), " b~~ a*".repeat(40));
    let cases: [(&str, &str); 7] = [
        (&nested_emphasis, "nested more than 10 levels"),
        ("Hakemus 申请 on tehty.", "'申' (U+7533)"),
        ("Thai: สวัสดี", "(U+0E2A)"),
        ("Korea: 안녕하세요", "(U+C548)"),
        ("Amhara: ሰላም", "(U+1230)"),
        (&"pitkä".repeat(100), "characters long"),
        ("", "nested more than 8 levels"),
    ];
    for (text, says) in cases {
        let ws = Workspace::with_examples();
        let body = if text.is_empty() {
            (0..40)
                .map(|i| format!("  {}- taso\n", "  ".repeat(i)))
                .collect::<String>()
        } else {
            format!("  Ensimmäinen rivi.\n\n  {text}\n")
        };
        ws.write(
            "regions/kainuu/sections/context.yaml",
            &format!("# toimintaympäristö\ntext: |\n{body}"),
        );
        let check = ws.run(&["check", "kainuu"]).expect(1);
        assert!(check.stderr.contains(says), "{says}: {}", check.stderr);
        let line = if text.is_empty() { 11 } else { 5 };
        assert!(
            check.stderr.contains(&format!("context.yaml:{line}:")),
            "{says}: wrong line: {}",
            check.stderr
        );
        ws.run(&["build", "kainuu"]).expect(1);
    }
}

#[test]
fn big_inputs_get_a_clear_answer_naming_the_file() {
    let ws = Workspace::with_examples();
    let file = "regions/kainuu/sections/context.yaml";
    // 10 MB of text.
    let big = format!(
        "text: |\n{}",
        "  sana sana sana sana sana sana sana sana sana\n".repeat(220_000)
    );
    ws.write(file, &big);
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains(file) && run.stderr.contains("the limit is 512 KB"),
        "{}",
        run.stderr
    );
    // A big Markdown table within the file size limit.
    let mut table = String::from("text: |\n  | a | b | c |\n  |---|---|---|\n");
    for i in 0..5000 {
        table.push_str(&format!("  | {i} | x | y |\n"));
    }
    ws.write(file, &table);
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("this table has 5000 rows"),
        "{}",
        run.stderr
    );
    // Within each file's limit, but too much for one plan together.
    let para = format!("  {}\n\n", "sosiaalityö ".repeat(60));
    let body = format!("text: |\n{}", para.repeat(400 * 1024 / para.len()));
    for section in ["context", "introduction", "cooperation"] {
        ws.write(&format!("regions/kainuu/sections/{section}.yaml"), &body);
    }
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("a plan may be at most 1024 KB"),
        "{}",
        run.stderr
    );
    let mut tables = String::from("text: |\n");
    for _ in 0..5 {
        tables.push_str(&format!(
            "  |{}\n  |{}\n",
            " a |".repeat(12),
            "---|".repeat(12)
        ));
        tables.push_str(&format!("  |{}\n", " x |".repeat(12)).repeat(100));
        tables.push('\n');
    }
    for section in ["context", "introduction", "cooperation"] {
        ws.write(
            &format!("regions/kainuu/sections/{section}.yaml"),
            "text: Lyhyt.\n",
        );
    }
    ws.write(file, &tables);
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("a plan may have at most 5000"),
        "{}",
        run.stderr
    );
    // 10k-deep lists are not an alias bomb.
    ws.write(file, &format!("{}x\n", "- ".repeat(10_000)));
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("too deeply") && !run.stderr.contains("aliases"),
        "{}",
        run.stderr
    );
    // A 100k-member list is too long, not an alias bomb.
    let members: String = (0..100_000).map(|_| "- a\n").collect();
    ws.write(
        "regions/kainuu/sections/working-group.yaml",
        &format!("members:\n{members}"),
    );
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("100000 items") && !run.stderr.contains("aliases"),
        "{}",
        run.stderr
    );
}
