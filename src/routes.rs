//! The site's URL scheme in one place: where each kind of page, list and feed lives.
//!
//! Every other module asks here (or `render::plan::job_url`, which maps a planned page to
//! one of these) instead of formatting `/cities/{slug}/` itself, so a change to the scheme is
//! one edit. Paths are edition-relative: a language's `/uk/` prefix is added when writing.

use std::fmt;

use crate::urls::UrlPath;

/// The two kinds of taxonomy term a dispatch lists in its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TermKind {
    /// `tags = [...]`: topics, listed at `/tags/`.
    Tag,
    /// `authors = [...]`: bylines.
    Author,
}

impl TermKind {
    /// The URL section and front-matter key: `tags` or `authors`.
    pub(crate) fn section(self) -> &'static str {
        match self {
            TermKind::Tag => "tags",
            TermKind::Author => "authors",
        }
    }

    /// The page kind a template sees (`tag`, `author`).
    pub(crate) fn singular(self) -> &'static str {
        match self {
            TermKind::Tag => "tag",
            TermKind::Author => "author",
        }
    }

    /// Whether each term has an Atom feed (tags do; an author's is their list page).
    pub(crate) fn has_feed(self) -> bool {
        self == TermKind::Tag
    }
}

/// Top-level sections the build owns: a dispatch or page whose URL falls under one would be
/// shadowed by (or shadow) generated pages.
pub(crate) const RESERVED: [&str; 5] = ["/cities/", "/tags/", "/authors/", "/page/", "/lite/"];

/// Page `n` (1-based) of a list at `base`: `base` itself, then `base/page/n/`.
pub(crate) fn page(base: &UrlPath, n: usize) -> UrlPath {
    if n <= 1 {
        base.clone()
    } else {
        base.join(&format!("page/{n}/"))
    }
}

/// The Atom feed beside a list or a live dispatch (`/cities/kyiv/` → `/cities/kyiv/atom.xml`).
pub(crate) fn feed(base: &UrlPath) -> UrlPath {
    base.join("atom.xml")
}

/// The index of every city (`/cities/`).
pub(crate) fn cities() -> UrlPath {
    UrlPath::parse("/cities/")
}

/// A city's list (`/cities/bakhmut/`).
pub(crate) fn city(slug: impl fmt::Display) -> UrlPath {
    UrlPath::parse(&format!("/cities/{slug}/"))
}

/// The index of every tag (`/tags/`).
pub(crate) fn tags() -> UrlPath {
    UrlPath::parse("/tags/")
}

/// A tag's or author's list (`/tags/drones/`, `/authors/olena-kovalenko/`).
pub(crate) fn term(kind: TermKind, slug: impl fmt::Display) -> UrlPath {
    UrlPath::parse(&format!("/{}/{slug}/", kind.section()))
}

/// The month archive (`/archive/`).
pub(crate) fn archive() -> UrlPath {
    UrlPath::parse("/archive/")
}

/// A month of the archive (`/archive/2023/02/`).
pub(crate) fn month(year: i16, month: i8) -> UrlPath {
    archive().join(&format!("{year:04}/{month:02}/"))
}

/// The search page (`/search/`).
pub(crate) fn search() -> UrlPath {
    UrlPath::parse("/search/")
}

/// The not-found page (`/404.html`).
pub(crate) fn not_found() -> UrlPath {
    UrlPath::parse("/404.html")
}

/// The text-only edition of a path (`/2023/02/x/` → `/lite/2023/02/x/`; `/` → `/lite/`).
pub(crate) fn lite(url: &UrlPath) -> UrlPath {
    UrlPath::parse(&format!("/lite{}", url.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme() {
        assert_eq!(city("bakhmut").as_str(), "/cities/bakhmut/");
        assert_eq!(page(&city("bakhmut"), 1).as_str(), "/cities/bakhmut/");
        assert_eq!(
            page(&city("bakhmut"), 3).as_str(),
            "/cities/bakhmut/page/3/"
        );
        assert_eq!(feed(&city("kyiv")).as_str(), "/cities/kyiv/atom.xml");
        assert_eq!(term(TermKind::Author, "o-k").as_str(), "/authors/o-k/");
        assert_eq!(month(2023, 2).as_str(), "/archive/2023/02/");
        assert_eq!(lite(&UrlPath::root()).as_str(), "/lite/");
        assert_eq!(lite(&month(2023, 2)).as_str(), "/lite/archive/2023/02/");
        for r in RESERVED {
            assert!(r.starts_with('/') && r.ends_with('/'), "{r}");
        }
    }
}
