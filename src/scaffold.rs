//! The files `rakeplan new` writes for a new county: region.yaml, plan.yaml (version 0.1,
//! draft) and one file per template section carrying the template's Finnish guidance as
//! comments, placeholders to replace and the schema line editors read. Pure: returns file
//! names and texts; the command writes them.

use crate::items::{Kind, Rules, Show, ValueKind, is_required};
use crate::model::{Date, council_term};
use crate::template::{FieldKind, SectionDef, Template};

pub use crate::yaml::PLACEHOLDER;

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
    files.extend(editor_files(input.template, input.schema_dir, ""));
    files
}

/// `.vscode/settings.json` and `extensions.json` for a folder whose plan files are under
/// `prefix` (`""` for a county folder, `"regions/*/"` for a repository of counties), with
/// schemas in `schema_dir` (relative to that folder): VS Code recommends the YAML extension,
/// maps every plan file to its schema (also files without the `$schema` line) and indents
/// YAML with two spaces, never tabs.
pub fn editor_files(template: &Template, schema_dir: &str, prefix: &str) -> Vec<ScaffoldFile> {
    let mut schemas = serde_json::Map::new();
    let mut map = |target: &str, file: String| {
        schemas.insert(
            format!("./{schema_dir}/{target}.schema.json"),
            serde_json::Value::String(format!("{prefix}{file}")),
        );
    };
    map("region", "region.yaml".into());
    map("plan", "plan.yaml".into());
    for section in &template.sections {
        map(&section.id, format!("sections/{}.yaml", section.id));
    }
    let settings = serde_json::json!({
        "yaml.schemas": schemas,
        "yaml.validate": true,
        "yaml.hover": true,
        "yaml.completion": true,
        "yaml.format.enable": false,
        "files.encoding": "utf8",
        // New files get LF line ends on Windows too, as git keeps them (.gitattributes).
        "files.eol": "\n",
        "files.insertFinalNewline": true,
        "[yaml]": {
            "editor.insertSpaces": true,
            "editor.tabSize": 2,
            "editor.detectIndentation": false,
            "editor.quickSuggestions": { "other": true, "comments": false, "strings": true }
        }
    });
    let extensions = serde_json::json!({ "recommendations": ["redhat.vscode-yaml"] });
    let pretty = |v: &serde_json::Value| {
        let mut text = serde_json::to_string_pretty(v).expect("settings serialise");
        text.push('\n');
        text
    };
    vec![
        ScaffoldFile {
            path: ".vscode/settings.json".into(),
            text: pretty(&settings),
        },
        ScaffoldFile {
            path: ".vscode/extensions.json".into(),
            text: pretty(&extensions),
        },
    ]
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
        "{schema}# Hyvinvointialueen perustiedot. Korvaa {p}-kohdat alueen omilla tiedoilla.\n\
         # Virallinen nimi, esimerkiksi Kainuun hyvinvointialue\n\
         name: {name}\n\
         # Lyhyt nimi sivujen ylätunnisteisiin ja sivustolle, esimerkiksi Kainuu\n\
         short_name: {short}\n\
         # Kielet: ensimmäinen on pääkieli; kaksikielinen alue kirjoittaa [fi, sv]\n\
         languages: [fi]\n\
         # Asukasluku ja vuosi, jolta se on (näytetään muodossa 70 000 (2024)); vapaaehtoisia\n\
         # population: 70000\n\
         # population_year: 2024\n\
         # Alueen kunnat; kaksikielisellä alueella esimerkiksi {{fi: Kokkola, sv: Karleby}}\n\
         municipalities:\n  - {muni}\n\
         # Alueen sosiaalialan osaamiskeskus\n\
         centre_of_expertise: {centre}\n\
         # true vain keksitylle esimerkkiaineistolle (merkitään jokaiseen tulosteeseen)\n\
         example: false\n",
        schema = schema_line(input, "region", false),
        p = PLACEHOLDER,
        name = q(input.name),
        short = q(&format!("{PLACEHOLDER}: lyhyt nimi")),
        muni = q(&format!("{PLACEHOLDER}: kunnan nimi")),
        centre = q(&format!("{PLACEHOLDER}: alueen sosiaalialan osaamiskeskus")),
    )
}

fn plan_yaml(input: &ScaffoldInput) -> String {
    let (from, until) = council_term(input.today);
    let approval = item_yaml(
        crate::items::kind("approval").expect("a kind"),
        &input.template.items,
        "  ",
    );
    let approval: String = approval.lines().map(|l| format!("# {l}\n")).collect();
    format!(
        "{schema}# Suunnitelman versio, tila ja käsittely. Luonnos (draft) merkitään luonnokseksi\n\
         # jokaiselle PDF-sivulle. Kun toimielin käsittelee suunnitelman, lisää se approvals-listaan.\n\
         # Versionumero lainausmerkeissä; nosta sitä, kun hyväksytty versio muuttuu\n\
         version: \"0.1\"\n\
         # Tila: draft (luonnos), proposed (ehdotus), approved (hyväksytty), superseded (korvattu)\n\
         status: draft\n\
         # Tämän version päivämäärä\n\
         date: {today}\n\
         # Voimassaolo, yleensä valtuustokausi\n\
         validity:\n  from: {from}\n  until: {until}\n\
         # Käsittely toimielimissä, esimerkiksi:\n\
         approvals: []\n\
         {approval}\
         # Muutoshistoria: jokaiselle versiolle rivi\n\
         changelog:\n  - version: \"0.1\"\n    date: {today}\n    summary: Ensimmäinen luonnos mallipohjasta.\n",
        schema = schema_line(input, "plan", false),
        today = input.today,
    )
}

/// Every Markdown feature a text field takes, as comment lines to copy from.
const MARKDOWN_EXAMPLES: &str = "\
# Tekstikentissä voi käyttää Markdownia:
#   tyhjä rivi aloittaa uuden kappaleen
#   - luettelon rivi alkaa viivalla ja välilyönnillä
#   1. numeroidun luettelon rivi alkaa numerolla ja pisteellä
#   **lihavointi** kahden tähden väliin, *kursiivi* yhden tähden väliin
#   [linkin teksti](https://thl.fi)
#   | Sarake | Toinen sarake |
#   | --- | --- |
#   | solu | solu |
# Usean rivin teksti alkaa avaimen rivillä merkillä | ja jatkuu kahden välilyönnin sisennyksellä.
";

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
        "#\n# Korvaa {PLACEHOLDER}-kohdat omalla tekstillä. Vapaaehtoiset kentät ovat\n\
         # kommentteina (#): poista #-merkki, jos käytät kenttää.\n"
    ));
    if section.fields.iter().any(|f| f.kind == FieldKind::Markdown) {
        out.push_str("#\n");
        out.push_str(MARKDOWN_EXAMPLES);
    }
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
        out.push_str(&field_yaml(input, &field.id, field.kind));
    }
    out
}

fn field_yaml(input: &ScaffoldInput, id: &str, kind: FieldKind) -> String {
    match kind.item_kind() {
        None => format!(
            "{id}: |\n  {PLACEHOLDER}: kirjoita tähän. Tyhjä rivi aloittaa uuden kappaleen.\n"
        ),
        Some(item) => format!("{id}:\n{}", item_yaml(item, &input.template.items, "  ")),
    }
}

/// One example item of `kind` as a list entry indented by `indent`: every field with its
/// Finnish guidance; required fields (and ids that texts refer to) filled with examples,
/// optional ones commented out.
fn item_yaml(kind: &Kind, rules: &Rules, indent: &str) -> String {
    let mut out = String::new();
    let mut first = true;
    for f in kind.fields {
        let active = is_required(rules, kind, f.key) || (f.key == "id" && f.show == Show::Code);
        // The first field's comment stands above the item's "- ", the others above their key.
        let pad = if first { "" } else { "  " };
        out.push_str(&format!("{indent}{pad}# {}\n", f.help));
        let lead = if first { "- " } else { "  " };
        let value = match f.kind {
            ValueKind::Items(inner) => {
                out.push_str(&format!("{indent}{lead}{}:\n", f.key));
                out.push_str(&item_yaml(inner, rules, &format!("{indent}    ")));
                first = false;
                continue;
            }
            ValueKind::Text | ValueKind::Markdown if active => {
                q(&format!("{PLACEHOLDER}: {}", f.example))
            }
            _ => f.example.to_owned(),
        };
        let line = format!("{}: {value}", f.key);
        if active {
            out.push_str(&format!("{indent}{lead}{line}\n"));
        } else if first {
            // The first field opens the item ("- "), so it stays; it is marked optional.
            out.push_str(&format!("{indent}{lead}{line}   # vapaaehtoinen\n"));
        } else {
            out.push_str(&format!("{indent}  # {line}\n"));
        }
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_editor_settings_are_the_generated_ones() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/plan-template/template.yaml"
        ))
        .unwrap();
        let template: Template = serde_saphyr::from_str(&text).unwrap();
        for file in editor_files(&template, "plan-template/schema", "regions/*/") {
            let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), file.path);
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(
                committed, file.text,
                "{path} is stale; write it from scaffold::editor_files"
            );
        }
    }
}
