//! Only `build` writes into the store, and only `publish` replaces a site (issue 21): every
//! other command that writes refuses a target in the store or through a link out of its
//! folder, and `publish` removes nothing beside its site but what it made, and replaces only
//! a folder its own marker names.

use crate::support::Workspace;

fn with_store() -> Workspace {
    let ws = Workspace::with_examples();
    ws.run(&["build", "kainuu"]).expect(0);
    ws
}

#[test]
fn commands_other_than_build_refuse_targets_in_the_store() {
    let ws = with_store();
    let before = ws.output_hashes();
    let attempts: [&[&str]; 8] = [
        &[
            "diff",
            "kainuu",
            "regions/kainuu",
            "regions/keski-suomi",
            "-o",
            "output/kainuu/draft/plan.html",
        ],
        &[
            "diff",
            "kainuu",
            "regions/kainuu",
            "regions/keski-suomi",
            "-o",
            "regions/../output/x.txt",
        ],
        &["schema", "--write", "output/kainuu/draft"],
        &["schema", "--write", "output"],
        &["template", "export", "output"],
        &["template", "export", "output/kainuu"],
        &["init", "output/uusi", "--county", "uusi", "--name", "Uusi"],
        &[
            "--regions",
            "output",
            "new",
            "kainuu2",
            "--name",
            "Kainuu 2",
        ],
    ];
    for args in attempts {
        let run = ws.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("only `rakeplan build` writes there"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(ws.output_hashes(), before, "the store changed");
    assert!(!ws.path("output/x.txt").exists() && !ws.path("output/uusi").exists());
}

#[cfg(unix)]
#[test]
fn export_and_init_write_nothing_through_links() {
    let ws = Workspace::empty();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(ws.path("pohja")).unwrap();
    std::os::unix::fs::symlink(outside.path(), ws.path("pohja/templates")).unwrap();
    let run = ws.run(&["template", "export", "pohja"]).expect(2);
    assert!(run.stderr.contains("is a symbolic link"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "wrote outside"
    );

    let ws = Workspace::empty();
    std::os::unix::fs::symlink(outside.path(), ws.path(".vscode")).unwrap();
    let run = ws.run(&["init", "--county", "uusi", "--name", "Uusi"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "wrote outside"
    );
}

#[test]
fn publish_removes_nothing_beside_the_site_and_replaces_only_its_own() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let others = [
        ".backup.tmp/tiedosto",
        ".notes.tmp",
        ".site.old-2024/index.html",
        ".site.new-1/a",
    ];
    for name in others {
        ws.write(&format!("pub/{name}"), "ylläpitäjän");
    }
    ws.run(&["publish", "--site", "pub/site"]).expect(0);
    ws.run(&["publish", "--site", "pub/site"]).expect(0);
    for name in others {
        assert!(
            ws.path(&format!("pub/{name}")).exists(),
            "{name} was removed"
        );
    }
    // A folder whose front page merely says rakeplan made it is not replaced.
    ws.write(
        "pub/toinen/index.html",
        "<meta name=\"generator\" content=\"rakeplan 0.1.0\"> ylläpitäjän sivu",
    );
    let run = ws.run(&["publish", "--site", "pub/toinen"]).expect(2);
    assert!(
        run.stderr.contains("is not a site rakeplan published"),
        "{}",
        run.stderr
    );
    assert!(
        std::fs::read_to_string(ws.path("pub/toinen/index.html"))
            .unwrap()
            .contains("ylläpitäjän sivu")
    );
}
