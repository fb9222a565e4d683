//! Slugs, site URLs and the mapping from a URL to a file inside the output folder.
//!
//! Owns `Slug` (lower-case ASCII letters, digits and single hyphens, never empty), `UrlPath`
//! (always starts and, for pages, ends with `/`, never contains `..`) and `slugify`, which
//! romanises Ukrainian Cyrillic by the official KMU 55:2010 system (crate `uklatn`) and
//! everything else by dropping accents. Whatever a user writes, `UrlPath::file` stays inside
//! the output folder: that confinement is a property test.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A URL-safe identifier: `[a-z0-9]+(-[a-z0-9]+)*`. (Deserialised only from the tables
/// `build.rs` makes of slugs `slugify` gave.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Makes a slug from any text; empty input gives `untitled`.
pub fn slugify(text: &str) -> Slug {
    let mut slug = SlugWriter::with_capacity(text.len());
    if text.is_ascii() {
        // Most text: nothing to romanise, lower-case or fold, a byte at a time.
        text.bytes().for_each(|b| slug.push(char::from(b)));
        return slug.finish();
    }
    let latin = if text.chars().any(is_cyrillic) {
        // Russian-only letters are outside the Ukrainian table: map them to their usual Latin.
        let text: String = text
            .chars()
            .map(|c| match c {
                'ё' | 'Ё' | 'э' | 'Э' => 'e',
                'ы' | 'Ы' => 'y',
                'ъ' | 'Ъ' => '\'',
                c => c,
            })
            .collect();
        uklatn::encode(&text, uklatn::Table::Kmu55)
    } else {
        text.to_string()
    };
    for c in latin.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match fold_accent(lower) {
            Some(folded) => folded.chars().for_each(|f| slug.push(f)),
            None => slug.push(lower),
        }
    }
    slug.finish()
}

/// A slug being written: ASCII letters and digits, lower-cased, with one `-` for each run of
/// anything else between them (apostrophes are dropped: "Kryvyi Rih", "Bilhorod-Dnistrovskyi").
struct SlugWriter {
    out: String,
    pending_dash: bool,
}

impl SlugWriter {
    fn with_capacity(n: usize) -> Self {
        SlugWriter {
            out: String::with_capacity(n),
            pending_dash: false,
        }
    }

    fn push(&mut self, c: char) {
        if c.is_ascii_alphanumeric() {
            if self.pending_dash && !self.out.is_empty() {
                self.out.push('-');
            }
            self.pending_dash = false;
            self.out.push(c.to_ascii_lowercase());
        } else if !matches!(c, '\'' | '’' | 'ʼ') {
            self.pending_dash = true;
        }
    }

    fn finish(mut self) -> Slug {
        if self.out.is_empty() {
            self.out.push_str("untitled");
        }
        Slug(self.out)
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Folds a common accented Latin letter to ASCII; `None` for anything else.
fn fold_accent(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāă", "a"),
        ("çćč", "c"),
        ("ďđ", "d"),
        ("èéêëēėęě", "e"),
        ("ğ", "g"),
        ("ìíîïī", "i"),
        ("ł", "l"),
        ("ñńň", "n"),
        ("òóôõöøō", "o"),
        ("řŕ", "r"),
        ("śšş", "s"),
        ("ťţ", "t"),
        ("ùúûüūů", "u"),
        ("ýÿ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    if c.is_ascii() {
        return None;
    }
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, to)| *to)
}

/// An absolute path on the site, like `/2023/02/bakhmut/` or `/atom.xml`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct UrlPath(String);

impl UrlPath {
    /// The site root `/`.
    pub fn root() -> Self {
        UrlPath("/".into())
    }

    /// Builds a URL from segments, each made safe; a trailing `/` when `dir` is true.
    pub fn from_segments<'a>(segments: impl IntoIterator<Item = &'a str>, dir: bool) -> Self {
        let mut s = String::from("/");
        for seg in segments {
            let clean = clean_segment(seg);
            if clean.is_empty() {
                continue;
            }
            s.push_str(&clean);
            s.push('/');
        }
        if !dir && s.len() > 1 {
            s.pop();
        }
        UrlPath(s)
    }

    /// Parses a site path (as written in a template or config) into a safe `UrlPath`.
    pub fn parse(path: &str) -> Self {
        // Most paths the build makes are safe already (slugs, `/cities/…/`): kept as they are.
        if is_clean(path) {
            return UrlPath(path.to_string());
        }
        let dir = path.ends_with('/') || path.is_empty();
        Self::from_segments(path.split('/'), dir)
    }

    /// A file under this directory URL.
    pub fn join(&self, file: &str) -> Self {
        let mut segs: Vec<&str> = self.0.split('/').collect();
        segs.extend(file.split('/'));
        Self::from_segments(segs, file.ends_with('/'))
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL without its leading `/`, as templates join it to `root` (`cities/kyiv/`).
    pub fn relative(&self) -> &str {
        &self.0[1..]
    }

    /// The output file, relative to the output folder: `index.html` for directory URLs.
    /// Never absolute and never containing `..` (segments were cleaned on construction).
    pub fn file(&self) -> PathBuf {
        // Built as one string (as `PathBuf::push` would join them), with one allocation.
        let mut p = String::with_capacity(self.0.len() + "index.html".len());
        let index = self.0.ends_with('/').then_some("index.html");
        for seg in self.0.split('/').filter(|s| !s.is_empty()).chain(index) {
            if !p.is_empty() {
                p.push(std::path::MAIN_SEPARATOR);
            }
            p.push_str(seg);
        }
        PathBuf::from(p)
    }
}

impl fmt::Display for UrlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `UrlPath::parse` would give `path` back unchanged: it starts with `/`, and every
/// segment between slashes is non-empty and needs no cleaning.
fn is_clean(path: &str) -> bool {
    if path == "/" {
        return true;
    }
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    !rest.is_empty()
        && rest.split('/').all(|seg| {
            !seg.is_empty() && matches!(clean_segment(seg), std::borrow::Cow::Borrowed(_))
        })
}

/// Removes everything that could escape a folder or break a URL from one path segment
/// (borrowed back when there is nothing to remove, as for every slug).
fn clean_segment(seg: &str) -> std::borrow::Cow<'_, str> {
    let plain = |b: u8| {
        b.is_ascii_graphic()
            && !matches!(
                b,
                b'\\' | b'/' | b'?' | b'#' | b'%' | b':' | b'"' | b'<' | b'>' | b'|' | b'*'
            )
    };
    if seg.bytes().all(plain) && !seg.starts_with('.') && !seg.ends_with('.') {
        return std::borrow::Cow::Borrowed(seg);
    }
    let s: String = seg
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(
                    c,
                    '\\' | '/' | '?' | '#' | '%' | ':' | '"' | '<' | '>' | '|' | '*'
                )
        })
        .collect();
    // Trim until stable: " . ." must not survive as a lone space or dot.
    let mut t = s.as_str();
    loop {
        let next = t.trim().trim_matches('.');
        if next.len() == t.len() {
            break;
        }
        t = next;
    }
    // Inner spaces stay: a photo `фото 1.jpg` is linked as `фото%201.jpg`, so its published
    // copy must keep the name. Slugs never contain spaces.
    std::borrow::Cow::Owned(t.to_string())
}

/// How a link in a dispatch's body must change when the body is shown on another page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyLink {
    /// `/…`: relative to the site root, so it needs the page's way back to the root.
    RootRelative,
    /// Relative to the dispatch's folder (and, when `fragments` is asked for, `#…`).
    Relative,
    /// Has a scheme (`https:`, `mailto:`), or is a `#fragment` kept as it is.
    Fixed,
}

/// Classifies a link (an `href` or `src` value) of a dispatch's body; `#fragments` count as
/// relative when `fragments` is true.
pub fn body_link(value: &str, fragments: bool) -> BodyLink {
    if value.starts_with('/') {
        BodyLink::RootRelative
    } else if !value.contains(':') && (fragments || !value.starts_with('#')) {
        BodyLink::Relative
    } else {
        BodyLink::Fixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn clean_paths_parse_as_they_are(path in "[/a-z.я%: \\\\-]{0,12}") {
            let dir = path.ends_with('/') || path.is_empty();
            let slow = UrlPath::from_segments(path.split('/'), dir);
            proptest::prop_assert_eq!(&UrlPath::parse(&path), &slow);
            // Clean means unchanged (not the other way: `/я` is unchanged but takes the full parse).
            proptest::prop_assert!(!is_clean(&path) || slow.as_str() == path);
        }
    }

    #[test]
    fn clean_paths_are_kept() {
        for p in [
            "/",
            "/atom.xml",
            "/cities/kyiv/",
            "/lite/2023/05/a-b/",
            "/a/b",
        ] {
            assert!(is_clean(p), "{p}");
            assert_eq!(UrlPath::parse(p).as_str(), p);
        }
        for p in [
            "", "//", "a/", "/a//b/", "/./", "/a./", "/.a/", "/a b/", "/%/", "/:/",
        ] {
            assert!(!is_clean(p), "{p}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Chasiv Yar").as_str(), "chasiv-yar");
        assert_eq!(
            slugify("Бахмут під облогою").as_str(),
            "bakhmut-pid-oblohoiu"
        );
        assert_eq!(slugify("Запоріжжя").as_str(), "zaporizhzhia");
        assert_eq!(
            slugify("  Kyiv's night — of drones! ").as_str(),
            "kyivs-night-of-drones"
        );
        assert_eq!(slugify("Kraków Café").as_str(), "krakow-cafe");
        assert_eq!(slugify("../../etc").as_str(), "etc");
        assert_eq!(slugify("!!!").as_str(), "untitled");
        assert_eq!(slugify("Артёмовск").as_str(), "artemovsk");
    }

    #[test]
    fn urls_stay_inside() {
        assert_eq!(
            UrlPath::parse("/../../etc/passwd").file(),
            PathBuf::from("etc/passwd")
        );
        assert_eq!(
            UrlPath::parse("/a/./b/").file(),
            PathBuf::from("a/b/index.html")
        );
        assert_eq!(UrlPath::parse("/").file(), PathBuf::from("index.html"));
        assert_eq!(UrlPath::root().join("atom.xml").as_str(), "/atom.xml");
        assert_eq!(
            UrlPath::parse("/cities/").join("kyiv/").as_str(),
            "/cities/kyiv/"
        );
    }
}
