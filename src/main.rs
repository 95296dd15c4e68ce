//! The `rakeplan` binary: parse the command line, dispatch, exit with the outcome's code.
//! All work happens in the library.

use clap::Parser;
use rakeplan::cli::{Cli, Command};
use rakeplan::cmd;

fn main() {
    let cli = Cli::parse();
    rakeplan::i18n::set_lang(rakeplan::i18n::choose(
        cli.global.lang,
        rakeplan::i18n::from_environment,
        || cmd::county_language(&cli.global, &cli.command),
    ));
    let outcome = match &cli.command {
        Command::Check(args) => cmd::check::run(&cli.global, args),
        Command::Build(args) => cmd::build::run(&cli.global, args),
        Command::Diff(args) => cmd::diff::run(&cli.global, args),
        Command::New(args) => cmd::new::run(&cli.global, args),
        Command::Next(args) => cmd::next::run(&cli.global, args),
        Command::Schema(args) => cmd::schema::run(&cli.global, args),
        Command::Publish(args) => cmd::publish::run(&cli.global, args),
        Command::Verify(args) => cmd::verify::run(&cli.global, args),
        Command::Serve(args) => cmd::serve::run(&cli.global, args),
        Command::Watch(args) => cmd::watch::run(&cli.global, args),
        Command::Init(args) => cmd::init::run(&cli.global, args),
        Command::Template(command) => cmd::template::run(&cli.global, command),
        Command::Lsp(args) => cmd::lsp::run(&cli.global, args),
    };
    std::process::exit(outcome as i32);
}
