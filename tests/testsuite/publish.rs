//! `rakeplan publish`: the intranet site from the revision store. Kainuu gets two approved
//! versions and a draft; the site must link everything relatively, show the version in
//! force under `current/`, point old versions to it, and publish the same bytes twice.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::Workspace;

/// Builds Kainuu 1.0 and 1.1 (approved, with an edit between) and its draft 1.2, and the
/// other counties, into the workspace's store.
fn store_with_history(ws: &Workspace) {
    let plan_path = ws.path("regions/kainuu/plan.yaml");
    let draft_plan = std::fs::read_to_string(&plan_path).unwrap();
    let goals_path = ws.path("regions/kainuu/sections/goals.yaml");
    let goals = std::fs::read_to_string(&goals_path).unwrap();
    // Each version with its own decision (a decision belongs to one version's record).
    // Each version's change log ends with its own entry: `check` refuses one naming a
    // version to come.
    let approved = |version: &str, day: &str| {
        let next = if version == "1.0" { "1.1" } else { "1.2" };
        let history_end = draft_plan
            .find(&format!("  - version: \"{next}\""))
            .unwrap();
        draft_plan[..history_end]
            .replacen("version: \"1.2\"", &format!("version: \"{version}\""), 1)
            .replace("status: draft", "status: approved")
            // An approved version needs a body's approval, dated after the version.
            .replace(
                "approvals: []",
                &format!(
                    "approvals:\n  - body: Sote-johtoryhmä\n    date: 2026-10-{day}\n    minute: \"§ {day}\"\n    decision: approved"
                ),
            )
    };
    std::fs::write(&plan_path, approved("1.0", "21")).unwrap();
    std::fs::write(
        &goals_path,
        goals.replacen(
            "Strategian keskeinen lupaus",
            "Strategian tärkein lupaus",
            1,
        ),
    )
    .unwrap();
    ws.run(&["build", "kainuu"]).expect(0);
    std::fs::write(&plan_path, approved("1.1", "28")).unwrap();
    std::fs::write(&goals_path, &goals).unwrap();
    ws.run(&["build", "kainuu"]).expect(0);
    std::fs::write(&plan_path, draft_plan).unwrap();
    ws.run(&["build"]).expect(0);
}

fn site_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            // Tera escapes `/` in attribute values; browsers decode it.
            out.push(rest[..end].replace("&#x2F;", "/").replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

#[test]
fn publishes_a_site_where_every_link_resolves_and_nothing_is_external() {
    let ws = Workspace::with_examples();
    store_with_history(&ws);
    let run = ws.run(&["publish"]).expect(0);
    assert!(
        run.stdout.contains("published 4 counties"),
        "{}",
        run.stdout
    );
    let root = ws.path("output/site");
    let files = site_files(&root);
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            html.contains("<html lang=\"fi\">") || html.contains("<html lang=\"sv\">"),
            "{path}"
        );
        assert!(
            !html.contains("<link") && !html.contains("src=\"http") && !html.contains("url(http"),
            "{path}"
        );
        for link in links(&html) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let target = link.split('#').next().unwrap();
            let base = Path::new(path).parent().unwrap();
            let resolved = if target.is_empty() {
                Path::new(path).to_owned()
            } else {
                base.join(target)
            };
            let normal = normalize(&resolved);
            assert!(
                files.contains_key(&normal),
                "{path}: broken link {link} ({normal})"
            );
            if let Some(fragment) = link
                .split_once('#')
                .map(|(_, f)| f)
                .filter(|f| !f.is_empty())
            {
                let page = String::from_utf8_lossy(&files[&normal]);
                assert!(
                    page.contains(&format!("id=\"{fragment}\"")),
                    "{path}: no anchor #{fragment} in {normal}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");

    // current/ is the newest approved version; old versions point to it; drafts are marked.
    assert_eq!(
        files["kainuu/current/index.html"],
        files["kainuu/1.1/index.html"]
    );
    assert_eq!(
        files["kainuu/current/plan.pdf"],
        std::fs::read(ws.path("output/kainuu/1.1/plan.pdf")).unwrap()
    );
    let old = String::from_utf8_lossy(&files["kainuu/1.0/index.html"]);
    assert!(
        old.contains("Tämä on aiempi versio 1.0. Voimassa on versio 1.1."),
        "{old}"
    );
    assert!(
        old.contains("href=\"..&#x2F;current&#x2F;index.html\""),
        "{old}"
    );
    let draft = String::from_utf8_lossy(&files["kainuu/draft/index.html"]);
    assert!(draft.contains("Tämä on luonnos 1.2, jota ei ole hyväksytty."));
    // What changed between consecutive versions.
    assert!(files.contains_key("kainuu/1.1/changes.html"));
    assert!(files.contains_key("kainuu/draft/changes.html"));
    assert!(files["kainuu/1.1/changes.pdf"].starts_with(b"%PDF-"));
    assert!(!files.contains_key("kainuu/1.0/changes.html"));
    let changes = String::from_utf8_lossy(&files["kainuu/1.1/changes.html"]);
    // The way back: the site, the county, the version.
    assert!(
        changes.contains("<a href=\"..&#x2F;index.html\">Kainuu</a>")
            && changes.contains("<a href=\"index.html\">Versio 1.1</a>"),
        "{changes}"
    );
    assert!(
        changes.contains("<del>tärkein</del>") || changes.contains("tärkein</del>"),
        "{changes}"
    );
    // The county page lists every version, newest first.
    let county = String::from_utf8_lossy(&files["kainuu/index.html"]);
    let (a, b, c) = (
        county.find(">1.2<").unwrap(),
        county.find(">1.1<").unwrap(),
        county.find(">1.0<").unwrap(),
    );
    assert!(a < b && b < c);
    // Section anchors are the template's ids in every version.
    for v in ["1.0", "1.1", "draft"] {
        assert!(
            String::from_utf8_lossy(&files[&format!("kainuu/{v}/index.html")])
                .contains("id=\"working-group\"")
        );
    }
    // The offline search covers the plans in force, and only those.
    let index = String::from_utf8_lossy(&files["search-index.js"]);
    assert!(index.starts_with("window.RAKEPLAN_INDEX = ["));
    assert!(index.contains("\"url\":\"kainuu/current/index.html#goals\""));
    assert!(
        index.contains("Strategian keskeinen lupaus")
            && !index.contains("Strategian tärkein lupaus")
    );
    assert!(files.contains_key("search.html"));
    // The bilingual county has its Swedish pages, linked both ways.
    let sv = String::from_utf8_lossy(&files["keski-pohjanmaa/draft/index.sv.html"]);
    assert!(sv.contains("<html lang=\"sv\">") && sv.contains("href=\"index.html\""));
}

fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn publishing_twice_gives_the_same_bytes_and_a_failure_keeps_the_old_site() {
    let ws = Workspace::with_examples();
    store_with_history(&ws);
    ws.run(&["publish"]).expect(0);
    let first = site_files(&ws.path("output/site"));
    ws.run(&["publish"]).expect(0);
    assert_eq!(first, site_files(&ws.path("output/site")));

    ws.write(
        "regions/kainuu/templates/site-county.html.tera",
        "{% for x in %}\n",
    );
    let run = ws.run(&["publish"]).expect(2);
    assert!(
        run.stderr.contains("previous site is untouched"),
        "{}",
        run.stderr
    );
    assert_eq!(first, site_files(&ws.path("output/site")));
}
