//! What pages a site has, where each goes, and a fingerprint of everything each one shows.
//!
//! A job's fingerprint hashes exactly the inputs its template context is built from (page
//! signatures of the dispatches it lists, pagination, term and city data). Equal fingerprints
//! mean equal pages, so an incremental rebuild re-renders only jobs whose fingerprint changed
//! and is byte-identical to a full build. Site-wide inputs (config, templates, gazetteer,
//! static files) are not in fingerprints: a change to them clears the whole render cache.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use crate::content::{Page, PageId};
use crate::index::{Month, Term};
use crate::routes::{self, TermKind};
use crate::site::Site;
use crate::urls::UrlPath;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// Text-only edition of the front page, page n.
    LiteHome(usize),
    /// Text-only edition of a dispatch.
    LiteArticle(PageId),
    /// Every month with its count (`/archive/`).
    Archive,
    /// Month (index into `Index::months`), page n.
    Month(usize, usize),
    /// Text-only edition of the month list.
    LiteArchive,
    /// Text-only edition of a month, page n.
    LiteMonth(usize, usize),
    /// The search page (only when `search` is on).
    Search,
    /// A standalone page (index into `Site::standalone`).
    Standalone(usize),
}

/// Number of list pages for `n` items.
pub fn pages_for(n: usize, per: usize) -> usize {
    n.div_ceil(per).max(1)
}

/// Every templated page of the site.
pub fn plan(site: &Site) -> Vec<Job> {
    let per = site.config.paginate;
    let ix = &site.index;
    let mut jobs: Vec<Job> = (1..=pages_for(site.pages.len(), per))
        .map(Job::Home)
        .collect();
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
    jobs.extend((1..=pages_for(site.pages.len(), per)).map(Job::LiteHome));
    jobs.extend((0..site.pages.len()).map(|i| Job::LiteArticle(PageId(i as u32))));
    jobs.push(Job::Archive);
    jobs.push(Job::LiteArchive);
    for (i, m) in ix.months.iter().enumerate() {
        let pages = pages_for(m.pages.len(), per);
        jobs.extend((1..=pages).map(|n| Job::Month(i, n)));
        jobs.extend((1..=pages).map(|n| Job::LiteMonth(i, n)));
    }
    if site.config.search {
        jobs.push(Job::Search);
    }
    jobs.extend((0..site.standalone.len()).map(Job::Standalone));
    jobs
}

/// Base URL of a month's list pages (`/archive/2023/02/`).
pub fn month_base(m: &Month) -> UrlPath {
    routes::month(m.year, m.month)
}

/// Base URL of a city's list pages.
pub fn city_base(site: &Site, i: usize) -> UrlPath {
    routes::city(&site.gazetteer.get(site.index.cities[i].place).slug)
}

/// The URL a job renders to: the one place that maps a planned page to its address.
pub fn job_url(site: &Site, job: Job) -> UrlPath {
    match job {
        Job::Home(n) => routes::page(&UrlPath::root(), n),
        Job::Article(id) => site.pages[id.0 as usize].url.clone(),
        Job::Cities => routes::cities(),
        Job::City(i, n) => routes::page(&city_base(site, i), n),
        Job::Tags => routes::tags(),
        Job::Tag(i, n) => term_url(TermKind::Tag, &site.index.tags[i], n),
        Job::Author(i, n) => term_url(TermKind::Author, &site.index.authors[i], n),
        Job::NotFound => routes::not_found(),
        Job::LiteHome(n) => routes::page(&routes::lite(&UrlPath::root()), n),
        Job::LiteArticle(id) => routes::lite(&site.pages[id.0 as usize].url),
        Job::Archive => routes::archive(),
        Job::Month(i, n) => routes::page(&month_base(&site.index.months[i]), n),
        Job::LiteArchive => routes::lite(&routes::archive()),
        Job::LiteMonth(i, n) => routes::page(&routes::lite(&month_base(&site.index.months[i])), n),
        Job::Search => routes::search(),
        Job::Standalone(i) => site.standalone[i].url.clone(),
    }
}

/// Page `n` of a term's list.
fn term_url(kind: TermKind, t: &Term, n: usize) -> UrlPath {
    routes::page(&routes::term(kind, &t.slug), n)
}
/// The theme template a job renders with.
pub(crate) fn template(job: Job) -> &'static str {
    match job {
        Job::Home(_) => "index.html",
        Job::Article(_) => "article.html",
        Job::Cities => "cities.html",
        Job::City(..) => "city.html",
        Job::Tags => "tags.html",
        Job::Tag(..) => "tag.html",
        Job::Author(..) => "author.html",
        Job::NotFound => "404.html",
        Job::LiteHome(_) => "lite_index.html",
        Job::LiteArticle(_) => "lite_article.html",
        Job::Archive => "archive.html",
        Job::Month(..) => "month.html",
        Job::LiteArchive => "lite_archive.html",
        Job::LiteMonth(..) => "lite_month.html",
        Job::Search => "search.html",
        Job::Standalone(_) => "page.html",
    }
}

/// The dispatches a page shows: its own, or one page of a list (a city's first page with
/// the dispatches that only mention it), as `fingerprint` hashes them.
pub(crate) fn shown(site: &Site, job: Job) -> Vec<PageId> {
    let (per, ix) = (site.config.paginate, &site.index);
    match job {
        Job::Article(id) | Job::LiteArticle(id) => vec![id],
        Job::Home(n) | Job::LiteHome(n) => slice(&ix.all, n, per).to_vec(),
        Job::City(i, n) => {
            let c = &ix.cities[i];
            let mut ids = slice(&c.pages, n, per).to_vec();
            if n == 1 {
                ids.extend(c.mentioned.iter().take(crate::index::MENTIONED_SHOWN));
            }
            ids
        }
        Job::Tag(i, n) => slice(&ix.tags[i].pages, n, per).to_vec(),
        Job::Author(i, n) => slice(&ix.authors[i].pages, n, per).to_vec(),
        Job::Month(i, n) | Job::LiteMonth(i, n) => slice(&ix.months[i].pages, n, per).to_vec(),
        _ => Vec::new(),
    }
}

/// The output file of a job.
pub fn job_path(site: &Site, job: Job) -> PathBuf {
    job_url(site, job).file()
}

/// A signature of everything about a page that any view of it shows.
pub fn page_sig(site: &Site, p: &Page) -> u64 {
    let g = &site.gazetteer;
    let mut h = crate::hash::hasher();
    p.doc.hash.hash(&mut h);
    p.url.hash(&mut h);
    for c in &p.cities {
        g.get(*c).slug.hash(&mut h);
        g.get(*c).name.hash(&mut h);
    }
    p.dateline.map(|d| g.get(d).name.clone()).hash(&mut h);
    for m in &p.mentions {
        g.get(*m).slug.hash(&mut h);
        g.get(*m).name.hash(&mut h);
    }
    p.on_air.hash(&mut h);
    for u in &p.updates {
        (u.doc.hash, &u.anchor).hash(&mut h);
    }
    h.finish()
}

fn slice(ids: &[PageId], n: usize, per: usize) -> &[PageId] {
    let start = ((n - 1) * per).min(ids.len());
    &ids[start..(start + per).min(ids.len())]
}

fn hash_list(h: &mut crate::hash::Hasher, sigs: &[u64], ids: &[PageId], n: usize, per: usize) {
    ids.len().hash(h);
    n.hash(h);
    for id in slice(ids, n, per) {
        sigs[id.0 as usize].hash(h);
    }
}

/// Signature of the city set drawn on maps (names, slugs, coordinates, counts).
pub fn map_sig(site: &Site) -> u64 {
    let mut h = crate::hash::hasher();
    for c in &site.index.cities {
        let p = site.gazetteer.get(c.place);
        (
            &p.slug,
            &p.name,
            p.lat.map(f64::to_bits),
            p.lon.map(f64::to_bits),
        )
            .hash(&mut h);
        (c.pages.len(), c.mentioned.len()).hash(&mut h);
    }
    h.finish()
}

/// The fingerprint of a job, given every page's signature and the map signature: everything
/// its page shows, and where it goes (a job's path follows from the job and what is hashed:
/// a dispatch's URL is in its signature, a city's, term's or standalone page's slug or URL is
/// hashed here), so that `RenderCache` can key pages by job.
pub fn fingerprint(site: &Site, sigs: &[u64], map: u64, job: Job) -> u64 {
    let per = site.config.paginate;
    let mut h = crate::hash::hasher();
    job.hash(&mut h);
    match job {
        Job::Home(n) | Job::LiteHome(n) => hash_list(&mut h, sigs, &site.index.all, n, per),
        Job::Article(id) | Job::LiteArticle(id) => {
            let i = id.0 as usize;
            sigs[i].hash(&mut h);
            i.checked_sub(1).map(|j| sigs[j]).hash(&mut h);
            sigs.get(i + 1).hash(&mut h);
        }
        Job::Cities => map.hash(&mut h),
        Job::City(i, n) => {
            let c = &site.index.cities[i];
            let p = site.gazetteer.get(c.place);
            (
                &p.slug,
                &p.name,
                &p.name_uk,
                &p.aliases,
                &p.oblast,
                p.population,
                &p.description,
            )
                .hash(&mut h);
            map.hash(&mut h);
            hash_list(&mut h, sigs, &c.pages, n, per);
            if n == 1 {
                c.mentioned
                    .iter()
                    .take(crate::index::MENTIONED_SHOWN)
                    .for_each(|id| sigs[id.0 as usize].hash(&mut h));
            }
        }
        Job::Tags => {
            for t in &site.index.tags {
                (&t.name, &t.slug, t.pages.len()).hash(&mut h);
            }
        }
        Job::Standalone(i) => {
            let s = &site.standalone[i];
            (
                &s.url,
                &s.title,
                &s.html,
                &s.description,
                s.updated.map(|d| d.rfc3339()),
            )
                .hash(&mut h);
        }
        Job::Tag(i, n) => hash_term(&mut h, &site.index.tags[i], sigs, n, per),
        Job::Author(i, n) => hash_term(&mut h, &site.index.authors[i], sigs, n, per),
        Job::NotFound | Job::Search => {}
        Job::Archive | Job::LiteArchive => {
            for m in &site.index.months {
                (m.year, m.month, m.pages.len()).hash(&mut h);
            }
        }
        Job::Month(i, n) | Job::LiteMonth(i, n) => {
            let months = &site.index.months;
            let m = &months[i];
            (m.year, m.month).hash(&mut h);
            // The page links the newer and the older month.
            for near in [
                i.checked_sub(1).and_then(|j| months.get(j)),
                months.get(i + 1),
            ] {
                near.map(|m| (m.year, m.month)).hash(&mut h);
            }
            hash_list(&mut h, sigs, &m.pages, n, per);
        }
    }
    h.finish()
}

fn hash_term(h: &mut crate::hash::Hasher, t: &Term, sigs: &[u64], n: usize, per: usize) {
    (&t.name, &t.slug).hash(h);
    hash_list(h, sigs, &t.pages, n, per);
}
