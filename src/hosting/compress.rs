//! Pre-compressed copies of text files (`page.html.gz`, `page.html.br`) for hosts that serve
//! them as they are (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, GitLab
//! Pages), and for `deploy` targets that store one encoded body per object.
//!
//! The bytes depend only on the input (no timestamps, fixed levels), so a rebuild makes the
//! same files and only changed pages are compressed again (see `output::Stage`).

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A content encoding dateline writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Encoding {
    /// gzip (RFC 1952), deflate level 9.
    Gzip,
    /// Brotli (RFC 7932).
    Brotli,
}

impl Encoding {
    /// Both, in the order their files are written.
    pub const ALL: [Encoding; 2] = [Encoding::Gzip, Encoding::Brotli];

    /// The file-name suffix of a compressed copy (`.gz`, `.br`).
    pub fn suffix(self) -> &'static str {
        match self {
            Encoding::Gzip => ".gz",
            Encoding::Brotli => ".br",
        }
    }

    /// The `Content-Encoding` value.
    pub fn header(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "br",
        }
    }

    /// Parses a `Content-Encoding` name as written in `config.toml`.
    pub fn parse(s: &str) -> Option<Encoding> {
        match s {
            "gzip" => Some(Encoding::Gzip),
            "br" | "brotli" => Some(Encoding::Brotli),
            _ => None,
        }
    }

    /// Compresses `bytes`; the same input always gives the same output.
    pub fn compress(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Encoding::Gzip => {
                // flate2 writes no file name and a zero modification time: deterministic.
                let mut enc = flate2::GzBuilder::new().write(
                    Vec::with_capacity(bytes.len() / 3),
                    flate2::Compression::best(),
                );
                enc.write_all(bytes).expect("writing to a Vec cannot fail");
                enc.finish().expect("writing to a Vec cannot fail")
            }
            Encoding::Brotli => {
                let mut out = Vec::with_capacity(bytes.len() / 4);
                let params = brotli::enc::BrotliEncoderParams {
                    quality: BROTLI_QUALITY,
                    lgwin: 22,
                    size_hint: bytes.len(),
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
                    .expect("compressing from memory into a Vec cannot fail");
                out
            }
        }
    }
}

/// Brotli quality: 11 (the maximum) costs about 30 times 9 for 3–5 % smaller pages, which on
/// a 10,000-dispatch archive turns seconds into minutes (see BENCHMARKS.md).
const BROTLI_QUALITY: i32 = 9;

/// Files shorter than this are not compressed: the saving is smaller than a network packet's
/// headers, and the copies would only clutter the folder.
pub(crate) const MIN_LEN: usize = 256;

/// Whether a file of this name is text a browser fetches (HTML, CSS, JavaScript, XML, JSON,
/// SVG, plain text). Host configuration files (`_redirects`, `_headers`) are not served.
pub(crate) fn is_compressible(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('_') || name.starts_with('.') {
        return false;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "html" | "htm" | "css" | "js" | "mjs" | "xml" | "json" | "svg" | "txt" | "webmanifest"
    )
}

/// Whether a compressed copy pays for itself: at least a tenth smaller than the original.
pub(crate) fn pays(original: usize, compressed: usize) -> bool {
    compressed * 10 <= original * 9
}

/// The path of a file's compressed copy (`a/index.html` → `a/index.html.gz`).
pub(crate) fn sidecar_path(path: &Path, enc: Encoding) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(enc.suffix());
    PathBuf::from(s)
}

/// The compressed copies worth writing beside `path` (none for small or incompressible
/// files, or for file types that are not compressed).
pub(crate) fn sidecars(path: &Path, bytes: &[u8]) -> Vec<(PathBuf, Vec<u8>)> {
    if bytes.len() < MIN_LEN || !is_compressible(path) {
        return Vec::new();
    }
    Encoding::ALL
        .into_iter()
        .filter_map(|enc| {
            let body = enc.compress(bytes);
            pays(bytes.len(), body.len()).then(|| (sidecar_path(path, enc), body))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn page() -> Vec<u8> {
        "<p>Bakhmut under siege: Ukraine vows to hold the city.</p>\n"
            .repeat(40)
            .into_bytes()
    }

    #[test]
    fn both_encodings_round_trip_and_are_deterministic() {
        let bytes = page();
        let gz = Encoding::Gzip.compress(&bytes);
        assert_eq!(gz, Encoding::Gzip.compress(&bytes));
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, bytes);
        let br = Encoding::Brotli.compress(&bytes);
        assert_eq!(br, Encoding::Brotli.compress(&bytes));
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, bytes);
        // No modification time in the gzip header (bytes 4..8).
        assert_eq!(&gz[4..8], &[0, 0, 0, 0]);
    }

    #[test]
    fn only_text_that_pays_gets_copies() {
        let bytes = page();
        let names: Vec<PathBuf> = sidecars(Path::new("a/index.html"), &bytes)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("a/index.html.gz"),
                PathBuf::from("a/index.html.br")
            ]
        );
        assert!(sidecars(Path::new("photo.jpg"), &bytes).is_empty());
        assert!(sidecars(Path::new("_redirects"), &bytes).is_empty());
        assert!(sidecars(Path::new("small.html"), b"<p>hi</p>").is_empty());
        // Random bytes do not compress: no copy.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        assert!(sidecars(Path::new("noise.txt"), &noise).is_empty());
    }
}
