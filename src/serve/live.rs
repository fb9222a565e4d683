//! The fast path for live coverage: a new or edited update file of a published live dispatch.
//!
//! When the update changes nothing but that dispatch's own pages and feeds (its place in the
//! site's order, its cities, mentions, bylines and photos stay the same, and no embargo lifts
//! and no coverage ends between the last build's "now" and this one), the dispatch is given
//! its new updates and only the pages that show it are re-rendered (as `fast` does for an
//! edited dispatch), with the feeds and sitemaps. Anything else falls back to the full
//! (cached) rebuild. Tests compare the result with a clean build, byte for byte.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::fast::Last;
use crate::build::Edition;
use crate::content::Doc;
use crate::content::live;
use crate::dates::Date;
use crate::output::OutFile;
use crate::render::Renderer;
use crate::render::jobs::RenderCache;
use crate::site::{Loader, Site};

/// Tries the live fast path at `now`; `None` means "do a full rebuild".
pub fn try_live(
    last: &mut Last,
    loader: &mut Loader,
    cache: &mut RenderCache,
    changed: &[PathBuf],
    now: Date,
) -> Option<(Vec<OutFile>, usize)> {
    let (e, renderer) = last.single()?;
    let site = &e.site;
    if crate::inputs::expires(site).is_some_and(|t| t <= now.unix()) || now < site.now {
        return None;
    }
    let (i, docs) = parse_changed(site, loader, changed)?;
    let old = &site.pages[i];
    let mut all: Vec<Arc<Doc>> = (old.updates.iter().map(|u| u.doc.clone()))
        .chain(old.held.iter().cloned())
        .filter(|d| !docs.iter().any(|n| n.abs == d.abs))
        .collect();
    all.extend(docs.iter().cloned());
    let (placed, held) = live::attach(all, &site.config.timezone, now);
    let mut page = old.clone();
    page.updates = placed;
    page.held = held;
    if !same_place(site, i, &page, loader) || !live::withheld(&page, &page.held).is_empty() {
        return None;
    }
    for d in &docs {
        loader.invalidate([d.abs.as_path()]);
        loader.cache.insert(d.abs.clone(), d.clone());
    }
    let site = &mut e.site;
    let before = (site.pages[i].clone(), site.embargoed.clone(), site.now);
    let sources: Vec<PathBuf> = (old_sources(&site.pages[i])).collect();
    site.embargoed.retain(|(p, _)| !sources.contains(p));
    (site.embargoed).extend(
        page.held
            .iter()
            .map(|d| (d.source.clone(), live::release(d))),
    );
    site.embargoed.sort();
    site.embargoed.dedup();
    site.pages[i] = page;
    site.now = now;
    let done = (e.prep.update_page(&e.site, renderer, i).ok())
        .and_then(|()| render(e, renderer, cache, i));
    if done.is_none() {
        let (page, embargoed, then) = before;
        (e.site.embargoed, e.site.now) = (embargoed, then);
        super::fast::undo(e, renderer, vec![(i, page)]);
    }
    done
}

/// The files of every changed path parsed as updates of one published live dispatch, with
/// that dispatch's index.
fn parse_changed(
    site: &Site,
    loader: &mut Loader,
    changed: &[PathBuf],
) -> Option<(usize, Vec<Arc<Doc>>)> {
    let mut page = None;
    let mut docs = Vec::new();
    for path in changed {
        if path.extension()? != "md" || !path.is_file() {
            return None;
        }
        let is_index = |p: &Path| (site.pages.iter()).position(|q| q.live.is_some() && q.abs == p);
        let dir = live::owner_dir(path, |p| is_index(p).is_some())?;
        let i = is_index(&dir.join("index.md"))?;
        if page.is_some_and(|j| j != i) {
            return None;
        }
        page = Some(i);
        let rel = crate::paths::rel(path, &site.config.root);
        let doc = loader.parse(path, &rel, true, &site.config).ok()?;
        docs.push(Arc::new(doc));
    }
    Some((page?, docs))
}

/// The sources of a dispatch's update files.
fn old_sources(p: &crate::content::Page) -> impl Iterator<Item = PathBuf> + '_ {
    (p.updates.iter().map(|u| &u.doc))
        .chain(&p.held)
        .map(|d| d.source.clone())
}

/// True when `page` (the new version of dispatch `i`) takes the same place in the site: the
/// same position in the order, cities, mentions, bylines, photos and live state.
fn same_place(site: &Site, i: usize, page: &crate::content::Page, loader: &mut Loader) -> bool {
    let old = &site.pages[i];
    let g = &site.gazetteer;
    let order = |a: &crate::content::Page, b: &crate::content::Page| {
        crate::content::newest_first(a, b) == std::cmp::Ordering::Less
    };
    let before_ok = i == 0 || order(&site.pages[i - 1], page);
    let after_ok = site.pages.get(i + 1).is_none_or(|n| order(page, n));

    let authors =
        |p: &crate::content::Page| p.update_authors().into_iter().cloned().collect::<Vec<_>>();
    let mut old_authors = authors(old);
    old_authors.sort();
    let mut new_authors = authors(page);
    new_authors.sort();
    before_ok
        && after_ok
        && names(old) == names(page)
        && old_authors == new_authors
        && page.photos() == old.photos()
        && page.on_air == old.on_air
        && loader.page_mentions(page, g) == old.mentions
}

/// The updates' city names in the order `resolve_places` meets them, each once.
fn names(p: &crate::content::Page) -> Vec<&String> {
    let mut v: Vec<&String> = Vec::new();
    for n in (p.updates.iter().rev()).flat_map(|u| &u.doc.city_names) {
        if !v.contains(&n) {
            v.push(n);
        }
    }
    v
}

/// Re-renders the pages that show dispatch `i`, and every feed and sitemap.
fn render(
    e: &Edition,
    renderer: &Renderer,
    cache: &mut RenderCache,
    i: usize,
) -> Option<(Vec<OutFile>, usize)> {
    let (mut files, n) = super::fast::rerender(e, renderer, cache)?;
    // The feeds that did not change are served as they are.
    let (feeds, _same) = crate::render::feeds::after_edit(
        &e.site,
        &e.plan,
        &e.prep.sigs,
        &mut cache.feeds,
        crate::content::PageId(i as u32),
    );
    files.extend(feeds);
    Some((files, n))
}
