//! What `serve` keeps between rebuilds so that a rebuild renders only the pages that look
//! different: every page's fingerprint (`plan::fingerprint`), the dispatches' summary views and
//! the Atom feeds' entries. The full (cached) rebuild and both fast paths ask it the same
//! question ([`RenderCache::stale`]): one dependency model.

use ahash::AHashMap as HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::Value;

use super::jobs::{Prepared, Shared};
use super::plan::{self, Job};

/// What `serve` keeps between rebuilds to render only what changed: every page's fingerprint
/// (see [`plan::fingerprint`]) and every dispatch's summary view of the last good render, and
/// the Atom feeds' entries. The pages' bytes are not here: the caller keeps what it published.
/// Clear it whenever config, templates, gazetteer or static files change.
#[derive(Debug, Default)]
pub struct RenderCache {
    pub(super) summaries: HashMap<u64, Value>,
    /// Keyed by job: a fingerprint also covers where the job's page goes (see
    /// `plan::fingerprint`), so an equal one means the same bytes at the same path.
    pages: HashMap<Job, u64>,
    /// Atom feeds (see `feeds::all`).
    pub feeds: crate::render::feeds::FeedCache,
}

/// Which jobs of a plan must render again (see [`RenderCache::stale`]).
#[derive(Debug, Default)]
pub struct Stale {
    /// Jobs whose page is new or looks different, in plan order.
    pub todo: Vec<Job>,
    /// Jobs whose page is as the last render left it.
    unchanged: Vec<Job>,
    fingerprints: Vec<(Job, u64)>,
}

impl Stale {
    /// The output paths of the pages that are as the last render left them.
    pub fn unchanged_paths(&self, site: &crate::site::Site) -> Vec<PathBuf> {
        (self.unchanged.par_iter())
            .map(|j| plan::job_path(site, *j))
            .collect()
    }
}

impl RenderCache {
    /// Compares every job's fingerprint with the last good render's: one dependency model for
    /// the full (cached) rebuild and serve's fast paths alike. Only hashes: about 6 ms for the
    /// 28,600 pages of a 10,000-dispatch site on a busy machine, where working out every page's
    /// path as well made a save take 100 ms (`examples/serve_latency.rs`).
    pub fn stale(&self, shared: Shared<'_>, jobs: &[Job]) -> Stale {
        let (site, prep) = (shared.site, shared.prep);
        let fingerprints: Vec<(Job, u64)> = (jobs.par_iter())
            .with_min_len(1024)
            .map(|j| (*j, plan::fingerprint(site, &prep.sigs, prep.map_sig(), *j)))
            .collect();
        let mut stale = Stale::default();
        for (j, fp) in &fingerprints {
            if self.pages.get(j) == Some(fp) {
                stale.unchanged.push(*j);
            } else {
                stale.todo.push(*j);
            }
        }
        stale.fingerprints = fingerprints;
        stale
    }

    /// Records a render of the jobs `stale` listed, which succeeded.
    pub fn keep(&mut self, stale: Stale) {
        self.pages.clear();
        self.pages.extend(stale.fingerprints);
    }

    /// Remembers every summary of `prep` by its page signature.
    pub fn remember_summaries(&mut self, prep: &Prepared) {
        for (sig, v) in prep.sigs.iter().zip(&prep.summaries) {
            self.summaries.entry(*sig).or_insert_with(|| v.clone());
        }
    }

    /// Keeps exactly the summaries of `prep` (after a full render).
    pub fn set_summaries(&mut self, prep: &Prepared) {
        self.summaries = (prep.sigs.iter().copied())
            .zip(prep.summaries.iter().cloned())
            .collect();
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.summaries.clear();
        self.pages.clear();
        self.feeds.clear();
    }
}
