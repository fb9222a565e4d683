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
    /// Sources.
    pub sources: Vec<Source>,
    /// Corrections, oldest first.
    pub corrections: Vec<Correction>,
    /// Front matter text (for locating keys in error messages).
    pub front_matter: String,
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
}

impl Doc {
    /// Line (1-based, in the file) of the first front-matter line containing `needle`.
    pub fn line_of(&self, needle: &str) -> usize {
        self.front_matter
            .lines()
            .position(|l| l.contains(needle))
            .map_or(1, |i| i + 2)
    }

    /// Line (1-based, in the file) of the front-matter line that sets top-level `key`.
    pub fn key_line(&self, key: &str) -> usize {
        key_line(&self.front_matter, key)
    }

    /// Resolves raw front matter; date errors are returned as messages. The body is rendered
    /// by the caller.
    pub fn from_raw(
        raw: RawFrontMatter,
        source: PathBuf,
        abs: PathBuf,
        front_matter: String,
        zone: &crate::dates::Zone,
    ) -> Result<Doc, String> {
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
        } = raw;
        let image = lead_image(image, image_alt, image_caption)?;
        if title.trim().is_empty() {
            return Err("`title` is empty; give the dispatch a headline".into());
        }
        let conv = |d: &toml::value::Datetime, key: &str| {
            Date::from_toml(d, zone).map_err(|e| format!("`{key}`: {e}"))
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
            .collect::<Result<Vec<_>, String>>()?;
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
            sources,
            corrections,
            front_matter,
            html: BodyHtml::default(),
            body: Rendered::default(),
            hits: Default::default(),
            notes: Vec::new(),
            html_removed: Vec::new(),
            image,
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

/// Line (1-based, in the file) of the line of `front_matter` (the text after the opening
/// `+++` line) that sets top-level `key`; 1 if none does.
fn key_line(front_matter: &str, key: &str) -> usize {
    front_matter
        .lines()
        .position(|l| {
            let rest = l.trim_start().strip_prefix(key);
            rest.is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 2)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_line_finds_the_line_that_sets_the_key() {
        let fm = "\ntitle = \"updated = soon\"\nupdated_by = 1\n  updated= 2023-01-01\n";
        // The block starts after the `+++` line 1; its first line is blank (line 2).
        assert_eq!(key_line(fm, "updated"), 5);
        assert_eq!(key_line(fm, "title"), 3);
        assert_eq!(key_line(fm, "missing"), 1);
    }
}
