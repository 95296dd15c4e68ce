//! `rakeplan watch [SLUG...]`: build, then build again whenever a file of the counties or
//! the template changes, so a planner sees the PDF and HTML follow their edits. Polls file
//! times and sizes (no platform watcher needed); typst's caches make rebuilds quick.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::cli::{BuildArgs, Global, WatchArgs};
use crate::cmd::{Outcome, build};
use crate::tr;

/// Runs until interrupted (or after `--max-builds` builds).
pub fn run(global: &Global, args: &WatchArgs) -> Outcome {
    let build_args = BuildArgs {
        which: args.which.clone(),
        redline_against: None,
    };
    let mut seen = fingerprint(global, &args.which.slugs);
    let mut builds = 0;
    loop {
        let outcome = build::run(global, &build_args);
        builds += 1;
        if args.max_builds.is_some_and(|max| builds >= max) {
            return outcome;
        }
        eprintln!(
            "{}",
            tr!(
                "watching for changes (Ctrl-C stops)…",
                "odotetaan muutoksia (Ctrl-C lopettaa)…"
            )
        );
        loop {
            std::thread::sleep(Duration::from_millis(300));
            let now = fingerprint(global, &args.which.slugs);
            if now != seen {
                // Editors often write a file in steps: let the last step land.
                std::thread::sleep(Duration::from_millis(150));
                seen = fingerprint(global, &args.which.slugs);
                break;
            }
        }
    }
}

/// Every watched file with its modification time and size, sorted.
fn fingerprint(global: &Global, slugs: &[String]) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let mut roots: Vec<PathBuf> = if slugs.is_empty() {
        vec![global.regions.clone()]
    } else {
        slugs.iter().map(|s| global.regions.join(s)).collect()
    };
    roots.push(global.template.clone());
    let mut out = Vec::new();
    for root in roots {
        collect(&root, &mut out);
    }
    out.sort();
    out
}

fn collect(root: &Path, out: &mut Vec<(PathBuf, Option<SystemTime>, u64)>) {
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        if let Ok(meta) = entry.metadata()
            && meta.is_file()
        {
            out.push((entry.path().to_owned(), meta.modified().ok(), meta.len()));
        }
    }
}
