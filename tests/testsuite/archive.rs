//! The month archive (#26): `/archive/` lists every month with its count, newest first, and
//! each month's pages list exactly its dispatches, in both editions; the dispatch page's date
//! links to its month.

use std::collections::BTreeMap;

use crate::support::{SiteTest, broken_links};

/// Dispatch dates spread over months and years: a month over one list page (paginate = 3),
/// the last minute of a month in a zone ahead of UTC, a lone month, a gap year.
const DATES: &[&str] = &[
    "2022-12-31T23:30:00+02:00",
    "2023-01-01T00:10:00+02:00",
    "2023-01-05T10:00:00+02:00",
    "2023-01-09T10:00:00+02:00",
    "2023-01-12T10:00:00+02:00",
    "2023-01-31T23:59:00+02:00",
    "2023-03-01T09:00:00+02:00",
    "2025-07-14T12:00:00+03:00",
];

fn site() -> SiteTest {
    let mut t = SiteTest::empty();
    t.file("config.toml", "title = \"Months\"\npaginate = 3\n");
    for (i, date) in DATES.iter().enumerate() {
        t.dispatch(
            &format!("d/story-{i}.md"),
            &format!("Story {i}"),
            date,
            "cities = [\"Kharkiv\"]",
        );
    }
    t.build().success();
    t
}

/// `(year, month)` → number of dispatches, from the dates as written.
fn expected() -> BTreeMap<(String, String), usize> {
    let mut m = BTreeMap::new();
    for d in DATES {
        *m.entry((d[0..4].to_string(), d[5..7].to_string()))
            .or_insert(0) += 1;
    }
    m
}

/// The `href`s of a page that end in `suffix`-shaped dispatch links (`…/story-N/`).
fn story_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.contains("/story-"))
        .map(|h| h.rsplit('/').nth(1).unwrap_or_default().to_string())
        .collect()
}

/// Every dispatch listed on a month's pages (following its numbered pages).
fn listed(t: &SiteTest, base: &str) -> Vec<String> {
    let mut out = story_links(&t.read(&format!("{base}index.html")));
    let mut n = 2;
    while t.exists(&format!("{base}page/{n}/index.html")) {
        out.extend(story_links(&t.read(&format!("{base}page/{n}/index.html"))));
        n += 1;
    }
    out
}

#[test]
fn months_and_counts_match_the_dispatches() {
    let mut t = site();
    let page = t.read("output/archive/index.html");
    let archive = page.split_once("<main").unwrap().1;
    // Months newest first, each once, with its count.
    let mut shown = Vec::new();
    for part in archive.split("<a href=\"../archive/").skip(1) {
        let (path, rest) = part.split_once('"').unwrap();
        let count: usize = rest
            .split("<span class=\"count\">")
            .nth(1)
            .and_then(|c| c.split('<').next())
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no count after {path}: {rest}"));
        let (y, m) = path.trim_end_matches('/').split_once('/').unwrap();
        shown.push(((y.to_string(), m.to_string()), count));
    }
    let want: Vec<_> = expected().into_iter().rev().collect();
    assert_eq!(shown, want, "{archive}");
    let total: usize = want.iter().map(|(_, n)| n).sum();
    assert!(
        archive.contains(&format!("{total} dispatches")),
        "{archive}"
    );
    // Each month lists exactly its dispatches, newest first, across its pages; so does the
    // text-only edition.
    for ((y, m), count) in &want {
        let ids: Vec<String> = DATES
            .iter()
            .enumerate()
            .filter(|(_, d)| d[0..4] == **y && d[5..7] == **m)
            .map(|(i, _)| format!("story-{i}"))
            .rev()
            .collect();
        assert_eq!(ids.len(), *count);
        for base in [
            format!("output/archive/{y}/{m}/"),
            format!("output/lite/archive/{y}/{m}/"),
        ] {
            let got = listed(&t, &base);
            // Full pages link each dispatch from its headline only; skip repeats.
            let mut uniq = got.clone();
            uniq.dedup();
            assert_eq!(uniq, ids, "{base}");
        }
    }
    // January 2023 has five dispatches: two pages of three.
    t.file_exists("output/archive/2023/01/page/2/index.html")
        .file_missing("output/archive/2023/01/page/3")
        .file_exists("output/lite/archive/2023/01/page/2/index.html")
        .file_missing("output/archive/2024")
        .file_exists("output/lite/archive/index.html");
    let lite = t.read("output/lite/archive/index.html");
    for ((y, m), count) in &want {
        assert!(
            lite.contains(&format!("href=\"../../lite/archive/{y}/{m}/\"")),
            "{lite}"
        );
        assert!(lite.contains(&format!("({count})")), "{lite}");
    }
    let (_, broken) = broken_links(&t.out());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn a_dispatch_date_links_to_its_month() {
    let mut t = site();
    // The minute before midnight on 31 January, in Kyiv time, is January's.
    t.file_contains(
        "output/2023/01/story-5/index.html",
        "<a class=\"date\" href=\"../../../archive/2023/01/\"><time",
    )
    .file_contains(
        "output/2022/12/story-0/index.html",
        "href=\"../../../archive/2022/12/\"",
    )
    .file_contains(
        "output/lite/2023/03/story-6/index.html",
        "href=\"../../../../lite/archive/2023/03/\"",
    );
}

#[test]
fn the_sitemap_lists_the_archive_once_per_page() {
    let t = site();
    let sitemap = t.read("output/sitemap.xml");
    for loc in [
        "/archive/</loc>",
        "/archive/2023/01/</loc>",
        "/archive/2023/01/page/2/</loc>",
        "/archive/2025/07/</loc>",
    ] {
        assert_eq!(sitemap.matches(loc).count(), 1, "{loc}\n{sitemap}");
    }
    assert!(!sitemap.contains("lite/archive"), "{sitemap}");
}

#[test]
fn an_empty_site_has_an_empty_archive() {
    let mut t = SiteTest::empty();
    t.file("config.toml", "title = \"Empty\"\n")
        .file("content/.keep", "");
    t.build().success();
    t.file_contains("output/archive/index.html", "No dispatches yet")
        .file_exists("output/lite/archive/index.html");
}

#[test]
fn archive_page_snapshot() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let page = t.read("output/archive/index.html");
    let main = page
        .split_once("<main")
        .and_then(|(_, m)| m.split_once("</main>"))
        .map(|(m, _)| format!("<main{m}</main>"))
        .unwrap();
    insta::assert_snapshot!("archive_page_basic", main);
}
