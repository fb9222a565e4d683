//! The build's warning for an internal link that points nowhere: a link or image of a
//! dispatch, a live update or a standalone page (`[x](../../../gone/)`, `[x](/2026/12/nope/)`,
//! `<a href="/cities/nowhere/">`) that resolves to no file the build publishes, once the
//! whole site is rendered (pages of every edition, feeds, copied and static files, photos).
//!
//! Links by source path (`@/…`), relative links to Markdown files and missing local images
//! were handled by content loading (see `content::links`); `#fragments` are left to
//! `dateline check`, which reads the built pages. Each warning is at the link's
//! `file:line:col`, once per link as written (a file belongs to one edition; its text-only
//! page and the lists that show its summary rebase the same link), with the closest
//! published page, and its source file's `@/` form, as a suggestion. Costs a lookup per
//! link; the suggestions are worked out only when something is broken.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::SourceLink;
use crate::error::Warning;
use crate::paths::{output_file, site_path};
use crate::site::Site;

/// What a build publishes.
pub(super) struct Published<'a> {
    /// Every output path, in the order of their bytes.
    pub(super) files: Vec<&'a Path>,
    /// Folders whose files are made apart (`serve` remakes the search index later).
    pub(super) folders: Vec<PathBuf>,
}

impl Published<'_> {
    fn has(&self, file: &Path) -> bool {
        (self.files)
            .binary_search_by(|p| p.as_os_str().cmp(file.as_os_str()))
            .is_ok()
            || self.folders.iter().any(|d| file.starts_with(d))
    }
}

/// Most different targets a suggestion is looked for (a site whose every dispatch links
/// somewhere new does not spend minutes on them; the first ones show the pattern).
const MAX_SUGGESTED: usize = 1000;

/// A body shown on a page: its links and images, and its page's output file.
struct Body<'a> {
    home: PathBuf,
    links: &'a [SourceLink],
    images: &'a [SourceLink],
}

/// The warnings for the links of every edition's bodies that point nowhere, per edition
/// (`sites` in order), each sorted.
pub(super) fn nowhere(sites: &[&Site], published: &Published<'_>) -> Vec<Vec<Warning>> {
    let mut broken: Vec<(usize, &SourceLink, PathBuf)> = Vec::new();
    for (e, site) in sites.iter().enumerate() {
        let prefix = Path::new(&site.config.lang().prefix);
        let root = prefix.join("index.html");
        for body in bodies(site, prefix) {
            let images =
                (body.images.iter()).filter(|l| crate::images::markup::local(&l.target).is_none());
            for l in body.links.iter().chain(images) {
                let Some(file) = resolve(&body.home, &root, &l.target) else {
                    continue;
                };
                if !published.has(&file) {
                    broken.push((e, l, file));
                }
            }
        }
    }
    let mut out = vec![Vec::new(); sites.len()];
    if broken.is_empty() {
        return out;
    }
    let near = Nearby::new(sites, published);
    // Suggestions by target (one mistake is often copied into many files), for the first
    // targets only: each compares the target with the site's pages of similar length.
    let mut suggested: HashMap<PathBuf, Option<(String, Option<String>)>> = HashMap::new();
    for (e, l, file) in broken {
        let target = site_path(&file);
        let best = match suggested.get(&file) {
            Some(known) => known.clone(),
            None if suggested.len() < MAX_SUGGESTED => {
                let best = near.closest(&file, &target);
                suggested.insert(file.clone(), best.clone());
                best
            }
            None => None,
        };
        let best = best.as_ref().map(|(p, s)| (p.as_str(), s.as_deref()));
        out[e].push(Warning {
            loc: l.loc.clone(),
            // Advice on links by source path is for links to pages.
            msg: crate::content::links::nowhere(&l.target, &target, best, ext(&file) == "html"),
        });
    }
    for w in &mut out {
        w.sort();
        w.dedup();
    }
    out
}

/// The bodies of an edition: dispatches and their live updates (shown on the dispatch's
/// page), standalone pages.
fn bodies<'a>(site: &'a Site, prefix: &'a Path) -> impl Iterator<Item = Body<'a>> {
    let pages = site.pages.iter().flat_map(move |p| {
        let home = prefix.join(p.url.file());
        let updates = p.updates.iter().map(|u| &*u.doc);
        (std::iter::once(&*p.doc).chain(updates)).map(move |d| Body {
            home: home.clone(),
            links: &d.source_links,
            images: &d.image_links,
        })
    });
    let standalone = site.standalone.iter().map(move |s| Body {
        home: prefix.join(s.url.file()),
        links: &s.source_links,
        images: &s.image_links,
    });
    pages.chain(standalone)
}

/// The output file an internal link written on the page `home` points at: a root-relative
/// link from the root of the page's edition (`root`, its `index.html`), as every edition
/// shows it. `None` for links that loading checked (by source path, to a Markdown file).
fn resolve(home: &Path, root: &Path, link: &str) -> Option<PathBuf> {
    if link.starts_with("@/") || crate::markdown::links_to_markdown(link) {
        return None;
    }
    let (file, _) = match link.strip_prefix('/') {
        Some(rest) => output_file(root, rest, "/"),
        None => output_file(home, link, "/"),
    };
    Some(file)
}

/// What a suggestion is picked from: the site path of every published file by extension,
/// and the source file of every dispatch's and standalone page's output file.
struct Nearby {
    by_ext: HashMap<String, Vec<(String, PathBuf)>>,
    sources: HashMap<PathBuf, String>,
}

impl Nearby {
    fn new(sites: &[&Site], published: &Published<'_>) -> Nearby {
        let mut by_ext: HashMap<String, Vec<(String, PathBuf)>> = HashMap::new();
        for f in &published.files {
            let entry = by_ext.entry(ext(f)).or_default();
            entry.push((site_path(f), f.to_path_buf()));
        }
        let mut sources = HashMap::new();
        for site in sites {
            let c = &site.config;
            let prefix = Path::new(&c.lang().prefix);
            let content = crate::paths::rel(&c.content_dir, &c.root);
            let at = |rel: &Path| {
                let inner = rel.strip_prefix(&content).unwrap_or(rel);
                format!("@/{}", inner.to_string_lossy().replace('\\', "/"))
            };
            for p in &site.pages {
                sources.insert(prefix.join(p.url.file()), at(&p.source));
            }
            for s in &site.standalone {
                sources.insert(prefix.join(s.url.file()), at(&s.source));
            }
        }
        Nearby { by_ext, sources }
    }

    /// The published file of the same kind closest to `target` (the site path of `file`),
    /// with its source file's `@/` form when it has one.
    fn closest(&self, file: &Path, target: &str) -> Option<(String, Option<String>)> {
        let files = self.by_ext.get(&ext(file))?;
        let best = crate::suggest::closest(target, files.iter().map(|(p, _)| p.as_str()))?;
        let (_, out) = files.iter().find(|(p, _)| p == best)?;
        Some((best.to_string(), self.sources.get(out).cloned()))
    }
}

/// A file's extension, lower case (empty when it has none).
fn ext(file: &Path) -> String {
    (file.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_from_their_page_or_their_edition_root() {
        let home = Path::new("uk/2024/03/x/index.html");
        let root = Path::new("uk/index.html");
        let at = |l: &str| resolve(home, root, l).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(at("../../../gone/").as_deref(), Some("uk/gone/index.html"));
        assert_eq!(
            at("/2026/12/nope/").as_deref(),
            Some("uk/2026/12/nope/index.html")
        );
        assert_eq!(
            at("/cities/nowhere/#a").as_deref(),
            Some("uk/cities/nowhere/index.html")
        );
        assert_eq!(
            at("photo.jpg?v=2").as_deref(),
            Some("uk/2024/03/x/photo.jpg")
        );
        assert_eq!(at("@/2023/x.md"), None);
        assert_eq!(at("../x.md#a"), None);
    }

    #[test]
    fn published_files_are_found_by_their_bytes_order() {
        let mut files: Vec<&Path> = ["a/index.html", "a-b/index.html", "uk/x.css"]
            .map(Path::new)
            .to_vec();
        files.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        let p = Published {
            files,
            folders: vec!["uk/pagefind".into()],
        };
        assert!(p.has(Path::new("a-b/index.html")));
        assert!(p.has(Path::new("uk/pagefind/x.pf_meta")));
        assert!(!p.has(Path::new("b/index.html")));
    }
}
