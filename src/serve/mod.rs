//! `dateline serve`: a thin layer over the build that keeps the site in memory, watches the
//! sources, rebuilds on every save and tells browsers to reload.
//!
//! `preview` owns the in-memory site and incremental rebuilds; `http` serves it (with the
//! reload script injected into HTML responses only, never into the build); `watch` turns
//! file-system events into rebuilds.

pub mod preview;

pub use preview::{ChangeKind, Preview, RebuildReport};
