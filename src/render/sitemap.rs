//! Sitemaps and `robots.txt`.
//!
//! The sitemap lists every HTML page but 404, the search page and the text-only edition,
//! each once, in plan order, with its `lastmod` (a list's is its newest dispatch's last
//! change) and, on a multilingual site, its other-language versions. Its lines are kept
//! between rebuilds so that `serve`'s live path rewrites only the entries an update changes.

use std::fmt::Write;

use crate::content::PageId;
use crate::render::plan::{Job, job_url};
use crate::site::Site;
use crate::urls::UrlPath;

/// The sitemap's `<url>` line of every job of the last build (empty for jobs not listed).
#[derive(Debug, Default)]
pub(crate) struct Lines {
    jobs: Vec<Job>,
    lines: Vec<String>,
}

/// The sitemap. With `edited` (a dispatch changed in place, the pages and their order the
/// same) and the same jobs as `cache`'s, only the lines that carry that dispatch's date are
/// built again: its own, and those of every list it heads, since a list's `lastmod` is its
/// newest dispatch's.
pub(super) fn sitemap(
    site: &Site,
    jobs: &[Job],
    cache: &mut Lines,
    edited: Option<PageId>,
) -> String {
    let reuse = edited.filter(|_| cache.jobs == jobs);
    let mut lines = std::mem::take(&mut cache.lines);
    if let Some(id) = reuse {
        for (job, line) in jobs.iter().zip(&mut lines) {
            if shows_date_of(site, *job, id) {
                *line = entry(site, *job);
            }
        }
    } else {
        lines = jobs.iter().map(|job| entry(site, *job)).collect();
    }
    let multilingual = site.config.languages.multilingual();
    let mut s = String::with_capacity(lines.iter().map(String::len).sum::<usize>() + 256);
    s.push_str(if multilingual {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    } else {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    });
    lines.iter().for_each(|l| s.push_str(l));
    s.push_str("</urlset>\n");
    *cache = Lines {
        jobs: jobs.to_vec(),
        lines,
    };
    s
}

/// The dispatch whose last change is a job's `lastmod`: its own for a dispatch page, the
/// newest listed for a list (`None` for pages dated otherwise or not at all).
fn dated_by(site: &Site, job: Job) -> Option<PageId> {
    let ix = &site.index;
    let newest = |ids: &[PageId]| ids.first().copied();
    match job {
        Job::Article(id) => Some(id),
        Job::Home(_) | Job::Archive => newest(&ix.all),
        Job::City(i, _) => newest(&ix.cities[i].pages),
        Job::Tag(i, _) => newest(&ix.tags[i].pages),
        Job::Author(i, _) => newest(&ix.authors[i].pages),
        Job::Month(i, _) => newest(&ix.months[i].pages),
        _ => None,
    }
}

/// Whether job's sitemap line shows dispatch `id`'s last change.
fn shows_date_of(site: &Site, job: Job, id: PageId) -> bool {
    dated_by(site, job) == Some(id)
}

/// One job's `<url>` line, or nothing for the pages a sitemap leaves out.
fn entry(site: &Site, job: Job) -> String {
    let mod_ = match job {
        Job::Standalone(i) => site.standalone[i].updated.as_ref().map(|d| d.rfc3339()),
        Job::NotFound
        | Job::Search
        | Job::LiteHome(_)
        | Job::LiteArticle(_)
        | Job::LiteArchive
        | Job::LiteMonth(..) => return String::new(),
        _ => dated_by(site, job).map(|id| lastmod(&site.pages[id.0 as usize])),
    };
    let url = job_url(site, job);
    let mut s = String::new();
    let _ = write!(
        s,
        "<url><loc>{}</loc>",
        crate::escape::xml(&site.config.permalink(&url))
    );
    if let Some(m) = mod_ {
        let _ = write!(s, "<lastmod>{m}</lastmod>");
    }
    if site.config.languages.multilingual() {
        alternates(&mut s, site, &job, &url);
    }
    s.push_str("</url>\n");
    s
}

fn lastmod(p: &crate::content::Page) -> String {
    super::feeds::last_change(p).rfc3339()
}

/// A sitemap entry's other-language versions (`xhtml:link`, its own included, as Google
/// asks), for dispatches with translations and the lists every edition has.
fn alternates(s: &mut String, site: &Site, job: &Job, url: &UrlPath) {
    let listed;
    let versions = match *job {
        Job::Article(id) => match site.translations.get(id.0 as usize) {
            Some(v) => v.as_slice(),
            None => return,
        },
        _ => {
            listed = crate::render::alternates::list_versions(site, url);
            listed.as_slice()
        }
    };
    if versions.len() < 2 {
        return;
    }
    for (e, u) in versions {
        let _ = write!(
            s,
            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
            crate::escape::xml(&site.config.languages.0[*e].code),
            crate::escape::xml(&crate::render::alternates::permalink(site, *e, u))
        );
    }
}

/// Google News sitemap: dispatches published in the two days before the build's "now".
pub(super) fn news_sitemap(site: &Site) -> String {
    let c = &site.config;
    let now = site.now.unix();
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for p in &site.pages {
        let age = now - p.date.unix();
        if !(0..=2 * 86_400).contains(&age) {
            continue;
        }
        let _ = writeln!(
            s,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>{}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            crate::escape::xml(&c.permalink(&p.url)),
            crate::escape::xml(&c.title),
            crate::escape::xml(&c.language),
            p.date.rfc3339(),
            crate::escape::xml(&p.title),
        );
    }
    s.push_str("</urlset>\n");
    s
}

/// `robots.txt`: the sitemaps of every language edition.
pub(super) fn robots(c: &crate::config::Config) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    for l in c.languages.0.iter() {
        let base = [c.site_url.as_str(), "/", l.prefix.trim_end_matches('/')].concat();
        let base = base.trim_end_matches('/');
        let _ = write!(
            s,
            "Sitemap: {base}/sitemap.xml\nSitemap: {base}/news-sitemap.xml\n"
        );
    }
    s
}
