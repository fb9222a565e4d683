//! Standalone pages: About, Corrections policy, Contact — Markdown files under
//! `content/pages/` that are not dispatches.
//!
//! A page has a title and no date; it is published at `/<slug>/` (the file name, or the
//! folder name for `index.md`), rendered with the theme's `page.html`, listed in the sitemap
//! and never in lists or feeds. Its front matter is checked as strictly as a dispatch's.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::Config;
use crate::content::front_matter;
use crate::dates::Date;
use crate::error::{Error, Location};
use crate::markdown::Heading;
use crate::tomlerr::KeyLines;
use crate::urls::{Slug, UrlPath};

/// The folder under `content/` whose Markdown files are standalone pages.
pub const PAGES_DIR: &str = "pages";

/// The front matter keys of a standalone page, exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageMatter {
    /// Page title (required).
    pub title: String,
    /// URL slug override (`/<slug>/`).
    pub slug: Option<String>,
    /// One plain-text sentence for search engines and link previews.
    pub description: Option<String>,
    /// Last substantive update, shown on the page and in the sitemap.
    pub updated: Option<toml::value::Datetime>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// A standalone page, parsed and rendered.
#[derive(Debug, Clone)]
pub struct Standalone {
    /// Source file relative to the site root (`content/pages/about.md`).
    pub source: PathBuf,
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: Slug,
    /// Site path, `/<slug>/`.
    pub url: UrlPath,
    /// Description (front matter, else the opening of the text).
    pub description: String,
    /// Last update.
    pub updated: Option<Date>,
    /// Body HTML.
    pub html: String,
    /// Headings (ids are the `#anchor`s a link may point at).
    pub toc: Vec<Heading>,
    /// Lines of the front matter's keys.
    pub lines: KeyLines,
    /// Whether it is a draft.
    pub draft: bool,
    /// Links by source path in the body (see [`crate::content::links`]).
    pub source_links: Vec<super::SourceLink>,
    /// Images in the body.
    pub image_links: Vec<super::SourceLink>,
}

/// Whether `rel` (relative to the site root) is a standalone page of a site whose content
/// folder is `content_rel`.
pub fn is_page(rel: &Path, content_rel: &Path) -> bool {
    rel.strip_prefix(content_rel)
        .is_ok_and(|r| r.starts_with(PAGES_DIR))
}

/// Reads and renders one page.
pub fn parse(abs: &Path, rel: &Path, config: &Config) -> Result<Standalone, Vec<Error>> {
    let one = |e: Error| vec![e];
    let raw = crate::fs::read_text_bytes(abs, rel).map_err(one)?;
    let (text, _) = super::source_text(&raw, rel).map_err(one)?;
    let split = front_matter::split(&text, rel).map_err(one)?;
    let (fm, lines) = front_matter::parse_as::<RawPageMatter>(&split, rel)?;
    let RawPageMatter {
        title,
        slug,
        description,
        updated,
        draft,
    } = fm;
    let at =
        |key: &str, msg: String| vec![Error::content(Location::at(rel, lines.key(key), 1), msg)];
    if title.trim().is_empty() {
        return Err(at(
            "title",
            "`title` is empty; give the page a title".into(),
        ));
    }
    let updated = match updated {
        Some(d) => Some(
            Date::from_toml(&d, &config.timezone)
                .map_err(|e| at("updated", format!("`updated`: {e}")))?,
        ),
        None => None,
    };
    // A translation (`about.uk.md`) has its original's slug, under its language's prefix.
    let key = crate::lang::translation_key(abs);
    let stem = if key.file_name().is_some_and(|n| n == "index.md") {
        key.parent().and_then(|p| p.file_name())
    } else {
        key.file_stem()
    };
    let slug = crate::urls::slugify(&slug.unwrap_or_else(|| {
        stem.map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }));
    if slug.as_str().is_empty() {
        return Err(at(
            "slug",
            "the page has no usable slug; set `slug = \"about\"`".into(),
        ));
    }
    let body_at = split.body.as_ptr() as usize - text.as_ptr() as usize;
    let (html, mut body) = crate::markdown::render(split.body, &config.html);
    let description = description.unwrap_or_else(|| {
        let lead = body
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        crate::markdown::shorten(lead.trim(), 200)
    });
    let source_links =
        super::links::located(&text, body_at, rel, std::mem::take(&mut body.source_links));
    let image_links =
        super::links::located(&text, body_at, rel, std::mem::take(&mut body.image_links));
    Ok(Standalone {
        source: rel.to_path_buf(),
        title,
        url: UrlPath::parse(&format!("/{}/", slug.as_str())),
        slug,
        description,
        updated,
        html,
        toc: body.toc,
        lines,
        draft,
        source_links,
        image_links,
    })
}
