//! Input that would make the output grow faster than itself, or merge things silently: giant
//! summaries, clashing term names, `dateline new` titles that would close the front matter,
//! and links in `static/`.

use crate::support::SiteTest;

/// A 2 MB first paragraph is one dispatch's page, not 2 MB in every list that shows it.
#[test]
fn a_giant_first_paragraph_costs_its_own_page_only() {
    let mut t = SiteTest::fixture("basic");
    let tags: Vec<String> = (0..50).map(|i| format!("\"t{i}\"")).collect();
    let body = "word ".repeat(400_000);
    t.file(
        "content/2024/big.md",
        &format!(
            "+++\ntitle = \"Big\"\ndate = 2024-05-02T10:00:00+03:00\ntags = [{}]\n+++\n\n{body}\n",
            tags.join(", ")
        ),
    );
    t.build().success();
    let total: usize = t.snapshot_of_output_dir().values().map(Vec::len).sum();
    // The page and its text-only edition hold the body (2 MB each); feeds hold it once more
    // each (Atom, RSS). Everything else (50 tag pages and feeds, lists) holds the summary.
    assert!(
        total < 5 * body.len(),
        "{total} bytes for a {} byte body",
        body.len()
    );
    let tag_page = t.read("output/tags/t7/index.html");
    assert!(tag_page.len() < 20_000, "{} bytes", tag_page.len());
}

#[test]
fn terms_that_share_an_address_are_named() {
    let mut t = SiteTest::fixture("basic");
    t.dispatch(
        "2024/a.md",
        "A",
        "2024-05-01T10:00:00+03:00",
        "tags = [\"Front line\"]",
    );
    t.dispatch(
        "2024/b.md",
        "B",
        "2024-05-02T10:00:00+03:00",
        "tags = [\"front-line\"]\nauthors = [\"..\", \"/\"]",
    );
    t.build().success();
    t.stderr_contains("content/2024/a.md:4:1: warning: tags entry `Front line` and `front-line` (in content/2024/b.md) share the address /tags/front-line/");
    t.stderr_contains("authors entry `/` and `..`");
}

#[test]
fn new_refuses_a_title_that_would_break_the_front_matter() {
    let mut t = SiteTest::fixture("basic");
    let root = t.root().display().to_string();
    let before = t.snapshot_of_root();
    t.run(&["new", "Evil\n+++\ndraft = true", "--root", &root])
        .failure();
    t.stderr_contains("write it on one line");
    assert!(before == t.snapshot_of_root(), "nothing was written");
    t.run(&["new", "Fine +++ title", "--tag", "a\u{7}b", "--root", &root])
        .failure();
    t.stderr_contains("--tag");
    t.run(&["new", "+++", "--root", &root]).success();
    t.build().success();
}

#[cfg(unix)]
#[test]
fn links_in_static_are_followed_within_the_site_only() {
    let mut t = SiteTest::fixture("basic");
    t.file("static/real.txt", "inside");
    t.file("notes/shared.txt", "shared");
    std::os::unix::fs::symlink(
        t.root().join("notes/shared.txt"),
        t.root().join("static/linked.txt"),
    )
    .unwrap();
    t.build().success();
    t.file_contains("output/linked.txt", "shared");
    let before = crate::hostile::snapshot(&t);
    std::fs::write(t.tmp().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(t.tmp().join("secret.txt"), t.root().join("static/out.txt"))
        .unwrap();
    std::os::unix::fs::symlink(t.root().join("missing"), t.root().join("static/broken.txt"))
        .unwrap();
    crate::hostile::assert_refused(
        &mut t,
        &before,
        &[
            "static/out.txt: error:",
            "outside the site",
            "static/broken.txt: error:",
        ],
    );
}
