//! Helpers shared by the tests: a temporary workspace holding copies of the template and
//! example counties, running the binary in it, and reading PDFs back with poppler.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder with `regions/`, `plan-template/` and `output/`.
pub(crate) struct Workspace {
    _dir: tempfile::TempDir,
    /// The folder.
    pub(crate) root: PathBuf,
}

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Workspace {
    /// A workspace with the national template and every example county.
    pub(crate) fn with_examples() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        copy_dir(&repo().join("plan-template"), &root.join("plan-template"));
        copy_dir(&repo().join("regions"), &root.join("regions"));
        Workspace { _dir: dir, root }
    }

    /// An empty workspace: no template, no counties (a county's new repository).
    pub(crate) fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        Workspace { _dir: dir, root }
    }

    /// A county's repository made by `rakeplan init` with one county `slug` (name `name`),
    /// and no template folder.
    pub(crate) fn county_repository(slug: &str, name: &str) -> Self {
        let ws = Workspace::empty();
        ws.run(&["init", "--county", slug, "--name", name])
            .expect(0);
        ws
    }

    /// Runs git in the workspace (with an identity, whatever the machine's configuration);
    /// panics when it fails.
    pub(crate) fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=rakeplan",
                "-c",
                "user.email=rakeplan@example.invalid",
            ])
            .args(args)
            .current_dir(&self.root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Path inside the workspace.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes a file inside the workspace.
    pub(crate) fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Replaces `from` (which must occur exactly once) with `to` in a workspace file.
    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{rel}: {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Stores the county's worktree as approved version 1.0 and starts draft 1.1 from it with
    /// `rakeplan next`, as a county does after its first approval. A worktree that is a draft
    /// (Keski-Pohjanmaa's 1.1) is approved as 1.0 first: same content, one body's decision,
    /// the change history up to 1.0.
    pub(crate) fn approve_then_next(&self, slug: &str) {
        let path = format!("regions/{slug}/plan.yaml");
        let text = std::fs::read_to_string(self.path(&path)).unwrap();
        if !text.contains("\nstatus: approved") {
            let end = text.find("  - version: \"1.1\"").unwrap_or(text.len());
            let approved: Vec<String> = text[..end]
                .lines()
                .map(|line| match line.split(':').next().unwrap_or("") {
                    "version" => "version: \"1.0\"".to_owned(),
                    "status" => "status: approved".to_owned(),
                    "date" => "date: 2025-01-28".to_owned(),
                    "approvals" => "approvals:\n  - body: Aluehallitus\n    date: 2025-03-24\n    \
                                    decision: approved"
                        .to_owned(),
                    _ => line.to_owned(),
                })
                .collect();
            self.write(&path, &(approved.join("\n") + "\n"));
        }
        self.run(&["build", slug]).expect(0);
        self.run(&["next", slug]).expect(0);
    }

    /// Copies a county folder to a new slug.
    pub(crate) fn copy_region(&self, from: &str, to: &str) {
        copy_dir(
            &self.path(&format!("regions/{from}")),
            &self.path(&format!("regions/{to}")),
        );
    }

    /// Runs rakeplan in the workspace, with English messages whatever the machine's locale.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs rakeplan with extra environment variables, set after the neutral locale
    /// (`LANG=C`, no `LC_ALL`/`LC_MESSAGES`) so that they can override it.
    pub(crate) fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_rakeplan"))
            .args(args)
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        Run::from(output)
    }

    /// sha256 of every file under `output/`, by relative path.
    pub(crate) fn output_hashes(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(self.path("output")).sort_by_file_name() {
            let entry = entry.unwrap();
            // The lock file records who last held it: not content.
            if entry.file_type().is_file() && entry.file_name() != ".rakeplan.lock" {
                let rel = entry
                    .path()
                    .strip_prefix(&self.root)
                    .unwrap()
                    .display()
                    .to_string();
                out.push((
                    rel,
                    rakeplan::store::sha256(&std::fs::read(entry.path()).unwrap()),
                ));
            }
        }
        out
    }
}

/// The result of one run.
pub(crate) struct Run {
    /// Exit code.
    pub(crate) code: i32,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts the exit code, showing the output when it differs.
    pub(crate) fn expect(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// The text a poppler tool (pdftotext, pdfinfo, pdffonts) prints for `args`.
pub(crate) fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for PDF checks (apt-get install poppler-utils): {e}")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text with whitespace collapsed and hyphenation at line ends undone.
pub(crate) fn pdf_text(path: &Path) -> String {
    let raw = poppler("pdftotext", &[path.to_str().unwrap(), "-"]);
    let joined = raw.replace("-\n", "").replace('\u{ad}', "");
    collapse(&joined)
}

/// The PDF's text line by line as pdftotext reads it (nothing joined): where a line breaks.
pub(crate) fn pdf_lines(path: &Path) -> Vec<String> {
    poppler("pdftotext", &[path.to_str().unwrap(), "-"])
        .lines()
        .map(|l| l.trim().to_owned())
        .collect()
}

/// One word of a PDF page as pdftotext places it (points from the top left corner).
pub(crate) struct Word {
    /// 1-based page number.
    pub(crate) page: usize,
    /// The page's width.
    pub(crate) page_width: f64,
    /// Left, top, right and bottom edges.
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    /// The word.
    pub(crate) text: String,
}

/// Every word of the PDF with its box (`pdftotext -bbox`).
pub(crate) fn pdf_words(path: &Path) -> Vec<Word> {
    let out = poppler("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let attr = |line: &str, name: &str| -> f64 {
        let from = line
            .find(&format!("{name}=\""))
            .expect("pdftotext -bbox attribute")
            + name.len()
            + 2;
        line[from..from + line[from..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let (mut page, mut page_width, mut words) = (0, 0.0, Vec::new());
    for line in out.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
            page_width = attr(line, "width");
        } else if line.starts_with("<word ") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            words.push(Word {
                page,
                page_width,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                text: text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            });
        }
    }
    words
}

/// Collapses runs of whitespace to one space.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `pdfinfo` output.
pub(crate) fn pdf_info(path: &Path) -> String {
    poppler("pdfinfo", &[path.to_str().unwrap()])
}

/// `pdffonts` output.
pub(crate) fn pdf_fonts(path: &Path) -> String {
    poppler("pdffonts", &[path.to_str().unwrap()])
}

/// The number of pages `pdfinfo` reports.
pub(crate) fn pdf_pages(path: &Path) -> usize {
    pdf_info(path)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo reports pages")
}

/// GET `path` from the HTTP server at `addr` with the given Host header: status and body
/// (a chunked body put together).
pub(crate) fn http_get(addr: &str, path: &str, host: &str) -> (u16, Vec<u8>) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
}
