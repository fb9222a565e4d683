//! Dateline: a static site generator for war reporting, built around places.
//!
//! Pipeline (see README, "Architecture"): `Config::load` → `Site::load` (walk, parse, resolve
//! places, Markdown, index; then frozen) → `render` (plan every page, render in parallel into a
//! sink) → `output` (staged beside the published folder, committed together). One render path
//! with three sinks: `build` stages pages on disk as they render, `render_site` keeps them in
//! memory (`check`), `serve` keeps only their digests and renders a page again when asked for.
//! The library never prints: it returns values and `Diagnostics`; the binary reports them.
//!
//! The documented API is the commands and the values they take and return. The stage modules
//! are public only because the benchmarks (examples), the fuzz harness and the integration
//! tests drive stages one by one (Rust has no narrower visibility for them), and are hidden
//! from the documentation; everything else is `pub(crate)`.
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

// Stages the benchmarks and the fuzz harness drive one by one: not part of the documented API.
#[doc(hidden)]
pub mod fs;
#[doc(hidden)]
pub mod markdown;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod render;
#[doc(hidden)]
pub mod sanitize;
#[doc(hidden)]
pub mod theme;

// Internals.
pub(crate) mod bytemask;
pub(crate) mod deflate;
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
