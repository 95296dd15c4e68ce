//! Pictures and readable pages: the vuosikello (reporting cycle wheel) in the HTML and the
//! PDF, numbered like the rows of its table; planner and county text in it stays text;
//! Markdown tables keep their alignment and get numbered captions; headings never skip a
//! level; PDF tables do not hyphenate month ranges or short headers.

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
    let html = std::fs::read_to_string(ws.path("output/keski-pohjanmaa/1.0/plan.sv.html")).unwrap();
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
