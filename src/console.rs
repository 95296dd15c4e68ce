//! Printing to the terminal that never panics: `println!` panics when its pipe is closed
//! (`rakeplan schema | head`), so every command prints through these macros instead, which
//! drop what cannot be written, as ripgrep does. The command goes on (a build still stores
//! its versions) and exits with its usual code; nothing is said about the closed pipe.

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
