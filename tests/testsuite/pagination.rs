//! Pagination boundaries: empty, one, exactly full and one over, for the front page and a city.

use crate::support::{SiteTest, broken_links};

/// A site with `n` dispatches, all from Kharkiv, ten per page.
fn site_with(n: usize) -> SiteTest {
    let mut t = SiteTest::empty();
    t.file("config.toml", "title = \"Pages\"\npaginate = 10\n");
    t.file("content/.keep", "");
    for i in 0..n {
        t.dispatch(
            &format!("2023/story-{i:02}.md"),
            &format!("Story {i:02}"),
            &format!("2023-01-{:02}T10:00:00+02:00", i + 1),
            "cities = [\"Kharkiv\"]\ntags = [\"daily\"]",
        );
    }
    t.build().success();
    t
}

/// How many numbered list pages exist under `base` (`base/index.html`, `base/page/N/`).
fn page_count(t: &SiteTest, base: &str) -> usize {
    let mut n = usize::from(t.exists(&format!("{base}index.html")));
    while t.exists(&format!("{base}page/{}/index.html", n + 1)) {
        n += 1;
    }
    n
}

fn check(n: usize, front_pages: usize, city_pages: usize) {
    let mut t = site_with(n);
    assert_eq!(
        page_count(&t, "output/"),
        front_pages,
        "front pages for {n} dispatches"
    );
    t.file_missing("output/page/1");
    t.file_missing(&format!("output/page/{}", front_pages + 1));
    assert_eq!(
        page_count(&t, "output/cities/kharkiv/"),
        city_pages,
        "Kharkiv pages for {n} dispatches"
    );
    assert_eq!(
        page_count(&t, "output/tags/daily/"),
        city_pages,
        "tag pages for {n} dispatches"
    );
    t.file_missing("output/cities/kharkiv/page/1")
        .file_missing("output/tags/daily/page/1");
    // The sitemap lists each page once, and no page that does not exist.
    let sitemap = t.read("output/sitemap.xml");
    assert_eq!(
        sitemap.matches("/page/2/</loc>").count(),
        // The front page, the city, the tag and the month (all in January 2023).
        if front_pages > 1 { 4 } else { 0 },
        "{sitemap}"
    );
    assert!(!sitemap.contains("/page/1/"), "{sitemap}");
    let (_, broken) = broken_links(&t.out());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn zero_dispatches_give_one_empty_front_page() {
    check(0, 1, 0);
    let mut t = site_with(0);
    t.file_contains("output/index.html", "No dispatches yet")
        .file_missing("output/cities/kharkiv")
        .file_exists("output/cities/index.html")
        .file_exists("output/atom.xml");
}

#[test]
fn one_dispatch_gives_one_page() {
    check(1, 1, 1);
}

#[test]
fn exactly_one_full_page_gives_one_page() {
    check(10, 1, 1);
    let mut t = site_with(10);
    t.file_lacks("output/index.html", "rel=\"next\"");
}

#[test]
fn one_over_a_full_page_gives_two_pages() {
    check(11, 2, 2);
    let mut t = site_with(11);
    // Newest ten on page 1, the oldest (Story 00) alone on page 2.
    t.file_contains("output/index.html", "Story 10")
        .file_lacks("output/index.html", "Story 00")
        .file_contains("output/page/2/index.html", "Story 00")
        .file_lacks("output/page/2/index.html", "Story 01")
        .file_contains("output/index.html", "href=\"page/2/\"")
        .file_contains("output/page/2/index.html", "rel=\"prev\" href=\"../../\"")
        .file_contains("output/cities/kharkiv/page/2/index.html", "Story 00")
        .file_lacks("output/cities/kharkiv/index.html", "Story 00");
}

#[test]
fn shrinking_back_removes_the_extra_page() {
    let mut t = site_with(11);
    t.file_exists("output/page/2/index.html");
    t.remove("content/2023/story-00.md");
    t.build().success();
    t.file_missing("output/page/2")
        .file_missing("output/cities/kharkiv/page/2");
}
