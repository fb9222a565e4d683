//! Search (#26): the Pagefind index of the dispatches and the `/search/` page, the only page
//! with a script; `search = false` leaves both out. (The browser test in
//! `tests/browser/search.test.js` searches with it.)

use crate::support::{SiteTest, tree};

/// Every `<script` of an HTML page that is not JSON-LD.
fn scripts(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(i, _)| &html[i..html[i..].find('>').map_or(html.len(), |e| i + e + 1)])
        .filter(|s| !s.contains("application/ld+json"))
        .collect()
}

#[cfg(feature = "search")]
#[test]
fn the_index_and_the_search_page_are_built_and_no_other_page_has_a_script() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    t.file_exists("output/pagefind/pagefind.js")
        .file_exists("output/pagefind/pagefind-entry.json")
        .file_exists("output/pagefind/wasm.en.pagefind")
        .file_missing("output/pagefind/pagefind-ui.js")
        .file_missing("output/pagefind/wasm.unknown.pagefind")
        .file_contains("output/index.html", "href=\"search/\">Search</a>")
        .file_contains("output/search/index.html", "id=\"search-nojs\"");
    let entry = t.read("output/pagefind/pagefind-entry.json");
    assert!(entry.contains("\"en\""), "{entry}");
    // Four dispatches indexed, nothing else.
    assert!(entry.contains("\"page_count\":4"), "{entry}");
    for (path, bytes) in tree(&t.out()) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let found = scripts(&html);
        if path == std::path::Path::new("search/index.html") {
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(found[0].starts_with("<script type=\"module\" src=\"../search."));
            // The footer's promise tells the truth here too.
            assert!(html.contains("A script on this page only, for search;"));
            assert!(!html.contains("No scripts,"));
        } else {
            assert!(found.is_empty(), "{}: {found:?}", path.display());
        }
        assert!(!html.contains("data-pagefind"), "{}", path.display());
    }
    // The sitemap leaves the search page out.
    t.file_lacks("output/sitemap.xml", "/search/");
}

#[cfg(feature = "search")]
#[test]
fn the_index_is_the_same_every_build() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let index = |t: &SiteTest| {
        tree(&t.out())
            .into_iter()
            .filter(|(p, _)| p.starts_with("pagefind"))
            .collect::<Vec<_>>()
    };
    let first = index(&t);
    assert!(first.len() > 5, "{} files", first.len());
    t.remove("output");
    t.build().success();
    assert!(first == index(&t), "a second build made a different index");
}

#[test]
fn search_false_leaves_out_the_index_the_page_and_the_link() {
    let mut t = SiteTest::fixture("basic");
    let config = t.read("config.toml");
    t.file("config.toml", &format!("{config}\nsearch = false\n"));
    t.build().success();
    t.file_missing("output/pagefind")
        .file_missing("output/search")
        .file_lacks("output/index.html", "search/")
        .file_exists("output/archive/index.html");
    let scripts: Vec<_> = tree(&t.out())
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    assert!(scripts.is_empty(), "{scripts:?}");
}

/// Pagefind has no stemmer for Ukrainian: the Ukrainian index's entry file has `"wasm": null`
/// and its script then loads `wasm.unknown.pagefind`, which must be published (without it the
/// Ukrainian search page never shows its form).
#[cfg(feature = "search")]
#[test]
fn an_index_in_a_language_pagefind_cannot_stem_publishes_its_fallback_webassembly() {
    let mut t = SiteTest::empty();
    t.file(
        "config.toml",
        "title = \"Desk\"\nbase_url = \"https://example.org/\"\n\n[languages.uk]\ntitle = \"Редакція\"\n",
    );
    t.dispatch("x.md", "Shelling", "2023-02-05T10:00:00+02:00", "");
    t.dispatch("x.uk.md", "Обстріл", "2023-02-05T10:00:00+02:00", "");
    t.build().success();
    let entry = t.read("output/uk/pagefind/pagefind-entry.json");
    assert!(entry.contains("\"wasm\":null"), "{entry}");
    t.file_exists("output/uk/pagefind/wasm.unknown.pagefind")
        .file_exists("output/pagefind/wasm.en.pagefind")
        .file_missing("output/pagefind/wasm.unknown.pagefind")
        .file_missing("output/uk/pagefind/wasm.en.pagefind");
    // The page loads the index beside it, whichever folder the script is in.
    t.file_contains(
        "output/uk/search/index.html",
        "data-bundle=\"../pagefind/\"",
    );
}
