//! Machine-readable outputs: Atom and RSS feeds, sitemaps and robots.txt.
//!
//! Built directly as strings (no template can break them) with XML escaping in one place.
//! Feed entry ids are the dispatches' permalinks, stable across rebuilds. Every link and image
//! in feed content is made absolute against the dispatch's permalink (with the same rewriter
//! as list summaries and the text-only edition): RSS has no `xml:base`, and many readers
//! ignore Atom's. Every Atom feed has an author (the site) and an `updated` that comes from
//! the content, never from the clock, so an empty feed is still valid and rebuilds identical.

use std::borrow::Cow;
use std::fmt::Write;

use rayon::prelude::*;

use crate::content::{Page, PageId};
use crate::dates::Date;
use crate::output::OutFile;
use crate::render::plan::Job;
use crate::render::sitemap;
use crate::routes::{self, TermKind};
use crate::site::Site;
use crate::urls::UrlPath;

/// A feed to write: its path, title, the page it describes, and its dispatches (newest first).
struct FeedSpec<'a> {
    path: UrlPath,
    title: String,
    html_url: UrlPath,
    pages: Cow<'a, [PageId]>,
}

/// Every feed and sitemap file of the site, and the paths of the Atom feeds that are as
/// `cache` says the caller has them (same page signatures: not made again).
pub fn all(site: &Site, jobs: &[Job], sigs: &[u64], cache: &mut FeedCache) -> Made {
    machine_files(site, jobs, sigs, cache, None)
}

/// Files made, and the paths of those the caller has already (see [`FeedCache`]).
pub type Made = (Vec<OutFile>, Vec<std::path::PathBuf>);

/// `all` after dispatch `edited` changed in place (serve's live path: the site's structure,
/// so its pages and their order, is unchanged): only the sitemap entries that carry the
/// dispatch's date are written again.
pub fn after_edit(
    site: &Site,
    jobs: &[Job],
    sigs: &[u64],
    cache: &mut FeedCache,
    edited: PageId,
) -> Made {
    machine_files(site, jobs, sigs, cache, Some(edited))
}

fn machine_files(
    site: &Site,
    jobs: &[Job],
    sigs: &[u64],
    cache: &mut FeedCache,
    edited: Option<PageId>,
) -> Made {
    let (mut out, unchanged) = atom_feeds(site, sigs, cache);
    out.push(rss_file(site));
    let file = |path: &str, text: String| OutFile {
        path: path.into(),
        bytes: text.into_bytes().into(),
    };
    out.push(file(
        "sitemap.xml",
        sitemap::sitemap(site, jobs, &mut cache.sitemap, edited),
    ));
    out.push(file("news-sitemap.xml", sitemap::news_sitemap(site)));
    out.push(file("robots.txt", sitemap::robots(&site.config)));
    (out, unchanged)
}

/// The site RSS feed.
pub fn rss_file(site: &Site) -> OutFile {
    let all_ids: Vec<PageId> = site.pages.iter().map(|p| p.id).collect();
    OutFile {
        path: "rss.xml".into(),
        bytes: rss(site, &all_ids).into_bytes().into(),
    }
}

/// The Atom feeds (site, each city, each tag) that differ from those `cache` says the caller
/// has, and the paths of those that do not.
pub fn atom_feeds(site: &Site, sigs: &[u64], cache: &mut FeedCache) -> Made {
    let all_ids: Vec<PageId> = site.pages.iter().map(|p| p.id).collect();
    let mut specs = vec![FeedSpec {
        path: UrlPath::parse("/atom.xml"),
        title: site.config.title.clone(),
        html_url: UrlPath::root(),
        pages: Cow::Borrowed(&all_ids),
    }];
    let limit = site.config.feed_limit;
    for c in &site.index.cities {
        let p = site.gazetteer.get(c.place);
        let html_url = routes::city(&p.slug);
        specs.push(FeedSpec {
            path: routes::feed(&html_url),
            title: format!("{}: {}", site.config.title, p.name),
            html_url,
            pages: Cow::Owned(city_feed_pages(c, limit)),
        });
    }
    for t in &site.index.tags {
        let html_url = routes::term(TermKind::Tag, &t.slug);
        specs.push(FeedSpec {
            path: routes::feed(&html_url),
            title: format!("{}: {}", site.config.title, t.name),
            html_url,
            pages: Cow::Borrowed(&t.pages),
        });
    }
    let fallback = site_updated(site);
    let sigs_paths: Vec<(std::path::PathBuf, u64)> = specs
        .iter()
        .map(|s| (s.path.file(), spec_sig(s, sigs, limit, &fallback)))
        .collect();
    // The feeds the caller has as they would be made now, and those to make.
    let (same, todo): (Vec<_>, Vec<_>) = (specs.iter().zip(sigs_paths))
        .partition(|(_, (path, fp))| cache.files.get(path) == Some(fp));
    let mut needed: Vec<PageId> = (todo.iter())
        .flat_map(|(s, _)| s.pages[..s.pages.len().min(limit)].iter().copied())
        .collect();
    needed.sort_unstable();
    needed.dedup();
    let mut entries = std::mem::take(&mut cache.entries);
    // An entry is kept while its page's signature is the same (ids move when pages do).
    entries.retain(|id, (sig, _)| sigs.get(id.0 as usize) == Some(sig));
    needed.retain(|id| !entries.contains_key(id));
    let fresh: Vec<(PageId, String)> = needed
        .par_iter()
        .map(|id| (*id, atom_entry(site, &site.pages[id.0 as usize])))
        .collect();
    entries.extend(
        fresh
            .into_iter()
            .map(|(id, e)| (id, (sigs[id.0 as usize], e))),
    );
    let mut out: Vec<OutFile> = todo
        .par_iter()
        .map(|(s, (path, _))| OutFile {
            path: path.clone(),
            bytes: atom(site, s, &entries, &fallback).into_bytes().into(),
        })
        .collect();
    cache.entries = entries;
    cache.files = (same.iter().chain(&todo))
        .map(|(_, (path, fp))| (path.clone(), *fp))
        .collect();
    out.extend(crate::render::live::feeds(site));
    (out, same.into_iter().map(|(_, (path, _))| path).collect())
}

/// Feeds and sitemap lines kept between rebuilds (by `serve`; a build starts empty).
#[derive(Debug, Default)]
pub struct FeedCache {
    /// Atom feeds: output path → signature of the feed the caller has (from the last good
    /// render: forget it all when a render fails). The caller keeps the bytes.
    files: ahash::AHashMap<std::path::PathBuf, u64>,
    /// Atom `<entry>` elements: page → (its signature, the entry). One entry is the same in
    /// every feed that carries the dispatch, so a changed feed rebuilds only changed entries.
    entries: ahash::AHashMap<PageId, (u64, String)>,
    /// The sitemap's lines.
    sitemap: sitemap::Lines,
}

impl FeedCache {
    /// Forgets everything (config, templates or the gazetteer changed).
    pub fn clear(&mut self) {
        *self = FeedCache::default();
    }
}

/// The dispatches a city's feed lists, newest first: those filed from or about the city and
/// those that only mention it. A subscriber to a city gets what the city page shows (its
/// dispatches, then "Also mentioned in"): a mention-only city has a page, so its feed must
/// not be empty, and a reader following a town wants the stories that name it. Only the
/// newest `limit` of each list can be among the newest `limit` of both.
fn city_feed_pages(c: &crate::index::CityEntry, limit: usize) -> Vec<PageId> {
    let mut ids: Vec<PageId> = c.pages.iter().take(limit).copied().collect();
    ids.extend(c.mentioned.iter().take(limit).copied());
    // Ids are positions in `Site::pages`, which is newest first.
    ids.sort_unstable();
    ids.dedup();
    ids.truncate(limit);
    ids
}

/// When a dispatch last changed: its `updated`, unless that is earlier than its `date` (a
/// mistake `content` warns about).
/// A live dispatch changed last with its newest update.
pub(super) fn last_change(p: &Page) -> Date {
    let d = p.updated.filter(|u| *u > p.date).unwrap_or(p.date);
    p.last_update().map_or(d, |u| u.max(d))
}

/// The `updated` of a feed with no entries: the site's newest change, so the same content
/// always gives the same feed. A site with no published dispatch at all (every one embargoed,
/// or none written) has no date of its own; it takes the build's "now" (fixed by `--now` for
/// reproducible builds), which is when that empty feed was, truly, last brought up to date.
fn site_updated(site: &Site) -> Date {
    site.pages.iter().map(last_change).max().unwrap_or(site.now)
}

fn spec_sig(spec: &FeedSpec<'_>, sigs: &[u64], limit: usize, fallback: &Date) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::hasher();
    (&spec.title, &spec.path, &spec.html_url).hash(&mut h);
    fallback.rfc3339().hash(&mut h);
    for id in &spec.pages[..spec.pages.len().min(limit)] {
        sigs[id.0 as usize].hash(&mut h);
    }
    h.finish()
}

/// What a feed carries as a dispatch's content (its body, or its summary when feeds carry
/// summaries), with every link and image made absolute against the dispatch's permalink.
fn entry_content(site: &Site, p: &Page) -> String {
    let permalink = site.config.permalink(&p.url);
    let undated = p.html.undated();
    let full = undated.parts();
    // A dispatch appears in up to 150 feeds (its cities, tags, authors): a giant body would
    // be copied into each, so past MAX_FULL_CONTENT feeds carry its summary and a link.
    let whole = full[0].len() + full[1].len() <= MAX_FULL_CONTENT;
    let html = if site.config.feed_full_content && whole {
        full
    } else {
        ["", p.body.summary_html.as_str()]
    };
    let mut s = String::with_capacity(html[0].len() + html[1].len() + 256);
    if let Some(w) = &p.content_warning {
        // In the edition's language; a warning left in the original's is marked as such.
        let label = site.config.strings().get("content_warning");
        let _ = match &p.content_warning_lang {
            Some(lang) => write!(
                s,
                "<p><strong>{}:</strong> <span lang=\"{}\">{}</span></p>",
                crate::escape::xml(label),
                crate::escape::xml(lang),
                crate::escape::xml(w)
            ),
            None => write!(
                s,
                "<p><strong>{}:</strong> {}</p>",
                crate::escape::xml(label),
                crate::escape::xml(w)
            ),
        };
    }
    if let Some(lead) = &p.body.lead_html {
        s.push_str(&absolute_links(site, lead, &permalink));
    }
    // The parts split after an opening `<p>` (see `BodyHtml::undated`): no link spans them.
    for part in html {
        s.push_str(&absolute_links(site, part, &permalink));
    }
    if let Some(tail) = crate::render::live::feed_tail(site, p) {
        s.push_str(&tail);
    }
    if site.config.feed_full_content && !whole {
        s.push_str("<p><a href=\"");
        crate::escape::xml_into(&mut s, &permalink);
        s.push_str("\">");
        crate::escape::xml_into(&mut s, site.config.strings().get("read_whole"));
        s.push_str("</a></p>");
    }
    s
}

/// Largest body HTML (bytes) that feeds carry whole: about 10,000 words, far beyond a
/// dispatch; longer bodies are summarised with a link, so feeds stay linear in the input.
const MAX_FULL_CONTENT: usize = 64 * 1024;

/// `html` (a dispatch's, relative to `permalink`) with every `href` and `src` absolute:
/// relative ones and `#fragments` against the permalink, root-relative ones against the base
/// URL. Feed readers resolve what is left relative against the feed's own URL.
pub(super) fn absolute_links<'a>(site: &Site, html: &'a str, permalink: &str) -> Cow<'a, str> {
    let root = [site.config.base_url.as_str(), "/"].concat();
    // readers resolve only `src`: a photo's `<picture>` becomes its fallback `<img>`
    match crate::images::markup::plain_img(html) {
        Cow::Borrowed(html) => crate::render::context::rebase_links(html, permalink, &root, true),
        Cow::Owned(plain) => Cow::Owned(
            crate::render::context::rebase_links(&plain, permalink, &root, true).into_owned(),
        ),
    }
}

/// The site as the author of every feed: Atom wants an author on a feed whose entries may
/// lack one, and a feed with no entries has none of theirs.
pub(super) fn feed_author(site: &Site) -> String {
    let c = &site.config;
    format!(
        "<author><name>{}</name><uri>{}/</uri></author>\n",
        crate::escape::xml(&c.title),
        crate::escape::xml(&c.base_url)
    )
}

/// One Atom `<entry>`: the same in every feed the dispatch appears in, so built once.
fn atom_entry(site: &Site, p: &Page) -> String {
    let c = &site.config;
    let link = c.permalink(&p.url);
    let mut s = String::with_capacity(p.html.undated_len() * 5 / 4 + 1024);
    s.push_str("<entry>\n<title>");
    crate::escape::xml_into(&mut s, &p.title);
    s.push_str("</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
    crate::escape::xml_into(&mut s, &link);
    s.push_str("\"/>\n<id>");
    crate::escape::xml_into(&mut s, &link);
    let _ = write!(
        s,
        "</id>\n<published>{}</published>\n<updated>{}</updated>\n",
        p.date.rfc3339(),
        last_change(p).rfc3339()
    );
    let org = [c.title.clone()];
    let authors: &[String] = if p.authors.is_empty() {
        &org
    } else {
        &p.authors
    };
    for a in authors {
        s.push_str("<author><name>");
        crate::escape::xml_into(&mut s, a);
        s.push_str("</name></author>\n");
    }
    for t in &p.tags {
        s.push_str("<category term=\"");
        crate::escape::xml_into(&mut s, t);
        s.push_str("\"/>\n");
    }
    // The summary written in front matter is the author's own; the body's opening otherwise.
    // Plain text goes in as escaped HTML, like the body's: a reader that takes every summary
    // for HTML still shows it as text.
    s.push_str("<summary type=\"html\">");
    let summary = match &p.summary_text {
        Some(text) => Cow::Owned(format!("<p>{}</p>", crate::escape::html(text))),
        None => absolute_links(site, &p.body.summary_html, &link),
    };
    crate::escape::xml_text_into(&mut s, &summary);
    s.push_str("</summary>\n<content type=\"html\" xml:base=\"");
    crate::escape::xml_into(&mut s, &link);
    s.push_str("\">");
    crate::escape::xml_text_into(&mut s, &entry_content(site, p));
    s.push_str("</content>\n</entry>\n");
    s
}

fn atom(
    site: &Site,
    spec: &FeedSpec<'_>,
    entries: &ahash::AHashMap<PageId, (u64, String)>,
    fallback: &Date,
) -> String {
    let c = &site.config;
    let take = &spec.pages[..spec.pages.len().min(c.feed_limit)];
    let updated = take
        .iter()
        .map(|id| last_change(&site.pages[id.0 as usize]))
        .max()
        .unwrap_or(*fallback);
    let bodies: usize = take
        .iter()
        .map(|id| entries.get(id).map_or(0, |(_, e)| e.len()))
        .sum();
    let mut s = String::with_capacity(4096 + bodies);
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    s.push_str(&crate::escape::xml(&c.language));
    let _ = write!(
        s,
        "\">\n<title>{}</title>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<updated>{}</updated>\n{}<generator>Dateline</generator>\n",
        crate::escape::xml(&spec.title),
        crate::escape::xml(&c.permalink(&spec.path)),
        crate::escape::xml(&c.permalink(&spec.html_url)),
        crate::escape::xml(&c.permalink(&spec.path)),
        updated.rfc3339(),
        feed_author(site),
    );
    if !c.description.is_empty() {
        let _ = writeln!(
            s,
            "<subtitle>{}</subtitle>",
            crate::escape::xml(&c.description)
        );
    }
    for id in take {
        match entries.get(id) {
            Some((_, e)) => s.push_str(e),
            None => s.push_str(&atom_entry(site, &site.pages[id.0 as usize])),
        }
    }
    s.push_str("</feed>\n");
    s
}

fn rss(site: &Site, ids: &[PageId]) -> String {
    let c = &site.config;
    let take = &ids[..ids.len().min(c.feed_limit)];
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    let _ = write!(
        s,
        "<title>{}</title>\n<link>{}/</link>\n<description>{}</description>\n<language>{}</language>\n<atom:link href=\"{}/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        crate::escape::xml(&c.title),
        crate::escape::xml(&c.base_url),
        crate::escape::xml(if c.description.is_empty() {
            &c.title
        } else {
            &c.description
        }),
        crate::escape::xml(&c.language),
        crate::escape::xml(&c.base_url),
    );
    for id in take {
        let p = &site.pages[id.0 as usize];
        let link = c.permalink(&p.url);
        let _ = write!(
            s,
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n<pubDate>{}</pubDate>\n<description>{}</description>\n</item>\n",
            crate::escape::xml(&p.title),
            crate::escape::xml(&link),
            crate::escape::xml(&link),
            p.date.rfc2822(),
            {
                let mut d = String::new();
                crate::escape::xml_text_into(&mut d, &entry_content(site, p));
                d
            },
        );
    }
    s.push_str("</channel>\n</rss>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_city_feed_merges_its_dispatches_and_mentions_newest_first_up_to_the_limit() {
        let ids = |v: &[u32]| v.iter().map(|i| PageId(*i)).collect::<Vec<_>>();
        let c = crate::index::CityEntry {
            place: crate::places::PlaceId(0),
            pages: ids(&[0, 3, 4, 9]),
            mentioned: ids(&[1, 2, 7]),
        };
        assert_eq!(city_feed_pages(&c, 5), ids(&[0, 1, 2, 3, 4]));
        assert_eq!(city_feed_pages(&c, 2), ids(&[0, 1]));
        assert_eq!(city_feed_pages(&c, 100), ids(&[0, 1, 2, 3, 4, 7, 9]));
    }

    #[test]
    fn text_escaping_matches_the_attribute_escaping_but_for_quotes() {
        for s in [
            "",
            "plain",
            "<p class=\"x\">Tom & Jerry's > 3</p>",
            "bell\u{7}and\u{1f}del\u{7f}, tab\tnew\nline\r",
            "Бахмут & Часів Яр <b>",
        ] {
            let mut text = String::new();
            crate::escape::xml_text_into(&mut text, s);
            let want = crate::escape::xml(s)
                .replace("&quot;", "\"")
                .replace("&#39;", "'");
            assert_eq!(text, want, "{s:?}");
        }
    }
}
