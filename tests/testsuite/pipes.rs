//! Every command ends quietly on a closed pipe (`rakeplan schema | head`), with its usual
//! exit code, as ripgrep does (issue 21): no panic, no backtrace, the work still done.

use std::process::{Command, Stdio};

use crate::support::Workspace;

/// Runs rakeplan with its standard output (and, with `both`, its error output) closed
/// before it writes a byte: the code and what it said on stderr.
fn closed(ws: &Workspace, args: &[&str], both: bool) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rakeplan"))
        .args(args)
        .current_dir(&ws.root)
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let stderr = if both {
        drop(child.stderr.take());
        String::new()
    } else {
        let mut text = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut text).unwrap();
        text
    };
    let status = child.wait().unwrap();
    (status.code().unwrap_or(-1), stderr)
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_its_usual_code() {
    let ws = Workspace::with_examples();
    let cases: [(&[&str], i32); 7] = [
        (&["schema"], 0),
        (&["check"], 0),
        (&["build", "keski-suomi"], 0),
        (&["verify"], 0),
        (&["verify", "nowhere"], 1),
        (
            &["diff", "kainuu", "regions/kainuu", "regions/keski-suomi"],
            1,
        ),
        (&["--help"], 0),
    ];
    for (args, code) in cases {
        for both in [false, true] {
            let (got, stderr) = closed(&ws, args, both);
            assert_eq!(got, code, "{args:?} (stderr closed too: {both}): {stderr}");
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        }
    }
    // The build did its work although nobody read what it said.
    assert!(ws.path("output/keski-suomi/1.0/manifest.json").is_file());
    ws.run(&["verify"]).expect(0);
}
