//! Links by source path (`[earlier](@/2023/bakhmut-encirclement.md#the-road)`), as Zola
//! users know them: checked after loading (a missing file or `#anchor` is an error at the
//! link's `file:line:col`, with the closest existing path) and rewritten to the relative way
//! to the target, which every edition then rebases like any other link of a body. Also the
//! warning for local images that do not exist.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ahash::AHashMap as HashMap;

use super::{Doc, Loaded};
use crate::config::Config;
use crate::error::{Error, Location, Warning};
use crate::urls::UrlPath;

/// A link by source path, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// Where it is written.
    pub loc: Location,
    /// The target as written (`@/2023/x.md#anchor`).
    pub target: String,
}

/// What a source path may point at: a page's site path and its heading ids.
#[derive(Debug, Default, Clone)]
pub struct Targets {
    by_source: BTreeMap<String, (UrlPath, Vec<String>)>,
}

impl Targets {
    /// Adds the file `rel` (relative to the site root) of content folder `content_rel`. A
    /// translation (`about.uk.md`) is also found by its original's path (`@/pages/about.md`):
    /// an edition holds its own language's files only, so a link or a menu entry written once
    /// goes to the version of the edition it is shown in.
    pub fn add(&mut self, rel: &Path, content_rel: &Path, url: &UrlPath, anchors: Vec<String>) {
        let inner = rel.strip_prefix(content_rel).unwrap_or(rel);
        let key = inner.to_string_lossy().replace('\\', "/");
        if crate::lang::file_lang(inner).is_some() {
            let original = crate::lang::translation_key(inner);
            let original = original.to_string_lossy().replace('\\', "/");
            self.by_source
                .insert(original, (url.clone(), anchors.clone()));
        }
        self.by_source.insert(key, (url.clone(), anchors));
    }

    /// The site path (with its `#anchor`) of a target written `@/…`, or why not.
    pub fn resolve(&self, target: &str) -> Result<String, String> {
        let written = target.strip_prefix("@/").unwrap_or(target);
        let (path, anchor) = match written.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (written, None),
        };
        let path = path.trim_end_matches('/');
        let found =
            (self.by_source.get(path)).or_else(|| self.by_source.get(&format!("{path}/index.md")));
        let Some((url, anchors)) = found else {
            let hint = match self.closest(path) {
                Some(best) => format!("; did you mean `@/{best}`?"),
                None => String::new(),
            };
            return Err(format!(
                "link to `{target}`: no published dispatch or page `content/{path}`{hint} (a draft or an embargoed dispatch cannot be linked to yet)"
            ));
        };
        match anchor {
            None | Some("") => Ok(url.as_str().to_string()),
            Some(a) if anchors.iter().any(|x| x == a) => Ok(format!("{}#{a}", url.as_str())),
            Some(a) => {
                let refs: Vec<&str> = anchors.iter().map(String::as_str).collect();
                let hint = match crate::suggest::closest(a, refs.iter().copied()) {
                    Some(best) => format!("; did you mean `#{best}`?"),
                    None if refs.is_empty() => "; it has no headings".to_string(),
                    None => format!("; its headings are #{}", refs.join(", #")),
                };
                Err(format!(
                    "link to `{target}`: `content/{path}` has no heading `#{a}`{hint}"
                ))
            }
        }
    }

    fn closest(&self, path: &str) -> Option<&str> {
        crate::suggest::closest(path, self.by_source.keys().map(String::as_str))
    }
}

/// Checks the links by source path of `links` (of the file `rel`, under content folder
/// `content_rel`): an error for each `@/` link that points nowhere, a warning for each
/// relative link to a Markdown file (naming its `@/` form when the file is published). The
/// other internal links are checked against what the build publishes (see
/// `build::links`).
pub fn check(
    targets: &Targets,
    links: &[SourceLink],
    (rel, content_rel): (&Path, &Path),
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) {
    for l in links {
        if l.target.starts_with("@/") {
            if let Err(msg) = targets.resolve(&l.target) {
                errors.push(Error::content(l.loc.clone(), msg));
            }
        } else if crate::markdown::links_to_markdown(&l.target) {
            warnings.push(relative_md(targets, l, rel, content_rel));
        }
    }
}

/// What is wrong with a link that resolves to `target` (a site path) where nothing is
/// published, and what to do: the closest published page `best` (site path, and the `@/` form
/// of its source file when it has one), else, for a link written in content (`in_content`),
/// advice on links by source path. The build's warning and `dateline check` say the same.
pub fn nowhere(
    link: &str,
    target: &str,
    best: Option<(&str, Option<&str>)>,
    in_content: bool,
) -> String {
    let hint = match best {
        Some((page, Some(source))) => {
            format!("; did you mean `{page}`, by its source file `{source}`?")
        }
        Some((page, None)) => format!("; did you mean `{page}`?"),
        None if in_content => "; link a dispatch or page by its source file (`@/2023/x.md`) and the build checks the link".to_string(),
        None => String::new(),
    };
    format!("link to `{link}` points nowhere: nothing is published at `{target}`{hint}")
}

/// The warning for a relative link to a Markdown file.
fn relative_md(targets: &Targets, l: &SourceLink, rel: &Path, content_rel: &Path) -> Warning {
    let dir = rel.parent().unwrap_or(Path::new(""));
    let dir = dir.strip_prefix(content_rel).unwrap_or(dir);
    let (path, anchor) = l.target.split_once('#').unwrap_or((&l.target, ""));
    let mut parts: Vec<String> = dir
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c.to_string()),
        }
    }
    let joined = parts.join("/");
    let anchor = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    let as_source = format!("@/{joined}{anchor}");
    let msg = match targets.resolve(&as_source) {
        Ok(_) => format!(
            "link to `{}` works only in an editor: on the site it points nowhere; write it `{as_source}` and dateline makes it the right address",
            l.target
        ),
        Err(why) => format!("link to `{}` points nowhere ({why})", l.target),
    };
    Warning {
        loc: Location::at(&l.loc.path, l.loc.line, 0),
        msg,
    }
}

/// `html` of the page at `from` with every `href="@/…"` replaced by the way from that page
/// to the target (`../../../2023/02/x/#a`): relative, like every other link of a body, so
/// each edition rebases it as it does the rest. Links that do not resolve were reported by
/// [`check`] and are left as written. (Root-relative links are made relative to the root of
/// the page's edition when it is rendered: see `render::context::from_edition_root`.)
pub fn rewrite<'a>(html: &'a str, targets: &Targets, from: &UrlPath) -> Cow<'a, str> {
    let mut out: Option<String> = None;
    let mut last = 0;
    let up = "../".repeat(root_depth(from));
    for i in memchr::memmem::find_iter(html.as_bytes(), b"=\"@/") {
        if !html[..i].ends_with(" href") {
            continue;
        }
        let start = i + 2;
        let end = html[start..].find('"').map_or(html.len(), |j| start + j);
        let value = &html[start..end];
        // The HTML escapes `&` in URLs; source paths are compared as written.
        let Ok(url) = targets.resolve(&value.replace("&amp;", "&")) else {
            continue;
        };
        let rel = crate::escape::html(&[up.as_str(), url.trim_start_matches('/')].concat());
        let o = out.get_or_insert_with(|| String::with_capacity(html.len() + 64));
        o.push_str(&html[last..start]);
        o.push_str(if rel.is_empty() { "./" } else { &rel });
        last = end;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[last..]);
            Cow::Owned(o)
        }
    }
}

/// Whether a body with these links and images has a root-relative one (`/x/`, not
/// `//host/x/`), which the page it is rendered on must make relative to its edition's root.
pub fn has_root_relative(links: &[SourceLink], images: &[SourceLink]) -> bool {
    let root_relative = |l: &SourceLink| l.target.starts_with('/') && !l.target.starts_with("//");
    links.iter().chain(images).any(root_relative)
}

/// How many folders the page at `url` is below the root of its edition.
fn root_depth(url: &UrlPath) -> usize {
    let depth = (url.as_str().split('/')).filter(|s| !s.is_empty()).count();
    if url.as_str().ends_with('/') {
        depth
    } else {
        depth.saturating_sub(1)
    }
}

/// Whether [`rewrite`] has anything to do in a body with these links.
pub fn rewrites(links: &[SourceLink]) -> bool {
    links.iter().any(|l| l.target.starts_with("@/"))
}

/// A missing local image is an error at its `file:line:col`, naming the closest file there.
fn missing_images(dir: &Path, images: &[SourceLink], errors: &mut Vec<Error>) {
    for img in images {
        let Some(local) = crate::images::markup::local(&img.target) else {
            continue;
        };
        if !dir.join(&local).is_file() {
            let mut near: Vec<String> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    let ext = n.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
                    ["jpg", "jpeg", "png", "webp", "gif", "svg", "avif"].contains(&ext.as_str())
                })
                .collect();
            near.sort();
            let refs: Vec<&str> = near.iter().map(String::as_str).collect();
            let hint = match crate::suggest::closest(&img.target, refs.iter().copied()) {
                Some(best) => format!("; did you mean `{best}`?"),
                None => String::new(),
            };
            errors.push(Error::content(
                img.loc.clone(),
                format!(
                    "image `{}` is missing: there is no such file beside this file{hint}",
                    img.target
                ),
            ));
        }
    }
}

/// Claims the standalone pages' URLs, collects every published file's site path, checks
/// links by source path and local images, and puts site paths in place of `@/` links.
pub(super) fn link_up(
    loaded: &mut Loaded,
    config: &Config,
    content_rel: &Path,
    errors: &mut Vec<Error>,
) {
    let mut claimed: HashMap<String, PathBuf> = (loaded.pages.iter())
        .map(|p| (p.url.as_str().to_string(), p.source.clone()))
        .collect();
    for reserved in crate::routes::RESERVED {
        claimed.insert(reserved.into(), PathBuf::from("(built-in page)"));
    }
    for s in &loaded.standalone {
        match claimed.get(s.url.as_str()) {
            Some(first) => errors.push(Error::UrlCollision {
                url: s.url.to_string(),
                first: first.clone(),
                second: s.source.clone(),
            }),
            None => {
                claimed.insert(s.url.as_str().to_string(), s.source.clone());
            }
        }
    }
    let targets = &mut loaded.targets;
    for p in &loaded.pages {
        let ids = p.body.toc.iter().map(|h| h.id.clone()).collect();
        targets.add(&p.source, content_rel, &p.url, ids);
    }
    for s in &loaded.standalone {
        let ids = s.toc.iter().map(|h| h.id.clone()).collect();
        targets.add(&s.source, content_rel, &s.url, ids);
    }
    let warnings = &mut loaded.warnings;
    for p in &loaded.pages {
        check(
            targets,
            &p.source_links,
            (&p.source, content_rel),
            errors,
            warnings,
        );
        let dir = p.abs.parent().unwrap_or(Path::new("."));
        missing_images(dir, &p.image_links, errors);
        for u in &p.updates {
            let file = (u.doc.source.as_path(), content_rel);
            check(targets, &u.doc.source_links, file, errors, warnings);
        }
    }
    for s in &loaded.standalone {
        check(
            targets,
            &s.source_links,
            (&s.source, content_rel),
            errors,
            warnings,
        );
        let dir = config.root.join(s.source.parent().unwrap_or(Path::new("")));
        missing_images(&dir, &s.image_links, errors);
    }
    if !errors.is_empty() {
        return;
    }
    for p in loaded.pages.iter_mut() {
        let url = p.url.clone();
        if rewrites(&p.source_links) {
            p.doc = Arc::new(rewritten(&p.doc, targets, &url, config));
        }
        for u in p.updates.iter_mut() {
            if rewrites(&u.doc.source_links) {
                // An update is shown on its dispatch's page.
                u.doc = Arc::new(rewritten(&u.doc, targets, &url, config));
            }
        }
    }
    for s in loaded.standalone.iter_mut() {
        if let Cow::Owned(h) = rewrite(&s.html, targets, &s.url) {
            s.html = h;
        }
    }
}

/// `doc` with its body and summary [`rewrite`]n for the page at `url`.
fn rewritten(doc: &Doc, targets: &Targets, url: &UrlPath, config: &Config) -> Doc {
    let mut doc = doc.clone();
    let edition = config.languages.edition_of(&doc.source).unwrap_or(0);
    let date = doc.date.human_in(&config.i18n[edition].locale);
    doc.html = doc
        .html
        .map(&date, |h| rewrite(h, targets, url).into_owned());
    doc.body.summary_html = rewrite(&doc.body.summary_html, targets, url).into_owned();
    doc
}

/// Locates links found in a body (byte offsets from `body_at` in `text`).
pub(super) fn located(
    text: &str,
    body_at: usize,
    rel: &Path,
    found: Vec<(usize, String)>,
) -> Vec<SourceLink> {
    (found.into_iter())
        .map(|(at, target)| SourceLink {
            loc: super::location_of(text, body_at + at, rel),
            target,
        })
        .collect()
}

/// A content file's text and every link and image in its body as written, located (links in
/// raw HTML, `<a href="…">`, too): what `dateline check` traces a broken link on a built page
/// back to. The text is the one loading located its messages in (line ends normalised,
/// control characters removed), so lines and columns agree with the build's.
pub fn written(abs: &Path, rel: &Path) -> Result<(String, Vec<SourceLink>), Error> {
    use pulldown_cmark::{Event, Parser, Tag};
    let raw = crate::fs::read_text_bytes(abs, rel)?;
    let text = super::source_text(&raw, rel)?.0.into_owned();
    let split = super::front_matter::split(&text, rel)?;
    let body_at = split.body.as_ptr() as usize - text.as_ptr() as usize;
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(split.body, crate::markdown::options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                found.push((range.start, dest_url.into_string()));
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                found.extend(
                    (crate::markdown::html_links(&t).into_iter())
                        .map(|(at, v)| (range.start + at, v)),
                );
            }
            _ => {}
        }
    }
    let links = located(&text, body_at, rel, found);
    Ok((text, links))
}
