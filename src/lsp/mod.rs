//! `rakeplan lsp`: a language server for a county repository's YAML (region.yaml, plan.yaml,
//! sections/*.yaml), over stdin and stdout. Its diagnostics are `check`'s, computed on the
//! editor's unsaved buffers (laid over the disk with [`crate::load::with_overlay`]); it also
//! gives hovers with the template's guidance, completion in template order, go to
//! definition and references between actions and indicators, document symbols and quick
//! fixes for the slips `check` recognises.
//!
//! One thread, one message at a time: messages that arrive while a check runs are read
//! together before the next check, so a burst of keystrokes is checked once, and a request
//! cancelled before its turn is answered as such without work.

pub mod actions;
pub mod analysis;
pub mod completion;
pub mod context;
pub mod hover;
pub mod preview;
pub mod symbols;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{self as lt, Uri};

use crate::cli::Global;
use crate::i18n::Lang;
use crate::load::{Overlay, TemplateSet};
use analysis::{County, Encoding, path_to_uri, uri_to_path};

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Options {
    /// The command line's options (`--regions` is found from each file instead).
    pub global: Global,
}

/// An open document.
struct Doc {
    /// Its text as the editor holds it.
    text: String,
    /// The editor's version of it.
    version: i32,
}

/// The server's state.
pub struct Server {
    global: Global,
    root: PathBuf,
    encoding: Encoding,
    docs: HashMap<PathBuf, Doc>,
    /// Counties to check before the next quiet moment.
    dirty: BTreeSet<County>,
    /// What was published last, by county, so a fixed file is cleared.
    published: HashMap<County, HashSet<String>>,
    /// The templates for hovers and completion, by folder (each loaded once).
    templates: HashMap<PathBuf, Rc<TemplateSet>>,
    /// Requests cancelled before their turn.
    cancelled: HashSet<RequestId>,
    /// The preview `rakeplan.openPreview` started, stopped with the server.
    preview: Option<preview::Preview>,
    /// Requests to the editor made while answering one of its own (`window/showDocument`),
    /// sent after the answer.
    outgoing: Vec<Request>,
    /// How many requests the server has made of the editor (their ids).
    asked: u64,
}

/// Runs the server on stdin and stdout until the editor says exit.
pub fn run_stdio(options: Options) -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    serve(&connection, options)?;
    drop(connection);
    io.join().map_err(|e| e.to_string())
}

/// Runs the server on `connection` until the editor says exit.
pub fn serve(connection: &Connection, options: Options) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lt::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = choose_encoding(&params);
    let root = workspace_root(&params);
    if let Some(root) = &root {
        // Files are named relative to here, as `check` run in the repository names them.
        let _ = std::env::set_current_dir(root);
    }
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let result = lt::InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(lt::ServerInfo {
            name: "rakeplan".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        global: options.global,
        root,
        encoding,
        docs: HashMap::new(),
        dirty: BTreeSet::new(),
        published: HashMap::new(),
        templates: HashMap::new(),
        cancelled: HashSet::new(),
        preview: None,
        outgoing: Vec::new(),
        asked: 0,
    };
    let mut queue = VecDeque::new();
    loop {
        if queue.is_empty() {
            match connection.receiver.recv() {
                Ok(msg) => queue.push_back(msg),
                Err(_) => return Ok(()),
            }
        }
        // Read whatever else has arrived: edits are applied in order, and one check
        // follows them all.
        while let Ok(msg) = connection.receiver.try_recv() {
            if let Message::Notification(n) = &msg
                && n.method == notif::Cancel::METHOD
                && let Ok(p) = serde_json::from_value::<lt::CancelParams>(n.params.clone())
            {
                server.cancelled.insert(match p.id {
                    lt::NumberOrString::Number(n) => RequestId::from(n),
                    lt::NumberOrString::String(s) => RequestId::from(s),
                });
                continue;
            }
            queue.push_back(msg);
        }
        while let Some(msg) = queue.pop_front() {
            match msg {
                Message::Request(request) => {
                    let response = if request.method == req::Shutdown::METHOD {
                        Response::new_ok(request.id.clone(), ())
                    } else if server.cancelled.remove(&request.id) {
                        Response::new_err(
                            request.id.clone(),
                            ErrorCode::RequestCanceled as i32,
                            "cancelled".to_owned(),
                        )
                    } else {
                        let id = request.id.clone();
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            server.request(request)
                        }))
                        .unwrap_or_else(|_| {
                            Response::new_err(
                                id,
                                ErrorCode::InternalError as i32,
                                "internal error".to_owned(),
                            )
                        })
                    };
                    send(connection, Message::Response(response));
                    for request in std::mem::take(&mut server.outgoing) {
                        send(connection, Message::Request(request));
                    }
                }
                Message::Notification(n) => {
                    if n.method == notif::Exit::METHOD {
                        return Ok(());
                    }
                    server.notification(n);
                }
                Message::Response(_) => {}
            }
        }
        server.cancelled.clear();
        server.publish_dirty(connection);
    }
}

fn send(connection: &Connection, msg: Message) {
    let _ = connection.sender.send(msg);
}

/// UTF-32 (characters, as `check` counts them) or UTF-8 when the editor offers it, else
/// the protocol's UTF-16.
fn choose_encoding(params: &lt::InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.clone())
        .unwrap_or_default();
    if offered.contains(&lt::PositionEncodingKind::UTF32) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

fn workspace_root(params: &lt::InitializeParams) -> Option<PathBuf> {
    if let Some(folder) = params.workspace_folders.as_ref().and_then(|f| f.first()) {
        return uri_to_path(&folder.uri);
    }
    #[allow(deprecated)]
    let root = params.root_uri.as_ref().and_then(uri_to_path);
    #[allow(deprecated)]
    root.or_else(|| params.root_path.as_ref().map(PathBuf::from))
}

fn capabilities(encoding: Encoding) -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf16 => lt::PositionEncodingKind::UTF16,
            Encoding::Utf32 => lt::PositionEncodingKind::UTF32,
            Encoding::Utf8 => lt::PositionEncodingKind::UTF8,
        }),
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lt::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "-".into(), "[".into()]),
            ..Default::default()
        }),
        definition_provider: Some(lt::OneOf::Left(true)),
        references_provider: Some(lt::OneOf::Left(true)),
        document_symbol_provider: Some(lt::OneOf::Left(true)),
        execute_command_provider: Some(lt::ExecuteCommandOptions {
            commands: vec![preview::COMMAND.to_owned()],
            ..Default::default()
        }),
        code_lens_provider: Some(lt::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        code_action_provider: Some(lt::CodeActionProviderCapability::Options(
            lt::CodeActionOptions {
                code_action_kinds: Some(vec![lt::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

impl Server {
    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lt::DidOpenTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    self.docs.insert(
                        path.clone(),
                        Doc {
                            text: p.text_document.text,
                            version: p.text_document.version,
                        },
                    );
                    self.touch(&path);
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lt::DidChangeTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    let encoding = self.encoding;
                    let doc = self.docs.entry(path.clone()).or_insert_with(|| Doc {
                        text: std::fs::read_to_string(&path).unwrap_or_default(),
                        version: 0,
                    });
                    doc.version = p.text_document.version;
                    for change in p.content_changes {
                        apply_change(&mut doc.text, change, encoding);
                    }
                    self.touch(&path);
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lt::DidSaveTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    if path
                        .file_name()
                        .is_some_and(|n| n == "template.yaml" || n == "labels.yaml")
                    {
                        self.templates.clear();
                        self.dirty.extend(self.published.keys().cloned());
                    }
                    self.touch(&path);
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lt::DidCloseTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    self.docs.remove(&path);
                    self.touch(&path);
                }
            }
            notif::DidChangeWatchedFiles::METHOD => {
                self.dirty.extend(self.published.keys().cloned());
            }
            _ => {}
        }
    }

    /// Marks the county of `path` for checking.
    fn touch(&mut self, path: &Path) {
        if let Some(county) = County::of(path) {
            self.dirty.insert(county);
        }
    }

    /// The unsaved texts of the open documents.
    fn overlay(&self) -> Rc<Overlay> {
        Rc::new(
            self.docs
                .iter()
                .map(|(p, d)| (p.clone(), d.text.clone()))
                .collect(),
        )
    }

    /// The message language for `county`, chosen as `check <slug>` chooses it: `--lang`,
    /// the locale, else the county's main language (from its unsaved region.yaml).
    fn language(&self, county: &County) -> Lang {
        crate::i18n::choose(self.global.lang, crate::i18n::from_environment, || {
            Lang::from_code(&self.main_language(county)?)
        })
    }

    /// The county's main language: the first of `languages:` in region.yaml.
    pub(crate) fn main_language(&self, county: &County) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct Languages {
            #[serde(default)]
            languages: Vec<String>,
        }
        let path = county.dir.join("region.yaml");
        match self.docs.get(&path) {
            Some(doc) => serde_saphyr::from_str::<Languages>(&doc.text)
                .ok()?
                .languages
                .into_iter()
                .next(),
            None => crate::project::main_language(county.dir.parent()?, &county.slug),
        }
    }

    /// The county's languages, main first (for completion of language keys).
    pub(crate) fn languages(&self, county: &County) -> Vec<String> {
        #[derive(serde::Deserialize)]
        struct Languages {
            #[serde(default)]
            languages: Vec<String>,
        }
        let path = county.dir.join("region.yaml");
        let text = match self.docs.get(&path) {
            Some(doc) => doc.text.clone(),
            None => std::fs::read_to_string(&path).unwrap_or_default(),
        };
        let langs = serde_saphyr::from_str::<Languages>(&text)
            .map(|l| l.languages)
            .unwrap_or_default();
        if langs.is_empty() {
            vec!["fi".to_owned()]
        } else {
            langs
        }
    }

    /// Checks every county edited since the last check and publishes its diagnostics.
    fn publish_dirty(&mut self, connection: &Connection) {
        let dirty = std::mem::take(&mut self.dirty);
        let timing = std::env::var_os("RAKEPLAN_LSP_TIMING").is_some();
        for county in dirty {
            let started = std::time::Instant::now();
            let published = self.diagnostics(&county);
            if timing {
                // For scripts/bench-lsp.py: the server's own share of edit -> diagnostics.
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                crate::errln!("rakeplan lsp: checked {} in {ms:.2} ms", county.slug);
            }
            for (uri, diagnostics) in published {
                let version = uri_to_path(&uri)
                    .and_then(|p| self.docs.get(&p))
                    .map(|d| d.version);
                let params = lt::PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version,
                };
                send(
                    connection,
                    Message::Notification(Notification::new(
                        notif::PublishDiagnostics::METHOD.to_owned(),
                        params,
                    )),
                );
            }
        }
    }

    /// `check`'s diagnostics for `county` by file: every file of the county (an empty list
    /// for those without any), and those that had some last time.
    pub fn diagnostics(&mut self, county: &County) -> Vec<(Uri, Vec<lt::Diagnostic>)> {
        let lang = self.language(county);
        crate::i18n::set_lang(lang);
        let global = county_global(&self.global, county, &self.root);
        let overlay = self.overlay();
        // A bug in a check must not take the editor's server down with it: that county's
        // diagnostics stay as they were until the next edit.
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::load::with_overlay(overlay, || analysis::check_county(&global, &county.slug))
        }));
        let Ok((sources, diags)) = checked else {
            return Vec::new();
        };
        let records = sources.records(&diags);
        let mut by_file: Vec<(Uri, Vec<lt::Diagnostic>)> = county
            .files(self.docs.keys())
            .iter()
            .map(|p| (path_to_uri(p), Vec::new()))
            .collect();
        for (uri, diag) in analysis::to_lsp(&records, &sources, &self.root, self.encoding) {
            match by_file.iter_mut().find(|(u, _)| *u == uri) {
                Some((_, list)) => list.push(diag),
                None => by_file.push((uri, vec![diag])),
            }
        }
        let now: HashSet<String> = by_file.iter().map(|(u, _)| u.as_str().to_owned()).collect();
        if let Some(before) = self.published.get(county) {
            for old in before.difference(&now) {
                if let Ok(uri) = old.parse::<Uri>() {
                    by_file.push((uri, Vec::new()));
                }
            }
        }
        self.published.insert(county.clone(), now);
        by_file
    }

    /// The template `county` is checked against (its repository's `plan-template/` over
    /// the built-in one).
    pub(crate) fn template(&mut self, county: &County) -> Option<Rc<TemplateSet>> {
        let dir = county_global(&self.global, county, &self.root).template;
        if !self.templates.contains_key(&dir) {
            let mut sources = crate::diagnostic::Sources::default();
            let tset = crate::load::load_template(&dir, &mut sources).ok()?;
            self.templates.insert(dir.clone(), Rc::new(tset));
        }
        self.templates.get(&dir).cloned()
    }

    /// The text of `path`: the editor's when open, else the file's.
    pub(crate) fn text(&self, path: &Path) -> Option<String> {
        match self.docs.get(path) {
            Some(doc) => Some(doc.text.clone()),
            None => std::fs::read_to_string(path).ok(),
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            req::HoverRequest::METHOD => parse(request.params, |p| hover::hover(self, p)),
            req::Completion::METHOD => parse(request.params, |p| completion::complete(self, p)),
            req::GotoDefinition::METHOD => parse(request.params, |p| symbols::definition(self, p)),
            req::References::METHOD => parse(request.params, |p| symbols::references(self, p)),
            req::DocumentSymbolRequest::METHOD => {
                parse(request.params, |p| symbols::document_symbols(self, p))
            }
            req::CodeActionRequest::METHOD => {
                parse(request.params, |p| actions::code_actions(self, p))
            }
            req::CodeLensRequest::METHOD => parse(request.params, |p| preview::code_lens(self, p)),
            req::ExecuteCommand::METHOD => {
                serde_json::from_value::<lt::ExecuteCommandParams>(request.params)
                    .map_err(|e| e.to_string())
                    .and_then(|p| self.execute(p))
            }
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unknown method {}", request.method),
                );
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
        }
    }

    /// The encoding of positions.
    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Runs a command: [`preview::COMMAND`] opens the preview in the browser (the editor is
    /// asked to show its address) and answers with that address.
    fn execute(&mut self, params: lt::ExecuteCommandParams) -> Result<serde_json::Value, String> {
        if params.command != preview::COMMAND {
            return Err(format!("unknown command {}", params.command));
        }
        let url = preview::open(self, &params.arguments)?;
        let uri = url.parse::<Uri>().map_err(|e| e.to_string())?;
        let show = lt::ShowDocumentParams {
            uri,
            external: Some(true),
            take_focus: Some(true),
            selection: None,
        };
        self.asked += 1;
        self.outgoing.push(Request::new(
            RequestId::from(format!("rakeplan-{}", self.asked)),
            req::ShowDocument::METHOD.to_owned(),
            show,
        ));
        Ok(serde_json::json!(url))
    }
}

/// The options to check `county` with, as `check` run in its repository would: `--regions`
/// is the county's parent folder, and a relative `--template` or `--out` lies beside it (the
/// repository's `plan-template/` and `output/`), whatever folder the editor opened.
fn county_global(global: &Global, county: &County, root: &Path) -> Global {
    let regions = county.regions(root);
    let repo = county.dir.parent().and_then(Path::parent).unwrap_or(root);
    let beside = |dir: &Path| {
        if dir.is_absolute() {
            return dir.to_owned();
        }
        let full = repo.join(dir);
        match full.strip_prefix(root) {
            Ok(rel) => rel.to_owned(),
            Err(_) => full,
        }
    };
    Global {
        template: beside(&global.template),
        out: beside(&global.out),
        regions,
        ..global.clone()
    }
}

/// Decodes a request's parameters and runs `f` on them.
fn parse<P: serde::de::DeserializeOwned, R: serde::Serialize>(
    params: serde_json::Value,
    f: impl FnOnce(P) -> R,
) -> Result<serde_json::Value, String> {
    let p: P = serde_json::from_value(params).map_err(|e| e.to_string())?;
    serde_json::to_value(f(p)).map_err(|e| e.to_string())
}

/// Applies one edit from the editor to `text`.
fn apply_change(text: &mut String, change: lt::TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        Some(range) => {
            let start = analysis::offset_at(text, range.start, enc);
            let end = analysis::offset_at(text, range.end, enc).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_county_is_checked_with_its_repositorys_template_and_store() {
        let global = Global {
            regions: "regions".into(),
            template: "plan-template".into(),
            out: "output".into(),
            color: crate::cli::ColorChoice::Never,
            lang: None,
            no_wait: false,
        };
        let county = County {
            dir: PathBuf::from("/work/repo/regions/kainuu"),
            slug: "kainuu".into(),
        };
        let g = county_global(&global, &county, Path::new("/work/repo"));
        assert_eq!(g.regions, PathBuf::from("regions"));
        assert_eq!(g.template, PathBuf::from("plan-template"));
        assert_eq!(g.out, PathBuf::from("output"));
        // The editor opened the folder above the repository.
        let g = county_global(&global, &county, Path::new("/work"));
        assert_eq!(g.regions, PathBuf::from("repo/regions"));
        assert_eq!(g.template, PathBuf::from("repo/plan-template"));
        // The editor opened the county's own folder.
        let g = county_global(&global, &county, Path::new("/work/repo/regions/kainuu"));
        assert_eq!(g.regions, PathBuf::from("/work/repo/regions"));
        assert_eq!(g.template, PathBuf::from("/work/repo/plan-template"));
    }
}
