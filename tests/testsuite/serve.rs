//! `rakeplan serve`: the preview shows the plan, follows edits by itself, shows mistakes
//! with file and line in place of the plan and the plan again once fixed, serves the PDF,
//! answers only requests addressed to the loopback address, and writes nothing.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Workspace;

/// A running `rakeplan serve`, stopped when dropped.
struct Served {
    child: Child,
    host: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(ws: &Workspace, slug: &str) -> Served {
    serve_with(ws, &["serve", slug, "--port", "0"])
}

/// `rakeplan` run with `args` (a `serve` command line), its address read.
fn serve_with(ws: &Workspace, args: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rakeplan"))
        .args(args)
        .env_remove("RAKEPLAN_EDITOR")
        .current_dir(&ws.root)
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let host = url["http://".len()..].split('/').next().unwrap().to_owned();
    Served { child, host }
}

/// GET `path` with the given Host header: status and body.
fn get_as(served: &Served, path: &str, host: &str) -> (u16, Vec<u8>) {
    crate::support::http_get(&served.host, path, host)
}

fn page(served: &Served, path: &str) -> String {
    let (status, body) = get_as(served, path, &served.host);
    assert_eq!(status, 200, "{path}");
    String::from_utf8(body).unwrap()
}

/// Waits until the page at `path` satisfies `ok`, for up to 10 s.
fn until(served: &Served, path: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = page(served, path);
        if ok(&text) {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the page did not follow:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits (up to 10 s) until `path` answers with a PDF and returns it; `meanwhile` checks
/// each other answer (status, body).
fn pdf_when_ready(served: &Served, path: &str, meanwhile: impl Fn(u16, &[u8])) -> Vec<u8> {
    let start = Instant::now();
    loop {
        let (status, body) = get_as(served, path, &served.host);
        if status == 200 {
            assert!(body.starts_with(b"%PDF"));
            return body;
        }
        meanwhile(status, &body);
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no PDF at {path}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_preview_follows_edits_and_shows_mistakes_in_place() {
    let ws = Workspace::with_examples();
    let served = serve(&ws, "keski-pohjanmaa");
    let fi = page(&served, "/keski-pohjanmaa/");
    assert!(fi.contains("Keski-Pohjanmaan hyvinvointialue") && fi.contains("rakeplan-preview"));
    assert!(fi.contains("new EventSource(\"/events\")"));
    // The bar adds no <style> element to the body (the Nu checker refuses one there).
    let body = &fi[fi.find("<body").unwrap()..];
    assert!(!body.contains("<style"), "a style element in the body");
    let sv = page(&served, "/keski-pohjanmaa/sv/");
    assert!(sv.contains("lang=\"sv\""), "the Swedish edition");
    pdf_when_ready(&served, "/keski-pohjanmaa/plan.sv.pdf", |_, _| {});

    let intro = ws.path("regions/keski-pohjanmaa/sections/introduction.yaml");
    let text = std::fs::read_to_string(&intro).unwrap();
    std::fs::write(
        &intro,
        text.replacen("  fi: |\n", "  fi: |\n    Esikatselu näkyy heti.\n\n", 1),
    )
    .unwrap();
    until(&served, "/keski-pohjanmaa/", |p| {
        p.contains("Esikatselu näkyy heti.")
    });

    // A broken edit: the diagnostics with file and line take the plan's place.
    std::fs::write(&intro, "text: [\n").unwrap();
    let broken = until(&served, "/keski-pohjanmaa/", |p| {
        p.contains("The plan has errors")
    });
    assert!(
        broken.contains("regions/keski-pohjanmaa/sections/introduction.yaml:"),
        "{broken}"
    );
    // The PDF's address (open in another tab, say) shows the same mistakes, not a bare
    // "not found", and listens for the fix.
    let (status, body) = get_as(&served, "/keski-pohjanmaa/plan.sv.pdf", &served.host);
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("The plan has errors")
            && body.contains("sections/introduction.yaml:")
            && body.contains("new EventSource"),
        "{body}"
    );
    // Fixed: the plan is back, and so is the PDF.
    std::fs::write(&intro, &text).unwrap();
    until(&served, "/keski-pohjanmaa/", |p| {
        !p.contains("The plan has errors") && p.contains("<main")
    });
    // Until typst is done, a page that turns into the PDF when it is ready.
    pdf_when_ready(&served, "/keski-pohjanmaa/plan.sv.pdf", |status, body| {
        let body = String::from_utf8_lossy(body);
        assert!(
            status == 503 && body.contains("data-event=\"pdf\""),
            "{status} {body}"
        );
    });
    // Nothing was written.
    assert!(!ws.path("output").exists(), "serve wrote into the store");
}

#[test]
fn the_preview_answers_only_its_own_address() {
    let ws = Workspace::with_examples();
    let served = serve(&ws, "kainuu");
    let (status, _) = get_as(&served, "/kainuu/", "attacker.example:80");
    assert_eq!(status, 403);
    let (status, _) = get_as(&served, "/../../etc/passwd", &served.host);
    assert_eq!(status, 404);
    let (status, _) = get_as(&served, "/kainuu/plan.xx.pdf", &served.host);
    assert_eq!(status, 404);
    // A language the plan has no edition in.
    let (status, _) = get_as(&served, "/kainuu/sv/", &served.host);
    assert_eq!(status, 404);
    let (status, _) = get_as(&served, "/nowhere/", &served.host);
    assert_eq!(status, 404);
}

#[test]
fn the_preview_works_in_a_county_repository_without_a_template_folder() {
    let ws = Workspace::county_repository("savo", "Savon hyvinvointialue");
    let served = serve(&ws, "savo");
    let html = page(&served, "/savo/");
    assert!(html.contains("Savon hyvinvointialue"), "{html}");
    let (status, pdf) = get_as(&served, "/savo/plan.pdf", &served.host);
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"));
}

/// An approved version stored as the record, edited: the preview shows the edits and says
/// on the page that `build` will not change the record, and what to do; the store is
/// untouched.
#[test]
fn the_preview_warns_when_an_approved_record_is_edited() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let stored = ws.output_hashes();
    ws.edit(
        "regions/keski-suomi/sections/goals.yaml",
        "text: |\n",
        "text: |\n  Hyväksytyn version muutos.\n\n",
    );
    let served = serve(&ws, "keski-suomi");
    let page = page(&served, "/keski-suomi/");
    assert!(page.contains("Hyväksytyn version muutos."));
    let notice = &page[page.find("role=\"status\"").expect("a notice on the page")..];
    assert!(
        notice.contains("version 1.0 is approved and stored")
            && notice.contains("rakeplan next keski-suomi"),
        "{notice}"
    );
    drop(served);
    assert_eq!(ws.output_hashes(), stored, "serve changed the store");
}

/// `rakeplan serve` started under the usual limit of 1024 open files.
fn serve_limited(ws: &Workspace, slug: &str) -> Served {
    let mut child = Command::new("sh")
        .args(["-c", "ulimit -n 1024 && exec \"$0\" serve \"$1\" --port 0"])
        .arg(env!("CARGO_BIN_EXE_rakeplan"))
        .arg(slug)
        .current_dir(&ws.root)
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let host = url["http://".len()..].split('/').next().unwrap().to_owned();
    Served { child, host }
}

/// The server's resident memory, in kilobytes.
fn rss_kb(served: &Served) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", served.child.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap()
}

/// One GET on `stream` (kept alive); the status, read within `within`.
fn ask(stream: &mut std::net::TcpStream, host: &str, within: Duration) -> Option<u16> {
    stream.set_read_timeout(Some(within)).unwrap();
    let request = format!("GET /kainuu/ HTTP/1.1\r\nHost: {host}\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    // Read the rest of the answer (its length is in the headers) so the next can follow.
    let mut rest = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        let n = stream.read(&mut buf).ok()?;
        rest.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&rest);
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            if rest.len() >= end + 4 + length {
                break;
            }
        }
        if n == 0 {
            return None;
        }
    }
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

#[cfg(target_os = "linux")]
#[test]
fn the_preview_survives_floods_and_malformed_requests() {
    let ws = Workspace::with_examples();
    let served = serve_limited(&ws, "kainuu");
    until(&served, "/kainuu/", |p| p.contains("<html"));
    let addr = served.host.clone();
    let connect = || std::net::TcpStream::connect(&addr).unwrap();

    // 600 idle connections (under 1024 open files): the preview still answers at once.
    let idle: Vec<_> = (0..600).map(|_| connect()).collect();
    let mut fresh = connect();
    assert_eq!(
        ask(&mut fresh, &served.host, Duration::from_secs(10)),
        Some(200)
    );
    drop(idle);

    // A header line without an end: cut off, memory bounded, the server answers after it.
    let before = rss_kb(&served);
    let mut endless = connect();
    let _ = endless.write_all(
        format!("GET /kainuu/ HTTP/1.1\r\nHost: {}\r\nX-Long: ", served.host).as_bytes(),
    );
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..64 {
        if endless.write_all(&chunk).is_err() {
            break;
        }
    }
    assert!(
        rss_kb(&served) < before + 32 * 1024,
        "memory grew with the header"
    );
    let mut fresh = connect();
    assert_eq!(
        ask(&mut fresh, &served.host, Duration::from_secs(10)),
        Some(200)
    );

    // Six keep-alive connections at once, twice each: none waits behind another.
    let mut six: Vec<_> = (0..6).map(|_| connect()).collect();
    for round in 0..2 {
        let started = std::time::Instant::now();
        let answers: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = six
                .iter_mut()
                .map(|s| {
                    let host = served.host.clone();
                    scope.spawn(move || ask(s, &host, Duration::from_secs(10)))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(
            answers.iter().all(|a| *a == Some(200)),
            "round {round}: {answers:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    // 500 event streams opened at once: each gets its first event.
    let mut streams: Vec<_> = (0..500)
        .map(|_| {
            let mut s = connect();
            let request = format!("GET /events HTTP/1.1\r\nHost: {}\r\n\r\n", served.host);
            s.write_all(request.as_bytes()).unwrap();
            s
        })
        .collect();
    let mut silent = 0;
    for s in &mut streams {
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&got).contains("event: html") {
            match s.read(&mut buf) {
                Ok(n) if n > 0 => got.extend_from_slice(&buf[..n]),
                _ => {
                    silent += 1;
                    break;
                }
            }
        }
    }
    assert_eq!(silent, 0, "event streams without a byte");
}

/// `%XX` sequences of an address decoded (as UTF-8).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A link of the preview to a YAML line: the element it is on (the text from its opening
/// tag on), the file, the line's number and the line itself.
struct SourceLink {
    element: String,
    file: std::path::PathBuf,
    line: usize,
    text: String,
}

/// Every `data-src` editor link of `page`, with what it points at; each element's pencil
/// link leads to the same place.
fn source_links(page: &str) -> Vec<SourceLink> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find(" data-src=\"vscode://file") {
        let tag = rest[..at].rfind('<').unwrap();
        let element = rest[tag..].chars().take(600).collect::<String>();
        let value = &rest[at + " data-src=\"vscode://file".len()..];
        let value = &value[..value.find('"').unwrap()];
        let mut parts = value.rsplitn(3, ':');
        let _col: usize = parts.next().unwrap().parse().unwrap();
        let line: usize = parts.next().unwrap().parse().unwrap();
        let file = std::path::PathBuf::from(percent_decode(parts.next().unwrap()));
        let source =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let text = source
            .lines()
            .nth(line - 1)
            .unwrap_or_else(|| panic!("{}:{line} is past the end", file.display()))
            .to_owned();
        assert!(
            page.contains(&format!(
                "class=\"rakeplan-src\" href=\"vscode://file{value}\""
            )),
            "no pencil link to {value}"
        );
        out.push(SourceLink {
            element,
            file,
            line,
            text,
        });
        rest = &rest[at + 1..];
    }
    out
}

/// The text of an element up to its first tag, as written (entities and no-break spaces
/// read back).
fn leading_text(element: &str) -> String {
    let inner = &element[element.find('>').unwrap() + 1..];
    let inner = match inner.find("</a>") {
        // The pencil link before a block sits outside it; inside a heading it follows.
        Some(end) if inner.starts_with("<a class=\"rakeplan-src\"") => &inner[end + 4..],
        _ => inner,
    };
    inner[..inner.find('<').unwrap_or(inner.len())]
        .replace('\u{a0}', " ")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
}

/// Asserts that each paragraph link leads to the line the paragraph's first words are on
/// (those starting with 30 characters of plain text); how many it checked.
fn paragraphs_on_their_lines(links: &[SourceLink]) -> usize {
    let mut checked = 0;
    for link in links.iter().filter(|l| l.element.starts_with("<p")) {
        let words: String = leading_text(&link.element).chars().take(30).collect();
        if words.chars().count() < 30 || words.contains('&') {
            continue;
        }
        assert!(
            link.text.contains(&words),
            "{words:?} at {}:{}: {}",
            link.file.display(),
            link.line,
            link.text
        );
        checked += 1;
    }
    checked
}

#[test]
fn the_preview_leads_from_each_part_to_its_yaml_line() {
    let ws = Workspace::with_examples();
    let served = serve(&ws, "kainuu");
    let html = page(&served, "/kainuu/");
    let links = source_links(&html);
    assert!(links.len() > 100, "{} links", links.len());
    let sections = ws.path("regions/kainuu/sections").canonicalize().unwrap();
    // Each section leads to its file.
    let intro = links
        .iter()
        .find(|l| {
            l.element.starts_with("<section data-src") && l.element.contains("id=\"introduction\"")
        })
        .expect("the introduction's link");
    assert_eq!(
        intro.file.canonicalize().unwrap(),
        sections.join("introduction.yaml")
    );
    assert!(intro.text.starts_with("text:"), "{}", intro.text);
    // And names its place for the preview opened at a line (`?at=`).
    assert!(intro.element.contains(&format!(
        "data-line=\"regions/kainuu/sections/introduction.yaml:{}\"",
        intro.line
    )));
    // Each focus area and each table row with an id leads to the line of that id.
    let area = links
        .iter()
        .find(|l| {
            l.element.starts_with("<section data-src")
                && l.element.contains("id=\"focus-areas-tietotyo\"")
        })
        .expect("the focus area's link");
    assert!(area.text.contains("id: tietotyo"), "{}", area.text);
    let mut rows = 0;
    for link in links.iter().filter(|l| l.element.starts_with("<tr")) {
        if let Some(code) = link.element.split("<code>").nth(1) {
            let id = &code[..code.find('<').unwrap()];
            assert!(
                link.text.contains(id),
                "row {id} at {}:{}: {}",
                link.file.display(),
                link.line,
                link.text
            );
            rows += 1;
        }
        assert!(link.text.trim_start().starts_with("- "), "{}", link.text);
    }
    assert!(rows > 10, "{rows} rows with ids");
    // Each paragraph leads to the line its text starts on.
    let paragraphs = paragraphs_on_their_lines(&links);
    assert!(paragraphs > 30, "{paragraphs} paragraphs");
    // In the page's language.
    assert!(html.contains(
        "aria-label=\"Avaa editorissa: regions/kainuu/sections/introduction.yaml, rivi "
    ));

    // A bilingual county's Swedish edition leads to the Swedish text.
    let served = serve(&ws, "keski-pohjanmaa");
    let sv = page(&served, "/keski-pohjanmaa/sv/");
    let links = source_links(&sv);
    let swedish = paragraphs_on_their_lines(&links);
    assert!(swedish > 10, "{swedish} Swedish paragraphs");
    assert!(sv.contains("aria-label=\"Öppna i redigeraren: regions/keski-pohjanmaa/sections/"));
}

#[test]
fn preview_links_escape_the_path_and_follow_the_editor_chosen() {
    let ws = Workspace::with_examples();
    std::fs::create_dir_all(ws.path("Pälkäne alue")).unwrap();
    std::fs::rename(ws.path("regions"), ws.path("Pälkäne alue/regions")).unwrap();
    let regions = "Pälkäne alue/regions";
    let served = serve_with(
        &ws,
        &["--regions", regions, "serve", "kainuu", "--port", "0"],
    );
    let html = page(&served, "/kainuu/");
    assert!(
        html.contains("/P%C3%A4lk%C3%A4ne%20alue/regions/kainuu/sections/goals.yaml:"),
        "no escaped path"
    );
    let links = source_links(&html);
    assert!(links.iter().any(|l| {
        l.file
            .ends_with("Pälkäne alue/regions/kainuu/sections/goals.yaml")
    }));
    drop(served);

    // No links at all.
    let served = serve_with(
        &ws,
        &[
            "--regions",
            regions,
            "serve",
            "kainuu",
            "--port",
            "0",
            "--editor",
            "none",
        ],
    );
    let html = page(&served, "/kainuu/");
    assert!(html.contains("Kainuun hyvinvointialue"));
    assert!(
        !html.contains(" data-src=\"")
            && !html.contains("class=\"rakeplan-src\"")
            && !html.contains("vscode:")
    );
    drop(served);

    // An editor of the planner's own.
    let served = serve_with(
        &ws,
        &[
            "--regions",
            regions,
            "serve",
            "kainuu",
            "--port",
            "0",
            "--editor",
            "myeditor://open?file={path}&line={line}",
        ],
    );
    let html = page(&served, "/kainuu/");
    assert!(
        html.contains("data-src=\"myeditor://open?file=/")
            && html.contains("/regions/kainuu/sections/goals.yaml&amp;line="),
        "no link of the planner's pattern"
    );
    drop(served);

    let run = ws
        .run(&[
            "--regions",
            regions,
            "serve",
            "kainuu",
            "--editor",
            "notepad",
        ])
        .expect(2);
    assert!(
        run.stderr.contains("unknown editor \"notepad\""),
        "{}",
        run.stderr
    );
}

/// The links are the preview's alone: what `build` writes and `publish` makes holds no
/// local path.
#[test]
fn built_and_published_pages_hold_no_editor_links() {
    let ws = Workspace::with_examples();
    ws.run(&["build"]).expect(0);
    ws.run(&["publish"]).expect(0);
    let mut seen = 0;
    let mut stack = vec![ws.path("output")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for needle in ["vscode://", "data-src", "rakeplan-src"] {
                assert!(!text.contains(needle), "{needle} in {}", path.display());
            }
            seen += 1;
        }
    }
    assert!(seen > 20, "{seen} files");
}
