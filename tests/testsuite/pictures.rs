//! Pictures and readable pages: the vuosikello (reporting cycle wheel) in the HTML and the
//! PDF, numbered like the rows of its table; planner and county text in it stays text;
//! Markdown tables keep their alignment and get numbered captions; headings never skip a
//! level; PDF tables do not hyphenate month ranges or short headers. Indicators with
//! measured values get a chart each and a follow-up table, and the template's rule says
//! whether each is on track; bad values are errors at their line.

use std::path::Path;

use crate::support::{Workspace, collapse, pdf_text};

/// The alternative texts (`/Alt`) of a PDF's structure tree, decoded (qpdf rewrites the
/// file with its objects in plain text; typst writes the texts as UTF-16 hex strings).
fn pdf_alt_texts(pdf: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    let status = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&plain)
        .status()
        .expect("qpdf is installed (scripts/test.sh installs it)");
    assert!(status.success());
    let bytes = std::fs::read(plain).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    for piece in text.split("/Alt <").skip(1) {
        let hex: String = piece.chars().take_while(|c| *c != '>').collect();
        let units: Vec<u16> = (0..hex.len() / 4)
            .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).unwrap())
            .collect();
        let decoded = String::from_utf16_lossy(&units);
        out.push(decoded.trim_start_matches('\u{feff}').to_owned());
    }
    out
}

/// The text between `start` (first occurrence) and the next `end`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} missing"));
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Checks the wheel of a county's HTML against its cycle table: a named `<svg role="img">`
/// with a title, a link to the table, and one numbered mark per table row.
fn assert_wheel_matches_table(html: &str, events: usize) {
    let figure = between(html, "<figure class=\"wheel\"", "</figure>");
    let svg = between(figure, "<svg ", "</svg>");
    assert!(svg.contains("role=\"img\""), "{svg}");
    assert!(
        svg.contains("aria-labelledby=\"reporting-cycle-events-wheel-title"),
        "{svg}"
    );
    assert!(
        svg.contains(
            "<title id=\"reporting-cycle-events-wheel-title\">Raportointisyklin vuosikello</title>"
        ),
        "{svg}"
    );
    // Twelve months around, by their short names.
    for month in ["tammi", "helmi", "kesä", "joulu"] {
        assert!(svg.contains(&format!(">{month}</text>")), "{month}");
    }
    // The link to the table, and the table it points to.
    assert!(
        figure.contains("<a href=\"#reporting-cycle-events\">Samat tiedot taulukkona"),
        "{figure}"
    );
    let table = between(html, "id=\"reporting-cycle-events\"", "</table>");
    let rows = table.matches("<td class=\"row-no\">").count();
    assert_eq!(rows, events, "table rows");
    for n in 1..=events {
        assert!(svg.contains(&format!(">{n}</text>")), "mark {n} missing");
        assert!(
            table.contains(&format!("<span class=\"mark\">{n}</span>")),
            "row {n} not numbered"
        );
    }
    assert!(!svg.contains(&format!(">{}</text>", events + 1)));
}

#[test]
fn keski_suomi_shows_a_vuosikello_that_matches_its_table() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let dir = ws.path("output/keski-suomi/1.0");
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert_wheel_matches_table(&html, 13);
    // The picture comes right before its table.
    let wheel = html.find("<figure class=\"wheel\"").unwrap();
    let table = html.find("id=\"reporting-cycle-events\"").unwrap();
    assert!(wheel < table);

    // In the PDF: a figure with a numbered caption naming the table, and alternative text
    // listing the events by number and months.
    let pdf = dir.join("plan.pdf");
    let text = collapse(&pdf_text(&pdf));
    assert!(
        text.contains("Kuva 1. Raportointisyklin vuosikello. Samat tiedot taulukkona: taulukko"),
        "{text}"
    );
    let tags = std::process::Command::new("pdfinfo")
        .args(["-struct-text", pdf.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&tags.stdout).contains("Figure"));
    let alts = pdf_alt_texts(&pdf);
    let alt = alts
        .iter()
        .find(|a| a.starts_with("Vuosikello: 13 tapahtumaa"))
        .unwrap_or_else(|| panic!("no alt text for the wheel: {alts:?}"));
    assert!(
        alt.contains("1 tammikuu–helmikuu; 2 tammikuu–joulukuu;"),
        "{alt}"
    );
    assert!(alt.contains("13 joulukuu."), "{alt}");
}

#[test]
fn kainuu_shows_a_vuosikello_that_matches_its_table() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "kainuu"]).expect(0);
    let html = std::fs::read_to_string(ws.path("output/kainuu/draft/plan.html")).unwrap();
    assert_wheel_matches_table(&html, 14);
}

#[test]
fn the_swedish_edition_draws_an_arsklocka() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-pohjanmaa"]).expect(0);
    let html =
        std::fs::read_to_string(ws.path("output/keski-pohjanmaa/draft/plan.sv.html")).unwrap();
    let svg = between(&html, "<svg ", "</svg>");
    assert!(svg.contains(">Årsklocka</text>"), "{svg}");
    assert!(svg.contains(">jan</text>") && svg.contains(">dec</text>"));
}

#[test]
fn hostile_text_in_the_wheel_stays_text() {
    let ws = Workspace::with_examples();
    let hostile = "<script>alert(1)</script> & ]]> <!--";
    ws.write(
        "regions/kainuu/templates/labels.yaml",
        &format!(
            "wheel: {{fi: '{hostile}'}}\nmonth_short_1: {{fi: '</text><text>x'}}\n\
             wheel_caption: {{fi: '\"/><image href=x onerror=alert(1)>'}}\n"
        ),
    );
    ws.run(&["build", "kainuu"]).expect(0);
    let dir = ws.path("output/kainuu/draft");
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    let svg = between(&html, "<svg ", "</svg>");
    assert!(!svg.contains("<script"), "{svg}");
    assert!(!svg.contains("<image"), "{svg}");
    assert!(!svg.contains("<!--"), "{svg}");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &lt;!--"));
    assert!(svg.contains("&lt;/text&gt;&lt;text&gt;x"));
    // The PDF (which embeds the same SVG) builds and shows the words as they are.
    let text = pdf_text(&dir.join("plan.pdf"));
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
}

#[test]
fn markdown_tables_keep_their_alignment_and_get_a_numbered_caption() {
    let ws = Workspace::with_examples();
    ws.write(
        "regions/kainuu/sections/competence.yaml",
        "text: |\n  Koulutukset vuonna 2026.\n\n  **Koulutusbudjetti**\n\n  \
         | Koulutus | Osallistujia | Euroa |\n  |:---|---:|:---:|\n  \
         | Perehdytys | 40 | 1 200 |\n  | Ilmiötyöpaja | 125 | 800 |\n\n  \
         ## Lisätietoja\n\n  #### Yhteystiedot\n\n  Kysy kehittämissuunnittelijalta.\n",
    );
    ws.run(&["build", "kainuu"]).expect(0);
    let dir = ws.path("output/kainuu/draft");
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    let section = between(&html, "<section id=\"competence\"", "</section>");
    let caption = between(section, "<caption>", "</caption>");
    assert!(
        caption.contains("<span class=\"table-no\">Taulukko"),
        "{caption}"
    );
    assert!(caption.ends_with(" Koulutusbudjetti"), "{caption}");
    // The bold line became the caption: it is not shown twice.
    assert_eq!(section.matches("Koulutusbudjetti").count(), 2, "{section}");
    assert!(
        section.contains("<td class=\"align-right\">125</td>"),
        "{section}"
    );
    assert!(
        section.contains("<td class=\"align-center\">800</td>"),
        "{section}"
    );
    assert!(section.contains("<th scope=\"col\" class=\"align-left\">Koulutus</th>"));
    // `##` under a section title is the next level down, and `####` under it does not skip.
    assert!(section.contains("<h3>Lisätietoja</h3>"), "{section}");
    assert!(section.contains("<h4>Yhteystiedot</h4>"), "{section}");

    let text = collapse(&pdf_text(&dir.join("plan.pdf")));
    let number = between(caption, "Taulukko ", ".")
        .trim_start_matches("Taulukko ")
        .to_owned();
    assert!(
        text.contains(&format!("Taulukko {number}. Koulutusbudjetti")),
        "{text}"
    );
}

#[test]
fn the_municipalities_box_does_not_repeat_its_title() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "kainuu"]).expect(0);
    let html = std::fs::read_to_string(ws.path("output/kainuu/draft/plan.html")).unwrap();
    let facts = between(&html, "<div class=\"facts\">", "</div>");
    assert!(
        facts.contains("<p class=\"facts-title\">Alueen kunnat</p>"),
        "{facts}"
    );
    assert!(facts.contains("<dt>Kunnat (8)</dt>"), "{facts}");
    assert_eq!(facts.matches("Alueen kunnat").count(), 1, "{facts}");
}

#[test]
fn pdf_tables_do_not_hyphenate_month_ranges_or_short_headers() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let pdf = ws.path("output/keski-suomi/1.0/plan.pdf");
    // Raw text keeps each printed line: a split word would show as "hel-" and "mikuu".
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for whole in [
        "tammikuu–helmikuu",
        "huhtikuu–toukokuu",
        "lokakuu–marraskuu",
        "Tavoitetaso",
        "Lähtötaso",
    ] {
        assert!(text.contains(whole), "\"{whole}\" is split in the PDF");
    }
    for split in ["hel-\n", "Tavoiteta-\n", "Lähtö-\n"] {
        assert!(!text.contains(split), "\"{split}\" in the PDF");
    }
}

#[test]
fn an_event_over_the_turn_of_the_year_is_an_arc_through_the_top() {
    let ws = Workspace::with_examples();
    let path = "regions/kainuu/sections/reporting-cycle.yaml";
    let cycle = std::fs::read_to_string(ws.path(path)).unwrap();
    ws.write(
        path,
        &format!(
            "{cycle}  - id: talvikooste\n    month: \"11-2\"\n    activity: Talven kooste\n    \
             owner: Työryhmä\n"
        ),
    );
    ws.run(&["build", "kainuu"]).expect(0);
    let dir = ws.path("output/kainuu/draft");
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert_wheel_matches_table(&html, 15);
    let desc = between(&html, "<desc id=", "</desc>");
    assert!(desc.contains("marraskuu–helmikuu"), "{desc}");
    let alts = pdf_alt_texts(&dir.join("plan.pdf"));
    assert!(
        alts.iter().any(|a| a.contains("marraskuu–helmikuu")),
        "{alts:?}"
    );
}

/// Indicators for the follow-up tests, appended to Kainuu's list (whose ids the actions
/// refer to): on the straight line (on track), just under it (behind), lower is better (on
/// track), measured only in the baseline year and without a target year (no assessment).
const FOLLOWED: &str = r#"  - id: ajallaan
    name: Ajallaan etenevä mittari
    baseline: "40 %"
    baseline_year: 2024
    target: "vähintään 80 %"
    target_year: 2028
    values: {2024: 40, 2025: 50}
  - id: jaljessa
    name: Jäljessä oleva mittari
    baseline: "40"
    baseline_year: 2024
    target: "80"
    target_year: 2028
    values:
      2024: 40
      2025: 49.5
  - id: odotusaika
    name: Odotusaika
    baseline: "30 päivää"
    baseline_year: 2024
    target: "enintään 10 päivää"
    target_year: 2028
    values: {2025: 24}
  - id: vasta-lahtotaso
    name: Vasta lähtötaso mitattu
    baseline: "12"
    baseline_year: 2025
    target: "20"
    target_year: 2028
    values: {2025: 12}
  - id: ei-tavoitevuotta
    name: Tavoitteella ei vuotta
    baseline: "2 havaintoa"
    baseline_year: 2024
    target: "vähintään 5 havaintoa"
    values: {2025: 3}
  - id: omat-luvut
    name: Luvut kirjoitettuina
    baseline: "noin 1/3 yksiköistä"
    baseline_year: 2024
    baseline_value: 33
    target: "kaksi kolmasosaa"
    target_year: 2028
    target_value: 67
    values: {2025: 45}
  - id: taso-pysyy
    name: Taso pysyy
    baseline: "enintään 5 %"
    baseline_year: 2024
    target: "enintään 5 %"
    target_year: 2028
    direction: lower
    values: {2025: 6}
"#;

/// Kainuu with the indicators of [`FOLLOWED`] added.
fn kainuu_with_followed_indicators() -> Workspace {
    let ws = Workspace::with_examples();
    let path = "regions/kainuu/sections/monitoring.yaml";
    let text = std::fs::read_to_string(ws.path(path)).unwrap();
    ws.write(path, &format!("{}\n{FOLLOWED}", text.trim_end()));
    ws
}

/// The follow-up table's row of indicator `id`, as HTML.
fn follow_up_row<'a>(html: &'a str, id: &str) -> &'a str {
    let table = between(html, "id=\"monitoring-indicators-follow-up\"", "</table>");
    between(table, &format!(">{id}<"), "</tr>")
}

#[test]
fn an_indicator_with_yearly_values_gets_a_chart_in_the_html_and_the_pdf() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "kainuu"]).expect(0);
    let dir = ws.path("output/kainuu/draft");
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    // Kainuu's share of reporting units: 40 % in 2024, 52 % in 2025, 75 % by 2028.
    let id = "monitoring-indicators-raportoivat-yksikot-chart";
    let figure = between(
        &html,
        &format!("<figure class=\"chart\" id=\"{id}\""),
        "</figure>",
    );
    let svg = between(figure, "<svg ", "</svg>");
    assert!(svg.contains("role=\"img\""), "{svg}");
    assert!(
        svg.contains(&format!(
            "<title id=\"{id}-title\">Mittarin kehitys: Raportoineiden yksiköiden osuus</title>"
        )),
        "{svg}"
    );
    for words in [
        "40\u{a0}%",
        "52\u{a0}%",
        "75\u{a0}%",
        "Mittaus",
        "Lähtötaso",
        "Tavoitepolku",
    ] {
        assert!(svg.contains(&format!(">{words}</text>")), "{words}: {svg}");
    }
    // The caption says the result and links to the table with the same numbers.
    assert!(figure.contains(">Tavoitteessa</span>"), "{figure}");
    assert!(
        figure.contains("<a href=\"#monitoring-indicators-follow-up\">Samat tiedot taulukkona"),
        "{figure}"
    );
    let row = follow_up_row(&html, "raportoivat-yksikot");
    assert!(row.contains("2024: 40\u{a0}%; 2025: 52\u{a0}%"), "{row}");
    assert!(row.contains("75\u{a0}% (2028)"), "{row}");

    // The PDF: a tagged figure per chart (and the wheel), with every number in its
    // alternative text, and the caption with the result.
    let pdf = dir.join("plan.pdf");
    let text = collapse(&pdf_text(&pdf)).replace('\u{a0}', " ");
    assert!(
        text.contains(
            "Raportoineiden yksiköiden osuus. Tavoitteessa: viimeisin mittaus 52 % (2025)"
        ),
        "{text}"
    );
    let tags = std::process::Command::new("pdfinfo")
        .args(["-struct-text", pdf.to_str().unwrap()])
        .output()
        .unwrap();
    let tags = String::from_utf8_lossy(&tags.stdout);
    assert!(tags.matches("Figure").count() >= 7, "{tags}");
    let alts: Vec<String> = pdf_alt_texts(&pdf)
        .into_iter()
        .map(|a| a.replace('\u{a0}', " "))
        .collect();
    let alt = alts
        .iter()
        .find(|a| a.starts_with("Mittarin kehitys: Raportoineiden yksiköiden osuus."))
        .unwrap_or_else(|| panic!("no alt text for the chart: {alts:?}"));
    assert!(
        alt.contains("Lähtötaso 40 % (2024); Mittaukset 2024: 40 %, 2025: 52 %; Tavoitetaso 75 % (2028). Tavoitteessa"),
        "{alt}"
    );
}

#[test]
fn the_template_rule_says_on_track_behind_or_that_there_is_too_little_data() {
    let ws = kainuu_with_followed_indicators();
    ws.run(&["build", "kainuu"]).expect(0);
    let dir = ws.path("output/kainuu/draft");
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    let expect = [
        (
            "ajallaan",
            "Tavoitteessa: viimeisin mittaus 50\u{a0}% (2025), tavoitepolulla 50\u{a0}%",
        ),
        (
            "jaljessa",
            "Jäljessä: viimeisin mittaus 49,5 (2025), tavoitepolulla 50",
        ),
        // Lower is better, read from a target below the baseline: 24 days beat the 25 due.
        (
            "odotusaika",
            "Tavoitteessa: viimeisin mittaus 24 (2025), tavoitepolulla 25",
        ),
        (
            "vasta-lahtotaso",
            "Ei arviota: ei mittausta lähtötason vuoden jälkeen",
        ),
        (
            "ei-tavoitevuotta",
            "Ei arviota: tavoitteelta puuttuu luku tai lähtötason jälkeinen vuosi",
        ),
    ];
    for (id, words) in expect {
        let row = follow_up_row(&html, id);
        assert!(row.contains(words), "{id}: {row}");
    }
    // The numbers read from the texts: "vähintään 80 %" is 80, "enintään 10 päivää" 10;
    // numbers written out win over the text's ("noin 1/3" would read as 1).
    assert!(follow_up_row(&html, "ajallaan").contains("80\u{a0}% (2028)"));
    assert!(follow_up_row(&html, "odotusaika").contains(">10 (2028)<"));
    let own = follow_up_row(&html, "omat-luvut");
    assert!(
        own.contains(">33 (2024)<") && own.contains(">67 (2028)<"),
        "{own}"
    );
    assert!(
        own.contains("Tavoitteessa: viimeisin mittaus 45 (2025), tavoitepolulla 41,5"),
        "{own}"
    );
    // A target that keeps the level follows `direction`: 6 % is over a ceiling of 5 %.
    let level = follow_up_row(&html, "taso-pysyy");
    assert!(
        level.contains("Jäljessä: viimeisin mittaus 6\u{a0}% (2025)"),
        "{level}"
    );
    // The rule in words, and the results counted (Kainuu's own seven, sotkanet:5 behind, and these seven).
    assert!(
        html.contains("Mittari on tavoitteessa, kun viimeisin mittaus"),
        "rule"
    );
    assert!(
        html.contains("Mittarien tilanne: Tavoitteessa 5, Jäljessä 5, Ei arviota 4."),
        "{}",
        between(&html, "Mittarien tilanne", "</p>")
    );
    // The PDF says the same in its captions.
    let text = collapse(&pdf_text(&dir.join("plan.pdf"))).replace('\u{a0}', " ");
    assert!(
        text.contains("Jäljessä oleva mittari. Jäljessä: viimeisin mittaus 49,5 (2025)"),
        "{text}"
    );
    assert!(
        text.contains("Odotusaika. Tavoitteessa: viimeisin mittaus 24 (2025)"),
        "{text}"
    );
    assert!(
        text.contains("Vasta lähtötaso mitattu. Ei arviota: ei mittausta"),
        "{text}"
    );

    // The rule is the template's: allowing a tenth behind the line puts 49.5 on track.
    let template = std::fs::read_to_string(ws.path("plan-template/template.yaml")).unwrap();
    assert!(template.contains("on_track_share: 1.0"));
    ws.write(
        "plan-template/template.yaml",
        &template.replace("on_track_share: 1.0", "on_track_share: 0.9"),
    );
    ws.run(&["build", "kainuu"]).expect(0);
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    let row = follow_up_row(&html, "jaljessa");
    assert!(
        row.contains("Tavoitteessa: viimeisin mittaus 49,5 (2025), tavoitepolulla 49"),
        "{row}"
    );
    assert!(
        html.contains("vähintään 90\u{a0}% siitä"),
        "rule with its share"
    );
}

#[test]
fn a_plan_without_measured_values_shows_no_follow_up() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let html = std::fs::read_to_string(ws.path("output/keski-suomi/1.0/plan.html")).unwrap();
    assert!(!html.contains("class=\"chart\""));
    assert!(!html.contains("Mittarien tilanne"));
    assert!(!html.contains("<th scope=\"col\">Mittaukset</th>"));
}

#[test]
fn bad_yearly_values_are_errors_at_their_line() {
    let ws = Workspace::with_examples();
    let path = "regions/kainuu/sections/monitoring.yaml";
    let text = std::fs::read_to_string(ws.path(path)).unwrap();
    let text = format!(
        "{}\n  - id: virheet\n    name: Virheellinen\n    values:\n      1999: 4\n      \
         2024: \"41 %\"\n      2025: 41,5\n      2026: 3\n      \"2026\": 4\n  \
         - id: virheet-2\n    name: Toinen\n    values: {{2024: 41,5}}\n  \
         - id: virheet-3\n    name: Kolmas\n    values: [41, 77]\n",
        text.trim_end()
    );
    ws.write(path, &text);
    let line = |needle: &str| {
        text.lines()
            .position(|l| l.trim() == needle)
            .unwrap_or_else(|| panic!("{needle}"))
            + 1
    };
    let run = ws.run(&["check", "kainuu"]).expect(1);
    let err = &run.stderr;
    let at = |needle: &str, col: usize| format!("{path}:{}:{col}", line(needle));
    for (message, place) in [
        ("\"1999\" is not a year from 2000 to 2100", at("1999: 4", 7)),
        (
            "year 2024: \"41 %\" is not a number",
            at("2024: \"41 %\"", 13),
        ),
        ("year 2025: \"41,5\" is not a number", at("2025: 41,5", 13)),
        ("the year 2026 is given twice", at("\"2026\": 4", 7)),
        (
            "\"5\" is not a year from 2000 to 2100",
            at("values: {2024: 41,5}", 23),
        ),
        (
            "should be years with their numbers, but this is a list",
            at("values: [41, 77]", 13),
        ),
    ] {
        let shown = err
            .find(message)
            .unwrap_or_else(|| panic!("{message}: {err}"));
        assert!(err[shown..].contains(&place), "{message} at {place}: {err}");
    }
    assert!(
        err.contains("hint: write decimals with a point and without quotes: 41.5"),
        "{err}"
    );
    assert!(
        err.contains("hint: a comma separates the years; write decimals with a point"),
        "{err}"
    );
    assert!(err.contains("kainuu: 6 errors"), "{err}");

    let fi = ws.run(&["--lang", "fi", "check", "kainuu"]).expect(1);
    assert!(
        fi.stderr
            .contains("\"1999\" ei ole vuosiluku väliltä 2000–2100"),
        "{}",
        fi.stderr
    );
    assert!(
        fi.stderr.contains("vuosi 2026 on annettu kahdesti"),
        "{}",
        fi.stderr
    );
    assert!(
        fi.stderr.contains("vuosi 2025: \"41,5\" ei ole luku"),
        "{}",
        fi.stderr
    );
}

#[test]
fn measured_values_changed_between_versions_show_in_the_diff_year_by_year() {
    let ws = Workspace::with_examples();
    ws.copy_region("kainuu", "vanha");
    let path = "regions/kainuu/sections/monitoring.yaml";
    let text = std::fs::read_to_string(ws.path(path)).unwrap();
    let old = "values: {2024: 41, 2025: 58}";
    assert!(text.contains(old));
    ws.write(
        path,
        &text.replace(old, "values: {2024: 41, 2025: 60, 2026: 70}"),
    );
    let run = ws
        .run(&[
            "--lang",
            "fi",
            "diff",
            "kainuu",
            "regions/vanha",
            "worktree",
        ])
        .expect(1);
    let shown = between(&run.stdout, "Mittaukset:", "\n");
    // The unchanged year stays, the changed number and the new year are marked.
    // Year by year: each year once, the changed number and the added year marked.
    assert!(
        shown.contains("2024: 41; 2025: [-58-] {+60+}; {+2026: 70+}"),
        "{shown}"
    );
}
