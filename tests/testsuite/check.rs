//! `rakeplan check` and the checks `build` runs first: problems named with file, line and a
//! hint, every problem in one run, and nothing written when there are errors.

use crate::support::Workspace;

#[test]
fn examples_pass_check() {
    let ws = Workspace::with_examples();
    let run = ws.run(&["check"]).expect(0);
    assert!(run.stderr.contains("kainuu: ok"), "{}", run.stderr);
}

#[test]
fn check_reports_every_problem_with_file_and_line() {
    let ws = Workspace::with_examples();
    county_with_three_mistakes(&ws);
    let run = ws.run(&["check", "broken"]).expect(1);
    let err = &run.stderr;
    assert!(err.contains("unknown key \"statsu\" in plan.yaml"), "{err}");
    assert!(err.contains("did you mean \"status\"?"), "{err}");
    assert!(err.contains("regions/broken/plan.yaml:4:1"), "{err}");
    assert!(err.contains("regions/broken/sections/goals.yaml:"), "{err}");
    assert!(err.contains("this is not valid YAML"), "{err}");
    assert!(err.contains("the required section \"competence\""), "{err}");
    assert!(
        err.contains("regions/broken/sections/competence.yaml"),
        "{err}"
    );
}

#[test]
fn build_with_errors_writes_nothing() {
    let ws = Workspace::with_examples();
    ws.copy_region("kainuu", "broken");
    ws.write("regions/broken/sections/goals.yaml", "tekst: x\n");
    let run = ws.run(&["build"]).expect(1);
    assert!(run.stderr.contains("nothing was built"), "{}", run.stderr);
    assert!(!ws.path("output").exists());
}

#[test]
fn unknown_county_is_a_usage_error() {
    let ws = Workspace::with_examples();
    let run = ws.run(&["build", "kainu"]).expect(2);
    assert!(
        run.stderr.contains("did you mean \"kainuu\"?"),
        "{}",
        run.stderr
    );
}

/// A file saved as Latin-1 ("ANSI" in Notepad), as Finnish text often is: the line and
/// column of the first stray character, the line shown with that encoding's letters, and
/// what to do; a UTF-16 file ("Unicode" in Notepad) is named as such.
#[test]
fn file_that_is_not_utf8_names_the_line_and_the_encoding() {
    let ws = Workspace::with_examples();
    let goals = ws.path("regions/kainuu/sections/goals.yaml");
    std::fs::write(&goals, b"# Tavoitteet\ntext: p\xe4\xe4m\xe4\xe4r\xe4\n").unwrap();
    let run = ws.run(&["check", "kainuu"]).expect(1);
    for part in [
        "is not UTF-8 text: line 2, column 8",
        "goals.yaml:2:8",
        "text: päämäärä",
        "Latin-1 or Windows-1252",
        "save the file as UTF-8",
    ] {
        assert!(run.stderr.contains(part), "{part}:\n{}", run.stderr);
    }
    std::fs::write(&goals, b"\xff\xfet\x00e\x00x\x00t\x00").unwrap();
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(run.stderr.contains("is saved as UTF-16"), "{}", run.stderr);
}

#[test]
fn new_county_checks_with_warnings_and_builds_as_a_draft() {
    let ws = Workspace::with_examples();
    let run = ws
        .run(&[
            "new",
            "pohjois-savo",
            "--name",
            "Pohjois-Savon hyvinvointialue",
        ])
        .expect(0);
    assert!(
        run.stdout.contains("created regions/pohjois-savo/"),
        "{}",
        run.stdout
    );
    let goals =
        std::fs::read_to_string(ws.path("regions/pohjois-savo/sections/goals.yaml")).unwrap();
    assert!(goals.starts_with(
        "# yaml-language-server: $schema=../../../plan-template/schema/goals.schema.json\n"
    ));
    assert!(
        goals.contains("# Ohje: Kirjaa rakenteellisen sosiaalityön tavoitteet"),
        "{goals}"
    );
    let check = ws.run(&["check", "pohjois-savo"]).expect(0);
    assert!(
        check.stderr.contains("warning: this file still holds"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("pohjois-savo: ok"),
        "{}",
        check.stderr
    );
    assert!(!check.stderr.contains("error"), "{}", check.stderr);
    ws.run(&["build", "pohjois-savo"]).expect(0);
    let pdf = ws.path("output/pohjois-savo/draft/plan.pdf");
    let text = crate::support::pdf_text(&pdf);
    assert!(
        text.contains("Pohjois-Savon hyvinvointialue") && text.contains("Luonnos"),
        "{text}"
    );
    let html = std::fs::read_to_string(ws.path("output/pohjois-savo/draft/plan.html")).unwrap();
    assert!(html.contains("banner-draft"));
    // A second `new` with the same name refuses and keeps the files.
    let again = ws.run(&["new", "pohjois-savo", "--name", "X"]).expect(2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

#[test]
fn committed_schemas_match_the_template() {
    let ws = Workspace::with_examples();
    ws.run(&["schema", "--write", "fresh-schema"]).expect(0);
    let fresh = ws.path("fresh-schema");
    let written: Vec<_> = walkdir::WalkDir::new(&fresh)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .collect();
    // Finnish at the top, Swedish and English in their folders, 16 files each.
    assert_eq!(written.len(), 3 * 16, "{written:?}");
    for entry in written {
        let committed = crate::support::repo()
            .join("plan-template/schema")
            .join(entry.path().strip_prefix(&fresh).unwrap());
        assert_eq!(
            std::fs::read_to_string(entry.path()).unwrap(),
            std::fs::read_to_string(&committed).unwrap_or_default(),
            "{} is stale: run `cargo run -- schema --write plan-template/schema`",
            committed.display()
        );
    }
}

#[test]
fn example_counties_satisfy_the_schema() {
    let ws = Workspace::with_examples();
    let schema_of = |target: &str| -> serde_json::Value {
        serde_json::from_str(&ws.run(&["schema", target]).expect(0).stdout).unwrap()
    };
    let mut checked = 0;
    for county in ["kainuu", "keski-pohjanmaa", "keski-suomi", "pohjanmaa"] {
        let dir = ws.path(&format!("regions/{county}"));
        let mut files = vec![
            ("region".to_owned(), dir.join("region.yaml")),
            ("plan".to_owned(), dir.join("plan.yaml")),
        ];
        for entry in std::fs::read_dir(dir.join("sections")).unwrap() {
            let path = entry.unwrap().path();
            files.push((
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                path,
            ));
        }
        for (target, path) in files {
            let validator = jsonschema::validator_for(&schema_of(&target)).unwrap();
            let instance: serde_json::Value =
                serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&instance)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            // The schema is strict: a misspelt key fails it.
            let mut bad = instance.clone();
            bad.as_object_mut()
                .unwrap()
                .insert("statsu".into(), serde_json::json!(1));
            assert!(!validator.is_valid(&bad));
            checked += 1;
        }
    }
    assert_eq!(checked, 60);
}

#[test]
fn check_finds_broken_references_dates_and_ids() {
    let ws = Workspace::with_examples();
    let path = ws.path("regions/kainuu/sections/focus-areas.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let first_ref = text
        .find("indicators: [")
        .map(|i| i + "indicators: [".len())
        .unwrap();
    let mut broken = text.clone();
    broken.insert_str(first_ref, "olematon-mittari, ");
    std::fs::write(&path, broken).unwrap();
    let plan = std::fs::read_to_string(ws.path("regions/kainuu/plan.yaml")).unwrap();
    ws.write(
        "regions/kainuu/plan.yaml",
        &plan.replacen("date: 2025-03-31", "date: 2025-02-30", 1),
    );
    let cycle =
        std::fs::read_to_string(ws.path("regions/kainuu/sections/reporting-cycle.yaml")).unwrap();
    let cycle = cycle.replacen(
        "month: ",
        "month: \"13\"\n    activity: x\n    owner: x\n  - month: ",
        1,
    );
    ws.write("regions/kainuu/sections/reporting-cycle.yaml", &cycle);
    ws.write("regions/kainuu/sections/goalz.yaml", "text: x\n");
    let run = ws.run(&["check", "kainuu"]).expect(1);
    let err = &run.stderr;
    assert!(
        err.contains("refers to the indicator \"olematon-mittari\", which does not exist"),
        "{err}"
    );
    assert!(err.contains("\"2025-02-30\" is not a real date"), "{err}");
    assert!(err.contains("month \"13\" is not a month"), "{err}");
    assert!(
        err.contains("the template has no section \"goalz\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"goals.yaml\"?"), "{err}");
}

#[test]
fn duplicate_ids_are_errors() {
    let ws = Workspace::with_examples();
    let path = ws.path("regions/kainuu/sections/monitoring.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("  - id: ").unwrap();
    let first_id_line = text[start..].lines().next().unwrap().to_owned();
    let second = text[start + 1..].find("  - id: ").unwrap() + start + 1;
    let second_line = text[second..].lines().next().unwrap().to_owned();
    std::fs::write(&path, text.replacen(&second_line, &first_id_line, 1)).unwrap();
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(run.stderr.contains("appears twice"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("regions/kainuu/sections/monitoring.yaml:"),
        "{}",
        run.stderr
    );
}

#[test]
fn alias_bombs_are_refused_quickly() {
    let ws = Workspace::with_examples();
    let mut bomb = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("text: *i\n");
    ws.write("regions/kainuu/sections/goals.yaml", &bomb);
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("regions/kainuu/sections/goals.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("grows too large when read"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("aliases (*name)"), "{}", run.stderr);
}

#[test]
fn broken_county_templates_are_reported_with_file_and_line() {
    let ws = Workspace::with_examples();
    ws.write(
        "regions/kainuu/templates/plan.typ",
        "#let doc = json(\"/plan.json\")\n\n#doc.missing-field\n",
    );
    let run = ws.run(&["build", "kainuu"]).expect(2);
    assert!(
        run.stderr.contains("regions/kainuu/templates/plan.typ:3:"),
        "{}",
        run.stderr
    );
    assert!(!ws.path("output/kainuu").exists());

    let ws = Workspace::with_examples();
    ws.write(
        "regions/kainuu/templates/plan.html.tera",
        "<html>\n{% for x in %}\n</html>\n",
    );
    let run = ws.run(&["build", "kainuu"]).expect(2);
    assert!(
        run.stderr
            .contains("regions/kainuu/templates/plan.html.tera"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2:"), "{}", run.stderr);
    assert!(!ws.path("output/kainuu").exists());
}

/// A copy of kainuu with the three mistakes of the issue, each in its own file: a misspelt
/// key in plan.yaml, a broken quote in goals.yaml and the required competence.yaml deleted.
fn county_with_three_mistakes(ws: &Workspace) {
    ws.copy_region("kainuu", "broken");
    let plan = std::fs::read_to_string(ws.path("regions/broken/plan.yaml")).unwrap();
    ws.write(
        "regions/broken/plan.yaml",
        &plan.replace("status: ", "statsu: "),
    );
    ws.write(
        "regions/broken/sections/goals.yaml",
        "text: \"unterminated\n",
    );
    std::fs::remove_file(ws.path("regions/broken/sections/competence.yaml")).unwrap();
}

/// The three mistakes, named in Finnish with their files and lines.
fn assert_finnish_report(err: &str) {
    assert!(
        err.contains("tuntematon avain \"statsu\" tiedostossa plan.yaml"),
        "{err}"
    );
    assert!(err.contains("vihje: tarkoititko \"status\"?"), "{err}");
    assert!(err.contains("regions/broken/plan.yaml:4:1"), "{err}");
    assert!(
        err.contains("virhe: tiedosto ei ole kelvollista YAMLia"),
        "{err}"
    );
    assert!(
        err.contains("vihje: tarkista lainausmerkit, kaksoispisteet ja sisennykset"),
        "{err}"
    );
    assert!(
        err.contains("regions/broken/sections/goals.yaml:1:7"),
        "{err}"
    );
    assert!(
        err.contains("pakollinen luku \"competence\" (Osaamisen vahvistaminen) puuttuu"),
        "{err}"
    );
    assert!(
        err.contains("--> regions/broken/sections/competence.yaml"),
        "{err}"
    );
    assert!(err.contains("broken: 3 virhettä"), "{err}");
    // Nothing of ours is left in English.
    for english in [
        "unknown key",
        "hint:",
        "did you mean",
        "not valid YAML",
        "error(s)",
    ] {
        assert!(!err.contains(english), "{english:?} in\n{err}");
    }
}

#[test]
fn check_speaks_finnish_with_lang_fi() {
    let ws = Workspace::with_examples();
    county_with_three_mistakes(&ws);
    let run = ws.run(&["--lang", "fi", "check", "broken"]).expect(1);
    assert_finnish_report(&run.stderr);
    // The option may also follow the subcommand.
    let run = ws.run(&["check", "broken", "--lang", "fi"]).expect(1);
    assert_finnish_report(&run.stderr);
}

#[test]
fn check_speaks_finnish_when_the_locale_is_finnish() {
    let ws = Workspace::with_examples();
    county_with_three_mistakes(&ws);
    let run = ws
        .run_with_env(&["check", "broken"], &[("LANG", "fi_FI.UTF-8")])
        .expect(1);
    assert_finnish_report(&run.stderr);
    // LC_MESSAGES comes before LANG, LC_ALL before both, and --lang before the environment.
    let run = ws
        .run_with_env(
            &["check", "broken"],
            &[("LANG", "en_GB.UTF-8"), ("LC_MESSAGES", "fi_FI.UTF-8")],
        )
        .expect(1);
    assert_finnish_report(&run.stderr);
    let run = ws
        .run_with_env(
            &["check", "broken"],
            &[("LC_MESSAGES", "fi_FI.UTF-8"), ("LC_ALL", "C.UTF-8")],
        )
        .expect(1);
    assert!(
        run.stderr.contains("unknown key \"statsu\" in plan.yaml"),
        "{}",
        run.stderr
    );
    let run = ws
        .run_with_env(
            &["--lang", "en", "check", "broken"],
            &[("LANG", "fi_FI.UTF-8")],
        )
        .expect(1);
    assert!(
        run.stderr.contains("unknown key \"statsu\" in plan.yaml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("broken: 3 errors"), "{}", run.stderr);
}

/// Editing an approved version that is stored as the county's record: `check` warns at once
/// that `build` will not change the record and names both ways forward (the edits into the
/// next version, or undone), instead of leaving the news to the build.
#[test]
fn editing_a_stored_approved_version_is_warned_about() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let clean = ws.run(&["check", "keski-suomi"]).expect(0);
    assert!(!clean.stderr.contains("warning"), "{}", clean.stderr);
    ws.edit(
        "regions/keski-suomi/sections/goals.yaml",
        "text: |\n",
        "text: |\n  Lisäys.\n\n",
    );
    let run = ws.run(&["check", "keski-suomi"]).expect(0);
    for part in [
        "warning: version 1.0 is approved and stored in \"output/keski-suomi/1.0\"",
        "regions/keski-suomi/plan.yaml",
        "`rakeplan next keski-suomi`",
        "keski-suomi: ok, 1 warning",
    ] {
        assert!(run.stderr.contains(part), "{part}:\n{}", run.stderr);
    }
    // A draft has no record to keep: no such warning.
    let run = ws.run(&["check", "kainuu"]).expect(0);
    assert!(
        !run.stderr.contains("is approved and stored"),
        "{}",
        run.stderr
    );
}
