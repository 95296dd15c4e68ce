//! A county adopts rakeplan without forking it (issue 13): `init` makes a repository with no
//! copy of the template, in which new, check, build, publish, verify and diff against a git
//! tag work; template files on disk override the built-in ones file by file; `template
//! export` writes the built-in template out; the CI files `init` writes parse and install a
//! pinned rakeplan instead of compiling one.

use std::path::Path;

use crate::support::{Workspace, pdf_text, repo};

const GOALS: &str = "text: |\n  Sosiaalinen raportointi juurrutetaan osaksi arkea.\n";

#[test]
fn a_county_repository_made_by_init_works_without_a_copy_of_the_template() {
    let ws = Workspace::empty();
    let init = ws
        .run(&[
            "init",
            "--county",
            "pohjois-savo",
            "--name",
            "Pohjois-Savon hyvinvointialue",
        ])
        .expect(0);
    assert!(
        init.stdout.contains("initialised a plan repository"),
        "{}",
        init.stdout
    );
    assert!(
        init.stdout.contains("created regions/pohjois-savo/"),
        "{}",
        init.stdout
    );
    assert!(
        !ws.path("plan-template").exists(),
        "init copies no template"
    );
    for file in [
        "README.md",
        ".gitignore",
        ".gitattributes",
        ".vscode/settings.json",
        ".github/workflows/rakeplan.yml",
        ".gitlab-ci.yml",
        "output/README.md",
    ] {
        assert!(ws.path(file).is_file(), "init writes {file}");
    }
    let extensions = std::fs::read_to_string(ws.path(".vscode/extensions.json")).unwrap();
    assert!(extensions.contains("redhat.vscode-yaml"));

    // Every `$schema` line an editor reads points at a schema that is there.
    for file in ["region.yaml", "plan.yaml", "sections/goals.yaml"] {
        let path = ws.path(&format!("regions/pohjois-savo/{file}"));
        let text = std::fs::read_to_string(&path).unwrap();
        let target = text
            .lines()
            .find_map(|l| l.strip_prefix("# yaml-language-server: $schema="))
            .unwrap_or_else(|| panic!("{file} has no $schema line"));
        let schema = path.parent().unwrap().join(target);
        assert!(schema.is_file(), "{file}: {target} does not resolve");
    }

    ws.write("regions/pohjois-savo/sections/goals.yaml", GOALS);
    ws.run(&["check"]).expect(0);
    let build = ws.run(&["build"]).expect(0);
    assert!(
        build.stdout.contains("pohjois-savo 0.1 (draft)"),
        "{}",
        build.stdout
    );
    let draft = ws.path("output/pohjois-savo/draft");
    let text = pdf_text(&draft.join("plan.pdf"));
    assert!(text.contains("Pohjois-Savon hyvinvointialue"), "{text}");
    assert!(text.contains("juurrutetaan osaksi arkea"), "{text}");
    let manifest = std::fs::read_to_string(draft.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"built-in:template.yaml\""),
        "{manifest}"
    );
    assert!(manifest.contains("\"built-in:plan.typ\""), "{manifest}");
    ws.run(&["publish"]).expect(0);
    let site = std::fs::read_to_string(ws.path("output/site/index.html")).unwrap();
    assert!(
        site.contains("Pohjois-Savo"),
        "the front page names the county"
    );
    ws.run(&["verify"]).expect(0);

    // The county's record in git, a tag, an edit, and the diff against the tag.
    ws.git(&["add", "."]);
    ws.git(&["commit", "-q", "-m", "luonnos 0.1"]);
    ws.git(&["tag", "pohjois-savo-0.1"]);
    let tracked = ws.git(&["ls-files", "output"]);
    assert_eq!(
        tracked, "output/README.md\n",
        "drafts and the site are not committed"
    );
    assert_eq!(
        ws.git(&["status", "--porcelain"]),
        "",
        "nothing is left out"
    );
    ws.write(
        "regions/pohjois-savo/sections/goals.yaml",
        &GOALS.replace("arkea", "arkea koko alueella"),
    );
    let diff = ws
        .run(&["diff", "pohjois-savo", "git:pohjois-savo-0.1", "worktree"])
        .expect(1);
    assert!(diff.stdout.contains("koko alueella"), "{}", diff.stdout);
}

#[test]
fn a_template_file_on_disk_overrides_only_itself() {
    let ws = Workspace::county_repository("savo", "Savon hyvinvointialue");
    let css = std::fs::read_to_string(repo().join("plan-template/templates/style.css")).unwrap();
    ws.write(
        "plan-template/templates/style.css",
        &format!("{css}\n/* savon oma tyyli */\n"),
    );
    let show = ws.run(&["template", "show"]).expect(0);
    let line = |name: &str| {
        show.stdout
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{}", show.stdout))
            .to_owned()
    };
    assert!(line("templates/style.css").contains("plan-template/templates/style.css (repository)"));
    assert!(line("template.yaml").contains("built-in:template.yaml (built in)"));
    ws.run(&["build"]).expect(0);
    let html = std::fs::read_to_string(ws.path("output/savo/draft/plan.html")).unwrap();
    assert!(
        html.contains("savon oma tyyli"),
        "the county's style is used"
    );
    let manifest = std::fs::read_to_string(ws.path("output/savo/draft/manifest.json")).unwrap();
    assert!(manifest.contains("\"plan-template/templates/style.css\""));
    assert!(manifest.contains("\"built-in:plan.typ\""));
}

#[test]
fn template_export_writes_the_built_in_template_and_keeps_local_changes() {
    let ws = Workspace::empty();
    let out = ws.run(&["template", "export", "thl"]).expect(0);
    let version = rakeplan::builtin::version();
    assert!(
        out.stdout.contains(&format!("national template {version}")),
        "{}",
        out.stdout
    );
    for file in [
        "template.yaml",
        "labels.yaml",
        "README.md",
        "templates/plan.typ",
        "schema/plan-files.schema.json",
    ] {
        assert!(
            ws.path(&format!("thl/{file}")).is_file(),
            "{file} is exported"
        );
    }
    ws.write("thl/labels.yaml", "# muutettu\n");
    let refused = ws.run(&["template", "export", "thl"]).expect(2);
    assert!(
        refused.stderr.contains("thl/labels.yaml"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    let kept = std::fs::read_to_string(ws.path("thl/labels.yaml")).unwrap();
    assert_eq!(kept, "# muutettu\n");
    ws.run(&["template", "export", "thl", "--force"]).expect(0);
    let restored = std::fs::read_to_string(ws.path("thl/labels.yaml")).unwrap();
    assert_eq!(restored, rakeplan::builtin::file("labels.yaml").unwrap());
}

#[test]
fn init_never_overwrites_a_file_with_other_content() {
    let ws = Workspace::empty();
    ws.write("README.md", "# Oma\n");
    let refused = ws.run(&["init"]).expect(2);
    assert!(refused.stderr.contains("README.md"), "{}", refused.stderr);
    assert!(!ws.path(".gitignore").exists(), "nothing is written");
    std::fs::remove_file(ws.path("README.md")).unwrap();
    ws.run(&["init"]).expect(0);
    // Running it again changes nothing and is not an error.
    ws.run(&["init"]).expect(0);
}

#[test]
fn a_mistyped_template_folder_is_an_error_not_the_built_in_template() {
    let ws = Workspace::with_examples();
    let run = ws.run(&["--template", "plan-templat", "check"]).expect(2);
    assert!(
        run.stderr
            .contains("the template folder \"plan-templat\" does not exist"),
        "{}",
        run.stderr
    );
}

/// Every YAML file of a CI service: the ones `init` writes and this repository's release
/// workflow.
fn ci_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for dir in ["county-repo", ".github/workflows"] {
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_ci_files_parse_and_install_rakeplan_instead_of_compiling_a_fork() {
    let files = ci_files();
    assert!(files.len() >= 3, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let yaml: serde_json::Value = serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        let jobs: Vec<&serde_json::Value> = match yaml.get("jobs") {
            // GitHub Actions: every job runs steps on a runner.
            Some(jobs) => jobs.as_object().unwrap().values().collect(),
            // GitLab CI: every mapping with a script is a job.
            None => yaml
                .as_object()
                .unwrap()
                .values()
                .filter(|v| v.get("script").is_some())
                .collect(),
        };
        assert!(!jobs.is_empty(), "{} has no jobs", path.display());
        for job in jobs {
            assert!(
                job.get("steps").is_some() || job.get("script").is_some(),
                "{}: a job without steps or script",
                path.display()
            );
        }
        if path.parent().unwrap().ends_with(Path::new("county-repo")) {
            assert!(
                !text.contains("cargo run"),
                "{} compiles a fork",
                path.display()
            );
            for step in [
                "rakeplan check",
                "rakeplan verify",
                "rakeplan build",
                "rakeplan publish",
            ] {
                assert!(
                    text.contains(step),
                    "{} does not run {step}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn a_county_saved_with_windows_line_ends_builds_the_same_bytes() {
    let unix = Workspace::with_examples();
    let windows = Workspace::with_examples();
    for entry in walkdir::WalkDir::new(windows.path("regions/keski-suomi")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
        }
    }
    unix.run(&["build", "keski-suomi"]).expect(0);
    windows.run(&["build", "keski-suomi"]).expect(0);
    // The manifests differ (they hash the input files as saved); the plan does not.
    let outputs = |ws: &Workspace| -> Vec<(String, String)> {
        ws.output_hashes()
            .into_iter()
            .filter(|(path, _)| !path.ends_with("manifest.json"))
            .collect()
    };
    let made = outputs(&unix);
    assert!(
        made.iter().any(|(p, _)| p.ends_with("plan.pdf")),
        "{made:?}"
    );
    assert_eq!(made, outputs(&windows));
}
