//! `rakeplan diff`: a stored version against the county's YAML after the edits an approval
//! body cares about (a sentence edited, an action added, a member removed, items reordered),
//! in text, JSON and HTML; moves stay moves even with small edits; a version against itself
//! is "no differences"; git refs and folders work as sides; mistakes exit 2 and say why.

use serde_json::Value;

use crate::support::{Run, Workspace};

/// Moves the YAML list item whose first line is `item` (e.g. "  - id: koske\n") to just
/// before the line `before`. The item is its first line and the lines indented deeper.
fn move_item(ws: &Workspace, rel: &str, item: &str, before: &str) {
    let text = std::fs::read_to_string(ws.path(rel)).unwrap();
    let start = text.find(item).unwrap_or_else(|| panic!("{rel}: {item:?}"));
    let deeper = format!("{}  ", &item[..item.find('-').unwrap()]);
    let mut end = start + item.len();
    for line in text[end..].split_inclusive('\n') {
        if !line.starts_with(&deeper) {
            break;
        }
        end += line.len();
    }
    let block = text[start..end].to_owned();
    let rest = format!("{}{}", &text[..start], &text[end..]);
    let at = rest
        .find(before)
        .unwrap_or_else(|| panic!("{rel}: {before:?}"));
    ws.write(rel, &format!("{}{block}{}", &rest[..at], &rest[at..]));
}

/// `rakeplan diff kainuu regions/vanha worktree --format FORMAT` (a copy of Kainuu taken
/// before the test's edits): its output, which must report differences.
fn against_vanha(ws: &Workspace, format: &str) -> String {
    ws.run(&[
        "diff",
        "kainuu",
        "regions/vanha",
        "worktree",
        "--format",
        format,
    ])
    .expect(1)
    .stdout
}

/// The four edits of the issue: a sentence, an action, a member, an order.
fn edit_county(ws: &Workspace) {
    let s = "regions/keski-suomi/sections";
    ws.edit(
        &format!("{s}/goals.yaml"),
        "tavoitteet on asetettu valtuustokaudelle",
        "tavoitteet on kirjattu valtuustokaudelle",
    );
    ws.edit(
        &format!("{s}/focus-areas.yaml"),
        "      - id: perehdytys\n",
        "      - id: kuntakooste\n        action: Laaditaan jokaiselle kunnalle vuosittain oma kooste havainnoista.\n        owner: Tietoasiantuntija\n        schedule: vuosittain syyskuussa\n        indicators: [raportit-maara]\n      - id: perehdytys\n",
    );
    ws.edit(
        &format!("{s}/working-group.yaml"),
        "  - id: lastensuojelu\n    role: Sosiaalityöntekijä, lastensuojelu\n    unit: Perhe- ja sosiaalipalvelut\n",
        "",
    );
    move_item(
        ws,
        &format!("{s}/cooperation.yaml"),
        "  - id: koske\n",
        "  - id: jarjestot\n",
    );
}

/// The one folder `build` stored for a county (its version, or `draft`).
fn stored_label(ws: &Workspace, slug: &str) -> String {
    let dirs: Vec<String> = std::fs::read_dir(ws.path(&format!("output/{slug}")))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs[0].clone()
}

fn redline(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

/// Group id, change kind and the id of the item changed (or the field), for every change.
fn summary(doc: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for g in doc["groups"].as_array().unwrap() {
        for c in g["changes"].as_array().unwrap() {
            let item = c["item"].as_str().or(c["field"].as_str()).unwrap();
            out.push((
                g["id"].as_str().unwrap().to_owned(),
                c["kind"].as_str().unwrap().to_owned(),
                item.to_owned(),
            ));
        }
    }
    out
}

/// The texts inside every `del` and every `ins` mark below `value`.
fn ops(value: &Value) -> (Vec<String>, Vec<String>) {
    fn text(v: &Value) -> String {
        match v {
            Value::Object(o) => match o.get("text") {
                Some(Value::String(t)) => t.clone(),
                _ => o.get("children").map(text).unwrap_or_default(),
            },
            Value::Array(a) => a.iter().map(text).collect(),
            _ => String::new(),
        }
    }
    fn walk(v: &Value, del: &mut Vec<String>, ins: &mut Vec<String>) {
        match v {
            Value::Object(o) => match o.get("type").and_then(Value::as_str) {
                Some("del") => del.push(text(v)),
                Some("ins") => ins.push(text(v)),
                _ => o.values().for_each(|x| walk(x, del, ins)),
            },
            Value::Array(a) => a.iter().for_each(|x| walk(x, del, ins)),
            _ => {}
        }
    }
    let (mut del, mut ins) = (Vec::new(), Vec::new());
    walk(value, &mut del, &mut ins);
    (del, ins)
}

#[test]
fn diff_against_a_stored_version_shows_exactly_the_edits() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let v = stored_label(&ws, "keski-suomi");
    let v = v.as_str();
    let goals_before =
        std::fs::read_to_string(ws.path("regions/keski-suomi/sections/goals.yaml")).unwrap();
    edit_county(&ws);

    // Text: a summary line per changed section, then the word changes, no colour when piped.
    let text = ws.run(&["diff", "keski-suomi", v, "worktree"]).expect(1);
    let out = &text.stdout;
    assert!(!out.contains('\x1b'), "colour in a pipe:\n{out}");
    assert!(out.contains("4 muutosta 4 osassa."), "{out}");
    for line in [
        "  3 Tavoitteet                            1 muutettu\n",
        "  5 Rakenteellisen sosiaalityön työryhmä  1 poistettu\n",
        "  8 Painopistealueet                      1 lisätty\n",
        "  9 Yhteistyö ja verkostot                1 siirretty\n",
        "tavoitteet on [-asetettu-] {+kirjattu+} valtuustokaudelle",
        "Poistettu  Työryhmän jäsenet › Sosiaalityöntekijä, lastensuojelu (lastensuojelu)\n",
        "    Yksikkö tai palvelualue: [-Perhe- ja sosiaalipalvelut-]\n",
        "Lisätty  Painopistealueet › Tietotyö › Toimenpiteet › Laaditaan jokaiselle kunnalle vuosittain oma kooste… (kuntakooste)\n",
        // An action's indicators by name, not by id.
        "    Mittarit: {+Sosiaalisten raporttien määrä+}\n",
        "    Toimenpide: {+Laaditaan jokaiselle kunnalle vuosittain oma kooste havainnoista.+}\n",
        "    Vastuutaho: {+Tietoasiantuntija+}\n",
        "Siirretty  Yhteistyökumppanit › Koske – Keski-Suomen sosiaalialan osaamiskeskus (koske)\n    Siirretty paikalta 1 paikalle 5. Sisältö on ennallaan.\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    // One changed word, two removed values (role and unit), nothing else struck out; the
    // metadata is a summary at the top, not changes.
    assert_eq!(out.matches("[-").count(), 3, "{out}");
    assert!(
        !out.contains("worktree") && !out.contains("approved"),
        "{out}"
    );

    // JSON: exactly four changes, the move a move, the sentence one word.
    let json = ws
        .run(&["diff", "keski-suomi", v, "worktree", "--format", "json"])
        .expect(1);
    let doc = redline(&json);
    let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        summary(&doc),
        [
            s("goals", "changed", "text"),
            s("working-group", "removed", "lastensuojelu"),
            s("focus-areas", "added", "kuntakooste"),
            s("cooperation", "moved", "koske"),
        ]
    );
    let goals = &doc["groups"][0]["changes"][0];
    assert_eq!(goals["fields"].as_array().unwrap().len(), 1);
    assert_eq!(
        ops(goals),
        (vec!["asetettu".to_owned()], vec!["kirjattu".to_owned()])
    );
    assert!(goals_before.contains("tavoitteet on asetettu valtuustokaudelle"));
    let moved = &doc["groups"][3]["changes"][0];
    assert!(moved["fields"].as_array().unwrap().is_empty());
    assert_eq!(moved["label"], "Siirretty");
    assert_eq!(doc["from"]["name"], format!("versio {v}"));
    assert_eq!(doc["to"]["name"], format!("versio {v}, muokattu"));

    // HTML: a redline page with labels and links to every change, written atomically.
    ws.run(&[
        "diff",
        "keski-suomi",
        v,
        "worktree",
        "--format",
        "html",
        "-o",
        "muutokset.html",
    ])
    .expect(1);
    let html = std::fs::read_to_string(ws.path("muutokset.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fi\">"));
    assert!(
        html.contains("tavoitteet on <del>asetettu</del> <ins>kirjattu</ins> valtuustokaudelle")
    );
    for label in ["Muutettu", "Poistettu", "Lisätty", "Siirretty"] {
        assert!(
            html.contains(&format!("\">{label}</span>")),
            "label {label} missing"
        );
    }
    assert_eq!(html.matches("<article ").count(), 4);
    for n in 1..=4 {
        assert!(html.contains(&format!("href=\"#muutos-{n}\"")), "link {n}");
        assert!(html.contains(&format!("id=\"muutos-{n}\"")), "anchor {n}");
    }
    // Below the legend: the changed word, and the removed member's role and unit.
    let main = html.split("<main>").nth(1).unwrap();
    assert_eq!(main.matches("<del>").count(), 3, "{html}");
    assert_eq!(main.matches("<ins>").count(), 5, "{html}");
    assert!(html.contains("<del>Sosiaalityöntekijä, lastensuojelu</del>"));
    assert!(html.contains("<ins>Tietoasiantuntija</ins>"));
    assert!(html.contains("Siirretty paikalta 1 paikalle 5. Sisältö on ennallaan."));
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    let leftovers: Vec<_> = std::fs::read_dir(&ws.root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // A version against itself.
    let same = ws.run(&["diff", "keski-suomi", v, v]).expect(0);
    assert!(
        same.stdout.contains("Ei eroja: versiot ovat samat."),
        "{}",
        same.stdout
    );
    let same = ws
        .run(&["diff", "keski-suomi", v, v, "--format", "json"])
        .expect(0);
    assert!(redline(&same)["groups"].as_array().unwrap().is_empty());

    // An unknown version names the ones that exist.
    let unknown = ws
        .run(&["diff", "keski-suomi", "0.9", "worktree"])
        .expect(2);
    assert!(
        unknown
            .stderr
            .contains("there is no stored version \"0.9\" of \"keski-suomi\"")
            && unknown
                .stderr
                .contains(&format!("the stored versions are {v};")),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_moved_item_with_small_edits_is_a_move_not_a_removal_and_an_addition() {
    let ws = Workspace::with_examples();
    ws.copy_region("keski-suomi", "vanha");
    let areas = "regions/keski-suomi/sections/focus-areas.yaml";
    // Within a focus area: moved to its end, and its schedule extended.
    move_item(
        &ws,
        areas,
        "      - id: perehdytys\n",
        "  - id: oikeudenmukaisuustyo\n",
    );
    ws.edit(
        areas,
        "schedule: 2025–2026, sen jälkeen jatkuva\n",
        "schedule: 2025–2026, sen jälkeen jatkuva, arvioidaan vuosittain\n",
    );
    // Into another focus area, unchanged.
    move_item(
        &ws,
        areas,
        "      - id: asioinnin-saavutettavuus\n",
        "      - id: asukasraportointi\n",
    );
    let json = ws
        .run(&[
            "diff",
            "keski-suomi",
            "regions/vanha",
            "worktree",
            "--format",
            "json",
        ])
        .expect(1);
    let doc = redline(&json);
    let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        summary(&doc),
        [
            s("focus-areas", "moved", "perehdytys"),
            s("focus-areas", "moved", "asioinnin-saavutettavuus"),
        ]
    );
    let changes = &doc["groups"][0]["changes"];
    assert_eq!(changes[0]["note"], "Siirretty paikalta 2 paikalle 5.");
    assert_eq!(changes[0]["fields"][0]["label"], "Aikataulu");
    assert_eq!(
        ops(&changes[0]),
        (vec![], vec![", arvioidaan vuosittain".to_owned()])
    );
    assert_eq!(
        changes[1]["note"],
        "Siirretty kohdasta Oikeudenmukaisuustyö (paikka 2) tähän, paikalle 3. Sisältö on ennallaan."
    );
    assert!(
        changes[1]["title"]
            .as_str()
            .unwrap()
            .starts_with("Painopistealueet › Osallisuustyö › Toimenpiteet › ")
    );
    assert!(changes[1]["fields"].as_array().unwrap().is_empty());

    let text = ws
        .run(&["diff", "keski-suomi", "regions/vanha", "worktree"])
        .expect(1);
    for line in [
        "Siirretty ja muutettu  Painopistealueet › Tietotyö › Toimenpiteet › ",
        "    Siirretty paikalta 2 paikalle 5.\n    Aikataulu: 2025–2026, sen jälkeen jatkuva{+, arvioidaan vuosittain+}\n",
        "Siirretty  Painopistealueet › Osallisuustyö › Toimenpiteet › ",
        "    Siirretty kohdasta Oikeudenmukaisuustyö (paikka 2) tähän, paikalle 3. Sisältö on ennallaan.\n",
    ] {
        assert!(
            text.stdout.contains(line),
            "missing {line:?} in\n{}",
            text.stdout
        );
    }
    assert!(!text.stdout.contains("Lisätty") && !text.stdout.contains("Poistettu"));
}

#[test]
fn diff_compares_metadata_and_git_refs() {
    let ws = Workspace::with_examples();
    let git = |args: &[&str]| {
        ws.git(args);
    };
    git(&["init", "-q"]);
    git(&["add", "regions", "plan-template"]);
    git(&["commit", "-q", "-m", "hyväksytty versio"]);
    let plan = std::fs::read_to_string(ws.path("regions/keski-suomi/plan.yaml")).unwrap();
    let version = plan
        .lines()
        .find_map(|l| l.strip_prefix("version: "))
        .unwrap()
        .trim_matches('"')
        .to_owned();
    ws.edit(
        "regions/keski-suomi/plan.yaml",
        &format!("version: \"{version}\"\nstatus: approved\n"),
        // In handling: it may carry the decisions taken so far (a draft carries none).
        "version: \"9.1\"\nstatus: proposed\n",
    );

    let run = ws
        .run(&["diff", "keski-suomi", "git:HEAD", "worktree"])
        .expect(1);
    for line in [
        format!("  Versio: [-{version}-] {{+9.1+}}\n"),
        "  Tila: [-hyväksytty-] {+ehdotus+}\n".to_owned(),
        format!("Muutokset: versio {version} → ehdotus 9.1\n"),
        "Sisältö ei ole muuttunut.".to_owned(),
    ] {
        assert!(
            run.stdout.contains(&line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
    ws.run(&["diff", "keski-suomi", "git:HEAD", "git:HEAD"])
        .expect(0);
    let bad = ws
        .run(&["diff", "keski-suomi", "git:ei-ole", "worktree"])
        .expect(2);
    assert!(
        bad.stderr
            .contains("git knows no commit, branch or tag \"ei-ole\""),
        "{}",
        bad.stderr
    );
    let missing = ws.run(&["diff", "uusi", "git:HEAD", "worktree"]).expect(2);
    assert!(
        missing.stderr.contains("git:HEAD has no county \"uusi\""),
        "{}",
        missing.stderr
    );
}

#[test]
fn diff_refuses_what_it_cannot_do_with_exit_2() {
    let ws = Workspace::with_examples();
    // Piped (not a terminal), a PDF goes to standard output; a plan equal to itself exits 0.
    let pdf = ws
        .run(&[
            "diff",
            "keski-suomi",
            "worktree",
            "worktree",
            "--format",
            "pdf",
        ])
        .expect(0);
    assert!(pdf.stdout.starts_with("%PDF-"), "not a PDF");
    let none = ws
        .run(&["diff", "keski-suomi", "1.0", "worktree"])
        .expect(2);
    assert!(
        none.stderr
            .contains("nothing is stored in \"output/keski-suomi\"")
            && none.stderr.contains("rakeplan build keski-suomi"),
        "{}",
        none.stderr
    );
    let folder = ws
        .run(&["diff", "keski-suomi", "regions/", "worktree"])
        .expect(2);
    assert!(
        folder.stderr.contains("is not a county folder"),
        "{}",
        folder.stderr
    );
    // The worktree against itself: the same, exit 0, and colour only when asked for.
    let same = ws
        .run(&["diff", "keski-suomi", "worktree", "worktree"])
        .expect(0);
    assert!(same.stdout.contains("Ei eroja"), "{}", same.stdout);
    ws.copy_region("keski-suomi", "kopio");
    ws.edit(
        "regions/kopio/sections/goals.yaml",
        "tavoitteet on asetettu valtuustokaudelle",
        "tavoitteet on kirjattu valtuustokaudelle",
    );
    let coloured = ws
        .run(&[
            "--color",
            "always",
            "diff",
            "keski-suomi",
            "worktree",
            "regions/kopio",
        ])
        .expect(1);
    assert!(
        coloured
            .stdout
            .contains("\x1b[31m[-asetettu-]\x1b[0m \x1b[32m{+kirjattu+}\x1b[0m"),
        "{:?}",
        coloured.stdout
    );
}

#[test]
fn diff_pdf_is_a_tagged_redline_with_a_bookmark_per_change() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let goals = ws.path("regions/keski-suomi/sections/goals.yaml");
    let text = std::fs::read_to_string(&goals).unwrap();
    std::fs::write(
        &goals,
        text.replacen(
            "text: |\n",
            "text: |\n  Uusi johdantovirke tavoitteisiin.\n\n",
            1,
        ),
    )
    .unwrap();
    ws.run(&[
        "diff",
        "keski-suomi",
        "1.0",
        "worktree",
        "--format",
        "pdf",
        "-o",
        "muutokset.pdf",
    ])
    .expect(1);
    let pdf = ws.path("muutokset.pdf");
    let info = crate::support::pdf_info(&pdf);
    assert!(
        info.contains(
            "Keski-Suomen hyvinvointialue – Muutokset: versio 1.0 → versio 1.0, muokattu"
        ),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    let text = crate::support::pdf_text(&pdf);
    assert!(text.contains("Yhteenveto"), "{text}");
    assert!(text.contains("Muutettu: Teksti"), "{text}");
    assert!(text.contains("Uusi johdantovirke tavoitteisiin."), "{text}");
    let outlines = std::process::Command::new("qpdf")
        .args(["--json", "--json-key=outlines", pdf.to_str().unwrap()])
        .output()
        .expect("qpdf is needed (apt-get install qpdf)");
    let json = String::from_utf8_lossy(&outlines.stdout);
    assert!(json.contains("\"title\": \"Muutettu: Teksti\""), "{json}");
}

#[test]
fn approval_packet_puts_the_redline_beside_the_plan() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let plan = ws.path("regions/keski-suomi/plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replacen("version: \"1.0\"", "version: \"1.1\"", 1)
            .replacen("status: approved", "status: proposed", 1)
            // In handling, before any body has decided on 1.1: 1.0's decisions stay in its
            // record.
            .replacen(
                &text[text.find("approvals:\n").unwrap()..text.find("changelog:").unwrap()],
                "approvals: []\n",
                1,
            ),
    )
    .unwrap();
    ws.run(&["build", "keski-suomi", "--redline-against", "1.0"])
        .expect(0);
    let dir = ws.path("output/keski-suomi/draft");
    for file in [
        "plan.pdf",
        "plan.html",
        "redline-1.0.pdf",
        "redline-1.0.html",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"redline-1.0.pdf\""), "{manifest}");
    let redline = crate::support::pdf_text(&dir.join("redline-1.0.pdf"));
    assert!(
        redline.contains("Muutokset: versio 1.0 → ehdotus 1.1")
            && redline.contains("versio 1.0, hyväksytty")
            // The proposal's name says its status: not "ehdotus 1.1, ehdotus".
            && redline.contains("ehdotus 1.1, 14.3.2025")
            && !redline.contains("ehdotus 1.1, ehdotus"),
        "{redline}"
    );
    // Unchanged, the packet stays; once the draft changes, a build without the option
    // drops the redline that no longer matches it.
    ws.run(&["build", "keski-suomi"]).expect(0);
    assert!(dir.join("redline-1.0.pdf").exists());
    // The site shows the editions and its own what-changed pages, not the packet's copy.
    ws.run(&["publish"]).expect(0);
    let site = ws.path("output/site/keski-suomi/draft");
    assert!(site.join("plan.pdf").is_file() && site.join("changes.pdf").is_file());
    assert!(
        !site.join("redline-1.0.pdf").exists(),
        "the packet went on the site"
    );
    let goals = ws.path("regions/keski-suomi/sections/goals.yaml");
    let text = std::fs::read_to_string(&goals).unwrap();
    std::fs::write(
        &goals,
        text.replacen("text: |\n", "text: |\n  Lisäys.\n\n", 1),
    )
    .unwrap();
    ws.run(&["build", "keski-suomi"]).expect(0);
    assert!(!dir.join("redline-1.0.pdf").exists());
    // An unknown version is an error that writes nothing new.
    let run = ws
        .run(&["build", "keski-suomi", "--redline-against", "0.9"])
        .expect(2);
    assert!(
        run.stderr.contains("no stored version 0.9"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_speaks_finnish_when_asked() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let run = ws
        .run(&["--lang", "fi", "diff", "keski-suomi", "9.9", "1.0"])
        .expect(2);
    assert!(
        run.stderr.contains("ei ole tallennettua versiota \"9.9\"")
            && run.stderr.contains("tallennetut versiot ovat 1.0"),
        "{}",
        run.stderr
    );
    let run = ws
        .run(&["--lang", "fi", "diff", "keski-suomi", "1.0", "regions"])
        .expect(2);
    assert!(
        run.stderr.contains("ei ole hyvinvointialueen kansio"),
        "{}",
        run.stderr
    );
}

/// Issue 11 as a planner would try it: an approved 1.0 of a bilingual county, a 1.1 draft
/// started with `next`, three edits (a month, a Markdown list item, an action's
/// indicators), and the approval packet in Finnish and Swedish.
#[test]
fn the_approval_packet_reads_as_a_document_in_each_language() {
    let ws = Workspace::with_examples();
    let slug = "keski-pohjanmaa";
    let s = format!("regions/{slug}/sections");
    ws.approve_then_next(slug);
    ws.edit(
        &format!("{s}/reporting-cycle.yaml"),
        "  - id: johtoryhma\n    month: 2\n",
        "  - id: johtoryhma\n    month: 4\n",
    );
    ws.edit(
        &format!("{s}/communication.yaml"),
        "kirjoitetaan selkeällä yleiskielellä",
        "kirjoitetaan selkeällä ja saavutettavalla yleiskielellä",
    );
    ws.edit(
        &format!("{s}/focus-areas.yaml"),
        "indicators: [sosraportit-lkm, raportoivat-yksikot]",
        "indicators: [sosraportit-lkm, koulutetut]",
    );
    ws.run(&["check", slug]).expect(0);
    ws.run(&["build", slug, "--redline-against", "1.0"])
        .expect(0);
    let dir = ws.path(&format!("output/{slug}/draft"));

    // Finnish: the county's name, versions as readers know them, Finnish dates, month names,
    // names instead of ids, Markdown rendered, and no English or raw words.
    let fi = crate::support::pdf_text(&dir.join("redline-1.0.pdf"));
    let flat = fi.split_whitespace().collect::<Vec<_>>().join(" ");
    // Names may be broken at a line end: compared without spaces.
    let solid: String = fi.split_whitespace().collect();
    for want in [
        "Muutokset: versio 1.0 → luonnos 1.1",
        "Keski-Pohjanmaan hyvinvointialue",
        "28.1.2025",
        "helmikuu",
        "huhtikuu",
        "Koulutuksen saaneiden ammattilaisten osuus",
        "Raportoivien sosiaalihuollon yksiköiden osuus",
        "saavutettavalla",
        "Suunnitelman tiedot",
        "luonnos",
    ] {
        assert!(
            solid.contains(&want.split_whitespace().collect::<String>()),
            "{want:?} missing in\n{fi}"
        );
    }
    for unwanted in [
        "**",
        "worktree",
        "approved",
        "draft ",
        "Changed",
        "Added",
        "koulutetut",
        "2025-01-28",
        "Kuukausi: 2",
    ] {
        assert!(!flat.contains(unwanted), "{unwanted:?} in\n{fi}");
    }
    let html = std::fs::read_to_string(dir.join("redline-1.0.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"fi\">"),
        "{html}"
    );
    assert!(
        html.contains("<li><strong>Selkeys.</strong> Raportit ja tiedotteet kirjoitetaan selkeällä <ins>ja saavutettavalla</ins> yleiskielellä"),
        "{html}"
    );
    assert!(
        html.contains("<del>helmikuu</del> <ins>huhtikuu</ins>"),
        "{html}"
    );
    assert!(!html.contains("**") && !html.contains("worktree"), "{html}");

    // Swedish: the same packet for the county's second language.
    let sv = std::fs::read_to_string(dir.join("redline-1.0.sv.html")).unwrap();
    assert!(
        sv.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"),
        "{sv}"
    );
    for want in [
        "Ändringar: version 1.0 → utkast 1.1",
        "Mellersta Österbottens välfärdsområde",
        "<del>februari</del> <ins>april</ins>",
        "Sammanfattning",
    ] {
        assert!(sv.contains(want), "{want:?} missing in\n{sv}");
    }
    let sv_pdf = crate::support::pdf_text(&dir.join("redline-1.0.sv.pdf"));
    assert!(sv_pdf.contains("Ändringar"), "{sv_pdf}");

    // The same as text, in Swedish on request; and the variant with additions and changes
    // only for a committee that asks for it.
    let text = ws
        .run(&["diff", slug, "1.0", "worktree", "--doc-lang", "sv"])
        .expect(1);
    assert!(
        text.stdout.contains("[-februari-] {+april+}"),
        "{}",
        text.stdout
    );
    let only = ws
        .run(&[
            "diff",
            slug,
            "1.0",
            "worktree",
            "--format",
            "html",
            "--only-changes",
        ])
        .expect(1);
    let main = only.stdout.split("<main>").nth(1).unwrap();
    assert!(
        !main.contains("<del>") && main.contains("<ins>huhtikuu</ins>"),
        "{main}"
    );
    let bad = ws
        .run(&["diff", slug, "1.0", "worktree", "--doc-lang", "de"])
        .expect(2);
    assert!(
        bad.stderr.contains("its languages are fi, sv"),
        "{}",
        bad.stderr
    );
}

/// Text a planner writes stays text in every redline format, whatever it looks like.
#[test]
fn hostile_text_in_a_change_is_shown_as_text() {
    let ws = Workspace::with_examples();
    ws.copy_region("keski-suomi", "vanha");
    ws.edit(
        "regions/keski-suomi/sections/goals.yaml",
        "tavoitteet on asetettu valtuustokaudelle",
        "tavoitteet on <script>alert(1)</script> {{ 7*7 }} #set page(width: 1cm) $x$ **asetettu valtuustokaudelle",
    );
    let html = ws
        .run(&[
            "diff",
            "keski-suomi",
            "regions/vanha",
            "worktree",
            "--format",
            "html",
        ])
        .expect(1);
    let page = &html.stdout;
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("<ins>&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} #set page(width: 1cm) $x$ **</ins>"), "{page}");
    ws.run(&[
        "diff",
        "keski-suomi",
        "regions/vanha",
        "worktree",
        "--format",
        "pdf",
        "-o",
        "r.pdf",
    ])
    .expect(1);
    let text = crate::support::pdf_text(&ws.path("r.pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("#set page(width: 1cm) $x$"), "{text}");
    assert!(crate::support::pdf_pages(&ws.path("r.pdf")) < 10);
}

/// A county rewords the redline in its own labels.yaml and lays it out with its own
/// redline.html.tera, as it can the plan; a broken override is an error naming the file.
#[test]
fn a_county_overrides_the_redline_words_and_page() {
    let ws = Workspace::with_examples();
    ws.copy_region("keski-suomi", "vanha");
    ws.edit(
        "regions/keski-suomi/sections/goals.yaml",
        "tavoitteet on asetettu valtuustokaudelle",
        "tavoitteet on kirjattu valtuustokaudelle",
    );
    ws.write(
        "regions/keski-suomi/templates/labels.yaml",
        "redline_changed: {fi: Korjattu, sv: Rättat, en: Corrected}\n",
    );
    let text = ws
        .run(&["diff", "keski-suomi", "regions/vanha", "worktree"])
        .expect(1);
    assert!(text.stdout.contains("Korjattu  Teksti"), "{}", text.stdout);
    ws.write(
        "regions/keski-suomi/templates/redline.html.tera",
        "<!DOCTYPE html><title>{{ title }}</title><p>Oma pohja: {{ total }}</p>\n",
    );
    let html = ws
        .run(&[
            "diff",
            "keski-suomi",
            "regions/vanha",
            "worktree",
            "--format",
            "html",
        ])
        .expect(1);
    assert!(
        html.stdout
            .contains("<p>Oma pohja: 1 muutos yhdessä osassa.</p>"),
        "{}",
        html.stdout
    );
    ws.write(
        "regions/keski-suomi/templates/redline.html.tera",
        "{% for x in %}\n",
    );
    let broken = ws
        .run(&[
            "diff",
            "keski-suomi",
            "regions/vanha",
            "worktree",
            "--format",
            "html",
        ])
        .expect(2);
    assert!(
        broken.stderr.contains("redline.html.tera")
            && broken.stderr.contains("the HTML template failed"),
        "{}",
        broken.stderr
    );
}

/// Markdown syntax that is itself the change (a table column aligned right, a subheading no
/// longer bold) has no words to mark: the block is shown as it now reads, under a note, in
/// every format; the table keeps its rows (the old and new alignment rows are not both
/// read as a table).
#[test]
fn a_change_of_formatting_only_is_shown_with_a_note() {
    let ws = Workspace::with_examples();
    ws.copy_region("kainuu", "vanha");
    let context = "regions/kainuu/sections/context.yaml";
    ws.edit(context, "  |---|---|---|\n", "  |---|--:|--:|\n");
    ws.edit(
        context,
        "  **Väestö ja aluerakenne**\n",
        "  Väestö ja aluerakenne\n",
    );
    let json = against_vanha(&ws, "json");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let field = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["changes"].as_array().unwrap())
        .flat_map(|c| c["fields"].as_array().unwrap())
        .find(|f| f.to_string().contains("Kajaanin seutu"))
        .expect("the reformatted table is shown");
    let parts = field["parts"].as_array().unwrap();
    let notes = parts.iter().filter(|p| p["type"] == "note").count();
    assert_eq!(notes, 2, "{field:#}");
    let table = parts
        .iter()
        .filter_map(|p| p["blocks"].as_array())
        .flatten()
        .find(|b| b["type"] == "table")
        .unwrap();
    assert_eq!(
        table["align"],
        serde_json::json!(["none", "right", "right"])
    );
    assert_eq!(table["rows"].as_array().unwrap().len(), 4, "{table:#}");
    let text = against_vanha(&ws, "text");
    assert!(
        text.contains("[Muotoilu muuttunut; alla uusi muoto] Väestö ja aluerakenne"),
        "{text}"
    );
    let html = against_vanha(&ws, "html");
    assert!(
        html.contains("<p class=\"elided\">[Muotoilu muuttunut; alla uusi muoto]</p>")
            && html.contains("<th scope=\"col\" class=\"align-right\">Kunnat</th>"),
        "{html}"
    );
}

/// A changed subheading whose heading above it is unchanged (and left out) is shown as the
/// top of the change's outline, so the page never skips a heading level (h3 then h5).
#[test]
fn headings_shown_in_a_change_never_skip_a_level() {
    let ws = Workspace::with_examples();
    let context = "regions/kainuu/sections/context.yaml";
    let text = std::fs::read_to_string(ws.path(context)).unwrap();
    let with_headings = text.replacen(
        "text: |\n",
        "text: |\n  # Alue\n\n  Johdanto.\n\n  ## Väestö\n\n  Kainuussa asuu noin 70 000 ihmistä.\n\n",
        1,
    );
    ws.write(context, &with_headings);
    ws.copy_region("kainuu", "vanha");
    ws.edit(context, "  ## Väestö\n", "  ## Väestö ja kunnat\n");
    let json = against_vanha(&ws, "json");
    fn levels(v: &serde_json::Value, out: &mut Vec<u64>) {
        match v {
            serde_json::Value::Object(o) => {
                if o.get("type").and_then(|t| t.as_str()) == Some("heading")
                    && let Some(level) = o.get("level").and_then(|l| l.as_u64())
                {
                    out.push(level);
                }
                o.values().for_each(|v| levels(v, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| levels(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    levels(&serde_json::from_str(&json).unwrap(), &mut found);
    let levels = found;
    assert_eq!(levels, [1], "{json}");
    let html = against_vanha(&ws, "html");
    assert!(
        html.contains("<h4>Väestö <ins>ja kunnat</ins></h4>"),
        "{html}"
    );
}
