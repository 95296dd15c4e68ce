//! What a county's IT person and its intranet readers check (issue 27): one schema folder
//! that every writer and every `$schema` line agree on, also after `template export`; a second
//! `init` that finds nothing to complain about; the install location given to `init` in the
//! README and both CI files; `template show` naming a county's own files; one banner on a
//! draft page and no caption repeating the heading above it.

use crate::support::Workspace;

/// Every `$schema` line under `regions/` and every schema path of every `.vscode/settings.json`,
/// resolved to a path relative to the repository.
fn schema_pointers(ws: &Workspace) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(ws.path("regions")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(path).unwrap();
            if let Some(rest) = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("# yaml-language-server: $schema="))
            {
                found.push(resolve(path.parent().unwrap(), rest, ws));
            }
        }
    }
    for entry in walkdir::WalkDir::new(&ws.root) {
        let entry = entry.unwrap();
        if entry.file_name() == "settings.json" {
            let dir = entry.path().parent().unwrap().parent().unwrap();
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
            for key in json["yaml.schemas"].as_object().unwrap().keys() {
                found.push(resolve(dir, key, ws));
            }
        }
    }
    found
}

/// `rel` (with `/` and `..`) from folder `from`, relative to the workspace root.
fn resolve(from: &std::path::Path, rel: &str, ws: &Workspace) -> String {
    let mut path = from.strip_prefix(&ws.root).unwrap().to_path_buf();
    for part in rel.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                path.pop();
            }
            other => path.push(other),
        }
    }
    path.to_string_lossy().replace('\\', "/")
}

#[test]
fn every_schema_pointer_agrees_before_and_after_template_export() {
    let ws = Workspace::county_repository("pohjois-savo", "Pohjois-Savon hyvinvointialue");
    let check = |ws: &Workspace| {
        let pointers = schema_pointers(ws);
        assert!(pointers.len() > 30, "{pointers:?}");
        for p in &pointers {
            assert!(p.starts_with("schema/"), "{p} is not in schema/");
            assert!(ws.path(p).is_file(), "{p} is missing");
        }
    };
    check(&ws);
    let export = ws.run(&["template", "export"]).expect(0);
    assert!(export.stdout.contains("schema/"), "{}", export.stdout);
    assert!(!ws.path("plan-template/schema").exists());
    let write = ws.run(&["schema", "--write"]).expect(0);
    assert!(write.stdout.contains("to schema/"), "{}", write.stdout);
    ws.run(&["new", "kuopio", "--name", "Kuopion testialue"])
        .expect(0);
    check(&ws);
    // A second init over its own files finds nothing that differs.
    let again = ws
        .run(&[
            "init",
            "--county",
            "pohjois-savo",
            "--name",
            "Pohjois-Savon hyvinvointialue",
        ])
        .expect(0);
    assert!(!again.stderr.contains("other content"), "{}", again.stderr);
    assert!(again.stdout.contains("nothing written"), "{}", again.stdout);
}

#[test]
fn the_install_location_given_to_init_lands_in_the_readme_and_both_ci_files() {
    let url = "https://git.example.invalid/it/rakeplan";
    let ws = Workspace::empty();
    ws.run(&["init", "--rakeplan-url", &format!("{url}/")])
        .expect(0);
    for file in [
        "README.md",
        ".gitlab-ci.yml",
        ".github/workflows/rakeplan.yml",
    ] {
        let text = std::fs::read_to_string(ws.path(file)).unwrap();
        assert!(text.contains(url), "{file} lacks {url}");
        assert!(
            !text.contains("github.com/OWNER"),
            "{file} keeps the placeholder"
        );
    }
    // Given later, over a plain init, it fills the placeholder in; the files are init's own.
    let later = Workspace::empty();
    let plain = later.run(&["init"]).expect(0);
    assert!(plain.stdout.contains("--rakeplan-url"), "{}", plain.stdout);
    later.run(&["init", "--rakeplan-url", url]).expect(0);
    let gitlab = std::fs::read_to_string(later.path(".gitlab-ci.yml")).unwrap();
    assert!(
        gitlab.contains(&format!("RAKEPLAN_REPO: {url}")),
        "{gitlab}"
    );
    // The GitLab job runs in a small image, not a Rust one.
    let image = gitlab.lines().find(|l| l.starts_with("image:")).unwrap();
    assert!(image.starts_with("image: debian:stable-slim"), "{image}");
    // Not an address: refused before anything is written.
    let bad = Workspace::empty();
    let run = bad.run(&["init", "--rakeplan-url", "https://x.invalid/$(id)"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!bad.path("README.md").exists());
}

#[test]
fn template_show_names_a_countys_own_files_and_where_each_comes_from() {
    let ws = Workspace::county_repository("pohjois-savo", "Pohjois-Savon hyvinvointialue");
    ws.write(
        "regions/pohjois-savo/templates/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n",
    );
    ws.write(
        "regions/pohjois-savo/templates/style.css",
        "body { color: #000; }\n",
    );
    let show = ws
        .run(&["template", "show", "pohjois-savo"])
        .expect(0)
        .stdout;
    let line = |path: &str| {
        show.lines()
            .find(|l| l.trim_start().starts_with(&format!("{path} ")))
            .unwrap_or_else(|| panic!("{path} not listed:\n{show}"))
            .to_owned()
    };
    assert!(
        line("templates/style.css")
            .contains("regions/pohjois-savo/templates/style.css (county's own)"),
        "{show}"
    );
    assert!(
        line("templates/logo.svg").contains("(county's own)"),
        "{show}"
    );
    assert!(
        line("templates/plan.typ").contains("built-in:templates/plan.typ (built in)"),
        "{show}"
    );
    let plain = ws.run(&["template", "show"]).expect(0).stdout;
    assert!(plain.contains(": pohjois-savo (see"), "{plain}");
    ws.run(&["template", "export"]).expect(0);
    let show = ws
        .run(&["template", "show", "pohjois-savo"])
        .expect(0)
        .stdout;
    assert!(
        show.contains("plan-template/templates/plan.typ (repository)"),
        "{show}"
    );
    assert!(
        show.contains("regions/pohjois-savo/templates/style.css (county's own)"),
        "{show}"
    );
    assert_eq!(ws.run(&["template", "show", "nowhere"]).code, 2);
}

/// A caption right below a heading that says the same (the text after "Table N." and a
/// number), in `html`.
fn captions_repeating_their_heading(html: &str) -> Vec<String> {
    let strip = |s: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let bare = |s: &str| {
        let s = strip(s);
        let s = s
            .split_once(". ")
            .filter(|(head, _)| head.starts_with("Taulukko") || head.starts_with("Table"))
            .map_or(s.clone(), |(_, rest)| rest.to_owned());
        s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
            .to_owned()
    };
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<caption") {
        let before = &rest[..at];
        let end = rest[at..].find("</caption>").map_or(rest.len(), |e| at + e);
        let caption = bare(&rest[at..end]);
        if let Some(h) = before.rfind("<h")
            && let Some(close) = before[h..].find("</h")
        {
            let heading = bare(&before[h..h + close]);
            let between = strip(&before[h + close..]);
            let between = between.trim_start_matches(|c: char| c.is_ascii_digit() || c == '>');
            if between.trim().is_empty() && !heading.is_empty() && caption.starts_with(&heading) {
                found.push(format!("{heading} / {caption}"));
            }
        }
        rest = &rest[end..];
    }
    found
}

#[test]
fn the_site_shows_one_banner_on_a_draft_and_names_the_record_of_an_approved_version() {
    let ws = Workspace::with_examples();
    ws.approve_then_next("keski-suomi");
    ws.run(&["build", "keski-suomi"]).expect(0);
    ws.run(&["publish"]).expect(0);
    let page = |rel: &str| std::fs::read_to_string(ws.path(&format!("output/site/{rel}"))).unwrap();
    let draft = page("keski-suomi/draft/index.html");
    assert_eq!(
        draft.matches("class=\"banner banner-draft\"").count(),
        1,
        "two banners"
    );
    assert_eq!(draft.matches("LUONNOS").count(), 1, "the draft mark twice");
    for rel in [
        "keski-suomi/index.html",
        "keski-suomi/draft/index.html",
        "keski-suomi/1.0/index.html",
        "index.html",
    ] {
        let repeats = captions_repeating_their_heading(&page(rel));
        assert!(repeats.is_empty(), "{rel}: {repeats:?}");
    }
    // The approved version: its PDF is the record, its stored HTML is served beside it, and
    // its page still looks like it.
    let record = page("keski-suomi/1.0/index.html");
    assert!(record.contains("class=\"record-note\""), "no record note");
    assert!(!record.contains("class=\"record-note record-newer\""));
    assert!(record.contains("Tämä sivu on tallennetun version mukainen."));
    assert_eq!(
        std::fs::read(ws.path("output/site/keski-suomi/1.0/plan.html")).unwrap(),
        std::fs::read(ws.path("output/keski-suomi/1.0/plan.html")).unwrap(),
        "the stored HTML, byte for byte"
    );
    // A logo and two relabelled labels later: the record stays, the page says its layout is
    // newer, and a relabelled `generated` is printed as written.
    ws.write(
        "regions/keski-suomi/templates/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n",
    );
    ws.write(
        "regions/keski-suomi/templates/labels.yaml",
        "generated: {fi: \"Keski-Suomen hyvinvointialueen julkaisu\"}\nversion: {fi: Versionumero}\n",
    );
    ws.run(&["build", "keski-suomi"]).expect(0);
    ws.run(&["publish"]).expect(0);
    let record = page("keski-suomi/1.0/index.html");
    assert!(record.contains("class=\"record-note record-newer\""));
    assert!(
        record.contains("nykyisellä ulkoasulla"),
        "the page does not say its layout is newer than the record"
    );
    assert!(record.contains("<a href=\"plan.pdf\">plan.pdf</a>"));
    let county = page("keski-suomi/index.html");
    assert!(
        county.contains("<p>Keski-Suomen hyvinvointialueen julkaisu</p>"),
        "{}",
        &county[county.find("<footer").unwrap()..]
    );
    assert!(!record.contains("julkaisu (rakeplan"), "a version appended");
}

#[test]
fn every_file_init_writes_is_in_the_countys_main_language() {
    for (langs, words) in [
        (
            "fi",
            [
                "Tarkista suunnitelmat",
                "ei vielä yhtään aluetta",
                "versiovarasto",
                "talletetaan gitiin",
            ],
        ),
        (
            "sv,fi",
            [
                "Kontrollera planerna",
                "inget område ännu",
                "versionsarkiv",
                "sparas i git",
            ],
        ),
    ] {
        let ws = Workspace::empty();
        ws.run(&["init", "--languages", langs]).expect(0);
        let read = |rel: &str| std::fs::read_to_string(ws.path(rel)).unwrap();
        let github = read(".github/workflows/rakeplan.yml");
        let gitlab = read(".gitlab-ci.yml");
        assert!(github.contains(words[0]), "{langs}: {github}");
        assert!(gitlab.contains(words[1]), "{langs}: {gitlab}");
        assert!(
            read("output/README.md").to_lowercase().contains(words[2]),
            "{langs}: output/README.md"
        );
        assert!(read(".gitignore").contains(words[3]), "{langs}: .gitignore");
    }
}
