//! Active content: raw HTML, URLs and control characters that could run a script, contact
//! another host or break a feed never reach the output (article, text-only edition, feeds),
//! and each removal is reported at the file and line by `build` and `check` alike.

use crate::support::SiteTest;

/// A dispatch body with every kind of active content the issue listed, one per line (the
/// body starts on line 7 of the file).
const HOSTILE: &str = "+++\ntitle = \"Hostile\"\ndate = 2024-05-01T10:00:00+03:00\ncities = [\"Kyiv\"]\nsources = [{ name = \"Desk\", url = \"https://example.org/desk\" }]\n+++\n\
Intro with <b>bold</b> text.\n\
\n\
<script>alert(1)</script>\n\
\n\
<iframe src=\"https://evil.example/frame\"></iframe>\n\
\n\
An image <img src=x onerror=alert(2)> inline.\n\
\n\
<a href=\"javascript:alert(3)\">raw link</a> and [md link](javascript:alert(4)).\n\
\n\
<meta http-equiv=refresh content=\"0;url=https://evil.example\">\n\
\n\
<base href=\"https://evil.example/\">\n\
\n\
<object data=\"x.swf\"></object><embed src=\"y.swf\">\n\
\n\
<p style=\"background:url(https://evil.example/t.png)\">styled</p>\n\
\n\
![tracker](https://evil.example/pixel.gif)\n\
\n\
<!-- the fixer lives at 48.59, 38.00 -->\n";

const GONE: [&str; 12] = [
    "alert",
    "<script",
    "<iframe",
    "onerror",
    "javascript:",
    "http-equiv",
    "<base",
    "<object",
    "<embed",
    "evil.example",
    "48.59",
    "style=",
];

fn hostile_site() -> SiteTest {
    let mut t = SiteTest::fixture("basic");
    t.file("content/2024/hostile.md", HOSTILE);
    t
}

#[test]
fn active_content_never_reaches_pages_or_feeds() {
    let mut t = hostile_site();
    t.build().success();
    let page = t.read("output/2024/05/hostile/index.html");
    assert!(
        page.contains("<b>bold</b>") && page.contains("md link") && page.contains("raw link"),
        "{page}"
    );
    for file in [
        "output/2024/05/hostile/index.html",
        "output/lite/2024/05/hostile/index.html",
        "output/atom.xml",
        "output/rss.xml",
        "output/index.html",
    ] {
        // The theme's own JSON-LD block is the one script element a page may hold.
        let text = t
            .read(file)
            .replace("<script type=\"application/ld+json\">", "");
        for needle in GONE {
            // The theme has no inline styles, so any `style=` came from the body.
            assert!(!text.contains(needle), "{file} holds {needle:?}");
        }
    }
}

#[test]
fn each_removal_is_a_warning_at_its_line_in_build_and_check() {
    let mut t = hostile_site();
    t.build().success();
    let expected = [
        ("hostile.md:9:1", "<script>"),
        ("hostile.md:11:1", "embed_hosts"),
        ("hostile.md:13:", "onerror"),
        ("hostile.md:15:", "javascript"),
        ("hostile.md:17:1", "<meta>"),
        ("hostile.md:19:1", "<base>"),
        ("hostile.md:21:1", "<object>"),
        ("hostile.md:21:", "<embed>"),
        ("hostile.md:23:1", "style"),
        ("hostile.md:25:1", "evil.example"),
    ];
    let build_err = t.stderr().to_string();
    let root = t.root().display().to_string();
    t.run(&["check", "--root", &root, "--now", crate::support::NOW]);
    let check_err = t.stderr().to_string();
    for out in [&build_err, &check_err] {
        for (at, what) in expected {
            assert!(
                out.lines()
                    .any(|l| l.contains(at) && l.contains("warning") && l.contains(what)),
                "no warning at {at} about {what}:\n{out}"
            );
        }
        assert!(!out.contains("48.59"), "comments are dropped silently");
    }
    let md_link = build_err
        .lines()
        .filter(|l| l.contains("hostile.md:15:"))
        .count();
    assert_eq!(
        md_link, 2,
        "the raw and the Markdown javascript: links:\n{build_err}"
    );
}

#[test]
fn strict_html_makes_removals_errors() {
    let mut t = hostile_site();
    t.build().success();
    let before = crate::hostile::snapshot(&t);
    let config = t.read("config.toml") + "strict_html = true\n";
    t.file("config.toml", &config);
    crate::hostile::assert_refused(&mut t, &before, &["hostile.md:9:1: error:", "strict_html"]);
}

#[test]
fn embed_hosts_allow_listed_iframes_only() {
    let mut t = SiteTest::fixture("basic");
    let config = t.read("config.toml") + "embed_hosts = [\"www.youtube-nocookie.com\"]\n";
    t.file("config.toml", &config);
    t.file(
        "content/2024/video.md",
        "+++\ntitle = \"Video\"\ndate = 2024-05-02T10:00:00+03:00\n+++\n\n<iframe src=\"https://www.youtube-nocookie.com/embed/abc\" title=\"Briefing\"></iframe>\n\n<iframe src=\"https://evil.example/x\"></iframe>\n",
    );
    t.build().success();
    let page = t.read("output/2024/05/video/index.html");
    assert!(
        page.contains("src=\"https://www.youtube-nocookie.com/embed/abc\""),
        "{page}"
    );
    assert!(!page.contains("evil.example"), "{page}");
    t.stderr_contains("video.md:8:1: warning:")
        .stderr_contains("evil.example");
}

#[test]
fn a_javascript_source_url_is_refused_at_its_line() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = crate::hostile::snapshot(&t);
    t.file(
        "content/2024/src.md",
        "+++\ntitle = \"Sources\"\ndate = 2024-05-02T10:00:00+03:00\nsources = [\n  { name = \"ok\", url = \"https://example.org\" },\n  { name = \"x\", url = \"javascript:alert(1)\" },\n]\n+++\n\nBody.\n",
    );
    crate::hostile::assert_refused(
        &mut t,
        &before,
        &["src.md:6:1: error:", "`javascript:` URLs"],
    );
}

#[test]
fn control_characters_are_removed_with_a_warning() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2024/ctl.md",
        "+++\ntitle = \"Control\u{85}chars\"\ndate = 2024-05-02T10:00:00+03:00\n+++\n\nA bell\u{7} and a NUL\u{0} and an escape\u{1b}[31m.\n",
    );
    t.build().success();
    t.stderr_contains("ctl.md:2:")
        .stderr_contains("4 control characters");
    for file in [
        "output/2024/05/ctl/index.html",
        "output/atom.xml",
        "output/rss.xml",
    ] {
        let text = t.read(file);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
            "{file} holds a control character"
        );
    }
    t.file_contains(
        "output/2024/05/ctl/index.html",
        "A bell and a NUL and an escape[31m.",
    );
}

#[test]
fn base_url_must_be_one_clean_url() {
    for (bad, why) in [
        ("https://example.org/\nDisallow: /", "a line break"),
        ("https://example.org/a b", "a space"),
        ("https://exa\"mple.org", "must not hold"),
        ("https://example.org/?q=1", "query"),
        ("ftp://example.org/", "http://"),
        ("https://", "not a URL"),
    ] {
        let mut t = SiteTest::fixture("basic");
        t.build_with(&["--base-url", bad]).failure();
        t.stderr_contains("--base-url").stderr_contains(why);
        t.file(
            "config.toml",
            &format!("title = \"x\"\nbase_url = {bad:?}\n"),
        );
        t.build().failure();
        t.stderr_contains("config.toml").stderr_contains(why);
    }
    let mut t = SiteTest::fixture("basic");
    t.build_with(&["--base-url", "https://Example.ORG/sub/"])
        .success();
    t.file_contains("output/robots.txt", "https://example.org/sub/sitemap.xml");
}

#[test]
fn term_lists_are_capped_and_long_titles_refused() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = crate::hostile::snapshot(&t);
    let tags: Vec<String> = (0..10_000).map(|i| format!("\"t{i}\"")).collect();
    t.file(
        "content/2024/tags.md",
        &format!(
            "+++\ntitle = \"Tags\"\ndate = 2024-05-02T10:00:00+03:00\ntags = [{}]\n+++\n\nBody.\n",
            tags.join(", ")
        ),
    );
    crate::hostile::assert_refused(
        &mut t,
        &before,
        &["tags.md:4:1: error: 10000 tags", "at most 50"],
    );
    t.remove("content/2024/tags.md");
    t.file(
        "content/2024/title.md",
        &format!(
            "+++\ntitle = \"{}\"\ndate = 2024-05-02T10:00:00+03:00\n+++\n\nBody.\n",
            "x".repeat(100_000)
        ),
    );
    crate::hostile::assert_refused(&mut t, &before, &["title.md:2:1: error:", "under 300"]);
}
