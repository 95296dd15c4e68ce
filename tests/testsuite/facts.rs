//! The fields counties differ on, as data (issue 25, part 5): `facts` fields whose entries
//! the template defines (social reporting: who may report and since when, channels and
//! languages, summaries and for whom, themes, reports per year by service area), checked at
//! their lines, shown in both editions, diffed, exported and compared; and changed by the
//! template's owners without code.

use crate::support::{Workspace, pdf_text};

const SOCIAL: &str = "regions/kainuu/sections/social-reporting.yaml";

fn read(ws: &Workspace, rel: &str) -> String {
    std::fs::read_to_string(ws.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_facts_show_in_both_editions_in_the_countys_words() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "kainuu", "keski-pohjanmaa"]).expect(0);
    let html = read(&ws, "output/kainuu/draft/plan.html");
    for part in [
        "Sosiaalinen raportointi lyhyesti",
        "<dt>Raportointi alkoi (vuosi)</dt><dd>2021</dd>",
        "<dt>Raportoinnin kielet</dt><dd>suomi</dd>",
        "Ilmoitukset vuodessa palvelualueittain</caption>",
        "<tr><th scope=\"row\">Ikäihmisten palvelut</th><td>8</td><td>11</td></tr>",
    ] {
        assert!(html.contains(part), "plan.html: {part}");
    }
    let pdf = pdf_text(&ws.path("output/kainuu/draft/plan.pdf"));
    assert!(pdf.contains("Ketkä voivat raportoida"), "{pdf}");
    // The Swedish edition of a bilingual county: captions and values in Swedish.
    let sv = read(&ws, "output/keski-pohjanmaa/draft/plan.sv.html");
    assert!(sv.contains("Social rapportering i korthet"), "plan.sv.html");
    assert!(sv.contains("<dd>finska; svenska</dd>"), "plan.sv.html");
    assert!(
        sv.contains("Anmälningar per år och serviceområde"),
        "plan.sv.html"
    );
}

#[test]
fn slips_in_the_facts_are_named_at_their_lines() {
    let ws = Workspace::with_examples();
    ws.edit(SOCIAL, "  since: 2021\n", "  since: vuonna 2021\n");
    ws.edit(SOCIAL, "  channels: [", "  channel: [");
    ws.edit(
        SOCIAL,
        "      values: {2023: 8, 2024: 11}",
        "      values: {2023: 8, 2024: 11,5}",
    );
    let text = read(&ws, SOCIAL);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let run = ws
        .run_with_env(&["check", "kainuu"], &[("LANG", "fi_FI.UTF-8")])
        .expect(1);
    let err = &run.stderr;
    assert!(
        err.contains(&format!("social-reporting.yaml:{}:", line("since:"))),
        "{err}"
    );
    assert!(err.contains("ei ole vuosiluku"), "{err}");
    assert!(
        err.contains(&format!("social-reporting.yaml:{}:", line("channel:"))),
        "{err}"
    );
    assert!(err.contains("tarkoititko \"channels\"?"), "{err}");
    assert!(err.contains("kirjoita desimaalit pisteellä"), "{err}");
}

#[test]
fn the_templates_owners_add_an_entry_without_code() {
    let ws = Workspace::with_examples();
    ws.edit(
        "plan-template/template.yaml",
        "          - id: reports_per_year\n",
        "          - id: reporting_hours\n            type: number\n            label: {fi: Raportointiin käytetyt tunnit vuodessa, sv: Timmar per år för rapporteringen, en: Hours a year spent on reporting}\n          - id: reports_per_year\n",
    );
    ws.edit(
        SOCIAL,
        "  since: 2021\n",
        "  since: 2021\n  reporting_hours: 120.5\n",
    );
    ws.run(&["check", "kainuu"]).expect(0);
    ws.run(&["build", "kainuu"]).expect(0);
    let html = read(&ws, "output/kainuu/draft/plan.html");
    assert!(
        html.contains("<dt>Raportointiin käytetyt tunnit vuodessa</dt><dd>120,5</dd>"),
        "{html}"
    );
    // The editor's schema knows it too.
    ws.run(&["schema", "--write"]).expect(0);
    let schema = read(&ws, "plan-template/schema/social-reporting.schema.json");
    assert!(schema.contains("Raportointiin käytetyt tunnit vuodessa"));
    // Entries on a field that is not `kind: facts` are a mistake in the template.
    ws.edit(
        "plan-template/template.yaml",
        "        kind: facts\n",
        "        kind: markdown\n",
    );
    let run = ws.run(&["check", "kainuu"]).expect(2);
    assert!(
        run.stderr.contains("only a `kind: facts` field has"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_facts_are_diffed_exported_and_compared() {
    let ws = Workspace::with_examples();
    ws.approve_then_next("kainuu");
    ws.approve_then_next("keski-pohjanmaa");
    // A change of an entry reads in the redline under its caption.
    ws.edit(SOCIAL, "  since: 2021\n", "  since: 2020\n");
    let run = ws
        .run_with_env(
            &["diff", "kainuu", "1.0", "worktree"],
            &[("LANG", "fi_FI.UTF-8")],
        )
        .expect(1);
    assert!(
        run.stdout.contains("Raportointi alkoi (vuosi)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2020"), "{}", run.stdout);
    // The national dataset: a row per entry, and per area and year.
    ws.run(&["export", "--dir", "vienti"]).expect(0);
    let facts = read(&ws, "vienti/facts.csv");
    assert!(
        facts.starts_with("county,version,status,section,field,entry,value_fi,value_sv,number\n"),
        "{facts}"
    );
    assert!(
        facts.contains("kainuu,1.0,approved,social-reporting,facts,since,2021,2021,2021\n"),
        "{facts}"
    );
    assert!(
        facts.contains("keski-pohjanmaa,1.0,approved,social-reporting,facts,languages,suomi; ruotsi,finska; svenska,\n"),
        "{facts}"
    );
    let counts = read(&ws, "vienti/fact_counts.csv");
    assert!(
        counts.contains("kainuu,1.0,approved,social-reporting,facts,reports_per_year,Ikäihmisten palvelut,Ikäihmisten palvelut,2024,11\n"),
        "{counts}"
    );
    assert!(
        counts.contains("keski-pohjanmaa,1.0,approved,social-reporting,facts,reports_per_year,Vammaispalvelut,Handikappservice,2024,6\n"),
        "{counts}"
    );
    let dictionary = read(&ws, "vienti/DATA-DICTIONARY.md");
    assert!(dictionary.contains("fact_counts"), "{dictionary}");
    // Side by side on the site.
    ws.run(&["publish"]).expect(0);
    let page = read(&ws, "output/site/compare.html");
    assert!(page.contains("<h2 id=\"facts-0\">Sosiaalinen raportointi lyhyesti</h2>"));
    assert!(
        page.contains(
            "<tr><th scope=\"row\">Raportointi alkoi (vuosi)</th><td>2021</td><td>2024</td>"
        ),
        "{page}"
    );
}
