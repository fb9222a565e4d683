//! The offline edition (`dateline build --offline`): the same site, with every internal link
//! pointing at an `index.html` file, so it works from `file://` (a USB stick, an unpacked
//! zip), where a browser shows a folder listing for a link ending in `/`.
//!
//! Pages link relatively (`../../cities/kyiv/`), so this is one pass over each finished HTML
//! file rather than a second way of making URLs: every `href`, `src` and meta-refresh `url=`
//! that is relative and names a folder gets `index.html`.

use std::borrow::Cow;
use std::io::Write as _;
use std::path::Path;

use crate::error::{Error, Result};

/// Rewrites the relative folder links of one HTML file (`../kyiv/` → `../kyiv/index.html`,
/// `""` → `index.html`), keeping `?query` and `#fragment`.
pub fn link_files(html: &str) -> Cow<'_, str> {
    const ATTRS: [&str; 3] = [" href=\"", " src=\"", "; url="];
    let mut out = String::new();
    let mut last = 0;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(attr) = ATTRS.iter().find(|a| bytes[i..].starts_with(a.as_bytes())) else {
            i += 1;
            continue;
        };
        let start = i + attr.len();
        let end = html[start..]
            .find(['"', '\''])
            .map_or(html.len(), |n| start + n);
        let value = &html[start..end];
        if let Some(fixed) = folder_link(value) {
            out.push_str(&html[last..start]);
            out.push_str(&fixed);
            last = end;
        }
        i = end;
    }
    if last == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

/// `value` with `index.html` added, when it is a relative link to a folder.
fn folder_link(value: &str) -> Option<String> {
    let cut = value.find(['#', '?']).unwrap_or(value.len());
    let (path, rest) = value.split_at(cut);
    let relative = !path.starts_with('/') && !path.contains(':');
    if !relative || (path.is_empty() && rest.starts_with('#')) {
        return None;
    }
    if path.is_empty() || path.ends_with('/') || path == "." || path == ".." {
        let sep = if path == "." || path == ".." { "/" } else { "" };
        return Some(format!("{path}{sep}index.html{rest}"));
    }
    None
}

/// Writes `files` (paths relative to `dir`, in path order) into one zip at `zip`, in a
/// folder named `top`: deterministic (fixed order, times and permissions), written to a temp
/// file and renamed into place.
pub fn write_zip(dir: &Path, files: &[std::path::PathBuf], top: &str, zip: &Path) -> Result<()> {
    use zip::write::SimpleFileOptions;
    let tmp = crate::fs::temp_path(zip);
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let mut w = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let io = |e: std::io::Error| Error::io(zip, e);
    let zerr = |e: zip::result::ZipError| Error::io(zip, std::io::Error::other(e));
    for rel in files {
        let name = format!("{top}/{}", rel.to_string_lossy().replace('\\', "/"));
        let bytes = std::fs::read(dir.join(rel)).map_err(|e| Error::io(&dir.join(rel), e))?;
        w.start_file(name, opts).map_err(zerr)?;
        w.write_all(&bytes).map_err(io)?;
    }
    let mut inner = w.finish().map_err(zerr)?;
    inner.flush().map_err(io)?;
    drop(inner);
    std::fs::rename(&tmp, zip).map_err(|e| Error::io(zip, e))
}

#[cfg(test)]
mod tests {
    use super::link_files;

    #[test]
    fn folder_links_point_at_index_files() {
        let html = r##"<a href="../../cities/kyiv/">K</a> <a href="">Home</a> <a href="../">Up</a> <a href="#top">T</a> <a href="cities/#map">M</a> <a href="https://example.org/">E</a> <link href="style.0a1b2c3d.css"> <img src="road.jpg"> <meta http-equiv="refresh" content="0; url=../bakhmut/"> <a href="..">P</a> <a href="/abs/">A</a>"##;
        let want = r##"<a href="../../cities/kyiv/index.html">K</a> <a href="index.html">Home</a> <a href="../index.html">Up</a> <a href="#top">T</a> <a href="cities/index.html#map">M</a> <a href="https://example.org/">E</a> <link href="style.0a1b2c3d.css"> <img src="road.jpg"> <meta http-equiv="refresh" content="0; url=../bakhmut/index.html"> <a href="../index.html">P</a> <a href="/abs/">A</a>"##;
        assert_eq!(link_files(html), want);
        assert!(matches!(
            link_files("<p>no links</p>"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
