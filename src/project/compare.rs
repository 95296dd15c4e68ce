//! Comparing two versions of a county's plan: both sides resolved and checked, the change
//! set, and the redline for one of the plan's languages, ready for any renderer.

use super::Project;
use crate::diagnostic::{Diagnostic, Problems};
use crate::diff::ChangeSet;
use crate::model::Plan;
use crate::redline::Redline;
use crate::render::TemplateDirs;
use crate::revision::Side;
use crate::tr;

/// A comparison made: what a renderer of redlines needs.
pub struct Comparison {
    /// The change set, every language.
    pub set: ChangeSet,
    /// The redline in the chosen language.
    pub doc: Redline,
    /// Where the county's layout templates are looked up.
    pub dirs: TemplateDirs,
    /// The newer side.
    pub new: Plan,
}

impl Project {
    /// Compares `from` with `to` for `slug` in `lang` (the newer side's main language when
    /// `None`); `only_changes` leaves removals out of the redline.
    pub fn compare(
        &self,
        slug: &str,
        from: &Side,
        to: &Side,
        lang: Option<&str>,
        only_changes: bool,
    ) -> Result<Comparison, Problems> {
        let old = self.resolve(slug, from)?;
        let new = self.resolve(slug, to)?;
        // The template names sections and fields.
        let (_, tset) = self.template_set()?;
        let lang = match lang {
            None => new.region.main_lang().to_owned(),
            Some(lang) if new.region.languages.iter().any(|l| l == lang) => lang.to_owned(),
            Some(lang) => {
                let known = new.region.languages.join(", ");
                return Err(Diagnostic::error(
                    None,
                    tr!(
                        "the plan of \"{slug}\" is not written in \"{lang}\"",
                        "hyvinvointialueen \"{slug}\" suunnitelmaa ei ole kielellä \"{lang}\"",
                        "planen för \"{slug}\" finns inte på språket \"{lang}\""
                    ),
                )
                .with_hint(tr!(
                    "its languages are {known}",
                    "sen kielet ovat {known}",
                    "dess språk är {known}"
                ))
                .into());
            }
        };
        let dirs = TemplateDirs::for_county(&tset.dir, &self.regions, slug);
        let labels = dirs.labels(&tset.labels)?.resolve(&lang);
        let set = crate::diff::diff_plans(&old, &new, &from.to_string(), &to.to_string());
        let options = crate::redline::Options { only_changes };
        let doc =
            crate::redline::resolve(&set, &old, &new, &tset.template, &labels, &lang, options);
        Ok(Comparison {
            set,
            doc,
            dirs,
            new,
        })
    }
}
