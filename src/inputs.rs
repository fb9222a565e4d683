//! The up-to-date check: a digest of everything a build reads, and the record a finished build
//! leaves in the site's cache folder (`.dateline/`, one record per output folder; never in the
//! output folder, which is published: the record names embargoed files). A rebuild whose inputs
//! hash to the
//! recorded digest, before the record's expiry (the next embargo to lift, the next dispatch to
//! enter or leave the news sitemap), over an output folder whose files are all still there,
//! has nothing to do: it writes nothing and skips loading and rendering the site.
//!
//! The digest covers the dateline binary itself (size and modification time), the resolved
//! configuration and build options, and the path and bytes of every file under `content/`,
//! `static/`, the theme folder and `i18n/`, plus `config.toml` and `cities.toml`.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::{BuildOptions, Config};
use crate::content::walk::{self, Walked};
use crate::dates::Date;
use crate::site::Site;

pub(crate) use crate::paths::CACHE_DIR;

/// What a finished build leaves for the next one to compare against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Record {
    /// Digest of the inputs (hex).
    pub digest: String,
    /// The build's "now" (Unix time): an earlier one (`--now`) may hide what it showed.
    pub built_at: i64,
    /// Unix time from which the same inputs build a different site (embargo, news window).
    pub expires: Option<i64>,
    /// Published dispatches.
    pub dispatches: usize,
    /// Pages rendered.
    pub pages: usize,
    /// Output files.
    pub files: usize,
    /// Images cleaned of metadata.
    pub images_cleaned: usize,
    /// Warnings, as printed.
    pub warnings: Vec<String>,
    /// Embargoed dispatches and when each goes live (RFC 3339).
    pub embargoed: Vec<(PathBuf, String)>,
}

/// The digest of a site's inputs, and the content walk it made (for the loader to reuse).
/// `None` when the inputs cannot all be read: the build will report why.
pub(crate) fn digest(config: &Config, opts: &BuildOptions) -> Option<(String, Walked)> {
    let mut errors = Vec::new();
    let walked = walk::walk(&config.content_dir, &config.root, &mut errors);
    if !errors.is_empty() {
        return None;
    }
    let d = digest_with(config, opts, &walked, |_| None)?;
    Some((d, walked))
}

/// The same digest computed after a build, from the hashes of the files it parsed (`known`,
/// by absolute path) instead of reading them again; files it does not know are read.
pub(crate) fn digest_with(
    config: &Config,
    opts: &BuildOptions,
    walked: &Walked,
    known: impl Fn(&Path) -> Option<(u64, usize)> + Sync,
) -> Option<String> {
    let exe = std::env::current_exe().ok()?.metadata().ok()?;
    let files = input_files(config, walked);
    let hashes: Vec<Option<(u64, usize)>> = files
        .par_iter()
        .map(|p| {
            known(p).or_else(|| {
                let bytes = std::fs::read(p).ok()?;
                Some((crate::hash::hash(&bytes), bytes.len()))
            })
        })
        .collect();
    let mut h = crate::hash::hasher();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    (exe.len(), exe.modified().ok()).hash(&mut h);
    format!("{config:?}\n{opts:?}").hash(&mut h);
    for (p, fh) in files.iter().zip(hashes) {
        (p, fh?).hash(&mut h);
    }
    Some(format!("{:016x}", h.finish()))
}

/// Every file a build reads, in a fixed order.
fn input_files(config: &Config, walked: &Walked) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walked
        .markdown
        .iter()
        .chain(&walked.other)
        .map(|f| f.abs.clone())
        .collect();
    let i18n = Some(config.root.join("i18n")).filter(|d| d.is_dir());
    for dir in [
        Some(&config.static_dir),
        config.theme_dir.as_ref(),
        i18n.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        files.extend(
            walkdir::WalkDir::new(dir)
                .sort_by(crate::content::walk::by_file_name)
                .into_iter()
                .flatten()
                // Symlinks too: the build follows them (or refuses them), so a new or
                // changed link is a change.
                .filter(|e| !e.file_type().is_dir())
                .map(|e| e.into_path()),
        );
    }
    files.extend(
        ["config.toml", "cities.toml"]
            .iter()
            .map(|n| config.root.join(n))
            .filter(|p| p.is_file()),
    );
    files
}

/// An input file (dispatch, static or theme file, `config.toml`, `cities.toml`) modified
/// after `since`, if there is one: the sources changed since a build made then (`deploy`
/// warns before publishing an older build).
pub(crate) fn changed_since(config: &Config, since: std::time::SystemTime) -> Option<PathBuf> {
    let mut errors = Vec::new();
    let walked = walk::walk(&config.content_dir, &config.root, &mut errors);
    input_files(config, &walked).into_iter().find(|p| {
        std::fs::symlink_metadata(p)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t > since)
    })
}

/// Where the record of builds into `out` is kept.
pub(crate) fn record_path(config: &Config) -> PathBuf {
    let out = crate::fs::absolute(&config.output_dir);
    let key = crate::hash::hash(out.as_os_str().as_encoded_bytes());
    config
        .root
        .join(CACHE_DIR)
        .join(format!("build-{key:016x}.json"))
}

/// The record of the last build into the configured output folder, if there is one.
pub(crate) fn read_record(config: &Config) -> Option<Record> {
    let text = std::fs::read(record_path(config)).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Writes the record of a finished build (after its manifest). Best effort: a site root that
/// cannot be written to only loses the shortcut.
pub(crate) fn write_record(config: &Config, record: &Record) {
    let text = serde_json::to_vec_pretty(record).unwrap_or_default();
    let path = record_path(config);
    if std::fs::read(&path).ok().as_deref() != Some(text.as_slice()) {
        let _ = crate::fs::write_atomic(&path, &text);
    }
}

/// Removes the record before a build changes anything, so a killed build leaves none.
pub(crate) fn remove_record(config: &Config) -> crate::error::Result<()> {
    crate::fs::remove_file(&record_path(config))
}

/// Whether `record` still describes the site that inputs with `digest` build at `now`.
pub(crate) fn is_current(record: &Record, digest: &str, now: &Date) -> bool {
    let now = now.unix();
    record.digest == digest && record.built_at <= now && record.expires.is_none_or(|t| now < t)
}

/// The first moment after the build's "now" at which the same inputs would build a different
/// site: an embargo lifts (a dispatch's or a live update's), live coverage ends, or a dispatch
/// enters or leaves the two-day news sitemap.
pub(crate) fn expires(site: &Site) -> Option<i64> {
    let now = site.now.unix();
    let ends = (site.pages.iter())
        .filter_map(|p| p.live.as_ref()?.coverage_end)
        .map(|d| d.unix());
    let embargoes = site.embargoed.iter().map(|(_, d)| d.unix()).chain(ends);
    let news = site.pages.iter().flat_map(|p| {
        let t = p.date.unix();
        [t, t + 2 * 86_400 + 1]
    });
    embargoes.chain(news).filter(|t| *t > now).min()
}
