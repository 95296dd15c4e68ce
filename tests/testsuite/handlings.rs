//! Handlings as real decisions (issue 24): a case number per handling, shown wherever the
//! handling is; decision kinds as the template's data, a county's own among them; and the
//! life cycle reading them (a statement does not approve a version).

use crate::support::{Workspace, pdf_text};

#[test]
fn a_statement_and_its_case_number_are_shown_wherever_the_handling_is() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "pohjanmaa"]).expect(0);
    let pdf = pdf_text(&ws.path("output/pohjanmaa/draft/plan.pdf"));
    // In the Swedish-first county's words: the table of handlings and the change history.
    assert!(pdf.contains("Diarienummer"), "no case number column");
    assert!(pdf.contains("ÖSTDnr-2026-1043"), "no case number");
    assert!(pdf.contains("Utlåtande givet"), "the decision in words");
    assert!(!pdf.contains("statement"), "the decision's id printed raw");
    let fi = pdf_text(&ws.path("output/pohjanmaa/draft/plan.fi.pdf"));
    assert!(
        fi.contains("Lausunto annettu") && fi.contains("Asianumero"),
        "Finnish"
    );
    let json = std::fs::read_to_string(ws.path("output/pohjanmaa/draft/plan.json")).unwrap();
    assert!(
        json.contains("\"case\": \"ÖSTDnr-2026-1043\""),
        "case in plan.json"
    );
    assert!(
        json.contains("\"decision\": \"statement\""),
        "decision in plan.json"
    );
}

#[test]
fn a_statement_does_not_approve_a_version() {
    let ws = Workspace::with_examples();
    ws.edit(
        "regions/pohjanmaa/plan.yaml",
        "status: proposed",
        "status: approved",
    );
    let run = ws.run(&["check", "pohjanmaa"]).expect(1);
    assert!(
        run.stderr.contains("no body's decision approves it"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("regions/pohjanmaa/plan.yaml"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_decision_is_refused_with_the_known_ones() {
    let ws = Workspace::with_examples();
    ws.edit(
        "regions/pohjanmaa/plan.yaml",
        "decision: statement",
        "decision: statment",
    );
    let run = ws.run(&["check", "pohjanmaa"]).expect(1);
    assert!(
        run.stderr
            .contains("\"statment\" is not a decision the template knows"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean \"statement\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("plan.yaml:13:"), "{}", run.stderr);
    let run = ws.run(&["--lang", "sv", "check", "pohjanmaa"]).expect(1);
    assert!(
        run.stderr
            .contains("\"statment\" är inget beslut som planmallen känner till"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_county_adds_the_decision_its_bodies_use() {
    let ws = Workspace::with_examples();
    let template = std::fs::read_to_string(ws.path("plan-template/template.yaml")).unwrap();
    let own = template.replace(
        "decisions:\n",
        "decisions:\n  - id: acknowledged\n    name: {fi: kuultu, sv: hörd, en: heard}\n",
    );
    assert_ne!(own, template);
    ws.write("plan-template/template.yaml", &own);
    ws.edit(
        "regions/pohjanmaa/plan.yaml",
        "decision: statement",
        "decision: acknowledged",
    );
    ws.run(&["check", "pohjanmaa"]).expect(0);
    ws.run(&["build", "pohjanmaa"]).expect(0);
    let pdf = pdf_text(&ws.path("output/pohjanmaa/draft/plan.pdf"));
    assert!(
        pdf.contains("Hörd") && pdf.contains("hörd"),
        "the county's own kind"
    );
    // An approving kind of the county's own approves.
    let own = own.replace(
        "  - id: acknowledged\n",
        "  - id: acknowledged\n    approves: true\n",
    );
    ws.write("plan-template/template.yaml", &own);
    ws.edit(
        "regions/pohjanmaa/plan.yaml",
        "status: proposed",
        "status: approved",
    );
    let run = ws.run(&["check", "pohjanmaa"]);
    assert!(
        !run.stderr.contains("no body's decision approves it"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_stored_version_describes_itself_as_a_record() {
    let ws = Workspace::with_examples();
    ws.run(&["build", "pohjanmaa"]).expect(0);
    let dir = ws.path("output/pohjanmaa/draft");
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("record.json")).unwrap()).unwrap();
    // The county's defaults (region.yaml) and the version's own identifier (plan.yaml).
    assert_eq!(record["publicity"], "public");
    assert_eq!(record["personal_data"], false);
    assert_eq!(record["retention"], "permanent");
    assert_eq!(record["task_class"], "02.00.01");
    assert_eq!(record["identifier"], "ÖSTDnr-2026-1001");
    assert_eq!(record["version"], "1.1");
    assert_eq!(record["status"], "proposed");
    assert_eq!(record["languages"], serde_json::json!(["sv", "fi"]));
    assert_eq!(record["handlings"][0]["case"], "ÖSTDnr-2026-1043");
    assert_eq!(record["handlings"][0]["decision"], "statement");
    // Every edition, with its language, format and checksum, the same as the manifest's.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let files = record["files"].as_array().unwrap();
    for name in ["plan.pdf", "plan.fi.pdf", "plan.html", "plan.fi.html"] {
        let file = files.iter().find(|f| f["name"] == name).expect(name);
        assert_eq!(file["sha256"], manifest["outputs"][name], "{name}");
    }
    let sv = files.iter().find(|f| f["name"] == "plan.pdf").unwrap();
    assert_eq!(sv["language"], "sv");
    assert!(sv["conformance"].to_string().contains("PDF/A-2b"));
    assert_eq!(manifest["record"]["identifier"], "ÖSTDnr-2026-1001");
    assert!(
        manifest["outputs"]["record.json"].is_string(),
        "record.json is in the manifest"
    );
    ws.run(&["verify", "pohjanmaa"]).expect(0);
    // And in each PDF's XMP metadata, in the edition's language.
    let xmp = crate::support::poppler(
        "pdfinfo",
        &["-meta", dir.join("plan.pdf").to_str().unwrap()],
    );
    for part in [
        "Handlingens identifierare: ÖSTDnr-2026-1001",
        "Offentlighetsklass: offentlig",
        "Förvaringstid: varaktig",
        "Uppgiftsklass: 02.00.01",
        "<rdf:li>sv</rdf:li>",
        "Version 1.1",
    ] {
        assert!(xmp.contains(part), "XMP: {part}\n{xmp}");
    }
}

#[test]
fn records_metadata_the_template_requires_is_checked_in_both_files() {
    let ws = Workspace::with_examples();
    let template = std::fs::read_to_string(ws.path("plan-template/template.yaml")).unwrap();
    ws.write(
        "plan-template/template.yaml",
        &template.replace(
            "  change: {required: [version, date, summary]}\n",
            "  change: {required: [version, date, summary]}\n  record: {required: [publicity, identifier]}\n",
        ),
    );
    // Pohjanmaa gives publicity in region.yaml and its identifier in plan.yaml: whole.
    ws.run(&["check", "pohjanmaa"]).expect(0);
    // Keski-Pohjanmaa has no identifier anywhere.
    let run = ws.run(&["check", "keski-pohjanmaa"]).expect(1);
    assert!(
        run.stderr
            .contains("the records metadata lacks \"identifier\", which the template requires"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("regions/keski-pohjanmaa/plan.yaml"),
        "{}",
        run.stderr
    );
    // A value outside the publicity classes is refused where it is written.
    ws.edit(
        "regions/pohjanmaa/region.yaml",
        "publicity: public",
        "publicity: julkinen",
    );
    let run = ws.run(&["check", "pohjanmaa"]).expect(1);
    assert!(
        run.stderr.contains("unknown value \"julkinen\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("region.yaml:"), "{}", run.stderr);
}

#[test]
fn the_site_has_an_accessibility_statement_in_every_language_it_publishes() {
    let ws = Workspace::with_examples();
    ws.run(&["build"]).expect(0);
    ws.run(&["publish"]).expect(0);
    let page = |rel: &str| {
        // As a reader sees it: tera writes "/" as "&#x2F;".
        std::fs::read_to_string(ws.path(&format!("output/site/{rel}")))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
            .replace("&#x2F;", "/")
    };
    let fi = page("accessibility.html");
    for part in [
        "Saavutettavuusseloste",
        "306/2019",
        "Saavutettavuuden tila",
        "Sisällöt, jotka eivät ole saavutettavia",
        "Miten saavutettavuus on arvioitu",
        "Palaute ja yhteystiedot",
        "Valvontaviranomainen",
        "Traficom",
        "saavutettavuusvaatimukset.fi",
        "Seloste on laadittu",
    ] {
        assert!(fi.contains(part), "fi: {part}");
    }
    let sv = page("accessibility.sv.html");
    for part in [
        "Tillgänglighetsutlåtande",
        "Tillgänglighetsstatus",
        "Innehåll som inte är tillgängligt",
        "Hur tillgängligheten har bedömts",
        "Respons och kontaktuppgifter",
        "Tillsynsmyndighet",
    ] {
        assert!(sv.contains(part), "sv: {part}");
    }
    assert!(sv.contains("lang=\"sv\""));
    // Every page links it, and its feedback channel, from its foot.
    for rel in [
        "index.html",
        "index.sv.html",
        "search.html",
        "kainuu/index.html",
        "pohjanmaa/index.html",
        "keski-suomi/1.0/index.html",
        "pohjanmaa/draft/index.html",
    ] {
        let text = page(rel);
        assert!(
            text.contains("accessibility"),
            "{rel}: no link to the statement"
        );
        assert!(text.contains("#feedback"), "{rel}: no feedback link");
    }
    // The county's own settings: its feedback channel, the content it knows is not
    // accessible (so the status is partial), an outside assessor and the date.
    ws.write(
        "plan-template/site.yaml",
        "organisation: {fi: Esimerkkialueen hyvinvointialue, sv: Exempelområdets välfärdsområde}\n\
         feedback: {email: saavutettavuus@example.invalid, url: \"https://example.invalid/palaute\"}\n\
         accessibility:\n  assessed: 2026-11-30\n  method: external\n  assessor: Arvioija Oy\n  \
         not_accessible:\n    - {fi: Liitteenä oleva taulukko ei ole saavutettava., sv: Den bifogade tabellen är inte tillgänglig.}\n\
         authority:\n  name: {fi: Valvoja, sv: Tillsyn}\n  url: \"https://example.invalid/valvonta\"\n  email: valvonta@example.invalid\n  phone: \"0295 000 000\"\n",
    );
    ws.run(&["publish"]).expect(0);
    let fi = page("accessibility.html");
    for part in [
        "Esimerkkialueen hyvinvointialue",
        "mailto:saavutettavuus@example.invalid",
        "osittain",
        "Liitteenä oleva taulukko ei ole saavutettava.",
        "30.11.2026",
        "Arvioija Oy",
        "valvonta@example.invalid",
        "0295 000 000",
    ] {
        assert!(fi.contains(part), "fi settings: {part}");
    }
    assert!(page("accessibility.sv.html").contains("Den bifogade tabellen är inte tillgänglig."));
    // A misspelt setting is an error with its line, and the site stays as it was.
    ws.write(
        "plan-template/site.yaml",
        "feedbak: {email: a@example.invalid}\n",
    );
    let run = ws.run(&["publish"]).expect(2);
    assert!(
        run.stderr.contains("plan-template/site.yaml:1"),
        "{}",
        run.stderr
    );
    assert!(page("accessibility.html").contains("Arvioija Oy"));
}
