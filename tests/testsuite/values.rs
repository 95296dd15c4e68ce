//! `rakeplan values import` (issue 25): measured values from a CSV or a Sotkanet download
//! into a county's indicators, comments and layout kept, all or nothing, an approved version
//! refused, every bad row named by its line.

use crate::support::Workspace;

const MONITORING: &str = "regions/kainuu/sections/monitoring.yaml";

fn read(ws: &Workspace, rel: &str) -> String {
    std::fs::read_to_string(ws.path(rel)).unwrap()
}

#[test]
fn a_csv_of_codes_and_ids_goes_into_the_plan_keeping_its_comments() {
    let ws = Workspace::with_examples();
    // A planner's comment beside a block of values stays where it is.
    ws.edit(
        MONITORING,
        "    values:\n      2024: 40\n      2025: 52\n",
        "    values:\n      # yksikkörekisteristä\n      2024: 40\n      2025: 52 # alustava\n",
    );
    let before = read(&ws, MONITORING);
    ws.write(
        "arvot.csv",
        "code;year;value\nsotkanet:5;2025;9,4\nraportoivat-yksikot;2025;53\nraportoivat-yksikot;2026;60,5\nraportit-maara;2024;41\n",
    );
    let run = ws
        .run(&["values", "import", "arvot.csv", "--county", "kainuu"])
        .expect(0);
    assert!(
        run.stdout
            .contains("toimeentulotuki-25-64: added 2025: 9.4"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("raportoivat-yksikot: changed 2025: 52 → 53"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("raportoivat-yksikot: added 2026: 60.5"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1 value(s) as before"),
        "{}",
        run.stdout
    );
    let after = read(&ws, MONITORING);
    assert!(
        after.contains("    values: {2023: 8.6, 2024: 9.1, 2025: 9.4}\n"),
        "{after}"
    );
    assert!(
        after.contains("    values:\n      # yksikkörekisteristä\n      2024: 40\n      2025: 53 # alustava\n      2026: 60.5\n"),
        "{after}"
    );
    // Nothing else moved: undo the three values and the file is as it was.
    let restored = after
        .replace(
            "{2023: 8.6, 2024: 9.1, 2025: 9.4}",
            "{2023: 8.6, 2024: 9.1}",
        )
        .replace(
            "2025: 53 # alustava\n      2026: 60.5\n",
            "2025: 52 # alustava\n",
        );
    assert_eq!(restored, before);
    // The plan checks and shows the new values.
    ws.run(&["check", "kainuu"]).expect(0);
    // The same file again changes nothing.
    let again = ws
        .run(&["values", "import", "arvot.csv", "--county", "kainuu"])
        .expect(0);
    assert!(
        again.stdout.contains("nothing to change"),
        "{}",
        again.stdout
    );
    assert_eq!(read(&ws, MONITORING), after);
}

#[test]
fn a_sotkanet_download_gives_the_countys_own_total_rows() {
    let ws = Workspace::with_examples();
    // As Sotkanet's CSV: semicolons, decimal commas, every region and gender asked for,
    // an empty (suppressed) value, a column Excel added.
    ws.write(
        "sotkanet.csv",
        "indicator;region;year;gender;primary value;absolute value\n\
         5;Kainuun hyvinvointialue;2025;total;9,6;2400\n\
         5;Kainuun hyvinvointialue;2025;male;10,1;1300\n\
         5;Soite;2025;total;6,4;1900\n\
         5;Kainuun hyvinvointialue;2022;total;;\n",
    );
    let run = ws
        .run(&[
            "values",
            "import",
            "sotkanet.csv",
            "--county",
            "kainuu",
            "--dry-run",
        ])
        .expect(0);
    assert!(run.stdout.contains("added 2025: 9.6"), "{}", run.stdout);
    assert!(run.stdout.contains("nothing written"), "{}", run.stdout);
    assert!(!read(&ws, MONITORING).contains("2025: 9.6"));
    ws.run(&["values", "import", "sotkanet.csv", "--county", "kainuu"])
        .expect(0);
    assert!(read(&ws, MONITORING).contains("values: {2023: 8.6, 2024: 9.1, 2025: 9.6}"));
    // Keski-Pohjanmaa's rows are under a name that is not the county's: it is named on
    // the command line.
    let kp = "regions/keski-pohjanmaa/sections/monitoring.yaml";
    let run = ws
        .run(&[
            "values",
            "import",
            "sotkanet.csv",
            "--county",
            "keski-pohjanmaa",
        ])
        .expect(1);
    assert!(run.stderr.contains("--region"), "{}", run.stderr);
    ws.run(&[
        "values",
        "import",
        "sotkanet.csv",
        "--county",
        "keski-pohjanmaa",
        "--region",
        "SOITE",
    ])
    .expect(0);
    assert!(read(&ws, kp).contains("values: {2023: 5.9, 2024: 6.3, 2025: 6.4}"));
}

#[test]
fn bad_rows_are_each_named_and_nothing_is_written() {
    let ws = Workspace::with_examples();
    let before = read(&ws, MONITORING);
    ws.write(
        "arvot.csv",
        "code,year,value\n\
         raportit-maara,2026,61\n\
         raportit-maara,20x6,3\n\
         raportoivat-yksikot,2026,paljon\n\
         sotkanet:999999,2025,1\n\
         raportit-mara,2025,1\n\
         raportit-maara,2026,62\n",
    );
    let run = ws
        .run_with_env(
            &["values", "import", "arvot.csv", "--county", "kainuu"],
            &[("LANG", "fi_FI.UTF-8")],
        )
        .expect(1);
    for line in ["rivi 3:", "rivi 4:", "rivi 5:", "rivi 6:", "rivi 7:"] {
        assert!(run.stderr.contains(line), "{line}: {}", run.stderr);
    }
    assert!(!run.stderr.contains("rivi 2:"), "{}", run.stderr);
    assert!(run.stderr.contains("arvot.csv:4:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("tarkoititko \"raportit-maara\"?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("mitään ei kirjoitettu"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&ws, MONITORING), before);
}

#[test]
fn an_approved_version_is_a_record_and_keeps_its_values() {
    let ws = Workspace::with_examples();
    let file = "regions/keski-suomi/sections/monitoring.yaml";
    let before = read(&ws, file);
    ws.write("arvot.csv", "code,year,value\nx,2025,1\n");
    let run = ws
        .run(&["values", "import", "arvot.csv", "--county", "keski-suomi"])
        .expect(1);
    assert!(run.stderr.contains("is approved"), "{}", run.stderr);
    assert!(
        run.stderr.contains("rakeplan next keski-suomi"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&ws, file), before);
    // A file that is not there, or not a file, is said plainly (exit 2).
    let run = ws
        .run(&["values", "import", "puuttuu.csv", "--county", "kainuu"])
        .expect(2);
    assert!(
        run.stderr.contains("cannot read \"puuttuu.csv\""),
        "{}",
        run.stderr
    );
    ws.run(&["values", "import", "regions", "--county", "kainuu"])
        .expect(2);
}

#[test]
fn excel_files_in_windows_1252_and_a_column_per_year_are_read() {
    let ws = Workspace::with_examples();
    let mut bytes = b"Raportti \xe4\xe4ni\nmittari;2024;2025\n".to_vec();
    bytes.extend_from_slice(b"raportit-maara;41;59\n");
    std::fs::write(ws.path("leveä.csv"), bytes).unwrap();
    let run = ws
        .run(&["values", "import", "leveä.csv", "--county", "kainuu"])
        .expect(0);
    assert!(run.stdout.contains("windows-1252"), "{}", run.stdout);
    assert!(
        run.stdout.contains("raportit-maara: changed 2025: 58 → 59"),
        "{}",
        run.stdout
    );
    assert!(read(&ws, MONITORING).contains("values: {2024: 41, 2025: 59}"));
}
