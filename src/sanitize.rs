//! What a dispatch may publish: the allow-list for raw HTML and URLs.
//!
//! The site promises pages that run no script and contact no other host. Markdown lets a
//! writer type raw HTML, and front matter carries URLs, so both pass through here:
//!
//! - **URLs** (links, images, sources): `http`, `https`, `mailto` and relative URLs only
//!   ([`check_url`]); `javascript:`, `data:`, `vbscript:` and every other scheme are removed.
//! - **Raw HTML** is cleaned by [`ammonia`] (an html5ever-based allow-list sanitiser) with the
//!   elements and attributes below; `<script>`/`<style>` go with their content, comments go.
//! - **Loads from another host** (`<img src>`, `<iframe src>` on another host) are removed
//!   unless the host is listed in `embed_hosts` (`<iframe>` is allowed only then).
//!
//! ammonia says nothing about what it removed, so [`report`] reads the same raw fragment
//! with html5ever's tokenizer against the same lists, to warn at the file and line (or fail,
//! with `strict_html`). The cleaner is what enforces; the report only explains.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// URL schemes a published page may hold (besides relative URLs).
pub const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Elements allowed in raw HTML (what Markdown itself writes, and plain text markup).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed with everything inside them.
const CLEAN_CONTENT: &[&str] = &["script", "style", "template", "noscript"];

/// Attributes allowed on every element (plus `data-*`).
const GENERIC_ATTRS: &[&str] = &["id", "class", "lang", "dir", "title"];

/// Attributes allowed on one element.
const TAG_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    (
        "img",
        &["src", "alt", "width", "height", "loading", "decoding"],
    ),
    ("td", &["colspan", "rowspan", "style"]),
    ("th", &["colspan", "rowspan", "style", "scope"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("details", &["open"]),
];

/// `<iframe>` attributes, when `embed_hosts` allows iframes at all.
const IFRAME_ATTRS: &[&str] = &[
    "src",
    "width",
    "height",
    "allow",
    "allowfullscreen",
    "loading",
    "referrerpolicy",
];

/// Attributes whose value is a URL.
const URL_ATTRS: &[&str] = &["href", "src", "cite"];

/// What a URL may do on a published page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlCheck {
    /// Relative, or `http`/`https`/`mailto`.
    Allowed,
    /// A scheme that is not allowed (`javascript`, `data`, …) or a URL that does not parse.
    Refused(String),
}

/// Checks a URL's scheme the way a browser reads it (the `url` crate follows the WHATWG URL
/// standard, so `java\tscript:` and ` JavaScript:` are both `javascript`).
///
/// A URL holding a control character (only a character reference can put one there) is
/// refused: cleaning removes control characters from the page, which would join
/// `java&#4;script:` into a scheme that the check above did not see.
pub fn check_url(url: &str) -> UrlCheck {
    if url.chars().any(is_forbidden_char) {
        return UrlCheck::Refused("URLs with control characters".to_string());
    }
    match url::Url::parse(url) {
        Ok(u) if SCHEMES.contains(&u.scheme()) => UrlCheck::Allowed,
        Ok(u) => UrlCheck::Refused(format!("`{}:` URLs", u.scheme())),
        Err(url::ParseError::RelativeUrlWithoutBase) => UrlCheck::Allowed,
        Err(e) => UrlCheck::Refused(format!("a URL that does not parse ({e})")),
    }
}

/// The host a resource URL loads from, when it is not this site (`None`: relative or ours).
///
/// The URL is resolved against one of the site's pages, as a browser resolves it: besides
/// `//host/x`, that catches `\\host\x`, `/\host/x` and `/<tab>/host/x`, which browsers
/// also read as "another host" on an `http(s)` page.
fn foreign_host(url: &str, own_host: &str) -> Option<String> {
    // A site without a host of its own (tests, `Policy::default`) stands in with one that
    // cannot be registered.
    let own = if own_host.is_empty() {
        "dateline.invalid"
    } else {
        own_host
    };
    // Both schemes: `https:host/x` is relative on an `https` page but another host on an
    // `http` one, and the site may be served over either.
    ["https", "http"].into_iter().find_map(|scheme| {
        let page = url::Url::parse(&format!("{scheme}://{own}/page/"))
            .or_else(|_| url::Url::parse(&format!("{scheme}://dateline.invalid/page/")))
            .ok()?;
        let host = page.join(url).ok()?.host_str()?.to_ascii_lowercase();
        (Some(host.as_str()) != page.host_str()).then_some(host)
    })
}

/// True when `style` is only a table cell's alignment, as Markdown tables write it.
fn is_alignment(style: &str) -> bool {
    let s = style.trim().trim_end_matches(';').trim();
    matches!(
        s,
        "text-align: left" | "text-align: center" | "text-align: right"
    )
}

/// The site's rules for raw HTML and resource hosts, built once per build.
pub struct Policy {
    cleaner: ammonia::Builder<'static>,
    /// Hosts that may be embedded (`<iframe>`, remote `<img>`), lower-case.
    embed_hosts: Arc<Vec<String>>,
    /// This site's host (its own absolute URLs are not "another host").
    own_host: Arc<String>,
    /// Removed HTML fails the build instead of warning.
    pub strict: bool,
}

impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policy")
            .field("embed_hosts", &self.embed_hosts)
            .field("own_host", &self.own_host)
            .field("strict", &self.strict)
            .finish()
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy::new(&[], "", false)
    }
}

impl Policy {
    /// The rules for a site at `own_host` that embeds from `embed_hosts`.
    pub fn new(embed_hosts: &[String], own_host: &str, strict: bool) -> Policy {
        let embed_hosts: Arc<Vec<String>> = Arc::new(
            embed_hosts
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect(),
        );
        let own_host = Arc::new(own_host.to_ascii_lowercase());
        let mut tags: HashSet<&'static str> = TAGS.iter().copied().collect();
        let mut tag_attrs: HashMap<&'static str, HashSet<&'static str>> = TAG_ATTRS
            .iter()
            .map(|(t, a)| (*t, a.iter().copied().collect()))
            .collect();
        if !embed_hosts.is_empty() {
            tags.insert("iframe");
            tag_attrs.insert("iframe", IFRAME_ATTRS.iter().copied().collect());
        }
        let mut cleaner = ammonia::Builder::empty();
        let (hosts, own) = (embed_hosts.clone(), own_host.clone());
        cleaner
            .tags(tags)
            .clean_content_tags(CLEAN_CONTENT.iter().copied().collect())
            .generic_attributes(GENERIC_ATTRS.iter().copied().collect())
            .generic_attribute_prefixes(["data-"].into_iter().collect())
            .tag_attributes(tag_attrs)
            .url_schemes(SCHEMES.into_iter().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            .attribute_filter(move |element, attribute, value| {
                filter_attr(element, attribute, value, &hosts, &own)
            });
        Policy {
            cleaner,
            embed_hosts,
            own_host,
            strict,
        }
    }

    /// Cleans rendered HTML that held raw HTML: everything not on the lists goes.
    pub fn clean(&self, html: &str) -> String {
        self.cleaner.clean(html).to_string()
    }

    /// Why a resource (`<img src>`, `<iframe src>`) at `url` may not load, if it may not:
    /// another host that `embed_hosts` does not list.
    pub fn foreign_resource(&self, url: &str) -> Option<String> {
        foreign_host(url, &self.own_host).filter(|h| !self.embed_hosts.contains(h))
    }

    /// What cleaning a raw HTML fragment will remove, with the line (1-based, within the
    /// fragment) of each removal. Empty when the fragment passes as it is.
    pub fn report(&self, fragment: &str) -> Vec<(usize, String)> {
        let sink = Reporter {
            policy: self,
            found: RefCell::new(Vec::new()),
            skip_depth: RefCell::new(0),
        };
        let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(fragment));
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        tokenizer.sink.found.into_inner()
    }
}

/// ammonia's attribute filter: table alignment is the only style kept; resources from another
/// host lose their `src` unless `embed_hosts` lists the host.
fn filter_attr<'u>(
    _element: &str,
    attribute: &str,
    value: &'u str,
    hosts: &[String],
    own: &str,
) -> Option<Cow<'u, str>> {
    match attribute {
        // ammonia checked the scheme with the control character in place; without it (and
        // every control character leaves the page) the URL could read `javascript:`.
        _ if URL_ATTRS.contains(&attribute) && value.chars().any(is_forbidden_char) => None,
        "style" if !is_alignment(value) => None,
        "src" if foreign_host(value, own).is_some_and(|h| !hosts.contains(&h)) => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Collects what the cleaner will remove, token by token.
struct Reporter<'p> {
    policy: &'p Policy,
    found: RefCell<Vec<(usize, String)>>,
    /// Inside an element removed with its content (`<script>`…): its text is not reported.
    skip_depth: RefCell<usize>,
}

impl Reporter<'_> {
    fn allowed_tag(&self, name: &str) -> bool {
        TAGS.contains(&name) || (name == "iframe" && !self.policy.embed_hosts.is_empty())
    }

    fn allowed_attr(&self, tag: &str, attr: &str) -> bool {
        GENERIC_ATTRS.contains(&attr)
            || attr.starts_with("data-")
            || TAG_ATTRS
                .iter()
                .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
            || (tag == "iframe" && IFRAME_ATTRS.contains(&attr))
    }

    fn start_tag(&self, name: &str, attrs: &[html5ever::Attribute], line: usize) {
        let mut found = self.found.borrow_mut();
        if CLEAN_CONTENT.contains(&name) {
            found.push((
                line,
                format!("raw HTML `<{name}>` was removed with its content: published pages run no scripts and load no styles of their own"),
            ));
            return;
        }
        if !self.allowed_tag(name) {
            let why = match name {
                "iframe" => {
                    " (embedding another site is off; list its host in `embed_hosts` in config.toml to allow it)"
                }
                "object" | "embed" | "applet" | "frame" | "frameset" => {
                    " (it runs or loads content from elsewhere)"
                }
                "meta" | "base" | "link" => " (it changes where the page goes or what it loads)",
                "form" | "input" | "button" | "select" | "textarea" => {
                    " (forms send readers' data elsewhere)"
                }
                _ => "",
            };
            found.push((line, format!("raw HTML element `<{name}>` is not allowed and was removed{why}; its text, if any, is kept")));
            return;
        }
        for a in attrs {
            let attr: &str = &a.name.local;
            let value: &str = &a.value;
            if !self.allowed_attr(name, attr) {
                found.push((line, format!("attribute `{attr}` on `<{name}>` is not allowed and was removed (no event handlers, scripts or styles)")));
            } else if attr == "style" && !is_alignment(value) {
                found.push((line, format!("inline `style` on `<{name}>` was removed: it could load from another host; only table alignment is kept")));
            } else if URL_ATTRS.contains(&attr) {
                if let UrlCheck::Refused(what) = check_url(value) {
                    found.push((line, format!("`{attr}` on `<{name}>` was removed: {what} are not published; use http, https, mailto or a relative link")));
                } else if attr == "src"
                    && let Some(host) = self.policy.foreign_resource(value)
                {
                    found.push((line, format!("`<{name}>` loads from another host ({host}), which would reveal readers to it; its `src` was removed. Save the file beside the dispatch, or list the host in `embed_hosts`")));
                }
            }
        }
    }
}

impl TokenSink for Reporter<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        if let Token::TagToken(tag) = token {
            let name: &str = &tag.name;
            let mut depth = self.skip_depth.borrow_mut();
            if CLEAN_CONTENT.contains(&name) {
                match tag.kind {
                    TagKind::StartTag if !tag.self_closing => *depth += 1,
                    TagKind::EndTag => *depth = depth.saturating_sub(1),
                    TagKind::StartTag => {}
                }
                if tag.kind == TagKind::EndTag || *depth > 1 {
                    return TokenSinkResult::Continue;
                }
            } else if *depth > 0 {
                return TokenSinkResult::Continue;
            }
            drop(depth);
            if tag.kind == TagKind::StartTag {
                self.start_tag(name, &tag.attrs, line);
            }
        }
        TokenSinkResult::Continue
    }
}

/// True when a raw HTML fragment is only comments and blank space (dropped without a word:
/// comments are never published, and `<!-- more -->` is one).
pub fn only_comments(mut s: &str) -> bool {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return true;
        }
        let Some(rest) = s.strip_prefix("<!--") else {
            return false;
        };
        match rest.find("-->") {
            Some(end) => s = &rest[end + 3..],
            None => return false,
        }
    }
}

/// Control characters that must never reach a page or a feed: C0 (but tab, newline and
/// carriage return), DEL, C1, and the non-characters U+FFFE/U+FFFF (invalid in XML).
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Removes forbidden characters (see [`is_forbidden_char`]); the text is borrowed when it
/// has none, which is almost always (one pass over the bytes).
pub fn strip_forbidden(text: &str) -> (Cow<'_, str>, Vec<(usize, char)>) {
    let suspect = text.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7f | 0xc2 | 0xef)
    });
    if !suspect || !text.chars().any(is_forbidden_char) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut found = Vec::new();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if is_forbidden_char(c) {
            found.push((i, c));
        } else {
            out.push(c);
        }
    }
    (Cow::Owned(out), found)
}

#[cfg(test)]
mod tests;
