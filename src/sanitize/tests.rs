//! The allow-list: what the cleaner removes, and that the report names it.

use super::*;

fn policy() -> Policy {
    Policy::new(
        &["www.youtube-nocookie.com".to_string()],
        "example.org",
        false,
    )
}

#[test]
fn schemes_are_read_as_a_browser_reads_them() {
    for ok in [
        "https://example.org/a?b",
        "http://x.org",
        "mailto:desk@example.org",
        "../a/b.html",
        "#top",
        "photo.jpg",
        "/cities/kyiv/",
        "",
    ] {
        assert_eq!(check_url(ok), UrlCheck::Allowed, "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "file:///etc/passwd",
    ] {
        assert!(matches!(check_url(bad), UrlCheck::Refused(_)), "{bad}");
    }
}

#[test]
fn active_content_is_removed() {
    let p = policy();
    for (input, gone) in [
        ("<script>alert(1)</script><p>x</p>", "alert"),
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("<a href=\"javascript:alert(1)\">x</a>", "javascript"),
        ("<a href=\"&#106;avascript:alert(1)\">x</a>", "avascript"),
        (
            "<meta http-equiv=refresh content=\"0;url=https://evil.example\">",
            "refresh",
        ),
        ("<base href=\"https://evil.example/\">", "base"),
        ("<object data=\"x.swf\"></object>", "object"),
        ("<embed src=\"x.swf\">", "embed"),
        (
            "<p style=\"background:url(https://evil.example/t.png)\">x</p>",
            "evil",
        ),
        ("<iframe src=\"https://evil.example/\"></iframe>", "evil"),
        ("<img src=\"https://tracker.example/p.gif\">", "tracker"),
        ("<img src=\"//tracker.example/p.gif\">", "tracker"),
        (
            "<style>body{background:url(https://evil.example)}</style>",
            "evil",
        ),
        ("<svg><script>alert(1)</script></svg>", "alert"),
        (
            "<form action=\"https://evil.example\"><input name=q></form>",
            "evil",
        ),
        ("<!-- reporter is at 48.59, 38.00 -->", "48.59"),
    ] {
        let out = p.clean(input);
        assert!(!out.contains(gone), "{input} → {out}");
        assert!(
            gone == "48.59" || !p.report(input).is_empty(),
            "{input} was not reported"
        );
    }
}

#[test]
fn what_markdown_writes_passes_unchanged() {
    let p = policy();
    for html in [
        "<h2 id=\"kyiv\">Kyiv</h2>",
        "<table><thead><tr><th style=\"text-align: center\">a</th></tr></thead></table>",
        "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
        "<p><a href=\"https://example.org/a?b=c&amp;d\">x</a> <del>y</del></p>",
        "<img src=\"road.jpg\" alt=\"A road\" loading=\"lazy\" decoding=\"async\">",
        "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" width=\"560\"></iframe>",
        "<img src=\"https://example.org/own.jpg\" alt=\"\">",
    ] {
        assert_eq!(p.clean(html), html);
        assert_eq!(p.report(html), Vec::new(), "{html}");
    }
}

#[test]
fn the_report_names_the_line() {
    let found = policy().report("<p>ok</p>\n<p>\nfine <img src=x onerror=alert(1)></p>");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 3);
    assert!(found[0].1.contains("onerror"), "{found:?}");
}

#[test]
fn iframes_need_a_listed_host() {
    let none = Policy::new(&[], "example.org", false);
    let html = "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe>";
    assert!(!none.clean(html).contains("iframe"));
    assert!(none.report(html)[0].1.contains("embed_hosts"));
}

#[test]
fn comments_and_controls() {
    assert!(only_comments("<!-- more -->\n"));
    assert!(only_comments("  <!-- a --> <!--\nb\n-->"));
    assert!(!only_comments("<!-- a --><b>x</b>"));
    assert!(!only_comments("<!-- never closed"));
    let (clean, found) = strip_forbidden("a\u{0}b\u{1b}[31m\u{85}c\u{ffff}\td\n«»");
    assert_eq!(clean, "ab[31mc\td\n«»");
    assert_eq!(found.len(), 4);
    let (clean, found) = strip_forbidden("plain «text» — ok\r\n");
    assert!(matches!(clean, Cow::Borrowed(_)) && found.is_empty());
}

/// Browsers read backslashes, tabs and newlines in a relative URL as they read `//`: each of
/// these loads from another host (found by the `pipeline` fuzzer).
#[test]
fn other_hosts_are_found_however_the_url_is_written() {
    let p = policy();
    for foreign in [
        "//evil.example/p.gif",
        " //evil.example/p.gif",
        "\\\\evil.example\\p.gif",
        "/\\evil.example/p.gif",
        "\\/evil.example/p.gif",
        "/\t/evil.example/p.gif",
        "/\n/evil.example/p.gif",
        "https:evil.example/p.gif",
        "HTTPS://EVIL.example/p.gif",
    ] {
        assert_eq!(
            p.foreign_resource(foreign).as_deref(),
            Some("evil.example"),
            "{foreign:?}"
        );
        let html = format!("<img src=\"{foreign}\" alt=\"a\">");
        assert!(!p.clean(&html).contains("evil"), "{foreign:?}");
    }
    for own in [
        "p.gif",
        "/p.gif",
        "../p.gif",
        "https://example.org/p.gif",
        "//EXAMPLE.org/p.gif",
        "https://www.youtube-nocookie.com/x",
    ] {
        assert_eq!(p.foreign_resource(own), None, "{own:?}");
    }
    assert_eq!(Policy::default().foreign_resource("/a.png"), None);
    assert_eq!(
        Policy::default()
            .foreign_resource("\\\\evil.example\\a.png")
            .as_deref(),
        Some("evil.example")
    );
}

/// A control character inside a URL's scheme (from a character reference) hides it from the
/// scheme check, and control characters leave the page: such URLs go entirely (found by the
/// `pipeline` fuzzer as `<a href="java&#x04;script:…">`).
#[test]
fn urls_with_control_characters_are_refused() {
    for bad in [
        "java\u{4}script:alert(1)",
        "/a\u{1}b",
        "https://example.org/\u{85}",
    ] {
        assert!(matches!(check_url(bad), UrlCheck::Refused(_)), "{bad:?}");
    }
    let p = policy();
    for html in [
        "<a href=\"java&#x04;script:alert(1)\">x</a>",
        "<img src=\"java&#1;script:alert(1)\" alt=\"a\">",
        "<blockquote cite=\"vb&#x7f;script:x\">q</blockquote>",
    ] {
        let clean = p.clean(html);
        assert!(
            !clean.contains("href") && !clean.contains("src") && !clean.contains("cite"),
            "{html} → {clean}"
        );
        assert!(!p.report(html).is_empty(), "{html}");
    }
}
