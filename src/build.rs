//! The build pipeline: load → freeze → render in parallel (in memory) → write.
//!
//! `render_site` produces every output file in memory or every error (serve and check use it).
//! `build` streams instead: each page is staged in the output folder as a hidden temp file as
//! soon as it is rendered, and the staged files become visible only once the whole site has
//! rendered, so a bad edit never half-publishes and memory does not grow with the site.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{BuildOptions, Config};
use crate::content::walk::Walked;
use crate::dates::Date;
use crate::error::{Diagnostics, Error};
use crate::inputs;
use crate::output::OutFile;
use crate::output::WriteStats;
use crate::output::{Stage, Staged};
use crate::render::Renderer;
use crate::render::jobs::{self, Prepared, RenderCache, Shared};
use crate::render::plan::Job;
use crate::site::Site;
use crate::timing::Timing;

mod copy;
mod links;
use copy::{copy_files, fingerprint_assets};

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

/// A site rendered in memory.
#[derive(Debug)]
pub struct Rendered {
    /// The frozen site (its default-language edition).
    pub site: Site,
    /// The site's other language editions.
    pub others: Vec<Site>,
    /// Every output file, sorted by path.
    pub files: Vec<OutFile>,
    /// Figures so far.
    pub stats: BuildStats,
    /// Prepared values of the default edition (kept by `serve` for fast rebuilds).
    pub prepared: Option<Prepared>,
    /// The theme (kept by `serve` for fast rebuilds).
    pub renderer: Option<Renderer>,
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

/// Loads and renders a site entirely in memory: every file a build writes, search index included
/// (`serve` renders with [`finish`] and remakes the index apart).
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
    let mut rendered = finish(sites, renderer, &mut Vec::new(), t0)?;
    let t = Instant::now();
    let editions = std::iter::once(&rendered.site).chain(&rendered.others);
    let editions: Vec<&Site> = editions.collect();
    let results: Vec<_> = (editions.par_iter())
        .map(|site| crate::search::files(site))
        .collect();
    let (search, errors) = crate::error::partition(results);
    if !errors.is_empty() {
        return Err(Diagnostics(errors).sorted());
    }
    let search: Vec<OutFile> = search.into_iter().flat_map(|i| i.files).collect();
    if !search.is_empty() {
        rendered.files.extend(search);
        let files = &mut rendered.files;
        files.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
        no_duplicates(files.iter().map(|f| f.path.as_path()))?;
        rendered.stats.files = files.len();
        rendered.stats.timings.push(Timing::since("search", t));
    }
    Ok(rendered)
}

/// One language edition of a site, loaded and prepared: the site, its prepared values and its
/// page plan. Its output goes under its language's folder (`uk/`; the default at the root).
struct Edition {
    site: Site,
    prep: Prepared,
    plan: Vec<Job>,
}

impl Edition {
    /// Where this edition's files go inside the output folder.
    fn prefix(&self) -> &Path {
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

/// Feeds, sitemaps, robots.txt and alias redirects of an edition: the files that are not
/// templated pages, at their place in the output folder. The site-wide `robots.txt` and
/// `_redirects` come from the default edition only.
fn machine_files(e: &Edition, cache: &mut crate::render::feeds::FeedCache) -> Vec<OutFile> {
    let mut files = crate::render::feeds::all(&e.site, &e.plan, &e.prep.sigs, cache);
    files.extend(crate::render::redirects::all(&e.site));
    prefixed(e, files)
}

/// `files` at their place in the output folder: under the edition's language folder.
fn prefixed(e: &Edition, mut files: Vec<OutFile>) -> Vec<OutFile> {
    if !e.prefix().as_os_str().is_empty() {
        files.retain(|f| !SITE_WIDE.iter().any(|n| f.path == Path::new(n)));
        for f in &mut files {
            f.path = e.prefix().join(&f.path);
        }
    }
    files
}

/// `_headers`: the cache policy for Netlify and Cloudflare Pages (the fingerprinted assets
/// are among the copied files).
fn headers_file(site: &Site, copied: &[OutFile]) -> OutFile {
    let c = &site.config;
    let text = (c.cache).headers_file(&c.base_path(), copied.iter().map(|f| f.path.as_path()));
    OutFile {
        path: "_headers".into(),
        bytes: text.into_bytes().into(),
    }
}

/// Files that belong to the whole site, written by the default edition only.
const SITE_WIDE: [&str; 2] = ["robots.txt", "_redirects"];

/// Fails when two outputs claim one path (`paths` sorted).
fn no_duplicates<'a>(mut paths: impl Iterator<Item = &'a Path>) -> Result<(), Diagnostics> {
    let Some(mut last) = paths.next() else {
        return Ok(());
    };
    for p in paths {
        if p == last {
            return Err(Error::Usage(format!(
                "two outputs claim {}; rename the static or content file that collides with a generated page",
                p.display()
            ))
            .into());
        }
        last = p;
    }
    Ok(())
}

/// Renders the loaded editions of a site (the default first) in memory (shared by
/// `render_site` and serve's cached loader); `caches` holds one render cache per edition.
pub fn finish(
    sites: Vec<Result<Site, Diagnostics>>,
    renderer: Result<Renderer, Error>,
    caches: &mut Vec<RenderCache>,
    t0: Instant,
) -> Result<Rendered, Diagnostics> {
    let Ready {
        mut editions,
        renderer,
        copied,
        photos,
        photo_keys: _,
        mut stats,
    } = ready(sites, renderer, caches, t0, &|_, _| {})?;
    let t = Instant::now();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (e, cache) in editions.iter().zip(caches.iter_mut()) {
        let shared = Shared::new(&e.site, &e.prep);
        match jobs::render_all(shared, &renderer, &e.plan, cache) {
            Ok((pages, rendered)) => {
                stats.pages += rendered;
                files.extend(prefixed(e, pages));
                files.extend(machine_files(e, &mut cache.feeds));
            }
            Err(errs) => errors.extend(errs),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors).sorted());
    }
    files.push(headers_file(&editions[0].site, &copied));
    files.extend(copied);
    files.extend(crate::images::process::read_variants(&photos).map_err(Diagnostics::from)?);
    files.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    no_duplicates(files.iter().map(|f| f.path.as_path()))?;
    stats.files = files.len();
    stats.timings.push(Timing::since("render", t));
    let t = Instant::now();
    warn_nowhere(&mut editions, &files);
    stats.timings.push(Timing::since("links", t));
    stats.total = t0.elapsed();
    let mut editions = editions.into_iter();
    let first = editions.next().expect("a site has its default edition");
    Ok(Rendered {
        site: first.site,
        others: editions.map(|e| e.site).collect(),
        files,
        stats,
        prepared: Some(first.prep),
        renderer: Some(renderer),
    })
}

/// Adds to each edition's warnings those for links that point nowhere (see [`links`]): in
/// `files` (sorted), or in a search index, which `render_site` and `serve` make later.
fn warn_nowhere(editions: &mut [Edition], files: &[OutFile]) {
    let published = links::Published {
        files: files.iter().map(|f| f.path.as_path()).collect(),
        folders: (editions.iter())
            .filter(|e| e.site.config.search)
            .map(|e| e.prefix().join(crate::search::BUNDLE_DIR))
            .collect(),
    };
    let sites: Vec<&Site> = editions.iter().map(|e| &e.site).collect();
    let nowhere = links::nowhere(&sites, &published);
    for (e, more) in editions.iter_mut().zip(nowhere) {
        if !more.is_empty() {
            e.site.warnings.extend(more);
            e.site.warnings.sort();
        }
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
    let (digest, current) = check_current(&config, opts, &now);
    let check = Timing::since("check", t0);
    if let Some(rec) = current {
        return Ok(unchanged(rec, check, t0));
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
    let ready = ready(sites, renderer, &mut Vec::new(), t0, progress)?;
    let (site, mut stats) = (&ready.editions[0].site, ready.stats.clone());
    stats
        .timings
        .splice(0..0, [check, places, markdown, mentions]);
    let t = Instant::now();
    inputs::remove_record(&site.config)?;
    let stage = Stage::open(&out_dir)?.precompress(site.config.precompress);
    // The inputs' digest (for the up-to-date record) is worked out while the pages render.
    let ((staged, errors, search_times), digest) = rayon::join(
        || stage_all(&ready, &stage),
        || {
            digest.or_else(|| {
                let known = |p: &Path| spent.cache.get(p).map(|d| d.bytes_hash);
                inputs::digest_with(&site.config, opts, spent.walked()?, known)
            })
        },
    );
    stats.pages = ready.editions.iter().map(|e| e.plan.len()).sum();
    stats.files = staged.len();
    stats.timings.push(Timing::since("render", t));
    if site.config.search {
        stats.timings.extend(search_times);
    }
    if !errors.is_empty() {
        stage.abort(&staged);
        // Writing the output failed for every page the same way (a full disk, a read-only
        // folder): the reason is told once.
        return Err(Diagnostics(crate::error::collapse_io(errors)));
    }
    let t = Instant::now();
    let published = links::Published {
        files: staged.iter().map(|s| s.path.as_path()).collect(),
        folders: Vec::new(),
    };
    let sites: Vec<&Site> = ready.editions.iter().map(|e| &e.site).collect();
    let nowhere = links::nowhere(&sites, &published);
    stats.timings.push(Timing::since("links", t));
    let t = Instant::now();
    stats.write = stage.commit(&staged)?;
    let mut warnings: Vec<String> = (ready.editions.iter().zip(nowhere))
        .flat_map(|(e, mut more)| {
            more.extend(e.site.warnings.iter().cloned());
            more.sort();
            more.into_iter().map(|w| w.to_string())
        })
        .collect();
    let image_cache = crate::images::cache::Cache::new(&site.config.root);
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
        inputs::write_record(&site.config, &record(&built, digest, &ready.editions));
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

/// Renders every page into `stage` as it is rendered, alongside the machine files (about 15 MB
/// at 10,000 dispatches) and the copied files; every error, including two outputs claiming
/// one path.
fn stage_all(r: &Ready, stage: &Stage) -> (Vec<Staged>, Vec<Error>, Vec<Timing>) {
    // The machine files (feeds, sitemaps, redirects; partly serial work) and the search index
    // (mostly serial: Pagefind reads one document at a time) are made alongside the pages
    // rather than after them, so both cores stay busy to the end.
    let offline = r.editions[0].site.config.offline;
    let put = |path: PathBuf, bytes: &[u8]| match std::str::from_utf8(bytes) {
        Ok(text) if offline && path.extension().is_some_and(|e| e == "html") => {
            stage.put(path, crate::offline::link_files(text).as_bytes())
        }
        _ => stage.put(path, bytes),
    };
    let ((mut staged, mut errors), ((search, search_errors, search_times), machine)) = rayon::join(
        || {
            let mut all = (Vec::new(), Vec::new());
            for e in &r.editions {
                let put = |f: OutFile| put(e.prefix().join(f.path), &f.bytes);
                let shared = Shared::new(&e.site, &e.prep);
                let (staged, errors) = jobs::render_each(shared, &r.renderer, &e.plan, put);
                all.0.extend(staged);
                all.1.extend(errors);
            }
            all
        },
        || rayon::join(|| stage_search(r, &put), || stage_machine(r, stage, &put)),
    );
    errors.extend(search_errors);
    staged.extend(search);
    let (machine, machine_errors) = crate::error::partition(machine);
    staged.extend(machine);
    errors.extend(machine_errors);
    staged.par_sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    if let Err(d) = no_duplicates(staged.iter().map(|s| s.path.as_path())) {
        errors.extend(d.0);
    }
    (staged, errors, search_times)
}

/// The search index of every edition (one per language, made side by side), staged; its
/// errors; how long it took (`search`, then each edition's steps).
fn stage_search(
    r: &Ready,
    put: &(impl Fn(PathBuf, &[u8]) -> Result<Staged, Error> + Sync),
) -> (Vec<Staged>, Vec<Error>, Vec<Timing>) {
    let t = Instant::now();
    let results: Vec<_> = (r.editions.par_iter())
        .map(|e| crate::search::files(&e.site))
        .collect();
    let (indexed, mut errors) = crate::error::partition(results);
    let mut timings = vec![Timing::since("search", t)];
    let mut staged = Vec::new();
    for i in indexed {
        timings.extend(i.timings);
        for f in i.files {
            match put(f.path, &f.bytes) {
                Ok(s) => staged.push(s),
                Err(e) => errors.push(e),
            }
        }
    }
    (staged, errors, timings)
}

/// The machine files (feeds, sitemaps, redirects, headers), the copied files and the photos,
/// staged.
fn stage_machine(
    r: &Ready,
    stage: &Stage,
    put: &(impl Fn(PathBuf, &[u8]) -> Result<Staged, Error> + Sync),
) -> Vec<Result<Staged, Error>> {
    let mut machine: Vec<OutFile> = (r.editions.iter())
        .flat_map(|e| machine_files(e, &mut Default::default()))
        .collect();
    machine.push(headers_file(&r.editions[0].site, &r.copied));
    let photos = r
        .photos
        .par_iter()
        .map(|(out, cached)| crate::fs::read(cached).and_then(|b| stage.put(out.clone(), &b)));
    (machine.into_par_iter())
        .chain(r.copied.par_iter().cloned())
        .map(|f| put(f.path, &f.bytes))
        .chain(photos)
        .collect()
}

/// The up-to-date check: the digest of the inputs (with the walk it made) and the record of
/// the last build if it still describes the site. Without a record, or without a built folder,
/// nothing can be up to date: the inputs are then hashed while the pages render, from what the
/// build read, instead of read twice.
fn check_current(
    config: &Config,
    opts: &BuildOptions,
    now: &Date,
) -> (Option<(String, Walked)>, Option<inputs::Record>) {
    let out = &config.output_dir;
    let last = inputs::read_record(config).filter(|_| out.join(crate::output::MANIFEST).is_file());
    let digest = last.as_ref().and_then(|_| inputs::digest(config, opts));
    let current = match (&digest, last) {
        (Some((d, _)), Some(rec)) if inputs::is_current(&rec, d, now) => {
            Some(rec).filter(|_| crate::output::intact(out))
        }
        _ => None,
    };
    (digest, current)
}

fn record(b: &Built, digest: String, editions: &[Edition]) -> inputs::Record {
    let site = &editions[0].site;
    inputs::Record {
        digest,
        built_at: site.now.unix(),
        expires: editions
            .iter()
            .filter_map(|e| inputs::expires(&e.site))
            .min(),
        dispatches: b.stats.dispatches,
        pages: b.stats.pages,
        files: b.stats.files,
        images_cleaned: b.stats.images_cleaned,
        warnings: b.warnings.clone(),
        embargoed: b.embargoed.clone(),
    }
}

/// The result of a build that found nothing changed.
fn unchanged(rec: inputs::Record, check: Timing, t0: Instant) -> Built {
    Built {
        stats: BuildStats {
            dispatches: rec.dispatches,
            pages: rec.pages,
            files: rec.files,
            images_cleaned: rec.images_cleaned,
            images_processed: 0,
            images_cached: 0,
            write: WriteStats {
                unchanged: rec.files,
                ..WriteStats::default()
            },
            timings: vec![check],
            total: t0.elapsed(),
        },
        warnings: rec.warnings,
        embargoed: rec.embargoed,
        up_to_date: true,
        held: Held(None),
    }
}
