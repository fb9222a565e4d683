//! What a successful build produces: every page type, its links, drafts, the embedded theme.

use crate::support::{SiteTest, broken_links, links};

/// The dispatch pages of the `basic` fixture.
const BASIC_DISPATCHES: [&str; 4] = [
    "2023/02/bakhmut-encirclement/",
    "2023/03/chasiv-yar-shelling/",
    "2022/11/kyiv-blackouts/",
    "2024/01/bakhmut-ruins/",
];

#[test]
fn basic_fixture_produces_every_page_type() {
    let mut t = SiteTest::fixture("basic");
    t.build().success().stdout_contains("Built 4 dispatches");
    for f in [
        "index.html",
        "cities/index.html",
        "cities/bakhmut/index.html",
        "cities/chasiv-yar/index.html",
        "cities/kyiv/index.html",
        "tags/index.html",
        "tags/siege/index.html",
        "tags/frontline/index.html",
        "tags/energy/index.html",
        "tags/shelling/index.html",
        "authors/olena-kovalenko/index.html",
        "authors/dateline-desk/index.html",
        "404.html",
        "atom.xml",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
    ] {
        t.file_exists(&format!("output/{f}"));
    }
    for d in BASIC_DISPATCHES {
        t.file_exists(&format!("output/{d}index.html"));
    }
    // The theme's stylesheet (possibly fingerprinted) is published and linked.
    let css = t.stylesheet();
    assert!(
        t.read(&format!("output/{css}")).len() > 100,
        "stylesheet {css} is nearly empty"
    );
    // The bundle's own file is copied beside its page, byte for byte.
    let notes = std::fs::read(t.path("content/2023/bakhmut-encirclement/field-notes.txt")).unwrap();
    assert_eq!(
        std::fs::read(t.path("output/2023/02/bakhmut-encirclement/field-notes.txt")).unwrap(),
        notes
    );
    // …and not mirrored at its content path.
    t.file_missing("output/2023/bakhmut-encirclement/field-notes.txt");
    // The alias "Artemivsk" lands on the canonical city, not on a city of its own: its path
    // is either absent or only a redirect to Bakhmut.
    if t.exists("output/cities/artemivsk/index.html") {
        t.file_contains("output/cities/artemivsk/index.html", "url=../bakhmut/")
            .file_lacks("output/cities/artemivsk/index.html", "Bakhmut under siege");
    }
    t.file_contains("output/cities/bakhmut/index.html", "Bakhmut under siege");
    t.file_contains(
        "output/cities/bakhmut/index.html",
        "A year after the fall: the ruins of Bakhmut",
    );
}

#[test]
fn front_page_links_every_dispatch() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let hrefs = links(&t.read("output/index.html"));
    for d in BASIC_DISPATCHES {
        assert!(
            hrefs.iter().any(|h| h == d),
            "front page does not link {d}; links: {hrefs:?}"
        );
    }
    // Newest first.
    let home = t.read("output/index.html");
    let pos = |s: &str| {
        home.find(s)
            .unwrap_or_else(|| panic!("{s} not on the front page"))
    };
    assert!(pos("bakhmut-ruins/") < pos("chasiv-yar-shelling/"));
    assert!(pos("chasiv-yar-shelling/") < pos("bakhmut-encirclement/"));
    assert!(pos("bakhmut-encirclement/") < pos("kyiv-blackouts/"));
}

#[test]
fn dispatch_page_links_its_places_tags_and_authors_relatively() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let page = "output/2023/02/bakhmut-encirclement/index.html";
    for href in [
        "../../../cities/bakhmut/",
        "../../../cities/chasiv-yar/",
        "../../../tags/siege/",
        "../../../tags/frontline/",
        "../../../authors/olena-kovalenko/",
        "field-notes.txt",
    ] {
        t.file_contains(page, &format!("href=\"{href}\""));
    }
    // The dateline uses the canonical name even though the front matter says Artemivsk.
    t.file_contains(page, "BAKHMUT, 5 February 2023");
    t.file_lacks(page, "cities/artemivsk/");
    let css = t.stylesheet();
    t.file_contains(page, &format!("href=\"../../../{css}\""));
}

#[test]
fn list_pages_link_their_terms() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    t.file_contains("output/cities/index.html", "href=\"../cities/bakhmut/\"")
        .file_contains("output/cities/index.html", "href=\"../cities/chasiv-yar/\"")
        .file_contains("output/tags/index.html", "href=\"../tags/frontline/\"")
        .file_contains(
            "output/tags/frontline/index.html",
            "href=\"../../2022/11/kyiv-blackouts/\"",
        )
        .file_contains(
            "output/tags/frontline/index.html",
            "href=\"../../2023/02/bakhmut-encirclement/\"",
        )
        .file_lacks("output/tags/frontline/index.html", "chasiv-yar-shelling/")
        .file_contains("output/authors/dateline-desk/index.html", "kyiv-blackouts/")
        .file_lacks(
            "output/authors/olena-kovalenko/index.html",
            "bakhmut-ruins/",
        );
}

#[test]
fn every_local_link_in_every_html_file_resolves() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let (checked, broken) = broken_links(&t.out());
    assert!(checked > 100, "suspiciously few links checked: {checked}");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn every_local_link_resolves_on_paginated_lists_too() {
    let mut t = SiteTest::fixture("basic");
    t.file("config.toml", "title = \"Small pages\"\npaginate = 1\n");
    t.build().success();
    t.file_exists("output/page/4/index.html")
        .file_exists("output/cities/bakhmut/page/2/index.html");
    let (_, broken) = broken_links(&t.out());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// A bundle whose first paragraph links its own files: the summary is shown on the front
/// page, city and tag pages, which live in other folders, so the links must still resolve.
#[test]
fn bundle_links_in_summaries_resolve_on_list_pages() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/street-view/index.md",
        "+++\ntitle = \"Street view\"\ndate = 2023-07-01T10:00:00+03:00\ncities = [\"Kyiv\"]\ntags = [\"photo\"]\n+++\n\nSee ![the street at dawn](street.txt) and the [notes](notes.txt).\n\nMore text.\n",
    )
    .file("content/2023/street-view/street.txt", "street")
    .file("content/2023/street-view/notes.txt", "notes");
    t.build().success();
    t.file_exists("output/2023/07/street-view/street.txt");
    let (_, broken) = broken_links(&t.out());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn feeds_and_sitemap_list_every_dispatch() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    for d in BASIC_DISPATCHES {
        let url = format!("https://dateline.example.org/{d}");
        t.file_contains("output/atom.xml", &url)
            .file_contains("output/rss.xml", &url)
            .file_contains("output/sitemap.xml", &format!("<loc>{url}</loc>"));
    }
    t.file_contains(
        "output/robots.txt",
        "Sitemap: https://dateline.example.org/sitemap.xml",
    )
    .file_contains(
        "output/sitemap.xml",
        "<loc>https://dateline.example.org/cities/bakhmut/</loc>",
    )
    .file_lacks("output/sitemap.xml", "404.html")
    .file_contains("output/cities/bakhmut/atom.xml", "bakhmut-ruins/")
    .file_lacks("output/cities/bakhmut/atom.xml", "kyiv-blackouts/");
    let sitemap = t.read("output/sitemap.xml");
    let locs = crate::support::elements(&sitemap, "loc");
    let mut unique = locs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        locs.len(),
        unique.len(),
        "duplicate <loc> in sitemap:\n{sitemap}"
    );
    for loc in locs {
        let rel = loc
            .strip_prefix("https://dateline.example.org/")
            .expect("absolute loc");
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("output/{rel}index.html")
        } else {
            format!("output/{rel}")
        };
        t.file_exists(&file);
    }
}

#[test]
fn site_without_config_builds_with_the_embedded_theme() {
    let mut t = SiteTest::fixture("no-config");
    assert!(!t.exists("config.toml") && !t.exists("themes"));
    t.build().success();
    t.file_contains("output/2023/08/odesa-port/index.html", "Odesa port reopens")
        .file_contains("output/index.html", "href=\"2023/08/odesa-port/\"")
        .file_exists("output/cities/odesa/index.html")
        .file_exists("output/tags/shipping/index.html")
        .file_exists("output/404.html");
    t.stylesheet();
    let (_, broken) = broken_links(&t.out());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let mut t = SiteTest::fixture("basic");
    t.dispatch(
        "2023/secret-plan.md",
        "Secret draft about Kramatorsk",
        "2023-04-01T10:00:00+03:00",
        "draft = true\ncities = [\"Kramatorsk\"]\ntags = [\"unpublished-tag\"]",
    );
    let page = "output/2023/04/secret-plan/index.html";
    t.build().success().stdout_contains("Built 4 dispatches");
    t.file_missing(page)
        .file_missing("output/cities/kramatorsk/index.html")
        .file_missing("output/tags/unpublished-tag/index.html");
    for f in [
        "index.html",
        "sitemap.xml",
        "atom.xml",
        "rss.xml",
        "cities/index.html",
        "tags/index.html",
    ] {
        t.file_lacks(&format!("output/{f}"), "secret-plan")
            .file_lacks(&format!("output/{f}"), "Secret draft");
    }

    t.build_with(&["--drafts"])
        .success()
        .stdout_contains("Built 5 dispatches");
    t.file_contains(page, "Secret draft about Kramatorsk")
        .file_contains("output/index.html", "href=\"2023/04/secret-plan/\"")
        .file_contains("output/sitemap.xml", "/2023/04/secret-plan/")
        .file_contains("output/atom.xml", "/2023/04/secret-plan/")
        .file_contains("output/rss.xml", "/2023/04/secret-plan/")
        .file_exists("output/cities/kramatorsk/index.html");

    // Back to a normal build: the draft's page is removed again.
    t.build().success();
    t.file_missing(page)
        .file_lacks("output/index.html", "secret-plan");
}

#[test]
fn files_beside_unpublished_dispatches_are_not_published() {
    let mut t = SiteTest::fixture("basic");
    t.file("content/2023/secret/index.md", "+++\ntitle = \"Secret\"\ndate = 2023-05-01T10:00:00+03:00\ndraft = true\n+++\n\nx\n")
        .file("content/2023/secret/source-photo.txt", "identifies a source")
        .file("content/2025/later/index.md", "+++\ntitle = \"Later\"\ndate = 2025-12-01T10:00:00+02:00\npublish_after = 2030-01-01T00:00:00Z\n+++\n\nx\n")
        .file("content/2025/later/embargoed-map.txt", "not yet");
    t.build().success();
    let leaked: Vec<String> = crate::support::tree(&t.out())
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| {
            p.contains("source-photo")
                || p.contains("embargoed-map")
                || p.contains("secret")
                || p.contains("later")
        })
        .collect();
    assert!(
        leaked.is_empty(),
        "unpublished material in output: {leaked:?}"
    );
    t.build_with(&["--drafts"]).success();
    t.file_exists("output/2023/05/secret/source-photo.txt");
}

#[test]
fn site_static_files_are_copied_and_win_over_the_theme() {
    let mut t = SiteTest::fixture("basic");
    t.file("static/style.css", "body { color: red }\n")
        .file("static/docs/press-kit.txt", "kit");
    t.build().success();
    assert_eq!(t.read("output/docs/press-kit.txt"), "kit");
    let (_, broken) = broken_links(&t.out());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let css = t.stylesheet();
    assert!(
        t.read(&format!("output/{css}")).contains("color: red"),
        "stylesheet {css} is not the site's"
    );
}

#[test]
fn partial_theme_falls_back_to_the_default_templates() {
    let mut t = SiteTest::fixture("basic");
    t.file("config.toml", "theme = \"custom\"\n").file(
        "themes/custom/templates/article.html",
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ page.title }}</h1>{% endblock main %}",
    );
    t.build().success();
    t.file_contains(
        "output/2024/01/bakhmut-ruins/index.html",
        "<h1 class=\"custom\">A year after the fall",
    )
    .file_contains("output/cities/bakhmut/index.html", "A year after the fall");
}

#[test]
fn item_filter_fills_root_and_heading_for_each_list() {
    let mut t = SiteTest::fixture("basic");
    t.file("config.toml", "theme = \"custom\"\npaginate = 1\n")
        .file(
            "themes/custom/templates/item.html",
            "<p class=\"it\">[{{ root }}|{{ item_heading | default(value=2) }}|{{ p.title }}]</p>",
        );
    t.build().success();
    let title = "A year after the fall: the ruins of Bakhmut";
    t.file_contains("output/index.html", &format!("[|2|{title}]"))
        .file_contains(
            "output/cities/bakhmut/index.html",
            &format!("[../../|3|{title}]"),
        )
        .file_contains(
            "output/tags/siege/index.html",
            &format!("[../../|2|{title}]"),
        )
        .file_contains(
            "output/authors/dateline-desk/index.html",
            &format!("[../../|2|{title}]"),
        );
    // On page 2 and later the way back to the root is longer.
    t.file_contains("output/page/2/index.html", "[../../|2|")
        .file_contains(
            "output/cities/bakhmut/page/2/index.html",
            "[../../../../|3|Bakhmut under siege]",
        );
}

#[test]
fn item_html_needing_the_list_is_an_error_naming_it_unless_included() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = t.snapshot_of_output_dir();
    // `paginator` exists only on the list page: the filter renders item.html once per
    // dispatch, outside any list, so it must say which template and dispatch failed.
    t.file("config.toml", "theme = \"custom\"\n").file(
        "themes/custom/templates/item.html",
        "<p>\n{{ paginator.current }}. {{ p.title }}</p>",
    );
    t.build()
        .failure()
        .stderr_contains("themes/custom/templates/item.html:2:")
        .stderr_contains("content/2024/bakhmut-ruins.md")
        .stderr_contains("sees only `p`, `site`, `assets`, `root` and `item_heading`");
    assert!(
        before == t.snapshot_of_output_dir(),
        "a failed build changed the output"
    );
    // Included from the list itself, the same item.html works: without the filter in any
    // template, nothing is rendered ahead.
    for name in ["index.html", "tag.html", "author.html", "month.html"] {
        let default = std::fs::read_to_string(format!("themes/default/templates/{name}")).unwrap();
        let included = default.replace("{{ p | item }}", "{% include \"item.html\" %}");
        assert_ne!(default, included, "{name} no longer uses the item filter");
        t.file(&format!("themes/custom/templates/{name}"), &included);
    }
    let city = std::fs::read_to_string("themes/default/templates/city.html").unwrap();
    t.file(
        "themes/custom/templates/city.html",
        &city.replace("{{ p | item(heading=3) }}", "{% include \"item.html\" %}"),
    );
    t.build().success();
    t.file_contains("output/index.html", "1. A year after the fall")
        .file_contains(
            "output/cities/bakhmut/index.html",
            "1. A year after the fall",
        );
}

#[test]
fn embargoed_dispatch_waits_for_its_time() {
    let mut t = SiteTest::fixture("basic");
    t.dispatch(
        "2025/embargoed.md",
        "Embargoed",
        "2025-12-30T10:00:00+02:00",
        "publish_after = 2026-02-01T00:00:00Z",
    );
    t.build()
        .success()
        .stderr_contains("embargoed: content/2025/embargoed.md");
    t.file_missing("output/2025/12/embargoed/index.html")
        .file_lacks("output/index.html", "embargoed/");
    t.build_at("2026-03-01T00:00:00Z", &[]).success();
    t.file_exists("output/2025/12/embargoed/index.html");
}

#[test]
fn base_url_override_changes_permalinks_only() {
    let mut t = SiteTest::fixture("basic");
    t.build_with(&["--base-url", "https://mirror.example.net/"])
        .success();
    t.file_contains(
        "output/atom.xml",
        "https://mirror.example.net/2024/01/bakhmut-ruins/",
    )
    .file_lacks("output/atom.xml", "dateline.example.org")
    .file_contains(
        "output/2024/01/bakhmut-ruins/index.html",
        "href=\"../../../cities/bakhmut/\"",
    );
}

#[test]
fn dispatch_page_snapshot() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    insta::assert_snapshot!(
        "dispatch_page_bakhmut_encirclement",
        t.read("output/2023/02/bakhmut-encirclement/index.html")
    );
}

/// Tags written differently but with one slug are one topic, named as first written (newest
/// dispatch first), listing every dispatch once; topics are listed by slug.
#[test]
fn tags_with_one_slug_are_one_topic() {
    let mut t = SiteTest::empty();
    t.file("config.toml", "title = \"Topics\"\n");
    for (i, tags) in [
        r#"["Power grid", "Drones"]"#,
        r#"["drones", "drones"]"#,
        r#"["Air defence", "DRONES"]"#,
    ]
    .iter()
    .enumerate()
    {
        t.dispatch(
            &format!("story-{i}.md"),
            &format!("Story {i}"),
            &format!("2023-01-0{}T10:00:00+02:00", 3 - i),
            &format!("cities = [\"Kharkiv\"]\ntags = {tags}"),
        );
    }
    t.build().success();
    let topic = t.read("output/tags/drones/index.html");
    assert!(topic.contains("Drones"), "{topic}");
    for i in 0..3 {
        assert_eq!(topic.matches(&format!("Story {i}<")).count(), 1, "{topic}");
    }
    let index = t.read("output/tags/index.html");
    let at = |name: &str| {
        index
            .find(name)
            .unwrap_or_else(|| panic!("{name}: {index}"))
    };
    assert!(
        at("Air defence") < at("Drones") && at("Drones") < at("Power grid"),
        "{index}"
    );
    assert!(
        !index.contains("DRONES") && !index.contains(">drones<"),
        "{index}"
    );
}
