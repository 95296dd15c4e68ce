//! `rakeplan serve [SLUG]`: a live preview on the loopback address. The county's plan is
//! shown as the intranet shows it (every language edition, its PDF one click away), rebuilt
//! in memory on every change and reloaded in the open browser tab by server-sent events,
//! keeping the reader's place. A mistake in the YAML shows the diagnostics, with file and
//! line, in place of the plan until it is fixed. Nothing is written: not the store, not a
//! temporary folder; approved versions preview like drafts.
//!
//! Each rebuild makes the HTML first (and tells the browser), then the PDFs (and tells it
//! again), so the page follows an edit in tens of milliseconds while typst catches up.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::BodyExt as _;
use http_body_util::combinators::BoxBody;
use hyper::body::{Bytes, Frame};

use crate::cli::{Global, ServeArgs};
use crate::cmd::Outcome;
use crate::diagnostic::Sources;
use crate::engine::SETTLE;
use crate::render::source_links::Editor;
use crate::render::{TemplateDirs, editions};
use crate::tr;

/// What the server shows, rebuilt on every change.
#[derive(Default)]
struct State {
    /// Bumped when the pages change (a rebuild's HTML phase).
    html_gen: u64,
    /// Bumped when the PDFs are ready.
    pdf_gen: u64,
    /// By county folder name.
    counties: BTreeMap<String, Preview>,
    /// The template folder and the counties' folder, where the preview's own pages (index,
    /// errors, a PDF on its way, the bar) are looked up like every layout file.
    folders: (PathBuf, PathBuf),
}

/// One county's preview.
#[derive(Default, Clone)]
struct Preview {
    /// Language codes, main language first.
    langs: Vec<String>,
    /// HTML pages by language.
    pages: BTreeMap<String, Vec<u8>>,
    /// PDFs by language.
    pdfs: BTreeMap<String, Vec<u8>>,
    /// The diagnostics, when the plan has errors.
    errors: Option<String>,
    /// A warning shown on the page: the county's approved, stored version has been edited
    /// (`build` will refuse it).
    notice: Option<String>,
}

struct Shared {
    state: Mutex<State>,
    /// The generations (pages, PDFs), for the event streams.
    generations: tokio::sync::watch::Sender<(u64, u64)>,
}

/// The most connections served at once: the process's limit of open files less
/// [`FILES_KEPT`], so that a flood of connections waits in the queue rather than leaving
/// the rebuilds (and the accept itself) without files. Event streams count too: 500 open
/// tabs get their events under the usual limit of 1024 files.
fn connection_limit() -> usize {
    #[cfg(unix)]
    let files = {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the limits into the struct it is given.
        let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
        if ok {
            usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
        } else {
            1024
        }
    };
    #[cfg(not(unix))]
    let files = 1024usize;
    files.saturating_sub(FILES_KEPT).clamp(32, 4096)
}
/// Open files kept for everything but connections (the county's files, typst, the watcher).
const FILES_KEPT: usize = 128;
/// The most bytes of a request line and its headers (hyper's read buffer): a line without
/// an end is cut off there.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long a connection may take to send a request's head, idle keep-alive time between
/// requests included: an idle connection does not hold its place for long.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The pause after a failed accept (too many open files, say) before the next.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

impl Shared {
    fn update(&self, f: impl FnOnce(&mut State)) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut state);
        self.generations
            .send_replace((state.html_gen, state.pdf_gen));
    }
}

/// Runs the server until interrupted.
pub fn run(global: &Global, args: &ServeArgs) -> Outcome {
    let editor = match Editor::parse(&args.editor) {
        Ok(editor) => editor,
        Err(message) => {
            crate::cmd::say(crate::diagnostic::Diagnostic::error(None, message));
            return Outcome::Failure;
        }
    };
    let editor = editor.as_ref();
    let slugs: Vec<String> = args.slug.iter().cloned().collect();
    // The counties must exist before anything is served; their mistakes are shown later.
    let first = match crate::cmd::project(global).load(&slugs) {
        Ok(loaded) => loaded,
        Err(problems) => {
            crate::cmd::report(&problems.sources, &problems.diagnostics);
            return Outcome::Failure;
        }
    };
    let slugs: Vec<String> = first.regions.iter().map(|r| r.slug.clone()).collect();
    drop(first);
    let listener = match std::net::TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(err) => {
            let port = args.port;
            crate::cmd::say(
                crate::diagnostic::Diagnostic::error(
                    None,
                    tr!(
                        "cannot listen on 127.0.0.1:{port}: {err}",
                        "osoitetta 127.0.0.1:{port} ei voi kuunnella: {err}",
                        "det går inte att lyssna på 127.0.0.1:{port}: {err}"
                    ),
                )
                .with_hint(tr!(
                    "another program uses the port; choose another with --port",
                    "portti on toisen ohjelman käytössä; valitse toinen valitsimella --port",
                    "ett annat program använder porten; välj en annan med --port"
                )),
            );
            return Outcome::Failure;
        }
    };
    let Ok(addr) = listener.local_addr() else {
        return Outcome::Failure;
    };
    let watcher = match crate::cmd::watch_counties(global, &slugs) {
        Ok(w) => w,
        Err(outcome) => return outcome,
    };
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            folders: (global.template.clone(), global.regions.clone()),
            ..State::default()
        }),
        generations: tokio::sync::watch::Sender::new((0, 0)),
    });
    rebuild(global, &slugs, &shared, editor);
    let host = format!("127.0.0.1:{}", addr.port());
    let url = match slugs.as_slice() {
        [one] => format!("http://{host}/{one}/"),
        _ => format!("http://{host}/"),
    };
    crate::outln!(
        "{}",
        tr!(
            "serving {} at {url} (Ctrl-C stops)",
            "esikatselu {} osoitteessa {url} (Ctrl-C lopettaa)",
            "förhandsvisning av {} på {url} (Ctrl-C avslutar)",
            slugs.join(", ")
        )
    );
    let _ = std::io::stdout().flush();
    let server_shared = Arc::clone(&shared);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build();
    let Ok(runtime) = runtime else {
        return Outcome::Failure;
    };
    std::thread::spawn(move || runtime.block_on(accept(listener, server_shared, host)));
    loop {
        if watcher.wait(SETTLE).is_empty() {
            return Outcome::Ok;
        }
        rebuild(global, &slugs, &shared, editor);
        typst::comemo::evict(10);
    }
}

/// A county that passed its checks, with its language editions laid out.
struct Ready {
    plan: crate::model::Plan,
    dirs: TemplateDirs,
    eds: Vec<crate::render::Edition>,
    /// The warning for the page, if any (see [`Preview::notice`]).
    notice: Option<String>,
}

/// Loads, checks and renders every served county. The PDFs start at once, each edition on
/// a thread of its own, while the pages render; the pages are announced as soon as they
/// are ready, the PDFs when the last one is. With an `editor`, the pages link each part to
/// its YAML line.
fn rebuild(global: &Global, slugs: &[String], shared: &Shared, editor: Option<&Editor>) {
    let started = std::time::Instant::now();
    let mut previews: BTreeMap<String, Preview> = BTreeMap::new();
    let mut ready = Vec::new();
    let loaded = crate::cmd::project(global).load(slugs);
    match &loaded {
        Err(problems) => {
            let text = problems.sources.render(&problems.diagnostics, false);
            for slug in slugs {
                previews.insert(slug.clone(), Preview::failed(text.clone()));
            }
        }
        Ok(loaded) => {
            let notices = crate::cmd::project(global).edited_records(loaded);
            for region in &loaded.regions {
                match (&region.plan, region.has_errors()) {
                    (Some(plan), false) => {
                        let dirs = TemplateDirs::for_county(
                            &loaded.template.dir,
                            &global.regions,
                            &plan.slug,
                        );
                        let notice =
                            notices
                                .iter()
                                .find(|(slug, _)| *slug == plan.slug)
                                .map(|(_, d)| {
                                    Sources::default().render(std::slice::from_ref(d), false)
                                });
                        match editions(plan, &loaded.template, &dirs) {
                            Ok(eds) => ready.push(Ready {
                                plan: plan.clone(),
                                dirs,
                                eds,
                                notice,
                            }),
                            Err(d) => {
                                let text = Sources::default().render(&d, false);
                                previews.insert(region.slug.clone(), Preview::failed(text));
                            }
                        }
                    }
                    _ => {
                        let text = loaded.sources.render(&region.diagnostics, false);
                        previews.insert(region.slug.clone(), Preview::failed(text));
                    }
                }
            }
        }
    }
    let (html_ms, failed) = std::thread::scope(|scope| {
        let pdfs: Vec<_> = ready
            .iter()
            .map(|county| {
                let jobs: Vec<_> = county
                    .eds
                    .iter()
                    .map(|edition| {
                        scope.spawn(move || {
                            (
                                edition.lang.clone(),
                                edition.pdf(&county.plan, &county.dirs),
                            )
                        })
                    })
                    .collect();
                (&county.plan.slug, jobs)
            })
            .collect();
        let links = editor.zip(loaded.as_ref().ok().map(|l| &l.sources));
        for county in &ready {
            let mut preview =
                render_pages(&county.eds, &county.dirs, links).unwrap_or_else(Preview::failed);
            preview.notice = county.notice.clone();
            previews.insert(county.plan.slug.clone(), preview);
        }
        let failed = previews.values().filter(|p| p.errors.is_some()).count();
        shared.update(|state| {
            state.html_gen += 1;
            // A county whose PDFs come later keeps its previous PDFs until then.
            for (slug, mut preview) in std::mem::take(&mut previews) {
                if let Some(old) = state.counties.remove(&slug) {
                    preview.pdfs = old.pdfs;
                }
                state.counties.insert(slug, preview);
            }
        });
        let html_ms = started.elapsed().as_millis();
        for (slug, jobs) in pdfs {
            let mut pdfs = BTreeMap::new();
            let mut error = None;
            for job in jobs {
                match job.join() {
                    Ok((lang, Ok(artifact))) => {
                        pdfs.insert(lang, artifact.bytes);
                    }
                    Ok((_, Err(diags))) => error = Some(Sources::default().render(&diags, false)),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            shared.update(|state| {
                if let Some(preview) = state.counties.get_mut(slug) {
                    preview.pdfs = pdfs;
                    if error.is_some() {
                        preview.errors = error;
                        state.html_gen += 1;
                    }
                }
            });
        }
        (html_ms, failed)
    });
    shared.update(|state| state.pdf_gen += 1);
    let pdf_ms = started.elapsed().as_millis();
    if failed > 0 {
        crate::errln!(
            "{}",
            tr!(
                "rebuilt: the plan has errors; the page shows them",
                "rakennettu: suunnitelmassa on virheitä; sivu näyttää ne",
                "byggd: planen har fel; sidan visar dem"
            )
        );
    } else {
        crate::errln!(
            "{}",
            tr!(
                "rebuilt: pages in {html_ms} ms, PDF in {pdf_ms} ms",
                "rakennettu: sivut {html_ms} ms, PDF {pdf_ms} ms",
                "byggd: sidorna på {html_ms} ms, PDF på {pdf_ms} ms"
            )
        );
    }
}

/// The county's HTML pages, one per edition, or the diagnostics; with `links` (the editor
/// and the files the plan was read from) each part links to its YAML line.
fn render_pages(
    eds: &[crate::render::Edition],
    dirs: &TemplateDirs,
    links: Option<(&Editor, &Sources)>,
) -> Result<Preview, String> {
    let mut preview = Preview {
        langs: eds.iter().map(|e| e.lang.clone()).collect(),
        ..Preview::default()
    };
    for edition in eds {
        let page = edition
            .html(dirs)
            .map_err(|d| Sources::default().render(&[d], false))?;
        let bytes = match links {
            Some((editor, sources)) => crate::render::source_links::annotate(
                &String::from_utf8_lossy(&page.bytes),
                &edition.doc,
                sources,
                editor,
            )
            .into_bytes(),
            None => page.bytes,
        };
        preview.pages.insert(edition.lang.clone(), bytes);
    }
    Ok(preview)
}

impl Preview {
    fn failed(text: String) -> Preview {
        Preview {
            errors: Some(text),
            ..Preview::default()
        }
    }
}

/// Accepts connections on `listener` and serves each on its own task: at most
/// [`connection_limit`] at once (more wait in the queue), each request's head at most
/// [`MAX_HEAD_BYTES`] and [`HEAD_TIMEOUT`], keep-alive requests answered as they come (no
/// request waits behind another connection's), and an accept that fails (too many open
/// files) tried again after [`ACCEPT_BACKOFF`] rather than ending the server.
async fn accept(listener: std::net::TcpListener, shared: Arc<Shared>, host: String) {
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    {
        Ok(l) => l,
        Err(_) => return,
    };
    let slots = Arc::new(tokio::sync::Semaphore::new(connection_limit()));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        let host = host.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let service = hyper::service::service_fn(move |request| {
                let reply = handle(&request, &shared, &host);
                async move { Ok::<_, std::convert::Infallible>(reply) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .max_buf_size(MAX_HEAD_BYTES)
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// A response's body: bytes, or an event stream.
type Body = BoxBody<Bytes, std::convert::Infallible>;

/// A response being made: status, content type, headers and body.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body,
        }
    }
    fn with_status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }
    fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
    fn no_store(self) -> Reply {
        self.with_header("Cache-Control", "no-store".to_owned())
    }
    fn into_response(self) -> hyper::Response<Body> {
        let body = http_body_util::Full::new(Bytes::from(self.body)).boxed();
        response(self.status, &self.headers, body)
    }
}

/// A response with `status`, `headers` and `body` (all of them valid: made here).
fn response(status: u16, headers: &[(&str, String)], body: Body) -> hyper::Response<Body> {
    let mut builder = hyper::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, value);
    }
    builder.body(body).unwrap_or_else(|_| {
        let mut fallback = hyper::Response::new(http_body_util::Empty::new().boxed());
        *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}

/// Answers one request. Only GET and HEAD, only from this machine's own pages.
fn handle<B>(request: &hyper::Request<B>, shared: &Shared, host: &str) -> hyper::Response<Body> {
    // A page elsewhere on the web must not read the preview through a DNS name that points
    // here (DNS rebinding): answer only requests addressed to the loopback address.
    let host_ok = request
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|value| value == host || value == host.replace("127.0.0.1", "localhost"));
    let text = |status, words: &str| {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            words.as_bytes().to_vec(),
        )
        .into_response()
    };
    if !host_ok {
        return text(403, "forbidden");
    }
    if !matches!(*request.method(), hyper::Method::GET | hyper::Method::HEAD) {
        return text(405, "method not allowed");
    }
    let path = request.uri().path();
    if path == "/events" {
        return events(shared);
    }
    let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    route(path, &state).into_response()
}

fn route(path: &str, state: &State) -> Reply {
    let parts: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    let html = |body: Vec<u8>| Reply::new(200, "text/html; charset=utf-8", body).no_store();
    let not_found = || {
        Reply::new(
            404,
            "text/plain; charset=utf-8",
            tr!("not found", "sivua ei löydy", "sidan hittades inte").into_bytes(),
        )
    };
    match parts.as_slice() {
        [] => match state.counties.keys().collect::<Vec<_>>().as_slice() {
            [one] => Reply::new(302, "text/plain; charset=utf-8", Vec::new())
                .with_header("Location", format!("/{one}/")),
            _ => html(index_page(state)),
        },
        [slug] | [slug, _] if !parts.last().is_some_and(|p| p.ends_with(".pdf")) => {
            let Some(preview) = state.counties.get(*slug) else {
                return not_found();
            };
            if let Some(errors) = &preview.errors {
                return html(errors_page(state, slug, preview, errors));
            }
            let lang = parts
                .get(1)
                .map(|l| (*l).to_owned())
                .or_else(|| preview.langs.first().cloned());
            match lang.and_then(|l| preview.pages.get(&l)) {
                Some(page) => html(with_bar(
                    page,
                    &bar(state, slug, preview, "html", state.html_gen),
                )),
                None => not_found(),
            }
        }
        [slug, file] => {
            let Some(preview) = state.counties.get(*slug) else {
                return not_found();
            };
            // While the plan has errors there is no PDF to show: the diagnostics are, and the
            // open tab comes back to the PDF by itself once they are fixed.
            if let Some(errors) = &preview.errors
                && file.starts_with("plan.")
            {
                return html(errors_page(state, slug, preview, errors)).with_status(503);
            }
            let lang = file
                .strip_prefix("plan.")
                .and_then(|r| r.strip_suffix(".pdf"))
                .map(str::to_owned)
                .or_else(|| {
                    (*file == "plan.pdf")
                        .then(|| preview.langs.first().cloned())
                        .flatten()
                });
            let Some(lang) = lang.filter(|l| preview.langs.contains(l)) else {
                return not_found();
            };
            match preview.pdfs.get(&lang) {
                Some(pdf) => Reply::new(200, "application/pdf", pdf.clone()).no_store(),
                // Just fixed: the pages are back and typst is still laying the PDF out.
                None => html(pdf_pending(state, slug, preview)).with_status(503),
            }
        }
        _ => not_found(),
    }
}

/// A page of the preview drawn by its template (`serve-*.html.tera`, a county's own first),
/// or, when a county's override of it fails, the template's problem as plain text.
fn page(state: &State, slug: Option<&str>, name: &str, context: serde_json::Value) -> Vec<u8> {
    let (template, regions) = &state.folders;
    let dirs = match slug {
        Some(slug) => TemplateDirs::for_county(template, regions, slug),
        None => TemplateDirs {
            region: None,
            national: template.join("templates"),
        },
    };
    crate::render::html::render_page(&dirs, name, &context)
        .unwrap_or_else(|d| Sources::default().render(&[d], false))
        .into_bytes()
}

/// The diagnostics in the place of the plan, with the preview bar and the reload script.
fn errors_page(state: &State, slug: &str, preview: &Preview, errors: &str) -> Vec<u8> {
    let context = serde_json::json!({
        "lang": crate::i18n::code(),
        "title": tr!("The plan has errors", "Suunnitelmassa on virheitä", "Planen har fel"),
        "hint": tr!(
            "Fix the files below and save: this page follows by itself.",
            "Korjaa alla mainitut tiedostot ja tallenna: sivu päivittyy itsestään.",
            "Rätta filerna nedan och spara: sidan uppdateras av sig själv."
        ),
        "errors": crate::text::escape_html(errors),
        "bar": bar(state, slug, preview, "html", state.html_gen),
    });
    page(state, Some(slug), "serve-errors.html.tera", context)
}

/// An edition's page with `bar` added at the end of its body.
fn with_bar(page: &[u8], bar: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    match text.rfind("</body>") {
        Some(at) => format!("{}{bar}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{bar}").into_bytes(),
    }
}

/// A page in the place of a PDF that typst is still making; it turns into the PDF when the
/// server announces it.
fn pdf_pending(state: &State, slug: &str, preview: &Preview) -> Vec<u8> {
    let context = serde_json::json!({
        "lang": crate::i18n::code(),
        "title": tr!("The PDF is being made", "PDF:ää tehdään", "PDF-filen görs"),
        "hint": tr!(
            "This page shows the PDF as soon as it is ready.",
            "Sivu näyttää PDF:n heti, kun se on valmis.",
            "Sidan visar PDF-filen så snart den är klar."
        ),
        "bar": bar(state, slug, preview, "pdf", state.pdf_gen),
    });
    page(state, Some(slug), "serve-pending.html.tera", context)
}

/// The small fixed bar of the preview (languages, PDF) and the script that reloads the page
/// when the server announces a new `event` ("html": the pages, "pdf": the PDFs), keeping the
/// scroll position (`serve-reload.js`).
fn bar(state: &State, slug: &str, preview: &Preview, event: &str, generation: u64) -> String {
    let mut links = Vec::new();
    for (i, lang) in preview.langs.iter().enumerate() {
        let (href, pdf) = if i == 0 {
            (format!("/{slug}/"), "plan.pdf".to_owned())
        } else {
            (format!("/{slug}/{lang}/"), format!("plan.{lang}.pdf"))
        };
        links.push(serde_json::json!({"href": href, "text": lang}));
        links.push(
            serde_json::json!({"href": format!("/{slug}/{pdf}"), "text": format!("PDF ({lang})")}),
        );
    }
    let (template, regions) = &state.folders;
    let dirs = TemplateDirs::for_county(template, regions, slug);
    let reload = dirs
        .find("serve-reload.js")
        .map(|f| f.text)
        .unwrap_or_default();
    let context = serde_json::json!({
        "label": tr!("Preview", "Esikatselu", "Förhandsvisning"),
        "generation": generation,
        "event": event,
        "links": links,
        "notice": preview.notice.as_deref().map(|n| crate::text::escape_html(n.trim())),
        "reload": reload,
    });
    String::from_utf8_lossy(&page(state, Some(slug), "serve-bar.html.tera", context)).into_owned()
}

/// The list of counties, when more than one is previewed.
fn index_page(state: &State) -> Vec<u8> {
    let context = serde_json::json!({
        "lang": crate::i18n::code(),
        "title": tr!("rakeplan preview", "rakeplan-esikatselu", "rakeplan-förhandsvisning"),
        "counties": state.counties.keys().collect::<Vec<_>>(),
    });
    page(state, None, "serve-index.html.tera", context)
}

/// Server-sent events: the current generations at once, then each change, on a task of
/// its own per connection. A comment every 15 s finds out when the tab is gone.
fn events(shared: &Shared) -> hyper::Response<Body> {
    let mut generations = shared.generations.subscribe();
    let (sender, receiver) = tokio::sync::mpsc::channel::<Bytes>(4);
    tokio::spawn(async move {
        let mut sent = (u64::MAX, u64::MAX);
        loop {
            let now = *generations.borrow_and_update();
            let mut message = String::new();
            if now.0 != sent.0 {
                message.push_str(&format!("event: html\ndata: {}\n\n", now.0));
            }
            if now.1 != sent.1 {
                message.push_str(&format!("event: pdf\ndata: {}\n\n", now.1));
            }
            if message.is_empty() {
                message.push_str(": still here\n\n");
            }
            if sender.send(Bytes::from(message)).await.is_err() {
                return;
            }
            sent = now;
            tokio::select! {
                changed = generations.changed() => if changed.is_err() { return },
                () = tokio::time::sleep(Duration::from_secs(15)) => {}
            }
        }
    });
    let headers = [
        ("Content-Type", "text/event-stream".to_owned()),
        ("Cache-Control", "no-store".to_owned()),
    ];
    response(200, &headers, Stream(receiver).boxed())
}

/// A body whose frames arrive on a channel (an event stream).
struct Stream(tokio::sync::mpsc::Receiver<Bytes>);

impl hyper::body::Body for Stream {
    type Data = Bytes;
    type Error = std::convert::Infallible;
    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|next| next.map(|b| Ok(Frame::data(b))))
    }
}
