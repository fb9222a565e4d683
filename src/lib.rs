//! Dateline: a static site generator for war reporting, built around places.
//!
//! Pipeline: `Config::load` → `Site::load` (walk, parse, resolve places, markdown, index; then
//! frozen) → `render::jobs` (parallel, in memory) → `output::write_site` (only what changed).
//! The library never prints: it returns values and `Diagnostics`; the binary reports them.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod build;
pub mod bytemask;
pub mod check;
pub mod config;
pub mod content;
pub mod dates;
pub mod deploy;
pub mod error;
pub mod escape;
pub mod fs;
pub mod hash;
pub mod hosting;
pub mod i18n;
pub mod images;
pub mod index;
pub mod inputs;
pub mod lang;
pub mod markdown;
pub mod offline;
pub mod output;
pub mod paths;
pub mod places;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod timing;
pub mod tomlerr;
pub mod urls;

pub use build::{BuildStats, Built, build, build_with, render_site};
pub use config::{BuildOptions, Config};
pub use error::{Diagnostics, Error};
pub use site::Site;
