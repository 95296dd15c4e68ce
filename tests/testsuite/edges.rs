//! What `check` accepts, `build` builds, at the edges (issue 21): numbers at the ends of f64
//! and past what a chart can draw, names and headings near the PDF's string limit, long web
//! addresses and tables written without spaces. Each is refused by `check` at its line or
//! builds, and the limits the template's README documents are the ones enforced.

use crate::support::{Workspace, pdf_text};

const MONITORING: &str = "regions/kainuu/sections/monitoring.yaml";
const VALUES: &str = "values: {2024: 41, 2025: 58}";

/// A YAML string (JSON's quoting is YAML's too).
pub(crate) fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// Words of `word` repeated to at least `chars` characters.
pub(crate) fn words(word: &str, chars: usize) -> String {
    let mut s = String::new();
    while s.chars().count() < chars {
        s.push_str(word);
        s.push(' ');
    }
    s.trim_end()
        .chars()
        .take(chars)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

#[test]
fn numbers_past_a_chart_are_refused_at_their_line() {
    let ws = Workspace::with_examples();
    ws.edit(
        MONITORING,
        VALUES,
        "values: {2024: -1.7e308, 2025: 1.7e308}",
    );
    let check = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        check.stderr.contains("too large a number to chart") && check.stderr.contains(":38:"),
        "{}",
        check.stderr
    );
    // The build refuses too, at once, rather than drawing grid lines until memory runs out.
    let build = ws.run(&["build", "kainuu"]).expect(1);
    assert!(
        build.stderr.contains("too large a number"),
        "{}",
        build.stderr
    );

    let ws = Workspace::with_examples();
    ws.edit(
        MONITORING,
        "    baseline: \"58\"\n",
        "    baseline: \"58\"\n    baseline_value: -1.7e308\n    target_value: 1.7e308\n",
    );
    let check = ws.run(&["check", "kainuu"]).expect(1);
    assert_eq!(
        check.stderr.matches("too large a number to chart").count(),
        2,
        "{}",
        check.stderr
    );
}

#[test]
fn numbers_at_the_limit_and_huge_numbers_in_texts_chart() {
    let ws = Workspace::with_examples();
    // Numbers at the limit either way, a level an f64 cannot step through in units, and
    // a baseline text whose first number overflows f64 (110 groups of digits).
    ws.edit(
        MONITORING,
        VALUES,
        "values: {2024: -1000000000000000, 2025: 1000000000000000}",
    );
    ws.edit(
        MONITORING,
        "      2024: 40\n      2025: 52\n",
        "      2024: -999999999999999.9\n      2025: -999999999999999.8\n",
    );
    let overflowing = format!("1{} ilmoitusta", " 000".repeat(110));
    ws.edit(
        MONITORING,
        "    baseline: \"5/8\"",
        &format!("    baseline: \"{overflowing}\""),
    );
    ws.run(&["check", "kainuu"]).expect(0);
    let started = std::time::Instant::now();
    ws.run(&["build", "kainuu"]).expect(0);
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
    let html = std::fs::read_to_string(ws.path("output/kainuu/draft/plan.html")).unwrap();
    assert!(
        html.contains("1\u{a0}000\u{a0}000\u{a0}000\u{a0}000\u{a0}000"),
        "the limit's number is drawn"
    );
    assert!(!html.contains("NaN") && !html.contains("inf<"));
}

#[test]
fn names_and_headings_past_the_pdf_string_limit_are_refused_at_their_line() {
    let ws = Workspace::with_examples();
    let long = words("sana", 35_000);
    ws.edit(
        "regions/kainuu/region.yaml",
        "name: {fi: Kainuun hyvinvointialue, sv: Kajanalands välfärdsområde}",
        &format!("name: {}", quoted(&long)),
    );
    ws.edit(
        MONITORING,
        "    name: Sosiaalisen raportoinnin ilmoitusten määrä",
        &format!("    name: {}", quoted(&long)),
    );
    ws.edit(
        "regions/kainuu/sections/focus-areas.yaml",
        "    name: Tietotyö",
        &format!("    name: {}", quoted(&long)),
    );
    ws.write(
        "regions/kainuu/sections/context.yaml",
        &format!("text: |\n  Alku.\n\n  ## {long}\n\n  Loppu.\n"),
    );
    let check = ws.run(&["check", "kainuu"]).expect(1);
    let e = &check.stderr;
    assert_eq!(
        e.matches("characters long; a name, title or heading may be at most 1000")
            .count(),
        4,
        "{e}"
    );
    for place in [
        "region.yaml:3:",
        "monitoring.yaml:30:",
        "focus-areas.yaml:13:",
        "context.yaml:4:",
    ] {
        assert!(e.contains(place), "{place}: {e}");
    }
    // build refuses what check refuses, with the same lines, never typst's "PDF string".
    let build = ws.run(&["build", "kainuu"]).expect(1);
    assert!(!build.stderr.contains("PDF string"), "{}", build.stderr);
}

#[test]
fn names_and_headings_at_the_limit_build_and_show_whole() {
    let ws = Workspace::with_examples();
    // 1000 characters of two-byte letters: 2000 bytes in a PDF string; the document title
    // joins the plan's title and the county's name.
    let name = words("Ääniöö", 1000);
    let heading = words("Väliotsikkoää", 1000);
    ws.edit(
        "regions/kainuu/region.yaml",
        "name: {fi: Kainuun hyvinvointialue, sv: Kajanalands välfärdsområde}",
        &format!("name: {}", quoted(&name)),
    );
    ws.edit(
        "regions/kainuu/sections/focus-areas.yaml",
        "    name: Tietotyö",
        &format!("    name: {}", quoted(&name)),
    );
    ws.edit(
        MONITORING,
        "    name: Sosiaalisen raportoinnin ilmoitusten määrä",
        &format!("    name: {}", quoted(&name)),
    );
    ws.write(
        "regions/kainuu/sections/context.yaml",
        &format!("text: |\n  Alku.\n\n  ## {heading}\n\n  Loppu.\n"),
    );
    ws.run(&["check", "kainuu"]).expect(0);
    ws.run(&["build", "kainuu"]).expect(0);
    let text = pdf_text(&ws.path("output/kainuu/draft/plan.pdf"));
    // The heading is on the page whole: every word of it, and its cut last word.
    assert_eq!(
        text.matches("Väliotsikkoää").count(),
        heading.matches("Väliotsikkoää").count()
    );
    assert!(text.contains(heading.rsplit_once(' ').unwrap().1));
}

#[test]
fn long_addresses_and_tables_without_spaces_build() {
    let ws = Workspace::with_examples();
    let address = format!(
        "https://hyvinvointialue.sharepoint.com/sites/rakenteellinen/Shared%20Documents/{}",
        "kansio/".repeat(41)
    );
    assert!(address.len() > 360);
    let cells: Vec<String> = (0..12)
        .map(|i| format!("{}", (b'a' + i) as char).repeat(26))
        .collect();
    let row = format!("|{}|", cells.join("|"));
    let rule = format!("|{}|", ["-"; 12].join("|"));
    ws.write(
        "regions/kainuu/sections/context.yaml",
        &format!(
            "text: |\n  Osoite tekstinä: {address}\n\n  Linkkinä: [kansio]({address}).\n\n  \
             {row}\n  {rule}\n  {row}\n"
        ),
    );
    ws.run(&["check", "kainuu"]).expect(0);
    ws.run(&["build", "kainuu"]).expect(0);
    let text = pdf_text(&ws.path("output/kainuu/draft/plan.pdf"));
    assert!(text.contains("Linkkinä: kansio."), "{text}");
    let html = std::fs::read_to_string(ws.path("output/kainuu/draft/plan.html")).unwrap();
    assert!(html.contains(&format!("href=\"{address}\"")));
    assert!(html.contains(&format!("<td>{}</td>", cells[11])));

    // Past the address limit: refused at its line, as a link and as text.
    let too_long = format!("https://example.org/{}", "x".repeat(2001));
    ws.write(
        "regions/kainuu/sections/context.yaml",
        &format!("text: |\n  Alku.\n\n  [kansio]({too_long})\n\n  {too_long}\n"),
    );
    let check = ws.run(&["check", "kainuu"]).expect(1);
    let e = &check.stderr;
    assert!(
        e.contains("a link's address here is 2021 characters long"),
        "{e}"
    );
    assert!(
        e.contains("context.yaml:4:") && e.contains("context.yaml:6:"),
        "{e}"
    );
    assert_eq!(
        e.matches("an address may be at most 2000").count(),
        2,
        "{e}"
    );
    // An address written over several words of a link's target (`<...>`) counts whole.
    ws.write(
        "regions/kainuu/sections/context.yaml",
        &format!(
            "text: |\n  [kansio](<https://example.org/{}>)\n",
            "a b ".repeat(600)
        ),
    );
    let check = ws.run(&["check", "kainuu"]).expect(1);
    assert!(
        check.stderr.contains("a link's address here is"),
        "{}",
        check.stderr
    );
}

/// The limits plan-template/README.md documents are the numbers `check` enforces.
#[test]
fn the_documented_limits_are_the_enforced_ones() {
    use rakeplan::limits::*;
    let readme =
        std::fs::read_to_string(crate::support::repo().join("plan-template/README.md")).unwrap();
    let row = |what: &str| -> String {
        readme
            .lines()
            .find(|l| l.starts_with('|') && l.contains(what))
            .unwrap_or_else(|| panic!("README has no row for {what}"))
            .split('|')
            .nth(2)
            .unwrap()
            .trim()
            .to_owned()
    };
    let grouped = |n: usize| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    };
    assert_eq!(
        row("table cells in the whole plan"),
        grouped(MAX_PLAN_TABLE_CELLS)
    );
    assert_eq!(row("items in one list"), MAX_LIST_ITEMS.to_string());
    assert_eq!(
        row("rows / columns of one Markdown table"),
        format!("{} / {}", MAX_TABLE_ROWS, MAX_TABLE_COLUMNS)
    );
    assert_eq!(row("one word"), format!("{MAX_WORD_CHARS} characters"));
    assert_eq!(
        row("a web address"),
        format!("{} characters", grouped(MAX_ADDRESS_CHARS))
    );
    assert_eq!(
        row("a name, title or heading"),
        format!("{} characters", grouped(MAX_NAME_CHARS))
    );
    assert_eq!(row("emphasis, bold"), format!("{MAX_INLINE_DEPTH} levels"));
    assert_eq!(
        row("lists and quotes nested"),
        format!("{MAX_MARKDOWN_DEPTH} levels")
    );
    assert_eq!(rakeplan::numbers::MAX_NUMBER, 1e15);
    assert!(row("a number").starts_with("10^15"), "{}", row("a number"));
}
