//! No input makes rakeplan panic: arbitrary bytes and arbitrary YAML trees (built from the
//! keys the template knows, so they reach deep into the decoder) go through the loader and
//! the checker in-process. Each case must end in diagnostics or a plan, never a panic.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use proptest::prelude::*;
use rakeplan::diagnostic::Sources;
use rakeplan::load::{load_plan, load_template};
use rakeplan::validate::validate;
use serde_json::Value;

use crate::support::Workspace;

/// One workspace for all cases; the mutex keeps cases from writing the same file at once.
fn workspace() -> &'static Mutex<Workspace> {
    static WS: OnceLock<Mutex<Workspace>> = OnceLock::new();
    WS.get_or_init(|| Mutex::new(Workspace::with_examples()))
}

/// Writes `bytes` as `file` of a copy of Kainuu, then loads and checks the county.
fn load_with(file: &str, bytes: &[u8]) -> usize {
    let ws = workspace().lock().unwrap_or_else(|e| e.into_inner());
    let region: PathBuf = ws.path("regions/kainuu");
    let path = region.join(file);
    // The fixture is put back however this case ends: a case that panics (what these tests
    // look for) must not leave the next cases a corrupted county.
    let _restore = Restore {
        original: std::fs::read(&path).unwrap(),
        path: path.clone(),
    };
    std::fs::write(&path, bytes).unwrap();
    let mut sources = Sources::default();
    let tset = load_template(&ws.path("plan-template"), &mut sources)
        .unwrap_or_else(|_| panic!("template"));
    let loaded = load_plan(&region, "kainuu", &tset, &mut sources);
    let mut count = loaded.diagnostics.len();
    if let Some(plan) = &loaded.plan {
        count += validate(plan, &tset.template, loaded.complete, &loaded.incomplete).len();
    }
    // Rendering every diagnostic must not panic either (spans may point anywhere).
    let _ = sources.render(&loaded.diagnostics, false);
    count
}

/// Writes a file's original bytes back when dropped, on a panic too.
struct Restore {
    path: PathBuf,
    original: Vec<u8>,
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.path, &self.original);
    }
}

const KEYS: [&str; 24] = [
    "text",
    "members",
    "role",
    "unit",
    "chair",
    "note",
    "id",
    "events",
    "month",
    "activity",
    "owner",
    "audience",
    "areas",
    "name",
    "goal",
    "actions",
    "action",
    "schedule",
    "indicators",
    "version",
    "status",
    "date",
    "approvals",
    "fi",
];

fn yaml_tree() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::String),
        Just(Value::String("1-13".into())),
        Just(Value::String("2025-02-30".into())),
        Just(Value::String("TÄYDENNÄ".into())),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..6).prop_map(
                |kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            ),
        ]
    })
}

const FILES: [&str; 6] = [
    "plan.yaml",
    "region.yaml",
    "sections/working-group.yaml",
    "sections/focus-areas.yaml",
    "sections/reporting-cycle.yaml",
    "sections/monitoring.yaml",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn loader_survives_arbitrary_bytes(file in prop::sample::select(FILES.to_vec()), bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        load_with(file, &bytes);
    }

    #[test]
    fn loader_survives_arbitrary_yaml_text(file in prop::sample::select(FILES.to_vec()), text in "[a-z:\\- \\n\\[\\]{}\"'&*|>#!%@`0-9äö]{0,300}") {
        load_with(file, text.as_bytes());
    }

    #[test]
    fn checker_survives_arbitrary_yaml_trees(file in prop::sample::select(FILES.to_vec()), tree in yaml_tree()) {
        let yaml = serde_saphyr::to_string(&tree).unwrap();
        load_with(file, yaml.as_bytes());
    }
}

/// Pieces planners (and attackers) write: scripts without a font, control characters,
/// Markdown structure, very long words, code-like text.
const PIECES: [&str; 25] = [
    "*a ~~b ",
    " b~~ a*",
    "> > > > > ",
    "sana ",
    "Kajaani ",
    "中文 ",
    "สวัสดี ",
    "Привет ",
    "مرحبا ",
    "שלום ",
    "🙂 ",
    "\u{200f}",
    "\n- kohta ",
    "\n  - sisempi ",
    "\n> lainaus ",
    "\n| a | b |\n|---|---:|\n| 1 | 2 |\n",
    "**lihava** ",
    "#set page(width: 1cm) ",
    "$x$ ",
    "{{ x }} ",
    "<script> ",
    "\n\n",
    "- - - - - - - - - - ",
    "https://example.org/hyvin/pitka/osoite/joka/jatkuu/ ",
    "x",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("RAKEPLAN_BUILD_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(12), ..ProptestConfig::default() })]

    /// Whatever text `check` accepts, `build` builds: a passing check never ends in a failed
    /// build.
    #[test]
    fn check_passing_implies_build_succeeding(parts in proptest::collection::vec((0..PIECES.len(), 1usize..400), 1..30)) {
        let ws = Workspace::with_examples();
        let mut text = String::new();
        for (piece, repeat) in parts {
            // "x" repeated makes long words; others appear once or a few times.
            let times = if PIECES[piece] == "x" { repeat } else { 1 + repeat % 3 };
            text.push_str(&PIECES[piece].repeat(times));
        }
        let body: String = text.lines().map(|l| format!("  {l}\n")).collect();
        ws.write("regions/kainuu/sections/context.yaml", &format!("text: |\n{body}"));
        let check = ws.run(&["check", "kainuu"]);
        if check.code == 0 {
            let build = ws.run(&["build", "kainuu"]);
            prop_assert_eq!(build.code, 0, "check passed but build failed:\n{}\n--- text\n{}", build.stderr, text);
        }
    }
}

/// Numbers at the edges of f64 and around what a chart draws (10^15).
fn edge_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::sample::select(vec![
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            1e15,
            -1e15,
            1e15 + 2.0,
            -1e15 - 2.0,
            -1.7e308,
            999_999_999_999_999.9,
            0.0,
        ]),
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        -2e15..2e15f64,
    ]
}

/// Texts near the limits: a name's 1000 characters, an address's 2000, a PDF string's
/// 32 767 bytes, in one-, two- and four-byte letters and as addresses.
fn edge_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "sana",
        "ääni",
        "🙂",
        "Привет",
        "a|b",
        "https://example.org/hyvinvointialue/sites/kansio/alikansio/",
    ]);
    let length = prop::sample::select(vec![
        999usize, 1000, 1001, 1999, 2000, 2001, 8_191, 16_384, 32_767, 35_000,
    ]);
    let spaced = any::<bool>();
    (word, length, spaced).prop_map(|(word, length, spaced)| {
        let mut s = String::new();
        while s.chars().count() < length {
            s.push_str(word);
            if spaced {
                s.push(' ');
            }
        }
        s.chars().take(length).collect::<String>().trim().to_owned()
    })
}

/// Where an edge case goes: a number field, or a text that becomes a name, a heading, a
/// link or an address.
#[derive(Debug, Clone, Copy)]
enum Place {
    Value,
    BaselineValue,
    TargetValue,
    BaselineText,
    CountyName,
    IndicatorName,
    AreaName,
    Heading,
    Link,
    Address,
}

const PLACES: [Place; 10] = [
    Place::Value,
    Place::BaselineValue,
    Place::TargetValue,
    Place::BaselineText,
    Place::CountyName,
    Place::IndicatorName,
    Place::AreaName,
    Place::Heading,
    Place::Link,
    Place::Address,
];

/// Writes `number` or `text` at `place` of a copy of Kainuu.
fn plant(ws: &Workspace, place: Place, number: f64, text: &str) {
    use crate::edges::quoted;
    let monitoring = "regions/kainuu/sections/monitoring.yaml";
    let baseline = "    baseline: \"58\"\n";
    let context = "regions/kainuu/sections/context.yaml";
    match place {
        Place::Value => ws.edit(
            monitoring,
            "values: {2024: 41, 2025: 58}",
            &format!("values: {{2024: 41, 2025: {number:e}}}"),
        ),
        Place::BaselineValue => ws.edit(
            monitoring,
            baseline,
            &format!("{baseline}    baseline_value: {number:e}\n"),
        ),
        Place::TargetValue => ws.edit(
            monitoring,
            baseline,
            &format!("{baseline}    target_value: {number:e}\n"),
        ),
        Place::BaselineText => ws.edit(
            monitoring,
            baseline,
            &format!("    baseline: \"{number} ilmoitusta\"\n"),
        ),
        Place::CountyName => ws.edit(
            "regions/kainuu/region.yaml",
            "name: {fi: Kainuun hyvinvointialue, sv: Kajanalands välfärdsområde}",
            &format!("name: {}", quoted(text)),
        ),
        Place::IndicatorName => ws.edit(
            monitoring,
            "    name: Sosiaalisen raportoinnin ilmoitusten määrä",
            &format!("    name: {}", quoted(text)),
        ),
        Place::AreaName => ws.edit(
            "regions/kainuu/sections/focus-areas.yaml",
            "    name: Tietotyö",
            &format!("    name: {}", quoted(text)),
        ),
        Place::Heading => ws.write(context, &format!("text: |\n  Alku.\n\n  ## {text}\n")),
        Place::Link => ws.write(
            context,
            &format!(
                "text: |\n  [{}](https://example.org/{})\n",
                text.replace(['[', ']'], ""),
                text.replace([' ', '(', ')'], "")
            ),
        ),
        Place::Address => ws.write(
            context,
            &format!(
                "text: |\n  Osoite: https://example.org/{}\n",
                text.replace(' ', "")
            ),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("RAKEPLAN_BUILD_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(12), ..ProptestConfig::default() })]

    /// At the edges too, whatever `check` accepts `build` builds: numbers at the ends of
    /// f64, names, headings, links and addresses near their limits and the PDF's.
    #[test]
    fn check_passing_implies_build_succeeding_at_the_edges(place in prop::sample::select(PLACES.to_vec()), number in edge_number(), text in edge_text()) {
        let ws = Workspace::with_examples();
        plant(&ws, place, number, &text);
        let check = ws.run(&["check", "kainuu"]);
        if check.code == 0 {
            let build = ws.run(&["build", "kainuu"]);
            prop_assert_eq!(build.code, 0, "check passed but build failed:\n{}\n--- {:?} {} {:?}", build.stderr, place, number, text.chars().take(80).collect::<String>());
        } else {
            prop_assert_eq!(check.code, 1, "{}", check.stderr);
            prop_assert!(!check.stderr.contains("panicked"), "{}", check.stderr);
        }
    }
}
