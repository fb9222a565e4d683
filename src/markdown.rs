//! Markdown to HTML: the one place pulldown-cmark options are set.
//!
//! Owns heading ids (unique per page), the summary cut (`<!-- more -->`), word counts, the list
//! of images a dispatch uses (for alt-text warnings and metadata checks), and the plain text
//! that place-mention detection scans. It must not know about templates or the site index.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

mod words;
pub use words::count_words;

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

/// Renders a dispatch body: its HTML, and the rest.
pub fn render(body: &str) -> (String, Rendered) {
    let (before_more, has_more) = match memchr::memmem::find(body.as_bytes(), MORE.as_bytes()) {
        Some(i) => (Some(&body[..i]), true),
        None => (None, false),
    };
    let mut out = Rendered {
        has_more,
        links_fixed: true,
        ..Default::default()
    };
    let events = collect_events(body, &mut out);
    out.words = count_words(&out.text);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    out.summary_html = match before_more {
        Some(md) => {
            let mut scratch = Rendered::default();
            let ev = collect_events(md, &mut scratch);
            let mut s = String::new();
            html::push_html(&mut s, ev.into_iter());
            s
        }
        None => first_paragraph(&html),
    };
    (html, out)
}

/// Walks the events once: heading ids, image attributes, word count and plain text.
fn collect_events<'a>(body: &'a str, out: &mut Rendered) -> Vec<Event<'a>> {
    // About one event per 24 bytes of prose: sized so the list is rarely regrown.
    let mut events: Vec<Event<'a>> = Vec::with_capacity(body.len() / 24 + 16);
    events.extend(Parser::new_ext(body, options()));
    let mut used_ids: Vec<String> = Vec::new();
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
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.links_fixed = false;
                let end = find_end(&events, i);
                let alt = plain_text(&events[i + 1..end]);
                out.images
                    .push((dest_url.to_string(), !alt.trim().is_empty()));
                let html = image_html(dest_url, &alt);
                events.splice(i..=end, [Event::Html(CowStr::from(html))]);
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                // As the text-only edition's `rebase_links` will see it (fragments kept).
                out.links_fixed &=
                    crate::urls::body_link(dest_url, false) == crate::urls::BodyLink::Fixed;
            }
            Event::Html(_) | Event::InlineHtml(_) => out.links_fixed = false,
            Event::Text(t) | Event::Code(t) => out.text.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.text.push('\n'),
            _ => {}
        }
        i += 1;
    }
    events
}

fn image_html(src: &str, alt: &str) -> String {
    format!(
        "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
        escape_attr(src),
        escape_attr(alt)
    )
}

/// Escapes text for an HTML attribute value.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
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
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_unique() {
        let (html, r) = render("## Kyiv\n\ntext\n\n## Kyiv\n\n### Kyiv\n");
        let ids: Vec<_> = r.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["kyiv", "kyiv-1", "kyiv-2"]);
        assert!(html.contains("<h2 id=\"kyiv-1\">"), "{html}");
    }

    #[test]
    fn summary_and_words() {
        let (html, r) =
            render("First para here.\n\nSecond.\n\n<!-- more -->\n\nThird \"quoted\".\n");
        assert!(r.has_more);
        assert_eq!(r.summary_html, "<p>First para here.</p>\n<p>Second.</p>\n");
        assert_eq!(r.words, 6);
        assert!(html.contains("“quoted”"));
        let (_, r) = render("Only one.\n\nTwo.");
        assert_eq!(r.summary_html, "<p>Only one.</p>");
    }

    #[test]
    fn images_get_lazy_loading_and_alt_is_tracked() {
        let (html, r) = render("![A road](road.jpg) ![](x.png)");
        assert!(
            html.contains(r#"<img src="road.jpg" alt="A road" loading="lazy""#),
            "{html}"
        );
        assert_eq!(
            r.images,
            vec![("road.jpg".to_string(), true), ("x.png".to_string(), false)]
        );
    }

    /// `links_fixed` says exactly when the text-only edition leaves the body as it is.
    #[test]
    fn fixed_links_are_those_text_only_leaves_alone() {
        for (md, fixed) in [
            ("Plain text, *emphasis*, `code`.", true),
            (
                "[Site](https://example.org/a?b=c&d) and <https://x.org>",
                true,
            ),
            (
                "[mail](mailto:desk@example.org), [up](#top), a[^1]\n\n[^1]: note",
                true,
            ),
            ("## Heading {#custom .wide}\n\ntext", true),
            ("[notes](field-notes.txt)", false),
            ("[home](/cities/kyiv/)", false),
            ("[empty]()", false),
            ("![A road](https://example.org/road.jpg)", false),
            ("<b>raw</b> html", false),
            ("<div>\nblock\n</div>", false),
            ("## Heading {data-x=1}\n\ntext", false),
            ("Text with a quote \"=\" and <img src=x> escaped", false),
        ] {
            let (html, r) = render(md);
            let text_only = crate::render::context::text_only(&html, "P/", "R/");
            let unchanged = matches!(text_only, std::borrow::Cow::Borrowed(_));
            assert_eq!(r.links_fixed, fixed, "{md:?}");
            if fixed {
                assert!(unchanged, "{md:?} → {html}");
            }
        }
    }

    #[test]
    fn footnotes_tables_strikethrough() {
        let (html, _) = render("a[^1] ~~b~~\n\n|x|y|\n|-|-|\n|1|2|\n\n[^1]: note\n");
        assert!(html.contains("<del>b</del>"));
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote"));
    }
}
