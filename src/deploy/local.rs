//! The local side of a deploy: the built files, the body each one is stored with (as built,
//! or compressed for a target with `content_encoding`), its MD5 and its headers.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::hosting::{CachePolicy, Encoding, compress};

/// One file to publish.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Path relative to the output folder.
    pub rel: PathBuf,
    /// Key relative to the target's prefix (`/`-separated).
    pub key: String,
    /// Length of the stored body.
    pub len: u64,
    /// MD5 of the stored body, lower-case hex (what S3 reports as the ETag).
    pub md5: String,
    /// `Content-Type`.
    pub content_type: String,
    /// `Cache-Control`.
    pub cache_control: String,
    /// `Content-Encoding` of the stored body, when it is compressed.
    pub encoding: Option<Encoding>,
}

impl LocalFile {
    /// Whether it is a page or feed (uploaded after the assets pages refer to).
    pub fn is_page(&self) -> bool {
        let ext = self.rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        matches!(ext, "html" | "htm" | "xml" | "json" | "txt") || self.rel.extension().is_none()
    }
}

/// The files of the build in `out` (`files`, from its manifest) as they will be stored.
/// With `encoding`, text files are stored compressed, and the build's own compressed copies
/// are not published separately.
pub fn collect(
    out: &Path,
    files: &[(PathBuf, u64)],
    cache: &CachePolicy,
    encoding: Option<Encoding>,
) -> Result<Vec<LocalFile>> {
    let names: ahash::AHashSet<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    let is_copy = |p: &Path| {
        Encoding::ALL.iter().any(|e| {
            let s = p.to_string_lossy();
            s.strip_suffix(e.suffix())
                .is_some_and(|orig| names.contains(Path::new(orig)))
        })
    };
    files
        .par_iter()
        .filter(|(p, _)| encoding.is_none() || !is_copy(p))
        .map(|(rel, _)| {
            let (body, enc) = body(out, rel, encoding)?;
            Ok(LocalFile {
                key: key_of(rel),
                len: body.len() as u64,
                md5: md5_hex(&body),
                content_type: content_type(rel),
                cache_control: cache.cache_control(rel).to_string(),
                encoding: enc,
                rel: rel.clone(),
            })
        })
        .collect()
}

/// The body a file is stored with, and its encoding: the file, or with `encoding` and a
/// compressible file, its compressed copy (the build's, else made now: the same bytes).
pub fn body(
    out: &Path,
    rel: &Path,
    encoding: Option<Encoding>,
) -> Result<(Vec<u8>, Option<Encoding>)> {
    let path = out.join(rel);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let Some(enc) = encoding.filter(|_| compress::is_compressible(rel)) else {
        return Ok((bytes, None));
    };
    let copy = out.join(compress::sidecar_path(rel, enc));
    let body = match std::fs::read(&copy) {
        Ok(b) => b,
        Err(_) => enc.compress(&bytes),
    };
    Ok((body, Some(enc)))
}

/// MD5 as lower-case hex.
pub fn md5_hex(bytes: &[u8]) -> String {
    use md5::Digest as _;
    let d = md5::Md5::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// `/`-separated key of an output path.
fn key_of(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

/// `Content-Type` by file name, with `charset=utf-8` for text (every text file dateline
/// writes is UTF-8).
pub fn content_type(rel: &Path) -> String {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == "_redirects" || name == "_headers" {
        return "text/plain; charset=utf-8".into();
    }
    let mime = mime_guess::from_path(rel).first_or_octet_stream();
    let text = mime.type_() == "text"
        || matches!(
            mime.subtype().as_str(),
            "xml" | "json" | "javascript" | "atom+xml" | "rss+xml"
        )
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_name_utf8_for_text() {
        let ct = |s: &str| content_type(Path::new(s));
        assert_eq!(ct("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(ct("style.0a1b2c3d.css"), "text/css; charset=utf-8");
        assert_eq!(ct("atom.xml"), "text/xml; charset=utf-8");
        assert_eq!(ct("road.jpg"), "image/jpeg");
        assert_eq!(ct("_redirects"), "text/plain; charset=utf-8");
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
    }
}
