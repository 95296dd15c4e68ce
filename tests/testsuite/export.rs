//! The national dataset (issue 25): every county's plan in force, read from the verified
//! store, as CSV (plain and for Finnish Excel), JSON that validates against its own schema,
//! and a data dictionary; the same store gives the same bytes.

use crate::support::Workspace;

fn read(ws: &Workspace, rel: &str) -> String {
    std::fs::read_to_string(ws.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_plans_in_force_as_tables_with_their_dictionary() {
    let ws = Workspace::with_examples();
    ws.run(&["build"]).expect(0);
    let run = ws.run(&["export", "--dir", "vienti"]).expect(0);
    assert!(run.stdout.contains("→ vienti/"), "{}", run.stdout);
    // Only Keski-Suomi has an approved version in this store: drafts are left out.
    let counties = read(&ws, "vienti/counties.csv");
    let mut lines = counties.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("county,version,status,name_fi,name_sv")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{counties}");
    assert!(rows[0].starts_with("keski-suomi,1.0,approved,Keski-Suomen hyvinvointialue"));
    let actions = read(&ws, "vienti/actions.csv");
    assert!(actions.lines().count() > 3, "{actions}");
    assert!(
        actions
            .lines()
            .skip(1)
            .all(|l| l.starts_with("keski-suomi,1.0,"))
    );
    // Every table, for Finnish Excel: a byte-order mark, semicolons, decimal commas.
    let excel = std::fs::read(ws.path("vienti/excel/counties.csv")).unwrap();
    assert!(excel.starts_with("\u{feff}county;version;status".as_bytes()));
    // With the drafts, every county.
    ws.run(&["export", "--dir", "vienti", "--drafts"]).expect(0);
    let counties = read(&ws, "vienti/counties.csv");
    for slug in ["kainuu", "keski-pohjanmaa", "keski-suomi", "pohjanmaa"] {
        assert!(
            counties.contains(&format!("\n{slug},")),
            "{slug}: {counties}"
        );
    }
    // A Swedish-first county's names in both languages.
    assert!(
        counties.contains("Österbottens välfärdsområde"),
        "{counties}"
    );
    let values = read(&ws, "vienti/indicator_values.csv");
    assert!(values.lines().count() > 1, "no measured values: {values}");
    let dictionary = read(&ws, "vienti/DATA-DICTIONARY.md");
    for table in [
        "counties",
        "handlings",
        "focus_areas",
        "actions",
        "indicators",
        "indicator_values",
        "reporting_cycle",
        "group_members",
        "partners",
    ] {
        assert!(dictionary.contains(&format!("## {table}")), "{table}");
        assert!(ws.path(&format!("vienti/{table}.csv")).is_file(), "{table}");
    }
    assert!(
        dictionary.contains("Hyvinvointialueen tunnus") && dictionary.contains("County identifier")
    );
}

#[test]
fn a_planners_text_that_looks_like_a_formula_stays_text_in_excel() {
    let ws = Workspace::with_examples();
    let path = "regions/kainuu/sections/focus-areas.yaml";
    let text = read(&ws, path);
    let hostile = text.replacen("    name: Tietotyö", "    name: \"=HYPERLINK(1;2)\"", 1);
    assert_ne!(hostile, text);
    ws.write(path, &hostile);
    ws.run(&["build", "kainuu"]).expect(0);
    ws.run(&["export", "--dir", "v", "--drafts"]).expect(0);
    let excel = read(&ws, "v/excel/focus_areas.csv");
    assert!(excel.contains("\"'=HYPERLINK(1;2)\""), "{excel}");
    // The plain CSV keeps the text as written.
    assert!(read(&ws, "v/focus_areas.csv").contains(",=HYPERLINK(1;2),"));
}

#[test]
fn the_json_validates_against_its_schema_and_the_bytes_repeat() {
    let ws = Workspace::with_examples();
    ws.run(&["build"]).expect(0);
    ws.run(&["export", "--dir", "a", "--drafts"]).expect(0);
    ws.run(&["export", "--dir", "b", "--drafts"]).expect(0);
    for file in [
        "rakeplan-export.json",
        "actions.csv",
        "excel/indicators.csv",
        "DATA-DICTIONARY.md",
    ] {
        assert_eq!(
            std::fs::read(ws.path(&format!("a/{file}"))).unwrap(),
            std::fs::read(ws.path(&format!("b/{file}"))).unwrap(),
            "{file}"
        );
    }
    let data: serde_json::Value =
        serde_json::from_str(&read(&ws, "a/rakeplan-export.json")).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&read(&ws, "a/rakeplan-export.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(data["tables"]["handlings"][0]["county"], "keski-suomi");
}

#[test]
fn the_workbook_has_a_sheet_per_table_with_numbers_as_numbers() {
    let ws = Workspace::with_examples();
    ws.run(&["build"]).expect(0);
    ws.run(&["export", "--dir", "v", "--drafts"]).expect(0);
    let book = ws.path("v/rakeplan-export.xlsx");
    // Read back with an independent reader (Python's zipfile).
    let script = "import sys, zipfile\n\
z = zipfile.ZipFile(sys.argv[1])\n\
print(z.read('xl/workbook.xml').decode())\n\
print(z.read('xl/worksheets/sheet6.xml').decode())\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script, book.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for sheet in [
        "counties",
        "handlings",
        "focus_areas",
        "actions",
        "indicators",
        "indicator_values",
        "reporting_cycle",
        "group_members",
        "partners",
    ] {
        assert!(text.contains(&format!("name=\"{sheet}\"")), "sheet {sheet}");
    }
    // indicator_values: year and value are numbers (no t="s" shared string).
    assert!(
        text.contains("<c r=\"E2\"><v>"),
        "the year as a number: {text}"
    );
}

#[test]
fn the_export_never_writes_into_the_store_nor_reads_a_damaged_one() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let run = ws.run(&["export", "--dir", "output/vienti"]).expect(2);
    assert!(
        run.stderr.contains("lies in the revision store"),
        "{}",
        run.stderr
    );
    let plan = ws.path("output/keski-suomi/1.0/plan.json");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replacen("Keski-Suomen", "Keski-Suomen muokattu", 1),
    )
    .unwrap();
    let run = ws.run(&["export", "--dir", "vienti"]).expect(1);
    assert!(
        run.stderr.contains("nothing was exported"),
        "{}",
        run.stderr
    );
    assert!(!ws.path("vienti").exists());
}

#[test]
fn the_site_compares_the_plans_in_force_and_indicators_by_national_code() {
    let ws = Workspace::with_examples();
    // Two counties give an indicator the same national code, then approve their plans.
    for (slug, id) in [
        ("kainuu", "raportit-maara"),
        ("keski-pohjanmaa", "sosraportit-lkm"),
    ] {
        let path = format!("regions/{slug}/sections/monitoring.yaml");
        let text = read(&ws, &path);
        let at = text
            .find(&format!("- id: {id}\n"))
            .unwrap_or_else(|| panic!("{slug}: no indicator {id}"));
        let line_end = at + format!("- id: {id}\n").len();
        let indent = " ".repeat(text[..at].rsplit('\n').next().unwrap().len() + 2);
        let mut edited = text.clone();
        edited.insert_str(
            line_end,
            &format!("{indent}code: \"thl:sosraportti-ilmoitukset\"\n"),
        );
        ws.write(&path, &edited);
    }
    ws.run(&["check", "kainuu", "keski-pohjanmaa"]).expect(0);
    ws.approve_then_next("kainuu");
    ws.approve_then_next("keski-pohjanmaa");
    ws.run(&["publish"]).expect(0);
    let page = read(&ws, "output/site/compare.html").replace("&#x2F;", "/");
    for part in [
        "Alueiden vertailu",
        "Kainuun hyvinvointialue",
        "Keski-Pohjanmaan hyvinvointialue",
        "Tammikuu",
        "thl:sosraportti-ilmoitukset",
        "viimeisin arvo",
    ] {
        assert!(page.contains(part), "compare.html: {part}");
    }
    // The national indicator both follow (sotkanet:5): each county's latest value and
    // follow-up status as its own plan has them, one chart of both and its table.
    let shared = &page[page.find("id=\"shared\"").unwrap()..];
    for part in [
        "sotkanet:5",
        "viimeisin arvo 9,1 (2024); seuranta: <span class=\"status follow_up_behind\">Jäljessä</span>",
        "viimeisin arvo 6,3 (2024)",
        "role=\"img\"",
        "<title id=\"shared-0-title\">Alueiden arvot vuosittain, mittari sotkanet:5</title>",
        "<tr><th scope=\"row\">2023</th><td>8,6</td><td>5,9</td>",
    ] {
        assert!(shared.contains(part), "compare.html: {part}");
    }
    // The groups' roles by service area, the chair marked.
    let groups = &page[page.find("id=\"groups\"").unwrap()..page.find("id=\"shared\"").unwrap()];
    assert!(
        groups.contains("<caption id=\"group-0\">Ohjausryhmä</caption>"),
        "{groups}"
    );
    assert!(groups.contains("<td>Ikäihmisten palvelut</td>"), "{groups}");
    assert!(groups.contains("(puheenjohtaja)"), "{groups}");
    let sv = read(&ws, "output/site/compare.sv.html");
    assert!(sv.contains("Jämförelse mellan områdena"));
    assert!(sv.contains("Gruppernas uppgifter per serviceområde"));
    assert!(
        read(&ws, "output/site/index.html").contains("compare.html"),
        "linked from the front page"
    );
    // A code not of the form system:id is refused.
    let path = "regions/kainuu/sections/monitoring.yaml";
    ws.edit(
        path,
        "code: \"thl:sosraportti-ilmoitukset\"",
        "code: \"sotkanet:abc\"",
    );
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("is not of the form system:id"),
        "{}",
        run.stderr
    );
}
