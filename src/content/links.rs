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

use super::Loaded;
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
                let hint = match crate::tomlerr::suggest(a, &refs) {
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
        (self.by_source.keys())
            .map(|k| (strsim::levenshtein(k, path), k.as_str()))
            .filter(|(d, k)| *d <= 4.max(k.len() / 3))
            .min()
            .map(|(_, k)| k)
    }
}

/// Checks every link of `links` (of the file `rel`, under content folder `content_rel`): an
/// error for each `@/` link that points nowhere, a warning for each relative link to a
/// Markdown file (naming its `@/` form when the file is published).
pub fn check(
    targets: &Targets,
    links: &[SourceLink],
    (rel, content_rel): (&Path, &Path),
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) {
    for l in links {
        if !l.target.starts_with("@/") {
            warnings.push(relative_md(targets, l, rel, content_rel));
        } else if let Err(msg) = targets.resolve(&l.target) {
            errors.push(Error::content(l.loc.clone(), msg));
        }
    }
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
/// [`check`] and are left as written.
pub fn rewrite<'a>(html: &'a str, targets: &Targets, from: &UrlPath) -> Cow<'a, str> {
    const NEEDLE: &[u8] = b"href=\"@/";
    if memchr::memmem::find(html.as_bytes(), NEEDLE).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for i in memchr::memmem::find_iter(html.as_bytes(), NEEDLE) {
        let start = i + "href=\"".len();
        let end = html[start..].find('"').map_or(html.len(), |j| start + j);
        // The HTML escapes `&` in URLs; source paths are compared as written.
        let written = html[start..end].replace("&amp;", "&");
        if let Ok(url) = targets.resolve(&written) {
            let depth = (from.as_str().split('/')).filter(|s| !s.is_empty()).count();
            let up = if from.as_str().ends_with('/') {
                depth
            } else {
                depth.saturating_sub(1)
            };
            let rel = ["../".repeat(up).as_str(), url.trim_start_matches('/')].concat();
            let rel = if rel.is_empty() {
                "./".to_string()
            } else {
                rel
            };
            out.push_str(&html[last..start]);
            out.push_str(&crate::escape::html(&rel));
            last = end;
        }
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
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
            let hint = match crate::tomlerr::suggest(&img.target, &refs) {
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
    for p in loaded
        .pages
        .iter_mut()
        .filter(|p| !p.source_links.is_empty())
    {
        let mut doc = (*p.doc).clone();
        let edition = config.languages.edition_of(&doc.source).unwrap_or(0);
        let date = doc.date.human_in(&config.i18n[edition].locale);
        let url = p.url.clone();
        doc.html = doc
            .html
            .map(&date, |h| rewrite(h, targets, &url).into_owned());
        doc.body.summary_html = rewrite(&doc.body.summary_html, targets, &url).into_owned();
        p.doc = Arc::new(doc);
    }
    for s in loaded.standalone.iter_mut() {
        if let Cow::Owned(h) = rewrite(&s.html, targets, &s.url) {
            s.html = h;
        }
    }
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
                found.extend((html_links(&t).into_iter()).map(|(at, v)| (range.start + at, v)));
            }
            _ => {}
        }
    }
    let links = located(&text, body_at, rel, found);
    Ok((text, links))
}

/// The `href` and `src` values of a raw HTML fragment, with the offset of each attribute
/// (`&amp;` decoded, as the page has it).
fn html_links(fragment: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, _) in fragment.match_indices('=') {
        let before = fragment[..i].trim_end();
        let name_at = before.len()
            - before
                .chars()
                .rev()
                .take_while(char::is_ascii_alphabetic)
                .map(char::len_utf8)
                .sum::<usize>();
        let name = &before[name_at..];
        let spaced = before[..name_at].ends_with(|c: char| c.is_whitespace());
        if !spaced || !(name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src")) {
            continue;
        }
        let rest = fragment[i + 1..].trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        out.push((name_at, value.replace("&amp;", "&")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_links_are_found_with_their_offsets() {
        let html = "<a class=\"x\" href=\"a/?b=1&amp;c=2\">t</a><img src='p.jpg' data-src=\"no\"> <A HREF=bare>";
        let found = html_links(html);
        let values: Vec<&str> = found.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, ["a/?b=1&c=2", "p.jpg", "bare"]);
        assert_eq!(&html[found[0].0..found[0].0 + 4], "href");
    }
}
