//! Hostile text in front matter is escaped everywhere it is shown: pages, lists, feeds, maps.

use crate::support::{SiteTest, elements, tree, xml_unescape};

/// Closes any script element it lands in, then opens its own.
const XSS: &str = "</script><script>alert(1)</script>";
const RAW: &str = "<script>alert(1)";
const ESCAPED: &str = "&lt;script&gt;alert(1)";

fn hostile_site() -> SiteTest {
    let mut t = SiteTest::fixture("basic");
    let text = format!(
        "+++\ntitle = {x}\ndate = 2023-06-01T10:00:00+03:00\nauthors = [{x}]\ntags = [{x}]\ncities = [{x}, \"Kyiv\"]\ndateline = {x}\nsummary = {x}\ncontent_warning = {x}\nsources = [{{ name = {x} }}, {{ name = {x}, url = \"https://example.org/\" }}]\ncorrections = [{{ date = 2023-06-02, note = {x} }}]\n+++\n\nA plain body about Kyiv.\n",
        x = crate::support::toml_string(XSS)
    );
    t.file("content/2023/hostile.md", &text);
    t.build().success();
    t
}

#[test]
fn hostile_front_matter_never_reaches_output_raw() {
    let t = hostile_site();
    let files = tree(&t.out());
    let mut checked = 0;
    for (rel, bytes) in &files {
        if !rel.extension().is_some_and(|x| x == "html" || x == "xml") {
            continue;
        }
        checked += 1;
        // Case-insensitive: the dateline shows the city in capitals.
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(
            !text.contains(RAW),
            "raw {RAW} in {}:\n{text}",
            rel.display()
        );
        // The only scripts are JSON-LD data blocks, and nothing breaks out of them early; the
        // search page alone loads the theme's own search script.
        let opened = text.matches("<script").count();
        let own = usize::from(
            rel.as_path() == std::path::Path::new("search/index.html")
                && text.contains("<script type=\"module\" src=\"../search."),
        );
        let data_blocks = text
            .matches("<script type=\"application/ld+json\">")
            .count()
            + own;
        assert_eq!(
            opened,
            data_blocks,
            "unexpected <script> in {}:\n{text}",
            rel.display()
        );
        assert_eq!(
            text.matches("</script").count(),
            data_blocks,
            "a script closes early in {}:\n{text}",
            rel.display()
        );
    }
    assert!(checked > 20, "only {checked} files checked");
}

#[test]
fn hostile_front_matter_is_shown_escaped() {
    let mut t = hostile_site();
    let page = "output/2023/06/hostile/index.html";
    let html = t.read(page);
    // Title, author, tag, city, dateline, content warning, two sources and the correction.
    let n = html.matches(ESCAPED).count();
    assert!(
        n >= 9,
        "expected the escaped text at least 9 times on the page, found {n}:\n{html}"
    );
    t.file_contains("output/index.html", ESCAPED)
        .file_contains("output/tags/index.html", ESCAPED)
        .file_contains("output/cities/index.html", ESCAPED)
        .file_contains(
            "output/tags/script-script-alert-1-script/index.html",
            ESCAPED,
        )
        .file_contains(
            "output/authors/script-script-alert-1-script/index.html",
            ESCAPED,
        )
        .file_contains(
            "output/cities/script-script-alert-1-script/index.html",
            ESCAPED,
        )
        .file_contains("output/atom.xml", ESCAPED)
        .file_contains("output/rss.xml", ESCAPED);
}

/// Feed `content`, `summary` and `description` hold HTML that readers render after decoding
/// one level of XML entities: hostile text must still be escaped after that decoding.
#[test]
fn feed_html_payloads_stay_escaped_after_xml_decoding() {
    let t = hostile_site();
    for (rel, bytes) in tree(&t.out()) {
        if rel.extension().is_none_or(|x| x != "xml") {
            continue;
        }
        let xml = String::from_utf8_lossy(&bytes);
        for tag in ["content", "summary", "description"] {
            for body in elements(&xml, tag) {
                let html = xml_unescape(body);
                assert!(
                    !html.to_lowercase().contains(RAW),
                    "{} <{tag}> decodes to raw script:\n{html}",
                    rel.display()
                );
            }
        }
    }
}

#[test]
fn hostile_site_config_is_escaped_too() {
    let mut t = SiteTest::fixture("basic");
    let x = crate::support::toml_string(XSS);
    t.file(
        "config.toml",
        &format!("title = {x}\ndescription = {x}\ncopyright = {x}\n"),
    );
    t.build().success();
    for (rel, bytes) in tree(&t.out()) {
        if rel.extension().is_some_and(|e| e == "html" || e == "xml") {
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            assert!(
                !text.contains(RAW),
                "raw {RAW} in {}:\n{text}",
                rel.display()
            );
        }
    }
    t.file_contains("output/index.html", ESCAPED)
        .file_contains("output/atom.xml", ESCAPED);
}

#[test]
fn hostile_slug_and_names_stay_out_of_paths() {
    let t = hostile_site();
    for rel in tree(&t.out()).keys() {
        let s = rel.to_string_lossy();
        assert!(
            !s.contains('<') && !s.contains('>'),
            "unsafe output path {s}"
        );
    }
}
