//! The planner's own language: a Swedish-first county is scaffolded in Swedish (guidance,
//! placeholders, comments, `$schema` lines to Swedish schemas, the README of `init`), and
//! messages come in Swedish with `--lang sv`, with a Swedish locale, or, when neither names a
//! language, from the county's main language; `--lang en` still gives English.

use std::path::Path;
use std::process::Command;

use crate::support::{Run, Workspace};

/// Words of the Finnish scaffold that a Swedish planner must never meet.
const FINNISH_GUIDANCE: &[&str] = &[
    "TÄYDENNÄ",
    "Ohje:",
    "Korvaa",
    "kirjoita tähän",
    "pakollinen",
    "vapaaehtoinen",
    "esimerkiksi",
    "Tekstikentissä",
    "lihavointi",
    "Kuvaa",
    "Kerro",
    "Hyvinvointialueen",
    "Luonnos",
    "Muutoshistoria",
];

/// Every file under `dir` with its text, by path relative to `dir`.
fn texts(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn assert_no_finnish_guidance(files: &[(String, String)]) {
    for (path, text) in files {
        for word in FINNISH_GUIDANCE {
            assert!(
                !text.contains(word),
                "{path} holds the Finnish \"{word}\":\n{text}"
            );
        }
    }
}

/// Runs rakeplan with no locale at all (as on a machine where LANG is unset).
fn run_without_locale(ws: &Workspace, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_rakeplan"))
        .args(args)
        .current_dir(ws.path(""))
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LC_CTYPE")
        .output()
        .unwrap();
    Run::from(output)
}

#[test]
fn a_swedish_first_county_is_scaffolded_in_swedish() {
    let ws = Workspace::with_examples();
    let run = ws
        .run(&[
            "--lang",
            "sv",
            "new",
            "osterbotten",
            "--name",
            "Österbottens välfärdsområde",
            "--languages",
            "sv,fi",
        ])
        .expect(0);
    assert!(
        run.stdout.contains("skapade regions/osterbotten/"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ersätt FYLL I-ställena"),
        "{}",
        run.stdout
    );
    let files = texts(&ws.path("regions/osterbotten"));
    assert_no_finnish_guidance(&files);
    let file = |name: &str| {
        &files
            .iter()
            .find(|(p, _)| p == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    };
    let region = file("region.yaml");
    assert!(region.contains("languages: [sv, fi]"), "{region}");
    assert!(
        region.contains("short_name: \"FYLL I: kort namn\""),
        "{region}"
    );
    assert!(
        region.contains("# Officiellt namn, till exempel Österbottens välfärdsområde"),
        "{region}"
    );
    let plan = file("plan.yaml");
    assert!(
        plan.contains("summary: Första utkastet utifrån planmallen."),
        "{plan}"
    );
    let cycle = file("sections/reporting-cycle.yaml");
    assert!(
        cycle.contains("# 7 Rapporteringscykel (årsklocka)"),
        "{cycle}"
    );
    assert!(
        cycle.contains("# Anvisning: Skriv ned årsklockan"),
        "{cycle}"
    );
    assert!(
        cycle.contains("activity: \"FYLL I: Årsrapporten sammanställs\""),
        "{cycle}"
    );
    let areas = file("sections/focus-areas.yaml");
    assert!(areas.contains("# Fokusområden (obligatoriskt)"), "{areas}");
    assert!(
        areas.contains("I textfälten kan du använda Markdown"),
        "{areas}"
    );
    // The editor reads the Swedish schemas, whose hovers are Swedish.
    let schema_line =
        "# yaml-language-server: $schema=../../../plan-template/schema/sv/goals.schema.json";
    assert!(file("sections/goals.yaml").starts_with(schema_line));
    let goals: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ws.path("plan-template/schema/sv/goals.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(goals["title"], "3 Mål (sections/goals.yaml)");
    assert!(
        goals["description"]
            .as_str()
            .unwrap()
            .starts_with("Skriv ned målen för det strukturella sociala arbetet"),
        "{goals}"
    );
    let settings = file(".vscode/settings.json");
    assert!(
        settings.contains("plan-template/schema/sv/goals.schema.json"),
        "{settings}"
    );
    // `check` finds the Swedish placeholders and says so in Swedish.
    let check = ws.run(&["--lang", "sv", "check", "osterbotten"]).expect(0);
    assert!(
        check
            .stderr
            .contains("varning: filen innehåller fortfarande 3 ställen att fylla i"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("tips: ersätt varje FYLL I-ställe"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("osterbotten: ok, 14 varningar"),
        "{}",
        check.stderr
    );
    // In English, the same placeholders are still found.
    let english = ws.run(&["check", "osterbotten"]).expect(0);
    assert!(
        english
            .stderr
            .contains("this file still holds 3 scaffold placeholders"),
        "{}",
        english.stderr
    );
}

#[test]
fn a_swedish_planner_gets_a_swedish_first_county_without_naming_the_languages() {
    let ws = Workspace::with_examples();
    ws.run_with_env(
        &[
            "new",
            "osterbotten",
            "--name",
            "Österbottens välfärdsområde",
        ],
        &[("LANG", "sv_FI.UTF-8")],
    )
    .expect(0);
    let region = std::fs::read_to_string(ws.path("regions/osterbotten/region.yaml")).unwrap();
    assert!(region.contains("languages: [sv, fi]"), "{region}");
    // A Finnish county stays as it was: Finnish guidance and TÄYDENNÄ.
    ws.run(&["new", "savo", "--name", "Pohjois-Savon hyvinvointialue"])
        .expect(0);
    let region = std::fs::read_to_string(ws.path("regions/savo/region.yaml")).unwrap();
    assert!(region.contains("languages: [fi]"), "{region}");
    assert!(
        region.contains("short_name: \"TÄYDENNÄ: lyhyt nimi\""),
        "{region}"
    );
    // A language rakeplan makes no editions in is refused before anything is written.
    let refused = ws
        .run(&["new", "x", "--name", "X", "--languages", "sw,fi"])
        .expect(2);
    assert!(
        refused
            .stderr
            .contains("\"sw\" is not a language rakeplan makes editions in"),
        "{}",
        refused.stderr
    );
    assert!(!ws.path("regions/x").exists());
}

/// A county with a misspelt key, a broken YAML file and a missing section.
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

/// The three mistakes, in Swedish, and not a word of the English or Finnish messages.
fn assert_swedish_report(err: &str) {
    for said in [
        "fel: okänd nyckel \"statsu\" i filen plan.yaml",
        "tips: menade du \"status\"?",
        "regions/broken/plan.yaml:4:1",
        "fel: filen är inte giltig YAML på det här stället",
        "tips: kontrollera citattecken, kolon och indrag",
        "fel: det obligatoriska kapitlet \"competence\" (Stärkande av kompetens) saknas",
        "tips: skapa sections/competence.yaml",
        "broken: 3 fel",
    ] {
        assert!(err.contains(said), "no \"{said}\" in:\n{err}");
    }
    for foreign in [
        "error",
        "hint",
        "unknown",
        "virhe",
        "vihje",
        "tuntematon",
        "puuttuu",
    ] {
        assert!(!err.contains(foreign), "\"{foreign}\" in:\n{err}");
    }
}

#[test]
fn check_speaks_swedish_with_lang_sv_or_a_swedish_locale() {
    let ws = Workspace::with_examples();
    county_with_three_mistakes(&ws);
    let run = ws.run(&["--lang", "sv", "check", "broken"]).expect(1);
    assert_swedish_report(&run.stderr);
    // Only the locale says Swedish.
    let run = ws
        .run_with_env(&["check", "broken"], &[("LANG", "sv_FI.UTF-8")])
        .expect(1);
    assert_swedish_report(&run.stderr);
    // --lang en wins over a Swedish locale.
    let run = ws
        .run_with_env(
            &["--lang", "en", "check", "broken"],
            &[("LANG", "sv_FI.UTF-8")],
        )
        .expect(1);
    assert!(
        run.stderr
            .contains("error: unknown key \"statsu\" in plan.yaml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("broken: 3 errors"), "{}", run.stderr);
}

#[test]
fn with_no_locale_the_county_main_language_decides() {
    let ws = Workspace::with_examples();
    ws.run(&[
        "new",
        "osterbotten",
        "--name",
        "Österbottens välfärdsområde",
        "--languages",
        "sv,fi",
    ])
    .expect(0);
    let swedish = run_without_locale(&ws, &["check", "osterbotten"]).expect(0);
    assert!(
        swedish.stderr.contains("osterbotten: ok, 14 varningar"),
        "{}",
        swedish.stderr
    );
    let finnish = run_without_locale(&ws, &["check", "kainuu"]).expect(0);
    assert!(
        finnish.stderr.contains("kainuu: kunnossa"),
        "{}",
        finnish.stderr
    );
    // Counties of different main languages share none: English.
    let all = run_without_locale(&ws, &["check"]).expect(0);
    assert!(
        all.stderr.contains("osterbotten: ok, 14 warnings"),
        "{}",
        all.stderr
    );
    // `new` in a repository of Swedish-first counties: Swedish messages and a Swedish county.
    let sv = Workspace::empty();
    let made = run_without_locale(
        &sv,
        &[
            "init",
            "--languages",
            "sv,fi",
            "--county",
            "osterbotten",
            "--name",
            "Österbottens välfärdsområde",
        ],
    )
    .expect(0);
    assert!(
        made.stdout.contains("skapade regions/osterbotten/"),
        "{}",
        made.stdout
    );
    let next = run_without_locale(&sv, &["new", "vasa", "--name", "Vasa"]).expect(0);
    assert!(
        next.stdout.contains("skapade regions/vasa/"),
        "{}",
        next.stdout
    );
    let region = std::fs::read_to_string(sv.path("regions/vasa/region.yaml")).unwrap();
    assert!(region.contains("languages: [sv, fi]"), "{region}");
}

#[test]
fn init_writes_a_swedish_repository_for_a_swedish_first_county() {
    let ws = Workspace::empty();
    ws.run(&[
        "init",
        "--languages",
        "sv,fi",
        "--county",
        "osterbotten",
        "--name",
        "Österbottens välfärdsområde",
    ])
    .expect(0);
    let readme = std::fs::read_to_string(ws.path("README.md")).unwrap();
    assert!(
        readme.starts_with("# Genomförandeplan för strukturellt socialt arbete"),
        "{readme}"
    );
    // The README says how to choose the language of messages.
    assert!(readme.contains("`--lang sv`"), "{readme}");
    assert!(readme.contains("LANG=sv_FI.UTF-8"), "{readme}");
    let store = std::fs::read_to_string(ws.path("output/README.md")).unwrap();
    assert!(store.starts_with("# output/: versionsarkivet"), "{store}");
    let settings = std::fs::read_to_string(ws.path(".vscode/settings.json")).unwrap();
    assert!(
        settings.contains("\"./schema/sv/goals.schema.json\": \"regions/*/sections/goals.yaml\""),
        "{settings}"
    );
    let files = texts(&ws.path("regions/osterbotten"));
    assert_no_finnish_guidance(&files);
    let goals = &files
        .iter()
        .find(|(p, _)| p == "sections/goals.yaml")
        .unwrap()
        .1;
    assert!(
        goals.starts_with("# yaml-language-server: $schema=../../../schema/sv/goals.schema.json"),
        "{goals}"
    );
    assert!(ws.path("schema/sv/goals.schema.json").is_file());
    assert!(ws.path("schema/goals.schema.json").is_file());
    // A Finnish repository keeps its Finnish README, which also names --lang.
    let fi = Workspace::empty();
    fi.run(&["init"]).expect(0);
    let readme = std::fs::read_to_string(fi.path("README.md")).unwrap();
    assert!(
        readme.starts_with("# Rakenteellisen sosiaalityön toteutussuunnitelma"),
        "{readme}"
    );
    assert!(readme.contains("`--lang fi`"), "{readme}");
}
