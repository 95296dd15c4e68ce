//! The one integration test binary (every extra binary would link typst again). Each module
//! covers one feature; tests run the real `rakeplan` binary on the example counties or on
//! fixtures made from them, and check what a user would: text in the PDF, its metadata, the
//! HTML, exit codes and messages. See README.md here for how to add a test.

mod adopt;
mod build;
mod check;
mod county_it;
mod diff;
mod edges;
mod export;
mod facts;
mod format;
mod handlings;
mod hostile;
mod language;
mod lifecycle;
mod lsp;
mod next_edits;
mod packet;
mod pictures;
mod pipes;
mod publish;
mod record;
mod robust;
mod serve;
mod snapshots;
mod store_damage;
mod support;
mod translations;
mod typeset;
mod values;
mod writes;
