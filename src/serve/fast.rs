//! The fast path of a preview rebuild: a saved dispatch whose place in the site is unchanged.
//!
//! When every changed file is a published dispatch whose "structure" (title, dates, slug,
//! cities, tags, authors, dateline, draft state, mentions, images) is the same as before, the
//! site's order, index, maps, sitemaps and redirects cannot change. Then only the pages whose
//! fingerprint changed are re-rendered (its own page and text-only page, its neighbours, and
//! the one page of each list it appears on: the render cache's one dependency model, see
//! `RenderCache::stale`), plus the feeds that carry it. Anything else falls back to the full
//! (cached) rebuild. Tests check both paths against a clean build, byte for byte.

use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;

use crate::build::{Edition, PageOf};
use crate::content::{Doc, Page};
use crate::output::OutFile;
use crate::render::Renderer;
use crate::render::jobs::{self, RenderCache, Shared};
use crate::site::Loader;

/// The last good build, frozen: the served pages are rendered from it when asked for (see
/// `Preview::get`), and the fast paths patch it.
#[derive(Debug)]
pub struct Last {
    /// Its language editions, the default first.
    pub editions: Vec<Edition>,
    /// Its theme.
    pub renderer: Renderer,
}

impl Last {
    /// Renders one of its pages again: the bytes the build published (the page's fingerprint
    /// covers all it shows, and the tests compare every served page with a clean build).
    pub(super) fn page(&self, of: PageOf) -> Option<Bytes> {
        let e = self.editions.get(of.edition)?;
        let shared = Shared::new(&e.site, &e.prep);
        jobs::render_job(shared, &self.renderer, of.job)
            .ok()
            .map(|f| f.bytes)
    }

    /// The one edition the fast paths know, with the theme: a site with translations always
    /// takes the full (cached) rebuild, which re-renders only the pages whose inputs changed.
    pub(super) fn single(&mut self) -> Option<(&mut Edition, &Renderer)> {
        match &mut self.editions[..] {
            [e] => Some((e, &self.renderer)),
            _ => None,
        }
    }
}

/// Puts dispatches back as they were (a fast path that failed half-way: the last good build
/// stays what is served).
pub(super) fn undo(e: &mut Edition, renderer: &Renderer, old: Vec<(usize, Page)>) {
    for (i, page) in old {
        e.site.pages[i] = page;
        // It rendered before, with these very inputs.
        let _ = e.prep.update_page(&e.site, renderer, i);
    }
}

/// Re-renders the pages of the last build whose fingerprint changed (after `prep` took the
/// new dispatches); `None` on a template error (the full rebuild reports it).
pub(super) fn rerender(
    e: &Edition,
    renderer: &Renderer,
    cache: &mut RenderCache,
) -> Option<(Vec<OutFile>, usize)> {
    let shared = Shared::new(&e.site, &e.prep);
    let stale = cache.stale(shared, &e.plan);
    let (files, errors) = jobs::render_each(shared, renderer, &stale.todo, |_, f| Ok(f));
    if !errors.is_empty() {
        return None;
    }
    let n = stale.todo.len();
    cache.keep(stale);
    cache.remember_summaries(&e.prep);
    Some((files, n))
}

/// True when two versions of a dispatch take the same place in the site. Every field of
/// `Doc` is named here, so a new field does not compile until it is classed as structural
/// (compared) or as shown only on pages whose fingerprint carries the dispatch's signature
/// (ignored: `rerender` finds them).
fn same_structure(a: &Doc, b: &Doc) -> bool {
    let Doc {
        // Identity and change detection: the same file, changed.
        source: _,
        abs: _,
        hash: _,
        bytes_hash: _,
        lines: _,
        bundle,
        // Where the dispatch sits: order, address, lists, feeds, maps.
        title,
        date,
        updated,
        publish_after,
        slug,
        url,
        authors,
        tags,
        city_names,
        dateline_name,
        draft,
        live,
        update,
        // Shown only on its own page and in the summaries of the lists it is on.
        summary_text: _,
        content_warning: _,
        // Set only when editions are linked (a site with translations takes the full path).
        content_warning_lang: _,
        sources: _,
        corrections: _,
        html: _,
        hits: _,
        image: _,
        body,
        // What the build warns about stays the same (the served warnings come from a full
        // build).
        notes,
        html_removed,
        // Links by source path are rewritten, and links and images checked, against the whole
        // site: the same links (at the same places, so the warnings stay true) and none to
        // rewrite.
        source_links,
        image_links,
    } = a;
    *bundle == b.bundle
        && *title == b.title
        && *date == b.date
        && *updated == b.updated
        && *publish_after == b.publish_after
        && *slug == b.slug
        && *url == b.url
        && *authors == b.authors
        && *tags == b.tags
        && *city_names == b.city_names
        && *dateline_name == b.dateline_name
        && *draft == b.draft
        && *live == b.live
        && update.is_none()
        && b.update.is_none()
        && body.images == b.body.images
        && *notes == b.notes
        && *html_removed == b.html_removed
        && *source_links == b.source_links
        && (image_links.iter().map(|l| &l.target)).eq(b.image_links.iter().map(|l| &l.target))
        && (image_links.iter().zip(&b.image_links))
            .all(|(x, y)| x.loc == y.loc || crate::images::markup::local(&x.target).is_some())
        && !crate::content::links::rewrites(source_links)
}

/// Tries the fast path; `None` means "do a full rebuild". On success returns the re-rendered
/// files (to put into the served map) and how many pages were rendered.
pub fn try_fast(
    last: &mut Last,
    loader: &mut Loader,
    cache: &mut RenderCache,
    changed: &[PathBuf],
) -> Option<(Vec<OutFile>, usize)> {
    let (e, renderer) = last.single()?;
    let mut updates: Vec<(usize, Arc<Doc>)> = Vec::new();
    for path in changed {
        if path.extension()? != "md" || !path.is_file() {
            return None;
        }
        let old = loader.cache.get(path)?.clone();
        let i = (e.site.pages.iter()).position(|p| Arc::ptr_eq(&p.doc, &old))?;
        let doc = (loader.parse(path, &old.source, old.update.is_some(), &e.site.config)).ok()?;
        if !same_structure(&old, &doc) {
            return None;
        }
        let page = &e.site.pages[i];
        if loader.mentions(&doc, &page.cities, &e.site.gazetteer) != page.mentions {
            return None;
        }
        updates.push((i, Arc::new(doc)));
    }
    let mut old = Vec::with_capacity(updates.len());
    let mut prepared = true;
    for (i, doc) in &updates {
        old.push((*i, e.site.pages[*i].clone()));
        e.site.pages[*i].doc = doc.clone();
        prepared = prepared && e.prep.update_page(&e.site, renderer, *i).is_ok();
    }
    // The parsed files are the files on disk, whatever happens to the build.
    for (_, doc) in updates {
        loader.cache.insert(doc.abs.clone(), doc);
    }
    let rendered = if prepared {
        rerender(e, renderer, cache)
    } else {
        None
    };
    let Some((mut files, n)) = rendered else {
        undo(e, renderer, old);
        return None;
    };
    let sigs = e.prep.sigs.as_slice();
    // The feeds that did not change are served as they are.
    let (feeds, _same) = crate::render::feeds::atom_feeds(&e.site, sigs, &mut cache.feeds);
    files.extend(feeds);
    files.push(crate::render::feeds::rss_file(&e.site));
    Some((files, n))
}
