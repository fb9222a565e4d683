//! What the preview keeps of the served files. At 10,000 dispatches the site is about 260 MiB,
//! 245 MiB of it templated pages: those are not kept at all, only their digest (to tell which
//! files a rebuild changed), and the last good build renders one again when it is asked for
//! (see `Preview::get`; a millisecond or so). The other files (feeds, sitemaps, CSS, copied
//! files) are kept, text deflated at the fastest level (about a fifth of its size, inflated in
//! tens of microseconds); files compressed already (photos, the search index's fragments) as
//! they are. Render caches keep fingerprints only (see `RenderCache`), so these are the only
//! copies.

use std::path::{Path, PathBuf};

use bytes::Bytes;

use crate::build::{PageOf, Sink};
use crate::error::Error;
use crate::output::OutFile;

/// One served file's bytes, as kept, with the digest of the published bytes (so a fast
/// rebuild compresses only the files that changed: a changed dispatch brings every feed it is
/// in, about 12 MB at 10,000 dispatches, of which a few kilobytes differ).
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    /// Deflated (raw RFC 1951) when its length is not the published one.
    kept: Bytes,
    digest: Digest,
}

impl Stored {
    /// Keeps `bytes` of a file at `path` deflated when it is text and that saves space.
    pub(crate) fn keep(path: &Path, bytes: Bytes) -> Stored {
        let digest = Digest::of(&bytes);
        Stored::packed(path, bytes, digest)
    }

    /// [`Stored::keep`] of bytes whose digest is known.
    fn packed(path: &Path, bytes: Bytes, digest: Digest) -> Stored {
        let len = bytes.len();
        let plain = |kept| Stored { kept, digest };
        if len < MIN_LEN || !is_text(path) {
            return plain(bytes);
        }
        let packed = crate::deflate::pack(&bytes);
        if !crate::deflate::worth_it(packed.len(), len) {
            return plain(bytes);
        }
        Stored {
            kept: packed.into(),
            digest,
        }
    }

    /// Keeps `bytes` as [`Stored::keep`] does, but leaves a large file as it is: a save in
    /// `serve` rewrites the sitemaps and every feed the dispatch is in (megabytes at 10,000
    /// dispatches), which deflating would slow by tens of milliseconds. The next full rebuild
    /// keeps them deflated again. `digest` is the bytes' (the caller has just compared it
    /// with the file's last one).
    pub(crate) fn keep_quickly(path: &Path, bytes: Bytes, digest: Digest) -> Stored {
        if bytes.len() > QUICK_MAX {
            return Stored {
                kept: bytes,
                digest,
            };
        }
        Stored::packed(path, bytes, digest)
    }

    /// The digest of the published bytes.
    pub(crate) fn digest(&self) -> Digest {
        self.digest
    }

    fn deflated(&self) -> bool {
        self.kept.len() != self.digest.len
    }

    /// The published bytes.
    pub(crate) fn bytes(&self) -> Bytes {
        if !self.deflated() {
            return self.kept.clone();
        }
        crate::deflate::unpack(&self.kept, self.digest.len).into()
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

/// A rendered file as the preview keeps it: a templated page only by its digest (the last
/// good build renders it again when asked for), any other file whole.
#[derive(Debug)]
pub(crate) struct Kept {
    pub(crate) path: PathBuf,
    pub(crate) as_kept: AsKept,
}

/// What the preview keeps of a file.
#[derive(Debug, Clone)]
pub(crate) enum AsKept {
    /// A templated page: which one, and the digest of its bytes.
    Page(PageOf, Digest),
    /// Any other file (feeds, sitemaps, copied files, photos, the search index).
    File(Stored),
}

impl AsKept {
    /// The digest of the published bytes.
    pub(crate) fn digest(&self) -> Digest {
        match self {
            AsKept::Page(_, d) => *d,
            AsKept::File(s) => s.digest(),
        }
    }
}

/// The 64-bit XXH3 and the length of a file's published bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Digest {
    len: usize,
    hash: u64,
}

impl Digest {
    pub(crate) fn of(bytes: &[u8]) -> Digest {
        Digest {
            len: bytes.len(),
            hash: crate::hash::hash(bytes),
        }
    }
}

/// The preview's sink: pages are reduced to their digest as soon as they render, and every
/// other file is compressed, so the rendered site is never in memory at once.
pub(crate) struct Compress;

impl Sink for Compress {
    type Out = Kept;
    fn put(&self, file: OutFile) -> Result<Kept, Error> {
        let stored = Stored::keep(&file.path, file.bytes);
        Ok(Kept {
            path: file.path,
            as_kept: AsKept::File(stored),
        })
    }
    fn page(&self, of: PageOf, file: OutFile) -> Result<Kept, Error> {
        Ok(Kept {
            as_kept: AsKept::Page(of, Digest::of(&file.bytes)),
            path: file.path,
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
        assert_eq!(s.digest(), Digest::of(&html));
        assert_ne!(s.digest(), Digest::of(&html[1..]));
        let headers = Stored::keep(Path::new("_headers"), html.clone());
        assert!(headers.deflated());
        let quickly = |path: &str, bytes: &Bytes| {
            Stored::keep_quickly(Path::new(path), bytes.clone(), Digest::of(bytes))
        };
        assert!(quickly("a.html", &html).deflated());
        let big: Bytes = html.repeat(50).into();
        let quick = quickly("sitemap.xml", &big);
        assert!(!quick.deflated());
        assert_eq!(
            quick.digest(),
            Stored::keep(Path::new("sitemap.xml"), big).digest()
        );
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
