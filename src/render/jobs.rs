//! What pages a site has, and rendering them all in parallel.
//!
//! `plan` lists every templated page (front page and its pagination, dispatches, cities,
//! tags, authors, 404); `render_all` renders them with rayon into memory. Summary views are
//! serialised once per dispatch and shared by every list, so list pages cost O(page size).

use std::path::PathBuf;

use rayon::prelude::*;
use tera::{Context, Value};

use super::Renderer;
use super::context::{self, CityView, MonthGroup, PageNumber, PaginatorView, SiteView, TermView};
use crate::content::PageId;
use crate::error::Error;
use crate::index::Term;
use crate::site::Site;
use crate::urls::UrlPath;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    /// Front page number n (1-based).
    Home(usize),
    /// A dispatch.
    Article(PageId),
    /// All cities.
    Cities,
    /// City (index into `Index::cities`), page n.
    City(usize, usize),
    /// All tags.
    Tags,
    /// Tag (index into `Index::tags`), page n.
    Tag(usize, usize),
    /// Author (index into `Index::authors`), page n.
    Author(usize, usize),
    /// The 404 page.
    NotFound,
}

/// A rendered output file.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Path relative to the output folder.
    pub path: PathBuf,
    /// Bytes.
    pub bytes: Vec<u8>,
}

fn pages_for(n: usize, per: usize) -> usize {
    n.div_ceil(per).max(1)
}

/// Every templated page of the site.
pub fn plan(site: &Site) -> Vec<Job> {
    let per = site.config.paginate;
    let ix = &site.index;
    let mut jobs: Vec<Job> = (1..=pages_for(site.pages.len(), per)).map(Job::Home).collect();
    jobs.extend((0..site.pages.len()).map(|i| Job::Article(PageId(i as u32))));
    jobs.push(Job::Cities);
    for (i, c) in ix.cities.iter().enumerate() {
        jobs.extend((1..=pages_for(c.pages.len(), per)).map(|n| Job::City(i, n)));
    }
    jobs.push(Job::Tags);
    for (i, t) in ix.tags.iter().enumerate() {
        jobs.extend((1..=pages_for(t.pages.len(), per)).map(|n| Job::Tag(i, n)));
    }
    for (i, t) in ix.authors.iter().enumerate() {
        jobs.extend((1..=pages_for(t.pages.len(), per)).map(|n| Job::Author(i, n)));
    }
    jobs.push(Job::NotFound);
    jobs
}

/// Shared, precomputed values.
pub struct Shared<'a> {
    site: &'a Site,
    site_value: Value,
    summaries: Vec<Value>,
}

impl<'a> Shared<'a> {
    /// Serialises the site and every dispatch summary once.
    pub fn new(site: &'a Site) -> Self {
        let c = &site.config;
        let site_value = Value::from_serializable(&SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            language: &c.language,
            copyright: &c.copyright,
            dispatch_count: site.pages.len(),
        });
        let summaries = site
            .pages
            .par_iter()
            .map(|p| Value::from_serializable(&context::summary(site, p)))
            .collect();
        Shared {
            site,
            site_value,
            summaries,
        }
    }
}

/// Renders every job; all errors are collected.
pub fn render_all(shared: &Shared<'_>, r: &Renderer, jobs: &[Job]) -> Result<Vec<OutFile>, Vec<Error>> {
    let results: Vec<Result<OutFile, Error>> = jobs.par_iter().map(|j| render_job(shared, r, *j)).collect();
    let mut files = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for res in results {
        match res {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok(files) } else { Err(errors) }
}

/// The relative way back to the site root from a page at `url` (`../../` for `/a/b/`).
pub fn root_prefix(url: &UrlPath) -> String {
    let depth = url.as_str().trim_matches('/').split('/').filter(|s| !s.is_empty()).count();
    let dir_depth = if url.as_str().ends_with('/') { depth } else { depth.saturating_sub(1) };
    "../".repeat(dir_depth)
}

fn base_ctx(sh: &Shared<'_>, url: &UrlPath, title: &str, kind: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert_value("site", sh.site_value.clone());
    ctx.insert("root", &root_prefix(url));
    ctx.insert("path", &context::rel(url));
    ctx.insert("permalink", &sh.site.config.permalink(url));
    ctx.insert("title", title);
    ctx.insert("kind", kind);
    ctx
}

/// Render one job.
pub fn render_job(sh: &Shared<'_>, r: &Renderer, job: Job) -> Result<OutFile, Error> {
    let site = sh.site;
    let (url, html) = match job {
        Job::Home(n) => {
            let base = UrlPath::root();
            let url = page_url(&base, n);
            let all: Vec<PageId> = site.pages.iter().map(|p| p.id).collect();
            let mut ctx = base_ctx(sh, &url, &site.config.title, "index");
            ctx.insert("paginator", &paginator(sh, &base, &all, n));
            (url, r.render("index.html", &ctx, None)?)
        }
        Job::Article(id) => {
            let p = &site.pages[id.0 as usize];
            let mut ctx = base_ctx(sh, &p.url, &p.title, "article");
            ctx.insert("page", &context::page_view(site, p));
            (p.url.clone(), r.render("article.html", &ctx, Some(&p.source))?)
        }
        Job::Cities => cities_page(sh, r)?,
        Job::City(i, n) => city_page(sh, r, i, n)?,
        Job::Tags => {
            let url = UrlPath::parse("/tags/");
            let mut ctx = base_ctx(sh, &url, "Tags", "tags");
            let terms: Vec<TermView<'_>> = site.index.tags.iter().map(|t| term_view(t, "tags")).collect();
            ctx.insert("terms", &terms);
            (url, r.render("tags.html", &ctx, None)?)
        }
        Job::Tag(i, n) => term_page(sh, r, &site.index.tags[i], "tags", "tag.html", n)?,
        Job::Author(i, n) => term_page(sh, r, &site.index.authors[i], "authors", "author.html", n)?,
        Job::NotFound => {
            let url = UrlPath::parse("/404.html");
            let mut ctx = base_ctx(sh, &url, "Page not found", "404");
            // Served at any depth: link from the absolute base path instead.
            ctx.insert("root", &site.config.base_path());
            (url, r.render("404.html", &ctx, None)?)
        }
    };
    Ok(OutFile {
        path: url.file(),
        bytes: html.into_bytes(),
    })
}

fn term_view<'a>(t: &'a Term, kind: &str) -> TermView<'a> {
    TermView {
        name: &t.name,
        path: format!("{kind}/{}/", t.slug),
        feed_path: if kind == "tags" { format!("{kind}/{}/atom.xml", t.slug) } else { String::new() },
        count: t.pages.len(),
    }
}

fn term_page(
    sh: &Shared<'_>,
    r: &Renderer,
    t: &Term,
    kind: &str,
    template: &str,
    n: usize,
) -> Result<(UrlPath, String), Error> {
    let base = UrlPath::parse(&format!("/{kind}/{}/", t.slug));
    let url = page_url(&base, n);
    let mut ctx = base_ctx(sh, &url, &t.name, kind.trim_end_matches('s'));
    ctx.insert("term", &term_view(t, kind));
    ctx.insert("paginator", &paginator(sh, &base, &t.pages, n));
    let html = r.render(template, &ctx, None)?;
    Ok((url, html))
}

/// The view of city `i` of the index.
pub fn city_view<'a>(site: &'a Site, i: usize) -> CityView<'a> {
    let c = &site.index.cities[i];
    let p = site.gazetteer.get(c.place);
    CityView {
        name: &p.name,
        name_uk: &p.name_uk,
        aliases: &p.aliases,
        oblast: &p.oblast,
        lat: p.lat,
        lon: p.lon,
        population: p.population,
        description: p.description.as_deref(),
        path: format!("cities/{}/", p.slug),
        feed_path: format!("cities/{}/atom.xml", p.slug),
        count: c.pages.len(),
        mention_count: c.mentioned.len(),
    }
}

fn cities_page(sh: &Shared<'_>, r: &Renderer) -> Result<(UrlPath, String), Error> {
    let site = sh.site;
    let url = UrlPath::parse("/cities/");
    let mut ctx = base_ctx(sh, &url, "Cities", "cities");
    let views: Vec<CityView<'_>> = (0..site.index.cities.len()).map(|i| city_view(site, i)).collect();
    ctx.insert("cities", &views);
    ctx.insert("map", &crate::render::maps::cities_map(site));
    Ok((url, r.render("cities.html", &ctx, None)?))
}

fn city_page(sh: &Shared<'_>, r: &Renderer, i: usize, n: usize) -> Result<(UrlPath, String), Error> {
    let site = sh.site;
    let view = city_view(site, i);
    let base = UrlPath::parse(&format!("/{}", view.path));
    let url = page_url(&base, n);
    let mut ctx = base_ctx(sh, &url, view.name, "city");
    let entry = &site.index.cities[i];
    ctx.insert("paginator", &paginator(sh, &base, &entry.pages, n));
    let mentioned: Vec<Value> = if n == 1 {
        entry.mentioned.iter().take(50).map(|id| sh.summaries[id.0 as usize].clone()).collect()
    } else {
        Vec::new()
    };
    ctx.insert("mentioned", &mentioned);
    ctx.insert("map", &crate::render::maps::locator_map(site, entry.place, &root_prefix(&url)));
    ctx.insert("city", &view);
    Ok((url, r.render("city.html", &ctx, None)?))
}

/// URL of page `n` of a list at `base`.
pub fn page_url(base: &UrlPath, n: usize) -> UrlPath {
    if n <= 1 { base.clone() } else { base.join(&format!("page/{n}/")) }
}

fn paginator(sh: &Shared<'_>, base: &UrlPath, ids: &[PageId], n: usize) -> PaginatorView {
    let per = sh.site.config.paginate;
    let total_pages = pages_for(ids.len(), per);
    let start = (n - 1) * per;
    let slice = &ids[start.min(ids.len())..(start + per).min(ids.len())];
    let items: Vec<Value> = slice.iter().map(|id| sh.summaries[id.0 as usize].clone()).collect();
    let mut months: Vec<MonthGroup> = Vec::new();
    for id in slice {
        let label = sh.site.pages[id.0 as usize].date.month_label();
        let v = sh.summaries[id.0 as usize].clone();
        match months.last_mut() {
            Some(m) if m.label == label => m.items.push(v),
            _ => months.push(MonthGroup { label, items: vec![v] }),
        }
    }
    let path = |k: usize| context::rel(&page_url(base, k));
    let lo = n.saturating_sub(3).max(1);
    let hi = (n + 3).min(total_pages);
    PaginatorView {
        items,
        months,
        current: n,
        total_pages,
        total_items: ids.len(),
        prev: (n > 1).then(|| path(n - 1)),
        next: (n < total_pages).then(|| path(n + 1)),
        first: path(1),
        last: path(total_pages),
        nearby: (lo..=hi).map(|k| PageNumber { number: k, path: path(k), current: k == n }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix(&UrlPath::root()), "");
        assert_eq!(root_prefix(&UrlPath::parse("/2023/02/x/")), "../../../");
        assert_eq!(root_prefix(&UrlPath::parse("/404.html")), "");
        assert_eq!(root_prefix(&UrlPath::parse("/cities/kyiv/page/2/")), "../../../../");
    }
}
