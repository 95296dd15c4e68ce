//! One module per subcommand, each with `run`. Shared here: finding the counties named on
//! the command line and loading and checking them, which `check` and `build` both do first.

pub mod build;
pub mod check;
pub mod diff;
pub mod export;
pub mod init;
pub mod lsp;
pub mod new;
pub mod next;
pub mod publish;
pub mod schema;
pub mod serve;
pub mod template;
pub mod values;
pub mod verify;
pub mod watch;

use std::io::IsTerminal;

use crate::cli::Global;
use crate::diagnostic::{Diagnostic, Sources};
use crate::i18n::Lang;
use crate::load::{self, TemplateSet};

/// rakeplan: implementation plans for structural social work, from YAML on the national
/// template to the PDF approval bodies receive and the HTML staff read.
#[derive(Debug, clap::Parser)]
#[command(name = "rakeplan", version, about, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands. A new one is a variant and an arm of [`run`] here, and its module
/// (`cmd/<name>.rs`: its arguments and its `run`).
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Check counties' plans against the template and report every problem; writes nothing.
    Check(crate::cli::CheckArgs),
    /// Check, then render each county's PDF and HTML into <out>/<slug>/<version>/ (drafts: <out>/<slug>/draft/).
    Build(crate::cli::BuildArgs),
    /// Compare two versions of a county's plan; exit 0 when the same, 1 when they differ.
    Diff(crate::cli::DiffArgs),
    /// Scaffold a new county from the template, with guidance and placeholders.
    New(crate::cli::NewArgs),
    /// Start the next version from the approved one: new version number, status draft, no decisions, a change-log entry to fill in.
    Next(crate::cli::NextArgs),
    /// Build, then rebuild whenever a county's or the template's files change (Ctrl-C stops).
    Watch(crate::cli::WatchArgs),
    /// Preview a county's plan in the browser at http://127.0.0.1:PORT/, reloaded on every change; writes nothing.
    Serve(crate::cli::ServeArgs),
    /// Build the static intranet site from the revision store into <out>/site/.
    Publish(crate::cli::PublishArgs),
    /// Verify every stored version against its manifest (like `git fsck`); exit 1 on problems.
    Verify(crate::cli::SlugArgs),
    /// Print the JSON Schema of the plan files (for editor completion), generated from the template.
    Schema(crate::cli::SchemaArgs),
    /// Create a county's plan repository: regions/, output/, editor settings, schemas, CI files.
    Init(crate::cli::InitArgs),
    /// Export every county's plan in force as the national dataset: CSV, JSON and a data dictionary.
    Export(export::ExportArgs),
    /// The national template built into rakeplan.
    #[command(subcommand)]
    Template(crate::cli::TemplateCommand),
    /// Measured values of indicators: `values import FILE --county SLUG` reads a CSV or a Sotkanet download into the plan.
    #[command(subcommand)]
    Values(values::ValuesCommand),
    /// The language server for editors (over stdin and stdout): `check`'s diagnostics as you
    /// type, hovers with the template's guidance, completion, go to definition, quick fixes.
    Lsp(crate::cli::LspArgs),
}

/// Runs the command line: the language of messages and the colour chosen once, then the
/// subcommand; the outcome is the exit code.
pub fn run(cli: &Cli) -> Outcome {
    crate::console::set_color(cli.global.color);
    crate::i18n::set_lang(crate::i18n::choose(
        cli.global.lang,
        crate::i18n::from_environment,
        || county_language(&cli.global, &cli.command),
    ));
    let global = &cli.global;
    match &cli.command {
        Command::Check(args) => check::run(global, args),
        Command::Build(args) => build::run(global, args),
        Command::Diff(args) => diff::run(global, args),
        Command::New(args) => new::run(global, args),
        Command::Next(args) => next::run(global, args),
        Command::Schema(args) => schema::run(global, args),
        Command::Publish(args) => publish::run(global, args),
        Command::Verify(args) => verify::run(global, args),
        Command::Serve(args) => serve::run(global, args),
        Command::Watch(args) => watch::run(global, args),
        Command::Init(args) => init::run(global, args),
        Command::Template(command) => template::run(global, command),
        Command::Export(args) => export::run(global, args),
        Command::Values(command) => values::run(global, command),
        Command::Lsp(args) => lsp::run(global, args),
    }
}

/// How a command ended, as an exit code: 0 ok, 1 problems in the plans, 2 usage or I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Ok = 0,
    /// The plans have errors (or, for diff, there are differences).
    Problems = 1,
    /// Bad usage or an I/O failure.
    Failure = 2,
}

/// The project the global options name.
pub fn project(global: &Global) -> crate::project::Project {
    crate::project::Project::new(&global.regions, &global.template, &global.out)
}

/// Prints problems that stopped a command and gives its outcome: exit 2.
pub fn fail(problems: &crate::diagnostic::Problems) -> Outcome {
    report(&problems.sources, &problems.diagnostics);
    Outcome::Failure
}

/// Loads the national template for commands that need nothing else; problems are printed
/// and turned into the exit outcome.
pub fn load_template_or_report(global: &Global) -> Result<(Sources, TemplateSet), Outcome> {
    let mut sources = Sources::default();
    match load::load_template(&global.template, &mut sources) {
        Ok(t) => Ok((sources, t)),
        Err(diags) => {
            report(&sources, &diags);
            Err(Outcome::Failure)
        }
    }
}

/// Takes the store's lock for a command that writes ([`crate::lock`]); on failure says why
/// and gives the outcome to return.
pub fn lock_store(global: &Global) -> Result<crate::lock::StoreLock, Outcome> {
    crate::lock::StoreLock::acquire(&global.out, !global.no_wait).map_err(|err| {
        crate::cmd::say(crate::diagnostic::Diagnostic::error(
            None,
            crate::tr!("{}", "{}", "{}", err.message()),
        ));
        Outcome::Failure
    })
}

/// Watches the named counties' folders (all of `--regions` when none is named) and the
/// template for `watch` and `serve`; on failure says why.
pub fn watch_counties(
    global: &Global,
    slugs: &[String],
) -> Result<crate::engine::ChangeWatcher, Outcome> {
    let mut roots: Vec<_> = if slugs.is_empty() {
        vec![global.regions.clone()]
    } else {
        slugs.iter().map(|s| global.regions.join(s)).collect()
    };
    roots.push(global.template.clone());
    crate::engine::ChangeWatcher::new(&roots).map_err(|err| {
        crate::cmd::say(crate::diagnostic::Diagnostic::error(
            None,
            crate::tr!(
                "cannot watch the files for changes: {err}",
                "tiedostojen muutoksia ei voi seurata: {err}",
                "det går inte att bevaka ändringar i filerna: {err}"
            ),
        ));
        Outcome::Failure
    })
}

/// A progress bar on stderr for `len` steps, when stderr is a terminal and there is more
/// than one step; `None` otherwise (scripts and CI get plain lines instead).
pub fn progress_bar(len: usize, what: &str) -> Option<indicatif::ProgressBar> {
    if len < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let style = indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} {elapsed}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_owned());
    Some(bar)
}

/// A spinner on stderr while one long step runs, when stderr is a terminal.
pub fn spinner(what: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(what.to_owned());
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    Some(bar)
}

/// Prints one problem that has no source text to point into.
pub fn say(diagnostic: Diagnostic) {
    report(&Sources::default(), &[diagnostic]);
}

/// Prints diagnostics to stderr, errors and warnings in source order: the one way every
/// command prints a problem.
pub fn report(sources: &Sources, diagnostics: &[Diagnostic]) {
    if !diagnostics.is_empty() {
        crate::errout!(
            "{}",
            sources.render(diagnostics, crate::console::color_stderr())
        );
    }
}

/// The main language of the county a command works on, for messages when neither `--lang`
/// nor the locale names one: the named counties' (when they share it), `new`'s and `init`'s
/// `--languages`, or else the one every county under `--regions` shares. `None` when that
/// is not fi, sv or en, or cannot be read.
pub fn county_language(global: &Global, command: &Command) -> Option<Lang> {
    use Command as C;
    let slugs: Vec<String> = match command {
        C::Check(a) => a.which.slugs.clone(),
        C::Verify(a) => a.slugs.clone(),
        C::Build(a) => a.which.slugs.clone(),
        C::Watch(a) => a.which.slugs.clone(),
        C::Diff(a) => vec![a.slug.clone()],
        C::Next(a) => vec![a.slug.clone()],
        C::Serve(a) => a.slug.iter().cloned().collect(),
        C::Values(values::ValuesCommand::Import(a)) => vec![a.county.clone()],
        C::New(a) if !a.languages.is_empty() => return Lang::from_code(&a.languages[0]),
        C::Init(a) => return a.languages.first().and_then(|c| Lang::from_code(c)),
        _ => Vec::new(),
    };
    let slugs = if slugs.is_empty() {
        load::list_regions(&global.regions).ok()?
    } else {
        slugs
    };
    let mut main = slugs
        .iter()
        .map(|slug| crate::project::main_language(&global.regions, slug));
    let first = main.next()??;
    main.all(|other| other.as_deref() == Some(first.as_str()))
        .then(|| Lang::from_code(&first))
        .flatten()
}
