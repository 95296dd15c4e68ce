//! `rakeplan lsp`: runs the language server ([`crate::lsp`]) on stdin and stdout.

use crate::cli::{Global, LspArgs};
use crate::cmd::Outcome;

/// Runs the server until the editor stops it.
pub fn run(global: &Global, _args: &LspArgs) -> Outcome {
    let options = crate::lsp::Options {
        global: global.clone(),
    };
    match crate::lsp::run_stdio(options) {
        Ok(()) => Outcome::Ok,
        Err(err) => {
            crate::errln!(
                "{}",
                crate::tr!(
                    "error: the language server stopped: {err}",
                    "virhe: kielipalvelin pysähtyi: {err}",
                    "fel: språkservern stannade: {err}"
                )
            );
            Outcome::Failure
        }
    }
}
