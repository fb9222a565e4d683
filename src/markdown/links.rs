//! The links a body holds, as the site sees them: which are internal (checked and, for links
//! by source path and root-relative ones, rewritten by content loading), and the `href` and
//! `src` values of raw HTML.

/// Whether a link or image source written in a body points within the site and is worth
/// checking: a link by source path (`@/…`), a relative or root-relative path. Not a link
/// with a scheme, a protocol-relative one (`//host/…`), a `#fragment` of the page itself or
/// an empty one.
pub(crate) fn internal(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with("//")
        && !url.starts_with('#')
        && crate::urls::body_link(url, false) != crate::urls::BodyLink::Fixed
}

/// A relative link to a Markdown file (`../2023/x.md`, `x.md#a`): it works only in the
/// editor, so loading warns and names the `@/` form.
pub(crate) fn links_to_markdown(url: &str) -> bool {
    let path = url.split(['#', '?']).next().unwrap_or("");
    !url.contains(':') && path.ends_with(".md")
}

/// The `href` and `src` values of a raw HTML fragment, with the offset of each attribute
/// (`&amp;` decoded, as the page has it).
pub fn html_links(fragment: &str) -> Vec<(usize, String)> {
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
    fn internal_links_are_paths_within_the_site() {
        for yes in ["@/2023/x.md", "../x/", "/cities/", "photo.jpg", "x.md#a"] {
            assert!(internal(yes), "{yes}");
        }
        for no in [
            "https://x.org/",
            "mailto:a@b.c",
            "//cdn.org/x.js",
            "#top",
            "",
        ] {
            assert!(!internal(no), "{no}");
        }
    }

    #[test]
    fn raw_html_links_are_found_with_their_offsets() {
        let html = "<a class=\"x\" href=\"a/?b=1&amp;c=2\">t</a><img src='p.jpg' data-src=\"no\"> <A HREF=bare>";
        let found = html_links(html);
        let values: Vec<&str> = found.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, ["a/?b=1&c=2", "p.jpg", "bare"]);
        assert_eq!(&html[found[0].0..found[0].0 + 4], "href");
    }
}
