//! A dispatch in two layers: `Doc` (one file parsed and rendered, immutable, shared by `Arc`,
//! cacheable across rebuilds) and `Page` (a `Doc` placed in the site: id, URL, resolved
//! cities and mentions; cheap to rebuild on every edit).
//!
//! `Doc` is built from `RawFrontMatter` by exhaustive destructuring (a new front-matter key
//! cannot be dropped silently). Cities are `PlaceId`s into the gazetteer, never strings.

use std::path::PathBuf;
use std::sync::Arc;

use crate::content::body::BodyHtml;
use crate::content::front_matter::{RawFrontMatter, Source};
use crate::dates::Date;
use crate::markdown::Rendered;
use crate::places::PlaceId;
use crate::tomlerr::KeyLines;
use crate::urls::{Slug, UrlPath};

/// Index of a page in `Site::pages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct PageId(pub u32);

/// One correction.
#[derive(Debug, Clone)]
pub struct Correction {
    /// When.
    pub date: Date,
    /// What changed.
    pub note: String,
}

/// A dispatch placed in the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Position in `Site::pages` (newest first).
    pub id: PageId,
    /// The parsed file.
    pub doc: Arc<Doc>,
    /// Site path, e.g. `/2023/02/bakhmut/`.
    pub url: UrlPath,
    /// Resolved cities, in the order written, without duplicates.
    pub cities: Vec<PlaceId>,
    /// Resolved dateline city.
    pub dateline: Option<PlaceId>,
    /// Places named in the body (not in `cities`), sorted by name.
    pub mentions: Vec<PlaceId>,
    /// A live dispatch's published updates, newest first, with their anchors.
    pub updates: Vec<crate::content::live::Placed>,
    /// Its embargoed updates (published by a later build).
    pub held: Vec<Arc<Doc>>,
    /// Live and not ended at the build's "now".
    pub on_air: bool,
}

impl std::ops::Deref for Page {
    type Target = Doc;
    fn deref(&self) -> &Doc {
        &self.doc
    }
}

/// One dispatch file, parsed and rendered.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Source file relative to the site root, e.g. `content/2023/bakhmut/index.md`.
    pub source: PathBuf,
    /// Absolute source file.
    pub abs: PathBuf,
    /// Hash of the file's bytes (with its path): changes whenever the file does.
    pub hash: u64,
    /// Hash and length of the file's bytes alone (the up-to-date check's digest uses them).
    pub bytes_hash: (u64, usize),
    /// `index.md` of a folder: its sibling files are copied beside the page.
    pub bundle: bool,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Date,
    /// Last update.
    pub updated: Option<Date>,
    /// Embargo end.
    pub publish_after: Option<Date>,
    /// URL slug.
    pub slug: Slug,
    /// Site path from the permalink pattern.
    pub url: UrlPath,
    /// Summary from front matter (plain text).
    pub summary_text: Option<String>,
    /// Bylines as written.
    pub authors: Vec<String>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Cities as written.
    pub city_names: Vec<String>,
    /// Dateline city as written.
    pub dateline_name: Option<String>,
    /// Draft.
    pub draft: bool,
    /// Content warning.
    pub content_warning: Option<String>,
    /// The language `content_warning` is written in when it is not the file's: a translation
    /// showing its original's (see `content::translated`).
    pub content_warning_lang: Option<String>,
    /// Sources.
    pub sources: Vec<Source>,
    /// Corrections, oldest first.
    pub corrections: Vec<Correction>,
    /// Lines of the front matter's keys and values (for locating messages).
    pub lines: KeyLines,
    /// Body HTML (with the dateline once the file is fully parsed).
    pub html: BodyHtml,
    /// What else rendering the body gave (summary, words, headings, images, text).
    pub body: Rendered,
    /// Gazetteer name patterns found in the text (see `places::Matcher`).
    pub hits: crate::places::mentions::Hits,
    /// What parsing changed and the writer should know (control characters removed).
    pub notes: Vec<crate::error::Warning>,
    /// What the HTML allow-list removed: warnings, or errors with `strict_html`.
    pub html_removed: Vec<crate::error::Warning>,
    /// Lead photo from front matter.
    pub image: Option<LeadImage>,
    /// Links by source path (`@/…`) in the body.
    pub source_links: Vec<crate::content::SourceLink>,
    /// Images in the body (and the lead photo), for the check that the files exist.
    pub image_links: Vec<crate::content::SourceLink>,
    /// Live coverage (`live = true`): when it ends, if set.
    pub live: Option<crate::content::live::Live>,
    /// Set when this file is an update of a live dispatch.
    pub update: Option<crate::content::live::UpdateInfo>,
}

impl Doc {
    /// Line (1-based, in the file) of the string `value` under front-matter `key` (a city in
    /// `cities`), else of `key`.
    pub fn value_line(&self, key: &str, value: &str) -> usize {
        self.lines.value(key, value)
    }

    /// Line (1-based, in the file) of the front-matter line that sets `key`.
    pub fn key_line(&self, key: &str) -> usize {
        self.lines.key(key)
    }

    /// Resolves raw front matter; errors are returned as the key they are about and a
    /// message. The body is rendered by the caller.
    pub fn from_raw(
        raw: RawFrontMatter,
        source: PathBuf,
        abs: PathBuf,
        lines: KeyLines,
        zone: &crate::dates::Zone,
    ) -> Result<Doc, (&'static str, String)> {
        let RawFrontMatter {
            title,
            date,
            updated,
            publish_after,
            slug,
            summary,
            authors,
            cities,
            tags,
            dateline,
            draft,
            content_warning,
            sources,
            corrections,
            image,
            image_alt,
            image_caption,
            live,
            coverage_end,
        } = raw;
        let image_key = if image.is_some() {
            "image"
        } else {
            "image_alt"
        };
        let image = lead_image(image, image_alt, image_caption).map_err(|e| (image_key, e))?;
        if title.trim().is_empty() {
            return Err((
                "title",
                "`title` is empty; give the dispatch a headline".into(),
            ));
        }
        let conv = |d: &toml::value::Datetime, key: &'static str| {
            Date::from_toml(d, zone).map_err(|e| (key, format!("`{key}`: {e}")))
        };
        // A translation (`x.uk.md`, `index.uk.md`) takes the name of the file it translates.
        let key = crate::lang::translation_key(&abs);
        let bundle = key.file_name().is_some_and(|n| n == "index.md");
        let stem = if bundle {
            abs.parent().and_then(|p| p.file_name())
        } else {
            key.file_stem()
        };
        let slug_src = slug.unwrap_or_else(|| {
            stem.map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let corrections = corrections
            .iter()
            .map(|c| {
                Ok(Correction {
                    date: conv(&c.date, "corrections.date")?,
                    note: c.note.clone(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Doc {
            source,
            abs,
            hash: 0,
            bytes_hash: (0, 0),
            bundle,
            title,
            date: conv(&date, "date")?,
            updated: updated.as_ref().map(|d| conv(d, "updated")).transpose()?,
            publish_after: publish_after
                .as_ref()
                .map(|d| conv(d, "publish_after"))
                .transpose()?,
            slug: crate::urls::slugify(&slug_src),
            url: UrlPath::root(),
            summary_text: summary,
            authors: dedup(authors),
            tags: dedup(tags),
            city_names: cities,
            dateline_name: dateline,
            draft,
            content_warning,
            content_warning_lang: None,
            sources,
            corrections,
            lines,
            html: BodyHtml::default(),
            body: Rendered::default(),
            hits: Default::default(),
            notes: Vec::new(),
            html_removed: Vec::new(),
            image,
            source_links: Vec::new(),
            image_links: Vec::new(),
            live: match (live, coverage_end) {
                (true, end) => Some(crate::content::live::Live {
                    coverage_end: end.as_ref().map(|d| conv(d, "coverage_end")).transpose()?,
                }),
                (false, Some(_)) => {
                    return Err((
                        "coverage_end",
                        "`coverage_end` is for live coverage: add `live = true`".into(),
                    ));
                }
                (false, None) => None,
            },
            update: None,
        })
    }
}

/// The lead photo of a dispatch (front matter `image`, `image_alt`, `image_caption`).
#[derive(Debug, Clone)]
pub struct LeadImage {
    /// The file, relative to the dispatch's folder.
    pub src: String,
    /// Alt text (empty when not given: a warning, as for images in the body).
    pub alt: String,
    /// Caption and credit.
    pub caption: String,
}

fn lead_image(
    src: Option<String>,
    alt: Option<String>,
    caption: Option<String>,
) -> Result<Option<LeadImage>, String> {
    let Some(src) = src else {
        if alt.is_some() || caption.is_some() {
            return Err("`image_alt` and `image_caption` describe the lead photo: add `image = \"photo.jpg\"` (a file beside the dispatch)".into());
        }
        return Ok(None);
    };
    if crate::images::markup::local(&src).is_none() || src.contains('"') {
        return Err(format!(
            "`image = \"{}\"` must name a photo beside the dispatch, such as `image = \"photo.jpg\"` (no URL, absolute path or `..`)",
            src.escape_debug()
        ));
    }
    Ok(Some(LeadImage {
        src,
        alt: alt.unwrap_or_default(),
        caption: caption.unwrap_or_default(),
    }))
}

/// Trimmed, without blanks or repeats (ASCII case ignored), in the order written; linear in
/// the list's length, so an absurd list costs no more than reading it.
fn dedup(v: Vec<String>) -> Vec<String> {
    let mut seen: ahash::AHashSet<String> = ahash::AHashSet::with_capacity(v.len());
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for s in v {
        let s = s.trim().to_string();
        if !s.is_empty() && seen.insert(s.to_ascii_lowercase()) {
            out.push(s);
        }
    }
    out
}
