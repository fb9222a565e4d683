//! Live coverage as pages show it: the LIVE state in lists, the updates and key events on the
//! dispatch's page (and its text-only edition), and the dispatch's own Atom feed.
//!
//! Everything here is a view of what `content::live` decided (which updates are published,
//! their order and anchors, whether coverage is on air at the build's "now"); nothing is
//! decided again here.

use std::fmt::Write;

use serde::Serialize;
use tera::Value;

use super::context::{CorrectionView, LinkValues};
use crate::content::Page;
use crate::content::live::Placed;
use crate::dates::{Date, DateView};
use crate::output::OutFile;
use crate::site::Site;
use crate::urls::UrlPath;

/// A moment shown to the minute: `{iso, human, ymd, year, hm}`.
#[derive(Debug, Serialize)]
pub struct TimeView {
    /// The date fields.
    #[serde(flatten)]
    pub date: DateView,
    /// `14:05`.
    pub hm: String,
}

impl TimeView {
    fn new(d: &Date, site: &Site) -> TimeView {
        let d = d.in_zone(&site.config.timezone);
        TimeView {
            date: DateView::new(&d, &site.config.strings().locale),
            hm: d.hm(),
        }
    }
}

/// `live` in a dispatch's summary (lists and its page): `null` unless it is live coverage.
#[derive(Debug, Serialize)]
pub struct LiveSummary {
    /// Live at the build's "now" (a LIVE label).
    pub on_air: bool,
    /// The newest published update.
    pub last_update: Option<TimeView>,
    /// When coverage ended, once it has.
    pub ended: Option<TimeView>,
    /// Published updates.
    pub count: usize,
}

/// The live state of a dispatch for its summary.
pub fn summary(site: &Site, p: &Page) -> Option<LiveSummary> {
    let live = p.live.as_ref()?;
    Some(LiveSummary {
        on_air: p.on_air,
        last_update: p.last_update().map(|d| TimeView::new(&d, site)),
        ended: (live.coverage_end)
            .filter(|_| !p.on_air)
            .map(|d| TimeView::new(&d, site)),
        count: p.updates.len(),
    })
}

/// One update as the page shows it (`page.updates[]`, newest first).
#[derive(Debug, Serialize)]
pub struct UpdateView<'a> {
    /// Its anchor, `update-20220408-1030` (the element's `id`).
    pub anchor: &'a str,
    /// Absolute URL with the anchor.
    pub permalink: String,
    /// When it was filed.
    pub time: TimeView,
    /// Its headline (empty when none was written).
    pub title: &'a str,
    /// A key event.
    pub key: bool,
    /// Bylines (`{name, path}`).
    pub authors: Vec<Value>,
    /// Places (`{name, path}`).
    pub cities: Vec<Value>,
    /// Body HTML (a safe string).
    pub content: Value,
    /// Corrections to it, oldest first.
    pub corrections: Vec<CorrectionView<'a>>,
}

/// A key event as the page lists it (`page.key_events[]`, newest first).
#[derive(Debug, Serialize)]
pub struct KeyEvent<'a> {
    /// The update's anchor.
    pub anchor: &'a str,
    /// Its headline, or the opening of its text.
    pub title: String,
    /// When.
    pub time: TimeView,
}

/// The updates of `p`, newest first. `lite`: the text-only edition's URL (images become
/// their alt text, relative links point at the full site).
pub fn updates<'a>(
    site: &Site,
    p: &'a Page,
    links: &LinkValues,
    lite: Option<&UrlPath>,
) -> Vec<UpdateView<'a>> {
    let permalink = site.config.permalink(&p.url);
    (p.updates.iter())
        .map(|u| UpdateView {
            anchor: &u.anchor,
            permalink: format!("{permalink}#{}", u.anchor),
            time: TimeView::new(&u.doc.date, site),
            title: &u.doc.title,
            key: u.doc.update.as_ref().is_some_and(|i| i.key),
            authors: links.terms(site, &u.doc.authors, crate::routes::TermKind::Author),
            cities: city_links(site, links, &u.doc.city_names),
            content: content(site, p, u, lite),
            corrections: (u.doc.corrections.iter())
                .map(|c| CorrectionView {
                    date: DateView::new(&c.date, &site.config.strings().locale),
                    note: &c.note,
                })
                .collect(),
        })
        .collect()
}

/// Links to the places an update names, as its dispatch resolved them.
fn city_links(site: &Site, links: &LinkValues, names: &[String]) -> Vec<Value> {
    (names.iter())
        .filter_map(|n| match site.gazetteer.resolve(n) {
            crate::places::Resolution::Found(id) => Some(links.place(site, id)),
            _ => None,
        })
        .collect()
}

fn content(site: &Site, p: &Page, u: &Placed, lite: Option<&UrlPath>) -> Value {
    let html = u.doc.html.dated(None, "");
    let Some(lite_url) = lite.filter(|_| !u.doc.body.links_fixed) else {
        // On the dispatch's page.
        return super::context::from_edition_root(html, &u.doc, &p.url);
    };
    let root = super::jobs::root_prefix(lite_url);
    let prefix = format!("{root}{}", super::context::rel(&p.url));
    let image = site.config.strings().get("image");
    match super::context::text_only(html.as_str().unwrap_or_default(), &prefix, &root, image) {
        std::borrow::Cow::Owned(text) => Value::safe_string(&text),
        std::borrow::Cow::Borrowed(_) => html,
    }
}

/// The key events of `p`, newest first.
pub fn key_events<'a>(site: &Site, p: &'a Page) -> Vec<KeyEvent<'a>> {
    (p.updates.iter())
        .filter(|u| u.doc.update.as_ref().is_some_and(|i| i.key))
        .map(|u| KeyEvent {
            anchor: &u.anchor,
            title: headline(u),
            time: TimeView::new(&u.doc.date, site),
        })
        .collect()
}

/// An update's headline: its title, else the opening of its text.
pub fn headline(u: &Placed) -> String {
    if !u.doc.title.is_empty() {
        return u.doc.title.clone();
    }
    let first = (u.doc.body.text.lines())
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    crate::markdown::shorten(first.trim(), 110)
}

/// The Atom feed of every live dispatch (`<dispatch>/atom.xml`): one entry per published
/// update, newest first, each with the update's anchor as its link.
pub fn feeds(site: &Site) -> Vec<OutFile> {
    (site.pages.iter())
        .filter(|p| p.live.is_some())
        .map(|p| OutFile {
            path: crate::routes::feed(&p.url).file(),
            bytes: feed(site, p).into_bytes().into(),
        })
        .collect()
}

fn feed(site: &Site, p: &Page) -> String {
    let c = &site.config;
    let esc = crate::escape::xml;
    let page = c.permalink(&p.url);
    let me = c.permalink(&crate::routes::feed(&p.url));
    let updated = (p.updates.iter().map(update_changed))
        .chain([p.date])
        .max()
        .unwrap_or(p.date);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<updated>{}</updated>\n{}<generator>Dateline</generator>\n",
        esc(&c.language),
        esc(&p.title),
        esc(&me),
        esc(&page),
        esc(&me),
        updated.rfc3339(),
        super::feeds::feed_author(site),
    );
    for u in &p.updates {
        let link = format!("{page}#{}", u.anchor);
        let _ = write!(
            s,
            "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<published>{}</published>\n<updated>{}</updated>\n",
            esc(&headline(u)),
            esc(&link),
            esc(&link),
            u.doc.date.rfc3339(),
            update_changed(u).rfc3339(),
        );
        for a in &u.doc.authors {
            let _ = writeln!(s, "<author><name>{}</name></author>", esc(a));
        }
        s.push_str("<content type=\"html\" xml:base=\"");
        crate::escape::xml_into(&mut s, &page);
        s.push_str("\">");
        let html = u.doc.html.undated().concat();
        let body = super::feeds::absolute_links(site, &html, &page);
        crate::escape::xml_text_into(&mut s, &body);
        s.push_str("</content>\n</entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// When an update last changed: its time, or its newest correction if later.
pub fn update_changed(u: &Placed) -> Date {
    (u.doc.corrections.iter().map(|c| c.date))
        .chain([u.doc.date])
        .max()
        .unwrap_or(u.doc.date)
}

/// What the site's and cities' feeds add to a live dispatch's entry: its newest update.
pub fn feed_tail(site: &Site, p: &Page) -> Option<String> {
    let u = p.updates.first()?;
    let page = site.config.permalink(&p.url);
    let mut s = String::from("<h2>");
    crate::escape::xml_into(&mut s, site.config.strings().get("last_update"));
    s.push_str(", ");
    crate::escape::xml_into(&mut s, &TimeView::new(&u.doc.date, site).hm);
    s.push_str("</h2>");
    if !u.doc.title.is_empty() {
        s.push_str("<p><strong>");
        crate::escape::xml_into(&mut s, &u.doc.title);
        s.push_str("</strong></p>");
    }
    let body = u.doc.html.undated().concat();
    s.push_str(&super::feeds::absolute_links(site, &body, &page));
    Some(s)
}
