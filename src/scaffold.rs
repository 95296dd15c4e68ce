//! The files `rakeplan new` writes for a new county: region.yaml, plan.yaml (version 0.1,
//! draft) and one file per template section carrying the template's Finnish guidance as
//! comments, placeholders to replace and the schema line editors read. Pure: returns file
//! names and texts; the command writes them.

use crate::model::{Date, council_term};
use crate::template::{FieldKind, SectionDef, Template};

/// The word that marks text still to be written; `check` warns wherever it remains.
pub const PLACEHOLDER: &str = "TÄYDENNÄ";

/// A file to create, relative to the county folder.
pub struct ScaffoldFile {
    /// Relative path, e.g. `sections/goals.yaml`.
    pub path: String,
    /// Content.
    pub text: String,
}

/// Everything needed to scaffold a county.
pub struct ScaffoldInput<'a> {
    /// The template.
    pub template: &'a Template,
    /// The county's official name.
    pub name: &'a str,
    /// Today's date (the draft's date).
    pub today: Date,
    /// Path from the county folder to the schema folder, with `/` separators.
    pub schema_dir: &'a str,
}

/// The files of a new county.
pub fn scaffold(input: &ScaffoldInput) -> Vec<ScaffoldFile> {
    let mut files = vec![
        ScaffoldFile {
            path: "region.yaml".into(),
            text: region_yaml(input),
        },
        ScaffoldFile {
            path: "plan.yaml".into(),
            text: plan_yaml(input),
        },
    ];
    for section in &input.template.sections {
        files.push(ScaffoldFile {
            path: format!("sections/{}.yaml", section.id),
            text: section_yaml(input, section),
        });
    }
    files
}

/// Quotes a string for YAML (double quotes, escapes).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

/// Wraps text into `# ` comment lines of at most 90 characters.
fn comment(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.chars().count() + word.chars().count() + 1 > 90 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

fn schema_line(input: &ScaffoldInput, target: &str, from_sections: bool) -> String {
    let up = if from_sections { "../" } else { "" };
    format!(
        "# yaml-language-server: $schema={up}{}/{target}.schema.json\n",
        input.schema_dir
    )
}

fn region_yaml(input: &ScaffoldInput) -> String {
    format!(
        "{schema}# Hyvinvointialueen perustiedot. Korvaa {p}-kohdat ja poista tämä rivi.\n\
         name: {name}\n\
         # Lyhyt nimi ylätunnisteisiin, esim. Kainuu\n\
         short_name: {name}\n\
         # Kielet: ensimmäinen on pääkieli; kaksikielinen alue: [fi, sv]\n\
         languages: [fi]\n\
         # population: 70000\n\
         # population_year: 2025\n\
         municipalities:\n  - {muni}\n\
         centre_of_expertise: {centre}\n\
         example: false\n",
        schema = schema_line(input, "region", false),
        p = PLACEHOLDER,
        name = q(input.name),
        muni = q(&format!("{PLACEHOLDER}: kunnan nimi")),
        centre = q(&format!("{PLACEHOLDER}: alueen sosiaalialan osaamiskeskus")),
    )
}

fn plan_yaml(input: &ScaffoldInput) -> String {
    let (from, until) = council_term(input.today);
    format!(
        "{schema}# Suunnitelman versio, tila ja käsittely. Luonnos (draft) merkitään luonnokseksi\n\
         # jokaiselle PDF-sivulle. Kun toimielin käsittelee suunnitelman, lisää se approvals-listaan.\n\
         version: \"0.1\"\n\
         status: draft\n\
         date: {today}\n\
         validity:\n  from: {from}\n  until: {until}\n\
         approvals: []\n\
         # - body: {{fi: Aluehallitus, sv: Välfärdsområdesstyrelsen}}\n\
         #   date: {today}\n\
         #   minute: \"§ 1\"\n\
         #   decision: approved   # tai noted (merkitty tiedoksi)\n\
         changelog:\n  - version: \"0.1\"\n    date: {today}\n    summary: Ensimmäinen luonnos mallipohjasta.\n",
        schema = schema_line(input, "plan", false),
        today = input.today,
    )
}

fn section_yaml(input: &ScaffoldInput, section: &SectionDef) -> String {
    let mut out = schema_line(input, &section.id, true);
    out.push_str(&format!(
        "# {} {}\n#\n",
        section.number,
        section.title.get("fi", "fi")
    ));
    out.push_str(&comment(&format!(
        "Ohje: {}",
        section.guidance.get("fi", "fi")
    )));
    out.push_str(&format!(
        "#\n# Korvaa {PLACEHOLDER}-kohdat omalla tekstillä.\n"
    ));
    for field in section.fields.iter().filter(|f| f.in_section_file()) {
        let need = if field.required {
            "pakollinen"
        } else {
            "vapaaehtoinen"
        };
        out.push_str(&format!("\n# {} ({need})\n", field.label.get("fi", "fi")));
        if let Some(g) = &field.guidance {
            out.push_str(&comment(g.get("fi", "fi")));
        }
        out.push_str(&field_yaml(&field.id, field.kind));
    }
    out
}

fn field_yaml(id: &str, kind: FieldKind) -> String {
    let p = |what: &str| q(&format!("{PLACEHOLDER}: {what}"));
    match kind {
        FieldKind::Markdown => format!(
            "{id}: |\n  {PLACEHOLDER}: kirjoita tähän. Kappaleet erotetaan tyhjällä rivillä;\n  \
             luettelon rivit alkavat viivalla (-), **lihavointi** tähdillä.\n"
        ),
        FieldKind::Members => format!(
            "{id}:\n  - role: {}\n    unit: {}\n    chair: true\n  - role: {}\n    unit: {}\n    note: sihteeri\n",
            p("tehtävänimike (ei henkilön nimeä)"),
            p("yksikkö tai palvelualue"),
            p("tehtävänimike"),
            p("yksikkö tai palvelualue"),
        ),
        FieldKind::Cycle => format!(
            "{id}:\n  - month: \"1-2\"\n    activity: {}\n    owner: {}\n    audience: {}\n",
            p("mitä tehdään"),
            p("vastuutaho"),
            p("kenelle tulos menee"),
        ),
        FieldKind::FocusAreas => format!(
            "{id}:\n  - id: tietotyo\n    name: Tietotyö\n    goal: {}\n    actions:\n      - id: tietotyo-1\n        \
             action: {}\n        owner: {}\n        schedule: {}\n        indicators: [mittari-1]\n",
            p("painopistealueen tavoite"),
            p("toimenpide"),
            p("vastuutaho"),
            p("aikataulu"),
        ),
        FieldKind::Indicators => format!(
            "{id}:\n  - id: mittari-1\n    name: {}\n    definition: {}\n    source: {}\n    baseline: {}\n    \
             target: {}\n    frequency: {}\n",
            p("mittarin nimi"),
            p("mitä mitataan ja miten"),
            p("tietolähde"),
            p("lähtötaso"),
            p("tavoitetaso"),
            p("kuinka usein seurataan"),
        ),
        FieldKind::Partners => format!(
            "{id}:\n  - name: {}\n    type: {}\n    cooperation: {}\n",
            p("yhteistyötaho"),
            p("tyyppi, esim. kunta tai järjestö"),
            p("yhteistyön sisältö"),
        ),
        FieldKind::Municipalities | FieldKind::Approvals | FieldKind::Changelog => String::new(),
    }
}
