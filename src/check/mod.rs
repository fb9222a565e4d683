//! `dateline check`: verifying a site rendered in memory before it is published.
//!
//! Every internal link, `#anchor`, image and stylesheet reference in every HTML page must point
//! at a file (and an element id) of the same build; absolute links under `base_url` count as
//! internal. A broken reference is found on the built pages, then traced back to where it is
//! written (see [`trace`]): one problem per link of a source file, however many pages show it.
//! External links are collected per domain, never fetched. Published images must carry no GPS
//! data. Nothing here prints; the CLI formats the `Report`.

mod trace;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::error::Warning;
use crate::output::OutFile;
use crate::paths::site_path;
pub use trace::Problem;

/// Why a reference is broken.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    /// No file at the target.
    NoFile,
    /// The target page has no element with the fragment's id.
    NoId(String),
}

/// One broken reference on one built page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Broken {
    /// The page holding the link (site path, `/2024/03/x/`).
    pub page: String,
    /// The link as the page has it.
    pub target: String,
    /// Why it is broken.
    pub why: String,
    /// The page's output file (`2024/03/x/index.html`).
    pub page_file: PathBuf,
    /// The output file the link resolves to.
    pub file: PathBuf,
    /// Its `#fragment`, if any.
    pub frag: Option<String>,
    /// What is wrong with it.
    pub fault: Fault,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// HTML pages scanned.
    pub pages: usize,
    /// Internal references verified.
    pub links: usize,
    /// Broken references, per page, sorted.
    pub broken: Vec<Broken>,
    /// The broken references traced to where each is written: one per source link, sorted.
    pub problems: Vec<Problem>,
    /// The build's warnings, but for those a problem already says (a relative link to a
    /// Markdown file is both).
    pub warnings: Vec<Warning>,
    /// External URLs by domain.
    pub external: BTreeMap<String, BTreeSet<String>>,
    /// Published images that still carry GPS data.
    pub gps: Vec<PathBuf>,
}

/// Checks a site rendered in memory (every language edition) and traces each broken
/// reference to the file and line it is written at.
pub fn site(r: &crate::build::Rendered) -> Report {
    let mut report = check(&r.files, &r.site().config.base_url);
    let base = Base::new(&r.site().config.base_url);
    let (problems, warnings) = trace::trace(r, &report.broken, &base);
    report.problems = problems;
    report.warnings = warnings;
    report
}

/// The site's address: what makes an absolute link internal.
pub(crate) struct Base {
    /// `https://example.org/sub` (no trailing slash).
    url: String,
    /// `/sub/` (`/` at the root).
    path: String,
}

impl Base {
    fn new(base_url: &str) -> Base {
        let path = base_url
            .split_once("://")
            .and_then(|(_, r)| r.find('/').map(|i| r[i..].to_string()))
            .unwrap_or_default();
        Base {
            url: base_url.trim_end_matches('/').to_string(),
            path: format!("{}/", path.trim_end_matches('/')),
        }
    }

    /// `link` as a link within the site (an absolute URL under the base made root-relative),
    /// or `None` when it goes elsewhere.
    fn internal(&self, link: &str) -> Option<String> {
        match link.strip_prefix(self.url.as_str()) {
            Some(rest) if link.contains("://") => {
                Some(format!("{}{}", self.path, rest.trim_start_matches('/')))
            }
            _ if is_external(link) => None,
            _ => Some(link.to_string()),
        }
    }

    /// Resolves `link` (internal) found on the page at `page_file` into an output file path
    /// and fragment.
    fn resolve(&self, page_file: &Path, link: &str) -> (PathBuf, Option<String>) {
        crate::paths::output_file(page_file, link, &self.path)
    }
}

/// Attribute values of `name="…"` in `html` (entity `&amp;` decoded).
fn attr_values(html: &str, name: &str) -> Vec<String> {
    let pat = format!("{name}=\"");
    let mut out = Vec::new();
    for (i, _) in html.match_indices(pat.as_str()) {
        if !html[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace)
        {
            continue;
        }
        let start = i + pat.len();
        if let Some(len) = html[start..].find('"') {
            out.push(html[start..start + len].replace("&amp;", "&"));
        }
    }
    out
}

fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["mailto:", "tel:", "data:", "javascript:", "//"]
        .iter()
        .any(|p| lower.starts_with(p))
        || url.contains("://")
}

/// Checks every HTML file of `files`; `base_url` marks absolute links that are internal.
/// Finds the broken references per page (see [`site`] for tracing them to their source).
pub fn check(files: &[OutFile], base_url: &str) -> Report {
    let base = Base::new(base_url);
    let by_path: HashMap<&Path, &OutFile> = files.iter().map(|f| (f.path.as_path(), f)).collect();
    let html: Vec<(&Path, &str)> = files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .filter_map(|f| Some((f.path.as_path(), std::str::from_utf8(&f.bytes).ok()?)))
        .collect();
    let ids: HashMap<&Path, BTreeSet<String>> =
        html.iter().map(|(p, text)| (*p, ids_of(text))).collect();
    let mut report = Report {
        pages: html.len(),
        ..Default::default()
    };
    for (page, text) in &html {
        let page_url = site_path(page);
        for link in attr_values(text, "href")
            .into_iter()
            .chain(attr_values(text, "src"))
        {
            let Some(internal) = base.internal(&link) else {
                let domain = domain_of(&link).to_string();
                report.external.entry(domain).or_default().insert(link);
                continue;
            };
            report.links += 1;
            let (target, frag) = base.resolve(page, &internal);
            if let Some(fault) = broken(&by_path, &ids, &target, frag.as_deref()) {
                let frag = frag.filter(|f| !f.is_empty());
                let why = match &fault {
                    Fault::NoFile => "no such file in the build".to_string(),
                    Fault::NoId(f) => format!("no element with id `{f}` on {}", target.display()),
                };
                report.broken.push(Broken {
                    page: page_url.clone(),
                    target: link,
                    why,
                    page_file: page.to_path_buf(),
                    file: target,
                    frag,
                    fault,
                });
            }
        }
    }
    for f in files {
        // by the bytes, not the name: a JPEG published as `photo.txt` is still a photo
        if crate::images::identify(&f.bytes).is_some() && crate::images::has_gps(&f.bytes) {
            report.gps.push(f.path.clone());
        }
    }
    report.broken.sort();
    report.broken.dedup();
    report
}

/// The ids (and `name`s) of the elements of a page: what `#fragments` may point at.
fn ids_of(html: &str) -> BTreeSet<String> {
    (attr_values(html, "id").into_iter())
        .chain(attr_values(html, "name"))
        .collect()
}

/// The domain of an external link (`https://example.org/a` → `example.org`).
fn domain_of(link: &str) -> &str {
    let rest = link.split("://").nth(1).unwrap_or(link);
    rest.split('/').next().unwrap_or("")
}

/// Why a link to `target` (with fragment `frag`) is broken, if it is: no such file, or no
/// element with that id on the page.
fn broken(
    by_path: &HashMap<&Path, &OutFile>,
    ids: &HashMap<&Path, BTreeSet<String>>,
    target: &Path,
    frag: Option<&str>,
) -> Option<Fault> {
    if !by_path.contains_key(target) {
        return Some(Fault::NoFile);
    }
    match frag {
        Some(f) if !f.is_empty() && target.extension().is_some_and(|e| e == "html") => {
            let has = ids.get(target).is_some_and(|s| s.contains(f));
            (!has).then(|| Fault::NoId(f.to_string()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: body.as_bytes().to_vec().into(),
        }
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let files = vec![
            file(
                "index.html",
                r#"<a href="a/">ok</a> <a href="a/#top">ok</a> <a href="a/#nope">bad</a> <a href="missing/">bad</a> <a href="https://x.org/p">ext</a> <a href="https://site.org/blog/a/">abs</a>"#,
            ),
            file(
                "a/index.html",
                r#"<h1 id="top">A</h1><img src="../pic.png"> <link rel="stylesheet" href="/blog/s.css">"#,
            ),
            file("pic.png", ""),
            file("s.css", ""),
        ];
        let r = check(&files, "https://site.org/blog");
        let targets: Vec<&str> = r.broken.iter().map(|b| b.target.as_str()).collect();
        assert_eq!(targets, ["a/#nope", "missing/"], "{:?}", r.broken);
        assert_eq!(r.external["x.org"].len(), 1);
        assert_eq!(r.links, 7);
    }
}
