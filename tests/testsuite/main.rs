//! The one integration-test binary: runs the real `dateline` binary on fixture sites.
//!
//! Fixture sites live in `tests/fixtures/<case>/`; `support::SiteTest` copies one into a temp
//! folder, runs a command and asserts on stdout/stderr and the output tree. Snapshots of what
//! users see (rendered HTML, error output, `--help`) are insta snapshots in `snapshots/`.

mod active_content;
mod archive;
mod build;
mod check;
mod cli;
mod crash;
mod deploy;
mod errors;
mod escaping;
mod feeds;
mod fuzz_seeds;
mod hostile;
mod hostile_fs;
mod hosting;
mod images;
mod incremental;
mod languages;
mod linear;
mod links;
mod live;
mod local_places;
mod lock;
mod newsroom;
mod offline;
mod output;
mod pagination;
mod photos;
mod places;
mod places_text;
mod props;
mod publishing;
mod search;
mod serve;
mod support;
mod uptodate;
