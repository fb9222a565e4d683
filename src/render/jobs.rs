//! What pages a site has, and rendering them all in parallel.
//!
//! `plan` lists every templated page (front page and its pagination, dispatches, cities,
//! tags, authors, months, 404); `render_each` renders them with rayon into a sink (the staged
//! output folder, or memory); `RenderCache::stale` picks the pages a rebuild must render
//! again. Summary views are serialised once per dispatch and shared by every list, so list
//! pages cost O(page size).

use rayon::prelude::*;
use tera::{Context, Value};

use super::Renderer;
pub use super::cache::{RenderCache, Stale};
use super::context::{self, CityView, MonthGroup, PageNumber, PaginatorView, SiteView, TermView};
use super::plan::{self, Job, pages_for};
use crate::content::PageId;
use crate::error::Error;
use crate::index::Term;
use crate::output::OutFile;
use crate::routes::{self, TermKind};
use crate::site::Site;
use crate::urls::UrlPath;

/// Values computed once per build and shared by every page (owned, so `serve` can keep them
/// between rebuilds and patch one dispatch's entries).
#[derive(Debug)]
pub struct Prepared {
    pub(super) site_value: Value,
    pub(super) summaries: Vec<Value>,
    /// Signature of every page (see `plan::page_sig`).
    pub sigs: Vec<u64>,
    map_sig: u64,
    locators: Vec<String>,
    pub(super) links: context::LinkValues,
    pub(super) jsonld: super::jsonld::Parts,
    /// The `assets` map as seen from a language edition's folder (`../style.css`), which
    /// shadows the renderer's global one; `None` for the default edition.
    pub(super) assets: Option<Value>,
}

impl Prepared {
    /// Serialises the site and every dispatch summary once (reusing cached summaries), with
    /// its rendered `item.html` when the theme uses the `item` filter. Every error is
    /// reported.
    pub fn new(site: &Site, r: &Renderer, cache: &RenderCache) -> Result<Self, Vec<Error>> {
        let c = &site.config;
        let site_value = Value::from_serializable(&SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            language: &c.language,
            copyright: &c.copyright,
            search: c.search,
        });
        let (sigs, links) = rayon::join(
            || {
                (site.pages.par_iter())
                    .map(|p| plan::page_sig(site, p))
                    .collect::<Vec<u64>>()
            },
            || context::LinkValues::new(site),
        );
        // The summaries (the bulk) alongside the site-wide parts, which are partly serial.
        let (results, (locators, jsonld)) = rayon::join(
            || {
                (site.pages.par_iter().zip(&sigs))
                    .map(|(p, sig)| match cache.summaries.get(sig) {
                        Some(v) => Ok(v.clone()),
                        None => summary_value(site, r, &site_value, &links, p),
                    })
                    .collect::<Vec<Result<Value, Error>>>()
            },
            || {
                rayon::join(
                    || crate::render::maps::all_locators(site),
                    || super::jsonld::Parts::new(site),
                )
            },
        );
        let (summaries, errors) = crate::error::partition(results);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Prepared {
            site_value,
            summaries,
            map_sig: plan::map_sig(site),
            locators,
            sigs,
            links,
            jsonld,
            assets: None,
        })
    }

    /// Records the fingerprinted asset map (`style.css` → `style.1a2b3c4d.css`) as pages of
    /// this edition reach it: from a language folder (`/uk/`), one level up.
    pub fn set_assets(&mut self, site: &Site, assets: &std::collections::BTreeMap<String, String>) {
        let depth = site.config.lang().prefix.matches('/').count();
        self.assets = (depth > 0).then(|| {
            let up = "../".repeat(depth);
            let map: std::collections::BTreeMap<&String, String> = assets
                .iter()
                .map(|(k, v)| (k, [up.as_str(), v].concat()))
                .collect();
            Value::from_serializable(&map)
        });
    }

    /// The signature of the map's city set.
    pub fn map_sig(&self) -> u64 {
        self.map_sig
    }

    /// Refreshes one dispatch's signature and summary after its body changed.
    pub fn update_page(&mut self, site: &Site, r: &Renderer, i: usize) -> Result<(), Error> {
        let p = &site.pages[i];
        self.summaries[i] = summary_value(site, r, &self.site_value, &self.links, p)?;
        self.sigs[i] = plan::page_sig(site, p);
        Ok(())
    }
}

/// A dispatch's summary value (see [`Prepared::new`]).
fn summary_value(
    site: &Site,
    r: &Renderer,
    site_value: &Value,
    links: &context::LinkValues,
    p: &crate::content::Page,
) -> Result<Value, Error> {
    let v = Value::from_serializable(&context::summary(site, p, links));
    super::items::with_item(r, site_value, v, &p.source)
}

/// A site and its prepared values, borrowed for rendering.
#[derive(Clone, Copy)]
pub struct Shared<'a> {
    pub(super) site: &'a Site,
    pub(super) prep: &'a Prepared,
}

impl<'a> Shared<'a> {
    /// Pairs a site with its prepared values.
    pub fn new(site: &'a Site, prep: &'a Prepared) -> Self {
        Shared { site, prep }
    }
}

/// Renders every job in parallel and hands each file (with its job) to `sink` as soon as it is rendered, so
/// no more than a few pages are in memory at once. Returns what `sink` returned for every file
/// that rendered, and every error (render or sink).
///
/// A dispatch whose page and text-only edition are both in `jobs` (as in every whole plan,
/// see [`plan::plan`]) has them rendered together, from one view (see
/// [`super::dispatch::both`]), when its `Article` job comes up; either one alone in `jobs`
/// renders alone.
pub fn render_each<T: Send>(
    shared: Shared<'_>,
    r: &Renderer,
    jobs: &[Job],
    sink: impl Fn(Job, OutFile) -> Result<T, Error> + Sync,
) -> (Vec<T>, Vec<Error>) {
    let n = shared.site.pages.len();
    let (mut page, mut lite) = (vec![false; n], vec![false; n]);
    for j in jobs {
        match *j {
            Job::Article(id) => page[id.0 as usize] = true,
            Job::LiteArticle(id) => lite[id.0 as usize] = true,
            _ => {}
        }
    }
    let paired = |id: crate::content::PageId| page[id.0 as usize] && lite[id.0 as usize];
    let results: Vec<Result<T, Error>> = jobs
        .par_iter()
        .with_max_len(8)
        .flat_map_iter(|j| match *j {
            Job::Article(id) if paired(id) => match super::dispatch::both(shared, r, id) {
                Ok([page, lite]) => [
                    Some(sink(Job::Article(id), page)),
                    Some(sink(Job::LiteArticle(id), lite)),
                ],
                Err(e) => [Some(Err(e)), None],
            },
            Job::LiteArticle(id) if paired(id) => [None, None],
            j => [
                Some(render_job(shared, r, j).and_then(|f| sink(j, f))),
                None,
            ],
        })
        .flatten()
        .collect();
    crate::error::partition(results)
}

/// The relative way back to the site root from a page at `url` (`../../` for `/a/b/`).
pub fn root_prefix(url: &UrlPath) -> String {
    let depth = url
        .as_str()
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .count();
    let dir_depth = if url.as_str().ends_with('/') {
        depth
    } else {
        depth.saturating_sub(1)
    };
    "../".repeat(dir_depth)
}

pub(super) fn base_ctx(sh: Shared<'_>, url: &UrlPath, title: &str, kind: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert_value("site", sh.prep.site_value.clone());
    // Plain strings go in as values: `insert` would run each through serde.
    ctx.insert_value("root", Value::from(root_prefix(url)));
    ctx.insert_value("path", Value::from(context::rel(url)));
    ctx.insert_value("permalink", Value::from(sh.site.config.permalink(url)));
    ctx.insert_value("title", Value::from(title));
    ctx.insert_value("kind", Value::from(kind));
    ctx.insert("menu", &super::standalone::menu_view(sh.site, url));
    ctx.insert_value("lang", Value::from(sh.site.config.language.as_str()));
    if let Some(assets) = &sh.prep.assets {
        ctx.insert_value("assets", assets.clone());
    }
    let versions = super::alternates::list_versions(sh.site, url);
    set_versions(&mut ctx, sh.site, url, &versions);
    ctx
}

/// Sets the `alternates` and `languages` of a page with these language versions.
pub(super) fn set_versions(
    ctx: &mut Context,
    site: &Site,
    url: &UrlPath,
    versions: &[(usize, UrlPath)],
) {
    let (alternates, languages) = super::alternates::values(site, url, versions);
    ctx.insert_value("alternates", alternates);
    ctx.insert_value("languages", languages);
}

/// Renders one job (`serve` renders a page this way when it is asked for).
pub fn render_job(sh: Shared<'_>, r: &Renderer, job: Job) -> Result<OutFile, Error> {
    let site = sh.site;
    let (url, html) = match job {
        Job::Home(n) => {
            let base = UrlPath::root();
            let url = routes::page(&base, n);
            let mut ctx = base_ctx(sh, &url, &site.config.title, "index");
            ctx.insert("paginator", &paginator(sh, &base, &site.index.all, n));
            (url, r.render(plan::template(job), &ctx, None)?)
        }
        Job::Article(id) => return super::dispatch::article(sh, r, id),
        Job::Cities => cities_page(sh, r)?,
        Job::City(i, n) => city_page(sh, r, i, n)?,
        Job::Tags => {
            let url = routes::tags();
            let mut ctx = base_ctx(sh, &url, site.config.strings().get("topics"), "tags");
            let terms: Vec<TermView<'_>> = site
                .index
                .tags
                .iter()
                .map(|t| term_view(t, TermKind::Tag))
                .collect();
            ctx.insert("terms", &terms);
            (url, r.render(plan::template(job), &ctx, None)?)
        }
        Job::Tag(i, n) => term_page(sh, r, job, &site.index.tags[i], TermKind::Tag, n)?,
        Job::Author(i, n) => term_page(sh, r, job, &site.index.authors[i], TermKind::Author, n)?,
        Job::LiteHome(n) => {
            let base = routes::lite(&UrlPath::root());
            let url = routes::page(&base, n);
            let mut ctx = base_ctx(sh, &url, &site.config.title, "lite-index");
            ctx.insert("paginator", &paginator(sh, &base, &site.index.all, n));
            (url, r.render(plan::template(job), &ctx, None)?)
        }
        Job::LiteArticle(id) => return super::dispatch::lite(sh, r, id),
        Job::Archive => super::archive::archive_page(sh, r, false)?,
        Job::LiteArchive => super::archive::archive_page(sh, r, true)?,
        Job::Month(i, n) => super::archive::month_page(sh, r, i, n, false)?,
        Job::LiteMonth(i, n) => super::archive::month_page(sh, r, i, n, true)?,
        Job::Search => {
            let url = routes::search();
            let ctx = base_ctx(sh, &url, site.config.strings().get("search"), "search");
            (url, r.render(plan::template(job), &ctx, None)?)
        }
        Job::Standalone(i) => super::standalone::render(sh, r, i)?,
        Job::NotFound => {
            let url = routes::not_found();
            let mut ctx = base_ctx(sh, &url, site.config.strings().get("not_found"), "404");
            // Served at any depth: link from the absolute base path instead (and no
            // language switch, whose links are relative).
            ctx.insert("root", &site.config.base_path());
            set_versions(&mut ctx, site, &UrlPath::root(), &[]);
            ctx.insert_value("languages", Value::from_serializable(&[0u8; 0]));
            (url, r.render(plan::template(job), &ctx, None)?)
        }
    };
    Ok(OutFile {
        path: url.file(),
        bytes: html.into(),
    })
}

fn term_view<'a>(t: &'a Term, kind: TermKind) -> TermView<'a> {
    let url = routes::term(kind, &t.slug);
    TermView {
        name: &t.name,
        path: url.relative().to_string(),
        feed_path: if kind.has_feed() {
            routes::feed(&url).relative().to_string()
        } else {
            String::new()
        },
        count: t.pages.len(),
    }
}

fn term_page(
    sh: Shared<'_>,
    r: &Renderer,
    job: Job,
    t: &Term,
    kind: TermKind,
    n: usize,
) -> Result<(UrlPath, Vec<u8>), Error> {
    let base = routes::term(kind, &t.slug);
    let url = routes::page(&base, n);
    let mut ctx = base_ctx(sh, &url, &t.name, kind.singular());
    ctx.insert("term", &term_view(t, kind));
    ctx.insert("paginator", &paginator(sh, &base, &t.pages, n));
    let html = r.render(plan::template(job), &ctx, None)?;
    Ok((url, html))
}

/// The view of city `i` of the index.
pub fn city_view<'a>(site: &'a Site, i: usize) -> CityView<'a> {
    let c = &site.index.cities[i];
    let p = site.gazetteer.get(c.place);
    let url = routes::city(&p.slug);
    CityView {
        name: &p.name,
        name_uk: &p.name_uk,
        aliases: p
            .aliases
            .iter()
            .map(|a| a.as_str())
            .filter(|a| *a != p.name_uk.as_str() && *a != p.name_ru.as_str())
            .collect(),
        oblast: &p.oblast,
        lat: p.lat,
        lon: p.lon,
        population: p.population,
        description: p.description.as_deref(),
        path: url.relative().to_string(),
        feed_path: routes::feed(&url).relative().to_string(),
        count: c.pages.len(),
        mention_count: c.mentioned.len(),
    }
}

fn cities_page(sh: Shared<'_>, r: &Renderer) -> Result<(UrlPath, Vec<u8>), Error> {
    let site = sh.site;
    let url = routes::cities();
    let mut ctx = base_ctx(sh, &url, site.config.strings().get("cities"), "cities");
    let views: Vec<CityView<'_>> = (0..site.index.cities.len())
        .map(|i| city_view(site, i))
        .collect();
    ctx.insert("cities", &views);
    ctx.insert("map", &crate::render::maps::cities_map(site));
    Ok((url, r.render(plan::template(Job::Cities), &ctx, None)?))
}

fn city_page(
    sh: Shared<'_>,
    r: &Renderer,
    i: usize,
    n: usize,
) -> Result<(UrlPath, Vec<u8>), Error> {
    let site = sh.site;
    let view = city_view(site, i);
    let base = plan::city_base(site, i);
    let url = routes::page(&base, n);
    let mut ctx = base_ctx(sh, &url, view.name, "city");
    let entry = &site.index.cities[i];
    ctx.insert("paginator", &paginator(sh, &base, &entry.pages, n));
    let mentioned: Vec<Value> = if n == 1 {
        entry
            .mentioned
            .iter()
            .take(crate::index::MENTIONED_SHOWN)
            .map(|id| sh.prep.summaries[id.0 as usize].clone())
            .collect()
    } else {
        Vec::new()
    };
    ctx.insert("mentioned", &mentioned);
    let no_map = String::new();
    ctx.insert(
        "map",
        if n == 1 {
            &sh.prep.locators[i]
        } else {
            &no_map
        },
    );
    ctx.insert("city", &view);
    Ok((url, r.render(plan::template(Job::City(i, n)), &ctx, None)?))
}

/// `rel(routes::page(base, k))` from `rel(base)`, without parsing the URL again for every number.
fn page_path(base_rel: &str, k: usize) -> String {
    match k {
        0 | 1 => base_rel.to_string(),
        // Several per list page: joined without the formatting machinery.
        k => [base_rel, "page/", &k.to_string(), "/"].concat(),
    }
}

/// The paginator of page `n` of the list `ids` at `base`.
pub(super) fn paginator(sh: Shared<'_>, base: &UrlPath, ids: &[PageId], n: usize) -> PaginatorView {
    let per = sh.site.config.paginate;
    let total_pages = pages_for(ids.len(), per);
    let start = (n - 1) * per;
    let slice = &ids[start.min(ids.len())..(start + per).min(ids.len())];
    let items: Vec<Value> = slice
        .iter()
        .map(|id| sh.prep.summaries[id.0 as usize].clone())
        .collect();
    let mut months: Vec<MonthGroup> = Vec::new();
    let mut month = None;
    for id in slice {
        let date = &sh.site.pages[id.0 as usize].date;
        let v = sh.prep.summaries[id.0 as usize].clone();
        match months.last_mut() {
            Some(m) if month == Some(date.year_month()) => m.items.push(v),
            _ => {
                month = Some(date.year_month());
                months.push(MonthGroup {
                    label: date.month_label_in(&sh.site.config.strings().locale),
                    items: vec![v],
                });
            }
        }
    }
    let base_rel = context::rel(base);
    let path = |k: usize| page_path(&base_rel, k);
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
        nearby: (lo..=hi)
            .map(|k| PageNumber {
                number: k,
                path: path(k),
                current: k == n,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_are_the_page_urls() {
        for base in ["/", "/lite/", "/tags/drones/", "/cities/kyiv/"] {
            let base = UrlPath::parse(base);
            let rel = context::rel(&base);
            for k in 1..4 {
                assert_eq!(page_path(&rel, k), context::rel(&routes::page(&base, k)));
            }
        }
    }

    #[test]
    fn a_dispatch_renders_the_same_with_or_without_its_other_edition() {
        let dir = tempfile::tempdir().unwrap();
        let now =
            crate::dates::Date::parse("2024-05-01T12:00:00Z", &crate::dates::Zone::utc()).unwrap();
        crate::scaffold::init(dir.path(), &now).unwrap();
        let opts = crate::config::BuildOptions {
            root: dir.path().to_path_buf(),
            output: None,
            drafts: false,
            base_url: None,
            offline: false,
        };
        let config = crate::config::Config::load(&opts).unwrap();
        let mut r = Renderer::load(&config).unwrap();
        r.set_global(
            "assets",
            &std::collections::HashMap::<String, String>::new(),
        );
        let site = Site::load(config, now).unwrap();
        let prep = Prepared::new(&site, &r, &RenderCache::default()).unwrap();
        let shared = Shared::new(&site, &prep);
        let files = |jobs: &[Job]| {
            let (mut out, errors) =
                render_each(shared, &r, jobs, |_, f| Ok((f.path, f.bytes.to_vec())));
            assert!(errors.is_empty(), "{errors:?}");
            out.sort();
            out
        };
        let id = PageId(0);
        let both = files(&[Job::Article(id), Job::LiteArticle(id)]);
        assert_eq!(both.len(), 2, "the page and its text-only edition");
        let page = files(&[Job::Article(id)]);
        let lite = files(&[Job::LiteArticle(id)]);
        let mut apart = [page, lite].concat();
        apart.sort();
        assert_eq!(apart, both);
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix(&UrlPath::root()), "");
        assert_eq!(root_prefix(&UrlPath::parse("/2023/02/x/")), "../../../");
        assert_eq!(root_prefix(&UrlPath::parse("/404.html")), "");
        assert_eq!(
            root_prefix(&UrlPath::parse("/cities/kyiv/page/2/")),
            "../../../../"
        );
    }
}
