//! The files `rakeplan new` writes for a new county: region.yaml, plan.yaml (version 0.1,
//! draft) and one file per template section carrying the template's guidance as comments,
//! placeholders to replace and the schema line editors read, all in the county's main
//! language (Finnish or Swedish; English for any other). Pure: returns file
//! names and texts; the command writes them.

use crate::i18n::Lang;
use crate::items::{Kind, Rules, Show, ValueKind, is_required};
use crate::model::{Date, council_term};
use crate::template::{FieldKind, SectionDef, Template};

pub use crate::yaml::{PLACEHOLDER, PLACEHOLDERS, placeholder_in};

/// The files of a county's repository that `init` writes as they are, besides the READMEs, in
/// the county's main language (Finnish, Swedish; English for any other): `.gitignore`,
/// `.gitattributes` and both CI files, by path in the repository (with `/`). The three
/// languages differ only in comments, step names and messages (a test keeps them so).
pub fn repository_files(lang: Lang) -> [(&'static str, &'static str); 4] {
    let [ignore, attributes, github, gitlab] = match lang {
        Lang::Fi => [
            include_str!("../county-repo/gitignore.fi"),
            include_str!("../county-repo/gitattributes.fi"),
            include_str!("../county-repo/github-workflow.fi.yml"),
            include_str!("../county-repo/gitlab-ci.fi.yml"),
        ],
        Lang::Sv => [
            include_str!("../county-repo/gitignore.sv"),
            include_str!("../county-repo/gitattributes.sv"),
            include_str!("../county-repo/github-workflow.sv.yml"),
            include_str!("../county-repo/gitlab-ci.sv.yml"),
        ],
        Lang::En => [
            include_str!("../county-repo/gitignore"),
            include_str!("../county-repo/gitattributes"),
            include_str!("../county-repo/github-workflow.yml"),
            include_str!("../county-repo/gitlab-ci.yml"),
        ],
    };
    [
        (".gitignore", ignore),
        (".gitattributes", attributes),
        (".github/workflows/rakeplan.yml", github),
        (".gitlab-ci.yml", gitlab),
    ]
}

/// The address of rakeplan that the README and the CI files `init` writes name until the
/// county gives its own (`init --rakeplan-url`).
pub const INSTALL_URL_PLACEHOLDER: &str = "https://github.com/OWNER/rakeplan";

/// Checks the address `init --rakeplan-url` was given: `https://`, `http://` or `file://`
/// followed by characters an address may hold unquoted in YAML and in a shell (no spaces,
/// quotes or `$`). Returns it without a trailing `/`, or the message in the language of
/// messages.
pub fn install_url(url: &str) -> Result<String, String> {
    let trimmed = url.trim().trim_end_matches('/');
    let scheme_ok = ["https://", "http://", "file://"]
        .iter()
        .any(|s| trimmed.strip_prefix(s).is_some_and(|rest| !rest.is_empty()));
    let chars_ok = trimmed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~:/?&=%+@,".contains(c));
    if scheme_ok && chars_ok {
        Ok(trimmed.to_owned())
    } else {
        Err(crate::tr!(
            "\"{url}\" is not an address rakeplan can be installed from: give one such as https://github.com/thl/rakeplan (https://, http:// or file://, without spaces or quotes)",
            "\"{url}\" ei ole osoite, josta rakeplanin voi asentaa: anna esimerkiksi https://github.com/thl/rakeplan (https://, http:// tai file://, ilman välilyöntejä tai lainausmerkkejä)",
            "\"{url}\" är ingen adress som rakeplan kan installeras från: ange till exempel https://github.com/thl/rakeplan (https://, http:// eller file://, utan mellanslag eller citattecken)"
        ))
    }
}

/// `files` (path, text) with the placeholder address replaced by `url` (already checked by
/// [`install_url`]).
pub fn with_install_url(files: &[(String, String)], url: &str) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(p, t)| (p.clone(), t.replace(INSTALL_URL_PLACEHOLDER, url)))
        .collect()
}

/// The files of `filled` whose copy under `dir` is still exactly the text `init` wrote there
/// without an address (`unfilled`, the same paths in the same order): they are rewritten
/// with the address now given, so that `init --rakeplan-url` after a plain `init` fills it
/// in instead of stopping at "other content". Returns how many were rewritten.
pub fn fill_install_url_in_place(
    dir: &std::path::Path,
    unfilled: &[(String, String)],
    filled: &[(String, String)],
) -> std::io::Result<usize> {
    let mut count = 0;
    for ((rel, old), (_, new)) in unfilled.iter().zip(filled) {
        if old == new {
            continue;
        }
        let path = crate::builtin::join_slashed(dir, rel);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
            && std::fs::read(&path).is_ok_and(|bytes| bytes == old.as_bytes())
        {
            crate::fswrite::write_file(&path, new.as_bytes())?;
            count += 1;
        }
    }
    Ok(count)
}

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
    /// The county's language codes, main language first (`["sv", "fi"]`).
    pub languages: &'a [String],
}

impl ScaffoldInput<'_> {
    /// The language guidance, comments and placeholders are written in: the main language
    /// when it is Finnish or Swedish (or English), else English.
    pub fn lang(&self) -> Lang {
        self.languages
            .first()
            .and_then(|c| Lang::from_code(c))
            .unwrap_or(Lang::En)
    }

    /// The placeholder word of [`lang`](Self::lang).
    pub fn placeholder(&self) -> &'static str {
        placeholder_in(self.lang())
    }
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
/// schemas in `schema_dir` (relative to that folder): VS Code recommends rakeplan's extension
/// and the YAML extension,
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
    // rakeplan's own extension (editors/vscode/, `rakeplan lsp`) says what `check` says; the
    // YAML extension's schemas serve editors without it.
    let extensions =
        serde_json::json!({ "recommendations": ["rakeplan.rakeplan", "redhat.vscode-yaml"] });
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
    let lang = input.lang();
    let p = input.placeholder();
    let pick = |fi: &'static str, sv: &'static str, en: &'static str| lang.pick(en, fi, sv);
    let languages = input.languages.join(", ");
    let lines = [
        pick(
            "Hyvinvointialueen perustiedot. Korvaa {p}-kohdat alueen omilla tiedoilla.",
            "Välfärdsområdets grunduppgifter. Ersätt {p}-ställena med områdets egna uppgifter.",
            "The county's basic facts. Replace the {p} places with the county's own.",
        ),
        pick(
            "Virallinen nimi, esimerkiksi Kainuun hyvinvointialue",
            "Officiellt namn, till exempel Österbottens välfärdsområde",
            "Official name, such as Kainuun hyvinvointialue",
        ),
        pick(
            "Lyhyt nimi sivujen ylätunnisteisiin ja sivustolle, esimerkiksi Kainuu",
            "Kort namn för sidhuvuden och webbplatsen, till exempel Österbotten",
            "Short name for page headers and the site, such as Kainuu",
        ),
        pick(
            "Kielet: ensimmäinen on pääkieli; kaksikielinen alue kirjoittaa [fi, sv]",
            "Språk: det första är huvudspråket; ett tvåspråkigt område skriver till exempel [sv, fi]",
            "Languages: the first is the main language; a bilingual county writes [fi, sv]",
        ),
        pick(
            "Asukasluku ja vuosi, jolta se on (näytetään muodossa 70 000 (2024)); vapaaehtoisia",
            "Invånarantal och året det gäller (visas som 70 000 (2024)); frivilliga",
            "Population and its year (shown as 70 000 (2024)); optional",
        ),
        pick(
            "Alueen kunnat; kaksikielisellä alueella esimerkiksi {fi: Kokkola, sv: Karleby}",
            "Områdets kommuner; i ett tvåspråkigt område till exempel {sv: Karleby, fi: Kokkola}",
            "The county's municipalities; in a bilingual county e.g. {fi: Kokkola, sv: Karleby}",
        ),
        pick(
            "Alueen sosiaalialan osaamiskeskus",
            "Områdets kompetenscentrum inom det sociala området",
            "The county's social welfare centre of expertise",
        ),
        pick(
            "true vain keksitylle esimerkkiaineistolle (merkitään jokaiseen tulosteeseen)",
            "true bara för påhittade exempeldata (markeras på varje utskrift)",
            "true only for invented example data (marked on every output)",
        ),
    ];
    let [
        head,
        name_c,
        short_c,
        lang_c,
        pop_c,
        muni_c,
        centre_c,
        example_c,
    ] = lines.map(|l| l.replace("{p}", p));
    let short = pick("lyhyt nimi", "kort namn", "short name");
    let muni = pick("kunnan nimi", "kommunens namn", "municipality");
    let centre = pick(
        "alueen sosiaalialan osaamiskeskus",
        "områdets kompetenscentrum inom det sociala området",
        "the county's centre of expertise",
    );
    format!(
        "{schema}# {head}\n\
         # {name_c}\n\
         name: {name}\n\
         # {short_c}\n\
         short_name: {short}\n\
         # {lang_c}\n\
         languages: [{languages}]\n\
         # {pop_c}\n\
         # population: 70000\n\
         # population_year: 2024\n\
         # {muni_c}\n\
         municipalities:\n  - {muni}\n\
         # {centre_c}\n\
         centre_of_expertise: {centre}\n\
         # {example_c}\n\
         example: false\n",
        schema = schema_line(input, "region", false),
        name = q(input.name),
        short = q(&format!("{p}: {short}")),
        muni = q(&format!("{p}: {muni}")),
        centre = q(&format!("{p}: {centre}")),
    )
}

fn plan_yaml(input: &ScaffoldInput) -> String {
    let lang = input.lang();
    let (from, until) = council_term(input.today);
    let approval = item_yaml(
        crate::items::kind("approval").expect("a kind"),
        &input.template.items,
        "  ",
        lang,
    );
    let approval: String = approval.lines().map(|l| format!("# {l}\n")).collect();
    let head = lang.pick(
        "# The plan's version, status and decisions. A draft is marked as such on every PDF\n\
         # page. When a body handles the plan, add it to the approvals list.\n\
         # The version number in quotes; raise it when an approved version changes\n",
        "# Suunnitelman versio, tila ja käsittely. Luonnos (draft) merkitään luonnokseksi\n\
         # jokaiselle PDF-sivulle. Kun toimielin käsittelee suunnitelman, lisää se approvals-listaan.\n\
         # Versionumero lainausmerkeissä; nosta sitä, kun hyväksytty versio muuttuu\n",
        "# Planens version, status och behandling. Ett utkast (draft) markeras som utkast på\n\
         # varje PDF-sida. När ett organ behandlar planen, lägg till det i listan approvals.\n\
         # Versionsnumret inom citattecken; höj det när en godkänd version ändras\n",
    );
    let status = lang.pick(
        "# Status: draft, proposed, approved, superseded\n",
        "# Tila: draft (luonnos), proposed (ehdotus), approved (hyväksytty), superseded (korvattu)\n",
        "# Status: draft (utkast), proposed (förslag), approved (godkänd), superseded (ersatt)\n",
    );
    let date = lang.pick(
        "# The date of this version\n",
        "# Tämän version päivämäärä\n",
        "# Den här versionens datum\n",
    );
    let validity = lang.pick(
        "# Validity, usually the council term\n",
        "# Voimassaolo, yleensä valtuustokausi\n",
        "# Giltighet, vanligen fullmäktigeperioden\n",
    );
    let approvals = lang.pick(
        "# Handling by the bodies, for example:\n",
        "# Käsittely toimielimissä, esimerkiksi:\n",
        "# Behandling i organen, till exempel:\n",
    );
    let changelog = lang.pick(
        "# Change history: a line for each version\n",
        "# Muutoshistoria: jokaiselle versiolle rivi\n",
        "# Ändringshistorik: en rad för varje version\n",
    );
    let summary = lang.pick(
        "First draft from the template.",
        "Ensimmäinen luonnos mallipohjasta.",
        "Första utkastet utifrån planmallen.",
    );
    format!(
        "{schema}{head}\
         version: \"0.1\"\n\
         {status}\
         status: draft\n\
         {date}\
         date: {today}\n\
         {validity}\
         validity:\n  from: {from}\n  until: {until}\n\
         {approvals}\
         approvals: []\n\
         {approval}\
         {changelog}\
         changelog:\n  - version: \"0.1\"\n    date: {today}\n    summary: {summary}\n",
        schema = schema_line(input, "plan", false),
        today = input.today,
    )
}

/// Every Markdown feature a text field takes, as comment lines to copy from.
fn markdown_examples(lang: Lang) -> &'static str {
    lang.pick(
        "\
# Text fields take Markdown:
#   an empty line starts a new paragraph
#   - a list line starts with a dash and a space
#   1. a numbered list line starts with a number and a full stop
#   **bold** between two stars, *italics* between one
#   [link text](https://thl.fi)
#   | Column | Another column |
#   | --- | --- |
#   | cell | cell |
# Text of several lines starts with | on the key's line and goes on indented by two spaces.
",
        "\
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
",
        "\
# I textfälten kan du använda Markdown:
#   en tom rad börjar ett nytt stycke
#   - en rad i en punktlista börjar med ett streck och ett mellanslag
#   1. en rad i en numrerad lista börjar med en siffra och en punkt
#   **fetstil** mellan två asterisker, *kursiv* mellan en
#   [länkens text](https://thl.fi/sv)
#   | Kolumn | En annan kolumn |
#   | --- | --- |
#   | cell | cell |
# Text på flera rader börjar med | på nyckelns rad och fortsätter med två mellanslags indrag.
",
    )
}

fn section_yaml(input: &ScaffoldInput, section: &SectionDef) -> String {
    let lang = input.lang();
    let code = lang.code();
    let p = input.placeholder();
    let mut out = schema_line(input, &section.id, true);
    out.push_str(&format!(
        "# {} {}\n#\n",
        section.number,
        section.title.get(code, "fi")
    ));
    out.push_str(&comment(&format!(
        "{} {}",
        lang.pick("Guidance:", "Ohje:", "Anvisning:"),
        section.guidance.get(code, "fi")
    )));
    out.push_str(&lang.pick(
        format!(
            "#\n# Replace the {p} places with your own text. Optional fields are\n\
             # comments (#): remove the # to use a field.\n"
        ),
        format!(
            "#\n# Korvaa {p}-kohdat omalla tekstillä. Vapaaehtoiset kentät ovat\n\
             # kommentteina (#): poista #-merkki, jos käytät kenttää.\n"
        ),
        format!(
            "#\n# Ersätt {p}-ställena med egen text. Frivilliga fält är\n\
             # kommentarer (#): ta bort tecknet # om du använder fältet.\n"
        ),
    ));
    if section.fields.iter().any(|f| f.kind == FieldKind::Markdown) {
        out.push_str("#\n");
        out.push_str(markdown_examples(lang));
    }
    for field in section.fields.iter().filter(|f| f.in_section_file()) {
        let need = if field.required {
            lang.pick("required", "pakollinen", "obligatoriskt")
        } else {
            optional(lang)
        };
        out.push_str(&format!("\n# {} ({need})\n", field.label.get(code, "fi")));
        if let Some(g) = &field.guidance {
            out.push_str(&comment(g.get(code, "fi")));
        }
        if field.kind == FieldKind::Facts {
            out.push_str(&facts_yaml(input, field));
        } else {
            out.push_str(&field_yaml(input, &field.id, field.kind));
        }
    }
    out
}

/// A `facts` field: each entry of the template with its caption and guidance, empty to fill
/// in; commented out (#) unless the field is required.
fn facts_yaml(input: &ScaffoldInput, field: &crate::template::FieldDef) -> String {
    use crate::template::EntryKind;
    let code = input.lang().code();
    let mut lines = vec![format!("{}:", field.id)];
    for entry in &field.entries {
        let label = entry.label.get(code, "fi");
        match &entry.guidance {
            Some(g) => lines.push(format!("  # {label}: {}", g.get(code, "fi"))),
            None => lines.push(format!("  # {label}")),
        }
        match entry.kind {
            EntryKind::Counts => {
                lines.push(format!("  {}:", entry.id));
                lines.push("    - area:".to_owned());
                lines.push("      values: {}".to_owned());
            }
            EntryKind::List => lines.push(format!("  {}: []", entry.id)),
            _ => lines.push(format!("  {}:", entry.id)),
        }
    }
    let lead = if field.required { "" } else { "# " };
    lines
        .iter()
        .map(|l| format!("{lead}{l}\n"))
        .collect::<String>()
        .replace("# # ", "# ")
}

/// "optional" in `lang`, as the scaffold marks fields.
fn optional(lang: Lang) -> &'static str {
    lang.pick("optional", "vapaaehtoinen", "frivilligt")
}

fn field_yaml(input: &ScaffoldInput, id: &str, kind: FieldKind) -> String {
    let lang = input.lang();
    let p = input.placeholder();
    match kind.item_kind() {
        None => {
            let write = lang.pick(
                "write here. An empty line starts a new paragraph.",
                "kirjoita tähän. Tyhjä rivi aloittaa uuden kappaleen.",
                "skriv här. En tom rad börjar ett nytt stycke.",
            );
            format!("{id}: |\n  {p}: {write}\n")
        }
        Some(item) => format!(
            "{id}:\n{}",
            item_yaml(item, &input.template.items, "  ", lang)
        ),
    }
}

/// One example item of `kind` as a list entry indented by `indent`: every field with its
/// guidance in `lang`; required fields (and ids that texts refer to) filled with examples,
/// optional ones commented out.
fn item_yaml(kind: &Kind, rules: &Rules, indent: &str, lang: Lang) -> String {
    let p = placeholder_in(lang);
    let mut out = String::new();
    let mut first = true;
    for f in kind.fields {
        let active = is_required(rules, kind, f.key) || (f.key == "id" && f.show == Show::Code);
        // The first field's comment stands above the item's "- ", the others above their key.
        let pad = if first { "" } else { "  " };
        out.push_str(&format!("{indent}{pad}# {}\n", f.help_in(lang)));
        let lead = if first { "- " } else { "  " };
        let example = f.example_in(lang);
        let value = match f.kind {
            ValueKind::Items(inner) => {
                out.push_str(&format!("{indent}{lead}{}:\n", f.key));
                out.push_str(&item_yaml(inner, rules, &format!("{indent}    "), lang));
                first = false;
                continue;
            }
            ValueKind::Text | ValueKind::Markdown if active => q(&format!("{p}: {example}")),
            _ => example.to_owned(),
        };
        let line = format!("{}: {value}", f.key);
        if active {
            out.push_str(&format!("{indent}{lead}{line}\n"));
        } else if first {
            // The first field opens the item ("- "), so it stays; it is marked optional.
            out.push_str(&format!("{indent}{lead}{line}   # {}\n", optional(lang)));
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
    fn the_repository_files_differ_between_languages_only_in_words() {
        // What a machine reads: every line that is no comment, step name or message.
        let machine = |text: &str| -> Vec<String> {
            text.lines()
                .map(|l| l.split(" # ").next().unwrap_or(l).trim_end().to_owned())
                .filter(|l| {
                    let t = l.trim_start();
                    !t.starts_with('#')
                        && !t.starts_with("- name:")
                        && !t.contains("echo")
                        && !t.is_empty()
                })
                .collect()
        };
        let english = repository_files(Lang::En);
        for lang in [Lang::Fi, Lang::Sv] {
            for ((path, en), (_, other)) in english.iter().zip(repository_files(lang)) {
                assert_eq!(machine(en), machine(other), "{path} in {lang:?}");
                if path.ends_with(".yml") {
                    assert_ne!(*en, other, "{path} is not translated into {lang:?}");
                    assert!(other.contains(INSTALL_URL_PLACEHOLDER), "{path}");
                }
            }
        }
    }

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
