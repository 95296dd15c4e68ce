//! A new county from the template: its folder with region.yaml, plan.yaml and a file per
//! section, each with the template's guidance and placeholders in the county's main
//! language, and the `$schema` lines pointing at the repository's schema folder. Refuses to
//! touch an existing folder; writes into a temporary folder first and renames it into
//! place, so a failure leaves nothing half made.

use std::path::{Component, Path, PathBuf};

use super::Project;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Problems};
use crate::fsread::display;
use crate::scaffold::{ScaffoldInput, scaffold};
use crate::tr;

/// A county scaffolded.
pub struct Created {
    /// Its folder.
    pub dir: PathBuf,
    /// How many files were written.
    pub files: usize,
    /// The word that marks what the planner fills in (`TÄYDENNÄ`).
    pub placeholder: &'static str,
}

impl Project {
    /// Scaffolds county `slug` named `name`, written in `languages` (main first), dated
    /// `today`.
    pub fn new_county(
        &self,
        slug: &str,
        name: &str,
        languages: &[String],
        today: Date,
    ) -> Result<Created, Problems> {
        if !crate::names::is_county_name(slug) {
            return Err(super::bad_county_name(&self.regions.join(slug), slug).into());
        }
        // A new county has no labels of its own yet: only languages the template writes, and
        // the Sámi languages (whose labels `check` asks for), are taken here.
        let ready = |c: &str| {
            crate::names::has_template_texts(c) || crate::names::SAMI_LANGUAGES.contains(&c)
        };
        if let Some(code) = languages.iter().find(|c| !ready(c)) {
            let known = crate::names::LANGUAGES.join(", ");
            return Err(Problems::bare(vec![
                Diagnostic::error(
                    None,
                    tr!(
                        "\"{code}\" is not a language rakeplan makes editions in",
                        "\"{code}\" ei ole kieli, jolla rakeplan tekee painoksia",
                        "\"{code}\" är inget språk som rakeplan gör utgåvor på"
                    ),
                )
                .with_hint(tr!(
                    "give --languages as codes {known} or a Sámi language (se, smn, sms), main language first, such as sv,fi; another language is added to region.yaml once its labels are in the county's templates/labels.yaml",
                    "anna --languages kielikoodeina {known} tai saamen kieli (se, smn, sms), pääkieli ensin, esimerkiksi fi,sv; muu kieli lisätään region.yaml-tiedostoon, kun sen nimiöt ovat alueen tiedostossa templates/labels.yaml",
                    "ange --languages som språkkoderna {known} eller ett samiskt språk (se, smn, sms), huvudspråket först, till exempel sv,fi; ett annat språk läggs till i region.yaml när dess etiketter finns i områdets templates/labels.yaml"
                )),
            ]));
        }
        let (sources, tset) = self.template_set()?;
        let dir = self.regions.join(slug);
        let schemas = crate::schema::repo_dir(&self.regions, &self.template);
        for target in [&dir, &schemas] {
            crate::store::refuse_target(target, &self.out)?;
        }
        if dir.exists() {
            let shown = display(&dir);
            return Err(Problems::one(
                sources,
                Diagnostic::error_at_path(
                    &dir,
                    tr!(
                        "the folder \"{shown}\" already exists",
                        "kansio \"{shown}\" on jo olemassa",
                        "mappen \"{shown}\" finns redan"
                    ),
                )
                .with_hint(tr!(
                    "choose another name, or edit the existing county",
                    "valitse toinen nimi tai muokkaa olemassa olevaa hyvinvointialuetta",
                    "välj ett annat namn eller redigera det befintliga välfärdsområdet"
                )),
            ));
        }
        // The `$schema` lines point where `rakeplan schema --write` keeps the schemas; they are
        // written there now when the repository has none yet, so the editor finds them at once.
        if !schemas.exists() {
            let files = crate::schema::schema_files(&tset);
            if let Err(message) = crate::schema::write_schemas(&schemas, &files) {
                return Err(Problems::one(
                    sources,
                    Diagnostic::error_at_path(&schemas, message),
                ));
            }
        }
        let lang = crate::i18n::Lang::from_code(&languages[0]).unwrap_or_default();
        let schema_dir = format!(
            "{}/{}",
            relative(&dir, &schemas),
            crate::schema::lang_dir(lang)
        );
        let schema_dir = schema_dir.trim_end_matches('/');
        let input = ScaffoldInput {
            template: &tset.template,
            name,
            today,
            schema_dir,
            languages,
        };
        let files = scaffold(&input);
        let tmp = self
            .regions
            .join(format!(".{slug}.new-{}", std::process::id()));
        let written = (|| -> std::io::Result<()> {
            for file in &files {
                let path = tmp.join(&file.path);
                std::fs::create_dir_all(path.parent().expect("scaffold paths have a parent"))?;
                std::fs::write(path, &file.text)?;
            }
            crate::fswrite::rename(&tmp, &dir)
        })();
        if let Err(err) = written {
            let _ = std::fs::remove_dir_all(&tmp);
            let shown = display(&dir);
            return Err(Problems::one(
                sources,
                Diagnostic::error_at_path(
                    &dir,
                    tr!(
                        "cannot create \"{shown}\": {err}",
                        "kansiota \"{shown}\" ei voi luoda: {err}",
                        "det går inte att skapa mappen \"{shown}\": {err}"
                    ),
                ),
            ));
        }
        Ok(Created {
            dir,
            files: files.len(),
            placeholder: input.placeholder(),
        })
    }
}

/// The county's languages, main language first: `--languages`, else from the language of
/// messages (Swedish: `sv, fi`, as every Swedish-speaking county in Finland is bilingual;
/// otherwise `fi`).
pub fn languages(given: &[String]) -> Vec<String> {
    let given: Vec<String> = given
        .iter()
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    if !given.is_empty() {
        return given;
    }
    let default: &[&str] = match crate::i18n::lang() {
        crate::i18n::Lang::Sv => &["sv", "fi"],
        _ => &["fi"],
    };
    default.iter().map(|l| (*l).to_owned()).collect()
}

/// The path from folder `from` to `to`, with `/` separators (for the schema line).
fn relative(from: &Path, to: &Path) -> String {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_owned()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        out
    };
    let (from, to) = (abs(from), abs(to));
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.components().count() - common;
    let mut parts: Vec<String> = vec!["..".to_owned(); ups];
    parts.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}
