//! `rakeplan new SLUG --name "..."`: scaffold a county from the template
//! ([`crate::project::new`]) and say what to do next.

use crate::cli::{Global, NewArgs};
use crate::cmd::{Outcome, fail};
use crate::fsread::display;
use crate::tr;

/// Runs the scaffold.
pub fn run(global: &Global, args: &NewArgs) -> Outcome {
    let slug = &args.slug;
    let languages = crate::project::new::languages(&args.languages);
    let today = crate::date::Date::today();
    let created = match crate::cmd::project(global).new_county(slug, &args.name, &languages, today)
    {
        Ok(created) => created,
        Err(problems) => return fail(&problems),
    };
    let (shown, count, placeholder) = (display(&created.dir), created.files, created.placeholder);
    crate::outln!(
        "{}",
        tr!(
            "created {shown}/ with {count} files",
            "luotu {shown}/ ({count} tiedostoa)",
            "skapade {shown}/ ({count} filer)"
        )
    );
    crate::outln!(
        "{}",
        tr!(
            "next: fill in the {placeholder} placeholders, then run `rakeplan check {slug}`",
            "seuraavaksi: korvaa {placeholder}-kohdat suunnitelman omalla tekstillä ja aja \
             sitten `rakeplan check {slug}`",
            "nästa steg: ersätt {placeholder}-ställena med planens egen text och kör sedan `rakeplan check {slug}`"
        )
    );
    Outcome::Ok
}
