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
    ws.copy_region("kainuu", "broken");
    let plan = std::fs::read_to_string(ws.path("regions/broken/plan.yaml")).unwrap();
    ws.write(
        "regions/broken/plan.yaml",
        &plan.replace("status: approved", "statsu: approved"),
    );
    ws.write(
        "regions/broken/sections/goals.yaml",
        "text: \"unterminated\n",
    );
    std::fs::remove_file(ws.path("regions/broken/sections/competence.yaml")).unwrap();
    let run = ws.run(&["check", "broken"]).expect(1);
    let err = &run.stderr;
    assert!(err.contains("unknown key \"statsu\" in plan.yaml"), "{err}");
    assert!(err.contains("did you mean \"status\"?"), "{err}");
    assert!(err.contains("regions/broken/plan.yaml:3:1"), "{err}");
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

#[test]
fn file_that_is_not_utf8_names_the_byte() {
    let ws = Workspace::with_examples();
    std::fs::write(
        ws.path("regions/kainuu/sections/goals.yaml"),
        b"text: p\xe4\xe4m\xe4\xe4r\xe4\n",
    )
    .unwrap();
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr
            .contains("is not valid UTF-8 text (first bad byte at offset 7)"),
        "{}",
        run.stderr
    );
}
