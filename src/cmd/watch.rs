//! `rakeplan watch [SLUG...]`: build, then build again whenever a file of the counties or
//! the template changes, so a planner sees the PDF and HTML follow their edits. Woken by
//! file-system events ([`crate::engine`]), not by polling; typst's caches stay warm in the
//! process, so a rebuild recompiles only what the edit touched. Each rebuild takes the
//! store's lock like `build` does, so a `build` or `publish` in another window waits its turn.

use crate::cli::{BuildArgs, Global, WatchArgs};
use crate::cmd::{Outcome, build};
use crate::engine::SETTLE;
use crate::tr;

/// Runs until interrupted (or after `--max-builds` builds).
pub fn run(global: &Global, args: &WatchArgs) -> Outcome {
    let build_args = BuildArgs {
        which: args.which.clone(),
        redline_against: None,
    };
    // Watch before the first build, so that an edit made while it runs is not missed.
    let watcher = match crate::cmd::watch_counties(global, &args.which.slugs) {
        Ok(w) => w,
        Err(outcome) => return outcome,
    };
    let mut builds = 0;
    loop {
        let outcome = build::run(global, &build_args);
        // Keep what recent builds share; let go of layouts no edit will ask for again.
        typst::comemo::evict(10);
        builds += 1;
        if args.max_builds.is_some_and(|max| builds >= max) {
            return outcome;
        }
        crate::errln!(
            "{}",
            tr!(
                "watching for changes (Ctrl-C stops)…",
                "odotetaan muutoksia (Ctrl-C lopettaa)…",
                "väntar på ändringar (Ctrl-C avslutar)…"
            )
        );
        if watcher.wait(SETTLE).is_empty() {
            return outcome;
        }
    }
}
