//! Paths as the build handles them: the one order of output and source paths, the path of a
//! file relative to the site root, and which names are never read (hidden and editor files).
//!
//! A leaf module (it imports nothing from the crate), so the walk of `content/`, the output
//! writer, the renderer and `serve` can all use it without importing one another.

use std::path::{Path, PathBuf};

/// The site's cache folder (under its root; safe to delete).
pub(crate) const CACHE_DIR: &str = ".dateline";

/// The order of `Path`'s `Ord` (component by component) for the relative, normalised paths of
/// an output folder, from their bytes: a separator sorts before any other byte, which is what
/// comparing components amounts to. `Path::cmp` parses both paths into components on every
/// comparison, which made sorting a 130,000-file manifest the slowest part of writing it.
pub(crate) fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let key = |c: u8| {
        if std::path::is_separator(char::from(c)) {
            0
        } else {
            c
        }
    };
    match mismatch(a, b) {
        Some(i) => key(a[i]).cmp(&key(b[i])),
        None => a.len().cmp(&b.len()),
    }
}

/// The first index at which `a` and `b` differ (within the shorter), eight bytes at a time:
/// paths sorted together share long prefixes (`/…/content/`, `cities/`).
fn mismatch(a: &[u8], b: &[u8]) -> Option<usize> {
    let n = a.len().min(b.len());
    let (mut ca, mut cb) = (a[..n].chunks_exact(8), b[..n].chunks_exact(8));
    for (i, (x, y)) in ca.by_ref().zip(cb.by_ref()).enumerate() {
        let x = u64::from_le_bytes(x.try_into().unwrap_or_default());
        let y = u64::from_le_bytes(y.try_into().unwrap_or_default());
        if x != y {
            return Some(i * 8 + (x ^ y).trailing_zeros() as usize / 8);
        }
    }
    let done = n - ca.remainder().len();
    (ca.remainder().iter().zip(cb.remainder()))
        .position(|(x, y)| x != y)
        .map(|i| done + i)
}

/// True for names editors and systems leave behind.
pub(crate) fn is_ignored(name: &str) -> bool {
    is_ignored_bytes(name.as_bytes())
}

/// [`is_ignored`] for a name as bytes (a name that is not UTF-8 is judged by its ASCII ends).
pub(crate) fn is_ignored_bytes(name: &[u8]) -> bool {
    name.starts_with(b".")
        || name.ends_with(b"~")
        || name.ends_with(b".swp")
        || name.ends_with(b".swx")
        || name.ends_with(b".tmp")
        || (name.starts_with(b"#") && name.ends_with(b"#"))
}

/// `path` relative to `root` when it is inside, else as given. Paths the walk makes start
/// with `root`'s bytes, so those are cut off as bytes; any other goes through
/// `Path::strip_prefix`.
pub(crate) fn rel(path: &Path, root: &Path) -> PathBuf {
    let (p, r) = (
        path.as_os_str().as_encoded_bytes(),
        root.as_os_str().as_encoded_bytes(),
    );
    if let Some(rest) = p.strip_prefix(r)
        && !r.is_empty()
        && !r.ends_with(b"/")
        && let Some(rest) = rest.strip_prefix(b"/")
        && is_plain(rest)
        && let Ok(rest) = std::str::from_utf8(rest)
    {
        return PathBuf::from(rest);
    }
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Whether `rest` is names joined by single separators, with no `.` or empty parts (so it
/// is already the path `Path::strip_prefix` would give).
fn is_plain(rest: &[u8]) -> bool {
    !rest.is_empty()
        && !rest.starts_with(b".")
        && !rest.starts_with(b"/")
        && !rest.ends_with(b"/")
        && memchr::memchr_iter(b'/', rest).all(|i| !matches!(rest.get(i + 1), Some(b'/' | b'.')))
}

/// Percent-decodes `s` once (`+` stays `+`, as in paths); `None` on a truncated or non-hex
/// escape. Shared by the preview server (which rejects such paths) and `check`.
pub(crate) fn percent_decode(s: &str) -> Option<Vec<u8>> {
    // `percent-encoding` passes a broken escape through as written; both callers refuse it.
    let bytes = s.as_bytes();
    let broken = memchr::memchr_iter(b'%', bytes).any(|i| {
        !bytes
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    (!broken).then(|| percent_encoding::percent_decode(bytes).collect())
}

/// The site path of an output file (`2024/03/x/index.html` → `/2024/03/x/`).
pub(crate) fn site_path(file: &Path) -> String {
    let s = file.to_string_lossy().replace('\\', "/");
    format!("/{}", s.strip_suffix("index.html").unwrap_or(&s))
}

/// Resolves `link` found on the page at `page_file` (an output file, `2024/03/x/index.html`)
/// into the output file it points at and its fragment: relative links from the page's
/// folder, root-relative ones (`/x/`, or under `base_path`, `/sub/x/`) from the output
/// folder's root; a folder link ends in `index.html`. Shared by `dateline check` and the
/// build's warnings for links that point nowhere.
pub(crate) fn output_file(
    page_file: &Path,
    link: &str,
    base_path: &str,
) -> (PathBuf, Option<String>) {
    let (path_part, frag) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (link, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    if path_part.is_empty() {
        return (page_file.to_path_buf(), frag);
    }
    let mut segs: Vec<String> = if let Some(abs) = path_part
        .strip_prefix(base_path.trim_end_matches('/'))
        .filter(|_| path_part.starts_with('/'))
    {
        abs.split('/').map(str::to_string).collect()
    } else if path_part.starts_with('/') {
        path_part.split('/').map(str::to_string).collect()
    } else {
        let dir = page_file
            .parent()
            .map(|d| d.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        format!("{dir}/{path_part}")
            .split('/')
            .map(str::to_string)
            .collect()
    };
    let dir_link = path_part.ends_with('/');
    let mut out: Vec<String> = Vec::new();
    for s in segs.drain(..) {
        match s.as_str() {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            _ => out.push(decode_segment(&s)),
        }
    }
    let mut p: PathBuf = out.iter().collect();
    if dir_link || p.as_os_str().is_empty() {
        p.push("index.html");
    }
    (p, frag)
}

/// A link segment as a file name: percent-decoded, or as written when the escape is broken.
fn decode_segment(s: &str) -> String {
    percent_decode(s).map_or_else(
        || s.to_string(),
        |b| String::from_utf8_lossy(&b).into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mismatch_finds_the_first_difference() {
        let base = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for len in 0..base.len() {
            for at in 0..len {
                let a = &base[..len];
                let mut b = a.to_vec();
                b[at] = b'!';
                assert_eq!(super::mismatch(a, &b), Some(at), "{len} {at}");
            }
            assert_eq!(super::mismatch(&base[..len], base), None);
            assert_eq!(super::mismatch(base, &base[..len]), None);
        }
    }

    #[test]
    fn path_order_is_component_order() {
        let paths = [
            "a/b.html",
            "a-c/index.html",
            "ab/index.html",
            "a/b/c.html",
            "a",
            "b",
            "a.b/x",
            "cities/kyiv/index.html",
            "cities/kyiv/page/2/index.html",
            "cities/kyiv-oblast/a",
        ];
        for x in paths {
            for y in paths {
                let (x, y) = (Path::new(x), Path::new(y));
                assert_eq!(path_order(x, y), x.cmp(y), "{x:?} {y:?}");
            }
        }
    }
}
