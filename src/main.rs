//! The `rakeplan` binary: parse the command line, run it, exit with the outcome's code. All
//! work happens in the library.

use clap::Parser;

fn main() {
    let cli = rakeplan::cmd::Cli::parse();
    let outcome = rakeplan::cmd::run(&cli);
    std::process::exit(outcome as i32);
}
