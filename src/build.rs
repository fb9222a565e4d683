//! The build pipeline: load → freeze → render in parallel into a sink → write.
//!
//! One render path (`render::render_into`) hands every file to a sink (`sink`): `build` stages
//! each in the output folder as a hidden temp file as soon as it is rendered, and the staged
//! files become visible only once the whole site has rendered, so a bad edit never
//! half-publishes and memory does not grow with the site; `render_site` (check) keeps them in
//! memory; `serve` keeps them compressed and re-renders only what changed ([`finish`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{BuildOptions, Config};
use crate::content::walk::Walked;
use crate::dates::Date;
use crate::error::{Diagnostics, Error};
use crate::inputs;
use crate::output::OutFile;
use crate::output::Stage;
use crate::output::WriteStats;
use crate::render::Renderer;
use crate::render::jobs::{Prepared, RenderCache};
use crate::render::plan::Job;
use crate::site::Site;
use crate::timing::Timing;

mod copy;
mod current;
mod links;
mod render;
mod sink;
use copy::{copy_files, fingerprint_assets};
use sink::Disk;
pub use sink::{Memory, PageOf, Sink};

/// Figures of one build.
#[derive(Debug, Default, Clone)]
pub struct BuildStats {
    /// Published dispatches.
    pub dispatches: usize,
    /// HTML pages rendered.
    pub pages: usize,
    /// All output files.
    pub files: usize,
    /// Images whose metadata was removed.
    pub images_cleaned: usize,
    /// Photos resized and encoded by this build.
    pub images_processed: usize,
    /// Photos whose variants came from the cache.
    pub images_cached: usize,
    /// What writing did (zero when building in memory).
    pub write: WriteStats,
    /// Time per stage.
    pub timings: Vec<Timing>,
    /// Total time.
    pub total: Duration,
}

/// A site rendered into a sink (see [`finish`]); `render_site` keeps every file in memory.
#[derive(Debug)]
pub struct Rendered<F = OutFile> {
    /// The frozen editions, the default first (`serve` keeps them to render pages on request
    /// and for fast rebuilds).
    pub editions: Vec<Edition>,
    /// Every output file rendered, sorted by path.
    pub files: Vec<F>,
    /// Pages left as the last render made them (with render caches), sorted by path.
    pub unchanged: Vec<PathBuf>,
    /// Figures so far.
    pub stats: BuildStats,
    /// The theme.
    pub renderer: Renderer,
}

impl<F> Rendered<F> {
    /// The default-language edition's site.
    pub fn site(&self) -> &Site {
        &self.editions[0].site
    }

    /// Every edition's site, the default first.
    pub fn sites(&self) -> impl Iterator<Item = &Site> {
        self.editions.iter().map(|e| &e.site)
    }
}

/// What a build did: its figures and what to tell the user (the pages went to disk).
#[derive(Debug)]
pub struct Built {
    /// Figures.
    pub stats: BuildStats,
    /// Warnings, as printed.
    pub warnings: Vec<String>,
    /// Embargoed dispatches and when each goes live (RFC 3339).
    pub embargoed: Vec<(PathBuf, String)>,
    /// Nothing had changed since the last build into this folder: nothing was loaded or
    /// rendered (see `inputs`).
    pub up_to_date: bool,
    /// The loaded site, freed when this is dropped.
    pub held: Held,
}

/// The loaded site and theme of a build. Freeing them piece by piece takes a while (about
/// 70 ms for 10,000 dispatches), so a process that is about to exit lets them go with it
/// ([`Held::leak`]); anything else just drops them.
pub struct Held(Option<Box<(Ready, crate::site::Spent)>>);

impl Held {
    /// Leaves the memory to the operating system, which reclaims it at exit in one go.
    pub fn leak(mut self) {
        std::mem::forget(self.0.take());
    }
}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Held(site)"
        } else {
            "Held(none)"
        })
    }
}

/// Loads and renders a site entirely in memory: every file a build writes, search index
/// included.
pub fn render_site(config: Config, now: Date) -> Result<Rendered, Diagnostics> {
    let t0 = Instant::now();
    let renderer = Renderer::load(&config);
    let t = Instant::now();
    let loader = crate::site::Loader::new(&config)?;
    let places = Timing::since("places", t);
    let (mut sites, _spent) = loader.load_all_once(&config, now);
    if let Some(Ok(site)) = sites.first_mut() {
        site.timings.insert(0, places);
    }
    finish(sites, renderer, &mut Vec::new(), t0, &Memory, true)
}

/// One language edition of a site, loaded and prepared: the site, its prepared values and its
/// page plan. Its output goes under its language's folder (`uk/`; the default at the root).
#[derive(Debug)]
pub struct Edition {
    /// The frozen site.
    pub site: Site,
    /// Its prepared values.
    pub prep: Prepared,
    /// Its pages.
    pub plan: Vec<Job>,
}

impl Edition {
    /// Where this edition's files go inside the output folder.
    pub fn prefix(&self) -> &Path {
        Path::new(&self.site.config.lang().prefix)
    }
}

/// A loaded site ready to render: its editions, its theme, and the files copied from
/// `static/`, the theme and `content/`.
struct Ready {
    editions: Vec<Edition>,
    renderer: Renderer,
    copied: Vec<OutFile>,
    /// Photo variants: output path, file in the image cache (read when written out, so
    /// memory does not grow with the number of photos).
    photos: Vec<(PathBuf, PathBuf)>,
    /// The image cache keys this build uses.
    photo_keys: std::collections::BTreeSet<String>,
    stats: BuildStats,
}

/// Reports photos processed so far and their number.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Everything before rendering pages: every edition linked to the others, static files,
/// prepared values, the plans. `caches` holds one render cache per edition (grown as needed).
fn ready(
    sites: Vec<Result<Site, Diagnostics>>,
    renderer: Result<Renderer, Error>,
    caches: &mut Vec<RenderCache>,
    t0: Instant,
    progress: Progress<'_>,
) -> Result<Ready, Diagnostics> {
    let mut stats = BuildStats::default();
    let mut errors = Vec::new();
    let mut loaded = Vec::with_capacity(sites.len());
    for s in sites {
        match s {
            Ok(s) => loaded.push(s),
            Err(d) => errors.extend(d.0),
        }
    }
    let renderer = renderer.map_err(|e| errors.push(e)).ok();
    let Some(mut renderer) = renderer.filter(|_| errors.is_empty()) else {
        return Err(Diagnostics(errors).sorted());
    };
    let mut sites = loaded;
    crate::site::link(&mut sites).map_err(Diagnostics::sorted)?;
    // The menu is one for every edition; checked against the default one.
    let menu = crate::render::standalone::check_menu(&sites[0]);
    if !menu.is_empty() {
        return Err(Diagnostics::from(menu));
    }
    stats.timings.extend(sites[0].timings.iter().copied());
    stats.timings.push(Timing::since("load", t0));
    let t = Instant::now();
    let (copied, cleaned, photos) = copy_files(&sites, progress).map_err(Diagnostics::from)?;
    stats.images_cleaned = cleaned;
    stats.images_processed = photos.made;
    stats.images_cached = photos.cached;
    let (copied, assets) = fingerprint_assets(copied);
    renderer.set_global("assets", &assets);
    stats.timings.push(Timing::since("static", t));
    let t = Instant::now();
    caches.resize_with(sites.len().max(caches.len()), RenderCache::default);
    let mut editions = Vec::with_capacity(sites.len());
    for (site, cache) in sites.into_iter().zip(caches.iter()) {
        match Prepared::new(&site, &renderer, cache) {
            Ok(mut prep) => {
                prep.set_assets(&site, &assets);
                let plan = crate::render::plan::plan(&site);
                stats.dispatches += site.pages.len();
                editions.push(Edition { site, prep, plan });
            }
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors).sorted());
    }
    stats.timings.push(Timing::since("prepare", t));
    Ok(Ready {
        editions,
        renderer,
        copied,
        photos: photos.variants,
        photo_keys: photos.keys,
        stats,
    })
}

/// Renders the loaded editions of a site (the default first) into `sink`, the search index
/// too when `search` (`render_site`; serve makes it apart). `caches` holds one render cache per
/// edition: the pages they say are unchanged are not rendered but listed in
/// [`Rendered::unchanged`] (serve keeps its copy).
pub fn finish<S: Sink>(
    sites: Vec<Result<Site, Diagnostics>>,
    renderer: Result<Renderer, Error>,
    caches: &mut Vec<RenderCache>,
    t0: Instant,
    sink: &S,
    search: bool,
) -> Result<Rendered<S::Out>, Diagnostics> {
    let n = sites.len();
    let mut ready = ready(sites, renderer, caches, t0, &|_, _| {})?;
    let mut stats = std::mem::take(&mut ready.stats);
    let t = Instant::now();
    let mut out = render::render_into(&ready, Some(&mut caches[..n]), sink, search);
    if !out.errors.is_empty() {
        return Err(Diagnostics(out.errors).sorted());
    }
    stats.pages = out.rendered;
    stats.files = out.files.len() + out.unchanged.len();
    stats.timings.push(Timing::since("render", t));
    stats.timings.append(&mut out.search_times);
    let t = Instant::now();
    warn_nowhere(&mut ready.editions, out.paths(S::path), search);
    stats.timings.push(Timing::since("links", t));
    stats.total = t0.elapsed();
    Ok(Rendered {
        editions: ready.editions,
        files: out.files,
        unchanged: out.unchanged,
        stats,
        renderer: ready.renderer,
    })
}

/// Adds to each edition's warnings those for links that point nowhere (see [`links`]): in
/// `files` (sorted), or, unless it was `indexed` with them, in a search index (serve makes it
/// later).
fn warn_nowhere(editions: &mut [Edition], files: Vec<&Path>, indexed: bool) {
    let published = links::Published {
        files,
        folders: (editions.iter())
            .filter(|e| e.site.config.search && !indexed)
            .map(|e| e.prefix().join(crate::search::BUNDLE_DIR))
            .collect(),
    };
    let sites: Vec<&Site> = editions.iter().map(|e| &e.site).collect();
    let nowhere = links::nowhere(&sites, &published);
    for (e, more) in editions.iter_mut().zip(nowhere) {
        e.site.warnings.extend(more);
        e.site.warnings.sort();
    }
}

/// Full build: load, then render every page in parallel, staging each changed file in the
/// output folder as soon as it is rendered (so memory stays bounded), and make them visible
/// together once every page has rendered. A render error removes the staged files and leaves
/// the old site untouched. When the inputs are those of the last build into the folder (and it
/// is intact), nothing is loaded, rendered or written.
pub fn build(opts: &BuildOptions, now: Option<Date>) -> Result<Built, Diagnostics> {
    build_with(opts, now, &|_, _| {})
}

/// [`build`], calling `progress(done, total)` as photos are processed (for a progress bar).
pub fn build_with(
    opts: &BuildOptions,
    now: Option<Date>,
    progress: Progress<'_>,
) -> Result<Built, Diagnostics> {
    let t0 = Instant::now();
    let config = Config::load(opts)?;
    crate::output::check_target(&config.output_dir, &config.root)?;
    // Held until this function returns: from reading the manifest and the up-to-date record to
    // the last write, no other build may touch the folder.
    let _lock = crate::output::lock(&config.output_dir)?;
    let now = now.unwrap_or_else(Date::now);
    let out_dir = config.output_dir.clone();
    // The places and the theme load on another thread while this one runs the up-to-date
    // check; when the check finds nothing to do, the build returns without waiting for them.
    let loading = {
        let config = config.clone();
        std::thread::spawn(move || {
            let t = Instant::now();
            let renderer = Renderer::load(&config);
            let loader = crate::site::Loader::new(&config);
            (renderer, loader, Timing::since("places", t))
        })
    };
    let (digest, current) = current::check(&config, opts, &now);
    let check = Timing::since("check", t0);
    if let Some(rec) = current {
        return Ok(current::unchanged(rec, check, t0));
    }
    let (digest, walked) = match digest {
        Some((d, w)) => (Some(d), Some(w)),
        None => (None, None),
    };
    let t = Instant::now();
    let (walked, early) = early_markdown(&config, walked, &loading);
    let markdown = Timing::since("markdown", t);
    let (renderer, loader, places) = loading
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let mut loader = loader?;
    let t = Instant::now();
    loader.adopt(early, &config);
    let mentions = Timing::since("mentions", t);
    loader.reuse_walk(walked);
    let (sites, spent) = loader.load_all_once(&config, now);
    let mut ready = ready(sites, renderer, &mut Vec::new(), t0, progress)?;
    let mut stats = std::mem::take(&mut ready.stats);
    stats
        .timings
        .splice(0..0, [check, places, markdown, mentions]);
    let t = Instant::now();
    let config = &ready.editions[0].site.config;
    inputs::remove_record(config)?;
    let stage = Stage::open(&out_dir)?.precompress(config.precompress);
    let sink = Disk {
        stage: &stage,
        offline: config.offline,
    };
    // The inputs' digest (for the up-to-date record) is worked out while the pages render.
    let (mut out, digest) = rayon::join(
        || render::render_into(&ready, None, &sink, config.search),
        || {
            digest.or_else(|| {
                let known = |p: &Path| spent.cache.get(p).map(|d| d.bytes_hash);
                inputs::digest_with(config, opts, spent.walked()?, known)
            })
        },
    );
    stats.pages = out.rendered;
    stats.files = out.files.len();
    stats.timings.push(Timing::since("render", t));
    stats.timings.append(&mut out.search_times);
    if !out.errors.is_empty() {
        stage.abort(&out.files);
        // Writing the output failed for every page the same way (a full disk, a read-only
        // folder): the reason is told once.
        return Err(Diagnostics(crate::error::collapse_io(out.errors)));
    }
    let t = Instant::now();
    warn_nowhere(&mut ready.editions, out.paths(Disk::path), true);
    stats.timings.push(Timing::since("links", t));
    let t = Instant::now();
    stats.write = stage.commit(&out.files)?;
    let mut warnings: Vec<String> = (ready.editions.iter())
        .flat_map(|e| e.site.warnings.iter().map(ToString::to_string))
        .collect();
    let image_cache = crate::images::cache::Cache::new(&ready.editions[0].site.config.root);
    if let Err(e) = image_cache.prune(&ready.photo_keys) {
        warnings.push(format!("warning: could not prune the image cache: {e}"));
    }
    let built = Built {
        warnings,
        embargoed: (ready.editions.iter())
            .flat_map(|e| e.site.embargoed.iter())
            .map(|(p, d)| (p.clone(), d.rfc3339()))
            .collect(),
        up_to_date: false,
        stats,
        held: Held(None),
    };
    if let Some(digest) = digest {
        let config = &ready.editions[0].site.config;
        inputs::write_record(config, &current::record(&built, digest, &ready.editions));
    }
    let mut built = built;
    built.stats.timings.push(Timing::since("write", t));
    built.stats.total = t0.elapsed();
    built.held = Held(Some(Box::new((ready, spent))));
    Ok(built)
}

/// While the gazetteer and its matcher load on another thread, walks `content/` (unless the
/// up-to-date check did) and parses the Markdown files, stopping as soon as the places are in:
/// the loader parses the rest with them. Files that fail are left to the loader, which reports
/// them.
fn early_markdown<T>(
    config: &Config,
    walked: Option<Walked>,
    places: &std::thread::JoinHandle<T>,
) -> (Option<Walked>, Vec<crate::content::Doc>) {
    let walked = walked.or_else(|| {
        let mut errors = Vec::new();
        let w = crate::content::walk::walk(&config.content_dir, &config.root, &mut errors);
        errors.is_empty().then_some(w)
    });
    let Some(w) = walked else {
        return (None, Vec::new());
    };
    let docs = w
        .markdown
        .par_iter()
        .with_max_len(16)
        .filter(|_| !places.is_finished())
        .filter_map(|f| {
            crate::content::parse_unplaced(&f.abs, &f.rel, w.is_update(&f.abs), config).ok()
        })
        .collect();
    (Some(w), docs)
}
