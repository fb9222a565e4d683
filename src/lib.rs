//! Dateline: a static site generator for war reporting, built around places.
//!
//! Pipeline (see README, "Architecture"): `Config::load` → `Site::load` (walk, parse, resolve
//! places, Markdown, index; then frozen) → `render` (plan every page, render in parallel) →
//! `output` (staged beside the published folder, committed together). `build` streams pages to
//! disk as they render; `render_site` keeps them in memory for `serve` and `check`.
//! The library never prints: it returns values and `Diagnostics`; the binary reports them.
//!
//! The public modules are what the `dateline` binary, the integration tests, the examples
//! (benchmarks) and the fuzz harness use; the rest is `pub(crate)`.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

// Commands and their options.
pub mod build;
pub mod check;
pub mod config;
pub mod deploy;
pub mod offline;
pub mod scaffold;
pub mod serve;

// Values a user of the commands meets (errors, dates, URLs, the loaded site).
pub mod content;
pub mod dates;
pub mod error;
pub mod places;
pub mod site;
pub mod urls;

// Stages the benchmarks and the fuzz harness drive one by one.
pub mod fs;
pub mod markdown;
pub mod output;
pub mod render;
pub mod sanitize;
pub mod theme;

// Internals.
pub(crate) mod bytemask;
pub(crate) mod escape;
pub(crate) mod hash;
pub(crate) mod hosting;
pub(crate) mod i18n;
pub(crate) mod images;
pub(crate) mod index;
pub(crate) mod inputs;
pub(crate) mod lang;
pub(crate) mod paths;
pub(crate) mod routes;
pub(crate) mod search;
pub(crate) mod suggest;
pub(crate) mod timing;
pub(crate) mod tomlerr;

pub use build::{BuildStats, Built, build, build_with, render_site};
pub use config::{BuildOptions, Config};
pub use error::{Diagnostics, Error};
pub use site::Site;
