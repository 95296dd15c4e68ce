//! The format as planners write it (issue 10): ids in their own case shown as a code column,
//! reporting-cycle events over the turn of the year and by month name, years on baselines
//! and targets, optional fields where plans vary, and messages that point at the right line
//! without a cascade of false errors.

use crate::support::{Workspace, collapse, pdf_text};

/// Kainuu rewritten the way some plans are: `A1`/`I1` ids, a December–January event, years on
/// baselines and targets, indicators without a definition, members without a unit.
fn county_as_written(ws: &Workspace) {
    ws.copy_region("kainuu", "kirjoitettu");
    let dir = "regions/kirjoitettu/sections";
    let read = |name: &str| std::fs::read_to_string(ws.path(&format!("{dir}/{name}"))).unwrap();
    let monitoring = read("monitoring.yaml");
    let start = monitoring.find("indicators:").unwrap();
    ws.write(
        &format!("{dir}/monitoring.yaml"),
        &format!(
            "{}indicators:\n  - id: I1\n    name: Sosiaalisen raportoinnin ilmoitukset\n    \
             baseline: \"41\"\n    baseline_year: 2024\n    target: \"80\"\n    target_year: 2028\n  \
             - id: I2\n    name: Käsitellyt kehittämisehdotukset\n    source: Seurantataulukko\n",
            &monitoring[..start]
        ),
    );
    ws.write(
        &format!("{dir}/focus-areas.yaml"),
        "areas:\n  - id: T1\n    name: Tietotyö\n    goal: Tieto kulkee päätöksentekoon.\n    \
         actions:\n      - id: A1\n        action: Raportointilomake kaikkiin yksiköihin\n        \
         owner: Työryhmä\n        schedule: \"2026\"\n        indicators: [I1, I2]\n",
    );
    ws.write(
        &format!("{dir}/reporting-cycle.yaml"),
        "events:\n  - month: \"12-1\"\n    activity: Vuosiyhteenveto\n    owner: Työryhmä\n  \
         - month: maaliskuu\n    activity: Mittarien tarkistus\n    owner: Ohjausryhmä\n  \
         - month: touko-kesäkuu\n    activity: Havainnot hyvinvointikertomukseen\n    owner: Työryhmä\n",
    );
    ws.write(
        &format!("{dir}/working-group.yaml"),
        "text: Työryhmä kokoontuu kuukausittain.\nmembers:\n  - role: Johtava sosiaalityöntekijä\n    \
         chair: true\n  - role: Sosiaalityöntekijä\n    note: sihteeri\n",
    );
}

#[test]
fn a_county_written_with_its_own_ids_months_and_years_checks_and_builds() {
    let ws = Workspace::with_examples();
    county_as_written(&ws);
    let run = ws.run(&["check", "kirjoitettu"]).expect(0);
    assert!(run.stderr.contains("kirjoitettu: ok"), "{}", run.stderr);
    ws.run(&["build", "kirjoitettu"]).expect(0);
    let dir = ws.path("output/kirjoitettu/draft");
    let text = collapse(&pdf_text(&dir.join("plan.pdf")));
    for shown in ["41 (2024)", "80 (2028)", "I1", "A1"] {
        assert!(text.contains(shown), "{shown:?} not in the PDF:\n{text}");
    }
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    for shown in ["joulukuu–tammikuu", "toukokuu–kesäkuu", "puheenjohtaja"] {
        assert!(html.contains(shown), "{shown:?} not in the HTML");
    }
    assert!(html.contains("<code>I1</code>"), "ids are a code column");
    assert!(html.contains("<code>A1</code>"), "ids are a code column");
    assert!(
        html.contains("id=\"focus-areas-T1\""),
        "anchors keep the id"
    );
    // The cycle reads in calendar order: the turn of the year comes last.
    let (march, december) = (
        html.find("maaliskuu").unwrap(),
        html.find("joulukuu–tammikuu").unwrap(),
    );
    assert!(march < december);
}

#[test]
fn a_tab_is_one_error_on_its_own_line_without_false_reference_errors() {
    let ws = Workspace::with_examples();
    let path = "regions/kainuu/sections/monitoring.yaml";
    let text = std::fs::read_to_string(ws.path(path)).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("    source:"))
        .unwrap();
    let planted: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line {
                format!("\t{}", l.trim_start())
            } else {
                l.to_owned()
            }
        })
        .collect();
    ws.write(path, &(planted.join("\n") + "\n"));
    for lang in ["en", "fi"] {
        let run = ws.run(&["--lang", lang, "check", "kainuu"]).expect(1);
        let err = &run.stderr;
        assert!(
            err.contains(&format!("{path}:{}:1", line + 1)),
            "the tab's own line {}:\n{err}",
            line + 1
        );
        assert_eq!(
            err.matches("error:").count() + err.matches("virhe:").count(),
            1,
            "{err}"
        );
        assert!(
            !err.contains("does not exist") && !err.contains("jota ei ole"),
            "{err}"
        );
        assert!(!err.contains("found a tab"), "no parser English:\n{err}");
    }
}

#[test]
fn a_duplicate_key_names_the_key_and_causes_nothing_else() {
    let ws = Workspace::with_examples();
    let path = "regions/kainuu/sections/monitoring.yaml";
    let text = std::fs::read_to_string(ws.path(path)).unwrap();
    let text = text.replacen("    source:", "    name: Toinen nimi\n    source:", 1);
    ws.write(path, &text);
    let run = ws.run(&["--lang", "fi", "check", "kainuu"]).expect(1);
    let err = &run.stderr;
    assert!(
        err.contains("avain \"name\" on tässä toiseen kertaan"),
        "{err}"
    );
    assert!(!err.contains("DuplicateKeyPolicy"), "{err}");
    assert!(!err.contains("jota ei ole"), "{err}");
    assert!(err.contains("kainuu: 1 virhe"), "{err}");
}

#[test]
fn a_list_of_months_gets_a_range_hint() {
    let ws = Workspace::with_examples();
    let path = "regions/kainuu/sections/reporting-cycle.yaml";
    let text = std::fs::read_to_string(ws.path(path)).unwrap();
    let at = text.find("month:").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    ws.write(
        path,
        &format!("{}month: [10, 11]{}", &text[..at], &text[end..]),
    );
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(run.stderr.contains("`month: \"10-11\"`"), "{}", run.stderr);
    assert!(!run.stderr.contains("`|`"), "{}", run.stderr);
}

#[test]
fn an_id_keeps_its_case_but_not_its_spaces() {
    let ws = Workspace::with_examples();
    let path = "regions/kainuu/sections/monitoring.yaml";
    let text = std::fs::read_to_string(ws.path(path)).unwrap();
    ws.write(
        path,
        &text.replacen("id: raportit-maara", "id: Mittari 1", 1),
    );
    let run = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        run.stderr.contains("for example \"Mittari-1\""),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_optional_section_is_warned_at_its_first_line() {
    let ws = Workspace::with_examples();
    ws.write("regions/kainuu/sections/context.yaml", "# tulossa\n");
    let run = ws.run(&["check", "kainuu"]).expect(0);
    assert!(
        run.stderr
            .contains("regions/kainuu/sections/context.yaml:1:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("kainuu: ok, 1 warning"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_template_decides_which_item_fields_are_required() {
    let ws = Workspace::with_examples();
    let template = std::fs::read_to_string(ws.path("plan-template/template.yaml")).unwrap();
    ws.write(
        "plan-template/template.yaml",
        &template.replace(
            "indicator: {required: [id, name]}",
            "indicator: {required: [id, name, definition, source]}",
        ),
    );
    county_as_written(&ws);
    let run = ws.run(&["check", "kirjoitettu"]).expect(1);
    assert!(
        run.stderr
            .contains("an indicator is missing the required key \"definition\""),
        "{}",
        run.stderr
    );
    ws.write(
        "plan-template/template.yaml",
        &template.replace(
            "indicator: {required: [id, name]}",
            "indicator: {required: [id, nimi]}",
        ),
    );
    let run = ws.run(&["check", "kainuu"]).expect(2);
    assert!(
        run.stderr.contains("\"nimi\" is not a field of indicator"),
        "{}",
        run.stderr
    );
}

#[test]
fn typst_warnings_and_errors_show_the_template_line() {
    let ws = Workspace::with_examples();
    let path = "plan-template/templates/plan.typ";
    let typ = std::fs::read_to_string(ws.path(path)).unwrap();
    let line = typ.lines().count() + 1;
    ws.write(path, &format!("{typ}#text(font: \"NoSuchFont\")[x]\n"));
    let run = ws.run(&["build", "kainuu"]).expect(0);
    assert!(
        run.stderr
            .contains("warning: the PDF template warns: unknown font family"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{path}:{line}:13")),
        "{}",
        run.stderr
    );
    ws.write(path, &format!("{typ}#let x = (1 +)\n"));
    let run = ws.run(&["build", "kainuu"]).expect(2);
    assert!(
        run.stderr.contains("error: the PDF template failed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{path}:{line}:")),
        "{}",
        run.stderr
    );
}

/// Keski-Pohjanmaa's draft 1.1 after an approved 1.0 of the same content
/// ([`Workspace::approve_then_next`]), with `edit` applied to goals.yaml as it is in the
/// repository.
fn bilingual_draft(ws: &Workspace, edit: impl Fn(&str) -> String) {
    if !ws.path("output/keski-pohjanmaa/1.0").exists() {
        ws.approve_then_next("keski-pohjanmaa");
    }
    let path = "regions/keski-pohjanmaa/sections/goals.yaml";
    let goals = std::fs::read_to_string(crate::support::repo().join(path)).unwrap();
    ws.write(path, &edit(&goals));
}

#[test]
fn a_finnish_text_changed_without_its_swedish_twin_is_warned_and_marked() {
    let ws = Workspace::with_examples();
    bilingual_draft(&ws, |goals| {
        goals.replacen("tarkoitus on, että", "päämäärä on, että", 1)
    });
    let goals =
        std::fs::read_to_string(ws.path("regions/keski-pohjanmaa/sections/goals.yaml")).unwrap();
    let sv_line = goals
        .lines()
        .position(|l| l.trim_start().starts_with("sv:"))
        .unwrap()
        + 1;
    let run = ws
        .run(&["--lang", "fi", "check", "keski-pohjanmaa"])
        .expect(0);
    assert!(
        run.stderr
            .contains("ruotsinkielinen teksti on päivittämättä"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("sections/goals.yaml:{sv_line}:3")),
        "{}",
        run.stderr
    );
    ws.run(&["build", "keski-pohjanmaa"]).expect(0);
    let dir = ws.path("output/keski-pohjanmaa/draft");
    let sv = std::fs::read_to_string(dir.join("plan.sv.html")).unwrap();
    assert_eq!(sv.matches("class=\"stale\"").count(), 1);
    let fi = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert!(!fi.contains("class=\"stale\""));
    let pdf = collapse(&pdf_text(&dir.join("plan.sv.pdf")));
    assert!(pdf.contains("Denna text har inte uppdaterats"), "{pdf}");
}

#[test]
fn texts_changed_in_every_language_or_only_in_swedish_are_told_apart() {
    let ws = Workspace::with_examples();
    bilingual_draft(&ws, |goals| {
        goals
            .replacen("tarkoitus on, että", "päämäärä on, että", 1)
            .replacen("Syftet med", "Målet med", 1)
    });
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(0);
    assert!(
        !run.stderr.contains("has not been updated"),
        "{}",
        run.stderr
    );
    bilingual_draft(&ws, |goals| goals.replacen("Syftet med", "Målet med", 1));
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(0);
    assert!(
        run.stderr
            .contains("the Finnish text has not been updated: the Swedish text changed"),
        "{}",
        run.stderr
    );
}

/// Every property of `schema`, recursively, with its path.
fn properties<'s>(
    schema: &'s serde_json::Value,
    path: &str,
    out: &mut Vec<(String, &'s serde_json::Value)>,
) {
    if let Some(props) = schema.get("properties").and_then(|p| p.as_object()) {
        for (key, value) in props {
            let here = format!("{path}.{key}");
            out.push((here.clone(), value));
            properties(value, &here, out);
        }
    }
    if let Some(items) = schema.get("items") {
        properties(items, path, out);
    }
}

#[test]
fn every_key_has_one_clean_finnish_hover_in_the_schema() {
    let ws = Workspace::with_examples();
    for target in [
        "region",
        "plan",
        "monitoring",
        "reporting-cycle",
        "focus-areas",
    ] {
        // The example counties' main languages differ (Pohjanmaa writes Swedish first): the
        // Finnish schema is asked for.
        let text = ws
            .run(&["schema", target, "--doc-lang", "fi"])
            .expect(0)
            .stdout;
        assert!(!text.contains("x-order"), "the order key stays internal");
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut props = Vec::new();
        properties(&schema, target, &mut props);
        assert!(props.len() > 3, "{target}");
        for (path, prop) in props {
            let title = prop["title"].as_str().unwrap_or_default();
            assert!(!title.is_empty(), "{path} has no title");
            assert!(prop.get("anyOf").is_none(), "{path} has alternatives");
            if prop.get("pattern").is_some() {
                assert!(prop.get("patternErrorMessage").is_some(), "{path}");
            }
        }
        if target == "monitoring" {
            // Keys come in the order planners write them, not alphabetically.
            let at = |key: &str| text.find(&format!("\"{key}\": {{")).unwrap();
            assert!(at("name") < at("definition") && at("definition") < at("baseline"));
            assert!(text.contains("\"patternErrorMessage\": \"Tunnuksessa saa olla vain"));
            assert!(
                text.contains("\"label\": \"Uusi mittari\""),
                "a snippet for a new item"
            );
        }
    }
}

#[test]
fn every_example_file_and_every_new_county_tells_the_editor_its_schema() {
    let repo = crate::support::repo();
    for county in ["kainuu", "keski-pohjanmaa", "keski-suomi", "pohjanmaa"] {
        let dir = repo.join("regions").join(county);
        let mut files = vec![dir.join("region.yaml"), dir.join("plan.yaml")];
        for entry in std::fs::read_dir(dir.join("sections")).unwrap() {
            files.push(entry.unwrap().path());
        }
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let first = text.lines().next().unwrap_or_default();
            let target = file.file_stem().unwrap().to_str().unwrap();
            assert!(
                first.starts_with("# yaml-language-server: $schema=")
                    && first.ends_with(&format!("plan-template/schema/{target}.schema.json")),
                "{}: {first}",
                file.display()
            );
        }
    }
    let ws = Workspace::with_examples();
    ws.run(&[
        "new",
        "pohjois-savo",
        "--name",
        "Pohjois-Savon hyvinvointialue",
    ])
    .expect(0);
    let settings =
        std::fs::read_to_string(ws.path("regions/pohjois-savo/.vscode/settings.json")).unwrap();
    assert!(
        settings.contains(
            "\"./../../plan-template/schema/monitoring.schema.json\": \"sections/monitoring.yaml\""
        ),
        "{settings}"
    );
    assert!(
        settings.contains("\"editor.insertSpaces\": true"),
        "{settings}"
    );
    let extensions =
        std::fs::read_to_string(ws.path("regions/pohjois-savo/.vscode/extensions.json")).unwrap();
    assert!(extensions.contains("redhat.vscode-yaml"));
    // The county's .vscode folder is not a section and does not disturb check.
    let run = ws.run(&["check", "pohjois-savo"]).expect(0);
    assert!(!run.stderr.contains(".vscode"), "{}", run.stderr);
}

#[test]
fn a_table_cell_left_behind_in_swedish_is_marked_in_the_swedish_edition() {
    let ws = Workspace::with_examples();
    let path = "regions/keski-pohjanmaa/sections/working-group.yaml";
    let group = std::fs::read_to_string(ws.path(path)).unwrap();
    let role = "Johtava sosiaalityöntekijä, aikuissosiaalityö";
    let both = format!("{{fi: \"{role}\", sv: \"Ledande socialarbetare, vuxensocialarbete\"}}");
    ws.write(path, &group.replacen(role, &both, 1));
    bilingual_draft(&ws, |goals| goals.to_owned());
    let group = std::fs::read_to_string(ws.path(path)).unwrap();
    ws.write(
        path,
        &group.replacen("aikuissosiaalityö\"", "aikuisten sosiaalityö\"", 1),
    );
    let run = ws.run(&["build", "keski-pohjanmaa"]).expect(0);
    assert!(
        run.stderr.contains("the Swedish text has not been updated"),
        "{}",
        run.stderr
    );
    let dir = ws.path("output/keski-pohjanmaa/draft");
    let sv = std::fs::read_to_string(dir.join("plan.sv.html")).unwrap();
    assert!(
        sv.contains("Ledande socialarbetare, vuxensocialarbete <em class=\"stale-note\">(ej uppdaterad)</em>"),
        "the cell is marked"
    );
    let fi = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert!(!fi.contains("class=\"stale-note\""));
    assert!(collapse(&pdf_text(&dir.join("plan.sv.pdf"))).contains("(ej uppdaterad)"));
}

#[test]
fn a_translation_added_to_a_text_shown_untranslated_leaves_nothing_behind() {
    let ws = Workspace::with_examples();
    bilingual_draft(&ws, |goals| goals.to_owned());
    let path = "regions/keski-pohjanmaa/sections/working-group.yaml";
    let group = std::fs::read_to_string(ws.path(path)).unwrap();
    let role = "Johtava sosiaalityöntekijä, aikuissosiaalityö";
    let both = format!("{{fi: \"{role}\", sv: \"Ledande socialarbetare, vuxensocialarbete\"}}");
    ws.write(path, &group.replacen(role, &both, 1));
    let run = ws.run(&["build", "keski-pohjanmaa"]).expect(0);
    assert!(
        !run.stderr.contains("has not been updated"),
        "{}",
        run.stderr
    );
    let dir = ws.path("output/keski-pohjanmaa/draft");
    let fi = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert!(
        !fi.contains("class=\"stale"),
        "the Finnish edition marks nothing"
    );
}
