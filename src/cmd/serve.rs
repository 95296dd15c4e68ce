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
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use crate::cli::{Global, ServeArgs};
use crate::cmd::{Outcome, load_and_check};
use crate::diagnostic::Sources;
use crate::engine::SETTLE;
use crate::render::html::escape;
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
    changed: Condvar,
}

impl Shared {
    fn update(&self, f: impl FnOnce(&mut State)) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut state);
        self.changed.notify_all();
    }
}

/// Runs the server until interrupted.
pub fn run(global: &Global, args: &ServeArgs) -> Outcome {
    let slugs: Vec<String> = args.slug.iter().cloned().collect();
    // The counties must exist before anything is served; their mistakes are shown later.
    let first = match load_and_check(global, &slugs) {
        Ok(loaded) => loaded,
        Err((sources, diags)) => {
            crate::cmd::report(&sources, &diags, global);
            return Outcome::Failure;
        }
    };
    let slugs: Vec<String> = first.regions.iter().map(|r| r.slug.clone()).collect();
    drop(first);
    let server = match Server::http(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(err) => {
            let port = args.port;
            crate::errln!(
                "{}",
                tr!(
                    "error: cannot listen on 127.0.0.1:{port}: {err}",
                    "virhe: osoitetta 127.0.0.1:{port} ei voi kuunnella: {err}"
                )
            );
            crate::errln!(
                "{}",
                tr!(
                    "  = hint: another program uses the port; choose another with --port",
                    "  = vihje: portti on toisen ohjelman käytössä; valitse toinen valitsimella --port"
                )
            );
            return Outcome::Failure;
        }
    };
    let Some(addr) = server.server_addr().to_ip() else {
        return Outcome::Failure;
    };
    let watcher = match crate::cmd::watch_counties(global, &slugs) {
        Ok(w) => w,
        Err(outcome) => return outcome,
    };
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        changed: Condvar::new(),
    });
    rebuild(global, &slugs, &shared);
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
            slugs.join(", ")
        )
    );
    let _ = std::io::stdout().flush();
    let server_shared = Arc::clone(&shared);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = Arc::clone(&server_shared);
            let host = host.clone();
            std::thread::spawn(move || handle(request, &shared, &host));
        }
    });
    loop {
        if watcher.wait(SETTLE).is_empty() {
            return Outcome::Ok;
        }
        rebuild(global, &slugs, &shared);
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
/// are ready, the PDFs when the last one is.
fn rebuild(global: &Global, slugs: &[String], shared: &Shared) {
    let started = std::time::Instant::now();
    let mut previews: BTreeMap<String, Preview> = BTreeMap::new();
    let mut ready = Vec::new();
    match load_and_check(global, slugs) {
        Err((sources, diags)) => {
            let text = sources.render(&diags, false);
            for slug in slugs {
                previews.insert(slug.clone(), Preview::failed(text.clone()));
            }
        }
        Ok(loaded) => {
            let notices = crate::cmd::edited_records(global, &loaded);
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
        for county in &ready {
            let mut preview =
                render_pages(&county.eds, &county.dirs).unwrap_or_else(Preview::failed);
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
                "rakennettu: suunnitelmassa on virheitä; sivu näyttää ne"
            )
        );
    } else {
        crate::errln!(
            "{}",
            tr!(
                "rebuilt: pages in {html_ms} ms, PDF in {pdf_ms} ms",
                "rakennettu: sivut {html_ms} ms, PDF {pdf_ms} ms"
            )
        );
    }
}

/// The county's HTML pages, one per edition, or the diagnostics.
fn render_pages(eds: &[crate::render::Edition], dirs: &TemplateDirs) -> Result<Preview, String> {
    let mut preview = Preview {
        langs: eds.iter().map(|e| e.lang.clone()).collect(),
        ..Preview::default()
    };
    for edition in eds {
        let page = edition
            .html(dirs)
            .map_err(|d| Sources::default().render(&[d], false))?;
        preview.pages.insert(edition.lang.clone(), page.bytes);
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

/// Answers one request. Only GET and HEAD, only from this machine's own pages.
fn handle(request: Request, shared: &Shared, host: &str) {
    // A page elsewhere on the web must not read the preview through a DNS name that points
    // here (DNS rebinding): answer only requests addressed to the loopback address.
    let host_ok = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .is_some_and(|h| {
            let value = h.value.as_str();
            value == host || value == host.replace("127.0.0.1", "localhost")
        });
    if !host_ok {
        let _ = request.respond(Response::from_string("forbidden").with_status_code(403));
        return;
    }
    if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        let _ = request.respond(Response::from_string("method not allowed").with_status_code(405));
        return;
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    if path == "/events" {
        events(request, shared);
        return;
    }
    let response = {
        let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        route(&path, &state)
    };
    let _ = request.respond(response);
}

fn route(path: &str, state: &State) -> Response<std::io::Cursor<Vec<u8>>> {
    let parts: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    let html = |body: Vec<u8>| {
        Response::from_data(body)
            .with_header(header("Content-Type", "text/html; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store"))
    };
    let not_found = || {
        Response::from_string(tr!("not found", "sivua ei löydy"))
            .with_status_code(404)
            .with_header(header("Content-Type", "text/plain; charset=utf-8"))
    };
    match parts.as_slice() {
        [] => match state.counties.keys().collect::<Vec<_>>().as_slice() {
            [one] => Response::from_data(Vec::new())
                .with_status_code(302)
                .with_header(header("Location", &format!("/{one}/"))),
            _ => html(index_page(state)),
        },
        [slug] | [slug, _] if !parts.last().is_some_and(|p| p.ends_with(".pdf")) => {
            let Some(preview) = state.counties.get(*slug) else {
                return not_found();
            };
            if let Some(errors) = &preview.errors {
                return html(errors_page(slug, preview, errors, state.html_gen));
            }
            let lang = parts
                .get(1)
                .map(|l| (*l).to_owned())
                .or_else(|| preview.langs.first().cloned());
            match lang.and_then(|l| preview.pages.get(&l)) {
                Some(page) => html(with_bar(page, &bar(slug, preview, "html", state.html_gen))),
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
                return html(errors_page(slug, preview, errors, state.html_gen))
                    .with_status_code(503);
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
                Some(pdf) => Response::from_data(pdf.clone())
                    .with_header(header("Content-Type", "application/pdf"))
                    .with_header(header("Cache-Control", "no-store")),
                // Just fixed: the pages are back and typst is still laying the PDF out.
                None => html(pdf_pending(slug, preview, state.pdf_gen)).with_status_code(503),
            }
        }
        _ => not_found(),
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static headers are valid")
}

/// The diagnostics in the place of the plan, with the preview bar and the reload script.
fn errors_page(slug: &str, preview: &Preview, errors: &str, generation: u64) -> Vec<u8> {
    let bar = bar(slug, preview, "html", generation);
    let title = tr!("The plan has errors", "Suunnitelmassa on virheitä");
    let hint = tr!(
        "Fix the files below and save: this page follows by itself.",
        "Korjaa alla mainitut tiedostot ja tallenna: sivu päivittyy itsestään."
    );
    let lang = if crate::i18n::is_fi() { "fi" } else { "en" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body style=\"font-family: system-ui, sans-serif; \
         margin: 2rem; max-width: 60rem\"><main><h1 id=\"rakeplan-errors\">{title}</h1>\
         <p>{hint}</p><pre style=\"white-space: pre-wrap; background: #fff4f4; border-left: \
         4px solid #b00020; padding: 1rem; overflow-x: auto\">{}</pre></main>{bar}</body></html>\n",
        escape(errors)
    )
    .into_bytes()
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
fn pdf_pending(slug: &str, preview: &Preview, generation: u64) -> Vec<u8> {
    let title = tr!("The PDF is being made", "PDF:ää tehdään");
    let hint = tr!(
        "This page shows the PDF as soon as it is ready.",
        "Sivu näyttää PDF:n heti, kun se on valmis."
    );
    let lang = if crate::i18n::is_fi() { "fi" } else { "en" };
    let bar = bar(slug, preview, "pdf", generation);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}\
         </title></head><body style=\"font-family: system-ui, sans-serif; margin: 2rem\"><main>\
         <h1>{title}</h1><p>{hint}</p></main>{bar}</body></html>\n"
    )
    .into_bytes()
}

/// The small fixed bar of the preview (languages, PDF) and the script that reloads the page
/// when the server announces a new `event` ("html": the pages, "pdf": the PDFs), keeping the
/// scroll position.
fn bar(slug: &str, preview: &Preview, event: &str, generation: u64) -> String {
    let mut links = String::new();
    for (i, lang) in preview.langs.iter().enumerate() {
        let href = if i == 0 {
            format!("/{slug}/")
        } else {
            format!("/{slug}/{lang}/")
        };
        links.push_str(&format!(" · <a href=\"{href}\"{LINK}>{lang}</a>"));
        let pdf = if i == 0 {
            "plan.pdf".to_owned()
        } else {
            format!("plan.{lang}.pdf")
        };
        links.push_str(&format!(
            " · <a href=\"/{slug}/{pdf}\"{LINK}>PDF ({lang})</a>"
        ));
    }
    let label = tr!("Preview", "Esikatselu");
    if let Some(notice) = &preview.notice {
        links.push_str(&format!(
            "<div role=\"status\" style=\"margin: .4rem 0 0; padding: 0; max-width: 36rem; \
             white-space: pre-wrap; background: transparent; color: #ffe08a\">{}</div>",
            escape(notice.trim())
        ));
    }
    format!(
        "<aside aria-label=\"{label}\" id=\"rakeplan-preview\" data-generation=\"{generation}\" \
         data-event=\"{event}\" \
         style=\"position: fixed; right: .5rem; bottom: .5rem; z-index: 10; background: #1f2933; \
         color: #fff; font: 14px/1.4 system-ui, sans-serif; padding: .35rem .7rem; border-radius: \
         .3rem\">{label}{links}</aside>\
         <script>{RELOAD}</script>"
    )
}

/// The bar's links: white on its dark ground (an attribute: a `<style>` element may not
/// follow other content in a page's body).
const LINK: &str = " style=\"color: #fff\"";

/// Reloads the page when the server announces a new build, and puts the reader back where
/// they were: the paragraph, list item, table row or heading at the top of the window stays
/// there (found again by its text), so text added above it does not move the reader's
/// place; the scroll position is kept when that block is gone.
const RELOAD: &str = r#"(function () {
  var bar = document.getElementById("rakeplan-preview");
  var shown = bar ? bar.getAttribute("data-generation") : null;
  var key = "rakeplan-place:" + location.pathname;
  var BLOCKS = "main h1, main h2, main h3, main h4, main p, main li, main tr, main dt, main dd, main figure";
  // The reader's place: the first block (paragraph, list item, table row, heading) at the
  // top of the window, by its text and how far it starts above or below the top.
  function place() {
    var blocks = document.querySelectorAll(BLOCKS);
    for (var i = 0; i < blocks.length; i++) {
      var rect = blocks[i].getBoundingClientRect();
      if (rect.bottom > 0 && rect.height > 0) {
        return { text: blocks[i].textContent.trim().slice(0, 300), nth: i, offset: rect.top, y: window.scrollY };
      }
    }
    return { text: null, nth: 0, offset: 0, y: window.scrollY };
  }
  // The same block after the reload: the one with the same text nearest its old position
  // (text added above moves it down, not the reader); else the old scroll position.
  function restore(saved) {
    var best = null, blocks = saved.text ? document.querySelectorAll(BLOCKS) : [];
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].textContent.trim().slice(0, 300) === saved.text
          && (best === null || Math.abs(i - saved.nth) < Math.abs(best.i - saved.nth))) {
        best = { i: i, el: blocks[i] };
      }
    }
    var y = best ? best.el.getBoundingClientRect().top + window.scrollY - saved.offset : saved.y;
    window.scrollTo(0, y);
  }
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    saved = JSON.parse(saved);
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    restore(saved);
    // Again once images and fonts have settled the page's height.
    window.addEventListener("load", function () { restore(saved); });
  }
  var source = new EventSource("/events");
  source.addEventListener(bar ? bar.getAttribute("data-event") : "html", function (e) {
    if (e.data !== shown) {
      sessionStorage.setItem(key, JSON.stringify(place()));
      location.reload();
    }
  });
})();"#;

fn index_page(state: &State) -> Vec<u8> {
    let title = tr!("rakeplan preview", "rakeplan-esikatselu");
    let items: String = state
        .counties
        .keys()
        .map(|slug| format!("<li><a href=\"/{slug}/\">{slug}</a></li>"))
        .collect();
    let lang = if crate::i18n::is_fi() { "fi" } else { "en" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><ul>{items}</ul></main></body></html>\n"
    )
    .into_bytes()
}

/// Server-sent events: the current generations at once, then each change. A comment every
/// 15 s finds out when the tab is gone.
fn events(request: Request, shared: &Shared) {
    let response = Response::empty(200)
        .with_header(header("Content-Type", "text/event-stream"))
        .with_header(header("Cache-Control", "no-store"));
    let mut stream = request.upgrade("sse", response);
    let mut sent = (u64::MAX, u64::MAX);
    loop {
        let now = {
            let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            let state = if (state.html_gen, state.pdf_gen) == sent {
                shared
                    .changed
                    .wait_timeout(state, Duration::from_secs(15))
                    .map(|(s, _)| s)
                    .unwrap_or_else(|e| e.into_inner().0)
            } else {
                state
            };
            (state.html_gen, state.pdf_gen)
        };
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
        if stream
            .write_all(message.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
        sent = now;
    }
}
