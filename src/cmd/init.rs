//! `rakeplan init [DIR]`: make a county's plan repository ([`crate::project::init`]),
//! optionally with its first county (through `new`), and say what to do next.

use std::path::Path;

use crate::builtin;
use crate::cli::{Global, InitArgs, NewArgs};
use crate::cmd::{Outcome, fail};
use crate::fsread::display;
use crate::tr;

/// Runs the command.
pub fn run(global: &Global, args: &InitArgs) -> Outcome {
    let dir = &args.dir;
    // The repository's own folders, as the other commands will see them from inside it.
    let inside = Global {
        regions: dir.join("regions"),
        template: dir.join(builtin::DEFAULT_DIR),
        out: dir.join("output"),
        ..global.clone()
    };
    let project = crate::project::Project::new(&inside.regions, &inside.template, &global.out);
    let languages = crate::project::new::languages(&args.languages);
    let done = match project.init_repository(dir, &languages, args.rakeplan_url.as_deref()) {
        Ok(done) => done,
        Err(problems) => return fail(&problems),
    };
    let (written, shown) = (done.written, display(dir));
    if written == 0 {
        crate::outln!(
            "{}",
            tr!(
                "the plan repository in {shown}/ has every file init writes; nothing written",
                "suunnitelmarepositoriossa {shown}/ on jo kaikki init-komennon tiedostot; mitään ei kirjoitettu",
                "planarkivet i {shown}/ har redan alla filer som init skriver; ingenting skrevs"
            )
        );
    } else {
        crate::outln!(
            "{}",
            tr!(
                "initialised a plan repository in {shown}/ ({written} files written, national template {} built in)",
                "suunnitelmarepositorio luotu kansioon {shown}/ ({written} tiedostoa kirjoitettu, \
             kansallinen suunnitelmapohja {} sisältyy rakeplaniin)",
                "ett planarkiv har skapats i {shown}/ ({written} filer skrivna, den nationella planmallen {} ingår i rakeplan)",
                builtin::version()
            )
        );
    }
    if args.rakeplan_url.is_none() && written > 0 {
        let placeholder = crate::scaffold::INSTALL_URL_PLACEHOLDER;
        crate::outln!(
            "{}",
            tr!(
                "the README and the CI files name {placeholder} as where rakeplan is installed from: run init again with --rakeplan-url URL, or replace it there",
                "README ja CI-tiedostot nimeävät rakeplanin asennusosoitteeksi {placeholder}: aja init uudelleen valitsimella --rakeplan-url OSOITE tai korvaa se niissä",
                "README och CI-filerna anger {placeholder} som adressen rakeplan installeras från: kör init igen med --rakeplan-url ADRESS, eller ersätt den där"
            )
        );
    }
    match done.git {
        Some(true) => crate::outln!(
            "{}",
            tr!(
                "created a git repository",
                "git-repositorio luotu",
                "ett git-arkiv har skapats"
            )
        ),
        Some(false) => crate::outln!(
            "{}",
            tr!(
                "git is not installed: run `git init` there later (`diff git:REF` needs it)",
                "gitiä ei ole asennettu: aja myöhemmin `git init` (`diff git:REF` tarvitsee sitä)",
                "git är inte installerat: kör `git init` där senare (`diff git:REF` behöver det)"
            )
        ),
        None => {}
    }
    if let Some(slug) = args
        .county
        .as_ref()
        .filter(|s| inside.regions.join(s).is_dir())
    {
        let shown = display(&inside.regions.join(slug));
        crate::outln!(
            "{}",
            tr!(
                "{shown}/ is there already; left as it is",
                "{shown}/ on jo olemassa; jätetty ennalleen",
                "{shown}/ finns redan; lämnad som den är"
            )
        );
    } else if let (Some(slug), Some(name)) = (&args.county, &args.name) {
        let new = NewArgs {
            slug: slug.clone(),
            name: name.clone(),
            languages: languages.clone(),
        };
        let outcome = crate::cmd::new::run(&inside, &new);
        if outcome != Outcome::Ok {
            return outcome;
        }
    } else {
        let cd = if dir == Path::new(".") {
            String::new()
        } else {
            format!("cd {shown} && ")
        };
        crate::outln!(
            "{}",
            tr!(
                "next: {cd}rakeplan new <slug> --name \"...\"",
                "seuraavaksi: {cd}rakeplan new <kansio> --name \"...\"",
                "nästa steg: {cd}rakeplan new <mapp> --name \"...\""
            )
        );
    }
    Outcome::Ok
}
