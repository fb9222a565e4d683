//! The one render path: a ready site into a sink (see `sink`). Every edition's pages, its
//! machine files (feeds, sitemaps, redirects), `_headers`, the copied files and photos, and the
//! search index, made side by side so both cores stay busy to the end.
//!
//! With render caches (`serve`), only the pages whose fingerprint changed are rendered (see
//! `RenderCache::stale`); the others are listed as unchanged and the caller keeps its copy.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::sink::{PageOf, Sink};
use super::{Edition, Ready};
use crate::error::{Diagnostics, Error};
use crate::output::OutFile;
use crate::render::feeds::FeedCache;
use crate::render::jobs::{self, RenderCache, Shared, Stale};
use crate::site::Site;
use crate::timing::Timing;

/// What rendering a ready site into a sink gave.
pub(super) struct Output<T> {
    /// Every file the sink took, sorted by path.
    pub files: Vec<T>,
    /// Pages as the last render left them (with render caches), sorted by path.
    pub unchanged: Vec<PathBuf>,
    /// Pages rendered.
    pub rendered: usize,
    /// `search`, then each edition's steps (empty without a search index).
    pub search_times: Vec<Timing>,
    /// Every error, including two outputs claiming one path (the files that did reach the
    /// sink are still listed, so that a build can take them back).
    pub errors: Vec<Error>,
}

impl<T> Output<T> {
    /// Every published path (rendered or unchanged), sorted; `path` gives a file's.
    pub(super) fn paths<'a>(&'a self, path: impl Fn(&'a T) -> &'a Path) -> Vec<&'a Path> {
        let mut paths: Vec<&Path> = self.files.iter().map(path).collect();
        if !self.unchanged.is_empty() {
            paths.extend(self.unchanged.iter().map(PathBuf::as_path));
            paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        }
        paths
    }
}

/// Renders `r` into `sink`, reusing the pages `caches` (one per edition) say are unchanged and
/// refreshing them on success; with `search`, makes each edition's search index too.
pub(super) fn render_into<S: Sink>(
    r: &Ready,
    mut caches: Option<&mut [RenderCache]>,
    sink: &S,
    search: bool,
) -> Output<S::Out> {
    let stale: Vec<Option<Stale>> = (r.editions.iter().enumerate())
        .map(|(i, e)| {
            let shared = Shared::new(&e.site, &e.prep);
            caches.as_ref().map(|c| c[i].stale(shared, &e.plan))
        })
        .collect();
    // Without render caches each edition's feeds get a cache of their own, dropped as soon as
    // they are made (it holds every Atom entry: about 20 MB at 10,000 dispatches).
    let mut feeds: Vec<FeedCache> = match caches.as_mut() {
        Some(c) => c.iter_mut().map(|c| std::mem::take(&mut c.feeds)).collect(),
        None => Vec::new(),
    };
    // The machine files (partly serial work) and the search index (mostly serial: Pagefind
    // reads one document at a time) are made alongside the pages rather than after them.
    let (
        (mut files, mut errors, rendered),
        ((found, search_errors, search_times), (machine, kept)),
    ) = rayon::join(
        || pages(r, &stale, sink),
        || {
            rayon::join(
                || match search {
                    true => search_all(r, sink),
                    false => Default::default(),
                },
                || machine_all(r, &mut feeds, sink),
            )
        },
    );
    files.extend(found);
    errors.extend(search_errors);
    let (machine, machine_errors) = crate::error::partition(machine);
    files.extend(machine);
    errors.extend(machine_errors);
    files.par_sort_unstable_by(|a, b| S::path(a).as_os_str().cmp(S::path(b).as_os_str()));
    let mut unchanged: Vec<PathBuf> = (r.editions.iter().zip(&stale))
        .filter_map(|(e, s)| {
            let paths = s.as_ref()?.unchanged_paths(&e.site);
            Some(paths.into_iter().map(|p| e.prefix().join(p)))
        })
        .flatten()
        .collect();
    unchanged.extend(kept);
    unchanged.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    let mut out = Output {
        files,
        unchanged,
        rendered,
        search_times,
        errors,
    };
    if let Err(d) = no_duplicates(out.paths(S::path).into_iter()) {
        out.errors.extend(d.0);
    }
    if let Some(caches) = caches {
        // A failed render's feeds are not what the caller has.
        for (c, f) in caches.iter_mut().zip(feeds) {
            c.feeds = if out.errors.is_empty() {
                f
            } else {
                FeedCache::default()
            };
        }
        if out.errors.is_empty() {
            for ((c, s), e) in caches.iter_mut().zip(stale).zip(&r.editions) {
                c.keep(s.expect("made for every cache"));
                c.set_summaries(&e.prep);
            }
        }
    }
    out
}

/// Every edition's pages (all of them, or those `stale` lists), into `sink`.
fn pages<S: Sink>(
    r: &Ready,
    stale: &[Option<Stale>],
    sink: &S,
) -> (Vec<S::Out>, Vec<Error>, usize) {
    let (mut files, mut errors, mut rendered) = (Vec::new(), Vec::new(), 0);
    for (i, (e, stale)) in r.editions.iter().zip(stale).enumerate() {
        let todo = stale.as_ref().map_or(&e.plan[..], |s| &s.todo[..]);
        let put = |job, f: OutFile| {
            let file = OutFile {
                path: e.prefix().join(f.path),
                bytes: f.bytes,
            };
            sink.page(PageOf { edition: i, job }, file)
        };
        let shared = Shared::new(&e.site, &e.prep);
        let (done, failed) = jobs::render_each(shared, &r.renderer, todo, put);
        files.extend(done);
        errors.extend(failed);
        rendered += todo.len();
    }
    (files, errors, rendered)
}

/// The search index of every edition (one per language, made side by side), into `sink`;
/// its errors; how long it took (`search`, then each edition's steps).
fn search_all<S: Sink>(r: &Ready, sink: &S) -> (Vec<S::Out>, Vec<Error>, Vec<Timing>) {
    let t = Instant::now();
    let results: Vec<_> = (r.editions.par_iter())
        .map(|e| crate::search::files(&e.site))
        .collect();
    let (indexed, mut errors) = crate::error::partition(results);
    let mut timings = vec![Timing::since("search", t)];
    let mut files = Vec::new();
    for i in indexed {
        timings.extend(i.timings);
        for f in i.files {
            match sink.put(f) {
                Ok(s) => files.push(s),
                Err(e) => errors.push(e),
            }
        }
    }
    (files, errors, timings)
}

/// The machine files (feeds, sitemaps, redirects, headers), the copied files and the photos,
/// into `sink`; and the paths of the feeds that `feeds` says the caller has already.
fn machine_all<S: Sink>(
    r: &Ready,
    feeds: &mut [FeedCache],
    sink: &S,
) -> (Vec<Result<S::Out, Error>>, Vec<PathBuf>) {
    let (mut machine, mut kept): (Vec<OutFile>, Vec<PathBuf>) = Default::default();
    for (i, e) in r.editions.iter().enumerate() {
        let (files, same) = match feeds.get_mut(i) {
            Some(cache) => machine_files(e, cache),
            None => machine_files(e, &mut FeedCache::default()),
        };
        machine.extend(files);
        kept.extend(same);
    }
    machine.push(headers_file(&r.editions[0].site, &r.copied));
    let photos = r.photos.par_iter().map(|(out, cached)| {
        let bytes = crate::fs::read(cached)?.into();
        sink.put(OutFile {
            path: out.clone(),
            bytes,
        })
    });
    let put = (machine.into_par_iter())
        .chain(r.copied.par_iter().cloned())
        .map(|f| sink.put(f))
        .chain(photos)
        .collect();
    (put, kept)
}

/// Feeds, sitemaps, robots.txt and alias redirects of an edition: the files that are not
/// templated pages, at their place in the output folder (and the paths of the feeds `cache`
/// says the caller has). The site-wide `robots.txt` and `_redirects` come from the default
/// edition only.
fn machine_files(e: &Edition, cache: &mut FeedCache) -> crate::render::feeds::Made {
    let (mut files, mut same) = crate::render::feeds::all(&e.site, &e.plan, &e.prep.sigs, cache);
    files.extend(crate::render::redirects::all(&e.site));
    if !e.prefix().as_os_str().is_empty() {
        files.retain(|f| !SITE_WIDE.iter().any(|n| f.path == Path::new(n)));
        for f in &mut files {
            f.path = e.prefix().join(&f.path);
        }
        for p in &mut same {
            *p = e.prefix().join(&*p);
        }
    }
    (files, same)
}

/// Files that belong to the whole site, written by the default edition only.
const SITE_WIDE: [&str; 2] = ["robots.txt", "_redirects"];

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
