//! Typed template contexts: the documented shape of everything a theme can read.
//!
//! Each dispatch's summary view is serialised to a `tera::Value` once and shared (cheap `Arc`
//! clones) by every list it appears on. All paths are relative to the site root without a
//! leading slash (`2023/02/bakhmut/`); templates prefix them with `root`, the relative way back
//! to the site root from the page being rendered, so the site works under any sub-path, on
//! any mirror and from disk.

use serde::Serialize;
use tera::Value;

use crate::content::Page;
use crate::content::front_matter::Source;
use crate::dates::DateView;
use crate::markdown::Heading;
use crate::places::{Place, PlaceId};
use crate::routes::TermKind;
use crate::site::Site;
use crate::urls::{UrlPath, slugify};

mod html;
pub(crate) use html::from_edition_root;
use html::list_safe;
pub use html::{rebase_links, text_only};

/// `site`: the same on every page.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Absolute base URL, no trailing slash.
    pub base_url: &'a str,
    /// `<html lang>`.
    pub language: &'a str,
    /// Footer line.
    pub copyright: &'a str,
    /// Whether the site has a search page (`/search/`).
    pub search: bool,
}

/// A link to a city, tag, author or dispatch.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Display name.
    pub name: String,
    /// Site path (relative to root).
    pub path: String,
}

/// A dispatch as lists show it (`paginator.items[]`).
#[derive(Debug, Serialize)]
pub struct PageSummary<'a> {
    /// Headline.
    pub title: &'a str,
    /// Site path, e.g. `2023/02/bakhmut/`.
    pub path: String,
    /// Absolute URL.
    pub permalink: String,
    /// Publication date.
    pub date: DateView,
    /// Last update, if any.
    pub updated: Option<DateView>,
    /// Site path of the month archive of `date` (`archive/2023/02/`).
    pub month_path: String,
    /// Summary HTML (mark `| safe`).
    pub summary: String,
    /// Plain-text description (summary field, else the opening of the text), ≤ 200 chars.
    pub description: String,
    /// City filed from (a [`Link`]).
    pub dateline: Option<Value>,
    /// Cities, in written order ([`Link`]s).
    pub cities: Vec<Value>,
    /// Tags ([`Link`]s).
    pub tags: Vec<Value>,
    /// Bylines ([`Link`]s).
    pub authors: Vec<Value>,
    /// Words in the body.
    pub words: usize,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Content warning, if any.
    pub content_warning: Option<&'a str>,
    /// The language of `content_warning` when it is not the page's (a translation showing
    /// its original's warning): for a `lang` attribute around it.
    pub content_warning_lang: Option<&'a str>,
    /// Whether the body continues past the summary.
    pub has_more: bool,
    /// Live coverage (`{on_air, last_update, ended, count}`), `null` for other dispatches.
    pub live: Option<crate::render::live::LiveSummary>,
}

/// One correction.
#[derive(Debug, Serialize)]
pub struct CorrectionView<'a> {
    /// When.
    pub date: DateView,
    /// What changed.
    pub note: &'a str,
}

/// `page` on `article.html` is the dispatch's [`PageSummary`] (serialised once per build) plus
/// this: the body and its apparatus (see [`page_value`], which serialises it).
#[derive(Debug)]
pub struct PageView<'a> {
    /// Body HTML (a safe string), the dateline ("BAKHMUT, 5 February 2023 —") leading its
    /// first paragraph.
    pub content: Value,
    /// Headings for a table of contents.
    pub toc: &'a [Heading],
    /// Sources cited.
    pub sources: &'a [Source],
    /// Corrections log, oldest first.
    pub corrections: Vec<CorrectionView<'a>>,
    /// Places named in the text but not among `cities`.
    pub mentions: Vec<Value>,
    /// The dateline in capitals, e.g. `BAKHMUT`.
    pub dateline_caps: Option<String>,
    /// schema.org `NewsArticle` JSON-LD, safe inside `<script type="application/ld+json">`.
    pub json_ld: String,
    /// Absolute URL of the first image, for `og:image`.
    pub image: Option<String>,
    /// The lead photo's `<figure>` (a safe string), shown above the body.
    pub lead_image: Option<Value>,
    /// Newer dispatch.
    pub newer: Option<Link>,
    /// Older dispatch.
    pub older: Option<Link>,
    /// A live dispatch's published updates, newest first.
    pub updates: Vec<crate::render::live::UpdateView<'a>>,
    /// Its key events, newest first.
    pub key_events: Vec<crate::render::live::KeyEvent<'a>>,
    /// Its own Atom feed (site path), for live coverage.
    pub live_feed: Option<String>,
}

/// A city as `city.html` and `cities.html` see it.
#[derive(Debug, Serialize)]
pub struct CityView<'a> {
    /// Canonical name.
    pub name: &'a str,
    /// Ukrainian name.
    pub name_uk: &'a str,
    /// Other names (romanisations, former names; not the Cyrillic names, given apart).
    pub aliases: Vec<&'a str>,
    /// Oblast.
    pub oblast: &'a str,
    /// Latitude, if known.
    pub lat: Option<f64>,
    /// Longitude, if known.
    pub lon: Option<f64>,
    /// Population, if known.
    pub population: u64,
    /// Description from `cities.toml`.
    pub description: Option<&'a str>,
    /// Site path.
    pub path: String,
    /// Feed path.
    pub feed_path: String,
    /// Dispatches filed from or about it.
    pub count: usize,
    /// Dispatches that mention it.
    pub mention_count: usize,
}

/// A tag or author as `tag.html`/`author.html`/`tags.html` see it.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    /// Name.
    pub name: &'a str,
    /// Site path.
    pub path: String,
    /// Feed path (tags only; empty for authors).
    pub feed_path: String,
    /// Dispatches.
    pub count: usize,
}

/// `paginator` on every list page.
#[derive(Debug, Serialize)]
pub struct PaginatorView {
    /// Dispatches on this page (`PageSummary` each).
    pub items: Vec<tera::Value>,
    /// The same items grouped by month (`{label, items}`), for timelines.
    pub months: Vec<MonthGroup>,
    /// 1-based page number.
    pub current: usize,
    /// Number of pages (at least 1).
    pub total_pages: usize,
    /// Number of dispatches across all pages.
    pub total_items: usize,
    /// Path of the previous page, if any.
    pub prev: Option<String>,
    /// Path of the next page, if any.
    pub next: Option<String>,
    /// Path of page 1.
    pub first: String,
    /// Path of the last page.
    pub last: String,
    /// Nearby pages for numbered navigation (at most 7).
    pub nearby: Vec<PageNumber>,
}

/// A group of a timeline.
#[derive(Debug, Serialize)]
pub struct MonthGroup {
    /// "February 2023".
    pub label: String,
    /// Dispatches (`PageSummary` each).
    pub items: Vec<tera::Value>,
}

/// One numbered page link.
#[derive(Debug, Serialize)]
pub struct PageNumber {
    /// 1-based.
    pub number: usize,
    /// Site path.
    pub path: String,
    /// Whether it is the current page.
    pub current: bool,
}

/// A site path without its leading slash.
pub fn rel(url: &UrlPath) -> String {
    url.as_str().trim_start_matches('/').to_string()
}

/// Link to a city page.
pub fn city_link(p: &Place) -> Link {
    Link {
        name: p.name.to_string(),
        path: crate::routes::city(&p.slug).relative().to_string(),
    }
}

/// A tag's or author's link; a tag shows its name in the edition's language where
/// `[languages.<code>.tags]` gives one.
fn term_link(site: &Site, name: &str, kind: TermKind) -> Link {
    let slug = slugify(name);
    let shown = (kind == TermKind::Tag)
        .then(|| site.config.lang().tags.get(slug.as_str()))
        .flatten();
    Link {
        name: shown.map_or_else(|| name.to_string(), Clone::clone),
        path: crate::routes::term(kind, &slug).relative().to_string(),
    }
}

/// Link values shared by every summary: one `Value` per city, tag and author, however many
/// dispatches show it (in a large archive, per-summary copies cost hundreds of megabytes).
#[derive(Debug, Default)]
pub struct LinkValues {
    places: ahash::AHashMap<PlaceId, Value>,
    tags: ahash::AHashMap<String, Value>,
    authors: ahash::AHashMap<String, Value>,
}

impl LinkValues {
    /// The link values of every city, place mentioned, tag and author.
    pub fn new(site: &Site) -> Self {
        let mut v = LinkValues::default();
        for p in &site.pages {
            for id in p.cities.iter().chain(&p.dateline).chain(&p.mentions) {
                v.places.entry(*id).or_insert_with(|| {
                    Value::from_serializable(&city_link(site.gazetteer.get(*id)))
                });
            }
            for (kind, names, map) in [
                (TermKind::Tag, &p.tags, &mut v.tags),
                (TermKind::Author, &p.authors, &mut v.authors),
            ] {
                for n in names {
                    if !map.contains_key(n) {
                        map.insert(
                            n.clone(),
                            Value::from_serializable(&term_link(site, n, kind)),
                        );
                    }
                }
            }
        }
        v
    }

    pub(crate) fn place(&self, site: &Site, id: PlaceId) -> Value {
        self.places
            .get(&id)
            .cloned()
            .unwrap_or_else(|| Value::from_serializable(&city_link(site.gazetteer.get(id))))
    }

    pub(crate) fn terms(&self, site: &Site, names: &[String], kind: TermKind) -> Vec<Value> {
        let map = if kind == TermKind::Tag {
            &self.tags
        } else {
            &self.authors
        };
        names
            .iter()
            .map(|n| match map.get(n) {
                Some(v) => v.clone(),
                None => Value::from_serializable(&term_link(site, n, kind)),
            })
            .collect()
    }
}

/// Builds the summary view of a page.
pub fn summary<'a>(site: &'a Site, p: &'a Page, links: &LinkValues) -> PageSummary<'a> {
    let permalink = site.config.permalink(&p.url);
    let summary = match (&p.summary_text, p.body.has_more) {
        (Some(t), false) => format!("<p>{}</p>", crate::escape::html(t)),
        _ => list_safe(&p.body.summary_html, &permalink, &site.config.base_url),
    };
    PageSummary {
        title: &p.title,
        path: rel(&p.url),
        permalink,
        date: DateView::new(&p.date, &site.config.strings().locale),
        updated: (p.updated.as_ref()).map(|d| DateView::new(d, &site.config.strings().locale)),
        month_path: rel(&crate::routes::month(p.date.year(), p.date.month())),
        summary,
        description: description(p),
        dateline: p.dateline.map(|id| links.place(site, id)),
        cities: p.cities.iter().map(|id| links.place(site, *id)).collect(),
        tags: links.terms(site, &p.tags, TermKind::Tag),
        authors: links.terms(site, &p.authors, TermKind::Author),
        words: p.body.words,
        reading_minutes: crate::markdown::reading_minutes(
            p.body.words,
            site.config.words_per_minute,
        ),
        content_warning: p.content_warning.as_deref(),
        content_warning_lang: p.content_warning_lang.as_deref(),
        has_more: p.body.has_more,
        live: crate::render::live::summary(site, p),
    }
}

/// A dispatch as its neighbours link it.
fn page_link(q: &Page) -> Link {
    Link {
        name: q.title.clone(),
        path: rel(&q.url),
    }
}

fn description(p: &Page) -> String {
    let text = match &p.summary_text {
        Some(t) => t.as_str(),
        None => (p.body.text.lines())
            .find(|l| !l.trim().is_empty())
            .unwrap_or(""),
    };
    crate::markdown::shorten(text.trim(), 200)
}

/// Absolute URL of the image a dispatch is shared with (`og:image`, JSON-LD `image`): the
/// lead photo's or the first photo's 1200 px variant, else the first image.
pub(crate) fn first_image(site: &Site, p: &Page) -> Option<String> {
    let (src, _) = match &p.body.share_image {
        Some(variant) if variant.starts_with("../") => {
            // A translation's photo, published beside its original (`../../…`): resolved,
            // as crawlers want an absolute URL without dot segments.
            let page = url::Url::parse(&site.config.permalink(&p.url)).ok()?;
            return page.join(variant).ok().map(String::from);
        }
        Some(variant) => return Some(format!("{}{variant}", site.config.permalink(&p.url))),
        None => p.body.images.first()?,
    };
    if src.starts_with("http://") || src.starts_with("https://") {
        return Some(src.clone());
    }
    let base = site.config.permalink(&p.url);
    Some(if let Some(abs) = src.strip_prefix('/') {
        format!("{}/{abs}", site.config.base_url)
    } else {
        format!("{base}{src}")
    })
}

/// The `page` value of a dispatch: its summary value (already serialised for the lists) with
/// the fields of `view` added, so the summary is not serialised again for every page. One map
/// is built, sized for both; the summary's entries are shared, not copied; a field of `view`
/// wins over a summary field of the same name.
pub fn page_value(summary: &Value, view: &PageView<'_>) -> Value {
    Value::from_serializable(&PageValue {
        summary: summary.as_map(),
        view,
    })
}

/// See [`page_value`]. Serialised as one struct whose fields are the summary's entries (whose
/// keys are the summary's own static field names) and then the view's.
struct PageValue<'a> {
    summary: Option<&'a tera::Map>,
    view: &'a PageView<'a>,
}

impl Serialize for PageValue<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field listed: a field added to `PageView` and not here does not compile.
        let PageView {
            content,
            toc,
            sources,
            corrections,
            mentions,
            dateline_caps,
            json_ld,
            image,
            lead_image,
            newer,
            older,
            updates,
            key_events,
            live_feed,
        } = self.view;
        let entries = self.summary.into_iter().flatten();
        let mut st = s.serialize_struct("Page", self.summary.map_or(0, |m| m.len()) + 14)?;
        for (k, v) in entries {
            // Summaries are serialised structs (and `items` adds a static key): every key is
            // a static name.
            debug_assert!(matches!(k, tera::value::Key::Str(_)), "summary key {k:?}");
            if let tera::value::Key::Str(name) = k {
                st.serialize_field(name, v)?;
            }
        }
        // Marked safe already: `{{ page.content }}` prints it as it is, without the copy of
        // the whole body that Tera's `safe` filter makes (`| safe` still works).
        st.serialize_field("content", content)?;
        st.serialize_field("toc", toc)?;
        st.serialize_field("sources", sources)?;
        st.serialize_field("corrections", corrections)?;
        st.serialize_field("mentions", mentions)?;
        st.serialize_field("dateline_caps", dateline_caps)?;
        st.serialize_field("json_ld", &Value::safe_string(json_ld))?;
        st.serialize_field("image", image)?;
        st.serialize_field("lead_image", lead_image)?;
        st.serialize_field("newer", newer)?;
        st.serialize_field("older", older)?;
        st.serialize_field("updates", updates)?;
        st.serialize_field("key_events", key_events)?;
        st.serialize_field("live_feed", live_feed)?;
        st.end()
    }
}

/// Builds the full view of a page (`links` and `jsonld`: the build's shared link values and
/// JSON-LD parts).
pub fn page_view<'a>(
    site: &'a Site,
    p: &'a Page,
    links: &LinkValues,
    jsonld: &crate::render::jsonld::Parts,
) -> PageView<'a> {
    view(site, p, links, Some(jsonld))
}

/// The view for the text-only edition: no JSON-LD or social metadata.
pub fn lite_view<'a>(site: &'a Site, p: &'a Page, links: &LinkValues) -> PageView<'a> {
    view(site, p, links, None)
}

fn view<'a>(
    site: &'a Site,
    p: &'a Page,
    links: &LinkValues,
    jsonld: Option<&crate::render::jsonld::Parts>,
) -> PageView<'a> {
    let g = &site.gazetteer;
    let i = p.id.0 as usize;
    let dateline_caps = p.dateline.map(|id| g.get(id).name.to_uppercase());
    let content = p.html.dated(
        dateline_caps.as_deref(),
        &p.date.human_in(&site.config.strings().locale),
    );
    let content = from_edition_root(content, p, &p.url);
    PageView {
        content,
        toc: &p.body.toc,
        sources: &p.sources,
        corrections: p
            .corrections
            .iter()
            .map(|c| CorrectionView {
                date: DateView::new(&c.date, &site.config.strings().locale),
                note: &c.note,
            })
            .collect(),
        mentions: p.mentions.iter().map(|id| links.place(site, *id)).collect(),
        dateline_caps,
        json_ld: match jsonld {
            Some(parts) => crate::render::jsonld::news_article(site, parts, p),
            None => String::new(),
        },
        image: first_image(site, p),
        lead_image: p.body.lead_html.as_deref().map(Value::safe_string),
        // Made for each page rather than kept for every dispatch (4 MiB at 10,000).
        newer: i
            .checked_sub(1)
            .and_then(|j| site.pages.get(j))
            .map(page_link),
        older: site.pages.get(i + 1).map(page_link),
        updates: crate::render::live::updates(site, p, links, None),
        key_events: crate::render::live::key_events(site, p),
        live_feed: (p.live.is_some()).then(|| rel(&crate::routes::feed(&p.url))),
    }
}

#[cfg(test)]
mod tests {
    /// What descriptions were cut with before `shorten` (collecting characters into a copy).
    fn shorten_by_copy(text: &str) -> String {
        if text.chars().count() <= 200 {
            return text.to_string();
        }
        let cut: String = text.chars().take(199).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
        format!("{cut}…")
    }

    #[test]
    fn shorten_cuts_as_the_copying_cut_did() {
        let words = ["a", "Bakhmut", "Бахмут", "—", "ї", "shelling", "🇺🇦", ""];
        let mut texts = vec![String::new()];
        for n in [198, 199, 200, 201, 202, 250, 400] {
            for w in words {
                let unit = if w.is_empty() {
                    "x".to_string()
                } else {
                    format!("{w} ")
                };
                let t: String = unit.chars().cycle().take(n).collect();
                texts.push(t.clone());
                texts.push(t.replace(' ', ""));
            }
        }
        for t in texts {
            assert_eq!(
                crate::markdown::shorten(&t, 200),
                shorten_by_copy(&t),
                "{t:?}"
            );
        }
    }
}
