//! Unit tests of `markdown`.

use super::*;

fn render(body: &str) -> (String, Rendered) {
    super::render(body, &Policy::default())
}

#[test]
fn heading_ids_are_unique() {
    let (html, r) = render("## Kyiv\n\ntext\n\n## Kyiv\n\n### Kyiv\n");
    let ids: Vec<_> = r.toc.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["kyiv", "kyiv-1", "kyiv-2"]);
    assert!(html.contains("<h2 id=\"kyiv-1\">"), "{html}");
}

#[test]
fn summary_and_words() {
    let (html, r) = render("First para here.\n\nSecond.\n\n<!-- more -->\n\nThird \"quoted\".\n");
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
        ("![A road](road.jpg)", false),
        ("![A road](https://elsewhere.example/road.jpg)", true),
        ("[x](javascript:alert(1)) <!-- more -->", true),
        ("<b>raw</b> html", false),
        ("<div>\nblock\n</div>", false),
        ("## Heading {data-x=1}\n\ntext", false),
        ("Text with a quote \"=\" and <img src=x> escaped", false),
    ] {
        let (html, r) = render(md);
        let text_only = crate::render::context::text_only(&html, "P/", "R/", "Image");
        let unchanged = matches!(text_only, std::borrow::Cow::Borrowed(_));
        assert_eq!(r.links_fixed, fixed, "{md:?}");
        if fixed {
            assert!(unchanged, "{md:?} → {html}");
        }
    }
}

/// Refused URLs lose their link or image (the text stays), raw HTML is cleaned, comments
/// go, and each removal is noted at its byte offset in the body.
#[test]
fn unsafe_markdown_is_reduced_to_text() {
    let policy = Policy::new(&[], "example.org", false);
    let md = "Intro.\n\n[click](javascript:alert(1)) and ![map](https://tracker.example/m.png)\n\n<div onclick=\"x()\">\n<script>alert(2)</script>\n</div>\n\n<!-- source: 48.1, 37.7 -->\n";
    let (html, r) = super::render(md, &policy);
    for gone in [
        "javascript",
        "tracker",
        "onclick",
        "script",
        "alert",
        "48.1",
    ] {
        assert!(!html.contains(gone), "{gone} in {html}");
    }
    assert!(html.contains("click") && html.contains("map"), "{html}");
    let at: Vec<usize> = r.removed.iter().map(|(at, _)| *at).collect();
    assert_eq!(at.len(), 4, "{:?}", r.removed);
    assert_eq!(&md[at[0]..at[0] + 7], "[click]");
    assert_eq!(&md[at[1]..at[1] + 6], "![map]");
    assert!(md[at[2]..].starts_with("<div onclick"), "{:?}", r.removed);
    assert!(md[at[3]..].starts_with("<script>"), "{:?}", r.removed);
    let (plain, r) = super::render(
        "A <b>bold</b> [link](https://example.org/x) ![own](https://example.org/a.jpg)",
        &policy,
    );
    assert!(r.removed.is_empty(), "{:?}", r.removed);
    assert!(
        plain.contains("<b>bold</b>") && plain.contains("<img src=\"https://example.org/a.jpg\""),
        "{plain}"
    );
}

/// A derived summary never grows with a giant first paragraph.
#[test]
fn long_first_paragraphs_make_short_summaries() {
    let md = "word ".repeat(200_000);
    let (_, r) = render(&md);
    assert!(r.summary_html.len() < 2_000, "{}", r.summary_html.len());
    assert!(
        r.summary_html.starts_with("<p>word word"),
        "{}",
        &r.summary_html[..40]
    );
}

/// Character references to control characters decode to nothing, wherever they are, and
/// each one in text is noted.
#[test]
fn control_character_references_are_removed() {
    let md = "A &#1; b &#x7f; c &#x85;\n\n[l](/x \"t&#2;\") <i title=\"&#3;\">i</i>\n\n```a&#4;b\ncode\n```\n";
    let (html, r) = render(md);
    assert!(
        !html.chars().any(crate::sanitize::is_forbidden_char),
        "{html:?}"
    );
    assert!(
        !r.text.chars().any(crate::sanitize::is_forbidden_char),
        "{:?}",
        r.text
    );
    assert!(html.contains("A  b  c") && html.contains("<i"), "{html}");
    // Noted on the first line (the text's); the others are cleaned without a word.
    let first_line = md.find('\n').unwrap_or(md.len());
    assert!(
        !r.removed.is_empty() && r.removed.iter().all(|(at, _)| *at < first_line),
        "{:?}",
        r.removed
    );
}

/// Removing control characters never joins a URL into a refused scheme.
#[test]
fn control_characters_never_join_into_a_scheme() {
    let md = "<a href=\"java&#x04;script:alert(1)\">raw</a> [md](java&#4;script:alert(2)) ![img](java&#4;script:alert(3))\n";
    let (html, r) = render(md);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("javascript"), "{html}");
    assert!(html.contains("raw") && html.contains("md"), "{html}");
    assert!(r.removed.len() >= 3, "{:?}", r.removed);
}

/// Place names in code, code blocks and autolinked URLs are not in the text that mention
/// detection scans; their words still count towards reading time.
#[test]
fn code_and_urls_are_not_prose() {
    let md = "Shelling in Kyiv. Run `dateline new --city Kharkiv` first.\n\n```sh\ndateline build --city Odesa\n```\n\nSee <https://example.org/lviv> and [Dnipro](https://example.org/zaporizhzhia).\n\n![Mariupol](mykolaiv.jpg)\n";
    let (_, r) = render(md);
    for gone in [
        "Kharkiv",
        "Odesa",
        "lviv",
        "zaporizhzhia",
        "mykolaiv",
        "Mariupol",
    ] {
        assert!(!r.text.contains(gone), "{gone} in {:?}", r.text);
    }
    assert!(
        r.text.contains("Kyiv") && r.text.contains("Dnipro"),
        "{:?}",
        r.text
    );
    let (_, plain) = render(
        "Shelling in Kyiv. Run dateline new --city Kharkiv first.\n\ndateline build --city Odesa\n\nSee https://example.org/lviv and Dnipro.\n",
    );
    assert_eq!(r.words, plain.words);
}

#[test]
fn footnotes_tables_strikethrough() {
    let (html, _) = render("a[^1] ~~b~~\n\n|x|y|\n|-|-|\n|1|2|\n\n[^1]: note\n");
    assert!(html.contains("<del>b</del>"));
    assert!(html.contains("<table>"));
    assert!(html.contains("footnote"));
}

#[test]
fn a_figure_takes_another_languages_alt_text_and_caption() {
    let uk = figure_html("a.jpg", "", "Дим — Фото: Desk");
    let en = figure_html("a.jpg", "Smoke", "Smoke <over> the town — Photo: Desk");
    let marked = figure_caption_from(&figure_alt_in(&uk, "Smoke \"x\"", "en"), &en, "en");
    assert_eq!(
        marked,
        "<figure><img src=\"a.jpg\" alt=\"Smoke &quot;x&quot;\" lang=\"en\" loading=\"lazy\" decoding=\"async\"><figcaption lang=\"en\">Smoke &lt;over&gt; the town <span class=\"credit\">Photo: Desk</span></figcaption></figure>"
    );
    // A figure without a caption gains one.
    let bare = figure_html("a.jpg", "Дим", "");
    assert!(figure_caption_from(&bare, &en, "en").ends_with("<figcaption lang=\"en\">Smoke &lt;over&gt; the town <span class=\"credit\">Photo: Desk</span></figcaption></figure>"));
}
