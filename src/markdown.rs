//! Markdown to HTML: the one place pulldown-cmark options are set.
//!
//! Owns heading ids (unique per page), the summary cut (`<!-- more -->`), word counts, the list
//! of images a dispatch uses (for alt-text warnings and metadata checks), and the plain text
//! that place-mention detection scans. It must not know about templates or the site index.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::sanitize::{Policy, UrlCheck, check_url, only_comments, strip_forbidden};

mod figures;
mod links;
mod words;
use figures::image_html;
pub use figures::{CREDIT_SEPARATOR, figure_alt_in, figure_caption_from, figure_html};
pub use links::html_links;
pub(crate) use links::{internal, links_to_markdown};
pub use words::{count_words, shorten};

/// The marker that ends a summary.
pub const MORE: &str = "<!-- more -->";

/// What rendering one dispatch's body produced besides its HTML.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// Summary HTML: before `<!-- more -->`, else the first paragraph.
    pub summary_html: String,
    /// Whether the summary came from an explicit `<!-- more -->`.
    pub has_more: bool,
    /// Words in the body text.
    pub words: usize,
    /// Table of contents: (level, id, text).
    pub toc: Vec<Heading>,
    /// Image sources and whether each had alt text.
    pub images: Vec<(String, bool)>,
    /// Visible text (paragraphs joined by newlines) for mention detection.
    pub text: String,
    /// The HTML has no image, no raw HTML, no custom heading attribute, and no link that a
    /// page elsewhere would have to rewrite (every link has a scheme or is a `#fragment`): the
    /// text-only edition can show it as it is (see `render::context::text_only`).
    pub links_fixed: bool,
    /// The lead photo's `<figure>` (front matter `image`), set by content loading.
    pub lead_html: Option<String>,
    /// The file (a variant, relative to the dispatch) shared as the dispatch's image
    /// (`og:image`, JSON-LD), set by content loading.
    pub share_image: Option<String>,
    /// What the allow-list removed (see [`crate::sanitize`]): byte offset in the body, and
    /// what and why. The HTML is already clean; these become warnings (or errors with
    /// `strict_html`).
    pub removed: Vec<(usize, String)>,
    /// Every internal link (see [`internal`]; also the `href` and `src` of raw HTML): byte
    /// offset in the body and the target as written. Content loading resolves links by source
    /// path (`[x](@/2023/bakhmut.md#anchor)`; the HTML keeps them as written until then),
    /// warns about relative links to Markdown files, and the build about links to nothing.
    pub source_links: Vec<(usize, String)>,
    /// Every image: byte offset in the body and its source as written (for missing files).
    pub image_links: Vec<(usize, String)>,
}

/// One heading of the table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Unique id on the page.
    pub id: String,
    /// Heading text.
    pub text: String,
}

/// The Markdown extensions dispatches are written with (also used by `examples/floor.rs`, so
/// that the floor it measures parses the same language).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a dispatch body: its HTML (cleaned by `policy` where it held raw HTML or a URL
/// that may not be published), and the rest.
pub fn render(body: &str, policy: &Policy) -> (String, Rendered) {
    let (before_more, has_more) = match memchr::memmem::find(body.as_bytes(), MORE.as_bytes()) {
        Some(i) => (Some(&body[..i]), true),
        None => (None, false),
    };
    let mut out = Rendered {
        has_more,
        links_fixed: true,
        ..Default::default()
    };
    let (events, raw) = collect_events(body, policy, &mut out);
    out.words += count_words(&out.text);
    let html = to_html(events, raw, policy, body.len() * 3 / 2);
    out.summary_html = match before_more {
        Some(md) => {
            let mut scratch = Rendered::default();
            let (ev, raw) = collect_events(md, policy, &mut scratch);
            to_html(ev, raw, policy, md.len() * 3 / 2)
        }
        None => first_paragraph(&html),
    };
    if out.summary_html.len() > MAX_SUMMARY_HTML {
        // Every list repeats the summary: a giant first paragraph becomes its opening words.
        let lead = out
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let mut p = String::from("<p>");
        let _ = pulldown_cmark_escape::escape_html(&mut p, &shorten(lead.trim(), 300));
        p.push_str("</p>");
        out.summary_html = p;
    }
    (html, out)
}

/// Longest summary HTML taken from the body as it is (bytes); beyond it, the summary is the
/// first 300 characters of its text.
const MAX_SUMMARY_HTML: usize = 4096;

/// Writes events as HTML; HTML that held raw HTML goes through the sanitiser (only then: a
/// dispatch of plain Markdown needs no second parse).
fn to_html(events: Vec<Event<'_>>, raw: bool, policy: &Policy, capacity: usize) -> String {
    let mut html = String::with_capacity(capacity);
    html::push_html(&mut html, events.into_iter());
    let html = if raw { policy.clean(&html) } else { html };
    // Character references elsewhere (link titles, code block info strings, raw HTML) decode
    // too: none of what they can make may reach a page.
    if let (std::borrow::Cow::Owned(clean), _) = strip_forbidden(&html) {
        return clean;
    }
    html
}

/// The parser's events with what may not be published taken out: comments dropped, links and
/// images with a refused URL (or an image from another host) reduced to their text, each
/// removal noted in `out.removed`. Returns the events, and whether raw HTML remains (which
/// the sanitiser must then clean).
fn screened<'a>(body: &'a str, policy: &Policy, out: &mut Rendered) -> (Vec<Event<'a>>, bool) {
    // About one event per 24 bytes of prose: sized so the list is rarely regrown.
    let mut events: Vec<Event<'a>> = Vec::with_capacity(body.len() / 24 + 16);
    let mut raw = false;
    // Raw HTML block being read: index of its start event, its offset, its text.
    let mut block: Option<(usize, usize, String)> = None;
    // Links found so far when the block started (a block of comments drops its own).
    let mut block_links = 0;
    // Per open link or image: whether its tags were dropped.
    let (mut links, mut images): (Vec<bool>, Vec<bool>) = (Vec::new(), Vec::new());
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::HtmlBlock) => {
                block_links = out.source_links.len();
                block = Some((events.len(), range.start, String::new()))
            }
            Event::Html(t) if block.is_some() => {
                if let Some((_, _, text)) = block.as_mut() {
                    text.push_str(t);
                }
                raw_links(t, range.start, out);
            }
            Event::End(TagEnd::HtmlBlock) => {
                let (start, at, text) = block.take().unwrap_or_default();
                if only_comments(&text) {
                    events.truncate(start);
                    out.source_links.truncate(block_links);
                    continue;
                }
                raw = true;
                note_raw(policy, &text, at, out);
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                if only_comments(t) {
                    continue;
                }
                raw = true;
                note_raw(policy, t, range.start, out);
                raw_links(t, range.start, out);
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if internal(dest_url) {
                    out.source_links.push((range.start, dest_url.to_string()));
                }
                let refused = refused_link(dest_url);
                links.push(refused.is_some());
                if let Some(why) = refused {
                    out.removed.push((range.start, why));
                    continue;
                }
            }
            Event::End(TagEnd::Link) if links.pop() == Some(true) => continue,
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.image_links.push((range.start, dest_url.to_string()));
                let refused = refused_image(dest_url, policy);
                images.push(refused.is_some());
                if let Some(why) = refused {
                    out.removed.push((range.start, why));
                    continue;
                }
            }
            Event::End(TagEnd::Image) if images.pop() == Some(true) => continue,
            Event::Text(t) => {
                // The source has no control characters (see `content::parse_unplaced`), but a
                // character reference (`&#1;`, `&#x85;`) decodes to one.
                let (clean, found) = strip_forbidden(t);
                if let Some((_, c)) = found.first() {
                    out.removed.push((
                        range.start,
                        format!(
                            "a character reference to control character U+{:04X} was removed",
                            u32::from(*c)
                        ),
                    ));
                    events.push(Event::Text(CowStr::from(clean.into_owned())));
                    continue;
                }
            }
            _ => {}
        }
        events.push(event);
    }
    (events, raw)
}

/// Notes the internal links of a raw HTML fragment starting at byte `at` (an `<img src>` is a
/// link here: it is neither processed nor checked as a photo).
fn raw_links(fragment: &str, at: usize, out: &mut Rendered) {
    let found = html_links(fragment)
        .into_iter()
        .filter(|(_, v)| internal(v));
    (out.source_links).extend(found.map(|(i, v)| (at + i, v)));
}

/// Notes what cleaning a raw HTML fragment starting at byte `at` will remove.
fn note_raw(policy: &Policy, fragment: &str, at: usize, out: &mut Rendered) {
    for (line, why) in policy.report(fragment) {
        // Offset of the fragment's line `line` (1-based) in the body.
        let skip: usize = fragment
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        out.removed.push((at + skip, why));
    }
}

fn refused_link(url: &str) -> Option<String> {
    match check_url(url) {
        UrlCheck::Allowed => None,
        UrlCheck::Refused(what) => Some(format!(
            "link to `{}` was removed (its text is kept): {what} are not published; use http, https, mailto or a relative link",
            shown(url)
        )),
    }
}

fn refused_image(url: &str, policy: &Policy) -> Option<String> {
    if let UrlCheck::Refused(what) = check_url(url) {
        return Some(format!(
            "image `{}` was removed (its alt text is kept): {what} are not published",
            shown(url)
        ));
    }
    policy.foreign_resource(url).map(|host| {
        format!(
            "image `{}` loads from another host ({host}), which would reveal readers to it; it was removed (its alt text is kept). Save the photo beside the dispatch, or list the host in `embed_hosts`",
            shown(url)
        )
    })
}

/// A URL as a message shows it: at most 80 characters.
fn shown(url: &str) -> String {
    match url.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &url[..i]),
        None => url.to_string(),
    }
}

/// Walks the events once: heading ids, image attributes, word count and plain text.
fn collect_events<'a>(
    body: &'a str,
    policy: &Policy,
    out: &mut Rendered,
) -> (Vec<Event<'a>>, bool) {
    let (mut events, raw) = screened(body, policy, out);
    let mut used_ids: Vec<String> = Vec::new();
    // Code and the text of autolinks (a URL) are not prose: their words count towards reading
    // time, but place names in them (`--city Kharkiv`, `…/kharkiv/`) are not mentions.
    let (mut in_code_block, mut in_autolink) = (false, 0usize);
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading {
                level, id, attrs, ..
            }) => {
                out.links_fixed &= attrs.is_empty();
                let level = *level;
                let explicit = id.as_ref().map(|s| s.to_string());
                let end = find_end(&events, i);
                let text = plain_text(&events[i + 1..end]);
                let base =
                    explicit.unwrap_or_else(|| crate::urls::slugify(&text).as_str().to_string());
                let unique = unique_id(&base, &mut used_ids);
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                    *id = Some(CowStr::from(unique.clone()));
                }
                out.toc.push(Heading {
                    level: heading_num(level),
                    id: unique,
                    text,
                });
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                out.links_fixed = false;
                let end = find_end(&events, i);
                let alt = plain_text(&events[i + 1..end]);
                out.images
                    .push((dest_url.to_string(), !alt.trim().is_empty()));
                // An image alone in its paragraph is a figure, its title the caption.
                let alone = i > 0
                    && matches!(events[i - 1], Event::Start(Tag::Paragraph))
                    && matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph)));
                if alone {
                    let html = figure_html(dest_url, &alt, title);
                    events.splice(i - 1..=end + 1, [Event::Html(CowStr::from(html))]);
                    i -= 1;
                } else {
                    let html = image_html(dest_url, &alt, title);
                    events.splice(i..=end, [Event::Html(CowStr::from(html))]);
                }
            }
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => {
                // As the text-only edition's `rebase_links` will see it (fragments kept).
                out.links_fixed &=
                    crate::urls::body_link(dest_url, false) == crate::urls::BodyLink::Fixed;
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    in_autolink += 1;
                }
            }
            Event::End(TagEnd::Link) => in_autolink = in_autolink.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.text.push('\n');
            }
            Event::Html(_) | Event::InlineHtml(_) => out.links_fixed = false,
            Event::Code(t) => {
                out.words += count_words(t);
                out.text.push(' ');
            }
            Event::Text(t) if in_code_block || in_autolink > 0 => out.words += count_words(t),
            Event::Text(t) => out.text.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.text.push('\n'),
            _ => {}
        }
        i += 1;
    }
    (events, raw)
}

fn heading_num(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Index of the event closing the element opened at `start`.
fn find_end(events: &[Event<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s
}

fn unique_id(base: &str, used: &mut Vec<String>) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

/// The first `<p>…</p>` of rendered HTML (top level), or nothing.
fn first_paragraph(html: &str) -> String {
    let Some(start) = html.find("<p>") else {
        return String::new();
    };
    match html[start..].find("</p>") {
        Some(end) => html[start..start + end + 4].to_string(),
        None => String::new(),
    }
}

/// Reading time in whole minutes (at least one).
pub fn reading_minutes(words: usize, wpm: usize) -> usize {
    words.div_ceil(wpm).max(1)
}

#[cfg(test)]
mod tests;
