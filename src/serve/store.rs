//! The served files, kept compressed: the preview server holds every file of the site in
//! memory, and at 10,000 dispatches the HTML alone is about 245 MiB. Text files (HTML, feeds,
//! sitemaps, CSS) are kept deflated at the fastest level, about a fifth of their size, and
//! inflated when asked for (tens of microseconds for a page). Files that are compressed
//! already (photos, the search index's fragments) are kept as they are.
//!
//! Render caches keep fingerprints only (see `RenderCache`), so these are the only copies.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use bytes::Bytes;

use crate::build::Sink;
use crate::error::Error;
use crate::output::OutFile;

/// One served file's bytes, as kept, with the digest of the published bytes (so a fast
/// rebuild compresses only the files that changed: a changed dispatch brings every feed it is
/// in, about 12 MB at 10,000 dispatches, of which a few kilobytes differ).
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    kept: Bytes,
    /// The published length; `kept` is deflated (raw RFC 1951) when it differs.
    len: usize,
    /// XXH3 of the published bytes.
    digest: u64,
}

impl PartialEq for Stored {
    /// The same published bytes (by their 64-bit digest and length).
    fn eq(&self, other: &Stored) -> bool {
        self.digest == other.digest && self.len == other.len
    }
}

impl Eq for Stored {}

impl Stored {
    /// Keeps `bytes` of a file at `path` deflated when it is text and that saves space.
    pub(crate) fn keep(path: &Path, bytes: Bytes) -> Stored {
        let (len, digest) = (bytes.len(), crate::hash::hash(&bytes));
        let plain = |kept| Stored { kept, len, digest };
        if len < MIN_LEN || !is_text(path) {
            return plain(bytes);
        }
        let mut enc = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(len / 3),
            flate2::Compression::fast(),
        );
        enc.write_all(&bytes).expect("writing to a Vec cannot fail");
        let packed = enc.finish().expect("writing to a Vec cannot fail");
        if packed.len() + packed.len() / 8 >= len {
            return plain(bytes);
        }
        Stored {
            kept: packed.into(),
            len,
            digest,
        }
    }

    /// Keeps `bytes` as [`Stored::keep`] does, but leaves a large file as it is: a save in
    /// `serve` rewrites the sitemaps and every feed the dispatch is in (megabytes at 10,000
    /// dispatches), which deflating would slow by tens of milliseconds. The next full rebuild
    /// keeps them deflated again.
    pub(crate) fn keep_quickly(path: &Path, bytes: Bytes) -> Stored {
        if bytes.len() > QUICK_MAX {
            let (len, digest) = (bytes.len(), crate::hash::hash(&bytes));
            return Stored {
                kept: bytes,
                len,
                digest,
            };
        }
        Stored::keep(path, bytes)
    }

    /// Whether this holds `bytes` (the file of a rebuild, which need not be kept again).
    pub(crate) fn holds(&self, bytes: &[u8]) -> bool {
        self.len == bytes.len() && self.digest == crate::hash::hash(bytes)
    }

    fn deflated(&self) -> bool {
        self.kept.len() != self.len
    }

    /// The published bytes.
    pub(crate) fn bytes(&self) -> Bytes {
        if !self.deflated() {
            return self.kept.clone();
        }
        let mut out = Vec::with_capacity(self.len);
        (flate2::read::DeflateDecoder::new(&self.kept[..]))
            .read_to_end(&mut out)
            .expect("inflating what this module deflated cannot fail");
        out.into()
    }

    /// The bytes held in memory.
    pub(crate) fn held(&self) -> usize {
        self.kept.len()
    }
}

/// Above this, a file a save rewrites is kept as it is (see [`Stored::keep_quickly`]).
const QUICK_MAX: usize = 256 * 1024;

/// Below this, a file is kept as it is (a deflate stream has a few bytes of overhead, and
/// small files are few).
const MIN_LEN: usize = 256;

/// Text by its media type (HTML, XML feeds and sitemaps, CSS, JavaScript, JSON, SVG, plain
/// text); files without an extension (`_headers`, `_redirects`) are text too.
fn is_text(path: &Path) -> bool {
    if path.extension().is_none() {
        return true;
    }
    let Some(mime) = mime_guess::from_path(path).first() else {
        return false;
    };
    mime.type_() == mime_guess::mime::TEXT
        || ["xml", "json", "javascript"]
            .iter()
            .any(|t| mime.essence_str().contains(t))
}

/// A rendered file as the preview keeps it.
#[derive(Debug)]
pub(crate) struct Kept {
    pub(crate) path: PathBuf,
    pub(crate) stored: Stored,
}

/// The preview's sink: each file is compressed as soon as it renders, so the uncompressed
/// site is never in memory at once.
pub(crate) struct Compress;

impl Sink for Compress {
    type Out = Kept;
    fn put(&self, file: OutFile) -> Result<Kept, Error> {
        let stored = Stored::keep(&file.path, file.bytes);
        Ok(Kept {
            path: file.path,
            stored,
        })
    }
    fn path(out: &Kept) -> &Path {
        &out.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_deflated_and_comes_back_whole() {
        let html: Bytes = "<p>Bakhmut, Kramatorsk, Sloviansk</p>\n".repeat(200).into();
        let s = Stored::keep(Path::new("cities/bakhmut/index.html"), html.clone());
        assert!(s.deflated());
        assert!(s.held() * 5 < html.len(), "{}", s.held());
        assert_eq!(s.bytes(), html);
        assert!(s.holds(&html));
        assert!(!s.holds(&html[1..]));
        let headers = Stored::keep(Path::new("_headers"), html.clone());
        assert!(headers.deflated());
        assert!(Stored::keep_quickly(Path::new("a.html"), html.clone()).deflated());
        let big: Bytes = html.repeat(50).into();
        let quick = Stored::keep_quickly(Path::new("sitemap.xml"), big.clone());
        assert!(!quick.deflated());
        assert_eq!(quick, Stored::keep(Path::new("sitemap.xml"), big));
    }

    #[test]
    fn photos_and_small_or_incompressible_files_stay_as_they_are() {
        let text: Bytes = "x".repeat(1000).into();
        let photo = Stored::keep(Path::new("photos/a.webp"), text.clone());
        assert!(!photo.deflated());
        assert_eq!(photo.bytes(), text);
        let small: Bytes = "<p>hi</p>".into();
        let kept = Stored::keep(Path::new("index.html"), small.clone());
        assert!(!kept.deflated());
        assert_eq!(kept.bytes(), small);
        // Bytes that do not compress (a digest stream) are kept plain even under a text name.
        let noise: Vec<u8> = (0..512u64)
            .flat_map(|i| crate::hash::hash(&i.to_le_bytes()).to_le_bytes())
            .collect();
        let noise = Bytes::from(noise);
        let kept = Stored::keep(Path::new("noise.txt"), noise.clone());
        assert!(!kept.deflated());
        assert_eq!(kept.held(), noise.len());
    }
}
