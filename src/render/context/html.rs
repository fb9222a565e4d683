//! Rewriting a rendered body for where it is shown: on list pages (no images, links made
//! absolute), under its edition's root, and in the text-only edition (images as their alt
//! text). Bodies are rewritten only when they need it, and borrowed back otherwise.

use std::borrow::Cow;

use tera::Value;

use crate::urls::UrlPath;

/// Makes a summary safe to show on list pages: images are dropped (lists stay light) and
/// relative links, which were relative to the dispatch, become absolute.
pub(super) fn list_safe(html: &str, page_url: &str, base_url: &str) -> String {
    let plain = crate::images::markup::plain_img(html);
    let out = replace_images(&plain, |_| String::new());
    rebase_links(&out, page_url, &[base_url, "/"].concat(), false).into_owned()
}

/// Replaces every `<img …>` tag with what `with` makes of it.
fn replace_images(html: &str, with: impl Fn(&str) -> String) -> Cow<'_, str> {
    let find = |s: &str| memchr::memmem::find(s.as_bytes(), b"<img ");
    if find(html).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = find(rest) {
        out.push_str(&rest[..i]);
        let tag_end = memchr::memchr(b'>', &rest.as_bytes()[i..]).map_or(rest.len(), |j| i + j + 1);
        out.push_str(&with(&rest[i..tag_end]));
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Rewrites relative `href` and `src` values, which were relative to a dispatch's folder:
/// plain relative links get `prefix`, root-relative ones `root`; `#fragments` stay unless
/// `fragments` is true; links with a scheme are left alone. Borrows `html` back when nothing
/// needed rewriting (most bodies link only to other sites).
pub fn rebase_links<'a>(html: &'a str, prefix: &str, root: &str, fragments: bool) -> Cow<'a, str> {
    let mut fixed: Option<String> = None;
    let mut last = 0;
    for i in memchr::memmem::find_iter(html.as_bytes(), b"=\"") {
        let before = &html[..i];
        if !(before.ends_with(" href") || before.ends_with(" src")) {
            continue;
        }
        let start = i + 2;
        let value = html[start..].split('"').next().unwrap_or("");
        let (insert, skip) = match crate::urls::body_link(value, fragments) {
            crate::urls::BodyLink::RootRelative => (root, 1),
            crate::urls::BodyLink::Relative => (prefix, 0),
            crate::urls::BodyLink::Fixed => continue,
        };
        let out = fixed.get_or_insert_with(|| String::with_capacity(html.len() + 64));
        out.push_str(&html[last..start]);
        out.push_str(insert);
        last = start + skip;
    }
    match fixed {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[last..]);
            Cow::Owned(out)
        }
    }
}

/// A body shown on the page at `url` (`doc` its file) with its root-relative links (`/x/`)
/// made relative to the root of the page's edition (`../../../x/`), as its text-only page,
/// the lists and the feeds show them: so a link stays under a sub-path `base_url` and in its
/// language. Most bodies have none and are returned as they are.
pub(crate) fn from_edition_root(content: Value, doc: &crate::content::Doc, url: &UrlPath) -> Value {
    if !crate::content::links::has_root_relative(&doc.source_links, &doc.image_links) {
        return content;
    }
    let root = crate::render::jobs::root_prefix(url);
    match rebase_links(content.as_str().unwrap_or_default(), "", &root, false) {
        Cow::Owned(html) => Value::safe_string(&html),
        Cow::Borrowed(_) => content,
    }
}

/// Replaces every `<img>` with its alt text in brackets after `label` (`[Image: …]`, the
/// edition's word for it; text-only edition) and points relative links at the full site
/// (`prefix` is the way from the lite page to the original). Borrows `html` back when there
/// was nothing to change.
pub fn text_only<'a>(html: &'a str, prefix: &str, root: &str, label: &str) -> Cow<'a, str> {
    if let Cow::Owned(plain) = crate::images::markup::plain_img(html) {
        return Cow::Owned(text_only(&plain, prefix, root, label).into_owned());
    }
    let out = replace_images(html, |tag| {
        let alt = tag
            .split(" alt=\"")
            .nth(1)
            .and_then(|a| a.split('"').next())
            .unwrap_or("");
        if alt.is_empty() {
            String::new()
        } else {
            format!("[{}: {alt}]", crate::escape::html(label))
        }
    });
    match out {
        Cow::Borrowed(html) => rebase_links(html, prefix, root, false),
        Cow::Owned(out) => {
            let rebased = match rebase_links(&out, prefix, root, false) {
                Cow::Owned(rebased) => Some(rebased),
                Cow::Borrowed(_) => None,
            };
            Cow::Owned(rebased.unwrap_or(out))
        }
    }
}
