//! `dateline deploy`: publishes a built output folder to a `[[deploy]]` target (an S3 bucket,
//! any S3-compatible store, or a folder), sending only what changed.
//!
//! The plan compares each built file's MD5 with the remote listing (S3 reports the MD5 of a
//! single-part upload as its ETag; a folder's files are read), so with deterministic output a
//! rebuild uploads exactly the files whose bytes changed. Files are sent assets first, then
//! pages and feeds (so no page ever refers to an asset not yet there), concurrently, each with
//! its Content-Type, Cache-Control and (for compressed bodies) Content-Encoding; files that no
//! longer belong are deleted last, and only when every upload succeeded. A re-run after a
//! failure finishes the job. The library reports through [`DeployEvent`]s and never prints.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{BuildOptions, Config};
use crate::error::{Diagnostics, Error};
use crate::hosting::Encoding;
use crate::hosting::targets::Target;

pub mod local;
mod remote;

use local::LocalFile;
use remote::Remote;

/// The default of `--max-deletes`.
pub const MAX_DELETES: usize = 256;

/// Uploads in flight at once.
const CONCURRENCY: usize = 8;

/// What `dateline deploy` was asked.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// Site root.
    pub root: PathBuf,
    /// Output folder (default `<root>/output`).
    pub output: Option<PathBuf>,
    /// The target's `name`; may be left out when there is one target.
    pub target: Option<String>,
    /// Print the plan, change nothing.
    pub dry_run: bool,
    /// Refuse to delete more remote files than this.
    pub max_deletes: usize,
}

/// The headers a file is stored with.
#[derive(Debug, Clone, Copy)]
pub struct Headers<'a> {
    /// `Content-Type`.
    pub content_type: &'a str,
    /// `Cache-Control`.
    pub cache_control: &'a str,
    /// `Content-Encoding`.
    pub encoding: Option<Encoding>,
}

/// Why a file is uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Not on the target yet.
    New,
    /// On the target with other bytes.
    Changed,
}

/// What a deploy will do.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Uploads, in order: assets, then pages and feeds.
    pub uploads: Vec<(LocalFile, Change)>,
    /// Remote keys that no longer belong.
    pub deletes: Vec<String>,
    /// Files already there with the same bytes.
    pub unchanged: usize,
}

/// What a deploy reports as it goes.
#[derive(Debug)]
pub enum DeployEvent<'a> {
    /// A source file changed after the build being published.
    SourcesChanged(&'a Path),
    /// The plan, before anything changes.
    Planned(&'a Plan),
    /// Uploads finished so far (files and bytes, of the totals).
    Progress {
        /// Files uploaded.
        files: usize,
        /// Of this many.
        of_files: usize,
        /// Bytes uploaded.
        bytes: u64,
        /// Of this many.
        of_bytes: u64,
    },
}

/// What a deploy did.
#[derive(Debug, Clone)]
pub struct Deployed {
    /// The target's name.
    pub target: String,
    /// Files uploaded (with `dry_run`: that would be).
    pub uploaded: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Remote files deleted (or that would be).
    pub deleted: usize,
    /// Files already there.
    pub unchanged: usize,
    /// Nothing was changed.
    pub dry_run: bool,
    /// Wall time.
    pub elapsed: Duration,
}

fn usage(msg: String) -> Diagnostics {
    Error::Usage(msg).into()
}

/// Picks the target named `name`, or the only one.
fn pick<'a>(targets: &'a [Target], name: Option<&str>) -> Result<&'a Target, Diagnostics> {
    let names = || {
        targets
            .iter()
            .map(|t| format!("`{}`", t.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (name, targets) {
        (_, []) => Err(usage(
            "config.toml has no [[deploy]] target; add one, e.g.\n[[deploy]]\nname = \"main\"\nurl = \"s3://my-bucket/\"".into(),
        )),
        (None, [only]) => Ok(only),
        (None, _) => Err(usage(format!(
            "config.toml has several deploy targets; name one: dateline deploy NAME ({})",
            names()
        ))),
        (Some(n), _) => targets.iter().find(|t| t.name == n).ok_or_else(|| {
            usage(format!("no [[deploy]] target named `{n}` in config.toml (there is {})", names()))
        }),
    }
}

/// Publishes the built output folder to the chosen target.
pub fn deploy(
    opts: &DeployOptions,
    on_event: &(dyn Fn(DeployEvent<'_>) + Sync),
) -> Result<Deployed, Diagnostics> {
    let t0 = Instant::now();
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output: opts.output.clone(),
        ..Default::default()
    };
    let config = Config::load(&build_opts)?;
    let target = pick(&config.deploy, opts.target.as_deref())?.clone();
    let out = config.output_dir.clone();
    let files = crate::output::published(&out)?;
    if let Some(changed) = built_at(&out).and_then(|t| crate::inputs::changed_since(&config, t)) {
        let rel = changed.strip_prefix(&config.root).unwrap_or(&changed);
        on_event(DeployEvent::SourcesChanged(rel));
    }
    let local = local::collect(&out, &files, &config.cache, target.content_encoding)
        .map_err(Diagnostics::from)?;
    let fail = |msg: String| usage(format!("deploy to `{}`: {msg}", target.name));
    let remote = Remote::open(&target, &config.root, opts.dry_run).map_err(&fail)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| fail(format!("cannot start: {e}")))?;
    runtime.block_on(async {
        let listing = remote
            .list()
            .await
            .map_err(|e| fail(format!("cannot list the target: {e}")))?;
        let plan = plan(&remote, local, &listing);
        on_event(DeployEvent::Planned(&plan));
        if plan.deletes.len() > opts.max_deletes {
            return Err(fail(format!(
                "it would delete {} files, more than --max-deletes {}; nothing was changed. Check the target's url, then run again with --max-deletes {}",
                plan.deletes.len(),
                opts.max_deletes,
                plan.deletes.len()
            )));
        }
        let bytes = plan.uploads.iter().map(|(f, _)| f.len).sum();
        let mut done = Deployed {
            target: target.name.clone(),
            uploaded: plan.uploads.len(),
            bytes,
            deleted: plan.deletes.len(),
            unchanged: plan.unchanged,
            dry_run: opts.dry_run,
            elapsed: Duration::ZERO,
        };
        if !opts.dry_run {
            upload_all(&remote, &out, &plan, on_event)
                .await
                .map_err(|errors| Diagnostics(errors.into_iter().map(|e| Error::Usage(format!("deploy to `{}`: {e}", target.name))).collect()))?;
            delete_all(&remote, &plan.deletes)
                .await
                .map_err(&fail)?;
        }
        done.elapsed = t0.elapsed();
        Ok(done)
    })
}

/// When the build in `out` finished: its manifest or up-to-date record, whichever is newer.
fn built_at(out: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(out.join(crate::output::MANIFEST))
        .and_then(|m| m.modified())
        .ok()
}

/// Compares the local files with the listing.
fn plan(remote: &Remote, local: Vec<LocalFile>, listing: &remote::Listing) -> Plan {
    let mut unchanged = 0;
    let mut uploads = Vec::new();
    let keys: ahash::AHashSet<&str> = local.iter().map(|f| f.key.as_str()).collect();
    let deletes = listing
        .keys()
        .filter(|k| !keys.contains(k.as_str()))
        .cloned()
        .collect();
    for f in local {
        match listing.get(&f.key) {
            Some(r) if remote.same(&f.key, r, f.len, &f.md5) => unchanged += 1,
            Some(_) => uploads.push((f, Change::Changed)),
            None => uploads.push((f, Change::New)),
        }
    }
    // Assets first, then pages and feeds; each group in path order.
    uploads.sort_by_key(|(f, _)| f.is_page());
    Plan {
        uploads,
        deletes,
        unchanged,
    }
}

/// Uploads the plan's files, assets first; every failure, by file.
async fn upload_all(
    remote: &Remote,
    out: &Path,
    plan: &Plan,
    on_event: &(dyn Fn(DeployEvent<'_>) + Sync),
) -> Result<(), Vec<String>> {
    use futures_util::StreamExt as _;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
    let (files, bytes) = (AtomicUsize::new(0), AtomicU64::new(0));
    let of_files = plan.uploads.len();
    let of_bytes = plan.uploads.iter().map(|(f, _)| f.len).sum();
    let split = plan.uploads.partition_point(|(f, _)| !f.is_page());
    for group in [&plan.uploads[..split], &plan.uploads[split..]] {
        let results: Vec<Result<(), String>> = futures_util::stream::iter(group)
            .map(|(f, _)| async {
                let (body, encoding) =
                    local::body(out, &f.rel, f.encoding).map_err(|e| e.to_string())?;
                let headers = Headers {
                    content_type: &f.content_type,
                    cache_control: &f.cache_control,
                    encoding,
                };
                remote
                    .put(&f.key, body, &headers)
                    .await
                    .map_err(|e| format!("{}: upload failed: {e}", f.key))?;
                on_event(DeployEvent::Progress {
                    files: files.fetch_add(1, Relaxed) + 1,
                    of_files,
                    bytes: bytes.fetch_add(f.len, Relaxed) + f.len,
                    of_bytes,
                });
                Ok(())
            })
            .buffered(CONCURRENCY)
            .collect()
            .await;
        let errors: Vec<String> = results.into_iter().filter_map(Result::err).collect();
        if !errors.is_empty() {
            return Err(errors);
        }
    }
    Ok(())
}

/// Deletes what no longer belongs (after every upload succeeded).
async fn delete_all(remote: &Remote, keys: &[String]) -> Result<(), String> {
    use futures_util::StreamExt as _;
    let results: Vec<Result<(), String>> = futures_util::stream::iter(keys)
        .map(|k| async move {
            remote
                .delete(k)
                .await
                .map_err(|e| format!("{k}: delete failed: {e}"))
        })
        .buffered(CONCURRENCY)
        .collect()
        .await;
    let errors: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}
