//! The command line, defined once with its help text: the options every command takes and
//! each command's arguments. Parsing only; `cmd` (where the list of subcommands is) does the
//! work.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Folder holding one folder per county.
    #[arg(long, global = true, default_value = "regions", value_name = "DIR")]
    pub regions: PathBuf,
    /// A folder with the county's own copy of national template files (template.yaml,
    /// labels.yaml, templates/); whatever it lacks comes from the template built into rakeplan.
    #[arg(
        long,
        global = true,
        default_value = "plan-template",
        value_name = "DIR"
    )]
    pub template: PathBuf,
    /// The revision store, where built versions go.
    #[arg(long, global = true, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Colour in messages: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Language of messages: fi (suomi), sv (svenska) or en. When omitted: LC_ALL, LC_MESSAGES
    /// or LANG, else the system's display language (macOS, Windows), else the county's main
    /// language, else English.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,
    /// When another rakeplan is writing to the store, stop at once (exit 2) instead of waiting.
    #[arg(long, global = true)]
    pub no_wait: bool,
}

/// When to colour output.
pub use crate::console::ColorChoice;

/// Arguments of `check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Which counties.
    #[command(flatten)]
    pub which: SlugArgs,
    /// How to print the diagnostics: human (text), json (data, on stdout), github (GitHub
    /// Actions annotations) or gitlab (a GitLab code-quality report).
    #[arg(long, value_enum, default_value = "human", value_name = "FORMAT")]
    pub format: CheckFormat,
}

/// How `check` prints diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Text for people, on stderr.
    Human,
    /// A JSON array on stdout: file, line, column, end, severity, message, hints, code.
    Json,
    /// GitHub Actions workflow commands on stdout (annotations on the lines).
    Github,
    /// A GitLab code-quality report (JSON) on stdout.
    Gitlab,
}

/// Arguments of `lsp`.
#[derive(Debug, Clone, Args)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only way, accepted for editors that pass it).
    #[arg(long)]
    pub stdio: bool,
}

/// Arguments of `init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The repository folder (created if missing; may already hold a git repository).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Also scaffold the first county, e.g. "pohjois-savo" (needs --name).
    #[arg(long, value_name = "SLUG", requires = "name")]
    pub county: Option<String>,
    /// The first county's official name, e.g. "Pohjois-Savon hyvinvointialue".
    #[arg(long, requires = "county")]
    pub name: Option<String>,
    /// The languages of the repository's counties, main language first, e.g. "sv,fi": the
    /// README, the editor's schemas and the first county are written in the main language.
    /// Default: the language of messages (sv gives "sv,fi"; fi and en give "fi").
    #[arg(long, value_delimiter = ',', value_name = "LANGS")]
    pub languages: Vec<String>,
    /// Where the county gets rakeplan: the address its releases are under (a GitHub or
    /// GitLab project, or your IT's mirror), e.g. "https://github.com/thl/rakeplan". It goes
    /// into the README and both CI files (RAKEPLAN_REPO); without it they name a placeholder
    /// to replace.
    #[arg(long, value_name = "URL")]
    pub rakeplan_url: Option<String>,
}

/// Subcommands of `template`.
#[derive(Debug, Clone, Subcommand)]
pub enum TemplateCommand {
    /// Write the built-in national template (and its JSON Schemas) into DIR, to change it.
    Export(TemplateExportArgs),
    /// Show where each template file comes from: built in, the template folder, or (with
    /// SLUG) the county's own regions/<slug>/templates/.
    Show(TemplateShowArgs),
}

/// Arguments of `template show`.
#[derive(Debug, Clone, Args)]
pub struct TemplateShowArgs {
    /// A county folder name: list every file its build uses, its own overrides included.
    #[arg(value_name = "SLUG")]
    pub slug: Option<String>,
}

/// Arguments of `template export`.
#[derive(Debug, Clone, Args)]
pub struct TemplateExportArgs {
    /// Where to write it; rakeplan reads ./plan-template when it exists.
    #[arg(value_name = "DIR", default_value = "plan-template")]
    pub dir: PathBuf,
    /// Overwrite files that differ from the built-in ones.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `build`.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Which counties.
    #[command(flatten)]
    pub which: SlugArgs,
    /// The approval packet: also write a redline PDF and HTML against this stored version
    /// (e.g. 1.1) beside the plan, as redline-<VERSION>.pdf and .html.
    #[arg(long, value_name = "VERSION")]
    pub redline_against: Option<String>,
}

/// Arguments of `watch`.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// Which counties.
    #[command(flatten)]
    pub which: SlugArgs,
    /// Stop after this many builds (for scripts and tests).
    #[arg(long, hide = true, value_name = "N")]
    pub max_builds: Option<u32>,
}

/// Arguments of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// County folder name under --regions; every county when omitted.
    #[arg(value_name = "SLUG")]
    pub slug: Option<String>,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 3000, value_name = "PORT")]
    pub port: u16,
    /// Where the page's links to each paragraph's, item's and section's YAML line lead:
    /// vscode, vscodium, zed, none (no links), or an address with {path}, {line} and {col}.
    #[arg(
        long,
        env = "RAKEPLAN_EDITOR",
        default_value = "vscode",
        value_name = "EDITOR"
    )]
    pub editor: String,
}

/// Arguments of `next`.
#[derive(Debug, Clone, Args)]
pub struct NextArgs {
    /// County folder name under --regions.
    #[arg(value_name = "SLUG")]
    pub slug: String,
    /// The new version number (default: the next minor version, 1.1 → 1.2).
    #[arg(long, value_name = "VERSION")]
    pub version: Option<String>,
}

/// Arguments of `new`.
#[derive(Debug, Clone, Args)]
pub struct NewArgs {
    /// Folder name for the county, e.g. "pohjois-savo".
    #[arg(value_name = "SLUG")]
    pub slug: String,
    /// The county's official name, e.g. "Pohjois-Savon hyvinvointialue".
    #[arg(long)]
    pub name: String,
    /// The county's languages, main language first, e.g. "sv,fi" for a Swedish-first county;
    /// the guidance and placeholders are written in the main language. Default: the language
    /// of messages (sv gives "sv,fi"; fi and en give "fi").
    #[arg(long, value_delimiter = ',', value_name = "LANGS")]
    pub languages: Vec<String>,
}

/// Arguments of `publish`.
#[derive(Debug, Clone, Args)]
pub struct PublishArgs {
    /// Where to write the site (default: <out>/site).
    #[arg(long, value_name = "DIR")]
    pub site: Option<std::path::PathBuf>,
}

/// Arguments of `schema`.
#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    /// One file kind: region, plan or a section id; the bundle for every file when omitted.
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,
    /// Write one schema per file kind (and the bundle) into this folder instead; without DIR,
    /// the repository's one schema folder, where every `$schema` line points: schema/ beside
    /// --regions when it exists, else <template>/schema/ when that exists, else schema/.
    #[arg(long, value_name = "DIR")]
    pub write: Option<Option<std::path::PathBuf>>,
    /// Language of the printed schema's hovers and messages: fi, sv or en. Default: the main
    /// language the counties share, else the language of messages. --write writes every one.
    #[arg(long, value_name = "LANG")]
    pub doc_lang: Option<String>,
}

/// Arguments of `diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// County folder name under --regions (and under --out for stored versions).
    #[arg(value_name = "SLUG")]
    pub slug: String,
    /// The older side: a stored version (1.0), `worktree`, `git:REF` or a county folder.
    #[arg(value_name = "FROM")]
    pub from: crate::revision::Side,
    /// The newer side, in the same forms as FROM.
    #[arg(value_name = "TO")]
    pub to: crate::revision::Side,
    /// Output format: text, json, html (a redline page) or pdf (a redline PDF; needs -o FILE on a terminal).
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub format: DiffFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of the redline (fi, sv or en; one of the plan's languages). The plan's main
    /// language when omitted. --lang sets the language of messages only.
    #[arg(long, value_name = "LANG")]
    pub doc_lang: Option<String>,
    /// Show only additions and changes: removed items and deleted words are left out.
    #[arg(long)]
    pub only_changes: bool,
}

/// Output formats of `diff`.
pub use crate::render::RedlineFormat as DiffFormat;

/// Which counties a command works on.
#[derive(Debug, Clone, Args)]
pub struct SlugArgs {
    /// County folder names under --regions; all counties when none is named.
    #[arg(value_name = "SLUG")]
    pub slugs: Vec<String>,
}
