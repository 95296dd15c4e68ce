//! rakeplan turns a wellbeing services county's implementation plan for structural social
//! work, kept as YAML on the national template, into versioned PDF and HTML.
//!
//! The flow runs one way: [`load`] reads YAML into a typed [`model::Plan`] with source
//! spans, [`validate`] checks it as a whole, [`document`] lays it out for one language,
//! [`render`] turns that into PDF (typst) and HTML (tera), and [`store`] writes the
//! revision folder. [`cmd`] holds one module per subcommand.

pub mod bilingual;
pub mod builtin;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod console;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod digest;
pub mod document;
pub mod engine;
pub mod export;
pub mod facts;
pub mod figures;
pub mod followup;
pub mod fonts;
pub mod fsread;
pub mod fswrite;
pub mod i18n;
pub mod items;
pub mod lifecycle;
pub mod limits;
pub mod load;
pub mod lock;
pub mod lsp;
pub mod markdown;
pub mod model;
pub mod names;
pub mod numbers;
pub mod project;
pub mod redline;
pub mod render;
pub mod revision;
pub mod scaffold;
pub mod schema;
pub mod site;
pub mod store;
pub mod template;
pub mod text;
pub mod validate;
pub mod values;
pub mod yaml;
