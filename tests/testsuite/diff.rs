//! `rakeplan diff`: a stored version against the county's YAML after the edits an approval
//! body cares about (a sentence edited, an action added, a member removed, items reordered),
//! in text, JSON and HTML; moves stay moves even with small edits; a version against itself
//! is "no differences"; git refs and folders work as sides; mistakes exit 2 and say why.

use rakeplan::diff::{ChangeKind, ChangeSet, Segment};

use crate::support::{Run, Workspace};

/// Replaces `from` (which must occur exactly once) with `to` in a workspace file.
fn edit(ws: &Workspace, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(ws.path(rel)).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{rel}: {from:?}");
    ws.write(rel, &text.replacen(from, to, 1));
}

/// Moves the YAML list item starting with `item` to just before the one starting with
/// `before` (both whole lines, e.g. "  - id: iso\n").
fn move_item(ws: &Workspace, rel: &str, item: &str, before: &str) {
    let text = std::fs::read_to_string(ws.path(rel)).unwrap();
    let start = text.find(item).unwrap();
    let indent = &item[..item.find('-').unwrap()];
    let end = text[start + item.len()..]
        .find(&format!("\n{indent}- "))
        .map_or(text.len(), |e| start + item.len() + e + 1);
    let block = text[start..end].to_owned();
    let rest = format!("{}{}", &text[..start], &text[end..]);
    let at = rest.find(before).unwrap();
    ws.write(rel, &format!("{}{block}{}", &rest[..at], &rest[at..]));
}

/// The four edits of the issue: a sentence, an action, a member, an order.
fn edit_kainuu(ws: &Workspace) {
    let s = "regions/kainuu/sections";
    edit(
        ws,
        &format!("{s}/goals.yaml"),
        "Strategian keskeinen lupaus",
        "Strategian tärkein lupaus",
    );
    edit(
        ws,
        &format!("{s}/focus-areas.yaml"),
        "      - id: tt-perehdytys\n",
        "      - id: tt-kuntakooste\n        action: Laaditaan jokaiselle kunnalle vuosittain oma kooste havainnoista.\n        owner: Tietoasiantuntija\n        schedule: vuosittain syyskuussa\n        indicators: [raportit-maara]\n      - id: tt-perehdytys\n",
    );
    edit(
        ws,
        &format!("{s}/working-group.yaml"),
        "  - id: lastensuojelu\n    role: Sosiaalityöntekijä, lastensuojelu\n    unit: Sosiaali- ja perhepalvelut\n",
        "",
    );
    move_item(
        ws,
        &format!("{s}/cooperation.yaml"),
        "  - id: iso\n",
        "  - id: tyollisyysalue\n",
    );
}

fn change_set(run: &Run) -> ChangeSet {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

/// Group id, change kind and the key of the item changed, for every change.
fn summary(set: &ChangeSet) -> Vec<(String, ChangeKind, String)> {
    set.groups
        .iter()
        .flat_map(|g| {
            g.changes.iter().map(|c| {
                let key = c.path.last().map_or(c.field.clone(), |s| s.key.clone());
                (g.id.clone(), c.kind, key)
            })
        })
        .collect()
}

fn ops(segments: &[Segment]) -> (Vec<&str>, Vec<&str>) {
    let mut del = Vec::new();
    let mut ins = Vec::new();
    for s in segments {
        match s {
            Segment::Delete(t) => del.push(t.as_str()),
            Segment::Insert(t) => ins.push(t.as_str()),
            Segment::Equal(_) => {}
        }
    }
    (del, ins)
}

#[test]
fn diff_against_a_stored_version_shows_exactly_the_edits() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "kainuu"]).expect(0);
    let goals_before =
        std::fs::read_to_string(ws.path("regions/kainuu/sections/goals.yaml")).unwrap();
    edit_kainuu(&ws);

    // Text: a summary line per changed section, then the word changes, no colour when piped.
    let text = ws.run(&["diff", "kainuu", "1.1", "worktree"]).expect(1);
    let out = &text.stdout;
    assert!(!out.contains('\x1b'), "colour in a pipe:\n{out}");
    assert!(out.contains("4 muutosta / 4 changes"), "{out}");
    for line in [
        "  3 Tavoitteet                            1 muutettu\n",
        "  5 Rakenteellisen sosiaalityön työryhmä  1 poistettu\n",
        "  8 Painopistealueet                      1 lisätty\n",
        "  9 Yhteistyö ja verkostot                1 siirretty\n",
        "Strategian [-keskeinen-]{+tärkein+} lupaus",
        "Poistettu  Työryhmän jäsenet › Sosiaalityöntekijä, lastensuojelu (lastensuojelu)\n",
        "    Tehtävä: [-Sosiaalityöntekijä, lastensuojelu-]\n",
        "Lisätty  Painopistealueet › Tietotyö › Toimenpiteet › Laaditaan jokaiselle kunnalle vuosittain oma kooste… (tt-kuntakooste)\n",
        "    Toimenpide: {+Laaditaan jokaiselle kunnalle vuosittain oma kooste havainnoista.+}\n",
        "    Vastuutaho: {+Tietoasiantuntija+}\n",
        "Siirretty  Yhteistyökumppanit › ISO – Itä-Suomen sosiaalialan osaamiskeskus (iso)\n    paikalta 2 paikalle 7\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    assert_eq!(out.matches("[-").count(), 3, "{out}");

    // JSON: exactly four changes, the move a move, the sentence two words.
    let json = ws
        .run(&["diff", "kainuu", "1.1", "worktree", "--format", "json"])
        .expect(1);
    let set = change_set(&json);
    assert_eq!(
        summary(&set),
        [
            ("goals".into(), ChangeKind::Changed, "text".into()),
            (
                "working-group".into(),
                ChangeKind::Removed,
                "lastensuojelu".into()
            ),
            (
                "focus-areas".into(),
                ChangeKind::Added,
                "tt-kuntakooste".into()
            ),
            ("cooperation".into(), ChangeKind::Moved, "iso".into()),
        ]
    );
    let goals = &set.groups[0].changes[0];
    assert_eq!(goals.edits.len(), 1);
    assert_eq!(
        ops(&goals.edits[0].segments),
        (vec!["keskeinen"], vec!["tärkein"])
    );
    // The kept and deleted runs give back the old text exactly.
    let old_text: String = goals.edits[0]
        .segments
        .iter()
        .filter_map(|s| match s {
            Segment::Equal(t) | Segment::Delete(t) => Some(t.as_str()),
            Segment::Insert(_) => None,
        })
        .collect();
    assert!(goals_before.contains(old_text.lines().next().unwrap()));
    let moved = &set.groups[3].changes[0];
    assert!(moved.edits.is_empty() && moved.content.is_empty());
    let m = moved.moved.as_ref().unwrap();
    assert_eq!((m.from, m.to), (2, 7));
    assert_eq!(set.from.label, "1.1");
    assert_eq!(set.to.label, "worktree");

    // HTML: a redline page with labels and links to every change, written atomically.
    ws.run(&[
        "diff",
        "kainuu",
        "1.1",
        "worktree",
        "--format",
        "html",
        "-o",
        "muutokset.html",
    ])
    .expect(1);
    let html = std::fs::read_to_string(ws.path("muutokset.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fi\">"));
    assert!(html.contains("Strategian <del>keskeinen</del><ins>tärkein</ins> lupaus"));
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
    assert!(html.contains("<del>Sosiaalityöntekijä, lastensuojelu</del>"));
    assert!(html.contains("<ins>Tietoasiantuntija</ins>"));
    assert!(html.contains("Siirretty paikalta 2 paikalle 7."));
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    let leftovers: Vec<_> = std::fs::read_dir(&ws.root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // A version against itself.
    let same = ws.run(&["diff", "kainuu", "1.1", "1.1"]).expect(0);
    assert!(
        same.stdout
            .contains("ei eroja / no differences between 1.1 and 1.1"),
        "{}",
        same.stdout
    );
    let same = ws
        .run(&["diff", "kainuu", "1.1", "1.1", "--format", "json"])
        .expect(0);
    assert!(change_set(&same).groups.is_empty());

    // An unknown version names the ones that exist.
    let unknown = ws.run(&["diff", "kainuu", "1.0", "worktree"]).expect(2);
    assert!(
        unknown
            .stderr
            .contains("there is no stored version \"1.0\" of \"kainuu\"")
            && unknown.stderr.contains("the stored versions are 1.1"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_moved_item_with_small_edits_is_a_move_not_a_removal_and_an_addition() {
    let ws = Workspace::with_examples();
    ws.copy_region("kainuu", "kainuu-vanha");
    let areas = "regions/kainuu/sections/focus-areas.yaml";
    // Within a focus area: moved to the end and its schedule extended.
    move_item(
        &ws,
        areas,
        "      - id: tt-analyysi\n",
        "  - id: oikeudenmukaisuustyo\n",
    );
    edit(
        &ws,
        areas,
        "schedule: puolivuosittain 2025–2029\n",
        "schedule: puolivuosittain 2025–2029, ensimmäinen syksyllä 2025\n",
    );
    // Into another focus area, unchanged.
    move_item(
        &ws,
        areas,
        "      - id: ot-digiasiointi\n",
        "      - id: os-asiakasraati\n",
    );
    let json = ws
        .run(&[
            "diff",
            "kainuu",
            "regions/kainuu-vanha",
            "worktree",
            "--format",
            "json",
        ])
        .expect(1);
    let set = change_set(&json);
    assert_eq!(
        summary(&set),
        [
            (
                "focus-areas".into(),
                ChangeKind::Moved,
                "tt-analyysi".into()
            ),
            (
                "focus-areas".into(),
                ChangeKind::Moved,
                "ot-digiasiointi".into()
            ),
        ]
    );
    let changes = &set.groups[0].changes;
    assert_eq!(changes[0].edits.len(), 1);
    assert_eq!(changes[0].edits[0].attr, "schedule");
    assert_eq!(
        ops(&changes[0].edits[0].segments),
        (vec![], vec![", ensimmäinen syksyllä 2025"])
    );
    let across = changes[1].moved.as_ref().unwrap();
    assert_eq!(
        across.from_parent.as_ref().unwrap().key,
        "oikeudenmukaisuustyo"
    );
    assert_eq!(changes[1].path[0].key, "osallisuustyo");
    assert!(changes[1].edits.is_empty());

    let text = ws
        .run(&["diff", "kainuu", "regions/kainuu-vanha", "worktree"])
        .expect(1);
    assert!(
        text.stdout
            .contains("Siirretty ja muutettu  Painopistealueet › Tietotyö › Toimenpiteet › ")
            && text
                .stdout
                .contains("Aikataulu: puolivuosittain 2025–2029{+, ensimmäinen syksyllä 2025+}")
            && text
                .stdout
                .contains("siirretty kohdasta \"Oikeudenmukaisuustyö\" (paikka 3) paikalle 2"),
        "{}",
        text.stdout
    );
    assert!(!text.stdout.contains("Lisätty") && !text.stdout.contains("Poistettu"));
}

#[test]
fn diff_compares_metadata_and_git_refs() {
    let ws = Workspace::with_examples();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=rakeplan",
                "-c",
                "user.email=rakeplan@example.invalid",
            ])
            .args(args)
            .current_dir(&ws.root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "regions", "plan-template"]);
    git(&["commit", "-q", "-m", "versio 1.1"]);
    edit(
        &ws,
        "regions/kainuu/plan.yaml",
        "version: \"1.1\"\nstatus: approved\n",
        "version: \"1.2\"\nstatus: draft\n",
    );

    let run = ws
        .run(&["diff", "kainuu", "git:HEAD", "worktree"])
        .expect(1);
    assert!(
        run.stdout
            .contains("Muutettu  Versio\n    [-1.1-]{+1.2+}\n")
            && run
                .stdout
                .contains("Muutettu  Tila\n    [-approved-]{+draft+}\n")
            && run.stdout.contains("2 muutosta / 2 changes"),
        "{}",
        run.stdout
    );
    ws.run(&["diff", "kainuu", "git:HEAD", "git:HEAD"])
        .expect(0);
    let bad = ws
        .run(&["diff", "kainuu", "git:ei-ole", "worktree"])
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
    let pdf = ws
        .run(&["diff", "kainuu", "worktree", "worktree", "--format", "pdf"])
        .expect(2);
    assert!(
        pdf.stderr.contains("`--format pdf` is not available yet"),
        "{}",
        pdf.stderr
    );
    let none = ws.run(&["diff", "kainuu", "1.1", "worktree"]).expect(2);
    assert!(
        none.stderr
            .contains("nothing is stored in \"output/kainuu\"")
            && none.stderr.contains("rakeplan build kainuu"),
        "{}",
        none.stderr
    );
    let folder = ws
        .run(&["diff", "kainuu", "regions/", "worktree"])
        .expect(2);
    assert!(
        folder.stderr.contains("is not a county folder"),
        "{}",
        folder.stderr
    );
    // The worktree against itself: same, exit 0, and colour only when asked for.
    let same = ws
        .run(&["diff", "kainuu", "worktree", "worktree"])
        .expect(0);
    assert!(same.stdout.contains("ei eroja"));
    ws.copy_region("kainuu", "kopio");
    edit(
        &ws,
        "regions/kopio/plan.yaml",
        "version: \"1.1\"\nstatus",
        "version: \"1.3\"\nstatus",
    );
    let coloured = ws
        .run(&[
            "--color",
            "always",
            "diff",
            "kainuu",
            "worktree",
            "regions/kopio",
        ])
        .expect(1);
    assert!(
        coloured
            .stdout
            .contains("\x1b[31m[-1.1-]\x1b[0m\x1b[32m{+1.3+}\x1b[0m"),
        "{:?}",
        coloured.stdout
    );
}
