//! The language server opens the preview of the file being edited: the command
//! `rakeplan.openPreview` (offered as a code lens at the top of each plan file) starts
//! `rakeplan serve <county> --port 0` once per session (again for another county), reads the
//! address it prints and asks the editor to open the page in the browser
//! (`window/showDocument`, external), at what is written on the cursor's line
//! (`?at=<file>:<line>`), else at the file's section. The preview is stopped when the server
//! ends.

use std::io::BufRead as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use lsp_types as lt;

use super::analysis::{County, uri_to_path};
use super::{Server, county_global};

/// The command's name, as editors call it.
pub const COMMAND: &str = "rakeplan.openPreview";

/// How long the preview may take to make its first pages before the command gives up.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running `rakeplan serve`, stopped when dropped.
pub struct Preview {
    child: Child,
    /// The county it shows.
    slug: String,
    /// The county's page, `http://127.0.0.1:PORT/<slug>/`.
    url: String,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A code lens at the top of a plan file that runs [`COMMAND`] on it.
pub fn code_lens(server: &Server, params: lt::CodeLensParams) -> Vec<lt::CodeLens> {
    let Some(path) = uri_to_path(&params.text_document.uri) else {
        return Vec::new();
    };
    let Some(county) = County::of(&path) else {
        return Vec::new();
    };
    let lang = server.language(&county);
    let title = lang.pick("Open preview", "Avaa esikatselu", "Öppna förhandsvisningen");
    let start = lt::Position::new(0, 0);
    vec![lt::CodeLens {
        range: lt::Range::new(start, start),
        command: Some(lt::Command {
            title: title.to_owned(),
            command: COMMAND.to_owned(),
            arguments: Some(vec![
                serde_json::json!(params.text_document.uri.as_str()),
                serde_json::json!(start),
            ]),
        }),
        data: None,
    }]
}

/// Runs [`COMMAND`] with `arguments` (the file's URI, optionally the cursor's position):
/// the page's address (with the file and line, and the file's section as its anchor), to be
/// shown by the editor.
pub fn open(server: &mut Server, arguments: &[serde_json::Value]) -> Result<String, String> {
    let path = arguments
        .first()
        .and_then(|u| u.as_str())
        .and_then(|u| u.parse::<lt::Uri>().ok())
        .and_then(|u| uri_to_path(&u))
        .ok_or_else(|| {
            crate::tr!(
                "give the plan file to preview",
                "anna esikatseltava suunnitelman tiedosto",
                "ange planens fil som ska förhandsvisas"
            )
        })?;
    let county = County::of(&path).ok_or_else(|| {
        let shown = path.display();
        crate::tr!(
            "\"{shown}\" is not a file of a county's plan",
            "\"{shown}\" ei ole hyvinvointialueen suunnitelman tiedosto",
            "\"{shown}\" är ingen fil i ett välfärdsområdes plan"
        )
    })?;
    let running = server
        .preview
        .as_mut()
        .is_some_and(|p| p.slug == county.slug && matches!(p.child.try_wait(), Ok(None)));
    if !running {
        // One preview at a time: the one before is stopped first.
        server.preview = None;
        server.preview = Some(start(server, &county)?);
    }
    let mut url = server
        .preview
        .as_ref()
        .map(|p| p.url.clone())
        .unwrap_or_default();
    // The page shows what is written at the cursor (the file's first line without one);
    // the section's anchor is for a page without the preview's script.
    let line = arguments
        .get(1)
        .and_then(|p| serde_json::from_value::<lt::Position>(p.clone()).ok())
        .map_or(1, |p| p.line as usize + 1);
    let name = crate::fsread::display(path.strip_prefix(&server.root).unwrap_or(&path));
    let name = crate::render::source_links::percent_encode(&name);
    url.push_str(&format!("?at={name}:{line}"));
    if let Some(id) = anchor(&path) {
        url.push_str(&format!("#{id}"));
    }
    Ok(url)
}

/// The anchor of the page part `path` is written for: a section file's section.
fn anchor(path: &Path) -> Option<String> {
    let in_sections = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == "sections");
    let stem = path.file_stem()?.to_str()?;
    (in_sections
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then(|| stem.to_owned())
}

/// Starts `rakeplan serve` for `county` on a free port, as `serve` run in its repository
/// would, and waits for the address it prints.
fn start(server: &Server, county: &County) -> Result<Preview, String> {
    let global = county_global(&server.global, county, &server.root);
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(exe);
    command
        .arg("--regions")
        .arg(&global.regions)
        .arg("--template")
        .arg(&global.template)
        .arg("--out")
        .arg(&global.out);
    if let Some(lang) = global.lang {
        command.arg("--lang").arg(lang.code());
    }
    let mut child = command
        .args(["serve", &county.slug, "--port", "0"])
        .current_dir(&server.root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let stdout = child.stdout.take();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Some(stdout) = stdout else { return };
        let mut reader = std::io::BufReader::new(stdout);
        let mut line = String::new();
        let _ = reader.read_line(&mut line);
        let _ = tx.send(line);
        // Whatever else the preview says is read and dropped, so it never blocks on a pipe.
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    let line = rx.recv_timeout(START_TIMEOUT).unwrap_or_default();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .map(str::to_owned);
    let mut preview = Preview {
        child,
        slug: county.slug.clone(),
        url: String::new(),
    };
    match url {
        Some(url) => {
            preview.url = url;
            Ok(preview)
        }
        None => {
            let slug = &county.slug;
            Err(crate::tr!(
                "the preview of {slug} did not start; run `rakeplan serve {slug}` to see why",
                "alueen {slug} esikatselu ei käynnistynyt; aja `rakeplan serve {slug}` nähdäksesi syyn",
                "förhandsvisningen av {slug} startade inte; kör `rakeplan serve {slug}` för att se varför"
            ))
        }
    }
}
