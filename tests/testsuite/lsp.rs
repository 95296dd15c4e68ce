//! `rakeplan lsp` driven like an editor drives it: the real binary over stdin and stdout
//! with Content-Length framing. Diagnostics on unsaved buffers must equal
//! `check --format json`'s; hovers, completion, definitions and quick fixes are checked on
//! the example counties and on planted slips.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::Workspace;

/// A language client talking to `rakeplan lsp` in a workspace.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Latest diagnostics by URI.
    diagnostics: std::collections::BTreeMap<String, Vec<Value>>,
    root: std::path::PathBuf,
}

fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Client {
    fn start(ws: &Workspace) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rakeplan"))
            .arg("lsp")
            .current_dir(&ws.root)
            .env("NO_COLOR", "1")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).unwrap();
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let root = ws.root.canonicalize().unwrap();
        let mut client = Client {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
            diagnostics: Default::default(),
            root,
        };
        let root_uri = uri(&client.root);
        client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": {},
                "workspaceFolders": [{"uri": root_uri, "name": "repo"}],
            }),
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response's result (diagnostics published meanwhile
    /// are kept).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.receive();
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                assert!(msg.get("error").is_none(), "{method}: {msg}");
                return msg["result"].clone();
            }
        }
    }

    fn receive(&mut self) -> Value {
        let msg = self
            .incoming
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers");
        if msg["method"] == "textDocument/publishDiagnostics" {
            let uri = msg["params"]["uri"].as_str().unwrap().to_owned();
            let list = msg["params"]["diagnostics"].as_array().unwrap().clone();
            self.diagnostics.insert(uri, list);
        }
        msg
    }

    /// Waits until diagnostics for `file` are published after the edits sent so far, then
    /// until the whole batch has arrived.
    fn settle(&mut self, file: &str) {
        let target = self.uri(file);
        self.diagnostics.remove(&target);
        while !self.diagnostics.contains_key(&target) {
            self.receive();
        }
        // A request answered after the batch: every diagnostic of that check came first.
        self.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": target}}),
        );
    }

    fn uri(&self, file: &str) -> String {
        uri(&self.root.join(file))
    }

    fn open(&mut self, file: &str, text: &str) {
        let uri = self.uri(file);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    /// Replaces the whole unsaved text of an open file.
    fn change(&mut self, file: &str, text: &str) {
        let uri = self.uri(file);
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
        );
    }

    /// The diagnostics' records (as `check --format json` gives them) for `file`.
    fn records(&self, file: &str) -> Vec<Value> {
        self.diagnostics
            .get(&self.uri(file))
            .map(|l| l.iter().map(|d| d["data"].clone()).collect())
            .unwrap_or_default()
    }

    fn at(&self, file: &str, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": self.uri(file)}, "position": {"line": line, "character": character}})
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}));
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

/// `check <slug> --format json` in the workspace, by file.
fn check_json(ws: &Workspace, slug: &str) -> Vec<Value> {
    let run = ws.run(&["check", slug, "--format", "json"]);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// Every file of a county, relative to the workspace.
fn county_files(ws: &Workspace, slug: &str) -> Vec<String> {
    let mut files = vec![
        format!("regions/{slug}/region.yaml"),
        format!("regions/{slug}/plan.yaml"),
    ];
    let mut sections: Vec<String> = std::fs::read_dir(ws.path(&format!("regions/{slug}/sections")))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    sections.sort();
    files.extend(
        sections
            .into_iter()
            .map(|s| format!("regions/{slug}/sections/{s}")),
    );
    files
}

/// Asserts that what the server published for a county equals `check --format json`, file by
/// file, in order, with ranges where the records say.
fn assert_same_as_check(client: &Client, ws: &Workspace, slug: &str) {
    let expected = check_json(ws, slug);
    let mut files: Vec<String> = county_files(ws, slug);
    for r in &expected {
        let file = r["file"].as_str().unwrap().to_owned();
        if !files.contains(&file) {
            files.push(file);
        }
    }
    for file in files {
        let want: Vec<Value> = expected
            .iter()
            .filter(|r| r["file"] == json!(file))
            .cloned()
            .collect();
        assert_eq!(client.records(&file), want, "{file}");
        let published = client.diagnostics.get(&client.uri(&file));
        for d in published.into_iter().flatten() {
            let r = &d["data"];
            if let Some(line) = r["line"].as_u64() {
                assert_eq!(d["range"]["start"]["line"], json!(line - 1), "{d}");
            }
            assert!(
                d["message"]
                    .as_str()
                    .unwrap()
                    .starts_with(r["message"].as_str().unwrap())
            );
        }
    }
}

#[test]
fn diagnostics_equal_check_json_on_every_example_county() {
    let ws = Workspace::with_examples();
    let mut client = Client::start(&ws);
    for slug in ["kainuu", "keski-pohjanmaa", "keski-suomi", "pohjanmaa"] {
        let files = county_files(&ws, slug);
        for file in &files {
            let text = std::fs::read_to_string(ws.path(file)).unwrap();
            client.open(file, &text);
        }
        client.settle(&files[1]);
        assert_same_as_check(&client, &ws, slug);
    }
}

/// Writes planted slips to disk (for `check`) and sends them unsaved to the server: the
/// server sees the buffer, `check` the file, and both must say the same.
fn plant(client: &mut Client, ws: &Workspace, file: &str, text: &str) {
    client.change(file, text);
    client.settle(file);
    ws.write(file, text);
}

#[test]
fn unsaved_slips_give_checks_diagnostics() {
    let ws = Workspace::with_examples();
    let mut client = Client::start(&ws);
    let slug = "kainuu";
    for file in county_files(&ws, slug) {
        let text = std::fs::read_to_string(ws.path(&file)).unwrap();
        client.open(&file, &text);
    }
    client.settle("regions/kainuu/plan.yaml");
    assert!(client.records("regions/kainuu/plan.yaml").is_empty());

    // A date that does not exist.
    let plan = "regions/kainuu/plan.yaml";
    let original = std::fs::read_to_string(ws.path(plan)).unwrap();
    let bad = replace_line(&original, "date:", "date: 2025-13-01");
    plant(&mut client, &ws, plan, &bad);
    let records = client.records(plan);
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(
        records[0]["message"]
            .as_str()
            .unwrap()
            .contains("2025-13-01")
    );
    assert_same_as_check(&client, &ws, slug);
    plant(&mut client, &ws, plan, &original);
    assert!(client.records(plan).is_empty());

    // A decimal comma in measured values, a tab, a misspelt key, a duplicate action id and
    // a reference to an indicator that does not exist.
    let monitoring = "regions/kainuu/sections/monitoring.yaml";
    let original = std::fs::read_to_string(ws.path(monitoring)).unwrap();
    let text = original.replacen("values: {2024: 41, 2025: 58}", "values: {2024: 41,5}", 1);
    plant(&mut client, &ws, monitoring, &text);
    let records = client.records(monitoring);
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(
        records[0]["hints"].to_string().contains("41.5"),
        "{records:?}"
    );
    assert_same_as_check(&client, &ws, slug);
    // Until the slip is mended, references to the section's indicators are not checked.
    plant(&mut client, &ws, monitoring, &original);

    let focus = "regions/kainuu/sections/focus-areas.yaml";
    let text = std::fs::read_to_string(ws.path(focus)).unwrap();
    let typo = text.replacen("owner:", "ownr:", 1);
    plant(&mut client, &ws, focus, &typo);
    let records = client.records(focus);
    assert!(
        records
            .iter()
            .any(|r| r["hints"].to_string().contains("did you mean")),
        "{records:?}"
    );
    assert_same_as_check(&client, &ws, slug);

    let tab = text.replacen("\n    ", "\n\t", 1);
    plant(&mut client, &ws, focus, &tab);
    let records = client.records(focus);
    assert_eq!(records.len(), 1, "one tab, one diagnostic: {records:?}");
    assert!(records[0]["message"].as_str().unwrap().contains("tab"));
    assert_same_as_check(&client, &ws, slug);

    let first_id = first_value(&text, "      - id:");
    let second_id = text
        .lines()
        .filter(|l| l.trim_start().starts_with("- id:"))
        .nth(2)
        .unwrap()
        .to_owned();
    let duplicate = text.replacen(
        &second_id,
        &format!(
            "{}- id: {first_id}",
            &second_id[..second_id.find('-').unwrap()]
        ),
        1,
    );
    plant(&mut client, &ws, focus, &duplicate);
    assert!(
        client
            .records(focus)
            .iter()
            .any(|r| r["message"].as_str().unwrap().contains(&first_id)),
        "{:?}",
        client.records(focus)
    );
    assert_same_as_check(&client, &ws, slug);

    let unknown = text.replacen("indicators: [", "indicators: [NOPE, ", 1);
    plant(&mut client, &ws, focus, &unknown);
    assert!(
        client
            .records(focus)
            .iter()
            .any(|r| r["message"].as_str().unwrap().contains("NOPE")),
        "{:?}",
        client.records(focus)
    );
    assert_same_as_check(&client, &ws, slug);
}

fn replace_line(text: &str, prefix: &str, with: &str) -> String {
    text.lines()
        .map(|l| if l.starts_with(prefix) { with } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn first_value(text: &str, prefix: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap()
        .trim()
        .to_owned()
}

/// Opens every file of a county and waits for its diagnostics.
fn open_county(client: &mut Client, ws: &Workspace, slug: &str) {
    let files = county_files(ws, slug);
    for file in &files {
        let text = std::fs::read_to_string(ws.path(file)).unwrap();
        client.open(file, &text);
    }
    client.settle(&files[1]);
}

/// The line (0-based) of the first line of `file` that contains `needle`, and the column
/// of `needle` in it (in UTF-16 units).
fn find(ws: &Workspace, file: &str, needle: &str) -> (u32, u32) {
    let text = std::fs::read_to_string(ws.path(file)).unwrap();
    for (i, line) in text.lines().enumerate() {
        if let Some(at) = line.find(needle) {
            return (i as u32, line[..at].encode_utf16().count() as u32);
        }
    }
    panic!("{needle} not in {file}");
}

fn labels(result: &Value) -> Vec<String> {
    let items = result["items"].as_array().or(result.as_array()).unwrap();
    let mut items = items.clone();
    items.sort_by_key(|i| i["sortText"].as_str().unwrap_or("").to_owned());
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn hovers_speak_the_template_in_the_countys_language() {
    let ws = Workspace::with_examples();
    let mut client = Client::start(&ws);
    open_county(&mut client, &ws, "kainuu");
    let focus = "regions/kainuu/sections/focus-areas.yaml";

    // A key: its caption and guidance, in Finnish (Kainuu's language).
    let (line, col) = find(&ws, focus, "owner:");
    let hover = client.request("textDocument/hover", client.at(focus, line, col + 1));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("Vastuutaho"), "{text}");

    // An indicator reference: the indicator's name and definition.
    let (line, col) = find(&ws, focus, "raportit-maara");
    let hover = client.request("textDocument/hover", client.at(focus, line, col + 2));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("Sosiaalisen raportoinnin ilmoitusten määrä"),
        "{text}"
    );

    // A month: its name.
    let cycle = "regions/kainuu/sections/reporting-cycle.yaml";
    let (line, col) = find(&ws, cycle, "month: 9");
    let hover = client.request("textDocument/hover", client.at(cycle, line, col + 7));
    assert_eq!(hover["contents"]["value"], "syyskuu");
    let (line, col) = find(&ws, cycle, "month: \"1-2\"");
    let hover = client.request("textDocument/hover", client.at(cycle, line, col + 9));
    assert_eq!(hover["contents"]["value"], "tammikuu – helmikuu");

    // An entry of a facts field the template defines: its caption and guidance.
    let social = "regions/kainuu/sections/social-reporting.yaml";
    let (line, col) = find(&ws, social, "since:");
    let hover = client.request("textDocument/hover", client.at(social, line, col + 1));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("Raportointi alkoi (vuosi)"), "{text}");
    assert!(text.contains("esimerkiksi 2021"), "{text}");

    // A Swedish-first county hovers in Swedish.
    open_county(&mut client, &ws, "pohjanmaa");
    let plan = "regions/pohjanmaa/plan.yaml";
    let (line, col) = find(&ws, plan, "status:");
    let hover = client.request("textDocument/hover", client.at(plan, line, col + 1));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("utkast"), "{text}");
}

#[test]
fn completion_follows_the_template_order() {
    let ws = Workspace::with_examples();
    let mut client = Client::start(&ws);
    open_county(&mut client, &ws, "kainuu");
    let focus = "regions/kainuu/sections/focus-areas.yaml";
    let text = std::fs::read_to_string(ws.path(focus)).unwrap();

    // A new line in an action holding only its id: the other keys, in template order.
    let edited = text.replacen(
        "      - id: tt-lomake\n",
        "      - id: tt-uusi\n        \n      - id: tt-lomake\n",
        1,
    );
    client.change(focus, &edited);
    client.settle(focus);
    let line = edited
        .lines()
        .position(|l| l == "      - id: tt-uusi")
        .unwrap() as u32
        + 1;
    let result = client.request("textDocument/completion", client.at(focus, line, 8));
    assert_eq!(
        labels(&result),
        ["action", "owner", "schedule", "indicators"],
        "{result}"
    );

    // After a fresh `- ` in the actions: a new action (its keys in order), then the keys.
    let edited = text.replacen(
        "      - id: tt-analyysi\n",
        "      - \n      - id: tt-analyysi\n",
        1,
    );
    client.change(focus, &edited);
    client.settle(focus);
    let line = edited.lines().position(|l| l == "      - ").unwrap() as u32;
    let result = client.request("textDocument/completion", client.at(focus, line, 8));
    assert_eq!(
        labels(&result),
        [
            "Uusi toimenpide",
            "id",
            "action",
            "owner",
            "schedule",
            "indicators"
        ],
        "{result}"
    );

    // Inside an action's indicators: the ids, with their names.
    client.change(focus, &text);
    client.settle(focus);
    let (line, col) = find(&ws, focus, "[raportit-maara");
    let result = client.request("textDocument/completion", client.at(focus, line, col + 1));
    let items = result["items"].as_array().unwrap();
    assert!(
        items.iter().any(|i| i["label"] == "raportit-maara"
            && i["detail"] == "Sosiaalisen raportoinnin ilmoitusten määrä"),
        "{result}"
    );

    // The same in a list written line by line.
    let edited = text.replacen(
        "indicators: [raportit-maara, raportoivat-yksikot]",
        "indicators:\n          - ",
        1,
    );
    client.change(focus, &edited);
    client.settle(focus);
    let line = edited.lines().position(|l| l == "          - ").unwrap() as u32;
    let result = client.request("textDocument/completion", client.at(focus, line, 12));
    assert!(
        labels(&result).contains(&"raportit-maara".to_owned()),
        "{result}"
    );

    // Statuses in plan.yaml, and the months of an event.
    let plan = "regions/kainuu/plan.yaml";
    let (line, col) = find(&ws, plan, "status: draft");
    let result = client.request("textDocument/completion", client.at(plan, line, col + 8));
    assert_eq!(
        labels(&result),
        ["draft", "proposed", "approved", "superseded"]
    );
    let cycle = "regions/kainuu/sections/reporting-cycle.yaml";
    let (line, col) = find(&ws, cycle, "month: 9");
    let result = client.request("textDocument/completion", client.at(cycle, line, col + 7));
    let months = labels(&result);
    assert_eq!(months[0], "tammikuu");
    assert_eq!(months[11], "joulukuu");
    assert!(months[12].starts_with('"'), "a range: {months:?}");

    // A text by language in a bilingual county: its languages, main first.
    open_county(&mut client, &ws, "pohjanmaa");
    let goals = "regions/pohjanmaa/sections/goals.yaml";
    client.change(goals, "text:\n  \n");
    client.settle(goals);
    let result = client.request("textDocument/completion", client.at(goals, 1, 2));
    assert_eq!(labels(&result), ["sv", "fi"]);
    // Decisions of an approval.
    open_county(&mut client, &ws, "keski-suomi");
    let plan = "regions/keski-suomi/plan.yaml";
    let (line, col) = find(&ws, plan, "decision: approved");
    let result = client.request("textDocument/completion", client.at(plan, line, col + 10));
    assert_eq!(
        labels(&result),
        ["approved", "noted", "statement", "returned"],
        "{result}"
    );

    // An empty section file: its fields in template order; a list field comes with a
    // snippet for its first item, keys in the order planners write them; a text with `|`.
    client.change(focus, "");
    client.settle(focus);
    let result = client.request("textDocument/completion", client.at(focus, 0, 0));
    assert_eq!(labels(&result), ["text", "areas"]);
    let items = result["items"].as_array().unwrap();
    let snippet = |label: &str| {
        items.iter().find(|i| i["label"] == label).unwrap()["insertText"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(snippet("text"), "text: |\n  $0");
    let areas = snippet("areas");
    let keys: Vec<&str> = areas
        .lines()
        .skip(1)
        .map(|l| l.trim_start_matches([' ', '-']).split(':').next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "id", "name", "goal", "actions", "id", "action", "owner", "schedule"
        ],
        "{areas}"
    );
}

#[test]
fn definition_references_and_symbols_link_actions_and_indicators() {
    let ws = Workspace::with_examples();
    let mut client = Client::start(&ws);
    open_county(&mut client, &ws, "kainuu");
    let focus = "regions/kainuu/sections/focus-areas.yaml";
    let monitoring = "regions/kainuu/sections/monitoring.yaml";
    let (line, col) = find(&ws, focus, "raportit-maara");
    let result = client.request("textDocument/definition", client.at(focus, line, col + 1));
    let location = &result.as_array().unwrap()[0];
    assert_eq!(location["uri"], json!(client.uri(monitoring)));
    let (def_line, def_col) = find(&ws, monitoring, "- id: raportit-maara");
    assert_eq!(location["range"]["start"]["line"], json!(def_line));
    assert_eq!(location["range"]["start"]["character"], json!(def_col + 6));

    let mut params = client.at(monitoring, def_line, def_col + 8);
    params["context"] = json!({"includeDeclaration": false});
    let result = client.request("textDocument/references", params);
    let refs = result.as_array().unwrap();
    assert!(!refs.is_empty());
    assert!(refs.iter().all(|r| r["uri"] == json!(client.uri(focus))));

    let result = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": client.uri(focus)}}),
    );
    let names: Vec<&str> = result
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"areas"), "{names:?}");
    let areas = result
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "areas")
        .unwrap();
    assert_eq!(areas["detail"], "Painopistealueet");
    assert_eq!(areas["children"][0]["name"], "tietotyo: Tietotyö");
    assert_eq!(areas["children"][0]["children"][0]["name"], "tt-lomake");
}

#[test]
fn quick_fixes_mend_the_slips_check_names() {
    let ws = Workspace::with_examples();
    let mut client = Client::start(&ws);
    open_county(&mut client, &ws, "kainuu");
    let focus = "regions/kainuu/sections/focus-areas.yaml";
    let text = std::fs::read_to_string(ws.path(focus)).unwrap();

    let fix = |client: &mut Client, text: &str| -> (String, String) {
        client.change(focus, text);
        client.settle(focus);
        let diags = client.diagnostics[&client.uri(focus)].clone();
        assert_eq!(diags.len(), 1, "one slip, one diagnostic: {diags:?}");
        let result = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": client.uri(focus)},
                "range": diags[0]["range"],
                "context": {"diagnostics": diags},
            }),
        );
        let action = &result.as_array().unwrap()[0];
        let edits = action["edit"]["changes"][client.uri(focus)]
            .as_array()
            .unwrap();
        (
            action["title"].as_str().unwrap().to_owned(),
            apply_edits(text, edits),
        )
    };
    let (title, fixed) = fix(&mut client, &text.replacen("owner:", "ownr:", 1));
    assert!(title.contains("owner"), "{title}");
    assert_eq!(fixed, text);
    let (_, fixed) = fix(
        &mut client,
        &text.replacen("\n    actions:", "\n\tactions:", 1),
    );
    assert_eq!(fixed, text.replacen("\n    actions:", "\n  actions:", 1));
    let colon = text.replacen("schedule: syksy 2025", "schedule: syksy: 2025", 1);
    let (_, fixed) = fix(&mut client, &colon);
    assert_eq!(
        fixed,
        text.replacen("schedule: syksy 2025", "schedule: \"syksy: 2025\"", 1)
    );
    client.change(focus, &fixed);
    client.settle(focus);
    assert!(
        client.records(focus).is_empty(),
        "{:?}",
        client.records(focus)
    );
}

/// `text` with LSP edits applied (each a whole-line-and-character range).
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| {
        let line = pos["line"].as_u64().unwrap() as usize;
        let character = pos["character"].as_u64().unwrap() as usize;
        let start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
        let line_text = text[start..].split('\n').next().unwrap();
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line_text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

#[test]
fn a_fresh_scaffold_with_a_planners_slips() {
    let ws = Workspace::county_repository("pohjois-savo", "Pohjois-Savon hyvinvointialue");
    let mut client = Client::start(&ws);
    let slug = "pohjois-savo";
    open_county(&mut client, &ws, slug);
    assert_same_as_check(&client, &ws, slug);
    let dir = format!("regions/{slug}");
    let read = |file: &str| std::fs::read_to_string(ws.path(&format!("{dir}/{file}"))).unwrap();

    // An impossible date.
    let plan = format!("{dir}/plan.yaml");
    let text = read("plan.yaml");
    let date_line = text.lines().find(|l| l.starts_with("date:")).unwrap();
    plant(
        &mut client,
        &ws,
        &plan,
        &text.replacen(date_line, "date: 2025-02-30", 1),
    );
    let records = client.records(&plan);
    assert!(
        records
            .iter()
            .any(|r| r["message"].as_str().unwrap().contains("2025-02-30")),
        "{records:?}"
    );
    assert_same_as_check(&client, &ws, slug);

    // A month in the wrong form, and hovering and completing months.
    let cycle = format!("{dir}/sections/reporting-cycle.yaml");
    let text = read("sections/reporting-cycle.yaml");
    plant(
        &mut client,
        &ws,
        &cycle,
        &text.replacen("month: \"1-2\"", "month: kesäkuuta", 1),
    );
    assert!(
        client
            .records(&cycle)
            .iter()
            .any(|r| r["message"].as_str().unwrap().contains("kesäkuuta")),
        "{:?}",
        client.records(&cycle)
    );
    assert_same_as_check(&client, &ws, slug);
    let diags = client.diagnostics[&client.uri(&cycle)].clone();
    let result = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": client.uri(&cycle)},
            "range": diags[0]["range"],
            "context": {"diagnostics": diags},
        }),
    );
    let edits = result[0]["edit"]["changes"][client.uri(&cycle)]
        .as_array()
        .unwrap();
    let planted = text.replacen("month: \"1-2\"", "month: kesäkuuta", 1);
    assert_eq!(
        apply_edits(&planted, edits),
        text.replacen("month: \"1-2\"", "month: kesäkuu", 1)
    );

    // A goals file without its text.
    let goals = format!("{dir}/sections/goals.yaml");
    plant(&mut client, &ws, &goals, "# Tavoitteet\n");
    assert_eq!(
        client.records(&goals).len(),
        1,
        "{:?}",
        client.records(&goals)
    );
    assert_same_as_check(&client, &ws, slug);

    // A text of several lines without `|`, one of them holding ': '.
    plant(
        &mut client,
        &ws,
        &goals,
        "text: Tavoitteena on\n  parempi tieto: kaikille\n",
    );
    let diags = client.diagnostics[&client.uri(&goals)].clone();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_same_as_check(&client, &ws, slug);
    let result = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": client.uri(&goals)},
            "range": diags[0]["range"],
            "context": {"diagnostics": diags},
        }),
    );
    let action = result
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains('|'))
        .expect("a fix that adds |");
    let edits = action["edit"]["changes"][client.uri(&goals)]
        .as_array()
        .unwrap();
    let fixed = apply_edits("text: Tavoitteena on\n  parempi tieto: kaikille\n", edits);
    assert_eq!(
        fixed,
        "text: |\n  Tavoitteena on\n  parempi tieto: kaikille\n"
    );
    plant(&mut client, &ws, &goals, &fixed);
    assert!(
        client
            .records(&goals)
            .iter()
            .all(|r| r["severity"] == "warning"),
        "{:?}",
        client.records(&goals)
    );
    assert_same_as_check(&client, &ws, slug);

    // Hover on a key of the scaffold: the template's guidance in Finnish.
    let text = read("sections/reporting-cycle.yaml");
    let line = text.lines().position(|l| l.contains("activity:")).unwrap() as u32;
    let col = text
        .lines()
        .nth(line as usize)
        .unwrap()
        .find("activity")
        .unwrap() as u32;
    let hover = client.request("textDocument/hover", client.at(&cycle, line, col + 2));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("`activity`"), "{value}");
    assert!(!value.contains("What"), "Finnish, not English: {value}");
}

#[test]
fn check_prints_annotations_for_github() {
    let ws = Workspace::with_examples();
    let plan = "regions/kainuu/plan.yaml";
    let text = std::fs::read_to_string(ws.path(plan)).unwrap();
    ws.write(plan, &replace_line(&text, "date:", "date: 2025-13-01"));
    let run = ws.run(&["check", "kainuu", "--format", "github"]).expect(1);
    let line = run.stdout.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=regions/kainuu/plan.yaml,line="),
        "{line}"
    );
    assert!(line.contains("2025-13-01"), "{line}");
    assert!(line.contains("%0Ahint: "), "{line}");
    let run = ws.run(&["check", "kainuu", "--format", "gitlab"]).expect(1);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report[0]["location"]["path"], plan);
    assert_eq!(report[0]["severity"], "major");
}

/// The page at `url` (http://127.0.0.1:PORT/path#anchor): status and body.
fn http_get(url: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let path = path.split('#').next().unwrap();
    let (status, body) = crate::support::http_get(host, path, host);
    (status, String::from_utf8(body).unwrap())
}

#[test]
fn the_server_opens_the_preview_of_the_file_being_edited() {
    let ws = Workspace::with_examples();
    let mut client = Client::start(&ws);
    let file = "regions/kainuu/sections/goals.yaml";
    let text = std::fs::read_to_string(ws.path(file)).unwrap();
    client.open(file, &text);
    // A code lens at the top of the file runs the command.
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": client.uri(file)}}),
    );
    let command = lenses[0]["command"].clone();
    assert_eq!(command["command"], "rakeplan.openPreview", "{lenses}");
    assert_eq!(command["title"], "Open preview", "{lenses}");
    let url = client.request(
        "workspace/executeCommand",
        json!({"command": "rakeplan.openPreview", "arguments": command["arguments"]}),
    );
    // The editor is asked to open the page in the browser, at the file's section.
    let show = loop {
        let msg = client.receive();
        if msg["method"] == "window/showDocument" {
            break msg;
        }
    };
    assert!(show.get("id").is_some(), "a request: {show}");
    assert_eq!(show["params"]["external"], true, "{show}");
    let shown = show["params"]["uri"].as_str().unwrap().to_owned();
    assert_eq!(json!(shown), url);
    assert!(
        shown.starts_with("http://127.0.0.1:")
            && shown.ends_with("/kainuu/?at=regions/kainuu/sections/goals.yaml:1#goals"),
        "{shown}"
    );
    let (status, page) = http_get(&shown);
    assert!(
        status == 200 && page.contains("Kainuun hyvinvointialue"),
        "{status} {page}"
    );
    assert!(page.contains("id=\"goals\""), "the anchor is on the page");
    // Asked again (from another file of the county): the same preview, not a second one.
    let again = client.request(
        "workspace/executeCommand",
        json!({"command": "rakeplan.openPreview", "arguments": [client.uri("regions/kainuu/plan.yaml")]}),
    );
    let again = again.as_str().unwrap();
    let page_of = |url: &str| url[..url.find('?').unwrap()].to_owned();
    assert_eq!(page_of(again), page_of(&shown), "one preview per session");
    assert!(again.ends_with("?at=regions/kainuu/plan.yaml:1"), "{again}");
    // At the cursor: the page shows what is written on its line.
    let at = client.request(
        "workspace/executeCommand",
        json!({"command": "rakeplan.openPreview", "arguments": [client.uri(file), {"line": 19, "character": 4}]}),
    );
    assert!(
        at.as_str()
            .unwrap()
            .ends_with("?at=regions/kainuu/sections/goals.yaml:20#goals"),
        "{at}"
    );
    // The preview ends with the server.
    drop(client);
    let host = shown["http://".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let start = std::time::Instant::now();
    while std::net::TcpStream::connect(&host).is_ok() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the preview outlived the server"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
