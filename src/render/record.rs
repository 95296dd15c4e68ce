//! `record.json`: each stored version described as a record of a public authority, for a
//! case-management or archival system to read. Its fields follow the public-sector metadata
//! models (JHS 191, the National Archives' minimum archival metadata); the mapping is in
//! plan-template/README.md, "The plan as a record". Returns bytes; writes nothing.

use serde_json::{Value, json};

use crate::model::Plan;
use crate::render::Artifact;

/// The record description of `plan`, titled `title` (the template's, unless the plan has
/// its own), whose other files are `files` (the editions).
pub fn record_json(plan: &Plan, title: &crate::text::Text, files: &[Artifact]) -> Artifact {
    let meta = &plan.meta;
    let region = &plan.region;
    let main = region.main_lang();
    let by_language = |text: &crate::text::Text| -> Value {
        region
            .languages
            .iter()
            .map(|l| (l.clone(), json!(text.get(l, main))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let record = &meta.record;
    let editions: Vec<Value> = files
        .iter()
        .filter(|f| f.name.starts_with("plan.") && f.name != "plan.json")
        .map(|f| {
            let lang = f
                .name
                .split('.')
                .nth(1)
                .filter(|part| region.languages.iter().any(|l| l == part))
                .unwrap_or(main);
            let (format, conformance) = if f.name.ends_with(".pdf") {
                ("application/pdf", json!(["PDF/A-2b", "PDF/UA-1"]))
            } else {
                ("text/html", json!([]))
            };
            json!({
                "name": f.name,
                "language": lang,
                "format": format,
                "conformance": conformance,
                "sha256": crate::digest::sha256(&f.bytes),
            })
        })
        .collect();
    let handlings: Vec<Value> = meta
        .approvals
        .iter()
        .map(|a| {
            json!({
                "body": by_language(&a.body),
                "date": a.date.to_string(),
                "minute": a.minute,
                "case": a.case,
                "decision": a.decision.as_str(),
            })
        })
        .collect();
    let doc = json!({
        "format": "rakeplan-record/1",
        "identifier": record.identifier,
        "title": by_language(meta.title.as_ref().unwrap_or(title)),
        "county": {
            "slug": plan.slug,
            "name": by_language(&region.name),
        },
        "version": meta.version,
        "status": meta.status.as_str(),
        "date": meta.date.to_string(),
        "validity": meta.validity.as_ref().map(|v| json!({
            "from": v.from.to_string(),
            "until": v.until.map(|u| u.to_string()),
        })),
        "languages": region.languages,
        "publicity": record.publicity,
        "personal_data": record.personal_data,
        "retention": record.retention,
        "retention_grounds": record.retention_grounds,
        "task_class": record.task_class,
        "handlings": handlings,
        "files": editions,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("records serialise");
    bytes.push(b'\n');
    Artifact::new("record.json", bytes)
}
