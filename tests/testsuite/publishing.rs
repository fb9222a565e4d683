//! Publishing: feeds, sitemaps, news metadata, sub-path base URLs, `check`, cache busting.

use crate::support::SiteTest;

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"))
}

fn children<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children()
        .filter(|c| c.tag_name().name() == name)
        .collect()
}

#[test]
fn atom_feeds_have_every_required_element_and_stable_ids() {
    let mut site = SiteTest::fixture("basic");
    site.build().success();
    let mut ids_before = Vec::new();
    for feed in ["atom.xml", "cities/bakhmut/atom.xml", "tags/siege/atom.xml"] {
        let text = site.read(&format!("output/{feed}"));
        let doc = xml(&text);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed", "{feed}");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for required in ["id", "title", "updated"] {
            assert_eq!(children(root, required).len(), 1, "{feed}: feed/{required}");
        }
        let links = children(root, "link");
        assert!(
            links.iter().any(|l| l.attribute("rel") == Some("self")),
            "{feed}: rel=self"
        );
        let entries = children(root, "entry");
        assert!(!entries.is_empty(), "{feed}: no entries");
        for e in entries {
            for required in ["id", "title", "updated", "author", "link", "content"] {
                assert!(
                    !children(e, required).is_empty(),
                    "{feed}: entry/{required}"
                );
            }
            let id = children(e, "id")[0].text().unwrap().to_string();
            assert!(
                id.starts_with("https://dateline.example.org/"),
                "{feed}: absolute id {id}"
            );
            let href = children(e, "link")[0].attribute("href").unwrap();
            assert!(href.starts_with("https://"), "{feed}: absolute link {href}");
            ids_before.push(id);
        }
    }
    // Rebuild after an unrelated edit: ids must not change.
    site.file(
        "content/2024/unrelated.md",
        "+++\ntitle = \"Unrelated\"\ndate = 2021-01-01\ncities = [\"Lviv\"]\n+++\n\nText.\n",
    );
    site.build().success();
    let text = site.read("output/atom.xml");
    for id in ids_before.iter().take(3) {
        assert!(text.contains(id.as_str()), "id {id} changed");
    }
    let rss = site.read("output/rss.xml");
    let doc = xml(&rss);
    let channel = children(doc.root_element(), "channel")[0];
    for required in ["title", "link", "description"] {
        let n = children(channel, required)
            .iter()
            .filter(|c| c.tag_name().namespace().is_none())
            .count();
        assert_eq!(n, 1, "rss channel/{required}");
    }
    assert!(!children(channel, "item").is_empty());
}

#[test]
fn sitemap_lists_every_page_once_with_absolute_urls_and_robots_points_at_it() {
    let mut site = SiteTest::fixture("basic");
    site.build().success();
    let text = site.read("output/sitemap.xml");
    let doc = xml(&text);
    let locs: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .map(|n| n.text().unwrap().to_string())
        .collect();
    let mut sorted = locs.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), locs.len(), "duplicate sitemap entries");
    for loc in &locs {
        let rel = loc
            .strip_prefix("https://dateline.example.org/")
            .unwrap_or_else(|| panic!("not absolute: {loc}"));
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("output/{rel}index.html")
        } else {
            format!("output/{rel}")
        };
        assert!(site.exists(&file), "sitemap entry {loc} has no file");
        assert!(
            !rel.starts_with("lite/"),
            "text-only pages are not in the sitemap"
        );
    }
    // Every dispatch, city and tag page is listed.
    for page in [
        "2023/02/bakhmut-encirclement/",
        "cities/bakhmut/",
        "tags/siege/",
        "",
    ] {
        assert!(
            locs.contains(&format!("https://dateline.example.org/{page}")),
            "{page} missing"
        );
    }
    let robots = site.read("output/robots.txt");
    assert!(robots.contains("Sitemap: https://dateline.example.org/sitemap.xml"));
    assert!(robots.contains("Sitemap: https://dateline.example.org/news-sitemap.xml"));
}

#[test]
fn news_sitemap_lists_only_the_last_two_days() {
    let mut site = SiteTest::empty();
    site.dispatch(
        "2024/fresh.md",
        "Fresh",
        "2024-03-01T10:00:00+02:00",
        "cities = [\"Kyiv\"]",
    );
    site.dispatch(
        "2024/old.md",
        "Old",
        "2024-02-01T10:00:00+02:00",
        "cities = [\"Kyiv\"]",
    );
    site.build_at("2024-03-02T12:00:00Z", &[]).success();
    let news = site.read("output/news-sitemap.xml");
    xml(&news);
    assert!(news.contains("/2024/03/fresh/"));
    assert!(!news.contains("/2024/02/old/"));
}

#[test]
fn dispatch_head_has_canonical_social_and_json_ld_metadata() {
    let mut site = SiteTest::fixture("basic");
    site.build().success();
    let html = site.read("output/2023/02/bakhmut-encirclement/index.html");
    for needle in [
        "<link rel=\"canonical\" href=\"https://dateline.example.org/2023/02/bakhmut-encirclement/\">",
        "<meta name=\"description\" content=\"",
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:title\"",
        "<meta name=\"twitter:card\"",
        "<link rel=\"alternate\" type=\"application/atom+xml\"",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let v: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(v["@type"], "NewsArticle");
    assert!(
        v["datePublished"]
            .as_str()
            .unwrap()
            .starts_with("2023-02-05")
    );
    assert_eq!(v["contentLocation"][0]["name"], "Bakhmut");
    assert!(
        v["contentLocation"][0]["geo"]["latitude"]
            .as_f64()
            .is_some()
    );
}

#[test]
fn corrections_appear_in_json_ld() {
    let mut site = SiteTest::empty();
    site.dispatch(
        "2024/corrected.md",
        "Corrected",
        "2024-03-01T10:00:00+02:00",
        "cities = [\"Kyiv\"]\n[[corrections]]\ndate = 2024-03-02\nnote = \"Fixed the casualty figure.\"",
    );
    site.build().success();
    let html = site.read("output/2024/03/corrected/index.html");
    assert!(html.contains(
        "\"correction\":[{\"@type\":\"CorrectionComment\",\"text\":\"Fixed the casualty figure.\""
    ));
}

#[test]
fn sub_path_base_url_keeps_every_link_inside_it() {
    let mut site = SiteTest::fixture("basic");
    site.build_with(&["--base-url", "https://mirror.example.net/blog/"])
        .success();
    for (path, bytes) in site.snapshot_of_output_dir() {
        let name = path.to_string_lossy().to_string();
        if !(name.ends_with(".html")
            || name.ends_with(".xml")
            || name.ends_with(".txt")
            || name.ends_with("_redirects"))
        {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for attr in ["href=\"/", "src=\"/"] {
            assert!(
                !text.contains(attr) || name.ends_with("404.html"),
                "{name} has a root-relative link ({attr})"
            );
        }
        for abs in text.match_indices("https://mirror.example.net") {
            let rest = &text[abs.0 + "https://mirror.example.net".len()..];
            assert!(
                rest.starts_with("/blog"),
                "{name}: absolute URL escapes the sub-path: {}",
                &rest[..rest.len().min(40)]
            );
        }
        assert!(
            !text.contains("dateline.example.org"),
            "{name} still names the configured base_url"
        );
    }
    let not_found = site.read("output/404.html");
    assert!(
        not_found.contains("href=\"/blog/"),
        "404 links from the absolute base path"
    );
    let redirects = site.read("output/_redirects");
    assert!(
        redirects.lines().all(|l| l.starts_with("/blog/cities/")),
        "{redirects}"
    );
}

#[test]
fn check_finds_a_planted_broken_link_and_anchor() {
    let mut site = SiteTest::fixture("basic");
    site.file(
        "content/2024/links.md",
        "+++\ntitle = \"Links\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nSee [nowhere](../../../no-such-page/) and [a section](../../../2023/02/bakhmut-encirclement/#no-such-anchor).\n",
    );
    let root = site.root().display().to_string();
    site.run(&["check", "--root", &root, "--now", crate::support::NOW])
        .failure();
    let out = site.stdout().to_string();
    assert!(
        out.contains(
            "content/2024/links.md:7:5: error: link to `../../../no-such-page/` points nowhere"
        ),
        "{out}"
    );
    assert!(
        out.contains("has no element with id `no-such-anchor`"),
        "{out}"
    );
    // The summary carries the same links onto list pages (made absolute there): the same
    // problem, said once with the pages it is on.
    assert!(
        out.contains(
            "(on /2024/03/links/ and 4 other pages: /lite/2024/03/links/, /, /archive/2024/03/, …)"
        ),
        "{out}"
    );
    assert!(!out.contains(" 0 broken"), "{out}");
}

#[test]
fn check_passes_on_the_bundled_blog() {
    let mut site = SiteTest::empty();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = repo.display().to_string();
    site.run(&[
        "check",
        "--root",
        &root,
        "--now",
        crate::support::NOW,
        "--external",
    ])
    .success();
    let out = site.stdout().to_string();
    assert!(out.contains(" 0 broken, 0 images with GPS"), "{out}");
    assert!(
        out.contains("www.reuters.com"),
        "external links are listed per domain: {out}"
    );
}

#[test]
fn theme_css_is_fingerprinted_and_referenced() {
    let mut site = SiteTest::fixture("basic");
    site.build().success();
    let css = site.stylesheet();
    assert!(
        css.starts_with("style.")
            && css.ends_with(".css")
            && css.len() == "style.12345678.css".len(),
        "{css}"
    );
    assert!(
        site.read("output/index.html")
            .contains(&format!("href=\"{css}\""))
    );
    assert!(!site.exists("output/style.css"));
    // Changing the CSS changes the name.
    site.file("static/style.css", "body{color:red}");
    site.build().success();
    assert_ne!(site.stylesheet(), css);
}

#[test]
fn an_embargoed_dispatch_appears_nowhere_before_its_time_and_everywhere_after() {
    let mut site = SiteTest::fixture("basic");
    site.file(
        "content/2024/strike-report.md",
        "+++\ntitle = \"Strike report held back\"\ndate = 2024-03-01T12:00:00+02:00\npublish_after = 2024-03-01T18:00:00+02:00\ncities = [\"Odesa\"]\ntags = [\"embargo-test\"]\nauthors = [\"Night Desk\"]\n+++\n\nThe strike hit the port.\n",
    );
    site.build_at("2024-03-01T15:59:00Z", &[])
        .success()
        .stderr_contains(
            "embargoed: content/2024/strike-report.md goes live at 2024-03-01T18:00:00+02:00",
        );
    assert!(site.stdout().contains("1 embargoed"), "{}", site.stdout());
    for (path, bytes) in site.snapshot_of_output_dir() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Strike report held back") && !text.contains("strike-report"),
            "{} leaks the embargoed dispatch",
            path.display()
        );
        let name = path.to_string_lossy();
        assert!(
            !name.contains("embargo-test")
                && !name.contains("night-desk")
                && !name.contains("strike-report"),
            "{name}"
        );
    }
    site.build_at("2024-03-01T16:01:00Z", &[]).success();
    for file in [
        "output/2024/03/strike-report/index.html",
        "output/index.html",
        "output/atom.xml",
        "output/rss.xml",
        "output/sitemap.xml",
        "output/news-sitemap.xml",
        "output/cities/odesa/index.html",
        "output/cities/odesa/atom.xml",
        "output/tags/embargo-test/index.html",
        "output/authors/night-desk/index.html",
        "output/lite/index.html",
    ] {
        site.file_contains(file, "strike-report");
    }
}
