//! Printing to the terminal that never panics: `println!` panics when its pipe is closed
//! (`rakeplan schema | head`), so every command prints through these macros instead, which
//! drop what cannot be written, as ripgrep does. The command goes on (a build still stores
//! its versions) and exits with its usual code; nothing is said about the closed pipe.
//!
//! Whether to colour is decided here, once, from `--color` and the stream's kind.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// When to colour what rakeplan writes (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

static CHOICE: AtomicU8 = AtomicU8::new(ColorChoice::Auto as u8);

/// Sets the choice for the rest of the run (`main` does, from `--color`).
pub fn set_color(choice: ColorChoice) {
    CHOICE.store(choice as u8, Ordering::Relaxed);
}

/// Whether to colour text written to a stream that is (`to_terminal`) or is not a terminal.
pub fn color(to_terminal: bool) -> bool {
    match CHOICE.load(Ordering::Relaxed) {
        x if x == ColorChoice::Always as u8 => true,
        x if x == ColorChoice::Never as u8 => false,
        _ => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Whether to colour messages on standard error.
pub fn color_stderr() -> bool {
    color(std::io::stderr().is_terminal())
}

/// `println!` to standard output, dropping what a closed pipe cannot take.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stdout().lock(), $($arg)*);
    }};
}

/// `print!` to standard output, dropping what a closed pipe cannot take.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let mut stdout = ::std::io::stdout().lock();
        let _ = ::std::write!(stdout, $($arg)*).and_then(|()| stdout.flush());
    }};
}

/// `eprintln!` to standard error, dropping what a closed pipe cannot take.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr().lock(), $($arg)*);
    }};
}

/// `eprint!` to standard error, dropping what a closed pipe cannot take.
#[macro_export]
macro_rules! errout {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::write!(::std::io::stderr().lock(), $($arg)*);
    }};
}
